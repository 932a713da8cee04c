"""The site's HTML pages from the Jinja templates in ``html/site/`` (a user's folder first).

Each page is filled with the :class:`~.overview.Overview`, the timeline for it, and ``link``,
which turns a path relative to the site's root into a relative link from that page, so the
site works from the file system (``file://``) as well as from any folder of a web server.
The rendered documents get a small navigation bar back into the site.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment

from ..render.environment import environment, render_template, tidy
from ..render.report import STATES
from ..render.swedish import date_sv
from .overview import (
    AGREEMENT_STATES,
    CALENDAR,
    DUE,
    INDEX,
    AgreementView,
    MunicipalityView,
    Overview,
    counted_sv,
    municipality_rows,
    overall_rows,
    relative,
    successor_starts,
)
from .timeline import Timeline, timeline

SITE_TITLE = "Samverkansöverenskommelser"


@dataclass(frozen=True)
class Page:
    path: str
    text: str


class Pages:
    """Renders the pages of one site."""

    def __init__(
        self, ov: Overview, templates: Path | None, *, public: bool, files: int, env: Environment | None = None
    ) -> None:
        self.ov = ov
        self.public = public
        self.files = files
        self.env: Environment = env if env is not None else environment("html", templates)
        self.as_of_sv = date_sv(ov.as_of)
        self.successors = successor_starts(ov.agreements)

    def _render(self, template: str, page: str, title: str, **context: Any) -> Page:
        link: Callable[[str], str] = partial(relative, page)
        base = {
            "page": page,
            "page_kind": template.removesuffix(".html"),
            "title": title,
            "site_title": SITE_TITLE,
            "link": link,
            "as_of": self.ov.as_of,
            "as_of_sv": self.as_of_sv,
            "public": self.public,
            "files": self.files,
            "index": INDEX,
            "due_page": DUE,
            "calendar": CALENDAR,
            "agreement_states": tuple(AGREEMENT_STATES.values()),
            "obligation_states": STATES[:4],
            "ov": self.ov,
            "counted_sv": counted_sv,
        }
        name = f"html/site/{template}"
        text = render_template(self.env, name, base | context)
        return Page(page, tidy(text, "html"))

    def overall_timeline(self) -> Timeline:
        rows = overall_rows(self.ov.municipalities, self.successors)
        return timeline(
            "tidslinje", "Tidslinje: alla överenskommelser per kommun", rows, self.ov.as_of, f"läget {self.as_of_sv}"
        )

    def municipality_timeline(self, m: MunicipalityView) -> Timeline:
        rows = municipality_rows(m, self.successors)
        what = "överenskommelser och medborgarlöften" if m.promises else "överenskommelser"
        return timeline("tidslinje", f"Tidslinje: {m.name}s {what}", rows, self.ov.as_of, f"läget {self.as_of_sv}")

    def index(self) -> Page:
        return self._render("index.html", INDEX, SITE_TITLE, timeline=self.overall_timeline())

    def due(self) -> Page:
        return self._render("due.html", DUE, "Frister och uppföljningar")

    def municipality(self, m: MunicipalityView) -> Page:
        return self._render("municipality.html", m.path, m.name, m=m, timeline=self.municipality_timeline(m))

    def agreement(self, a: AgreementView) -> Page:
        return self._render("agreement.html", a.path, f"{a.title} ({a.id})", a=a)

    def promise(self, a: AgreementView) -> Page:
        """A citizen promise's page."""
        return self._render("promise.html", a.path, f"{a.title} ({a.id})", a=a)


_BODY = re.compile(r"<body\b[^>]*>")
_NAV_STYLE = (
    '<style>\n.site-nav { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: .9rem;'
    " margin: 0 0 1.5rem; padding: .4rem 0; border-bottom: 1px solid #c9d1d9; }\n"
    ".site-nav a { color: #1f3a5f; }\n"
    ".site-nav a:focus-visible { outline: 3px solid #1f3a5f; outline-offset: 2px; }\n"
    "@media print { .site-nav { display: none; } }\n</style>\n"
)


def with_site_nav(text: str, page: str, links: Sequence[tuple[str, str]]) -> str:
    """A rendered document with a bar of ``(label, target)`` links after ``<body>`` (hidden in
    print); unchanged when it has no ``<body>`` (a user's template may not)."""
    body = _BODY.search(text)
    if body is None or not links:
        return text
    items = " · ".join(f'<a href="{html.escape(relative(page, t))}">{html.escape(label)}</a>' for label, t in links)
    nav = f'\n<nav class="site-nav" aria-label="Webbplatsen">{items}</nav>'
    out = text[: body.end()] + nav + text[body.end() :]
    head = out.find("</head>")
    return out[:head] + _NAV_STYLE + out[head:] if head != -1 else out
