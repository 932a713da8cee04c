"""``tidy``: what every rendered document passes through. HTML takes a shorter way than
Markdown; it must give what Markdown's line-by-line way gives, less the blank lines it keeps."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from samverkan.render.environment import tidy

PIECES = ["a", "<p>", " ", "\t", "\n", "\r", "\r\n", "\x0b", "\x85", "\u2028", "\xa0"]
texts = st.lists(st.sampled_from(PIECES)).map("".join)


@given(texts)
def test_html_is_markdown_without_its_blank_lines(text: str) -> None:
    markdown = tidy(text, "md")
    assert tidy(text, "html") == "\n".join(line for line in markdown.split("\n") if line) + "\n"


@given(texts)
def test_markdown_keeps_one_blank_line_in_a_row(text: str) -> None:
    said = tidy(text, "md")
    assert (said.endswith("\n") and "\n\n\n" not in said and not said.startswith("\n")) or said == "\n"
    assert all(line == line.rstrip() for line in said.split("\n"))
    assert [line for line in said.split("\n") if line] == [line.rstrip() for line in text.splitlines() if line.rstrip()]


def test_examples() -> None:
    assert tidy("<p>a  \n\n\n  <b>\n\n", "html") == "<p>a\n  <b>\n"
    assert tidy("# A  \n\n\ntext\n\n", "md") == "# A\n\ntext\n"
    assert tidy("", "html") == tidy("", "md") == "\n"
