"""The Python API: the README's example runs and prints what the README says; ``__all__`` is
the public surface and every name in it can be imported; the package is typed."""

from __future__ import annotations

import dataclasses
import importlib.resources
import re
import subprocess
import sys
import typing
from pathlib import Path

import samverkan.api as api

ROOT = Path(__file__).resolve().parent.parent


def _readme_example() -> tuple[str, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    printed = re.search(r"```text\n(.*?)```", section, re.S)
    assert code and printed, "the README's Python API section has a python block and a text block"
    return code.group(1), printed.group(1)


def test_the_readme_example_prints_what_the_readme_says() -> None:
    code, printed = _readme_example()
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout == printed


def test_every_public_name_imports() -> None:
    assert sorted(api.__all__) == api.__all__
    for name in api.__all__:
        assert getattr(api, name) is not None, name
    for function in ("check", "load_valid", "due", "status", "render"):
        assert function in api.__all__
        assert getattr(api, function).__doc__


def _api_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## Python API", 1)[1].split("\n## ", 1)[0]


_NAMES = {name: getattr(api, name) for name in api.__all__}


def _classes(hint: object, found: set[type]) -> None:
    """The classes in a type hint and, for a dataclass, in its fields' hints, transitively."""
    if isinstance(hint, type):
        if hint in found:
            return
        found.add(hint)
        if dataclasses.is_dataclass(hint):
            for field_hint in typing.get_type_hints(hint, localns=_NAMES).values():
                _classes(field_hint, found)
    for arg in typing.get_args(hint):
        _classes(arg, found)


def test_every_public_name_is_documented_or_returned_by_a_documented_function() -> None:
    section = _api_section()
    documented = {name for name in api.__all__ if re.search(rf"`[^`]*\b{name}\b[^`]*`", section)}
    returned: set[type] = set()
    for name in documented:
        value = getattr(api, name)
        if callable(value) and not isinstance(value, type):
            _classes(typing.get_type_hints(value, localns=_NAMES).get("return"), returned)
    undocumented = [name for name in api.__all__ if name not in documented and getattr(api, name) not in returned]
    assert not undocumented, f"in samverkan.api.__all__ but not in the README's Python API section: {undocumented}"


def test_the_render_types_are_the_render_modules() -> None:
    import samverkan.render

    assert api.RenderRequest is samverkan.render.RenderRequest
    assert api.RenderResult is samverkan.render.RenderResult


def test_left_out_lines_is_a_reporter_not_api() -> None:
    from samverkan.reporters.left_out import left_out_lines

    assert "left_out_lines" not in api.__all__ and not hasattr(api, "left_out_lines")
    assert left_out_lines([]) == []


def test_the_package_is_typed() -> None:
    assert (importlib.resources.files("samverkan") / "py.typed").is_file()


def test_importing_the_api_does_not_load_jinja() -> None:
    run = subprocess.run(
        [sys.executable, "-c", "import sys, samverkan.api; print('jinja2' in sys.modules)"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.stdout.strip() == "False", run.stderr
