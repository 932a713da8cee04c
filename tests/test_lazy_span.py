"""A place looked up only when asked for stands for the plain span in every way."""

from __future__ import annotations

import copy
import pickle

from samverkan.diagnostics import LazySpan, Span


def test_lazy_span_is_looked_up_once_and_only_when_asked() -> None:
    calls: list[int] = []

    def find() -> Span:
        calls.append(1)
        return Span("a.yaml", 3, 5)

    lazy = LazySpan("a.yaml", find)
    assert lazy.path == "a.yaml"
    assert not calls
    assert (lazy.line, lazy.col) == (3, 5)
    assert str(lazy) == "a.yaml:3:5"
    assert len(calls) == 1


def test_lazy_span_equals_orders_hashes_and_pickles_as_the_plain_span() -> None:
    plain = Span("a.yaml", 3, 5)
    lazy = LazySpan("a.yaml", lambda: Span("a.yaml", 3, 5))
    assert lazy == plain
    assert plain == lazy
    assert hash(lazy) == hash(plain)
    assert sorted([Span("a.yaml", 4, 1), lazy, Span("a.yaml", 1, 1)]) == [
        Span("a.yaml", 1, 1),
        plain,
        Span("a.yaml", 4, 1),
    ]
    assert lazy < Span("a.yaml", 4, 1)
    assert Span("a.yaml", 1, 1) < lazy
    again = pickle.loads(pickle.dumps(lazy))
    assert type(again) is Span
    assert again == plain
    assert type(copy.deepcopy(lazy)) is Span
    assert repr(lazy) == repr(plain)
