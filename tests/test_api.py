"""The Python API: the README's example runs and prints what the README says; ``__all__`` is
the public surface and every name in it can be imported; the package is typed."""

from __future__ import annotations

import importlib.resources
import re
import subprocess
import sys
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


def test_unknown_names_are_an_attribute_error() -> None:
    try:
        api.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("an unknown name was found")


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
