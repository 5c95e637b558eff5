"""Reading JSON Schema keywords for the form: types, order, labels, enum options, variants.

Plain Python (no Qt) so the rules that decide what the form shows are easy to test and reuse.
Only presentation is decided here; validation stays in ``etcdesk.core.schemas``.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from etcdesk.core.i18n import QT_TRANSLATE_NOOP, translate

Schema = dict[str, Any]

# Keywords that make a schema depend on the data (applied by registry.resolve), and the ones
# that remain in an expanded schema only for a recursive $ref (expanded when the form gets there).
CONDITIONAL_KEYWORDS = frozenset({"if", "dependentSchemas"})
RESOLVE_KEYWORDS = CONDITIONAL_KEYWORDS | {"$ref", "$dynamicRef"}
SCALAR_TYPES = ("string", "integer", "number", "boolean", "null")
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1


class _Missing:
    """The value of a property that is absent from the document (not ``None``: that is null)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False

    def __deepcopy__(self, memo: dict[int, Any]) -> _Missing:
        return self


MISSING: Any = _Missing()


def ui(schema: Schema) -> dict[str, Any]:
    hints = schema.get("x-ui")
    return hints if isinstance(hints, dict) else {}


def needs_resolve(schema: Schema) -> bool:
    """Whether ``registry.resolve`` would change this (already expanded) schema."""
    return not RESOLVE_KEYWORDS.isdisjoint(schema)


def has_keyword(schema: Any, keywords: frozenset[str]) -> bool:
    """Whether any of ``keywords`` is used anywhere in ``schema`` (a JSON-like document).

    Searched in its JSON text: one C-speed pass instead of a Python walk over every
    subschema. A string value that happens to read ``"$ref"`` gives a harmless yes.
    """
    text = json.dumps(schema, default=str)
    return any(f'"{keyword}":' in text for keyword in keywords)


EXPANDED_KEYWORDS = frozenset({"$ref", "$dynamicRef", "allOf"})


def json_type(value: Any) -> str:
    """The JSON type name of a Python value from a parsed document."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "unknown"


def type_accepts(type_name: str, value: Any) -> bool:
    actual = json_type(value)
    if type_name == "number":
        return actual in ("integer", "number")
    if type_name == "integer":
        return actual == "integer" or (
            actual == "number" and math.isfinite(value) and float(value).is_integer()
        )
    return actual == type_name


def same_json(a: Any, b: Any) -> bool:
    """Equal as JSON values: ``1 == True`` in Python, not in JSON; ``1 == 1.0`` in both."""
    if a is MISSING or b is MISSING:
        return a is b
    kinds = {json_type(a), json_type(b)}
    if len(kinds) > 1 and kinds != {"integer", "number"}:
        return False
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    return bool(a == b)


def declared_types(schema: Schema) -> list[str]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return [k for k in kind if isinstance(k, str)]
    return []


def is_nullable(schema: Schema) -> bool:
    return "null" in declared_types(schema)


def schema_type(schema: Schema, value: Any = MISSING) -> str | None:
    """The one type the form edits this schema as; ``None`` when nothing says (raw JSON editor).

    ``type: [T, "null"]`` edits as T (rjsf's nullable convention); with several non-null types the
    one matching the current value wins, else the first.
    """
    kinds = [k for k in declared_types(schema) if k != "null"]
    if len(kinds) > 1 and value is not MISSING:
        for kind in kinds:
            if type_accepts(kind, value):
                return kind
    if kinds:
        return kinds[0]
    if declared_types(schema) == ["null"]:
        return "null"
    if any(k in schema for k in ("properties", "additionalProperties", "patternProperties")):
        return "object"
    if any(k in schema for k in ("items", "prefixItems")):
        return "array"
    if "const" in schema:
        return json_type(schema["const"])
    return None


def ordered_properties(schema: Schema) -> list[str]:
    """Property names in x-ui ``order`` (lowest first), the rest in declaration order after."""
    props = schema.get("properties")
    if not isinstance(props, dict):
        return []

    def rank(item: tuple[int, str]) -> tuple[float, int]:
        index, name = item
        sub = props[name]
        order = ui(sub).get("order") if isinstance(sub, dict) else None
        if isinstance(order, (int, float)) and not isinstance(order, bool):
            return (float(order), index)
        return (math.inf, index)

    return [name for _, name in sorted(enumerate(props), key=rank)]


_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def humanize(key: str) -> str:
    """``per_endpoint`` -> ``Per endpoint``, ``maxRetries`` -> ``Max retries`` (as JSON Forms)."""
    words = _WORD.findall(key.replace("_", " ").replace("-", " "))
    if not words:
        return key
    text = " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words)
    return text[0].upper() + text[1:]


def title_of(schema: Schema, key: str | int | None) -> str:
    title = schema.get("title")
    if isinstance(title, str) and title:
        return title
    if isinstance(key, str):
        return humanize(key)
    return ""


def help_of(schema: Schema) -> str:
    """The help line under a field: x-ui ``help`` if given, else the ``description``."""
    text = ui(schema).get("help") or schema.get("description") or ""
    return text if isinstance(text, str) else ""


def display_value(value: Any) -> str:
    """An enum/const value as a person reads it: strings bare, everything else as JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def enum_options(schema: Schema) -> list[tuple[Any, str]] | None:
    """``[(value, label)]`` for a choice field, or ``None``.

    ``enum`` gives bare labels; a oneOf/anyOf whose options are all ``const`` (with ``title``)
    gives labelled choices, as rjsf and JSON Forms (``MaterialOneOfEnumControl``) render them.
    """
    values = schema.get("enum")
    if isinstance(values, list) and values:
        return [(v, display_value(v)) for v in values]
    for keyword in ("oneOf", "anyOf"):
        options = schema.get(keyword)
        if (
            isinstance(options, list)
            and options
            and all(isinstance(o, dict) and "const" in o for o in options)
        ):
            return [(o["const"], title_of(o, None) or display_value(o["const"])) for o in options]
    return None


def variant_options(schema: Schema) -> tuple[str, list[Schema]] | None:
    for keyword in ("oneOf", "anyOf"):
        options = schema.get(keyword)
        if isinstance(options, list) and options and all(isinstance(o, dict) for o in options):
            return keyword, options
    return None


def const_properties(schema: Schema) -> dict[str, Any]:
    """Properties pinned to one value by ``const`` (or a one-value ``enum``): discriminators."""
    found: dict[str, Any] = {}
    props = schema.get("properties")
    if isinstance(props, dict):
        for name, sub in props.items():
            if not isinstance(sub, dict):
                continue
            if "const" in sub:
                found[name] = sub["const"]
            elif isinstance(sub.get("enum"), list) and len(sub["enum"]) == 1:
                found[name] = sub["enum"][0]
    return found


def option_title(option: Schema, index: int) -> str:
    title = option.get("title")
    if isinstance(title, str) and title:
        return title
    consts = const_properties(option)
    if len(consts) == 1:
        return display_value(next(iter(consts.values())))
    if "const" in option:
        return display_value(option["const"])
    kind = schema_type(option)
    if kind is not None and not option.get("properties"):
        return translate("VariantField", TYPE_NAMES.get(kind, kind))
    return translate("VariantField", "Option {n}").format(n=index + 1)


# JSON Schema types as a variant's name in the form's choice of variants
TYPE_NAMES = {
    "string": QT_TRANSLATE_NOOP("VariantField", "string"),
    "integer": QT_TRANSLATE_NOOP("VariantField", "integer"),
    "number": QT_TRANSLATE_NOOP("VariantField", "number"),
    "boolean": QT_TRANSLATE_NOOP("VariantField", "boolean"),
    "null": "null",
    "object": QT_TRANSLATE_NOOP("VariantField", "object"),
    "array": QT_TRANSLATE_NOOP("VariantField", "array"),
}


def merge_variant(base: Schema, option: Schema) -> Schema:
    """The schema a chosen oneOf/anyOf option edits with: the base (minus its oneOf/anyOf) and
    the option, properties and required lists united (as rjsf merges an option into its parent).
    """
    merged = {k: v for k, v in base.items() if k not in ("oneOf", "anyOf")}
    for key, value in option.items():
        if key == "properties" and isinstance(merged.get("properties"), dict):
            merged["properties"] = {**merged["properties"], **value}
        elif key == "required" and isinstance(merged.get("required"), list):
            merged["required"] = list(dict.fromkeys([*merged["required"], *value]))
        elif key not in ("title", "description") or key not in merged:
            merged[key] = value
    return merged


def item_schema(schema: Schema, index: int) -> Schema:
    """The schema of array item ``index``: ``prefixItems[index]``, else ``items``."""
    prefix = schema.get("prefixItems")
    if isinstance(prefix, list) and index < len(prefix) and isinstance(prefix[index], dict):
        entry: Schema = prefix[index]
        return entry
    items = schema.get("items")
    if isinstance(items, dict):
        return items
    return {}


def value_schema(schema: Schema, key: str) -> Schema | None:
    """The schema for an undeclared object key: a matching ``patternProperties`` entry, else
    ``additionalProperties``; ``None`` when such keys are not allowed.
    """
    patterns = schema.get("patternProperties")
    if isinstance(patterns, dict):
        for pattern, sub in patterns.items():
            try:
                if re.search(pattern, key) and isinstance(sub, dict):
                    return sub
            except re.error:
                continue
    extra = schema.get("additionalProperties", True)
    if extra is False:
        return None
    return extra if isinstance(extra, dict) else {}


def accepts_extra_keys(schema: Schema) -> bool:
    """Whether the form offers to add undeclared keys (rjsf: only when the schema says so)."""
    extra = schema.get("additionalProperties")
    return (extra is not None and extra is not False) or bool(schema.get("patternProperties"))


def is_multiline(schema: Schema, value: Any) -> bool:
    if ui(schema).get("widget") == "textarea":
        return True
    for text in (value, schema.get("default")):
        if isinstance(text, str) and ("\n" in text or len(text) > 120):
            return True
    return False


def is_secret(schema: Schema) -> bool:
    return schema.get("x-secret") is True or ui(schema).get("widget") == "password"


Number = int | float


def number_bounds(schema: Schema) -> tuple[Number | None, Number | None, bool, bool]:
    """``(low, high, low_exclusive, high_exclusive)`` from minimum/maximum and the exclusive
    keywords (draft 2020-12 numbers; a draft-4 boolean ``exclusiveMinimum`` is honoured too).
    """

    def num(key: str) -> Number | None:
        value = schema.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        return None

    low, high = num("minimum"), num("maximum")
    low_ex = high_ex = False
    ex_low, ex_high = num("exclusiveMinimum"), num("exclusiveMaximum")
    if ex_low is not None and (low is None or ex_low >= low):
        low, low_ex = ex_low, True
    elif schema.get("exclusiveMinimum") is True:
        low_ex = True
    if ex_high is not None and (high is None or ex_high <= high):
        high, high_ex = ex_high, True
    elif schema.get("exclusiveMaximum") is True:
        high_ex = True
    return low, high, low_ex, high_ex


FORMAT_PLACEHOLDERS = {
    "email": "name@example.com",
    "hostname": "host.example.com",
    "idn-hostname": "host.example.com",
    "ipv4": "192.0.2.10",
    "ipv6": "2001:db8::10",
    "uri": "https://example.com/path",
    "uri-reference": "/path or https://…",
    "uuid": "123e4567-e89b-12d3-a456-426614174000",
    "duration": "P1DT12H",
}
