"""Every config against its schema, as a list of problems a person or a CI job can act on.

Used by ``etcdesk-cli validate`` (the configs in a cluster) and by bundle imports (the configs
about to be written). A config is checked against the schema its layout rule names; configs
with no rule pass. A value that should match a schema but does not parse, or a rule naming a
schema nobody knows, is a problem too: a CI job must not pass because nothing was checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from etcdesk.core.documents import DocumentError, parse_text
from etcdesk.core.errors import PermissionDenied
from etcdesk.core.i18n import translate
from etcdesk.core.layout import Layout, display
from etcdesk.core.schemas import SchemaError, SchemaRegistry
from etcdesk.core.values import ValueFormat

if TYPE_CHECKING:
    from etcdesk.core.etcd_store import EtcdReader


@dataclass(frozen=True)
class Problem:
    """One reason a config is not valid: its key, where in the document, and what is wrong."""

    key: bytes
    path: str  # a JSON path such as ``$.per_endpoint[0].rps``; ``$`` for the whole value
    message: str
    schema: str = ""

    def __str__(self) -> str:
        return f"{display(self.key)}: {self.path}: {self.message}"

    def to_json(self) -> dict[str, str]:
        return {"key": display(self.key), "path": self.path, "message": self.message} | (
            {"schema": self.schema} if self.schema else {}
        )


class NotADocument(ValueError):
    """The value is not a JSON or YAML document (binary, or it does not parse)."""


def parse_config(raw: bytes) -> Any:
    """The document of a config value: JSON when it looks like JSON, else YAML (safe loader,
    alias and depth limits, dates kept as strings as the editor does). NotADocument if not."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotADocument(translate("Validation", "not UTF-8 text (a binary value)")) from exc
    if not text.strip():
        raise NotADocument(translate("Validation", "the value is empty"))
    fmt = ValueFormat.JSON if text.lstrip()[:1] in ("{", "[") else ValueFormat.YAML
    try:
        return parse_text(text, fmt)
    except DocumentError as exc:
        message = translate("Validation", "does not parse as {format}: {error}")
        raise NotADocument(message.format(format=fmt.value.upper(), error=exc)) from exc


def schema_name_for(layout: Layout, key: bytes) -> str | None:
    """The schema the layout assigns to ``key``'s config path; None for none or other keys."""
    where = layout.parse(key)
    if where is None or where.other:
        return None
    return layout.schema_for(display(where.leaf))


def check_config(
    registry: SchemaRegistry, layout: Layout, key: bytes, value: bytes, schema_name: str = ""
) -> list[Problem]:
    """The problems of one config (none when it has no schema). ``schema_name`` is used when
    the layout names none (a bundle records the schema each config was exported with)."""
    name = schema_name_for(layout, key) or schema_name
    if not name:
        return []
    schema = registry.get(name)
    if schema is None:
        message = translate("Validation", "schema {name} is not known (check the layout's rules)")
        return [Problem(key, "$", message.format(name=name), name)]
    try:
        data = parse_config(value)
    except NotADocument as exc:
        return [Problem(key, "$", str(exc), name)]
    try:
        issues = registry.validate(schema, data)
    except SchemaError as exc:
        return [Problem(key, "$", str(exc), name)]
    return [Problem(key, issue.json_path, issue.message, name) for issue in issues]


def check_configs(
    registry: SchemaRegistry, layout: Layout, items: Iterable[tuple[bytes, bytes]]
) -> list[Problem]:
    """The problems of every (key, value), in key order."""
    problems: list[Problem] = []
    for key, value in sorted(items):
        problems.extend(check_config(registry, layout, key, value))
    return problems


def load_registry(reader: EtcdReader, layout: Layout) -> tuple[SchemaRegistry, list[str]]:
    """The bundled schemas, overridden by those the team keeps in etcd (the layout's
    ``schema_store``), and the problems with stored schemas (skipped, bundled ones kept)."""
    registry = SchemaRegistry.bundled()
    if layout.schema_store is None:
        return registry, []
    try:
        return registry, registry.load_from_store(reader, layout.schema_store)
    except PermissionDenied:
        where = display(layout.schema_store)
        message = translate(
            "Validation", "may not read the shared schemas under {where}; using bundled ones"
        )
        return registry, [message.format(where=where)]
