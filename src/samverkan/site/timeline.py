"""The timeline picture: agreements as bars over the years, as numbers for an inline SVG.

:func:`timeline` turns rows of periods, dated marks and gaps into geometry (every coordinate
rounded to one decimal), and ``templates/html/site/partials/timeline.html`` draws it. Nothing
here reads the clock or depends on the order of a dict or a set: the same rows and ``as_of``
give the same picture.

One row per municipality (or per agreement on a municipality's page). In a row each agreement
is a bar from its first to its last day, coloured by its state. An agreement that runs on
after its end (``förlängs tillsvidare``, open-ended, no end date) has a hatched continuation
from its end to the start of whatever replaces it, or to the right edge with an arrow. Bars
that would overlap go in lanes of their own. Above each bar, marks: a diamond for an
extension deadline (consultation, decision, review), a circle for a follow-up, filled by
state. A citizen promise's bar has round ends. A gap is drawn only where
:func:`samverkan.status.chains` found one inside a chain of ``replaces`` links (between
agreements that are not linked, nothing is claimed); a lapse (a document extended only after it
had ended) is drawn over its own bar, an overlap as an outline. A dashed
vertical line marks ``as_of``; the years are ticked along the bottom.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..dates import next_day

WIDTH = 960
LABEL_WIDTH = 200
RIGHT = 26
"""Room right of the plot for a continuation's arrow."""
TOP = 34
"""Room above the rows for the label of the as-of line."""
TOP_TALL = 48
"""The same, with year labels above the rows too."""
TALL = 8
"""A picture of more rows than this has its year labels above the rows as well as below."""
AXIS = 30
"""Room below the rows for the year labels."""
STRIP = 13
"""Height of the strip of marks above a bar."""
BAR = 18
LANE_GAP = 7
ROW_PAD = 6
GAP_LABEL = 13
"""Extra height under a row that has a gap, for the word ``glapp``."""
MIN_BAR = 3.0
MARK_SPACE = 8.0
"""Marks in a lane closer than this (in px) to the first of a run are drawn as one."""
CHAR = 6.4
"""Approximate width of one character at the bar labels' size (11 px), for deciding what fits."""
LABEL_CHARS = 28

TICK_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000)
MIN_TICK_SPACE = 38.0

MARK_ORDER = ("overdue", "due", "upcoming", "done")
"""The state a merged mark shows: the first of these among the marks it stands for."""


@dataclass(frozen=True)
class Style:
    """A state as the picture shows it: a key (for classes and ids), a Swedish label, a colour."""

    key: str
    label: str
    colour: str


@dataclass(frozen=True)
class PeriodSpec:
    """One agreement in a row."""

    ident: str
    label: str
    """Short text inside the bar: ``2010–2013``, ``2014``, ``2020–``."""
    start: dt.date
    end: dt.date | None
    """The last day of the period with recorded extensions; ``None``: no end date."""
    continues: bool
    """It runs on after ``end`` until something replaces it."""
    until: dt.date | None
    """The last day before a successor starts, where one has; a continuation stops there."""
    style: Style
    title: str
    """The bar's tooltip, a full sentence."""
    period: str = ""
    """The period in words, for the table beside the picture."""
    state: str = ""
    """The state in words, for the table."""
    href: str | None = None
    """Where the table links the agreement to (a path in the site)."""
    kind: str = "agreement"
    """``agreement`` or ``citizen-promise`` (a promise's bar has round ends)."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.ident)


@dataclass(frozen=True)
class EventSpec:
    """A dated mark on an agreement's bar."""

    ident: str
    day: dt.date
    deadline: bool
    """An extension deadline (diamond); otherwise a follow-up (circle)."""
    state: str
    """An obligation state: ``overdue``, ``due``, ``upcoming`` or ``done``."""
    text: str
    kind: str = "agreement"
    """What ``ident`` names: ``agreement`` or ``citizen-promise``."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.ident)


BREAK_WORDS = {"gap": "glapp", "lapse": "uppehåll", "overlap": "överlapp"}
"""The word under each kind of break in a chain."""


@dataclass(frozen=True)
class GapSpec:
    """A break in a chain: a gap between two documents, a lapse of one before it was extended,
    or an overlap of two (see :class:`samverkan.lifecycle.Lapse`)."""

    after: str
    before: str
    start: dt.date
    end: dt.date
    text: str
    kind: str = "gap"
    of: str = "agreement"
    """What ``after`` and ``before`` name: ``agreement`` or ``citizen-promise``."""


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str
    periods: tuple[PeriodSpec, ...]
    events: tuple[EventSpec, ...] = ()
    gaps: tuple[GapSpec, ...] = ()


# The geometry -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Continuation:
    x: float
    width: float
    start: dt.date
    end: dt.date | None
    """``None``: open, drawn to the right edge with an arrow."""
    arrow: str
    """The arrow's polygon points, or ``""``."""
    title: str


@dataclass(frozen=True)
class BarShape:
    ident: str
    x: float
    y: float
    width: float
    height: float
    start: dt.date
    end: dt.date
    """The last day the solid bar covers."""
    style: Style
    title: str
    period: str
    state: str
    href: str | None
    label: str
    """Empty when it does not fit in the bar."""
    label_x: float
    label_y: float
    continuation: Continuation | None
    kind: str = "agreement"
    rx: int = 2
    """Corner radius: a citizen promise's bar has round ends."""


@dataclass(frozen=True)
class MarkShape:
    ident: str
    day: dt.date
    x: float
    y: float
    deadline: bool
    state: str
    points: str
    """A diamond's points (deadline); a circle's centre is ``x``, ``y``."""
    title: str
    kind: str = "agreement"


@dataclass(frozen=True)
class GapShape:
    after: str
    before: str
    start: dt.date
    end: dt.date
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    title: str
    kind: str = "gap"
    word: str = "glapp"
    of: str = "agreement"


@dataclass(frozen=True)
class RowShape:
    key: str
    label: str
    short_label: str
    """``label``, cut to fit the column left of the plot."""
    y: float
    height: float
    label_y: float
    band: bool
    """Every other row has a light background."""
    bars: tuple[BarShape, ...]
    marks: tuple[MarkShape, ...]
    gaps: tuple[GapShape, ...]


@dataclass(frozen=True)
class Tick:
    year: int
    x: float


@dataclass(frozen=True)
class Timeline:
    ident: str
    """Prefix of the ids inside the SVG (title, desc, patterns)."""
    title: str
    description: str
    width: int
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    start: dt.date
    end: dt.date
    """The last day drawn."""
    ticks: tuple[Tick, ...]
    as_of: dt.date
    as_of_x: float
    as_of_label: str
    as_of_anchor: str
    as_of_label_y: float
    rows: tuple[RowShape, ...]
    styles: tuple[Style, ...]
    """The states of the bars drawn (for the hatch patterns), in first-seen order."""
    axis_y: float
    top_axis_y: float | None
    """Where the year labels above the rows stand; ``None``: only below (a short picture)."""
    has_marks: bool
    has_continuations: bool
    break_kinds: tuple[str, ...] = ()
    """The kinds of breaks drawn (``gap``, ``lapse``, ``overlap``), in that order."""
    has_promises: bool = False


def _r(value: float) -> float:
    return round(value, 1)


@dataclass(frozen=True)
class _Scale:
    start: dt.date
    end: dt.date
    left: float
    right: float

    def x(self, day: dt.date) -> float:
        days = (self.end - self.start).days + 1
        offset = min(max((day - self.start).days, 0), days)
        return _r(self.left + (self.right - self.left) * offset / days)

    def after(self, day: dt.date) -> float:
        """The x where the day after ``day`` begins (the right edge of a period ending on ``day``)."""
        return self.right if day >= self.end else self.x(next_day(day))


def _solid_end(p: PeriodSpec, as_of: dt.date) -> dt.date:
    """The last day of the solid bar: the period's end; for no end date, ``as_of`` (known to be in
    force until then) or the day before its successor starts, whichever is first, but at least
    its first day."""
    if p.end is not None:
        return p.end
    last = as_of if p.until is None else min(as_of, p.until)
    return max(p.start, last)


def _bounds(rows: Sequence[RowSpec], as_of: dt.date) -> tuple[dt.date, dt.date]:
    starts = [p.start for r in rows for p in r.periods]
    ends = [p.end for r in rows for p in r.periods if p.end is not None]
    first = min([*starts, as_of]).year
    last = max([min(as_of.year + 1, dt.MAXYEAR), *(d.year for d in starts), *(d.year for d in ends)])
    return dt.date(first, 1, 1), dt.date(last, 12, 31)


def _ticks(scale: _Scale) -> tuple[Tick, ...]:
    years = scale.end.year - scale.start.year + 1
    width = scale.right - scale.left
    step = next((s for s in TICK_STEPS if width * s / years >= MIN_TICK_SPACE), TICK_STEPS[-1])
    first = scale.start.year + (-scale.start.year) % step
    return tuple(Tick(y, scale.x(dt.date(y, 1, 1))) for y in range(first, scale.end.year + 1, step))


Key = tuple[str, str]
"""A document in a row: its kind and id."""


def _order(p: PeriodSpec) -> tuple[dt.date, str, str]:
    return (p.start, p.ident, p.kind)


def _lanes(periods: Sequence[PeriodSpec], extents: dict[Key, tuple[float, float]]) -> dict[Key, int]:
    """Each period's lane: the first whose last bar ends before it begins."""
    lane_ends: list[float] = []
    out: dict[Key, int] = {}
    for p in sorted(periods, key=_order):
        left, right = extents[p.key]
        for i, end in enumerate(lane_ends):
            if end <= left:
                lane_ends[i] = right
                out[p.key] = i
                break
        else:
            out[p.key] = len(lane_ends)
            lane_ends.append(right)
    return out


def _diamond(x: float, y: float, size: float = 5.5) -> str:
    return f"{_r(x)},{_r(y - size)} {_r(x + size)},{_r(y)} {_r(x)},{_r(y + size)} {_r(x - size)},{_r(y)}"


def _arrow(x: float, y: float, height: float) -> str:
    return f"{_r(x)},{_r(y - 2)} {_r(x + 11)},{_r(y + height / 2)} {_r(x)},{_r(y + height + 2)}"


def _merge(events: Sequence[EventSpec]) -> list[EventSpec]:
    """One mark per agreement and day: a deadline if any is, the most urgent state, all texts."""
    by_key: dict[tuple[str, str, dt.date], list[EventSpec]] = {}
    for e in events:
        by_key.setdefault((e.ident, e.kind, e.day), []).append(e)
    out = []
    for (ident, kind, day), group in sorted(by_key.items()):
        state = next((s for s in MARK_ORDER if any(e.state == s for e in group)), group[0].state)
        texts = sorted({e.text for e in group})
        out.append(EventSpec(ident, day, any(e.deadline for e in group), state, "; ".join(texts), kind))
    return out


def _runs(placed: Sequence[tuple[EventSpec, float]]) -> list[list[tuple[EventSpec, float]]]:
    """Marks (in order of day) in runs: each closer than :data:`MARK_SPACE` to its run's first."""
    runs: list[list[tuple[EventSpec, float]]] = []
    for item in sorted(placed, key=lambda pair: pair[0].day):
        if runs and item[1] - runs[-1][0][1] < MARK_SPACE:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _fit(label: str, chars: int = LABEL_CHARS) -> str:
    return label if len(label) <= chars else label[: chars - 1].rstrip() + "…"


def _continuation(p: PeriodSpec, scale: _Scale, bar_y: float, right: float, solid_end: dt.date) -> Continuation | None:
    """The hatched part after a bar that runs on: to the day before its successor starts, or
    to the right edge with an arrow."""
    if not p.continues or (p.until is not None and p.until <= solid_end):
        return None
    end = scale.after(p.until) if p.until is not None else scale.right
    if end <= right:
        return None
    opening = f"{p.ident} har inget slutdatum" if p.end is None else f"{p.ident} gäller vidare efter sitt slutdatum"
    if p.until is not None:
        text = f"{opening}, till och med dagen innan den som ersätter den börjar ({p.until.isoformat()})"
    elif p.kind == "citizen-promise":
        text = f"{opening}, tills ett nytt medborgarlöfte ersätter det"
    else:
        text = f"{opening}, tills en ny överenskommelse ersätter den"
    arrow = "" if p.until is not None else _arrow(scale.right, bar_y, BAR)
    return Continuation(right, _r(end - right), next_day(solid_end), p.until, arrow, text)


def _bar(p: PeriodSpec, scale: _Scale, bar_y: float, as_of: dt.date) -> BarShape:
    left = scale.x(p.start)
    solid_end = _solid_end(p, as_of)
    width = _r(max(scale.after(solid_end) - left, MIN_BAR))
    continuation = _continuation(p, scale, bar_y, _r(left + width), solid_end)
    room = width + (continuation.width if continuation is not None else 0.0)
    label = p.label if len(p.label) * CHAR + 8 <= room else ""
    return BarShape(
        p.ident,
        left,
        bar_y,
        width,
        BAR,
        p.start,
        solid_end,
        p.style,
        p.title,
        p.period,
        p.state,
        p.href,
        label,
        _r(left + 4 + (3 if p.kind == "citizen-promise" else 0)),
        _r(bar_y + BAR - 5),
        continuation,
        p.kind,
        BAR // 2 if p.kind == "citizen-promise" else 2,
    )


def _marks(events: Sequence[EventSpec], scale: _Scale, bar_y_of: dict[Key, float]) -> list[MarkShape]:
    """One mark per agreement and run of close days, above the agreement's bar."""
    placed = []
    for e in _merge(events):
        if e.key in bar_y_of and scale.start <= e.day <= scale.end:
            x = scale.after(e.day) if e.day < scale.end else scale.right
            placed.append((e, _r(x - 0.5)))
    marks = []
    for key in sorted({e.key for e, _ in placed}, key=lambda k: (k[1], k[0])):
        y = _r(bar_y_of[key] - STRIP / 2 - 1)
        for run in _runs([(e, x) for e, x in placed if e.key == key]):
            head, x = run[0]
            state = next((s for s in MARK_ORDER if any(e.state == s for e, _ in run)), head.state)
            deadline = any(e.deadline for e, _ in run)
            points = _diamond(x, y) if deadline else ""
            marks.append(
                MarkShape(key[1], head.day, x, y, deadline, state, points, "; ".join(e.text for e, _ in run), key[0])
            )
    return marks


def _gaps(gaps: Sequence[GapSpec], scale: _Scale, bar_y_of: dict[Key, float]) -> list[GapShape]:
    """Each break on the lane of the bars it lies between (the lower one, if they differ); a
    lapse lies on its own bar."""
    out = []
    for g in gaps:
        ends = [bar_y_of[(g.of, i)] for i in (g.after, g.before) if (g.of, i) in bar_y_of]
        if not ends:
            continue
        y = max(ends)
        left = scale.x(g.start)
        width = _r(max(scale.after(g.end) - left, 4.0))
        out.append(
            GapShape(
                g.after,
                g.before,
                g.start,
                g.end,
                left,
                y,
                width,
                float(BAR),
                _r(left + width / 2),
                _r(y + BAR + GAP_LABEL - 2),
                g.text,
                g.kind,
                BREAK_WORDS.get(g.kind, g.kind),
                g.of,
            )
        )
    return out


def _row(index: int, row: RowSpec, y: float, scale: _Scale, as_of: dt.date) -> RowShape:
    extents: dict[Key, tuple[float, float]] = {}
    for p in row.periods:
        left = scale.x(p.start)
        right = max(scale.after(_solid_end(p, as_of)), left + MIN_BAR)
        if p.continues:
            right = max(right, scale.after(p.until) if p.until is not None else scale.right + 12)
        extents[p.key] = (left, right)
    lanes = _lanes(row.periods, extents)
    lane_count = max(lanes.values(), default=0) + 1
    top = y + ROW_PAD
    bars = [
        _bar(p, scale, _r(top + lanes[p.key] * (STRIP + BAR + LANE_GAP) + STRIP), as_of)
        for p in sorted(row.periods, key=_order)
    ]
    bar_y_of = {(b.kind, b.ident): b.y for b in bars}
    marks = _marks(row.events, scale, bar_y_of)
    gaps = _gaps(row.gaps, scale, bar_y_of)
    height = ROW_PAD * 2 + lane_count * (STRIP + BAR) + (lane_count - 1) * LANE_GAP + (GAP_LABEL if gaps else 0)
    first_bar = min((b.y for b in bars), default=top + STRIP)
    return RowShape(
        row.key,
        row.label,
        _fit(row.label),
        _r(y),
        _r(height),
        _r(first_bar + BAR - 5),
        index % 2 == 1,
        tuple(bars),
        tuple(marks),
        tuple(gaps),
    )


def timeline(ident: str, title: str, rows: Sequence[RowSpec], as_of: dt.date, as_of_label: str) -> Timeline:
    """The picture of ``rows`` as of ``as_of``; ``as_of_label`` is the text over the dashed line."""
    start, end = _bounds(rows, as_of)
    scale = _Scale(start, end, float(LABEL_WIDTH), float(WIDTH - RIGHT))
    tall = len(rows) > TALL
    top = float(TOP_TALL if tall else TOP)
    y = top
    shapes = []
    for index, row in enumerate(rows):
        shapes.append(_row(index, row, y, scale, as_of))
        y = _r(y + shapes[-1].height)
    styles: dict[str, Style] = {}
    for row in rows:
        for p in sorted(row.periods, key=_order):
            styles.setdefault(p.style.key, p.style)
    as_of_x = scale.x(as_of)
    anchor = "middle"
    if as_of_x - len(as_of_label) * CHAR / 2 < scale.left:
        anchor = "start"
    elif as_of_x + len(as_of_label) * CHAR / 2 > WIDTH:
        anchor = "end"
    return Timeline(
        ident=ident,
        title=title,
        description=_description(title, rows),
        width=WIDTH,
        height=_r(y + AXIS),
        plot_left=scale.left,
        plot_right=scale.right,
        plot_top=top,
        plot_bottom=y,
        start=start,
        end=end,
        ticks=_ticks(scale),
        as_of=as_of,
        as_of_x=as_of_x,
        as_of_label=as_of_label,
        as_of_anchor=anchor,
        as_of_label_y=14.0,
        rows=tuple(shapes),
        styles=tuple(styles.values()),
        axis_y=_r(y + 18),
        top_axis_y=top - 8 if tall else None,
        has_marks=any(r.marks for r in shapes),
        has_continuations=any(b.continuation for r in shapes for b in r.bars),
        break_kinds=tuple(k for k in BREAK_WORDS if any(g.kind == k for r in shapes for g in r.gaps)),
        has_promises=any(b.kind == "citizen-promise" for r in shapes for b in r.bars),
    )


def _description(title: str, rows: Sequence[RowSpec]) -> str:
    """The picture in words, for ``<desc>``: each row's agreements in order, and its gaps."""
    parts = []
    for row in rows:
        said = [p.title for p in sorted(row.periods, key=_order)]
        said += [g.text for g in row.gaps]
        parts.append(f"{row.label}: {'; '.join(said)}.")
    return f"{title}. " + " ".join(parts)
