"""The JSON Schema of samverkan files, in the draft-07 form yaml-language-server reads, and where
an editor finds it: the modeline ``# yaml-language-server: $schema=PATH`` that ``samverkan new``
writes points at a schema file beside or above the YAML file, written there when there is none."""

from __future__ import annotations

import enum
import json
import os
from pathlib import Path
from typing import Any

SCHEMA_ID = "https://samverkan.invalid/schema/samverkan.schema.json"


def _is_openapi_discriminator(key: str, value: Any) -> bool:
    """Pydantic's ``discriminator`` of a tagged union: OpenAPI, not JSON Schema, so a strict
    validator (Ajv with ``strict: true``) refuses it as an unknown keyword. The ``oneOf`` of
    ``const`` tags it sits beside says the same."""
    return key == "discriminator" and isinstance(value, dict) and "propertyName" in value


def _rewrite_refs(node: Any) -> Any:
    """Pydantic's schema as draft-07: ``#/definitions/`` references, no ``discriminator``."""
    if isinstance(node, dict):
        return {k: _rewrite_refs(v) for k, v in node.items() if not _is_openapi_discriminator(k, v)}
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    if isinstance(node, str) and node.startswith("#/$defs/"):
        return "#/definitions/" + node.removeprefix("#/$defs/")
    return node


def build_schema() -> dict[str, Any]:
    """The schema of any samverkan file (agreement, action plan, citizen promise)."""
    from .model import DocumentRoot

    raw = DocumentRoot.model_json_schema(mode="validation", ref_template="#/definitions/{model}")
    raw = _rewrite_refs(raw)
    definitions = raw.pop("$defs", {})
    raw.pop("title", None)
    schema: dict[str, Any] = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "samverkan",
        "description": (
            "Samverkansöverenskommelse mellan kommun och polis, åtgärdsplan eller medborgarlöfte, "
            "som samverkan läser. Välj slag med 'kind'."
        ),
    }
    schema.update(raw)
    schema["definitions"] = dict(sorted(definitions.items()))
    return schema


def schema_text() -> str:
    """The schema as the bytes committed in ``schema/samverkan.schema.json``."""
    return json.dumps(build_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


# Where editors find the schema -----------------------------------------------------------

SCHEMA_FILE = "samverkan.schema.json"
REPOSITORY_SCHEMA = Path("schema") / SCHEMA_FILE
"""Where a repository of agreements keeps the schema, as this one does."""


def find_schema(folder: Path) -> Path | None:
    """The schema a YAML file in ``folder`` can point at: ``schema/samverkan.schema.json`` or
    ``samverkan.schema.json`` in ``folder`` or a folder above it up to the workspace root
    (:func:`samverkan.config.find_root`), the nearest first. Only a samverkan schema counts (as
    for ``schema --write``): another file of that name is passed over."""
    from .config import find_root

    start = Path(os.path.normpath(folder.absolute()))
    existing = next((c for c in (start, *start.parents) if c.is_dir()), start)  # new may create folders
    root, _ = find_root(existing)
    for candidate in (start, *start.parents):
        for path in (candidate / REPOSITORY_SCHEMA, candidate / SCHEMA_FILE):
            if _holds_samverkan_schema(path):
                return path
        if candidate == root:
            break
    return None


def _holds_samverkan_schema(path: Path) -> bool:
    try:
        if not path.is_file() or path.stat().st_size > _MAX_SCHEMA_BYTES:
            return False
        return _is_samverkan_schema(path.read_bytes())
    except OSError:
        return False


_MAX_SCHEMA_BYTES = 16 * 1024 * 1024
"""A larger file is not read: the schema is some 100 KB."""


def modeline_target(schema: Path, folder: Path) -> str:
    """The modeline's ``$schema=`` for a file in ``folder``: the schema's path relative to it."""
    start = os.path.normpath(folder.absolute())
    return Path(os.path.relpath(os.path.normpath(schema.absolute()), start)).as_posix()


class SchemaConflict(Exception):
    """The file where the schema would go exists and is not a samverkan schema."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class Written(enum.Enum):
    """What :func:`write_schema` did."""

    CREATED = "created"
    REPLACED = "replaced"
    """An older samverkan schema was there, and the current one took its place."""
    CURRENT = "current"
    """The file held the current schema already: nothing was written."""


def _is_samverkan_schema(data: bytes) -> bool:
    try:
        found = json.loads(data)
    except ValueError:
        return False
    return isinstance(found, dict) and found.get("$id") == SCHEMA_ID


def write_schema(path: Path) -> Written:
    """Put the current schema at ``path``, all or nothing: create it, or replace an older
    samverkan schema there. Raises :class:`SchemaConflict` when ``path`` holds anything else
    (never replaced), and :class:`OSError` when it cannot be written."""
    from .editing import write_atomic, write_new

    data = schema_text().encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_new(path, data)
    except FileExistsError:
        if not path.is_file():
            raise SchemaConflict(path) from None
        old = path.read_bytes()
        if old == data:
            return Written.CURRENT
        if not _is_samverkan_schema(old):
            raise SchemaConflict(path) from None
        write_atomic(path, data)
        return Written.REPLACED
    return Written.CREATED
