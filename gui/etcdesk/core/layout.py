"""The key layout: how etcd keys map to a tree of tenants and configs (DESIGN.md §4).

This module is the only place that knows how keys are built and parsed. Keys are bytes: they
may be any UTF-8, or not UTF-8 at all; labels shown to people are decoded with escapes.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from etcdesk.core.errors import ConfigError
from etcdesk.core.i18n import QT_TRANSLATE_NOOP, translate
from etcdesk.core.resources import read_text

_SEGMENT = re.compile(r"^\{([A-Za-z_][A-Za-z0-9_]*)(\.\.\.)?\}$")


def display(raw: bytes) -> str:
    """A key fragment as a person reads it: UTF-8, with invalid bytes shown as ``\\xNN``."""
    return raw.decode("utf-8", errors="backslashreplace")


def prefix_range_end(prefix: bytes) -> bytes:
    """The etcd ``range_end`` that selects every key starting with ``prefix``."""
    stripped = prefix.rstrip(b"\xff")
    if not stripped:
        return b"\x00"  # every key
    return stripped[:-1] + bytes([stripped[-1] + 1])


@dataclass(frozen=True)
class SchemaRule:
    match: str
    schema: str


@dataclass(frozen=True)
class Segment:
    literal: bytes | None = None  # a fixed path segment
    name: str | None = None  # a named level
    rest: bool = False  # {name...}: takes the rest of the key


@dataclass(frozen=True)
class KeyPath:
    """Where a key sits in the tree: its group levels and its leaf label.

    ``groups`` are the raw values of the named levels above the leaf (e.g. the tenant id);
    ``leaf`` is the config path. ``other`` keys matched no pattern.
    """

    groups: tuple[bytes, ...]
    leaf: bytes
    other: bool = False


@dataclass(frozen=True)
class Layout:
    root: bytes
    pattern: str
    segments: tuple[Segment, ...]
    schemas: tuple[SchemaRule, ...] = ()
    journal: bytes | None = None
    schema_store: bytes | None = None  # etcd prefix of shared schemas (override bundled ones)
    source: str = "<default>"

    @property
    def level_names(self) -> tuple[str, ...]:
        """Names of the tree levels above the leaf, e.g. ``("tenant",)``."""
        names = [s.name for s in self.segments if s.name is not None]
        return tuple(names[:-1])

    @property
    def leaf_name(self) -> str:
        names = [s.name for s in self.segments if s.name is not None]
        return names[-1]

    @property
    def range_end(self) -> bytes:
        return prefix_range_end(self.root)

    def parse(self, key: bytes) -> KeyPath | None:
        """Place ``key`` in the tree; ``None`` if it is not under the root at all."""
        root = self.root
        if not key.startswith(root):
            return None
        rel = key[len(root) :]
        segments = self.segments
        # Fast path for the common "{a}/{b...}" shape: one find, two slices.
        if len(segments) == 2 and segments[0].name is not None and segments[1].rest:
            cut = rel.find(b"/")
            if cut > 0 and cut < len(rel) - 1:
                return KeyPath((rel[:cut],), rel[cut + 1 :])
            return KeyPath((), rel, other=True)
        return self._parse_general(rel)

    def _parse_general(self, rel: bytes) -> KeyPath:
        values: list[bytes] = []
        pos = 0
        last = len(self.segments) - 1
        for index, seg in enumerate(self.segments):
            if seg.rest:
                tail = rel[pos:]
                if not tail:
                    return KeyPath((), rel, other=True)
                values.append(tail)
                pos = len(rel)
                break
            cut = rel.find(b"/", pos)
            if index == last:
                if cut != -1:
                    return KeyPath((), rel, other=True)
                cut = len(rel)
            elif cut == -1:
                return KeyPath((), rel, other=True)
            part = rel[pos:cut]
            if not part:
                return KeyPath((), rel, other=True)
            if seg.literal is not None:
                if part != seg.literal:
                    return KeyPath((), rel, other=True)
            else:
                values.append(part)
            pos = cut + 1
        if pos < len(rel):
            return KeyPath((), rel, other=True)
        return KeyPath(tuple(values[:-1]), values[-1])

    def build(self, groups: tuple[bytes, ...], leaf: bytes) -> bytes:
        """The inverse of ``parse``: the full key for group values and a leaf path."""
        values = [*groups, leaf]
        if len(values) != len([s for s in self.segments if s.name is not None]):
            raise ValueError("wrong number of levels for this layout")
        parts: list[bytes] = []
        it = iter(values)
        for seg in self.segments:
            parts.append(seg.literal if seg.literal is not None else next(it))
        return self.root + b"/".join(parts)

    def group_prefix(self, groups: tuple[bytes, ...]) -> bytes:
        """The key prefix shared by every key of a group (e.g. one tenant)."""
        if not groups:
            return self.root
        parts: list[bytes] = []
        it = iter(groups)
        remaining = len(groups)
        for seg in self.segments:
            if remaining == 0:
                break
            if seg.literal is not None:
                parts.append(seg.literal)
            else:
                parts.append(next(it))
                remaining -= 1
        return self.root + b"/".join(parts) + b"/"

    def schema_for(self, leaf: str) -> str | None:
        """The schema reference of the first rule whose glob matches the config path."""
        for rule in self.schemas:
            if fnmatch.fnmatchcase(leaf, rule.match):
                return rule.schema
        return None


def _pattern_error(pattern: str, text: str, **fields: str) -> ConfigError:
    message = translate("Layout", text).format(pattern=repr(pattern), **fields)
    return ConfigError(message)


def parse_pattern(pattern: str) -> tuple[Segment, ...]:
    if not pattern or pattern.startswith("/") or pattern.endswith("/"):
        raise _pattern_error(
            pattern,
            QT_TRANSLATE_NOOP(
                "Layout", "pattern {pattern}: must not be empty or start or end with '/'"
            ),
        )
    segments: list[Segment] = []
    parts = pattern.split("/")
    for index, part in enumerate(parts):
        match = _SEGMENT.match(part)
        if match:
            rest = bool(match.group(2))
            if rest and index != len(parts) - 1:
                raise _pattern_error(
                    pattern,
                    QT_TRANSLATE_NOOP("Layout", "pattern {pattern}: {segment} must come last"),
                    segment="{" + match.group(1) + "...}",
                )
            segments.append(Segment(name=match.group(1), rest=rest))
        elif "{" in part or "}" in part or not part:
            raise _pattern_error(
                pattern,
                QT_TRANSLATE_NOOP("Layout", "pattern {pattern}: bad segment {segment}"),
                segment=repr(part),
            )
        else:
            segments.append(Segment(literal=part.encode()))
    names = [s.name for s in segments if s.name is not None]
    if len(names) < 2:
        raise _pattern_error(
            pattern,
            QT_TRANSLATE_NOOP(
                "Layout",
                "pattern {pattern}: needs at least two named segments, a group such as {group} "
                "and a config such as {config}",
            ),
            group="{tenant}",
            config="{config...}",
        )
    if len(set(names)) != len(names):
        raise _pattern_error(
            pattern, QT_TRANSLATE_NOOP("Layout", "pattern {pattern}: segment names must be unique")
        )
    return tuple(segments)


def _layout_error(source: str, text: str, **fields: str) -> ConfigError:
    return ConfigError(translate("Layout", text).format(source=source, **fields))


def layout_from_mapping(data: Any, source: str = "<memory>") -> Layout:
    if not isinstance(data, dict):
        raise _layout_error(
            source,
            QT_TRANSLATE_NOOP(
                "Layout", "{source}: a layout must be a mapping with 'root' and 'pattern'"
            ),
        )
    root = data.get("root")
    pattern = data.get("pattern")
    if not isinstance(root, str) or not root.startswith("/"):
        raise _layout_error(
            source,
            QT_TRANSLATE_NOOP("Layout", "{source}: 'root' must be a key prefix starting with '/'"),
        )
    if not root.endswith("/"):
        root += "/"
    if not isinstance(pattern, str):
        raise _layout_error(
            source,
            QT_TRANSLATE_NOOP("Layout", "{source}: 'pattern' must be a string like {example}"),
            example="'{tenant}/{config...}'",
        )
    rules: list[SchemaRule] = []
    for item in data.get("schemas") or []:
        if not isinstance(item, dict) or not {"match", "schema"} <= item.keys():
            raise _layout_error(
                source,
                QT_TRANSLATE_NOOP(
                    "Layout", "{source}: each schemas entry needs 'match' and 'schema'"
                ),
            )
        rules.append(SchemaRule(str(item["match"]), str(item["schema"])))
    schema_store = data.get("schema_store")
    if schema_store is not None and (
        not isinstance(schema_store, str) or not schema_store.startswith("/")
    ):
        raise _layout_error(
            source,
            QT_TRANSLATE_NOOP(
                "Layout", "{source}: 'schema_store' must be a key prefix starting with '/'"
            ),
        )
    journal = data.get("journal")
    if journal is not None and (not isinstance(journal, str) or not journal.startswith("/")):
        raise _layout_error(
            source,
            QT_TRANSLATE_NOOP(
                "Layout", "{source}: 'journal' must be a key prefix starting with '/'"
            ),
        )
    try:
        segments = parse_pattern(pattern)
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}") from exc
    return Layout(
        root=root.encode(),
        pattern=pattern,
        segments=segments,
        schemas=tuple(rules),
        journal=journal.encode() if journal else None,
        schema_store=schema_store.encode() if schema_store else None,
        source=source,
    )


def load_layout(path: str | Path | None = None) -> Layout:
    """Load a layout file, or the bundled default when ``path`` is None."""
    if path is None:
        text, source = read_text("layouts", "default.yaml"), translate("Layout", "default layout")
    else:
        try:
            text, source = Path(path).read_text(encoding="utf-8"), str(path)
        except OSError as exc:
            message = translate("Layout", "cannot read layout {path}: {error}")
            raise ConfigError(message.format(path=path, error=exc.strerror)) from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        message = translate("Layout", "{source}: not valid YAML: {error}")
        raise ConfigError(message.format(source=source, error=exc)) from exc
    return layout_from_mapping(data, source)
