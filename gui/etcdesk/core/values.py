"""Decoding values for display: JSON, YAML, plain text or binary (DESIGN.md §5).

Values come from anyone who can write to etcd, so decoding never trusts them: YAML is checked
for alias bombs and depth on its event stream before it is constructed, deep JSON is refused
instead of overflowing the stack, and binary data is shown as a bounded hex dump.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from typing import Any

import yaml

from etcdesk.core.i18n import translate

try:  # libyaml is much faster on large values; fall back to the pure-Python parser.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

MAX_DEPTH = 64
MAX_YAML_NODES = 200_000  # nodes after alias expansion
MAX_PARSE_BYTES = 4 * 1024 * 1024
HEX_PREVIEW_BYTES = 64 * 1024


class ValueFormat(Enum):
    JSON = "json"
    YAML = "yaml"
    TEXT = "text"
    BINARY = "binary"
    EMPTY = "empty"


@dataclass(frozen=True)
class DecodedValue:
    """A value ready to show. ``text`` is what the viewer displays; ``data`` the parsed document."""

    format: ValueFormat
    text: str
    size: int
    data: Any = None
    note: str = ""  # a warning for the user, e.g. why a YAML value was not parsed

    @property
    def editable_as_text(self) -> bool:
        return self.format is not ValueFormat.BINARY


class UnsafeValue(ValueError):
    """The value is structurally hostile (alias bomb, too deep, too large) and was not parsed."""


def hex_dump(raw: bytes, limit: int = HEX_PREVIEW_BYTES) -> str:
    """Offset, hex and ASCII columns, 16 bytes per line, at most ``limit`` bytes."""
    lines = []
    shown = raw[:limit]
    for offset in range(0, len(shown), 16):
        chunk = shown[offset : offset + 16]
        hexes = " ".join(f"{b:02x}" for b in chunk)
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        lines.append(f"{offset:08x}  {hexes:<47}  {text}")
    if len(raw) > limit:
        more = translate("Values", "… {n} more bytes not shown")
        lines.append(more.format(n=f"{len(raw) - limit:,}"))
    return "\n".join(lines)


def _looks_binary(text: str) -> bool:
    # Control characters other than tab/newline/CR mean this is not a text config.
    return any(ord(c) < 32 and c not in "\t\n\r" for c in text[:8192]) or "\x00" in text


def check_yaml_safety(text: str) -> None:
    """Walk the YAML event stream and refuse alias bombs and excessive nesting.

    PyYAML's safe loader shares aliased nodes, so construction itself is cheap, but anything
    that walks the result (a form, json.dumps, a diff) expands every alias: the classic
    "billion laughs" value is a few hundred bytes. Count nodes as they would be expanded.
    """
    sizes: dict[str, int] = {}
    stack: list[list[Any]] = []  # [anchor, node count so far]
    total = 0
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            size = sizes.get(event.anchor or "", 1)
            total += size
            if stack:
                stack[-1][1] += size
        elif isinstance(event, yaml.ScalarEvent):
            total += 1
            if stack:
                stack[-1][1] += 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.CollectionStartEvent):
            stack.append([event.anchor, 1])
            if len(stack) > MAX_DEPTH:
                raise UnsafeValue(
                    translate("Values", "YAML nested deeper than {n} levels").format(n=MAX_DEPTH)
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, count = stack.pop()
            total += 1
            if anchor:
                sizes[anchor] = count
            if stack:
                stack[-1][1] += count
        if total > MAX_YAML_NODES:
            raise UnsafeValue(
                translate(
                    "Values", "YAML expands to more than {n} nodes (aliases); not parsed"
                ).format(n=f"{MAX_YAML_NODES:,}")
            )


def parse_yaml(text: str) -> Any:
    check_yaml_safety(text)
    return yaml.load(text, Loader=_SafeLoader)  # a safe loader (CSafeLoader)


def _depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """Nesting depth of parsed JSON, level by level (a 1 MB document in a few milliseconds)."""
    depth = 0
    level: list[Any] = [value]
    while level:
        containers = [node for node in level if isinstance(node, (dict, list))]
        if not containers:
            break
        depth += 1
        if depth > limit:
            return depth
        level = []
        for node in containers:
            level.extend(node.values() if isinstance(node, dict) else node)
    return depth


def parse_json(text: str) -> Any:
    try:
        data = json.loads(text)
    except RecursionError as exc:
        raise UnsafeValue(translate("Values", "JSON nested too deeply to parse")) from exc
    if _depth(data) > MAX_DEPTH:
        raise UnsafeValue(
            translate("Values", "JSON nested deeper than {n} levels").format(n=MAX_DEPTH)
        )
    return data


def decode_value(raw: bytes, hint: ValueFormat | None = None) -> DecodedValue:
    """Decode ``raw`` for display. Never raises on any input."""
    size = len(raw)
    if not raw:
        return DecodedValue(ValueFormat.EMPTY, "", 0)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        note = translate("Values", "not valid UTF-8")
        return DecodedValue(ValueFormat.BINARY, hex_dump(raw), size, note=note)
    if _looks_binary(text):
        note = translate("Values", "binary data")
        return DecodedValue(ValueFormat.BINARY, hex_dump(raw), size, note=note)
    if size > MAX_PARSE_BYTES:
        note = translate("Values", "too large to parse; shown as text")
        return DecodedValue(ValueFormat.TEXT, text, size, note=note)

    stripped = text.lstrip()
    if hint in (None, ValueFormat.JSON) and stripped[:1] in ("{", "["):
        try:
            data = parse_json(text)
        except UnsafeValue as exc:
            return DecodedValue(ValueFormat.TEXT, text, size, note=str(exc))
        except ValueError as exc:
            if hint is ValueFormat.JSON:
                note = translate("Values", "invalid JSON: {error}").format(error=exc)
                return DecodedValue(ValueFormat.TEXT, text, size, note=note)
        else:
            if "\n" not in text.strip() and len(text) > 80:
                text = json.dumps(data, indent=2, ensure_ascii=False)
            return DecodedValue(ValueFormat.JSON, text, size, data)
    if hint in (None, ValueFormat.YAML):
        try:
            data = parse_yaml(text)
        except UnsafeValue as exc:
            return DecodedValue(ValueFormat.TEXT, text, size, note=str(exc))
        except (yaml.YAMLError, RecursionError, ValueError) as exc:
            if hint is ValueFormat.YAML:
                note = translate("Values", "invalid YAML: {error}").format(error=exc)
                return DecodedValue(ValueFormat.TEXT, text, size, note=note)
        else:
            if isinstance(data, dict | list):
                return DecodedValue(ValueFormat.YAML, text, size, data)
    return DecodedValue(ValueFormat.TEXT, text, size)
