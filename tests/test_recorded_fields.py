"""Every field ``record`` and ``extend`` write is shown where a reader looks for it.

The follow-up report (Markdown and HTML, and so the site, which links it) shows for each row
done: the date, the note, the link (``--link``) and, for a consultation, its outcome; a review's
note and link too. In HTML a link is an ``href`` only when it is an http(s) URL, autoescaped;
anything else is text. A public render leaves them out, as it leaves out the notes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from edit_cli import OPEN_ENDED
from samverkan.cli import app

ROOT = Path(__file__).resolve().parent.parent
VASBY = Path("agreements/upplands-vasby/upplands-vasby-2021.yaml")


@pytest.fixture(autouse=True)
def _bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "SAMVERKAN_DEBUG", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    shutil.copytree(ROOT / "agreements", tmp_path / "agreements")
    monkeypatch.chdir(tmp_path)


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def report(fmt: str, *extra: str) -> str:
    return invoke(
        "render", str(VASBY), "--document", "follow-up-report", "--format", fmt, "--as-of", "2022-06-01", *extra
    ).stdout


def follow_up(link: str) -> None:
    invoke("record", "follow-up", "upplands-vasby-2021", "halvtidsuppfoljning", "--date", "2021-12-15", "--link", link)


def test_a_web_link_is_a_link_in_html_and_text_in_markdown() -> None:
    follow_up("https://example.org/rapport?a=1&b=<x>")
    page = report("html")
    escaped = "https://example.org/rapport?a=1&amp;b=&lt;x&gt;"
    assert f'Rapport: <a href="{escaped}">{escaped}</a>' in page
    assert "<x>" not in page
    row = next(line for line in report("md").splitlines() if "Halvtidsuppföljning" in line)
    assert "; rapport: https://example.org/rapport?a=1&b=\\<x\\> |" in row


@pytest.mark.parametrize(
    ("link", "shown"),
    [
        ("javascript:alert(1)", "javascript:alert(1)"),
        ("P:\\Trygghet\\uppföljning 2021.docx", "P:\\Trygghet\\uppföljning 2021.docx"),
        ("rapporter/halvtid.pdf", "rapporter/halvtid.pdf"),
        ('http://x" onmouseover="y', "http://x&#34; onmouseover=&#34;y"),
        ("https:///ingen-värd", "https:///ingen-värd"),
    ],
)
def test_anything_but_a_web_link_is_text(link: str, shown: str) -> None:
    follow_up(link)
    page = report("html")
    assert f"Rapport: {shown}</span>" in page
    assert "<a href=" not in page.split("Halvtidsuppföljning", 1)[1].split("</tr>", 1)[0]


def test_a_public_render_leaves_the_link_out() -> None:
    follow_up("https://example.org/rapport")
    assert "example.org" in report("html")
    assert "example.org" not in report("html", "--public")
    assert "example.org" not in report("md", "--public")


def test_the_site_shows_the_link_in_its_follow_up_report() -> None:
    follow_up("https://example.org/rapport")
    invoke("site", "agreements", "--out", "site", "--as-of", "2022-06-01")
    page = Path("site/dokument/upplands-vasby-2021.follow-up-report.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/rapport">https://example.org/rapport</a>' in page


def test_a_consultations_outcome_and_note_are_shown() -> None:
    invoke(
        "record", "consultation", "upplands-vasby-2021", "--date", "2022-05-10", "--outcome", "ingen förlängning",
        "--note", "KS 2022-05-10 § 3",
    )  # fmt: skip
    row = next(line for line in report("md").splitlines() if "Samråd om förlängning" in line)
    assert "; utfall: ingen förlängning; anteckning: KS 2022-05-10 § 3 |" in row
    assert "| 10 maj 2022 |" in row
    assert '<span class="detail">Utfall: ingen förlängning</span>' in report("html")


def test_a_reviews_note_and_link_are_shown() -> None:
    Path("agreements/ort.yaml").write_text(OPEN_ENDED, encoding="utf-8")
    invoke(
        "record", "review", "ort-2017", "--date", "2021-03-01", "--note", "Översyn i styrgruppen",
        "--link", "https://example.org/protokoll",
    )  # fmt: skip
    text = invoke("render", "agreements/ort.yaml", "--document", "follow-up-report", "--as-of", "2021-06-01").stdout
    row = next(line for line in text.splitlines() if "Översyn av överenskommelsen" in line and "1 mars 2021" in line)
    assert "; anteckning: Översyn i styrgruppen; rapport: https://example.org/protokoll |" in row


def test_a_meetings_date_and_note_are_shown_in_the_follow_up_report() -> None:
    # Upplands Väsby's agreement renders its own sections, without the organisation: the
    # follow-up report is where the meetings held are seen.
    invoke("record", "meeting", "upplands-vasby-2021", "styrgrupp", "--date", "2021-05-04", "--note", "Lägesbild")
    row = next(line for line in report("md").splitlines() if "minst två möten (2021)" in line)
    assert "; 1 möte registrerat: 4 maj 2021; anteckning: 4 maj 2021: Lägesbild |" in row
    assert "Lägesbild" not in report("md", "--public")


def test_an_extensions_decision_and_note_are_shown_in_the_follow_up_report() -> None:
    invoke("extend", "upplands-vasby-2021", "--decided", "2022-05-20", "--note", "KS 2022-05-20 § 12")
    row = next(line for line in report("md").splitlines() if "Giltighetstiden går ut" in line)
    assert "förlängdes den 20 maj 2022 till och med 31 december 2024; anteckning: KS 2022-05-20 § 12 |" in row
