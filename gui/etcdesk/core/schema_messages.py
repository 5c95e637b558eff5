"""Validation errors as people read them: "must be at least 1", naming the field by its path.

jsonschema's own messages are written for developers ("0 is less than the minimum of 1",
"'x' is a required property" reported on the parent object). The form shows issues next to
fields, so each issue here points at the field it is about, and values of ``x-secret`` fields
are never repeated in a message (messages end up in dialogs, screenshots and tickets).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from jsonschema.exceptions import ValidationError

JsonPath = tuple[str | int, ...]

_IDENTIFIER = re.compile(r"^[^\W\d]\w*$")

TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "an object",
    "array": "a list",
    "null": "null",
}

FORMAT_NAMES = {
    "date": "date (YYYY-MM-DD)",
    "date-time": "date and time (e.g. 2025-01-31T09:30:00Z)",
    "time": "time (e.g. 09:30:00Z)",
    "duration": "ISO 8601 duration (e.g. P3D)",
    "email": "email address",
    "idn-email": "email address",
    "hostname": "hostname",
    "idn-hostname": "hostname",
    "ipv4": "IPv4 address",
    "ipv6": "IPv6 address",
    "uri": "URI",
    "uri-reference": "URI reference",
    "iri": "IRI",
    "iri-reference": "IRI reference",
    "uuid": "UUID",
    "regex": "regular expression",
    "json-pointer": "JSON pointer",
    "relative-json-pointer": "relative JSON pointer",
    "uri-template": "URI template",
}


@dataclass(frozen=True)
class ValidationIssue:
    """One problem in a document: where it is and what is wrong, for a person."""

    path: JsonPath
    message: str

    @property
    def json_path(self) -> str:
        return json_path(self.path)

    def __str__(self) -> str:
        return f"{self.json_path}: {self.message}"


def json_path(path: JsonPath) -> str:
    """``("per_endpoint", 0, "rps")`` -> ``$.per_endpoint[0].rps``; ``()`` -> ``$``."""
    parts = ["$"]
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif _IDENTIFIER.match(part):
            parts.append(f".{part}")
        else:
            parts.append(f"[{json.dumps(part, ensure_ascii=False)}]")
    return "".join(parts)


def path_sort_key(path: JsonPath) -> tuple[tuple[int, int, str], ...]:
    """Order paths as a document reads: indexes numerically, keys by name, parents first."""
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in path)


def show(value: Any, limit: int = 60) -> str:
    """A value quoted the way people expect in a message: 'text', 5, true, null."""
    if isinstance(value, str):
        text = "'" + value + "'"
    elif isinstance(value, bool) or value is None:
        text = json.dumps(value)
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (TypeError, ValueError):
            text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _join(items: Iterable[Any], word: str = "or") -> str:
    shown = [show(i) for i in items]
    if len(shown) <= 2:
        return f" {word} ".join(shown)
    return ", ".join(shown[:-1]) + f" {word} " + shown[-1]


def _plural(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _types(value: Any) -> str:
    names = value if isinstance(value, list) else [value]
    return " or ".join(TYPE_NAMES.get(str(n), str(n)) for n in names)


def _extra_properties(error: ValidationError) -> list[str]:
    instance, schema = error.instance, error.schema
    if not isinstance(instance, dict) or not isinstance(schema, dict):
        return []
    declared = schema.get("properties") or {}
    patterns = list((schema.get("patternProperties") or {}).keys())
    return [
        key
        for key in instance
        if key not in declared and not any(re.search(p, key) for p in patterns)
    ]


def issues_for(error: ValidationError) -> Iterator[ValidationIssue]:
    """One or more issues for one jsonschema error (``required`` may name several fields)."""
    path: JsonPath = tuple(error.absolute_path)
    keyword, expected, instance = error.validator, error.validator_value, error.instance
    secret = isinstance(error.schema, dict) and error.schema.get("x-secret") is True
    if keyword == "required" and isinstance(instance, dict):
        for name in expected:
            if name not in instance:
                yield ValidationIssue((*path, name), "is required")
        return
    if keyword == "dependentRequired" and isinstance(instance, dict):
        for trigger, names in expected.items():
            for name in names if trigger in instance else ():
                if name not in instance:
                    yield ValidationIssue((*path, name), f"is required when {trigger!r} is set")
        return
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        extras = _extra_properties(error) if keyword == "additionalProperties" else []
        for name in extras:
            yield ValidationIssue(path, f"unknown property {show(name)} is not allowed here")
        if not extras:
            yield ValidationIssue(path, error.message)
        return
    yield ValidationIssue(path, _message(keyword, expected, instance, secret, error))


_SIMPLE: dict[str, Callable[[Any], str]] = {
    "minimum": lambda v: f"must be at least {show(v)}",
    "maximum": lambda v: f"must be at most {show(v)}",
    "exclusiveMinimum": lambda v: f"must be greater than {show(v)}",
    "exclusiveMaximum": lambda v: f"must be less than {show(v)}",
    "multipleOf": lambda v: f"must be a multiple of {show(v)}",
    "minLength": lambda v: "must not be empty" if v == 1 else f"must be at least {v} characters",
    "maxLength": lambda v: f"must be at most {_plural(v, 'character')} long",
    "minItems": lambda v: f"must have at least {_plural(v, 'item')}",
    "maxItems": lambda v: f"must have at most {_plural(v, 'item')}",
    "minProperties": lambda v: f"must have at least {_plural(v, 'entry')}",
    "maxProperties": lambda v: f"must have at most {_plural(v, 'entry')}",
    "uniqueItems": lambda v: "must not contain the same item twice",
    "type": lambda v: f"must be {_types(v)}",
    "const": lambda v: f"must be {show(v)}",
    "enum": lambda v: f"must be one of {_join(v)}",
    "not": lambda v: "this value is not allowed here",
    "contains": lambda v: "must contain at least one matching item",
    "minContains": lambda v: "must contain more matching items",
    "maxContains": lambda v: "contains too many matching items",
    "anyOf": lambda v: "does not match any of the allowed forms",
    "oneOf": lambda v: "does not match exactly one of the allowed forms",
    "pattern": lambda v: f"does not match the expected pattern {v}",
}


def _message(
    keyword: Any, expected: Any, instance: Any, secret: bool, error: ValidationError
) -> str:
    if keyword == "format":
        name = FORMAT_NAMES.get(expected, str(expected))
        if instance == "":
            return f"must be a valid {name}"
        return f"{'the value' if secret else show(instance)} is not a valid {name}"
    if keyword == "propertyNames":
        return f"{show(instance)} is not an allowed property name"
    if keyword == "oneOf" and not error.context:
        return "matches more than one of the allowed forms; it must match exactly one"
    if keyword is None or keyword in ("False", "false"):
        return "is not allowed here"
    simple = _SIMPLE.get(str(keyword))
    return simple(expected) if simple is not None else str(error.message)
