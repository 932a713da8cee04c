"""Templates are kept compiled in the cache folder between runs: the same output, an edited
template compiled again, and no cache folder (or one that cannot be written) is
no error."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic

from samverkan.render.environment import environment, render_template

CONTEXT = {"title": "Samverkan <Umeå>"}


def _kept() -> list[Path]:
    return sorted((Path(os.environ["SAMVERKAN_CACHE_DIR"]) / "templates").rglob("*.cache"))


def _user_template(folder: Path, text: str) -> Path:
    path = folder / "html" / "egen.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return folder


def test_a_template_compiled_once_is_read_back_and_fills_the_same(tmp_path: Path) -> None:
    folder = _user_template(tmp_path / "mallar", "<h1>{{ title }}</h1>\n")
    first = render_template(environment("html", folder), "html/egen.html", CONTEXT)
    kept = _kept()
    assert len(kept) == 1
    stamp = kept[0].stat().st_mtime_ns
    again = render_template(environment("html", folder), "html/egen.html", CONTEXT)
    assert again == first == "<h1>Samverkan &lt;Umeå&gt;</h1>\n"  # still escaped
    assert _kept() == kept and kept[0].stat().st_mtime_ns == stamp  # read, not written again


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    folder = _user_template(tmp_path / "mallar", "<h1>{{ title }}</h1>\n")
    render_template(environment("html", folder), "html/egen.html", CONTEXT)
    (kept,) = _kept()
    before = kept.read_bytes()
    _user_template(folder, "<h2>{{ title }}</h2>\n")
    assert render_template(environment("html", folder), "html/egen.html", CONTEXT) == (
        "<h2>Samverkan &lt;Umeå&gt;</h2>\n"
    )
    assert _kept() == [kept] and kept.read_bytes() != before  # one entry a template, made again


def test_markdown_and_html_keep_their_own(tmp_path: Path) -> None:
    for output_format in ("md", "html"):
        folder = _user_template(tmp_path / output_format, "{{ title }}\n")
        env = environment(output_format, folder)
        render_template(env, "html/egen.html", CONTEXT)
    assert len({path.parent for path in _kept()}) == 2


def test_without_a_cache_folder_nothing_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMVERKAN_NO_CACHE", "1")
    folder = _user_template(tmp_path / "mallar", "<h1>{{ title }}</h1>\n")
    assert render_template(environment("html", folder), "html/egen.html", CONTEXT).startswith("<h1>")
    assert not (Path(os.environ["SAMVERKAN_CACHE_DIR"]) / "templates").exists()


def test_a_cache_folder_that_cannot_be_written_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("SAMVERKAN_CACHE_DIR", str(blocked))
    folder = _user_template(tmp_path / "mallar", "<h1>{{ title }}</h1>\n")
    assert render_template(environment("html", folder), "html/egen.html", CONTEXT).startswith("<h1>")


@pytest.mark.parametrize(
    "damage",
    [b"j2 not what was written", bc_magic, bc_magic + b"\x80", bc_magic + pickle.dumps("x")[:-1], b""],
    ids=["not-jinja", "magic-only", "pickle-cut", "pickle-short", "empty"],
)
def test_a_kept_file_that_is_damaged_is_compiled_again(tmp_path: Path, damage: bytes) -> None:
    folder = _user_template(tmp_path / "mallar", "<h1>{{ title }}</h1>\n")
    first = render_template(environment("html", folder), "html/egen.html", CONTEXT)
    (kept,) = _kept()
    whole = kept.read_bytes()
    kept.write_bytes(damage)
    assert render_template(environment("html", folder), "html/egen.html", CONTEXT) == first
    assert kept.read_bytes() == whole  # written anew


def test_a_template_error_still_names_its_file_and_line(tmp_path: Path) -> None:
    from samverkan.render import TemplateProblem

    folder = _user_template(tmp_path / "mallar", "<h1>\n{{ 1 // 0 }}</h1>\n")
    for _ in range(2):  # compiled, then read back from the cache
        with pytest.raises(TemplateProblem, match=r"egen\.html:2: ZeroDivisionError"):
            render_template(environment("html", folder), "html/egen.html", CONTEXT)
