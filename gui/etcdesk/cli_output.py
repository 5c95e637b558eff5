"""How etcdesk-cli prints: aligned tables for people, JSON for programs, times, diffs."""

from __future__ import annotations

import base64
import difflib
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from etcdesk.core.masking import masked_text
from etcdesk.core.schemas import JsonPath

_AGO = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _width(text: str) -> int:
    """Columns a text takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [[str(c) for c in row] for row in [list(headers), *rows]]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(headers))]
    for row in cells:
        padded = [c + " " * (w - _width(c)) for c, w in zip(row[:-1], widths, strict=False)]
        sys.stdout.write("  ".join([*padded, row[-1]]).rstrip() + "\n")


def format_time(when: datetime | None) -> str:
    if when is None:
        return ""
    return when.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_time(text: str, now: datetime | None = None) -> datetime:
    """ISO 8601 (UTC unless it carries an offset), or a time ago: ``30m``, ``12h``, ``7d``."""
    match = _AGO.match(text)
    if match:
        ago = timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
        return (now or datetime.now(UTC)) - ago
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(
            f"time {text!r}: expected ISO 8601 (2026-03-01T09:00Z) or a time ago (30m, 12h, 7d)"
        ) from exc
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def value_json(raw: bytes, secrets: tuple[JsonPath, ...]) -> dict[str, Any]:
    """A value in JSON output: text (secrets masked), or base64 when it is not UTF-8."""
    if secrets:
        return {"value": masked_text(raw, secrets), "masked": True}
    try:
        return {"value": raw.decode("utf-8")}
    except UnicodeDecodeError:
        return {"value": base64.b64encode(raw).decode("ascii"), "encoding": "base64"}


def text_diff(old: str, new: str, old_name: str, new_name: str) -> str:
    """A unified diff, as ``git diff`` prints it; empty when the texts are the same."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        old_name,
        new_name,
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end\n" for line in lines
    )
