"""Citizen promises (medborgarlöften) on the site: the facts their pages show, in Swedish.

Their obligations are worded by :func:`samverkan.render.report.describe_promise`, as the
follow-up report words an agreement's. Pure: the date is a parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..dates import next_day
from ..model import CitizenPromise, Party
from ..render.swedish import (
    date_sv,
    place_and_date,
    promise_period_sentences,
)
from ..render.views import PromiseGroup, party_views, promise_groups


@dataclass(frozen=True)
class ExtensionLine:
    until: dt.date
    decided: dt.date | None
    text: str | None
    sentence: str
    """``Medborgarlöftet är förlängt till och med 31 december 2020 genom beslut den 1 mars 2020.``"""
    counted: bool
    """Whether it counts on the date: decided on or before it (or undated)."""


@dataclass(frozen=True)
class PromiseFacts:
    """What a citizen promise's page says beside its state."""

    parties: tuple[str, ...]
    """Each party in full: ``Polismyndigheten, Lokalpolisområde Exempelby``."""
    validity: tuple[str, ...]
    wording: str | None
    """The period as the document words it (``period.text``)."""
    groups: tuple[PromiseGroup, ...]
    extensions: tuple[ExtensionLine, ...]
    signing: str | None
    """``Exempelby den 26 oktober 2018``; ``None`` when no signing is recorded."""
    signatories: tuple[str, ...]
    background: str | None
    renewal: str | None


def promise_facts(promise: CitizenPromise, parties: Sequence[Party], as_of: dt.date) -> PromiseFacts:
    views = party_views(parties)
    end = promise.period.end
    extended = max(
        (
            e.until
            for e in promise.extensions
            if (e.decided is None or e.decided <= as_of) and (end is None or e.until > end)
        ),
        default=None,
    )
    lines = []
    for e in sorted(promise.extensions, key=lambda e: (e.decided or dt.date.min, e.until)):
        decided = f" genom beslut den {date_sv(e.decided)}" if e.decided is not None else ""
        sentence = f"Medborgarlöftet är förlängt till och med {date_sv(e.until)}{decided}."
        if e.decided is not None and end is not None and e.decided > next_day(end):
            sentence += f" Beslutet kom efter att perioden hade gått ut {date_sv(end)}."
        lines.append(ExtensionLine(e.until, e.decided, e.text, sentence, e.decided is None or e.decided <= as_of))
        end = max(end, e.until) if end is not None else e.until
    signing = promise.signing
    names = {v.id: v.name for v in views}
    return PromiseFacts(
        parties=tuple(v.full for v in views),
        validity=tuple(promise_period_sentences(promise.period, extended)),
        wording=promise.period.text,
        groups=tuple(promise_groups(promise, views)),
        extensions=tuple(lines),
        signing=place_and_date(signing) if signing is not None and (signing.place or signing.date) else None,
        signatories=tuple(
            ", ".join(x for x in (s.name, s.title, names.get(s.party or "")) if x)
            for s in (signing.signatories if signing is not None else [])
        ),
        background=promise.background,
        renewal=promise.renewal.text if promise.renewal is not None else None,
    )
