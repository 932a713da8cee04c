"""``samverkan site``: a static site of the agreements, to look at rather than read.

:func:`build_site` reads the files (as ``samverkan render`` does, with the files beside them
and the action plans they link to), computes each agreement's state and obligations on
``as_of`` (as ``samverkan status`` and ``samverkan due`` do), renders each agreement, its
follow-up report and its case memo with :mod:`samverkan.render`, and fills the templates in
``templates/html/site/``: an index grouped by municipality with the timeline of all
agreements, a page per municipality and per agreement, the list of what is due, and the same
list as a calendar (``samverkan.ics``). :func:`write_site` writes the files atomically and
only inside the output folder; :func:`make_site` (the command) writes each file as soon as it
is made, so that the site is never held in memory whole.

The site needs no script and no network: every link is relative, every page carries the
Content-Security-Policy of the rendered documents, the timeline is inline SVG. Nothing reads
the clock: the same files and ``as_of`` give the same bytes.

The layout of the output folder::

    index.html                      the overview and the timeline
    frister.html                    what is due, overdue first
    samverkan.ics                   the same as a calendar
    kommun/<kommun>.html            a municipality: its chain of agreements and their timeline
    overenskommelse/<id>.html       an agreement: state, period, deadlines, links to its documents
    dokument/<id>.<document>.html   the rendered agreement, follow-up report and case memo
"""

from __future__ import annotations

from .build import SiteFile, SiteProgress, SiteRequest, SiteResult, build_site, make_site, write_site

__all__ = ["SiteFile", "SiteProgress", "SiteRequest", "SiteResult", "build_site", "make_site", "write_site"]
