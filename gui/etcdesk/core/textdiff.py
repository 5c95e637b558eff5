"""Side-by-side line diff of two values: only the changed hunks, with context and inline spans.

Lines are matched the patience way, not with ``difflib.SequenceMatcher`` over whole documents:
a pretty-printed JSON value repeats lines such as ``},`` thousands of times, and SequenceMatcher
is quadratic in repeated lines (two 1 MB documents differing in 20 places: 72 s with
``autojunk=False``, 4 s with it; this takes about 50 ms). Here the common prefix and suffix
are trimmed, lines that occur exactly once on each side anchor the match (the longest run of
them in the same order), and each gap between anchors is matched again the same way. A gap
without unique lines is anchored on lines that occur equally often on both sides; failing
that, a small gap goes to SequenceMatcher and a large one counts as replaced. A work budget
bounds the whole match, and rows beyond ``max_rows`` are not built, so even completely
different megabyte values come back in well under a second.

Line endings do not make lines differ: ``\\r\\n`` and ``\\n`` compare equal, and the endings and
the final newline of each side are reported separately (``identical`` still compares the exact
text), so a value re-saved with CRLF is one note, not every line changed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

RowKind = Literal["equal", "delete", "insert", "replace"]
Span = tuple[int, int]  # [start, end) character offsets within one line

MAX_INLINE_CHARS = 2000  # a longer line gets one span, from its first to its last change
MAX_ROWS = 5000  # rows given before the diff is cut off and marked truncated

_SMALL_GAP = 40_000  # len(a) * len(b) of a gap without anchors that SequenceMatcher may take
_TINY_GAP = 64  # a gap this small goes to SequenceMatcher directly
_MAX_INLINE_TOKENS = 300
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")

_Opcode = tuple[str, int, int, int, int]


@dataclass(frozen=True, slots=True)
class DiffRow:
    """One line of the side-by-side view; a missing side has no number and empty text.

    Spans are given only on ``replace`` rows: the changed characters of each side.
    """

    kind: RowKind
    left_no: int | None  # 1-based
    left: str
    right_no: int | None
    right: str
    left_spans: tuple[Span, ...] = ()
    right_spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Hunk:
    skipped_before: int  # unchanged lines left out since the previous hunk (or the start)
    rows: tuple[DiffRow, ...]


@dataclass(frozen=True, slots=True)
class TextDiff:
    hunks: tuple[Hunk, ...]
    skipped_after: int  # unchanged lines after the last hunk
    added: int  # lines only on the right side (inserted, or new text of a replaced line)
    removed: int
    left_lines: int
    right_lines: int
    identical: bool  # the two texts are exactly equal
    truncated: bool  # too many differences: only the first ``shown_rows`` of ``total_rows``
    total_rows: int  # rows of all hunks, had none been cut off
    final_newline: tuple[bool, bool]  # does each side end with a line break
    line_endings: tuple[str, str]  # "LF", "CRLF", "mixed", or "" for a text without line breaks

    @property
    def shown_rows(self) -> int:
        return sum(len(h.rows) for h in self.hunks)

    @property
    def only_line_breaks_differ(self) -> bool:
        """The lines are equal; the line endings or the final newline are not."""
        return not self.identical and not self.hunks


def side_by_side(old: str, new: str, context: int = 3, max_rows: int = MAX_ROWS) -> TextDiff:
    """The changed hunks of ``old`` -> ``new``, each with ``context`` unchanged lines around it.

    Hunks closer than ``2 * context`` lines are merged. After ``max_rows`` rows the diff is cut
    off (``truncated``); the counts of added and removed lines still cover the whole text.
    """
    left, left_final, left_eol = _split(old)
    right, right_final, right_eol = _split(new)
    opcodes = _opcodes(left, right)
    added = removed = 0
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    groups = list(_grouped(opcodes, max(0, context)))
    total_rows = sum(max(i2 - i1, j2 - j1) for group in groups for _, i1, i2, j1, j2 in group)
    hunks: list[Hunk] = []
    budget = max_rows
    previous_end = 0
    for group in groups:
        if budget <= 0:
            break
        rows = list(_rows(group, left, right, budget))
        budget -= len(rows)
        hunks.append(Hunk(group[0][1] - previous_end, tuple(rows)))
        previous_end = group[-1][2]
    return TextDiff(
        hunks=tuple(hunks),
        skipped_after=len(left) - previous_end if groups and total_rows <= max_rows else 0,
        added=added,
        removed=removed,
        left_lines=len(left),
        right_lines=len(right),
        identical=old == new,
        truncated=total_rows > max_rows,
        total_rows=total_rows,
        final_newline=(left_final, right_final),
        line_endings=(left_eol, right_eol),
    )


def inline_spans(old: str, new: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """The changed parts of two versions of a line, whole words at a time.

    When the lines have little in common the whole changed middle is one span rather than a
    scatter of one-letter matches. A line longer than MAX_INLINE_CHARS (a minified JSON value
    can be one line of a megabyte) gets that one span, found without tokenising it.
    """
    if old == new:
        return (), ()
    if len(old) > MAX_INLINE_CHARS or len(new) > MAX_INLINE_CHARS:
        return _changed_middle(old, new)
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    offsets_a, offsets_b = _offsets(a), _offsets(b)
    mid_a, mid_b = a[start:end_a], b[start:end_b]
    whole = (
        ((offsets_a[start], offsets_a[end_a]),) if mid_a else (),
        ((offsets_b[start], offsets_b[end_b]),) if mid_b else (),
    )
    if not mid_a or not mid_b or max(len(mid_a), len(mid_b)) > _MAX_INLINE_TOKENS:
        return whole
    matcher = SequenceMatcher(None, mid_a, mid_b, autojunk=False)
    if matcher.quick_ratio() < 0.5 or matcher.ratio() < 0.5:
        return whole
    spans_a: list[Span] = []
    spans_b: list[Span] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            _add_span(spans_a, offsets_a[start + i1], offsets_a[start + i2])
        if j2 > j1:
            _add_span(spans_b, offsets_b[start + j1], offsets_b[start + j2])
    return tuple(spans_a), tuple(spans_b)


def _changed_middle(old: str, new: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """From the first to the last differing character; bisection over slice comparisons keeps
    the character loop in C."""
    lo, hi = 0, min(len(old), len(new))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if old[:mid] == new[:mid] else (lo, mid - 1)
    prefix = lo
    lo, hi = 0, min(len(old), len(new)) - prefix
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if old[len(old) - mid :] == new[len(new) - mid :] else (lo, mid - 1)
    end_old, end_new = len(old) - lo, len(new) - lo
    return (
        ((prefix, end_old),) if end_old > prefix else (),
        ((prefix, end_new),) if end_new > prefix else (),
    )


def _offsets(tokens: list[str]) -> list[int]:
    out = [0]
    for token in tokens:
        out.append(out[-1] + len(token))
    return out


def _add_span(spans: list[Span], start: int, end: int) -> None:
    if spans and spans[-1][1] == start:
        spans[-1] = (spans[-1][0], end)
    else:
        spans.append((start, end))


def _split(text: str) -> tuple[list[str], bool, str]:
    """Lines without their endings, whether the text ends with a line break, the ending kind."""
    breaks = text.count("\n")
    crlf = text.count("\r\n")
    if crlf:
        text = text.replace("\r\n", "\n")
    lines = text.split("\n") if text else []
    final = bool(lines) and not lines[-1]
    if final:
        lines.pop()
    if not breaks:
        return lines, final, ""
    return lines, final, "LF" if not crlf else "CRLF" if crlf == breaks else "mixed"


def _opcodes(left: list[str], right: list[str]) -> list[_Opcode]:
    """SequenceMatcher-style opcodes covering both sides, from the patience match."""
    opcodes: list[_Opcode] = []
    i = j = 0
    for bi, bj, size in [*_matching_blocks(left, right), (len(left), len(right), 0)]:
        if i < bi and j < bj:
            opcodes.append(("replace", i, bi, j, bj))
        elif i < bi:
            opcodes.append(("delete", i, bi, j, bj))
        elif j < bj:
            opcodes.append(("insert", i, bi, j, bj))
        if size:
            opcodes.append(("equal", bi, bi + size, bj, bj + size))
        i, j = bi + size, bj + size
    return opcodes


def _matching_blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """(i, j, n): a[i:i+n] == b[j:j+n], increasing in i and j, adjacent blocks joined."""
    found: list[tuple[int, int, int]] = []
    budget = 20 * (len(a) + len(b)) + 1_000_000  # element visits; bounds pathological input
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        if ahi - alo == bhi - blo and a[alo:ahi] == b[blo:bhi]:
            if ahi > alo:
                found.append((alo, blo, ahi - alo))
            continue
        n = 0
        while alo + n < ahi and blo + n < bhi and a[alo + n] == b[blo + n]:
            n += 1
        if n:
            found.append((alo, blo, n))
            alo, blo = alo + n, blo + n
        n = 0
        while ahi - n > alo and bhi - n > blo and a[ahi - n - 1] == b[bhi - n - 1]:
            n += 1
        if n:
            found.append((ahi - n, bhi - n, n))
            ahi, bhi = ahi - n, bhi - n
        size = (ahi - alo) * (bhi - blo)
        if size <= 1 or budget <= 0:  # 1 x 1: trimmed, so the two lines differ
            continue
        budget -= (ahi - alo) + (bhi - blo)
        if set(a[alo:ahi]).isdisjoint(b[blo:bhi]):  # a reformatted block: nothing to match
            continue
        anchors = _anchors(a, b, alo, ahi, blo, bhi) if size > _TINY_GAP else []
        if anchors:
            i, j = alo, blo
            for ai, bj in anchors:
                found.append((ai, bj, 1))
                if i < ai or j < bj:
                    stack.append((i, ai, j, bj))
                i, j = ai + 1, bj + 1
            if i < ahi or j < bhi:
                stack.append((i, ahi, j, bhi))
        elif size <= _SMALL_GAP:
            budget -= size
            matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            found.extend(
                (alo + m.a, blo + m.b, m.size) for m in matcher.get_matching_blocks() if m.size
            )
    found.sort()
    joined: list[tuple[int, int, int]] = []
    for i, j, n in found:
        if joined and joined[-1][0] + joined[-1][2] == i and joined[-1][1] + joined[-1][2] == j:
            joined[-1] = (joined[-1][0], joined[-1][1], joined[-1][2] + n)
        else:
            joined.append((i, j, n))
    return joined


def _anchors(
    a: list[str], b: list[str], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Lines to match first in a gap: the longest run in the same order on both sides of the
    lines found once on each side. Without any, lines found equally often on both sides, the
    k-th occurrence on the left paired with the k-th on the right: when every unique line of a
    list of objects changed, its ``"enabled": true,`` lines still line up.
    """
    sub_a, sub_b = a[alo:ahi], b[blo:bhi]
    count_a, count_b = Counter(sub_a), Counter(sub_b)
    in_b = {line: j for j, line in enumerate(sub_b, blo) if count_b[line] == 1}
    pairs = [
        (i, in_b[line]) for i, line in enumerate(sub_a, alo) if count_a[line] == 1 and line in in_b
    ]
    if not pairs:
        where_b: dict[str, list[int]] = {}
        for j, line in enumerate(sub_b, blo):
            if count_a[line] == count_b[line]:
                where_b.setdefault(line, []).append(j)
        seen: Counter[str] = Counter()
        for i, line in enumerate(sub_a, alo):
            if line in where_b:
                pairs.append((i, where_b[line][seen[line]]))
                seen[line] += 1
    # Patience sorting: longest increasing subsequence of the right-hand positions.
    tails: list[int] = []
    tail_index: list[int] = []
    previous: list[int] = []
    for k, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[pos] = j
            tail_index[pos] = k
        previous.append(tail_index[pos - 1] if pos else -1)
    chain: list[tuple[int, int]] = []
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        chain.append(pairs[k])
        k = previous[k]
    chain.reverse()
    return chain


def _grouped(opcodes: list[_Opcode], n: int) -> Iterator[list[_Opcode]]:
    """Changes with up to ``n`` lines of context, as SequenceMatcher.get_grouped_opcodes."""
    codes = list(opcodes)
    if not codes or all(code[0] == "equal" for code in codes):
        return
    tag, i1, i2, j1, j2 = codes[0]
    if tag == "equal":
        codes[0] = tag, max(i1, i2 - n), i2, max(j1, j2 - n), j2
    tag, i1, i2, j1, j2 = codes[-1]
    if tag == "equal":
        codes[-1] = tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)
    group: list[_Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * n and group:
            group.append((tag, i1, i1 + n, j1, j1 + n))
            yield group
            group = []
            i1, j1 = i2 - n, j2 - n
        group.append((tag, i1, i2, j1, j2))
    if group:
        yield group


def _rows(group: list[_Opcode], left: list[str], right: list[str], limit: int) -> Iterator[DiffRow]:
    count = 0
    for tag, i1, i2, j1, j2 in group:
        if tag == "replace":
            pairs = _paired(left[i1:i2], right[j1:j2])
        else:
            pairs = (
                (k, k) if tag == "equal" else (k, None) if tag == "delete" else (None, k)
                for k in range(max(i2 - i1, j2 - j1))
            )
        for pi, pj in pairs:
            if count == limit:
                return
            count += 1
            if pi is not None and pj is not None:
                i, j = i1 + pi, j1 + pj
                if tag == "equal":
                    yield DiffRow("equal", i + 1, left[i], j + 1, right[j])
                else:
                    spans = inline_spans(left[i], right[j])
                    yield DiffRow("replace", i + 1, left[i], j + 1, right[j], *spans)
            elif pi is not None:
                yield DiffRow("delete", i1 + pi + 1, left[i1 + pi], None, "")
            elif pj is not None:
                yield DiffRow("insert", None, "", j1 + pj + 1, right[j1 + pj])


def _paired(old: list[str], new: list[str]) -> Iterator[tuple[int | None, int | None]]:
    """Rows of a replaced block: every line of the shorter side next to a line of the longer,
    in order, the rest of the longer side alone. Which lines go together is chosen by
    similarity in small blocks (``"burst": 200,`` removed above ``"mode"`` changed should not
    show ``burst`` against ``mode``), else the lines are simply taken from the top.
    """
    p, q = min(len(old), len(new)), max(len(old), len(new))
    if not 0 < p < q or p * q > 400:
        for k in range(q):
            yield (k if k < len(old) else None, k if k < len(new) else None)
        return
    short, long = (old, new) if len(old) < len(new) else (new, old)
    by_long = {t: k for k, t in enumerate(_best_pairing(short, long))}
    for t in range(q):
        partner = by_long.get(t)
        yield (t, partner) if short is new else (partner, t)


def _best_pairing(short: list[str], long: list[str]) -> list[int]:
    """Increasing positions in ``long`` for each line of ``short``, most similar in sum."""
    tokens_short = [_words(line) for line in short]
    tokens_long = [_words(line) for line in long]
    p, q = len(short), len(long)
    similarity = [
        [SequenceMatcher(None, a, b, autojunk=False).ratio() for b in tokens_long]
        for a in tokens_short
    ]
    # best[k][t]: highest sum pairing the first k short lines within the first t long lines.
    best = [[0.0] * (q + 1)] + [[float("-inf")] * (q + 1) for _ in range(p)]
    for k in range(1, p + 1):
        for t in range(k, q + 1):
            best[k][t] = max(best[k][t - 1], best[k - 1][t - 1] + similarity[k - 1][t - 1])
    chosen: list[int] = []
    t = q
    for k in range(p, 0, -1):
        while best[k][t] == best[k][t - 1] and t > k:
            t -= 1
        chosen.append(t - 1)
        t -= 1
    chosen.reverse()
    return chosen


def _words(line: str) -> list[str]:
    return [token for token in _TOKEN.findall(line[:200]) if not token.isspace()]
