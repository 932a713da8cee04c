"""PDF: the HTML render printed by headless Chromium (``Page.printToPDF``), on A4.

Chromium draws the running header and the page numbers from ``headerTemplate`` and
``footerTemplate`` (it fills ``<span class="pageNumber">`` and ``totalPages``) in the page
margins that the stylesheet's ``@page`` rule sets. CSS ``@page`` margin boxes (``@top-right``
with ``counter(pages)``) would do the same, and Chromium 156 draws them, but only Chromium 131
and later do; the DevTools templates work with older ones too. The header holds the
document's title, and the case number and date where the document has them; the footer reads
"Sida 1 av 3".

Chromium writes the time of printing into the PDF (``/CreationDate`` and ``/ModDate``);
:func:`fixed_dates` replaces both with the render's ``as_of`` day at midnight UTC, in a string
of the same length so the cross-reference offsets stay right. Same HTML and ``as_of``, same
bytes, with the same Chromium and fonts.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .types import PageHeader

_TEXT = "font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 7.5pt; color: #444;"
_BOX = f"{_TEXT} width: 100%; margin: 0 18mm 0 22mm; display: flex; justify-content: space-between; gap: 6mm;"


def header_template(header: PageHeader) -> str:
    right = " · ".join(x for x in (f"Dnr {header.case_number}" if header.case_number else None, header.date) if x)
    return (
        f'<div style="{_BOX}"><span style="overflow: hidden; text-overflow: ellipsis; white-space: nowrap;">'
        f'{html.escape(header.title)}</span><span style="white-space: nowrap;">{html.escape(right)}</span></div>'
    )


def footer_template() -> str:
    return (
        f'<div style="{_BOX} justify-content: flex-end;"><span>Sida <span class="pageNumber"></span> '
        'av <span class="totalPages"></span></span></div>'
    )


def print_options(header: PageHeader) -> dict[str, object]:
    """``Page.printToPDF``'s options: A4 (also from the stylesheet's ``@page``), header and footer."""
    return {
        "paperWidth": 210 / 25.4,
        "paperHeight": 297 / 25.4,
        "preferCSSPageSize": True,
        "printBackground": True,
        "displayHeaderFooter": True,
        "headerTemplate": header_template(header),
        "footerTemplate": footer_template(),
        "generateDocumentOutline": True,
        "generateTaggedPDF": True,
    }


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})([^)]*)\)")


def fixed_dates(pdf: bytes, day: dt.date) -> bytes:
    """``pdf`` with its creation and modification dates set to ``day``, each string as long as before."""

    def fixed(match: re.Match[bytes]) -> bytes:
        stamp = day.strftime("%Y%m%d000000").encode()
        zone = {7: b"+00'00'", 1: b"Z", 0: b""}.get(len(match.group(3)), match.group(3))
        return b"/" + match.group(1) + b" (D:" + stamp + zone + b")"

    return _PDF_DATE.sub(fixed, pdf)


def print_pdfs(browser: str, pages: Sequence[tuple[str, PageHeader]], as_of: dt.date) -> list[bytes]:
    """Each HTML page printed to PDF by one Chromium, in order; :class:`.chromium.BrowserError`
    when the browser cannot be started or fails."""
    from .chromium import DevTools  # the browser driver only when printing

    printed = []
    with tempfile.TemporaryDirectory(prefix="samverkan-pdf-") as folder, DevTools(browser) as chromium:
        for number, (text, header) in enumerate(pages):
            page = Path(folder) / f"{number}.html"
            page.write_text(text, encoding="utf-8")
            session = chromium.open(page.as_uri())
            printed.append(fixed_dates(chromium.print_pdf(session, print_options(header)), as_of))
    return printed


__all__ = ["PageHeader", "fixed_dates", "footer_template", "header_template", "print_options", "print_pdfs"]
