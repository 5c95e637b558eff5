"""The effective schema of a document for a form: ``$ref``, ``allOf``, ``if``/``then`` flattened.

A form needs one plain schema per field: which properties exist, which are required, which
bounds apply, for the data as it is now. JSON Schema spreads that across ``$ref`` (possibly into
another registered schema with its own base URI), ``allOf`` pieces and conditionals evaluated
against the data. Every piece is resolved in its own base-URI context *before* it is merged, so
a merged schema never needs its origin again; a recursive ``$ref`` is left in place as an
absolute URI (resolvable through the registry when the form opens that level).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from typing import Any, Final, TypeGuard
from urllib.parse import urldefrag, urljoin

from referencing import Registry
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from etcdesk.core.errors import ConfigError
from etcdesk.core.i18n import translate

MAX_DEPTH = 64


class SchemaError(ConfigError):
    """A schema is invalid or refers to a schema that is not known; the message names it."""


class _Absent:
    """Marks "no data here" (a missing property, the items of a list): conditionals stay put."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Final = _Absent()

_LOWER_BOUNDS = {"minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"}
_UPPER_BOUNDS = {"maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"}
_ANNOTATIONS = {
    "title",
    "description",
    "default",
    "examples",
    "readOnly",
    "writeOnly",
    "deprecated",
    "$comment",
    "$schema",
    "$id",
    "$defs",
    "x-secret",
    "x-unique",
}
_SUBSCHEMA_MAPS = {"properties", "patternProperties", "dependentSchemas"}
_SUBSCHEMA_ONE = {"items", "additionalProperties", "unevaluatedProperties", "contains"}


def merge_schemas(
    base: dict[str, Any], extra: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """``base`` and ``extra`` both apply: one schema, plus pieces that cannot be merged.

    Bounds tighten, ``required`` and ``properties`` unite, annotations of ``base`` win (a
    ``$ref``'s siblings override the target's title or default). Keywords that conflict in a way
    a single schema cannot express (two different patterns, two ``oneOf``) come back as
    leftovers, to be kept under ``allOf`` so validation still sees them.
    """
    out = dict(base)
    rest: list[dict[str, Any]] = []
    for key, value in extra.items():
        mine = out.get(key, ABSENT)
        if mine is ABSENT:
            out[key] = value
        elif mine == value or key in _ANNOTATIONS:
            continue
        elif key in _SUBSCHEMA_MAPS and isinstance(mine, dict) and isinstance(value, dict):
            # Keep the order the properties were declared in: base's first, then extra's new
            # ones (the form shows fields in this order).
            merged = {}
            for name, sub in mine.items():
                other = value.get(name, ABSENT)
                if isinstance(sub, dict) and isinstance(other, dict):
                    merged[name], more = merge_schemas(sub, other)
                    rest.extend({key: {name: piece}} for piece in more)
                else:
                    merged[name] = sub
            for name, other in value.items():
                if name not in merged:
                    merged[name] = other
            out[key] = merged
        elif key == "required" and isinstance(mine, list) and isinstance(value, list):
            out[key] = list(dict.fromkeys([*mine, *value]))
        elif key in _LOWER_BOUNDS and _is_number(mine) and _is_number(value):
            out[key] = max(mine, value)
        elif key in _UPPER_BOUNDS and _is_number(mine) and _is_number(value):
            out[key] = min(mine, value)
        elif key == "type":
            a = mine if isinstance(mine, list) else [mine]
            b = value if isinstance(value, list) else [value]
            both = [t for t in a if t in b or (t == "integer" and "number" in b)]
            both += [t for t in b if t == "integer" and "number" in a and t not in both]
            out[key] = both[0] if len(both) == 1 else both
        elif key == "enum" and isinstance(mine, list) and isinstance(value, list):
            out[key] = [v for v in mine if v in value]
        elif key == "x-ui" and isinstance(mine, dict) and isinstance(value, dict):
            out[key] = {**value, **mine}
        elif key in _SUBSCHEMA_ONE and isinstance(mine, dict) and isinstance(value, dict):
            out[key], more = merge_schemas(mine, value)
            rest.extend({key: piece} for piece in more)
        elif key == "additionalProperties" and (mine is False or value is False):
            out[key] = False
        elif key == "additionalProperties" and mine is True:
            out[key] = value
        else:
            rest.append({key: value})
    return out, rest


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


class Flattener:
    """Resolves schemas against one (immutable) referencing registry snapshot."""

    def __init__(self, registry: Registry[Any], is_valid: Callable[[Any, Any], bool]) -> None:
        self._registry = registry
        self._is_valid = is_valid

    def _lookup(self, uri: str) -> tuple[Any, str]:
        try:
            resolved = self._registry.resolver().lookup(uri)
        except Unresolvable as exc:
            message = translate("Schemas", "unknown schema reference {uri}")
            raise SchemaError(message.format(uri=repr(uri))) from exc
        contents = resolved.contents
        base = urldefrag(uri)[0]
        if isinstance(contents, dict) and isinstance(contents.get("$id"), str):
            base = urljoin(base, urldefrag(contents["$id"])[0])
        return contents, base

    def effective(
        self, schema: Any, data: Any, base: str, stack: tuple[str, ...] = (), depth: int = 0
    ) -> dict[str, Any]:
        if depth > MAX_DEPTH:
            message = translate("Schemas", "schema nested deeper than {n} levels")
            raise SchemaError(message.format(n=MAX_DEPTH))
        if schema is True:
            return {}
        if schema is False:
            return {"not": {}}
        if not isinstance(schema, dict):
            message = translate("Schemas", "a schema must be an object or a boolean, not {schema}")
            raise SchemaError(message.format(schema=repr(schema)))
        if isinstance(schema.get("$id"), str):
            base = urljoin(base, urldefrag(schema["$id"])[0])
        out = self._children(schema, data, base, stack, depth)
        leftovers: list[dict[str, Any]] = []
        expanded: set[str] = set()

        def add(piece: dict[str, Any]) -> None:
            nonlocal out
            out, rest = merge_schemas(out, piece)
            leftovers.extend(rest)

        while True:
            if "$ref" in out:
                ref = out.pop("$ref")
                uri = urljoin(base, ref) if isinstance(ref, str) else ""
                if uri in stack or uri in expanded:  # recursion: expand when the form gets there
                    out = {"$ref": uri, **out}
                    break
                expanded.add(uri)
                target, target_base = self._lookup(uri)
                add(self.effective(target, data, target_base, (*stack, uri), depth + 1))
            elif "allOf" in out:
                for piece in out.pop("allOf"):
                    add(self.effective(piece, data, base, stack, depth + 1))
            elif "if" in out and data is not ABSENT:
                condition = out.pop("if")
                then, otherwise = out.pop("then", None), out.pop("else", None)
                branch = then if self._is_valid(condition, data) else otherwise
                if branch is not None:
                    add(self.effective(branch, data, base, stack, depth + 1))
            elif "dependentSchemas" in out and isinstance(data, dict):
                for trigger, piece in out.pop("dependentSchemas").items():
                    if trigger in data:
                        add(self.effective(piece, data, base, stack, depth + 1))
            else:
                break
        if leftovers:
            out["allOf"] = leftovers
        return out

    def _children(
        self, schema: dict[str, Any], data: Any, base: str, stack: tuple[str, ...], depth: int
    ) -> dict[str, Any]:
        """Resolve every subschema in this schema's own base context."""
        out = dict(schema)
        obj = data if isinstance(data, dict) else None
        seq = data if isinstance(data, list) else None

        def sub(value: Any, value_data: Any = ABSENT) -> dict[str, Any]:
            return self.effective(value, value_data, base, stack, depth + 1)

        for key in ("properties", "patternProperties", "dependentSchemas"):
            if isinstance(out.get(key), dict):
                out[key] = {
                    name: sub(
                        value, obj.get(name, ABSENT) if obj and key == "properties" else ABSENT
                    )
                    for name, value in out[key].items()
                }
        for key in (*_SUBSCHEMA_ONE, "propertyNames"):
            if isinstance(out.get(key), dict):
                out[key] = sub(out[key])
        if isinstance(out.get("prefixItems"), list):
            out["prefixItems"] = [
                sub(value, seq[i] if seq is not None and i < len(seq) else ABSENT)
                for i, value in enumerate(out["prefixItems"])
            ]
        for key in ("oneOf", "anyOf"):
            if isinstance(out.get(key), list):
                out[key] = [sub(option, data) for option in out[key]]
        for key in ("if", "then", "else", "not"):
            if key in out:
                out[key] = sub(out[key], data if key in ("if", "not") else ABSENT)
        return out

    # -- defaults ------------------------------------------------------------------------------

    def default_for(self, schema: dict[str, Any], depth: int = 0) -> Any:
        """A starting instance for ``schema`` (already flattened with ABSENT data)."""
        if depth > 16 or "$ref" in schema:
            return None
        for key in ("default", "const"):
            if key in schema:
                return copy.deepcopy(schema[key])
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return copy.deepcopy(schema["enum"][0])
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                return self.default_for(schema[key][0], depth + 1)
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), kind[0] if kind else None)
        if kind is None:
            if {"properties", "required", "additionalProperties"} & schema.keys():
                kind = "object"
            elif {"items", "prefixItems"} & schema.keys():
                kind = "array"
        if kind == "object":
            return self._default_object(schema, depth)
        if kind == "array":
            count = schema.get("minItems", 0)
            items, prefix = schema.get("items"), schema.get("prefixItems") or []
            result = [self.default_for(p, depth + 1) for p in prefix[:count]]
            while len(result) < count:
                result.append(
                    self.default_for(items, depth + 1) if isinstance(items, dict) else None
                )
            return result
        if kind in ("number", "integer"):
            return _default_number(schema, kind == "integer")
        return {"string": "", "boolean": False}.get(str(kind))

    def _default_object(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        current = schema
        for _ in range(4):  # conditionals may require more once the first fields are filled
            properties = current.get("properties") or {}
            required = current.get("required") or []
            for name, sub in properties.items():
                wanted = name in required or (isinstance(sub, dict) and "default" in sub)
                if wanted and name not in result and isinstance(sub, dict):
                    result[name] = self.default_for(sub, depth + 1)
            if not any(k in schema for k in ("if", "dependentSchemas")):
                break
            current = self.effective(schema, result, "", (), depth + 1)
            if all(name in result for name in current.get("required") or []):
                break
        return result


def _default_number(schema: dict[str, Any], integer: bool) -> int | float:
    value: float = 0
    low, above, high, step = (
        schema.get(k) for k in ("minimum", "exclusiveMinimum", "maximum", "multipleOf")
    )
    if _is_number(low):
        value = low
    elif _is_number(above):
        value = above + 1
    if _is_number(high) and value > high:
        value = high
    if _is_number(step) and step > 0:
        value = math.ceil(value / step) * step
    return math.ceil(value) if integer else value


def resource_for(contents: Any) -> Any:
    """A referencing resource; schemas without ``$schema`` are read as draft 2020-12."""
    from referencing import Resource

    return Resource.from_contents(contents, default_specification=DRAFT202012)
