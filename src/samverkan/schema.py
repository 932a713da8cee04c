"""The JSON Schema of samverkan files, in the draft-07 form yaml-language-server reads."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_ID = "https://samverkan.invalid/schema/samverkan.schema.json"


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _rewrite_refs(v) for k, v in node.items()}
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
