"""One config document, edited as a form or as raw text: parsing, rendering, saving (DESIGN §5).

The form and the raw editor are two views of the same document. Parse errors carry a line and
column so the raw editor can put the cursor on them. Saving an unchanged document keeps its
original bytes (YAML comments and key order survive a round trip through the form).

YAML timestamps stay strings here: JSON Schema describes JSON data, where a date is a string
with ``format: date-time``; PyYAML's safe loader would turn an unquoted
``not_after: 2026-01-01T00:00:00Z`` into a ``datetime`` that then "must be text".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import yaml

from etcdesk.core.i18n import QT_TRANSLATE_NOOP, translate
from etcdesk.core.merge import strict_equal
from etcdesk.core.values import UnsafeValue, ValueFormat, check_yaml_safety, parse_json

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _JsonDataLoader(_BaseLoader):
    """The safe loader without the timestamp resolver: dates and times load as strings."""


_JsonDataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

# Python's JSON messages as people read them; {0} is the pattern's group (translated on use).
_JSON_MESSAGES = (
    (re.compile(r"^Expecting value$"), QT_TRANSLATE_NOOP("Documents", "expected a value")),
    (re.compile(r"^Expecting '(.)' delimiter$"), QT_TRANSLATE_NOOP("Documents", "expected '{0}'")),
    (re.compile(r"^Expecting property name enclosed in double quotes$"),
     QT_TRANSLATE_NOOP("Documents", "expected a property name in double quotes")),
    (re.compile(r"^Extra data$"),
     QT_TRANSLATE_NOOP("Documents", "unexpected text after the end of the document")),
    (re.compile(r"^Unterminated string starting at$"),
     QT_TRANSLATE_NOOP("Documents", "this string is never closed")),
    (re.compile(r"^Invalid control character at$"),
     QT_TRANSLATE_NOOP("Documents", "a control character must be escaped")),
)  # fmt: skip


@dataclass(frozen=True)
class ParseError:
    """Why text is not a valid document, and where (1-based line and column)."""

    message: str
    line: int
    column: int

    def __str__(self) -> str:
        return translate("Documents", "line {line}, column {column}: {message}").format(
            line=self.line, column=self.column, message=self.message
        )


class DocumentError(ValueError):
    """The text does not parse; ``error`` says where."""

    def __init__(self, error: ParseError) -> None:
        super().__init__(str(error))
        self.error = error


def _json_message(raw: str) -> str:
    for pattern, template in _JSON_MESSAGES:
        match = pattern.match(raw)
        if match:
            return translate("Documents", template).format(*match.groups())
    return raw[:1].lower() + raw[1:]


def parse_text(text: str, fmt: ValueFormat) -> Any:
    """Parse ``text`` as JSON or YAML (plain text is returned as it is); DocumentError if bad.

    YAML is checked for alias bombs and nesting before it is built, JSON for nesting, like
    every value the viewer decodes.
    """
    if fmt is ValueFormat.JSON:
        try:
            return parse_json(text)
        except json.JSONDecodeError as exc:
            raise DocumentError(ParseError(_json_message(exc.msg), exc.lineno, exc.colno)) from exc
        except UnsafeValue as exc:
            raise DocumentError(ParseError(str(exc), 1, 1)) from exc
    if fmt is ValueFormat.YAML:
        try:
            check_yaml_safety(text)
            return yaml.load(text, Loader=_JsonDataLoader)  # a safe loader
        except UnsafeValue as exc:
            raise DocumentError(ParseError(str(exc), 1, 1)) from exc
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            message = exc.problem or exc.context or translate("Documents", "not valid YAML")
            if exc.context and message.startswith("but "):  # "expected a single document ..."
                message = f"{exc.context}, {message}"
            raise DocumentError(ParseError(message, line, column)) from exc
        except (yaml.YAMLError, RecursionError) as exc:
            message = translate("Documents", "not valid YAML: {error}").format(error=exc)
            raise DocumentError(ParseError(message, 1, 1)) from exc
    if fmt in (ValueFormat.TEXT, ValueFormat.EMPTY):
        return text
    raise ValueError(f"{fmt.value} values cannot be edited as text")


def render(data: Any, fmt: ValueFormat) -> str:
    """The text the raw editor shows for ``data``: indented JSON, or block-style YAML."""
    if fmt is ValueFormat.JSON:
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt is ValueFormat.YAML:
        return str(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)
        )
    if fmt in (ValueFormat.TEXT, ValueFormat.EMPTY) and isinstance(data, str):
        return data
    raise ValueError(f"cannot render {type(data).__name__} as {fmt.value}")


def encode_for_save(original_text: str, original_data: Any, new_data: Any, fmt: ValueFormat) -> str:
    """The text to write: the original, byte for byte, when the data did not change.

    "Did not change" is strict: ``1`` -> ``true`` or ``1`` -> ``1.0`` is a change even though
    Python calls them equal; a reordering of keys alone is not.
    """
    if strict_equal(new_data, original_data):
        return original_text
    return render(new_data, fmt)


@dataclass(frozen=True)
class Document:
    """A parsed document: what the raw editor shows and what the form edits."""

    format: ValueFormat
    text: str
    data: Any

    @classmethod
    def from_text(cls, text: str, fmt: ValueFormat) -> Document:
        """Parse ``text``; DocumentError if it is not valid."""
        return cls(fmt, text, parse_text(text, fmt))

    @classmethod
    def from_data(cls, data: Any, fmt: ValueFormat) -> Document:
        return cls(fmt, render(data, fmt), data)

    def with_data(self, data: Any) -> Document:
        """This document after a form edit: same text if the data did not really change."""
        return Document(self.format, encode_for_save(self.text, self.data, data, self.format), data)

    def with_text(self, text: str) -> Document:
        """This document after a raw edit; DocumentError if the new text does not parse."""
        return Document.from_text(text, self.format)

    def to_bytes(self) -> bytes:
        return self.text.encode("utf-8")
