"""The site's links and the filters its pages count rows with: the same as the slower ways
they replace (``posixpath.relpath``; ``selectattr`` and ``length``)."""

from __future__ import annotations

import posixpath
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from samverkan.render.environment import environment
from samverkan.site.overview import _relpath, relative

_PART = st.sampled_from(["index.html", "kommun", "dokument", "a", "b.html", "å-1.html", ".", "..", ""])
_PATH = st.lists(_PART, min_size=1, max_size=4).map("/".join)
_FOLDER = st.one_of(st.just("."), st.lists(_PART, min_size=1, max_size=3).map("/".join))


@given(target=_PATH, folder=_FOLDER)
def test_relpath_is_posixpaths(target: str, folder: str) -> None:
    if not target:
        return
    assert _relpath(target, folder) == posixpath.relpath(target, folder)


def test_relative_links_between_the_sites_folders() -> None:
    assert relative("kommun/uppsala-kommun.html", "overenskommelse/å-1.html") == "../overenskommelse/%C3%A5-1.html"
    assert relative("index.html", "kommun/x.html#frister") == "kommun/x.html#frister"
    assert relative("kommun/x.html", "kommun/y.html") == "y.html"
    assert relative("kommun/x.html", "#top") == "#top"


_STATES = ["overdue", "due", "upcoming", "done"]
_ROW = st.builds(
    lambda state, responsible, kind: SimpleNamespace(
        state=SimpleNamespace(key=state), responsible=responsible, kind=kind
    ),
    st.sampled_from(_STATES),
    st.sampled_from([None, "", "Polisen"]),
    st.sampled_from(["agreement", "citizen-promise"]),
)


_ENV = environment("html")


@given(rows=st.lists(_ROW, max_size=12))
def test_tally_and_any_with_count_as_selectattr_does(rows: list[SimpleNamespace]) -> None:
    env = _ENV
    ours = env.from_string(
        '{% set c = rows | tally("state.key") %}{% for s in states %}{{ c[s] }},{% endfor %}'
        '{{ rows | any_with("responsible") }},{{ rows | any_with("kind", "citizen-promise") }}'
    )
    theirs = env.from_string(
        '{% for s in states %}{{ rows | selectattr("state.key", "equalto", s) | list | length }},{% endfor %}'
        '{{ rows | selectattr("responsible") | list | length > 0 }},'
        '{{ rows | selectattr("kind", "equalto", "citizen-promise") | list | length > 0 }}'
    )
    assert ours.render(rows=rows, states=_STATES) == theirs.render(rows=rows, states=_STATES)
