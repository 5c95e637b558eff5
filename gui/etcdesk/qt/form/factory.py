"""Which field edits a schema: the one place that maps JSON Schema keywords to widgets.

Order of the checks follows rjsf's ``getFieldType`` / ``getWidget``: choices (enum, const
oneOf) before variants, variants before ``type``; a value whose JSON type the schema does not
allow, a schema with no usable type, or nesting deeper than MAX_DEPTH are edited as raw JSON.
"""

from __future__ import annotations

from typing import Any

from etcdesk.core.schemas import SchemaRegistry
from etcdesk.qt.form.arrays import ArrayField, MultiSelectField
from etcdesk.qt.form.base import MAX_DEPTH, BuildContext, Field
from etcdesk.qt.form.dates import FORMATS, DateTimeField
from etcdesk.qt.form.fields import (
    BoolField,
    ConstField,
    EnumField,
    JsonField,
    NullField,
    TextAreaField,
    TextField,
)
from etcdesk.qt.form.keywords import (
    MISSING,
    Schema,
    accepts_extra_keys,
    enum_options,
    is_multiline,
    is_secret,
    merge_variant,
    needs_resolve,
    schema_type,
    type_accepts,
    ui,
    variant_options,
)
from etcdesk.qt.form.numbers import NumberField, SliderField
from etcdesk.qt.form.objects import ObjectField
from etcdesk.qt.form.secrets import SecretField
from etcdesk.qt.form.variants import VariantField

CONTAINER_OPTIONS = ("framed", "hidden_consts", "inline")
TABLE_COLUMNS = 4  # arrays of flat objects with up to this many properties show as a table


def new_context(registry: SchemaRegistry, *, allow_reveal: bool, read_only: bool) -> BuildContext:
    ctx = BuildContext(registry, allow_reveal=allow_reveal, read_only=read_only)
    ctx.build = build_field
    ctx.is_wide = lambda schema: is_wide(ctx, schema)
    ctx.is_tabular = lambda schema: is_tabular(ctx, schema)
    return ctx


def effective_schema(ctx: BuildContext, schema: Any, value: Any) -> Schema:
    """The schema to choose a field by. Conditionals are left in: an object applies its own
    to its data as it changes (ObjectField); elsewhere they only matter to validation."""
    if not isinstance(schema, dict):
        return {}  # `true` (anything) or a malformed entry
    if "$ref" in schema or "$dynamicRef" in schema:  # a recursive level, expanded on arrival
        if value is MISSING:
            return ctx.registry.resolve(schema)
        return ctx.registry.resolve(schema, value)
    return schema


def is_multi_select(schema: Schema) -> bool:
    items = schema.get("items")
    if not isinstance(items, dict) or enum_options(items) is None:
        return False
    return schema.get("uniqueItems") is True or ui(schema).get("widget") == "checkboxes"


def is_wide(ctx: BuildContext, schema: Any, depth: int = 0) -> bool:
    """Whether the field for ``schema`` takes a whole row (without building it)."""
    if depth > 8:
        return False
    effective = effective_schema(ctx, schema, MISSING)
    if enum_options(effective) is not None:
        return False
    found = variant_options(effective)
    if found is not None:
        return any(is_wide(ctx, merge_variant(effective, o), depth + 1) for o in found[1])
    kind = schema_type(effective)
    if kind == "object":
        return True
    if kind == "array" and not is_multi_select(effective):
        items = effective.get("items") if isinstance(effective.get("items"), dict) else {}
        return is_wide(ctx, items, depth + 1)
    return False


def is_tabular(ctx: BuildContext, schema: Any) -> bool:
    """Whether array items of ``schema`` fit one line each, as JSON Forms' table control:
    an object of a few one-line properties, nothing conditional, nested or open-ended."""
    effective = effective_schema(ctx, schema, MISSING)
    props = effective.get("properties")
    if schema_type(effective) != "object" or not isinstance(props, dict):
        return False
    if not 0 < len(props) <= TABLE_COLUMNS or needs_resolve(effective):
        return False
    if accepts_extra_keys(effective) or variant_options(effective) is not None:
        return False
    for sub in props.values():
        if not isinstance(sub, dict) or ui(sub).get("group") or is_multiline(sub, MISSING):
            return False
        if schema_type(sub) in ("object", "array") or is_wide(ctx, sub):
            return False
    return True


def build_field(
    ctx: BuildContext,
    schema: Any,
    value: Any,
    *,
    key: str | int | None,
    required: bool,
    depth: int,
    **options: Any,
) -> Field:
    kw: dict[str, Any] = {"key": key, "required": required, "depth": depth}
    container = {k: v for k, v in options.items() if k in CONTAINER_OPTIONS}
    raw: Schema = schema if isinstance(schema, dict) else {}
    if depth > MAX_DEPTH:
        return JsonField(ctx, raw, value, **kw)
    effective = effective_schema(ctx, raw, value)
    if is_secret(effective) and _secret_text(effective, value):
        return SecretField(ctx, effective, value, **kw)  # before enum/format: always masked
    if "const" in effective and schema_type(effective) != "object":
        return ConstField(ctx, effective, value, **kw)
    if enum_options(effective) is not None:
        return EnumField(ctx, effective, value, **kw)
    if variant_options(effective) is not None:
        return VariantField(ctx, effective, value, framed=container.get("framed", True), **kw)
    kind = schema_type(effective, value)
    if kind is None or (value is not MISSING and not _fits(kind, effective, value)):
        return JsonField(ctx, effective, value, **kw)
    if kind == "object":
        source = raw if needs_resolve(raw) else effective
        return ObjectField(ctx, source, value, **kw, **container)
    if kind == "array":
        if is_multi_select(effective):
            return MultiSelectField(ctx, effective, value, **kw)
        return ArrayField(ctx, effective, value, **kw)
    if kind == "string":
        if effective.get("format") in FORMATS:
            return DateTimeField(ctx, effective, value, **kw)
        if is_multiline(effective, value):
            return TextAreaField(ctx, effective, value, **kw)
        return TextField(ctx, effective, value, **kw)
    if kind in ("integer", "number"):
        if SliderField.fits(effective):
            return SliderField(ctx, effective, value, **kw)
        return NumberField(ctx, effective, value, **kw)
    if kind == "boolean":
        return BoolField(ctx, effective, value, **kw)
    if kind == "null":
        return NullField(ctx, effective, value, **kw)
    return JsonField(ctx, effective, value, **kw)


def _fits(kind: str, schema: Schema, value: Any) -> bool:
    """A value the field for ``kind`` can show: its type, or null where the schema allows it."""
    if value is None and kind in ("string", "integer", "number"):
        return True  # shown empty; validation says whether null is allowed
    return type_accepts(kind, value)


def _secret_text(schema: Schema, value: Any) -> bool:
    kind = schema_type(schema, value)
    return kind in (None, "string") and (
        value is MISSING or value is None or isinstance(value, str)
    )
