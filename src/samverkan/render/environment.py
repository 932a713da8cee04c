"""The Jinja environments: a user's templates folder first, file by file, the packaged defaults last.

Templates are named by format and document, ``html/agreement.html`` or ``md/memo.md``; each is
a thin file that extends a layout in ``html/layouts/`` (``md/layouts/``), whose named blocks
include partials from ``html/partials/``. A user folder with the same layout overrides one
partial by holding a file of that name, or one block by holding ``html/agreement.html`` that
extends the layout and redefines the block.

HTML is autoescaped. Markdown is escaped for Markdown: every ``{{ value }}`` goes through
:func:`samverkan.render.markdown.finalize`. Both use ``StrictUndefined``: a misspelt name in a
template is an error, not an empty string.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    pass_environment,
    select_autoescape,
)
from jinja2.bccache import Bucket
from jinja2.filters import make_attrgetter
from markupsafe import Markup, escape

from ..i18n import N_, Message, _
from ..model.section import FOOTNOTE_REF
from ..source import line_of
from . import markdown
from .swedish import capfirst, date_sv, month_year_sv

EXTENSIONS = {"md": "md", "html": "html", "docx": "docx"}
"""The formats and their file extensions; ``docx`` is made from the ``html`` templates."""


def default_templates() -> Path:
    """The packaged templates (``samverkan/templates`` in a wheel), else the repository's ``templates/``."""
    packaged = files("samverkan") / "templates"
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


def _paragraphs(text: str | None) -> list[str]:
    """Paragraphs split at blank lines; the lines of each joined by a space."""
    if not text:
        return []
    blocks = re.split(r"\n\s*\n", text.strip())
    return [" ".join(line.strip() for line in block.splitlines() if line.strip()) for block in blocks]


_BULLET = re.compile(r"^- +")
_NUMBERED = re.compile(r"^\d+\. +")


def _blocks(text: str | None) -> list[dict[str, Any]]:
    """A section's text as blocks: ``{"kind": "p", "text": …}`` for a paragraph (its lines joined
    by a space), ``{"kind": "ul" | "ol", "items": […]}`` for a paragraph whose every line starts
    with ``- `` (``1. ``)."""
    if not text:
        return []
    blocks: list[dict[str, Any]] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        for kind, marker in (("ul", _BULLET), ("ol", _NUMBERED)):
            if all(marker.match(line) for line in lines):
                blocks.append({"kind": kind, "items": [marker.sub("", line) for line in lines]})
                break
        else:
            blocks.append({"kind": "p", "text": " ".join(lines)})
    return blocks


def _inline_md(text: str) -> Markup:
    """Prose for Markdown: escaped, with its footnote references ``[^1]`` kept."""
    escaped = markdown.md_escape(_oneline(text))
    return Markup(re.sub(r"\\\[\^([0-9A-Za-z†‡]+)\\\]", r"[^\1]", escaped))


def _inline_html(text: str) -> Markup:
    """Prose for HTML: escaped, with each footnote reference ``[^1]`` a superscript link to its note."""
    out, last = [], 0
    for match in FOOTNOTE_REF.finditer(text):
        mark = match.group(1)
        out.append(str(escape(text[last : match.start()])))
        out.append(
            f'<sup><a href="#fn-{mark}" id="fnref-{mark}" class="footnote-ref" '
            f'aria-label="Fotnot {mark}">{mark}</a></sup>'
        )
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup(_oneline("".join(out)))


def _cell_lines(text: str) -> list[str]:
    """A table cell's lines, each with its whitespace as single spaces; blank lines inside the
    cell kept, the ones before and after it dropped (``[]``: an empty cell)."""
    lines = [_oneline(line) for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _cell_md(text: str) -> Markup:
    """A table cell for a Markdown (GitHub) table: escaped (``|`` as ``\\|``), on one line, its
    lines separated by ``<br>``."""
    return Markup("<br>").join(Markup(markdown.md_escape(line)) for line in _cell_lines(text))


def _cell_html(text: str) -> Markup:
    """A table cell for HTML: escaped, its lines separated by ``<br>``."""
    return Markup("<br>").join(_cell_lines(text))


def _heading_paths(sections: Iterable[Any]) -> list[str]:
    """For each section, its heading after the headings it stands under (``Främjande … –
    Uppföljning``); a section without a heading has the path of the one before it. It names the
    section's tables for a screen reader, and tells apart tables under headings of the same name."""
    stack: list[tuple[int, str]] = []
    paths = []
    for section in sections:
        if section.heading:
            while stack and stack[-1][0] >= section.level:
                stack.pop()
            stack.append((section.level, _oneline(section.heading)))
        paths.append(" – ".join(heading for _, heading in stack))
    return paths


def _web_url(value: object) -> bool:
    """Whether ``value`` is an ``http`` or ``https`` URL with a host: only such a link becomes an
    ``href``; anything else (a path, ``javascript:``, ``file:``) is shown as text."""
    if not isinstance(value, str) or value != value.strip() or any(ch.isspace() for ch in value):
        return False
    parts = urlsplit(value)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _oneline(text: object) -> str:
    """All whitespace, line breaks included, as single spaces: for headings and table cells."""
    return " ".join(str(text).split())


@pass_environment
def _tally(env: Environment, items: Iterable[Any], attribute: str) -> Counter[Any]:
    """How many of ``items`` have each value of ``attribute`` (dotted, as ``selectattr`` reads
    it), a missing value counting 0: ``rows | tally("state.key")``. One pass, where a count per
    value with ``selectattr`` passes over every row for each value."""
    get = make_attrgetter(env, attribute)
    return Counter(get(item) for item in items)


@pass_environment
def _any_with(env: Environment, items: Iterable[Any], attribute: str, *value: Any) -> bool:
    """Whether any of ``items`` has a true ``attribute`` (or one equal to ``value``), stopping at
    the first: ``rows | any_with("responsible")``, ``rows | any_with("kind", "citizen-promise")``."""
    get = make_attrgetter(env, attribute)
    if value:
        return any(get(item) == value[0] for item in items)
    return any(get(item) for item in items)


def _checked(name: str, kind: type, what: Message, filter_: Callable[[Any], str]) -> Callable[[Any], str]:
    """``filter_`` that first checks its value is a ``kind``: a template that gives a date filter
    text is a :class:`TypeError` that names the filter and the value, not an assertion deep inside."""

    def checked(value: Any) -> str:
        if not isinstance(value, kind):
            raise TypeError(
                _("{filter}: needs {what}, not {type} ({value})").format(
                    filter=name, what=what.translate(), type=type(value).__name__, value=repr(value)[:60]
                )
            )
        return filter_(value)

    return checked


def _md_join(items: Iterable[Any], separator: str = "") -> Markup:
    return Markup(separator).join(markdown.finalize(item) for item in items)


class TemplateProblem(Exception):
    """A template cannot be used: not found, a syntax error, or an error while filling it in.
    Its text begins with the place of the fault, ``path:line:``, where that is known."""


class _Utf8Loader(FileSystemLoader):
    """A folder of templates that must be UTF-8: a file that is not (one saved as Windows-1252)
    is a syntax error at its own path and the line of the first byte that is not UTF-8."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            data = exc.object if isinstance(exc.object, bytes) else bytes(exc.object)
            line = line_of(data, exc.start)
            candidates = (Path(root).joinpath(*template.split("/")) for root in self.searchpath)
            path = next((str(candidate) for candidate in candidates if candidate.is_file()), template)
            message = _("not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8").format(byte=data[exc.start])
            raise TemplateSyntaxError(message, line, template, path) from None


def _template_place(exc: BaseException, roots: Iterable[str]) -> str | None:
    """``path:line`` of the innermost template line in ``exc``'s traceback (Jinja gives the
    frames of template code the template's file and line), or ``None``."""
    folders = [Path(root).absolute() for root in roots]
    place = None
    for frame in traceback.extract_tb(exc.__traceback__):
        absolute = Path(frame.filename).absolute()
        if frame.lineno and any(absolute.is_relative_to(folder) for folder in folders):
            place = f"{frame.filename}:{frame.lineno}"
    return place


def render_template(env: Environment, name: str, context: Mapping[str, Any]) -> str:
    """The template ``name`` filled with ``context``; any fault in it (or in a partial it includes)
    as a :class:`TemplateProblem` that names the file and line where it is: a syntax error, a
    misspelt name, a file that is not UTF-8, a partial that includes itself without end, or an
    error in the template's own expressions (``{{ 1 // 0 }}``, a filter given a wrong value)."""
    roots: list[str] = []
    loader = env.loader
    for one in loader.loaders if isinstance(loader, ChoiceLoader) else [loader]:
        if isinstance(one, FileSystemLoader):
            roots.extend(str(root) for root in one.searchpath)
    try:
        return env.get_template(name).render(context)
    except TemplateSyntaxError as exc:
        raise TemplateProblem(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
    except TemplateNotFound as exc:
        place = _template_place(exc, roots)
        found = _("template not found: {name}").format(name=exc.name)
        raise TemplateProblem(found if place is None else f"{place}: {found}") from None
    except TemplateError as exc:
        raise TemplateProblem(f"{_template_place(exc, roots) or name}: {type(exc).__name__}: {exc}") from None
    except RecursionError as exc:
        endless = _("a template includes itself, or calls itself, without end")
        raise TemplateProblem(f"{_template_place(exc, roots) or name}: {endless}") from None
    # The template's own Python: {{ 1 // 0 }}, {% for x in 3 %}, a filter given a wrong value.
    except Exception as exc:  # noqa: BLE001
        raise TemplateProblem(f"{_template_place(exc, roots) or name}: {type(exc).__name__}: {exc}") from None


class _CompiledTemplates(FileSystemBytecodeCache):
    """Templates compiled in a run before, like ``.pyc`` files: Jinja keys each by the
    template's name, file and source, so an edited template, or one of ``--templates`` that
    overrides it, is compiled again. A folder that cannot be read or written is no cache, and a
    damaged entry is compiled again (and written anew)."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged entry (cut short, not a pickle, …) is a miss
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _compiled_templates(output_format: str) -> BytecodeCache | None:
    """Where the templates of ``output_format`` are kept compiled: in the cache folder, beside
    the schema's compiled validator and under the same rule (kept with ``--no-cache``, which is
    about results; not with ``SAMVERKAN_NO_CACHE``), apart for each format and each version of
    samverkan's code, whose environments compile the same source differently."""
    from ..cache import cache_dir, code_fingerprint, disabled_by_environment

    if disabled_by_environment():
        return None
    folder = cache_dir() / "templates" / f"{code_fingerprint()}-{output_format}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _CompiledTemplates(str(folder))


def environment(output_format: str, user_folder: Path | None = None) -> Environment:
    """The environment for ``md`` or ``html`` templates."""
    roots = [str(user_folder)] if user_folder is not None else []
    roots.append(str(default_templates()))
    loader = ChoiceLoader([_Utf8Loader(root) for root in roots])
    options: dict[str, Any] = {
        "bytecode_cache": _compiled_templates(output_format),
        "loader": loader,
        "undefined": StrictUndefined,
        # Markdown: a line holding only a tag leaves nothing. HTML: every line ends where the
        # template's line ends, and tidy() drops the empty ones.
        "trim_blocks": output_format == "md",
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }
    if output_format == "md":
        env = Environment(autoescape=True, finalize=markdown.finalize, **options)
        env.filters["join"] = _md_join
        env.filters["inline"] = _inline_md
        env.filters["cell"] = _cell_md
    else:
        env = Environment(autoescape=select_autoescape(["html", "htm", "svg", "xml"]), **options)
        env.filters["inline"] = _inline_html
        env.filters["cell"] = _cell_html
    env.tests["web_url"] = _web_url
    env.filters.update(
        {
            "date_sv": _checked("date_sv", dt.date, N_("a date"), date_sv),
            "month_year_sv": _checked("month_year_sv", dt.date, N_("a date"), month_year_sv),
            "capfirst": _checked("capfirst", str, N_("text"), capfirst),
            "paragraphs": _paragraphs,
            "blocks": _blocks,
            "heading_paths": _heading_paths,
            "oneline": _oneline,
            "md": markdown.md_filter,
            "tally": _tally,
            "any_with": _any_with,
        }
    )
    return env


def tidy(text: str, output_format: str = "md") -> str:
    """Trailing spaces off every line, one newline at the end, and at most one blank line in a
    row (Markdown) or none (HTML, which has no ``<pre>`` where they would matter)."""
    if output_format == "html":  # every blank line goes: the same as below, a site's pages at a time
        return "\n".join(filter(None, map(str.rstrip, text.splitlines()))) + "\n"
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1] or output_format == "html"):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
