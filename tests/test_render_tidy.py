"""``tidy``: what every rendered document passes through. HTML takes a shorter way (every blank
line goes); it must give what the line-by-line way gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from samverkan.render.environment import tidy


def _line_by_line(text: str, output_format: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1] or output_format == "html"):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


PIECES = ["a", "<p>", " ", "\t", "\n", "\r", "\r\n", "\x0b", "\x85", "\u2028", "\xa0"]
texts = st.lists(st.sampled_from(PIECES)).map("".join)


@given(texts)
def test_html_is_tidied_as_line_by_line(text: str) -> None:
    assert tidy(text, "html") == _line_by_line(text, "html")


@given(texts)
def test_markdown_keeps_one_blank_line_in_a_row(text: str) -> None:
    assert tidy(text, "md") == _line_by_line(text, "md")
    assert "\n\n\n" not in tidy(text, "md")


def test_examples() -> None:
    assert tidy("<p>a  \n\n\n  <b>\n\n", "html") == "<p>a\n  <b>\n"
    assert tidy("# A  \n\n\ntext\n\n", "md") == "# A\n\ntext\n"
    assert tidy("", "html") == tidy("", "md") == "\n"
