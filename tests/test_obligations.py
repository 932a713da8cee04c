"""The deadlines engine: every date DOMAIN.md computes from the real documents, agreement
states, and properties of the date arithmetic."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.dates import add_months, aligned_window, days_in_month, extend_end, month_end, recurring_windows
from samverkan.model import Agreement, DocumentRoot
from samverkan.obligations import Kind, Obligation, State, obligations
from samverkan.periods import upper_bound
from samverkan.source import parse_text
from samverkan.status import AgreementState, agreement_state, chains, statuses
from samverkan.validation import validate_source
from samverkan.workspace import LoadedFile, Workspace, load_workspace

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
D = dt.date


def _bundled() -> Workspace:
    return load_workspace([AGREEMENTS])


def _workspace(**texts: str) -> Workspace:
    ws = Workspace()
    for name, text in texts.items():
        source = parse_text(text, f"{name}.yaml")
        root, problems = validate_source(source, DocumentRoot)
        assert source.diagnostics == [] and problems == [], (source.diagnostics, problems)
        assert isinstance(root, DocumentRoot)
        ws.files.append(LoadedFile(source, root.root))
    return ws


def _with(path: str, old: str, new: str) -> str:
    text = (AGREEMENTS / path).read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def _of(found: list[Obligation], agreement: str, kind: Kind) -> list[Obligation]:
    return [o for o in found if o.agreement == agreement and o.kind is kind]


# The real documents -------------------------------------------------------------------------


def test_uppsala_2014_tertial_follow_ups_expiry_and_option() -> None:
    found = obligations(_bundled(), D(2014, 3, 1))
    follow_ups = _of(found, "uppsala-2014", Kind.FOLLOW_UP)
    assert [(o.window_start, o.due) for o in follow_ups] == [
        (D(2014, 1, 1), D(2014, 4, 30)),
        (D(2014, 5, 1), D(2014, 8, 31)),
        (D(2014, 9, 1), D(2014, 12, 31)),
    ]
    assert [o.state for o in follow_ups] == [State.DUE, State.UPCOMING, State.UPCOMING]
    assert "Jan–Apr 2014" in follow_ups[0].text
    assert follow_ups[0].span.path.endswith("uppsala-2014-handlingsplan.yaml")
    assert [o.due for o in _of(found, "uppsala-2014", Kind.EXPIRY)] == [D(2014, 12, 31)]
    decision = _of(found, "uppsala-2014", Kind.EXTENSION_DECISION)
    assert [(o.due, o.state) for o in decision] == [(D(2014, 12, 31), State.DUE)]


def test_upplands_vasby_half_time_consultation_expiry_and_meetings() -> None:
    found = obligations(_bundled(), D(2022, 5, 21))
    half = _of(found, "upplands-vasby-2021", Kind.FOLLOW_UP)
    assert [(o.window_start, o.due) for o in half] == [(D(2021, 12, 1), D(2021, 12, 31))]
    assert half[0].state is State.OVERDUE
    assert half[0].responsible == "Strategiskt samverkansforum/styrgrupp"
    consultation = _of(found, "upplands-vasby-2021", Kind.CONSULTATION)
    assert [(o.due, o.state, o.days_left(D(2022, 5, 21))) for o in consultation] == [(D(2022, 6, 30), State.DUE, 40)]
    assert [o.due for o in _of(found, "upplands-vasby-2021", Kind.EXPIRY)] == [D(2022, 12, 31)]
    meetings = _of(found, "upplands-vasby-2021", Kind.MEETINGS)
    assert [(o.window_start, o.due) for o in meetings] == [
        (D(2021, 1, 1), D(2021, 12, 31)),
        (D(2022, 1, 1), D(2022, 12, 31)),
    ]
    assert all("at least 2 meetings" in o.text for o in meetings)


@pytest.mark.parametrize(
    ("consultations", "done_on"),
    [
        ("", D(2022, 5, 20)),  # no consultation recorded: the decision shows one was held
        ("consultations:\n  - date: 2022-05-10\n", D(2022, 5, 10)),  # the day it was held, not the decision's
        ("consultations:\n  - date: 2022-05-20\n", D(2022, 5, 20)),
    ],
)
def test_a_recorded_consultation_is_done_on_its_own_day(consultations: str, done_on: dt.date) -> None:
    """With a consultation and then an extension decision recorded, the consultation is done on
    the day it was held; the decision on extension is done on the day it was decided."""
    text = _with(
        "upplands-vasby/upplands-vasby-2021.yaml",
        "situation_picture:",
        f"{consultations}extensions:\n  - decided: 2022-05-20\nsituation_picture:",
    )
    found = obligations(_workspace(vasby=text), D(2022, 5, 21))
    first = _of(found, "upplands-vasby-2021", Kind.CONSULTATION)[0]
    assert (first.due, first.state, first.done_on) == (D(2022, 6, 30), State.DONE, done_on)


def test_upplands_vasby_after_one_recorded_extension() -> None:
    text = _with(
        "upplands-vasby/upplands-vasby-2021.yaml",
        "situation_picture:",
        "extensions:\n  - decided: 2022-05-20\nsituation_picture:",
    )
    ws = _workspace(vasby=text)
    found = obligations(ws, D(2023, 3, 1))
    consultation = _of(found, "upplands-vasby-2021", Kind.CONSULTATION)
    assert [(o.due, o.state, o.done_on) for o in consultation] == [
        (D(2022, 6, 30), State.DONE, D(2022, 5, 20)),
        (D(2024, 6, 30), State.DUE, None),
    ]
    assert [(o.due, o.state) for o in _of(found, "upplands-vasby-2021", Kind.EXPIRY)] == [
        (D(2022, 12, 31), State.PASSED),  # the first term's end, extended on 2022-05-20
        (D(2024, 12, 31), State.UPCOMING),
    ]
    agreement = next(a for _, a in ws.agreements())
    assert agreement_state(agreement, (), D(2023, 3, 1)) == (AgreementState.EXTENDED, "until 2024-12-31")
    assert agreement_state(agreement, (), D(2024, 7, 1)) == (
        AgreementState.EXTENSION_PENDING,
        "consultation was due 2024-06-30",
    )


def test_strategic_forum_met_once_in_2021() -> None:
    text = _with(
        "upplands-vasby/upplands-vasby-2021.yaml",
        "        text: utifrån behov men minst två gånger per år\n",
        "        text: utifrån behov men minst två gånger per år\n      meetings:\n        - date: 2021-05-04\n",
    )
    found = obligations(_workspace(vasby=text), D(2022, 1, 15))
    meetings = _of(found, "upplands-vasby-2021", Kind.MEETINGS)
    assert (meetings[0].state, meetings[0].detail) == (State.OVERDUE, "1 of at least 2 recorded")
    assert (meetings[1].state, meetings[1].detail) == (State.DUE, "0 of at least 2 recorded")


def test_umea_yearly_follow_ups_continue_after_the_end() -> None:
    ws = _bundled()
    found = obligations(ws, D(2025, 6, 1))
    yearly = _of(found, "umea-2021", Kind.FOLLOW_UP)
    # It runs on indefinitely: the series is drawn to the horizon, 25 years after its last day.
    assert [o.due for o in yearly] == [D(y, 12, 31) for y in range(2021, 2050)]
    assert [o.state for o in yearly if o.due.year == 2025] == [State.DUE]
    expiry = _of(found, "umea-2021", Kind.EXPIRY)
    assert [(o.due, o.state) for o in expiry] == [(D(2024, 12, 31), State.PASSED)]
    assert "continues indefinitely" in expiry[0].text
    umea = next(a for _, a in ws.agreements() if a.id == "umea-2021")
    assert agreement_state(umea, (), D(2025, 6, 1)) == (AgreementState.INDEFINITE, "since 2025-01-01")
    assert agreement_state(umea, (), D(2024, 6, 1)) == (AgreementState.IN_FORCE, "until 2024-12-31")


def test_umea_is_replaced_by_a_newer_umea_agreement() -> None:
    umea = (AGREEMENTS / "umea/umea-2021.yaml").read_text(encoding="utf-8")
    newer = umea.replace("id: umea-2021", "id: umea-2026\nreplaces: umea-2021").replace(
        "  start: 2021-01-01\n  end: 2024-12-31", "  start: 2026-03-01\n  end: 2029-12-31"
    )
    ws = _workspace(old=umea, new=newer)
    found = obligations(ws, D(2026, 6, 1))
    old_follow_ups = [o.due for o in _of(found, "umea-2021", Kind.FOLLOW_UP)]
    assert old_follow_ups[-1] == D(2026, 2, 28)  # it owes nothing after the day before it is replaced
    states = {s.id: (s.state, s.detail) for s in statuses(ws, found, D(2026, 6, 1))}
    assert states["umea-2021"] == (AgreementState.REPLACED, "by 'umea-2026' from 2026-03-01")
    chain = chains(statuses(ws, found, D(2026, 6, 1)))
    assert [c.municipality for c in chain] == ["Umeå kommun"]
    assert chain[0].gaps == ()  # it ran on indefinitely: no gap


def test_uppsala_chain_has_no_claimed_gap_and_states() -> None:
    ws = _bundled()
    found = obligations(ws, D(2025, 6, 1))
    uppsala = next(c for c in chains(statuses(ws, found, D(2025, 6, 1))) if c.municipality == "Uppsala kommun")
    assert [s.id for s in uppsala.agreements] == ["uppsala-2010", "uppsala-2014", "uppsala-2024"]
    assert [s.state for s in uppsala.agreements] == [
        AgreementState.REPLACED,
        AgreementState.ENDED,
        AgreementState.IN_FORCE_UNSIGNED,  # the press release gives no signing
    ]
    assert uppsala.gaps == ()


def test_uppsala_2024_yearly_action_plan_follow_up() -> None:
    found = obligations(_bundled(), D(2024, 2, 1))
    yearly = _of(found, "uppsala-2024", Kind.FOLLOW_UP)
    assert [o.due for o in yearly] == [D(y, 12, 31) for y in range(2024, 2028)]
    assert yearly[0].state is State.DUE


def test_recorded_follow_up_is_done() -> None:
    text = _with(
        "upplands-vasby/upplands-vasby-2021.yaml",
        "organisation:\n",
        "  done:\n    - rule: halvtidsuppfoljning\n      date: 2021-12-15\norganisation:\n",
    )
    found = obligations(_workspace(vasby=text), D(2022, 5, 1))
    half = _of(found, "upplands-vasby-2021", Kind.FOLLOW_UP)
    assert [(o.state, o.done_on) for o in half] == [(State.DONE, D(2021, 12, 15))]


MINIMAL = """\
kind: agreement
id: a
title: T
parties:
  - {id: k, kind: municipality, name: Kommun}
  - {id: p, kind: police, name: LPO}
period: {start: 2023-03-01, end: 2023-08-31}
"""


@pytest.mark.parametrize(
    ("extra", "as_of", "expected"),
    [
        ("draft: true\n", D(2023, 1, 1), AgreementState.DRAFT),
        ("", D(2023, 1, 1), AgreementState.NOT_STARTED),
        ("signing: {date: 2022-12-01}\n", D(2023, 1, 1), AgreementState.SIGNED),
        ("signing: {date: 2022-12-01}\n", D(2022, 11, 30), AgreementState.NOT_STARTED),
        ("", D(2023, 4, 1), AgreementState.IN_FORCE_UNSIGNED),
        ("signing: {date: 2023-03-10}\n", D(2023, 3, 9), AgreementState.IN_FORCE_UNSIGNED),
        ("signing: {date: 2023-03-10}\n", D(2023, 3, 10), AgreementState.IN_FORCE),
        ("extension: {type: option}\n", D(2023, 7, 1), AgreementState.EXTENSION_PENDING),
        (
            "extension: {type: renewal, years: 1, consultation_months_before: 6}\n",
            D(2023, 3, 2),
            AgreementState.EXTENSION_PENDING,
        ),
        ("", D(2023, 9, 1), AgreementState.ENDED),
        ("extension: {type: indefinite}\n", D(2023, 9, 1), AgreementState.INDEFINITE),
        (
            "extension: {type: renewal, years: 1}\nextensions: [{decided: 2023-06-01}]\n",
            D(2023, 9, 1),
            AgreementState.EXTENDED,
        ),
    ],
)
def test_agreement_states(extra: str, as_of: dt.date, expected: AgreementState) -> None:
    ws = _workspace(a=MINIMAL + extra)
    agreement = next(a for _, a in ws.agreements())
    assert agreement_state(agreement, (), as_of)[0] is expected


def test_consultation_clamps_to_month_end() -> None:
    text = MINIMAL + "extension: {type: renewal, years: 2, consultation_months_before: 6}\n"
    found = obligations(_workspace(a=text), D(2023, 1, 1))
    assert [o.due for o in _of(found, "a", Kind.CONSULTATION)] == [D(2023, 2, 28)]


def test_open_ended_reviews_and_weekly_meetings() -> None:
    text = MINIMAL.replace("period: {start: 2023-03-01, end: 2023-08-31}", "period: {start: 2023-03-01}") + (
        "extension: {type: open-ended, review_every_years: 2}\n"
        "organisation:\n  groups:\n    - id: g\n      kind: working-group\n      name: Veckomöte\n"
        "      cadence: {unit: week, every: 2}\n"
    )
    found = obligations(_workspace(a=text), D(2026, 1, 10))
    # On the anniversary of the start.
    assert [o.due for o in _of(found, "a", Kind.REVIEW)][:2] == [D(2025, 3, 1), D(2027, 3, 1)]
    meetings = _of(found, "a", Kind.MEETINGS)
    assert meetings[0].text == "Veckomöte: 1 meeting in weeks 2023-W09–2023-W10"
    assert (meetings[0].window_start, meetings[0].due) == (D(2023, 3, 1), D(2023, 3, 12))


def test_citizen_promise_end_and_next() -> None:
    text = MINIMAL + (
        "citizen_promises:\n"
        "  - id: l1\n    title: Trygg park\n    period: {start: 2023-03-01, end: 2023-06-30}\n"
        "    promises: [{party: joint, text: Vi lovar}]\n"
        "    extensions: [{until: 2023-07-31}]\n"
        "    renewal: {text: Löftet förnyas.}\n"
    )
    found = obligations(_workspace(a=text), D(2023, 7, 15))
    assert [(o.kind, o.due, o.state) for o in found if o.kind in (Kind.PROMISE_END, Kind.PROMISE_NEXT)] == [
        (Kind.PROMISE_END, D(2023, 6, 30), State.PASSED),
        (Kind.PROMISE_END, D(2023, 7, 31), State.UPCOMING),
        (Kind.PROMISE_NEXT, D(2023, 8, 1), State.DUE),
    ]


# Properties ---------------------------------------------------------------------------------

dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))


def test_days_in_month_is_the_calendars() -> None:
    import calendar

    for year, month in itertools.product(range(dt.MINYEAR, dt.MAXYEAR + 1), range(1, 13)):
        assert days_in_month(year, month) == calendar.monthrange(year, month)[1], (year, month)


@given(dates, st.integers(-240, 240))
def test_add_months_clamps_to_the_month_end(day: dt.date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == min(day.day, month_end(moved).day)


@given(st.integers(1990, 2090))
def test_leap_years(year: int) -> None:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    assert add_months(D(year, 8, 31), -6) == D(year, 2, 29 if leap else 28)
    assert extend_end(D(year - 1, 2, 28 if (year - 1) % 4 else 29), 1).month == 2


FREQUENCIES = st.sampled_from(["yearly", "half-yearly", "tertial", "quarterly", "monthly", "weekly"])


@given(FREQUENCIES, st.integers(1, 3), dates, st.integers(0, 1500))
@settings(max_examples=200)
def test_recurring_windows_tile_the_period(frequency: str, every: int, start: dt.date, length: int) -> None:
    end = start + dt.timedelta(days=length)
    windows = list(recurring_windows(frequency, every, start, end, end))
    assert windows, "a period has at least one window"
    assert windows[0].start == start and windows[-1].end == end
    for before, after in itertools.pairwise(windows):
        assert after.start == before.end + dt.timedelta(days=1)
    for window in windows:
        assert start <= window.start <= window.end <= end
        if frequency != "weekly" and every == 1:
            assert aligned_window(frequency, window.start).end >= window.end


AGREEMENT_WITH_EVERYTHING = """\
kind: agreement
id: p
title: T
parties:
  - {{id: k, kind: municipality, name: Kommun}}
  - {{id: p, kind: police, name: LPO}}
period: {{start: {start}, end: {end}}}
extension: {{type: renewal, years: {years}, consultation_months_before: 3}}
extensions: {extensions}
follow_up:
  schedule:
    - {{type: {frequency}, id: f, every: {every}}}
organisation:
  groups:
    - id: g
      kind: steering-group
      name: Styrgrupp
      cadence: {{unit: quarter, times: 2}}
"""


@st.composite
def agreement_texts(draw: st.DrawFn) -> str:
    start = draw(st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31)))
    end = start + dt.timedelta(days=draw(st.integers(30, 2000)))
    decisions = draw(st.lists(st.dates(min_value=start, max_value=end), max_size=2))
    return AGREEMENT_WITH_EVERYTHING.format(
        start=start,
        end=end,
        years=draw(st.integers(1, 3)),
        extensions="[" + ", ".join(f"{{decided: {d}}}" for d in decisions) + "]",
        frequency=draw(FREQUENCIES),
        every=draw(st.integers(1, 2)),
    )


@given(agreement_texts(), st.lists(st.dates(min_value=D(1995, 1, 1), max_value=D(2050, 1, 1)), min_size=2, max_size=3))
@settings(max_examples=60, deadline=None)
def test_obligations_are_sorted_inside_the_period_and_stable_over_as_of(text: str, days: list[dt.date]) -> None:
    ws = _workspace(a=text)
    agreement = next(a for _, a in ws.agreements())
    assert isinstance(agreement, Agreement)
    last = upper_bound(agreement)
    assert last is not None
    seen: dict[str, dt.date] = {}
    for as_of in days:
        found = obligations(ws, as_of)
        assert found == sorted(found, key=Obligation.sort_key)
        for o in found:
            if o.kind is Kind.FOLLOW_UP:
                assert agreement.period.start <= (o.window_start or o.due) <= o.due <= last
            assert seen.setdefault(o.key, o.due) == o.due, "shifting as_of changed a due date"
