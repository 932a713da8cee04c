"""Validating located data against the schema, and locating every Pydantic error.

Pydantic reports an error at a ``loc`` that mixes data keys with the tags of the unions
it went through. :func:`_walk` follows the loc through the model's types, so it knows
which parts are keys in the data (for the location) and which model the error is in
(for "did you mean" on an unknown key).

The models defer building their validators (see :class:`~samverkan.model.types.StrictModel`):
:func:`validator_for` keeps a model's built validator in the cache folder, keyed by samverkan's
code, and the next process unpickles it in about a millisecond instead of building it in tens.
"""

from __future__ import annotations

import pickle
import re
import types
import typing
from dataclasses import dataclass
from typing import Any

import pydantic_core
from pydantic import BaseModel, ValidationError
from pydantic_core import SchemaValidator

from .diagnostics import Diagnostic, Severity, Span
from .i18n import N_, Message, Nn_, Param, verbatim
from .model.types import MAX_SHOWN, Invalid, describe_value, quote_value
from .source import PathKey, SourceFile, value_at
from .spelling import closest

if typing.TYPE_CHECKING:
    from pydantic.plugin._schema_validator import PluggableSchemaValidator

UNKNOWN_KEY = "SV020"
MISSING_KEY = "SV021"
WRONG_TYPE = "SV022"
INVALID_VALUE = "SV023"

_TYPE_ERRORS = {
    "string_type": N_("text"),
    "bool_type": N_("true or false"),
    "int_type": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "float_type": N_("a number"),
    "list_type": N_("a list"),
    "dict_type": N_("a mapping"),
    "model_type": N_("a mapping"),
    "model_attributes_type": N_("a mapping"),
    "date_type": N_("a date (YYYY-MM-DD)"),
}
"""What Pydantic's type errors expected, as the noun of ``expected …, got …``."""

_LIMITS = {
    "greater_than": (N_("input should be greater than {limit}"), "gt"),
    "greater_than_equal": (N_("input should be greater than or equal to {limit}"), "ge"),
    "less_than": (N_("input should be less than {limit}"), "lt"),
    "less_than_equal": (N_("input should be less than or equal to {limit}"), "le"),
}
"""Pydantic's number limits, in its own words, and the context key of the limit."""


@dataclass(frozen=True)
class _Where:
    data_path: PathKey
    model: type[BaseModel] | None  # the model the last data key belongs to
    target: Any  # the type at the end of the loc


def _strip(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _union_members(tp: Any) -> list[Any] | None:
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return [a for a in typing.get_args(tp) if a is not type(None)]
    return None


def _member_for_tag(members: list[Any], tag: str) -> Any | None:
    for member in members:
        if typing.get_origin(member) is typing.Annotated:
            for meta in typing.get_args(member)[1:]:
                if getattr(meta, "tag", None) == tag:
                    return _strip(member)
        inner = _strip(member)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            for name in ("kind", "type"):
                info = inner.model_fields.get(name)
                if info is not None and tag in typing.get_args(info.annotation):
                    return inner
    return None


def _walk(root: Any, loc: tuple[str | int, ...]) -> _Where:
    tp: Any = root
    path: list[str | int] = []
    model: type[BaseModel] | None = None
    for part in loc:
        tp = _strip(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel) and getattr(tp, "__pydantic_root_model__", False):
            tp = _strip(tp.model_fields["root"].annotation)
        members = _union_members(tp)
        while members is not None:
            if len(members) == 1:
                tp = _strip(members[0])
                members = _union_members(tp)
                continue
            break
        if members is not None:
            chosen = _member_for_tag(members, str(part))
            if chosen is not None:
                tp = chosen
                continue
            return _Where(tuple(path), model, None)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            info = tp.model_fields.get(str(part))
            model = tp
            path.append(part)
            if info is None:
                return _Where(tuple(path), model, None)
            tp = info.annotation
            continue
        origin = typing.get_origin(tp)
        if origin in (list, tuple, set, frozenset) and isinstance(part, int):
            path.append(part)
            tp = typing.get_args(tp)[0] if typing.get_args(tp) else Any
            continue
        if origin is dict:
            path.append(part)
            tp = typing.get_args(tp)[1]
            continue
        path.append(part)
        tp = Any
    tp = _strip(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel) and getattr(tp, "__pydantic_root_model__", False):
        tp = _strip(tp.model_fields["root"].annotation)
    return _Where(tuple(path), model, tp)


def _field_names(model: type[BaseModel] | None) -> list[str]:
    return list(model.model_fields) if model is not None else []


def _render(message: str, ctx: dict[str, Any]) -> str:
    """Fill ``{name!r}`` placeholders Pydantic leaves unformatted, and cut long quoted values."""
    message = re.sub(r"\{(\w+)!r\}", lambda m: quote_value(ctx[m[1]]) if m[1] in ctx else m[0], message)
    for value in ctx.values():
        if isinstance(value, str) and len(value) > MAX_SHOWN:
            message = message.replace(repr(value), quote_value(value)).replace(value, value[: MAX_SHOWN - 1] + "…")
    return message


def _said(ctx: dict[str, Any]) -> Message | None:
    """The message of an error samverkan's own validators raised (see :mod:`samverkan.model.types`)."""
    message = ctx.get("message")
    if isinstance(message, Message):
        return message
    error = ctx.get("error")
    return error.message if isinstance(error, Invalid) else None


def _literal_choices(tp: Any) -> list[str]:
    tp = _strip(tp)
    if typing.get_origin(tp) is typing.Literal:
        return [str(a) for a in typing.get_args(tp)]
    members = _union_members(tp)
    if members:
        out: list[str] = []
        for m in members:
            out.extend(_literal_choices(m))
        return out
    return []


def _label(path: PathKey) -> Param:
    """``parties[1].name`` for a data path."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or N_("top level")


def _at_field(field: Param, message: Message) -> Message:
    """``parties[1].name: expected text, got …``."""
    return verbatim("{field}: {message}", field=field, message=message)


def _diagnostic(source: SourceFile, root_type: Any, error: Any) -> Diagnostic:
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    where = _walk(root_type, loc)
    path = where.data_path
    field = _label(path)

    def at(*, key: bool = False, p: PathKey = path) -> Span:
        return source.span(p, at_key=key)

    if kind == "extra_forbidden":
        name = str(path[-1]) if path else "?"
        # No "did you mean" a key that is already there ('title' beside 'file' is not a typo of it).
        present = value_at(source.located.data if source.located else None, path[:-1])
        close = closest(name, _field_names(where.model))
        likely = close if close is not None and not (isinstance(present, dict) and close in present) else None
        if likely is not None:
            message = N_("unknown key {key}; did you mean {close}?", key=quote_value(name), close=repr(likely))
            return Diagnostic(UNKNOWN_KEY, Severity.ERROR, message, at(key=True))
        message = N_("unknown key {key}", key=quote_value(name))
        if where.model is not None:
            allowed = N_("allowed here: {keys}", keys=", ".join(_field_names(where.model)))
            return Diagnostic(UNKNOWN_KEY, Severity.ERROR, message, at(key=True), allowed)
        return Diagnostic(UNKNOWN_KEY, Severity.ERROR, message, at(key=True))
    if kind == "missing":
        name = str(path[-1]) if path else "?"
        parent = path[:-1]
        return Diagnostic(MISSING_KEY, Severity.ERROR, _missing(name, parent), at(p=parent))
    if kind == "union_tag_not_found":
        name = str(ctx.get("discriminator", "kind")).strip("'")
        choices = _literal_choices(_discriminator_type(where.target, name))
        one_of = N_("one of: {choices}", choices=", ".join(choices)) if choices else None
        return Diagnostic(MISSING_KEY, Severity.ERROR, _missing(name, path), at(), one_of)
    if kind == "union_tag_invalid":
        name = str(ctx.get("discriminator", "kind")).strip("'")
        tag = str(ctx.get("tag", ""))
        tags = [t.strip().strip("'") for t in str(ctx.get("expected_tags", "")).split(",") if t.strip()]
        label = _label((*path, name))
        given = value.get(name) if isinstance(value, dict) else tag
        if not isinstance(given, str):
            message = N_("expected one of {choices}, got {value}", choices=", ".join(tags), value=describe_value(given))
            return Diagnostic(WRONG_TYPE, Severity.ERROR, _at_field(label, message), at(p=(*path, name)))
        likely = closest(tag, tags)
        if likely is not None:
            message = N_("unknown value {value}; did you mean {close}?", value=quote_value(tag), close=repr(likely))
        else:
            message = N_("unknown value {value}", value=quote_value(tag))
        one_of = N_("one of: {choices}", choices=", ".join(tags))
        return Diagnostic(INVALID_VALUE, Severity.ERROR, _at_field(label, message), at(p=(*path, name)), one_of)
    if kind in _TYPE_ERRORS:
        message = N_("expected {expected}, got {value}", expected=_TYPE_ERRORS[kind], value=describe_value(value))
        return Diagnostic(WRONG_TYPE, Severity.ERROR, _at_field(field, message), at())
    said = _said(ctx)
    if said is not None:
        code = WRONG_TYPE if kind == "wrong_type" else INVALID_VALUE
        return Diagnostic(code, Severity.ERROR, _at_field(field, said) if path else said, at())
    if kind == "literal_error":
        choices = _literal_choices(where.target)
        if not isinstance(value, str):
            message = N_(
                "expected one of {choices}, got {value}", choices=", ".join(choices), value=describe_value(value)
            )
            return Diagnostic(WRONG_TYPE, Severity.ERROR, _at_field(field, message), at())
        likely = closest(value, choices)
        if likely is not None:
            message = N_("{value} is not allowed; did you mean {close}?", value=quote_value(value), close=repr(likely))
        else:
            message = N_("{value} is not allowed", value=quote_value(value))
        one_of = N_("one of: {choices}", choices=", ".join(choices))
        return Diagnostic(INVALID_VALUE, Severity.ERROR, _at_field(field, message), at(), one_of)
    if kind == "string_pattern_mismatch":
        return Diagnostic(
            INVALID_VALUE,
            Severity.ERROR,
            _at_field(field, N_("{value} is not a valid id", value=quote_value(value))),
            at(),
            N_("use lower-case letters, digits, '-', '_' and '.', starting with a letter or digit"),
        )
    if kind == "string_too_short":
        return Diagnostic(INVALID_VALUE, Severity.ERROR, _at_field(field, N_("must not be empty")), at())
    if kind == "too_short":
        need = ctx.get("min_length")
        have = ctx.get("actual_length")
        message = Nn_(
            "needs at least {n} entry, has {have}",
            "needs at least {n} entries, has {have}",
            need if isinstance(need, int) else 0,
            have=str(have),
        )
        return Diagnostic(INVALID_VALUE, Severity.ERROR, _at_field(field, message), at())
    if kind in _LIMITS:
        limit, key = _LIMITS[kind]
        message = N_("{limit}, got {value}", limit=limit.fill(limit=str(ctx.get(key, "?"))), value=quote_value(value))
        return Diagnostic(INVALID_VALUE, Severity.ERROR, _at_field(field, message), at())
    if kind == "string_too_long":
        most = ctx.get("max_length")
        message = Nn_(
            "string should have at most {n} character, got {value}",
            "string should have at most {n} characters, got {value}",
            most if isinstance(most, int) else 0,
            value=quote_value(value),
        )
        return Diagnostic(INVALID_VALUE, Severity.ERROR, _at_field(field, message), at())
    # Pydantic's own words, for an error samverkan has no message of its own for.
    message = verbatim(_render(str(error["msg"]).removeprefix("Value error, "), ctx))
    return Diagnostic(INVALID_VALUE, Severity.ERROR, _at_field(field, message) if path else message, at())


def _missing(name: str, parent: PathKey) -> Message:
    """``missing required key 'x'``, and ``in parties[1]`` when it is not at the top level."""
    if parent:
        return N_("missing required key {key} in {where}", key=repr(name), where=_label(parent))
    return N_("missing required key {key}", key=repr(name))


def _discriminator_type(target: Any, name: str) -> Any:
    members = _union_members(_strip(target)) if target is not None else None
    if not members:
        return None
    literals: list[Any] = []
    for m in members:
        inner = _strip(m)
        if isinstance(inner, type) and issubclass(inner, BaseModel) and name in inner.model_fields:
            literals.extend(typing.get_args(inner.model_fields[name].annotation))
    return typing.Literal[tuple(literals)] if literals else None


Validator = typing.Union[SchemaValidator, "PluggableSchemaValidator"]
"""A model's validator: Pydantic's own, or a plugin's wrapper of it."""

_VALIDATORS = "validator"
"""The cache's kind of entry for a model's validator."""

_validators: dict[Any, Validator] = {}


def _name(target: Any) -> str:
    """What a model's or a type's validator is kept under: the model's qualified name, or the
    type as it is written (``Annotated[Union[…], FieldInfo(…)]``), the same in every process."""
    if isinstance(target, type) and issubclass(target, BaseModel):
        return f"{target.__module__}.{target.__qualname__}"
    return repr(target)


def _validator_key(target: Any) -> str:
    from .cache import code_fingerprint, digest_bytes

    return digest_bytes(f"{code_fingerprint()}|{pydantic_core.__version__}|{_name(target)}".encode())


def _stored_validator(target: Any, data: object) -> SchemaValidator | None:
    """The validator in a cache entry; ``None`` for an entry that is not one of ``target``."""
    if not isinstance(data, bytes):
        return None
    try:
        name, validator = pickle.loads(data)
    except Exception:  # noqa: BLE001 - a partial, corrupt or foreign entry is a miss
        return None
    if name != _name(target) or not isinstance(validator, SchemaValidator):
        return None
    return validator


def validator_for(target: Any) -> Validator:
    """The validator of ``target``, a model or a type (:data:`samverkan.model.DocumentType`), the
    same as ``model.model_validate`` or a ``TypeAdapter`` of the type uses: built by Pydantic (and
    kept in the cache folder) or read from the cache folder where a run of the same code kept it.

    The cache is optional: with ``SAMVERKAN_NO_CACHE``, an entry that cannot be read or a folder
    that cannot be written, Pydantic builds the validator as it would without one. ``--no-cache``
    does not turn this entry off: it holds no result, only the compiled schema, like a ``.pyc``.
    A validator read from the cache leaves out Pydantic plugins, which only observe validation."""
    known = _validators.get(target)
    if known is not None:
        return known
    if isinstance(target, type) and issubclass(target, BaseModel) and target.__pydantic_complete__:
        validator: Validator = target.__pydantic_validator__
    else:
        validator = _cached_validator(target)
    _validators[target] = validator
    return validator


def _built(target: Any) -> Validator:
    """``target``'s validator as Pydantic builds it."""
    if isinstance(target, type) and issubclass(target, BaseModel):
        target.model_rebuild(raise_errors=True)
        return target.__pydantic_validator__
    from pydantic import ConfigDict, TypeAdapter

    adapter: TypeAdapter[Any] = TypeAdapter(target, config=ConfigDict(defer_build=True))
    adapter.rebuild(raise_errors=True)
    return adapter.validator


def _cached_validator(target: Any) -> Validator:
    from .cache import open_cache

    cache = open_cache()
    key = _validator_key(target) if cache is not None else ""
    if cache is not None:
        stored = _stored_validator(target, cache.get(_VALIDATORS, key))
        if stored is not None:
            return stored
    built = _built(target)
    if not isinstance(built, SchemaValidator):  # a plugin's wrapper: use it, do not keep it
        return built
    if cache is not None:
        try:
            data = pickle.dumps((_name(target), built), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - a schema that cannot be pickled is not kept
            return built
        cache.put(_VALIDATORS, key, data)
    return built


def validate_source(source: SourceFile, target: Any) -> tuple[Any, list[Diagnostic]]:
    """Validate a parsed file against ``target`` (a model, or a type such as
    :data:`samverkan.model.DocumentType`); every error becomes a located diagnostic. The value
    is the model's instance, or the type's (for ``DocumentType``, the document)."""
    if source.located is None:
        return None, []
    try:
        return validator_for(target).validate_python(source.located.data), []
    except ValidationError as exc:
        return None, [_diagnostic(source, target, e) for e in exc.errors(include_url=False)]


KNOWN_CODES: dict[str, str] = {
    "SV001": "YAML syntax error",
    "SV002": "duplicate key",
    "SV003": "anchor or alias (refused)",
    "SV004": "nesting too deep",
    "SV005": "file too large",
    "SV006": "not a UTF-8 text file",
    "SV007": "several YAML documents in one file",
    "SV008": "empty file",
    "SV009": "YAML version other than 1.2",
    "SV010": "unsupported tag",
    "SV011": "wrong shape (top level or key not a mapping key)",
    "SV012": "file cannot be read",
    "SV013": "no such file or folder",
    "SV014": "control character in a key or value",
    UNKNOWN_KEY: "unknown key",
    MISSING_KEY: "missing required key",
    WRONG_TYPE: "wrong type",
    INVALID_VALUE: "invalid value",
}
"""Codes of problems found while loading a file, before the rules run."""
