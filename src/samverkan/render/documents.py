"""Which documents a render makes from the files it is given, and the context of each template.

Each input file gives documents of the kind asked for (``--document``), or by default of its
own kind: an agreement file its agreement, an action-plan file its action plan, a
citizen-promise file its promise. Asked for another kind, a file gives:

* ``action-plan``: each of an agreement's action plans (inline, or the file it links to);
* ``citizen-promise``: each of an agreement's citizen promises (inline, or files naming it);
* ``follow-up-report``: the agreement's report (an action-plan or citizen-promise file gives
  its agreement's);
* ``memo``: the agreement's case memo, where it has one.

A statement file (an answer to an interpellation, a status report) gives only its own
document, ``statement``: it is not an agreement and has none of the others.

A file that gives nothing of the kind asked for is skipped with a note. Each document is
named ``<id>.<document>.<ext>`` after the thing it shows: ``uppsala-2014.agreement.html``,
``uppsala-2014-handlingsplan.action-plan.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..i18n import N_, _
from ..model import (
    ActionPlanBody,
    ActionPlanFile,
    Agreement,
    CitizenPromise,
    CitizenPromiseFile,
    Document,
    Politician,
    Statement,
)
from .library import Library, PlanRef
from .report import ACTIVITY_STATES, report
from .swedish import date_sv, promise_period_sentences, validity_clause, years_sv
from .types import PageHeader
from .views import (
    PLAN_STATUS,
    PlanView,
    annex_reference,
    decision_sv,
    focus_heading,
    focus_views,
    follow_up_view,
    goal_groups,
    group_view,
    join_sv,
    missing_plan,
    party_views,
    plan_view,
    promise_groups,
    signing_view,
)

DOCUMENTS = ("agreement", "action-plan", "follow-up-report", "citizen-promise", "memo", "statement")
DEFAULT_DOCUMENT = {
    "agreement": "agreement",
    "action-plan": "action-plan",
    "citizen-promise": "citizen-promise",
    "statement": "statement",
}


@dataclass(frozen=True)
class Unit:
    """One document to render: what it is named after, its kind, its source file and its
    context, or what makes the context when it is first asked for: a caller that renders many
    documents (``samverkan site``, in several processes) works each out only when its document
    is rendered, and where, and holds one at a time."""

    ident: str
    document: str
    source: str
    made: dict[str, Any] | Callable[[], dict[str, Any]]

    @property
    def context(self) -> dict[str, Any]:
        made = self.made
        if callable(made):
            made = made()
            object.__setattr__(self, "made", made)
        return made

    def page_header(self) -> PageHeader:
        """What a printed page's running header shows: the title, and the case number (of the
        agreement's memo) and date (the memo's, on the memo) where there are any."""
        memo = self.context.get("memo")
        agreement = self.context.get("a")
        if memo is None and isinstance(agreement, Agreement):
            memo = agreement.memo
        case = memo.case_number if memo is not None else None
        date = date_sv(memo.date) if self.document == "memo" and memo is not None and memo.date else None
        return PageHeader(str(self.context["title"]), case, date)


@dataclass(frozen=True)
class Found:
    units: list[Unit]
    skipped: list[str]
    problems: list[str]


def _base(lib: Library, public: bool, document: str, title: str) -> dict[str, Any]:
    return {
        "document": document,
        "title": title,
        "public": public,
        "as_of": lib.as_of,
        "states": ACTIVITY_STATES,
    }


# Agreement ---------------------------------------------------------------------------------


def _plans(lib: Library, agreement: Agreement, public: bool) -> tuple[list[PlanView], list[str]]:
    views = []
    for number, ref in enumerate(lib.plans_of(agreement), start=1):
        if ref.plan is None:
            assert ref.link is not None
            views.append(missing_plan(ref.link, number))
        else:
            views.append(plan_view(ref.plan, number, agreement, public=public))
    return views, _plan_problems(lib, agreement)


def _plan_problems(lib: Library, agreement: Agreement) -> list[str]:
    """The action-plan files an agreement links to that could not be read."""
    return [
        _("agreement '{id}': the action plan file '{link}' could not be read").format(id=agreement.id, link=ref.link)
        for ref in lib.plans_of(agreement)
        if ref.plan is None
    ]


def _replaces(lib: Library, agreement: Agreement) -> str | None:
    if agreement.replaces is None:
        return None
    old = lib.agreement(agreement.replaces)
    if old is None:
        return "Överenskommelsen ersätter en tidigare överenskommelse."  # not among the files: no title to name
    begin = date_sv(old.period.start) if old.period.start is not None else "undertecknandet"
    span = begin + (f" – {date_sv(old.period.end)}" if old.period.end else "")
    return f"Överenskommelsen ersätter ”{old.title}” ({span})."


def _decision(agreement: Agreement) -> str | None:
    return decision_sv(agreement.decision, subject="Överenskommelsen") if agreement.decision is not None else None


def _promise_view(lib: Library, promise: CitizenPromise, agreement: Agreement | None) -> dict[str, Any]:
    parties = list(promise.parties) if isinstance(promise, CitizenPromiseFile) else []
    if agreement is not None:
        parties += [p for p in agreement.parties if p.id not in {q.id for q in parties}]
    views = party_views(parties)
    until = max((e.until for e in promise.extensions), default=None)
    return {
        "promise": promise,
        "parties": views,
        "parties_sentence": join_sv([p.name for p in views]),
        "period": promise_period_sentences(promise.period, until),
        "groups": promise_groups(promise, views),
        "signing": signing_view(promise.signing, views, draft=promise.draft),
        "agreement": agreement,
    }


def agreement_context(lib: Library, agreement: Agreement, public: bool) -> tuple[dict[str, Any], list[str]]:
    parties = party_views(agreement.parties)
    plans, problems = _plans(lib, agreement, public)
    terms = agreement.citizen_promise_terms
    terms_validity = None
    if terms is not None and terms.validity_months:
        months = terms.validity_months
        span = years_sv(months // 12) if months % 12 == 0 else f"{months} månader"
        terms_validity = f"Varje medborgarlöfte gäller i {span}."
    clause = validity_clause(agreement)
    context = _base(lib, public, "agreement", agreement.title) | {
        "a": agreement,
        "parties": parties,
        "parties_sentence": join_sv([p.full for p in parties]),
        "replaces": _replaces(lib, agreement),
        "decision": _decision(agreement),
        "goal_groups": goal_groups(agreement.goals),
        "focus_heading": focus_heading(agreement.focus_areas),
        "focus": focus_views(agreement.focus_areas),
        "plans": plans,
        "follow_up": follow_up_view(agreement.follow_up, agreement),
        "groups": [group_view(g, parties) for g in agreement.organisation.groups] if agreement.organisation else [],
        "promises": [_promise_view(lib, p, agreement) for p in lib.promises_of(agreement)],
        "promise_terms_validity": terms_validity,
        "validity": list(clause.paragraphs),
        "wording": list(clause.quoted),
        "extension_notes": [(e.decided, e.note) for e in agreement.extensions if e.note],
        "signing": signing_view(agreement.signing, parties, draft=agreement.draft),
    }
    return context, problems


# The other documents -----------------------------------------------------------------------


def plan_context(
    lib: Library, plan: ActionPlanBody, agreement: Agreement | None, number: int, public: bool
) -> dict[str, Any]:
    view = plan_view(plan, number, agreement, public=public)
    parties = party_views(agreement.parties) if agreement is not None else []
    return _base(lib, public, "action-plan", plan.title) | {
        "plan": view,
        "agreement": agreement,
        "parties_sentence": join_sv([p.full for p in parties]),
        "source": plan.source if isinstance(plan, ActionPlanFile) else None,
    }


def memo_context(lib: Library, agreement: Agreement, public: bool) -> dict[str, Any]:
    memo = agreement.memo
    assert memo is not None
    proposals = []
    for line in memo.proposed_decision:
        rest = line[4:] if line.startswith("att ") else line
        proposals.append(rest)
    # A memo in its own words lists its annexes where it says so itself ("bilaga"); the list
    # "Bilagor" is generated only for a memo that gives no sections.
    annexes: list[str] = []
    if not memo.sections:
        plans = [ref for ref in lib.plans_of(agreement) if ref.plan is not None]
        titles = (_annex_title(ref, n) for n, ref in enumerate(plans, start=1))
        annexes = [agreement.title, *(t for t in titles if t is not None)]
    return _base(lib, public, "memo", memo.title or agreement.title) | {
        "a": agreement,
        "memo": memo,
        "proposals": proposals,
        "annexes": annexes,
    }


def _annex_title(ref: PlanRef, number: int) -> str | None:
    """``Bilaga 1: Handlingsplan 2014-``; ``Bilaga 4: Åtgärdsplan (ingår inte i denna utgåva)`` for a
    plan that is not encoded; None for one that is not encoded and has no annex number."""
    assert ref.plan is not None
    plan = ref.plan
    if not plan.encoded:
        return annex_reference(plan.annex, plan.title) if plan.annex else None
    return annex_reference(plan.annex or f"Bilaga {number}", plan.title, included=True)


def report_context(lib: Library, agreement: Agreement, public: bool) -> dict[str, Any]:
    return _base(lib, public, "follow-up-report", f"Uppföljning: {agreement.title}") | {
        "a": agreement,
        "parties_sentence": join_sv([p.full for p in party_views(agreement.parties)]),
        "report": report(lib, agreement),
        "as_of_sv": date_sv(lib.as_of),
    }


def promise_context(lib: Library, promise: CitizenPromise, agreement: Agreement | None, public: bool) -> dict[str, Any]:
    return _base(lib, public, "citizen-promise", promise.title) | {"p": _promise_view(lib, promise, agreement)}


def politician_sv(person: Politician) -> str:
    """``Marlene Burwick (S), Kommunstyrelsens ordförande``."""
    party = f" ({person.political_party})" if person.political_party else ""
    title = f", {person.title}" if person.title else ""
    return f"{person.name}{party}{title}"


def statement_context(lib: Library, statement: Statement, public: bool) -> dict[str, Any]:
    """A statement as it reads: the questions and answers, then what it says about the
    organisation, the action plans and the other collaboration, in the agreement's terms."""
    plans = [
        {
            "plan": plan,
            "status": PLAN_STATUS[plan.status] if plan.status else None,
            "activities": [a.title for a in plan.activities],
        }
        for plan in statement.action_plans
    ]
    return _base(lib, public, "statement", statement.title) | {
        "s": statement,
        "asked_by": politician_sv(statement.asked_by) if statement.asked_by else None,
        "answered_by": politician_sv(statement.answered_by) if statement.answered_by else None,
        "groups": [group_view(g, []) for g in statement.organisation.groups] if statement.organisation else [],
        "plans": plans,
    }


# Choosing what to render -------------------------------------------------------------------


def _made(lib: Library, make: Callable[..., dict[str, Any]], *args: Any) -> Callable[[], dict[str, Any]]:
    """What makes a unit's context when it is first asked for: ``make(lib, *args)``, each of
    ``args`` that the library keeps as a summary read whole again (:meth:`Library.full`)."""
    return lambda: make(lib, *(lib.full(a) for a in args))


def _agreement_made(lib: Library, agreement: Agreement, public: bool) -> dict[str, Any]:
    return agreement_context(lib, agreement, public)[0]


def _units(lib: Library, doc: Document, source: str, document: str, public: bool) -> Iterator[Unit | str]:
    """The units one file gives, each context made when first asked for; a string is a
    problem to report. ``doc`` may be a summary (see :class:`Library`): what it keeps is
    enough to choose the units."""
    if document == "agreement" and isinstance(doc, Agreement):
        yield from _plan_problems(lib, doc)
        yield Unit(doc.id, document, source, _made(lib, _agreement_made, doc, public))
    elif document == "memo" and isinstance(doc, Agreement) and doc.memo is not None:
        yield Unit(doc.id, document, source, _made(lib, memo_context, doc, public))
    elif document == "action-plan" and isinstance(doc, ActionPlanFile):
        agreement = lib.agreement(doc.agreement)
        number = _number_in(lib, agreement, doc)
        yield Unit(doc.id, document, source, _made(lib, plan_context, doc, agreement, number, public))
    elif document == "action-plan" and isinstance(doc, Agreement):
        for number, ref in enumerate(lib.plans_of(doc), start=1):
            if ref.plan is None:
                yield f"agreement '{doc.id}': the action plan file '{ref.link}' could not be read"
            else:
                yield Unit(ref.plan.id, document, source, _made(lib, plan_context, ref.plan, doc, number, public))
    elif document == "statement" and isinstance(doc, Statement):
        yield Unit(doc.id, document, source, _made(lib, statement_context, doc, public))
    elif document == "follow-up-report" and not isinstance(doc, Statement):
        agreement = doc if isinstance(doc, Agreement) else lib.agreement(doc.agreement)
        if agreement is not None:
            yield Unit(agreement.id, document, source, _made(lib, report_context, agreement, public))
    elif document == "citizen-promise" and isinstance(doc, CitizenPromiseFile):
        agreement = lib.agreement(doc.agreement)
        yield Unit(doc.id, document, source, _made(lib, promise_context, doc, agreement, public))
    elif document == "citizen-promise" and isinstance(doc, Agreement):
        for promise in lib.promises_of(doc):
            yield Unit(promise.id, document, source, _made(lib, promise_context, promise, doc, public))


def _number_in(lib: Library, agreement: Agreement | None, plan: ActionPlanBody) -> int:
    if agreement is not None:
        for number, ref in enumerate(lib.plans_of(agreement), start=1):
            if ref.plan is plan:
                return number
    return 1


_WHAT = {
    "agreement": N_("an agreement"),
    "action-plan": N_("an action plan"),
    "citizen-promise": N_("a citizen promise"),
    "statement": N_("a statement"),
}
_NOTHING = {
    "agreement": N_("is not an agreement"),
    "action-plan": N_("has no action plan"),
    "follow-up-report": N_("names no agreement among the files read"),
    "citizen-promise": N_("has no citizen promise"),
    "memo": N_("has no case memo"),
    "statement": N_("is not a statement"),
}
"""Why a file gave no document of the kind asked for, in the current language (these lines are
printed by the command that asked, at once)."""


def _skipped(source: str, doc_kind: str, kind: str) -> str:
    what = _WHAT[doc_kind].translate() if doc_kind in _WHAT else doc_kind
    return _("{file}: skipped: {what} that {reason}").format(file=source, what=what, reason=_NOTHING[kind].translate())


def find_units(lib: Library, sources: list[tuple[str, Document]], document: str | None, public: bool) -> Found:
    units: list[Unit] = []
    skipped: list[str] = []
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for source, doc in sources:
        kind = document or DEFAULT_DOCUMENT[doc.kind]
        made = 0
        for item in _units(lib, doc, source, kind, public):
            if isinstance(item, str):
                problems.append(item)
                continue
            made += 1
            if (item.document, item.ident) in seen:
                continue
            seen.add((item.document, item.ident))
            units.append(item)
        if not made:
            skipped.append(_skipped(source, doc.kind, kind))
    return Found(units, skipped, problems)
