"""Each kind of lifecycle reaches every output: ``due`` (table and calendar), ``status`` and the site.

A standalone citizen promise, a promise chain with a lapse, an open-ended agreement with a
review held, an action plan decided one year at a time and an agreement that starts at
signing, from the case folders in ``tests/cases/lifecycle/``: at a date when the obligation is
open, its uid is in ``due --format ics``, on the site's due page and in its calendar, and the
document is on the site with its state.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samverkan.cli import app
from samverkan.site.build import SiteRequest, build_site

CASES = Path(__file__).parent / "cases" / "lifecycle"

# (case folder, as of, document id, uid of an open obligation, the state `status` prints)
SEEN = [
    ("01-promise-own-file", "2019-07-01", "exempelby-ml-2018", "exempelby-ml-2018/promise-end/2020-06-30", "in force"),
    ("03-promise-chain-lapse", "2022-06-01", "a-2021", "a-2021/promise-end/2022-12-31", "extended"),
    ("04b-open-ended-review-held", "2023-06-01", "tillsvidare-2017", "tillsvidare-2017/review/2024-03-01", "in force"),
    (
        "05-plan-one-year-at-a-time",
        "2023-06-01",
        "planby-2023",
        "planby-2023/plan-decision/handlingsplan-2023",
        "in force",
    ),
    ("06-start-at-signing", "2024-03-14", "signby-2024", "signby-2024/start", "not in force, starts at signing"),
]


def _files(folder: Path) -> list[str]:
    return [str(p) for p in sorted(folder.glob("*.yaml")) if p.name != "expected.yaml"]


@pytest.mark.parametrize(("case", "as_of", "ident", "uid", "state"), SEEN)
def test_every_output_has_it(case: str, as_of: str, ident: str, uid: str, state: str) -> None:
    files = _files(CASES / case)
    runner = CliRunner()
    status = runner.invoke(app, ["status", *files, "--as-of", as_of, "--no-cache"])
    assert status.exit_code == 0, status.output
    line = next(ln for ln in status.stdout.splitlines() if ln.strip().startswith(ident + " "))
    assert f"  {state} (" in line or line.rstrip().endswith(state), line
    due = runner.invoke(app, ["due", *files, "--as-of", as_of, "--no-cache", "--format", "ics"])
    assert due.exit_code == 0, due.output
    assert f"UID:{uid}@samverkan" in due.stdout.replace("\r\n ", "")
    site = build_site(SiteRequest(tuple(Path(f) for f in files), dt.date.fromisoformat(as_of)))
    pages = {f.path: f.data.decode("utf-8") for f in site.files}
    assert f'data-uid="{uid}@samverkan"' in pages["frister.html"]
    assert f"UID:{uid}@samverkan" in pages["samverkan.ics"].replace("\r\n ", "")
    assert any(ident in text for path, text in pages.items() if path.endswith(f"{ident}.html")), sorted(pages)


FAR_AHEAD = """\
kind: agreement
id: sigby-2025
title: Samverkansöverenskommelse
parties:
  - {id: k, kind: municipality, name: Sigby kommun}
  - {id: p, kind: police, name: Lokalpolisområde Sigby}
period: {start: 2025-02-03, end: 2027-06-30}
extension: {type: renewal, years: 2, consultation_months_before: 3}
signing: {date: 2025-02-03}
"""


def test_the_site_lists_what_due_lists_even_when_a_window_opens_years_ahead(tmp_path: Path) -> None:
    """The consultation's window is open from the start, but it falls due 2027-03-30: like `due`,
    the site's due page and calendar leave it out on 2025-06-01 (more than a year ahead)."""
    (tmp_path / "sigby.yaml").write_text(FAR_AHEAD, encoding="utf-8")
    due = CliRunner().invoke(app, ["due", str(tmp_path), "--as-of", "2025-06-01", "--no-cache", "--format", "ics"])
    assert due.exit_code == 0, due.output
    site = build_site(SiteRequest((tmp_path,), dt.date(2025, 6, 1)))
    pages = {f.path: f.data for f in site.files}
    assert pages["samverkan.ics"] == due.stdout_bytes
    assert b"consultation/2027-06-30" not in pages["samverkan.ics"]
