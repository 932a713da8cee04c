"""The light types of the render that the Word and PDF modules share with the rest: importing
:mod:`samverkan.render` loads neither python-docx nor the Chromium driver. :mod:`.word` and
:mod:`.pdf` re-export them."""

from __future__ import annotations

from dataclasses import dataclass


class ReferenceProblem(Exception):
    """The reference document cannot be used: missing, unreadable or not a Word document."""


@dataclass(frozen=True)
class PageHeader:
    """What the running header shows: the title, and the case number and date where there is one."""

    title: str
    case_number: str | None = None
    date: str | None = None
