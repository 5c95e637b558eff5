"""Find text or a regular expression in the values of every key under a prefix (issue 7).

A background scan: values are read in pages pinned to the first page's revision, so the
results describe one state of the cluster. Each page yields a ``SearchProgress`` with the
matches it found, so a view can show results while the scan goes on and cancel it between
pages. Values are decoded with the same safe decoder the value panel uses; binary values are
skipped; values with ``x-secret`` fields are searched with the secrets masked, so a search can
never show (or confirm, by matching) a secret.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from etcdesk.core.errors import Compacted, TooLarge
from etcdesk.core.etcd_store import RangeResult
from etcdesk.core.i18n import translate
from etcdesk.core.layout import Layout, display
from etcdesk.core.masking import masked_text
from etcdesk.core.schemas import JsonPath, SchemaRegistry, all_secret_paths
from etcdesk.core.values import ValueFormat, decode_value

FIRST_PAGE = 100  # small, so the first results show at once
PAGE_BYTES = 4 * 1024 * 1024  # aim for responses of about this size
MAX_PAGE = 5_000
MAX_RESULTS = 1_000  # matching lines in all
MAX_LINES_PER_KEY = 20
MAX_LINE_CHARS = 240


class SearchError(ValueError):
    """The search text cannot be used (an invalid regular expression); the message says why."""


class RangeReader(Protocol):
    def get_range(
        self, key: bytes, range_end: bytes, revision: int = 0, *, limit: int = 0
    ) -> RangeResult: ...


@dataclass(frozen=True)
class SearchQuery:
    text: str
    regex: bool = False
    case_sensitive: bool = False

    def compile(self) -> re.Pattern[str]:
        """The pattern to match each line with; raises SearchError with a readable reason."""
        if not self.text:
            raise SearchError(translate("Search", "type some text to find"))
        flags = 0 if self.case_sensitive else re.IGNORECASE
        if not self.regex:
            return re.compile(re.escape(self.text), flags)
        try:
            return re.compile(self.text, flags)
        except re.error as exc:
            if exc.pos is None:
                message = translate("Search", "not a valid regular expression: {error}")
            else:
                message = translate(
                    "Search", "not a valid regular expression: {error} at position {pos}"
                )
            raise SearchError(message.format(error=exc.msg, pos=exc.pos)) from None


@dataclass(frozen=True)
class SearchMatch:
    key: bytes
    line: int  # 1-based, in the value as the value panel shows it
    text: str  # the line, cut around the match when long
    start: int  # where the match starts in ``text``
    length: int


@dataclass(frozen=True)
class SearchProgress:
    """One page scanned: the matches it found and how far the scan got."""

    matches: tuple[SearchMatch, ...]
    scanned: int  # keys read so far
    revision: int  # the pinned revision every page is read at
    done: bool = False
    truncated: bool = False  # stopped at MAX_RESULTS matches
    restarted: bool = False  # the pinned revision was compacted: drop earlier matches
    skipped: int = 0  # binary values and values withheld for secrets, so far


def secrets_lookup(
    layout: Layout, registry: SchemaRegistry
) -> Callable[[bytes], tuple[JsonPath, ...]]:
    """The secret field paths of a key's schema, looked up once per schema (for a scan)."""
    cache: dict[str, tuple[JsonPath, ...]] = {}

    def secrets_for(key: bytes) -> tuple[JsonPath, ...]:
        path = layout.parse(key)
        if path is None or path.other:
            return ()
        leaf = display(path.leaf)
        name = layout.schema_for(leaf)
        if name is None:
            return ()
        if name not in cache:
            found = registry.for_config(layout, leaf)
            cache[name] = all_secret_paths(registry, found[1]) if found else ()
        return cache[name]

    return secrets_for


def clip_ranges(
    ranges: Sequence[tuple[bytes, bytes]], start: bytes, end: bytes
) -> list[tuple[bytes, bytes]]:
    """The parts of ``ranges`` (``[key, range_end)``, ``b"\\x00"`` meaning no end) that fall in
    ``[start, end)``: what a user who may read only some ranges can search under a prefix."""
    clipped = []
    for key, range_end in ranges:
        low = max(key, start)
        high = end if range_end == b"\x00" else min(range_end, end)
        if low < high:
            clipped.append((low, high))
    return clipped


def _cut(line: str, match: re.Match[str]) -> tuple[str, int]:
    """The line, or a window of it around the match when it is long; and the match's start."""
    if len(line) <= MAX_LINE_CHARS:
        return line, match.start()
    begin = max(0, match.start() - MAX_LINE_CHARS // 3)
    text = line[begin : begin + MAX_LINE_CHARS]
    prefix = "…" if begin else ""
    suffix = "…" if begin + MAX_LINE_CHARS < len(line) else ""
    return f"{prefix}{text}{suffix}", match.start() - begin + len(prefix)


def searchable_text(raw: bytes, secrets: tuple[JsonPath, ...]) -> str | None:
    """The text to search in a value, or None when it must be skipped (binary, or a value that
    holds secrets but has no fields to mask them in)."""
    decoded = decode_value(raw)
    if decoded.format in (ValueFormat.BINARY, ValueFormat.EMPTY):
        return None
    if not secrets:
        return decoded.text
    if decoded.format in (ValueFormat.JSON, ValueFormat.YAML) and isinstance(
        decoded.data, (dict, list)
    ):
        return masked_text(raw, secrets)
    return None


def match_lines(key: bytes, text: str, pattern: re.Pattern[str], limit: int) -> list[SearchMatch]:
    found: list[SearchMatch] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = pattern.search(line)
        if match is None or (match.end() == match.start() and not line):
            continue
        shown, start = _cut(line, match)
        found.append(SearchMatch(key, number, shown, start, match.end() - match.start()))
        if len(found) >= limit:
            break
    return found


def search_values(
    reader: RangeReader,
    ranges: Sequence[tuple[bytes, bytes]],
    query: SearchQuery,
    secrets_for: Callable[[bytes], tuple[JsonPath, ...]] = lambda _key: (),
    cancelled: Callable[[], bool] = lambda: False,
    max_results: int = MAX_RESULTS,
) -> Iterator[SearchProgress]:
    """Scan the values in ``ranges`` page by page at one pinned revision.

    Raises SearchError before reading anything when the query is invalid. Page sizes adapt to
    the values' sizes so a response stays near PAGE_BYTES; a response etcd or gRPC finds too
    large is asked again with half as many keys. If the pinned revision is compacted mid-scan,
    the scan starts again and the next progress says ``restarted``.
    """
    pattern = query.compile()
    restarted = False
    while True:
        revision, scanned, found, skipped, limit = 0, 0, 0, 0, FIRST_PAGE
        try:
            for key, end in ranges:
                start = key
                while True:
                    if cancelled():
                        return
                    try:
                        page = reader.get_range(start, end, revision, limit=limit)
                    except TooLarge:
                        if limit == 1:
                            raise
                        limit = max(1, limit // 2)
                        continue
                    revision = revision or page.revision
                    matches: list[SearchMatch] = []
                    for kv in page.kvs:
                        text = searchable_text(kv.value, secrets_for(kv.key))
                        if text is None:
                            skipped += 1
                            continue
                        room = min(MAX_LINES_PER_KEY, max_results - found - len(matches))
                        matches.extend(match_lines(kv.key, text, pattern, room))
                        if found + len(matches) >= max_results:
                            break
                    scanned += len(page.kvs)
                    found += len(matches)
                    truncated = found >= max_results
                    last = not page.more or not page.kvs
                    yield SearchProgress(
                        tuple(matches),
                        scanned,
                        revision,
                        done=truncated,
                        truncated=truncated,
                        restarted=restarted,
                        skipped=skipped,
                    )
                    restarted = False
                    if truncated:
                        return
                    if last:
                        break
                    start = page.kvs[-1].key + b"\x00"
                    size = sum(len(kv.value) + len(kv.key) for kv in page.kvs)
                    average = max(1, size // len(page.kvs))
                    limit = max(1, min(MAX_PAGE, PAGE_BYTES // average))
            yield SearchProgress((), scanned, revision, done=True, skipped=skipped)
            return
        except Compacted:
            restarted = True
