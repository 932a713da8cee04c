"""The schema in editors: where ``samverkan new`` and ``samverkan schema --write`` put it, its
date patterns, and three outside tools that read it.

- yaml-language-server (the server behind VS Code's YAML extension, Neovim, Helix …), driven
  over stdio with LSP JSON-RPC, flags an impossible date and month in a file whose modeline
  points at the schema, and has nothing to say about a valid bundled agreement;
- Ajv in strict mode compiles it (``tests/schema_tools/ajv_strict.js``);
- check-jsonschema checks it against the draft-07 metaschema and the bundled agreements
  against it.

The npm packages come from ``.ci/node/node_modules`` (``$SAMVERKAN_NODE_MODULES`` elsewhere),
where ``.ci/run`` installs them under CI; check-jsonschema from the test extra. Without them
the tests skip, except under CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from samverkan.cli import app
from samverkan.model.types import BOUNDARY_PATTERN, DATE_PATTERN, DAY_OR_MONTH_PATTERN, MONTH_PATTERN
from samverkan.schema import SCHEMA_ID, schema_text
from samverkan.source import parse_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "samverkan.schema.json"
AGREEMENTS = sorted((ROOT / "agreements").rglob("*.yaml"))
VASBY = ROOT / "agreements" / "upplands-vasby" / "upplands-vasby-2021.yaml"
NPM_PACKAGES = "yaml-language-server@1 ajv@8"
"""What ``.ci/run`` installs with ``npm install --prefix .ci/node``."""
LSP_WAIT = 120
"""Seconds to wait for an answer of the language server before giving up (a hang guard)."""


def _missing(what: str, how: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing, and CI=true: {how}")
    pytest.skip(f"{what} is missing ({how}); these tests run in CI")


@pytest.fixture(scope="module")
def node_modules() -> Path:
    """The folder where npm installed yaml-language-server and Ajv, with ``node`` on PATH."""
    named = os.environ.get("SAMVERKAN_NODE_MODULES")
    folder = Path(named) if named else ROOT / ".ci" / "node" / "node_modules"
    how = f"npm install --no-save --prefix .ci/node {NPM_PACKAGES}, as .ci/run does"
    if shutil.which("node") is None:
        _missing("node", "install Node.js")
    for package in ("yaml-language-server", "ajv"):
        if not (folder / package / "package.json").is_file():
            _missing(f"{package} in {folder}", how)
    return folder


@pytest.fixture(scope="module")
def check_jsonschema() -> str:
    """The ``check-jsonschema`` command: beside this Python (the test extra installs it), or on PATH."""
    beside = Path(sys.executable).parent / "check-jsonschema"
    found = str(beside) if beside.is_file() else shutil.which("check-jsonschema")
    if found is None:
        _missing("check-jsonschema", "pip install -e '.[test]'")
    assert found is not None
    return found


def _a_repository(tmp_path: Path) -> Path:
    """A copy of Upplands Väsby's agreement and the schema, laid out as in this repository."""
    (tmp_path / "schema").mkdir()
    shutil.copy(SCHEMA, tmp_path / "schema")
    folder = tmp_path / "agreements" / "upplands-vasby"
    folder.mkdir(parents=True)
    return Path(shutil.copy(VASBY, folder))


def _with_mistakes(path: Path) -> dict[str, int]:
    """Write the README's mistake (``end: 2022-02-30``) and a month 13 into ``path``; the
    0-based line of each."""
    text = path.read_text(encoding="utf-8")
    assert "  end: 2022-12-31\n" in text and "      month: 2021-12\n" in text
    text = text.replace("  end: 2022-12-31\n", "  end: 2022-02-30\n", 1)
    text = text.replace("      month: 2021-12\n", "      month: 2023-13\n", 1)
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    return {
        value: lines.index(line)
        for value, line in (("2022-02-30", "  end: 2022-02-30"), ("2023-13", "      month: 2023-13"))
    }


def _data(path: Path) -> Any:
    """The file's data as samverkan reads it (YAML 1.2; dates stay text)."""
    located = parse_text(path.read_text(encoding="utf-8"), str(path)).located
    assert located is not None
    return located.data


# The patterns ----------------------------------------------------------------------------

YEARS = [*range(30), *range(1890, 1910), *range(1995, 2105), *range(2395, 2405), *range(9990, 10000)]


def test_the_date_pattern_accepts_exactly_the_days_that_exist() -> None:
    date = re.compile(DATE_PATTERN)
    wrong = []
    for year in YEARS:
        for month in range(14):
            for day in range(33):
                text = f"{year:04d}-{month:02d}-{day:02d}"
                try:
                    real = dt.date(year, month, day) is not None
                except ValueError:
                    real = False
                if (date.fullmatch(text) is not None) != real:
                    wrong.append(text)
    assert wrong == []


def test_the_month_pattern_accepts_exactly_months_1_to_12() -> None:
    month = re.compile(MONTH_PATTERN)
    found = [f"{y:04d}-{m:02d}" for y in YEARS for m in range(100) if month.fullmatch(f"{y:04d}-{m:02d}")]
    assert found == [f"{y:04d}-{m:02d}" for y in YEARS if y > 0 for m in range(1, 13)]


@pytest.mark.parametrize(
    ("pattern", "good", "bad"),
    [
        (BOUNDARY_PATTERN, ["2024", "2024-02", "2024-02-29", "2000-02-29"], ["2023-02-29", "1900-02-29", "2023-13"]),
        (DAY_OR_MONTH_PATTERN, ["2022-05", "2022-04-30"], ["2022", "2022-04-31", "2022-00"]),
        (DATE_PATTERN, ["2022-12-31"], ["2022-02-30", "2022-13-01", "0000-01-01", "2022-1-01", " 2022-12-31"]),
    ],
)
def test_the_other_patterns(pattern: str, good: list[str], bad: list[str]) -> None:
    regex = re.compile(pattern)
    assert [v for v in good if not regex.fullmatch(v)] == []
    assert [v for v in bad if regex.fullmatch(v)] == []


def test_the_schema_refuses_the_readme_mistake_and_month_13() -> None:
    validator = jsonschema.Draft7Validator(json.loads(schema_text()))
    data = _data(VASBY)
    assert list(validator.iter_errors(data)) == []
    data["period"]["end"] = "2022-02-30"
    data["follow_up"]["schedule"][0]["month"] = "2023-13"
    found: set[str] = set()
    errors = list(validator.iter_errors(data))
    while errors:  # the document is a oneOf of kinds: the pattern errors sit in the errors' context
        error = errors.pop()
        errors += error.context or []
        if error.validator == "pattern":
            found.add("/".join(map(str, error.absolute_path)))
    assert sorted(found) == ["follow_up/schedule/0/month", "period/end"]


# Where the schema goes -------------------------------------------------------------------


def _new(folder: str, *more: str) -> Any:
    return CliRunner().invoke(
        app,
        [
            "new",
            *("--municipality", "Umeå kommun", "--police-area", "Lokalpolisområde Umeå", "--start", "2025-01-01"),
            *("--years", "4", "--extension", "none", "--folder", folder, *more),
        ],
    )


def _modeline_target(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    return (path.parent / first.removeprefix(prefix)).resolve()


def test_new_outside_a_repository_writes_the_schema_beside_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = _new("avtal")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[:2] == [
        "wrote avtal/umea-2025.yaml",
        "wrote avtal/samverkan.schema.json, the schema the new file's first line points editors at",
    ]
    schema = tmp_path / "avtal" / "samverkan.schema.json"
    assert _modeline_target(tmp_path / "avtal" / "umea-2025.yaml") == schema.resolve()
    assert schema.read_text(encoding="utf-8") == schema_text()
    # A second file in the same folder, or below it, points at that schema and writes none.
    result = _new("avtal/umea", "--id", "umea-2025-b")
    assert result.exit_code == 0, result.output
    assert "schema" not in result.stderr
    assert _modeline_target(tmp_path / "avtal" / "umea" / "umea-2025-b.yaml") == schema.resolve()
    assert not (tmp_path / "avtal" / "umea" / "samverkan.schema.json").exists()


def test_new_in_a_repository_points_at_its_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "samverkan.schema.json").write_text(schema_text(), encoding="utf-8")
    result = _new("agreements/umea")
    assert result.exit_code == 0, result.output
    path = tmp_path / "agreements" / "umea" / "umea-2025.yaml"
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schema/samverkan.schema.json\n"
    )
    assert sorted(p.name for p in path.parent.iterdir()) == ["umea-2025.yaml"]


def test_no_modeline_points_at_the_unreachable_schema_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert _new(".").exit_code == 0
    assert SCHEMA_ID not in (tmp_path / "umea-2025.yaml").read_text(encoding="utf-8")


def _write(folder: Path) -> Any:
    return CliRunner().invoke(app, ["schema", "--write", str(folder)])


def test_schema_write_creates_then_leaves_the_current_schema_alone(tmp_path: Path) -> None:
    target = tmp_path / "schema" / "samverkan.schema.json"
    result = _write(tmp_path / "schema")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == f"wrote {target}"
    assert "# yaml-language-server: $schema=PATH" in result.stderr
    assert target.read_text(encoding="utf-8") == schema_text()
    stamp = target.stat().st_mtime_ns
    result = _write(tmp_path / "schema")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == f"{target} holds the current schema already; nothing was written"
    assert target.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in target.parent.iterdir()) == ["samverkan.schema.json"], "no temporary file left"


def test_the_readme_shows_what_schema_write_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [shown] = re.findall(r"```console\n\$ samverkan schema --write schema\n(.*?)```", readme, re.S)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["schema", "--write", "schema"])
    assert (result.exit_code, result.stderr) == (0, shown)


def test_schema_write_replaces_an_older_samverkan_schema_and_says_so(tmp_path: Path) -> None:
    target = tmp_path / "samverkan.schema.json"
    older = json.loads(schema_text())
    older["definitions"].popitem()
    target.write_text(json.dumps(older), encoding="utf-8")
    result = _write(tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == f"wrote {target} (it held an older samverkan schema)"
    assert target.read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize("other", ['{"title": "my own schema"}\n', "not json at all\n"])
def test_schema_write_never_replaces_another_file(tmp_path: Path, other: str) -> None:
    target = tmp_path / "samverkan.schema.json"
    target.write_text(other, encoding="utf-8")
    result = _write(tmp_path)
    assert result.exit_code == 1
    assert result.stderr == f"samverkan: {target} exists and is not a samverkan schema; nothing was written\n"
    assert target.read_text(encoding="utf-8") == other


def test_schema_write_into_a_file_is_one_message_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    result = _write(tmp_path / "plain")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"samverkan: cannot write {tmp_path / 'plain' / 'samverkan.schema.json'}: ")
    assert "Traceback" not in result.output


# Ajv, strict -----------------------------------------------------------------------------

AJV = ROOT / "tests" / "schema_tools" / "ajv_strict.js"


def _ajv(node_modules: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    command = ["node", str(AJV), str(node_modules), *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, timeout=LSP_WAIT, check=False)


def test_ajv_strict_compiles_the_schema_and_it_accepts_the_bundled_agreements(
    node_modules: Path, tmp_path: Path
) -> None:
    instances = []
    for n, path in enumerate(AGREEMENTS):
        instances.append(tmp_path / f"{n}.json")
        instances[-1].write_text(json.dumps(_data(path)), encoding="utf-8")
    done = _ajv(node_modules, SCHEMA, *instances)
    assert (done.returncode, done.stdout, done.stderr) == (0, "ok\n", "")


def test_ajv_strict_refuses_an_unknown_keyword(node_modules: Path, tmp_path: Path) -> None:
    """The check can fail: Pydantic's OpenAPI ``discriminator``, which the schema leaves out."""
    schema = json.loads(schema_text())
    schema["discriminator"] = {"propertyName": "kind"}
    (tmp_path / "s.json").write_text(json.dumps(schema), encoding="utf-8")
    done = _ajv(node_modules, tmp_path / "s.json")
    assert done.returncode == 1
    assert 'unknown keyword: "discriminator"' in done.stdout


# check-jsonschema ------------------------------------------------------------------------


def _check(command: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [command, "--no-cache", *map(str, args)], capture_output=True, text=True, timeout=LSP_WAIT, check=False
    )


def test_check_jsonschema_metaschema_and_the_bundled_agreements(check_jsonschema: str) -> None:
    done = _check(check_jsonschema, "--check-metaschema", SCHEMA)
    assert done.returncode == 0, done.stdout + done.stderr
    done = _check(check_jsonschema, "--schemafile", SCHEMA, *AGREEMENTS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_jsonschema_flags_the_readme_mistake(check_jsonschema: str, tmp_path: Path) -> None:
    path = _a_repository(tmp_path)
    _with_mistakes(path)
    done = _check(check_jsonschema, "--output-format", "JSON", "--verbose", "--schemafile", SCHEMA, path)
    assert done.returncode == 1
    [error] = json.loads(done.stdout)["errors"]  # the document is a oneOf of kinds: one error at its root
    found = {e["path"] for e in error["sub_errors"] if "does not match" in e["message"]}
    assert found == {"$.period.end", "$.follow_up.schedule[0].month"}


# yaml-language-server --------------------------------------------------------------------


class LanguageServer:
    """yaml-language-server on stdio: requests and notifications out, messages in on a thread."""

    def __init__(self, node_modules: Path, root: Path) -> None:
        server = node_modules / "yaml-language-server" / "bin" / "yaml-language-server"
        self.process = subprocess.Popen(
            ["node", str(server), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.settings = {"yaml": {"validate": True, "schemaStore": {"enable": False}, "schemas": {}}}
        self.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line or length is None:
                self.inbox.put(None)
                return
            self.inbox.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        return self._wait(lambda m: m.get("id") == self.next_id and "method" not in m).get("result")

    def _wait(self, wanted: Any) -> dict[str, Any]:
        """The next message ``wanted`` accepts, answering the server's own requests meanwhile."""
        while True:
            try:
                message = self.inbox.get(timeout=LSP_WAIT)
            except queue.Empty:
                pytest.fail(f"yaml-language-server said nothing for {LSP_WAIT} s")
            if message is None:
                pytest.fail("yaml-language-server stopped")
            if "method" in message and "id" in message:  # a request to us: configuration, registrations
                items = message.get("params", {}).get("items", [])
                result = [self.settings.get(i.get("section", ""), None) for i in items] if items else None
                self._send({"id": message["id"], "result": result})
            if wanted(message):
                return message

    def diagnostics(self, path: Path) -> list[dict[str, Any]]:
        """Open ``path`` and return what the server publishes for it. A document stays open (on
        closing it the server publishes an empty list): open each file once."""
        uri = path.resolve().as_uri()
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": path.read_text(encoding="utf-8")}
        self.notify("textDocument/didOpen", {"textDocument": document})
        found = self._wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        diagnostics: list[dict[str, Any]] = found["params"]["diagnostics"]
        return diagnostics

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="module")
def language_server(node_modules: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LanguageServer]:
    server = LanguageServer(node_modules, tmp_path_factory.mktemp("lsp"))
    try:
        yield server
    finally:
        server.close()


def _lines(diagnostics: list[dict[str, Any]]) -> list[int]:
    return sorted(d["range"]["start"]["line"] for d in diagnostics)


def test_the_editor_flags_an_impossible_date_and_month(language_server: LanguageServer, tmp_path: Path) -> None:
    path = _a_repository(tmp_path)
    lines = _with_mistakes(path)
    found = language_server.diagnostics(path)
    assert _lines(found) == sorted(lines.values()), found
    assert all("does not match the pattern" in d["message"] for d in found), found


def test_the_editor_has_nothing_to_say_about_a_bundled_agreement(language_server: LanguageServer) -> None:
    assert language_server.diagnostics(VASBY) == []


def test_the_editor_checks_a_new_file_outside_a_repository(
    language_server: LanguageServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``samverkan new`` in an empty folder: the schema it writes beside the file is the one the
    editor loads, so a wrong end date in the new file is flagged."""
    monkeypatch.chdir(tmp_path)
    assert _new(".").exit_code == 0
    path = tmp_path / "umea-2025.yaml"
    assert language_server.diagnostics(path) == []
    text = path.read_text(encoding="utf-8")
    assert "  end: 2028-12-31\n" in text
    wrong = tmp_path / "umea-2025-fel.yaml"
    wrong.write_text(text.replace("  end: 2028-12-31\n", "  end: 2027-02-29\n"), encoding="utf-8")
    line = wrong.read_text(encoding="utf-8").splitlines().index("  end: 2027-02-29")
    assert _lines(language_server.diagnostics(wrong)) == [line]
