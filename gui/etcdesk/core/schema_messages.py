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

from etcdesk.core.i18n import QT_TRANSLATE_NOOP, translate

JsonPath = tuple[str | int, ...]

_IDENTIFIER = re.compile(r"^[^\W\d]\w*$")

TYPE_NAMES = {
    "string": QT_TRANSLATE_NOOP("Validation", "text"),
    "integer": QT_TRANSLATE_NOOP("Validation", "a whole number"),
    "number": QT_TRANSLATE_NOOP("Validation", "a number"),
    "boolean": QT_TRANSLATE_NOOP("Validation", "true or false"),
    "object": QT_TRANSLATE_NOOP("Validation", "an object"),
    "array": QT_TRANSLATE_NOOP("Validation", "a list"),
    "null": "null",
}

FORMAT_NAMES = {
    "date": QT_TRANSLATE_NOOP("Validation", "date (YYYY-MM-DD)"),
    "date-time": QT_TRANSLATE_NOOP("Validation", "date and time (e.g. 2025-01-31T09:30:00Z)"),
    "time": QT_TRANSLATE_NOOP("Validation", "time (e.g. 09:30:00Z)"),
    "duration": QT_TRANSLATE_NOOP("Validation", "ISO 8601 duration (e.g. P3D)"),
    "email": QT_TRANSLATE_NOOP("Validation", "email address"),
    "idn-email": QT_TRANSLATE_NOOP("Validation", "email address"),
    "hostname": QT_TRANSLATE_NOOP("Validation", "hostname"),
    "idn-hostname": QT_TRANSLATE_NOOP("Validation", "hostname"),
    "ipv4": QT_TRANSLATE_NOOP("Validation", "IPv4 address"),
    "ipv6": QT_TRANSLATE_NOOP("Validation", "IPv6 address"),
    "uri": "URI",
    "uri-reference": QT_TRANSLATE_NOOP("Validation", "URI reference"),
    "iri": "IRI",
    "iri-reference": QT_TRANSLATE_NOOP("Validation", "IRI reference"),
    "uuid": "UUID",
    "regex": QT_TRANSLATE_NOOP("Validation", "regular expression"),
    "json-pointer": QT_TRANSLATE_NOOP("Validation", "JSON pointer"),
    "relative-json-pointer": QT_TRANSLATE_NOOP("Validation", "relative JSON pointer"),
    "uri-template": QT_TRANSLATE_NOOP("Validation", "URI template"),
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


def _join(items: Iterable[Any], word: str = "") -> str:
    word = word or translate("Validation", "or")
    shown = [show(i) for i in items]
    if len(shown) <= 2:
        return f" {word} ".join(shown)
    return ", ".join(shown[:-1]) + f" {word} " + shown[-1]


def _types(value: Any) -> str:
    names = value if isinstance(value, list) else [value]
    shown = [translate("Validation", TYPE_NAMES.get(str(n), str(n))) for n in names]
    return translate("Validation", " or ").join(shown)


def _tr(text: str, **fields: Any) -> str:
    return translate("Validation", text).format(**fields)


def _one_or_many(n: int, one: str, many: str) -> str:
    """English needs a singular; the translation of both texts may well be the same."""
    return _tr(one if n == 1 else many, n=n)


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
                yield ValidationIssue(
                    (*path, name), _tr(QT_TRANSLATE_NOOP("Validation", "is required"))
                )
        return
    if keyword == "dependentRequired" and isinstance(instance, dict):
        for trigger, names in expected.items():
            for name in names if trigger in instance else ():
                if name not in instance:
                    message = _tr(
                        QT_TRANSLATE_NOOP("Validation", "is required when {name} is set"),
                        name=repr(trigger),
                    )
                    yield ValidationIssue((*path, name), message)
        return
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        extras = _extra_properties(error) if keyword == "additionalProperties" else []
        for name in extras:
            message = _tr(
                QT_TRANSLATE_NOOP("Validation", "unknown property {name} is not allowed here"),
                name=show(name),
            )
            yield ValidationIssue(path, message)
        if not extras:
            yield ValidationIssue(path, error.message)
        return
    yield ValidationIssue(path, _message(keyword, expected, instance, secret, error))


_SIMPLE: dict[str, Callable[[Any], str]] = {
    "minimum": lambda v: _tr(QT_TRANSLATE_NOOP("Validation", "must be at least {v}"), v=show(v)),
    "maximum": lambda v: _tr(QT_TRANSLATE_NOOP("Validation", "must be at most {v}"), v=show(v)),
    "exclusiveMinimum": lambda v: _tr(
        QT_TRANSLATE_NOOP("Validation", "must be greater than {v}"), v=show(v)
    ),
    "exclusiveMaximum": lambda v: _tr(
        QT_TRANSLATE_NOOP("Validation", "must be less than {v}"), v=show(v)
    ),
    "multipleOf": lambda v: _tr(
        QT_TRANSLATE_NOOP("Validation", "must be a multiple of {v}"), v=show(v)
    ),
    "minLength": lambda v: (
        _tr(QT_TRANSLATE_NOOP("Validation", "must not be empty"))
        if v == 1
        else _tr(QT_TRANSLATE_NOOP("Validation", "must be at least {n} characters"), n=v)
    ),
    "maxLength": lambda v: _one_or_many(
        v,
        QT_TRANSLATE_NOOP("Validation", "must be at most {n} character long"),
        QT_TRANSLATE_NOOP("Validation", "must be at most {n} characters long"),
    ),
    "minItems": lambda v: _one_or_many(
        v,
        QT_TRANSLATE_NOOP("Validation", "must have at least {n} item"),
        QT_TRANSLATE_NOOP("Validation", "must have at least {n} items"),
    ),
    "maxItems": lambda v: _one_or_many(
        v,
        QT_TRANSLATE_NOOP("Validation", "must have at most {n} item"),
        QT_TRANSLATE_NOOP("Validation", "must have at most {n} items"),
    ),
    "minProperties": lambda v: _one_or_many(
        v,
        QT_TRANSLATE_NOOP("Validation", "must have at least {n} entry"),
        QT_TRANSLATE_NOOP("Validation", "must have at least {n} entries"),
    ),
    "maxProperties": lambda v: _one_or_many(
        v,
        QT_TRANSLATE_NOOP("Validation", "must have at most {n} entry"),
        QT_TRANSLATE_NOOP("Validation", "must have at most {n} entries"),
    ),
    "uniqueItems": lambda v: _tr(
        QT_TRANSLATE_NOOP("Validation", "must not contain the same item twice")
    ),
    "type": lambda v: _tr(QT_TRANSLATE_NOOP("Validation", "must be {types}"), types=_types(v)),
    "const": lambda v: _tr(QT_TRANSLATE_NOOP("Validation", "must be {v}"), v=show(v)),
    "enum": lambda v: _tr(
        QT_TRANSLATE_NOOP("Validation", "must be one of {values}"), values=_join(v)
    ),
    "not": lambda v: _tr(QT_TRANSLATE_NOOP("Validation", "this value is not allowed here")),
    "contains": lambda v: _tr(
        QT_TRANSLATE_NOOP("Validation", "must contain at least one matching item")
    ),
    "minContains": lambda v: _tr(
        QT_TRANSLATE_NOOP("Validation", "must contain more matching items")
    ),
    "maxContains": lambda v: _tr(
        QT_TRANSLATE_NOOP("Validation", "contains too many matching items")
    ),
    "anyOf": lambda v: _tr(
        QT_TRANSLATE_NOOP("Validation", "does not match any of the allowed forms")
    ),
    "oneOf": lambda v: _tr(
        QT_TRANSLATE_NOOP("Validation", "does not match exactly one of the allowed forms")
    ),
    "pattern": lambda v: _tr(
        QT_TRANSLATE_NOOP("Validation", "does not match the expected pattern {pattern}"), pattern=v
    ),
}


def _message(
    keyword: Any, expected: Any, instance: Any, secret: bool, error: ValidationError
) -> str:
    if keyword == "format":
        name = translate("Validation", FORMAT_NAMES.get(expected, str(expected)))
        if instance == "":
            return _tr(QT_TRANSLATE_NOOP("Validation", "must be a valid {format}"), format=name)
        if secret:
            return _tr(
                QT_TRANSLATE_NOOP("Validation", "the value is not a valid {format}"), format=name
            )
        return _tr(
            QT_TRANSLATE_NOOP("Validation", "{value} is not a valid {format}"),
            value=show(instance),
            format=name,
        )
    if keyword == "propertyNames":
        return _tr(
            QT_TRANSLATE_NOOP("Validation", "{name} is not an allowed property name"),
            name=show(instance),
        )
    if keyword == "oneOf" and not error.context:
        return _tr(
            QT_TRANSLATE_NOOP(
                "Validation",
                "matches more than one of the allowed forms; it must match exactly one",
            )
        )
    if keyword is None or keyword in ("False", "false"):
        return _tr(QT_TRANSLATE_NOOP("Validation", "is not allowed here"))
    simple = _SIMPLE.get(str(keyword))
    return simple(expected) if simple is not None else str(error.message)
