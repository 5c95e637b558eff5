"""Side-by-side text diff: hunks, context, line numbers, inline spans, line endings, big values."""

from __future__ import annotations

import json
import random
import time
from typing import Any

import pytest

from etcdesk.core.merge import strict_equal, structural_diff
from etcdesk.core.textdiff import (
    MAX_INLINE_CHARS,
    DiffRow,
    TextDiff,
    inline_spans,
    side_by_side,
)


def make_json_pair(size_bytes: int, changes: int = 20, seed: int = 7) -> tuple[str, str]:
    """Two pretty-printed JSON documents of about ``size_bytes``: a list of tenant objects, the
    second with ``changes`` scattered numbers changed (each in a different object)."""

    def tenant(i: int) -> dict[str, Any]:
        return {
            "id": i,
            "name": f"tenant-{i:05d}",
            "enabled": i % 3 != 0,
            "rps": 100 + i % 7 * 50,
            "burst": 200,
            "mode": "enforce" if i % 2 else "shadow",
            "region": ["eu", "us", "ap"][i % 3],
            "tags": ["a", "b"],
            "owner": {"team": f"team-{i % 40}", "email": f"ops{i % 40}@example.com"},
            "note": "",
        }

    sample = json.dumps({"version": 1, "tenants": [tenant(i) for i in range(100)]}, indent=2)
    count = size_bytes * 100 // len(sample)
    old: dict[str, Any] = {"version": 1, "tenants": [tenant(i) for i in range(count)]}
    new = json.loads(json.dumps(old))
    for index in random.Random(seed).sample(range(len(new["tenants"])), changes):
        new["tenants"][index]["rps"] += 1
    return json.dumps(old, indent=2), json.dumps(new, indent=2)


def lines(n: int, changed: dict[int, str] | None = None) -> str:
    """``line 1`` .. ``line n``, one per line, with some (1-based) lines replaced."""
    changed = changed or {}
    return "".join(changed.get(i, f"line {i}") + "\n" for i in range(1, n + 1))


def all_rows(diff: TextDiff) -> list[DiffRow]:
    return [row for hunk in diff.hunks for row in hunk.rows]


def numbers(diff: TextDiff) -> list[tuple[int | None, int | None]]:
    return [(row.left_no, row.right_no) for row in all_rows(diff)]


def test_identical_texts_have_no_hunks() -> None:
    diff = side_by_side(lines(5), lines(5))
    assert diff.identical and not diff.hunks
    assert (diff.added, diff.removed, diff.total_rows) == (0, 0, 0)
    assert not diff.only_line_breaks_differ
    assert side_by_side("", "").identical


def test_one_changed_line_gets_context_and_line_numbers() -> None:
    diff = side_by_side(lines(20), lines(20, {10: "line ten"}), context=3)
    assert not diff.identical and not diff.truncated
    [hunk] = diff.hunks
    assert hunk.skipped_before == 6
    assert diff.skipped_after == 7
    assert [row.kind for row in hunk.rows] == ["equal"] * 3 + ["replace"] + ["equal"] * 3
    assert numbers(diff) == [(n, n) for n in range(7, 14)]
    changed = hunk.rows[3]
    assert (changed.left, changed.right) == ("line 10", "line ten")
    assert changed.left[slice(*changed.left_spans[0])] == "10"
    assert changed.right[slice(*changed.right_spans[0])] == "ten"
    assert (diff.added, diff.removed) == (1, 1)
    assert (diff.left_lines, diff.right_lines) == (20, 20)


def test_close_changes_share_a_hunk_and_distant_ones_do_not() -> None:
    close = side_by_side(lines(30), lines(30, {5: "x", 11: "y"}), context=3)
    assert len(close.hunks) == 1  # 5 unchanged lines between them, fewer than 2 * context
    assert numbers(close)[0] == (2, 2) and numbers(close)[-1] == (14, 14)

    apart = side_by_side(lines(30), lines(30, {5: "x", 13: "y"}), context=3)
    first, second = apart.hunks
    assert first.skipped_before == 1
    assert [r.left_no for r in first.rows] == list(range(2, 9))
    assert second.skipped_before == 1  # line 9 is left out: 7 unchanged lines, 6 of context
    assert [r.left_no for r in second.rows] == list(range(10, 17))
    assert apart.skipped_after == 14


def test_zero_context_shows_only_changed_lines() -> None:
    diff = side_by_side(lines(10), lines(10, {3: "x", 4: "y", 8: "z"}), context=0)
    assert [[r.left_no for r in h.rows] for h in diff.hunks] == [[3, 4], [8]]
    assert [h.skipped_before for h in diff.hunks] == [2, 3]
    assert diff.skipped_after == 2


def test_inserted_and_deleted_lines_have_one_side_only() -> None:
    old = "a\nb\nc\nd\n"
    new = "a\nc\nd\nnew 1\nnew 2\n"
    diff = side_by_side(old, new)
    rows = all_rows(diff)
    assert [(r.kind, r.left_no, r.left, r.right_no, r.right) for r in rows] == [
        ("equal", 1, "a", 1, "a"),
        ("delete", 2, "b", None, ""),
        ("equal", 3, "c", 2, "c"),
        ("equal", 4, "d", 3, "d"),
        ("insert", None, "", 4, "new 1"),
        ("insert", None, "", 5, "new 2"),
    ]
    assert (diff.added, diff.removed) == (2, 1)
    assert all(not r.left_spans and not r.right_spans for r in rows if r.kind != "replace")


def test_a_replaced_block_of_unequal_size_pairs_lines_then_inserts() -> None:
    diff = side_by_side("keep\nold 1\nold 2\nkeep 2\n", "keep\nnew 1\nnew 2\nnew 3\nkeep 2\n")
    kinds = [(r.kind, r.left_no, r.right_no) for r in all_rows(diff)]
    assert kinds == [
        ("equal", 1, 1),
        ("replace", 2, 2),
        ("replace", 3, 3),
        ("insert", None, 4),
        ("equal", 4, 5),
    ]
    assert (diff.added, diff.removed) == (3, 2)


def test_a_removed_field_next_to_a_changed_one_pairs_the_changed_one() -> None:
    old = '{\n  "burst": 200,\n  "mode": "enforce",\n  "rps": 5\n}\n'
    new = '{\n  "mode": "shadow",\n  "rps": 5\n}\n'
    rows = [(r.kind, r.left_no, r.right_no) for r in all_rows(side_by_side(old, new))]
    assert rows == [
        ("equal", 1, 1),
        ("delete", 2, None),
        ("replace", 3, 2),
        ("equal", 4, 3),
        ("equal", 5, 4),
    ]
    # Nothing alike: lines are paired from the top.
    rows = [(r.kind, r.left_no, r.right_no) for r in all_rows(side_by_side("a\n", "x\ny\n"))]
    assert rows == [("replace", 1, 1), ("insert", None, 2)]


def test_inline_spans_cover_whole_changed_words() -> None:
    old, new = '    "rps": 100,', '    "rps": 150,'
    left, right = inline_spans(old, new)
    assert [old[s:e] for s, e in left] == ["100"]
    assert [new[s:e] for s, e in right] == ["150"]

    old, new = "mode: enforce  # default", "mode: shadow  # default, see docs"
    left, right = inline_spans(old, new)
    assert [old[s:e] for s, e in left] == ["enforce"]
    assert [new[s:e] for s, e in right] == ["shadow", ", see docs"]

    # Only an addition: nothing on the left is marked.
    assert inline_spans("a b", "a x b") == ((), ((2, 4),))
    # Little in common: one span over the changed middle, not a scatter of letters.
    old, new = "key: abcdefgh", "key: zyxwvuts and more"
    left, right = inline_spans(old, new)
    assert [old[s:e] for s, e in left] == ["abcdefgh"]
    assert [new[s:e] for s, e in right] == ["zyxwvuts and more"]
    assert inline_spans("same", "same") == ((), ())


def test_very_long_lines_get_one_span_from_first_to_last_difference() -> None:
    old = "x" * MAX_INLINE_CHARS + " 100 " + "y" * MAX_INLINE_CHARS
    new = "x" * MAX_INLINE_CHARS + " 150 " + "y" * MAX_INLINE_CHARS
    left, right = inline_spans(old, new)
    assert [old[s:e] for s, e in left] == ["0"]  # characters, not whole words, at this size
    assert [new[s:e] for s, e in right] == ["5"]
    assert inline_spans(old, old + "z") == ((), ((len(old), len(old) + 1),))
    minified = json.dumps(list(range(200_000)))
    [row] = all_rows(side_by_side(minified, minified.replace(" 12345,", " 54321,")))
    assert row.kind == "replace"
    [(start, end)] = row.left_spans
    assert row.left[start:end] == "12345" and row.right[slice(*row.right_spans[0])] == "54321"


def test_only_the_final_newline_differs() -> None:
    diff = side_by_side("a\nb\n", "a\nb")
    assert not diff.identical and not diff.hunks
    assert diff.only_line_breaks_differ
    assert diff.final_newline == (True, False)
    assert (diff.left_lines, diff.right_lines) == (2, 2)


def test_crlf_lines_compare_equal_to_lf_lines() -> None:
    diff = side_by_side("a\r\nb\r\n", "a\nb\n")
    assert diff.only_line_breaks_differ
    assert diff.line_endings == ("CRLF", "LF")
    assert side_by_side("a\r\nb\n", "a").line_endings == ("mixed", "")

    changed = side_by_side("a\r\nb\r\nc\r\n", "a\r\nB\r\nc\r\n")
    [row] = [r for r in all_rows(changed) if r.kind != "equal"]
    assert (row.left, row.right) == ("b", "B")  # no stray carriage returns in the text
    assert changed.line_endings == ("CRLF", "CRLF")


def test_empty_old_or_new_value() -> None:
    created = side_by_side("", "a\nb\n")
    assert [(r.kind, r.left_no, r.right_no, r.right) for r in all_rows(created)] == [
        ("insert", None, 1, "a"),
        ("insert", None, 2, "b"),
    ]
    assert (created.added, created.removed, created.left_lines) == (2, 0, 0)
    assert created.hunks[0].skipped_before == 0 and created.skipped_after == 0

    deleted = side_by_side("a\nb\n", "")
    assert [(r.kind, r.left_no, r.right_no) for r in all_rows(deleted)] == [
        ("delete", 1, None),
        ("delete", 2, None),
    ]
    assert (deleted.added, deleted.removed) == (0, 2)
    # A single empty line is a line; the empty value has none.
    assert side_by_side("", "\n").right_lines == 1
    assert side_by_side("", "\n").added == 1


def test_too_many_differences_are_cut_off_but_counted() -> None:
    diff = side_by_side(lines(100), lines(100, {i: "x" for i in range(1, 101, 5)}), max_rows=10)
    assert diff.truncated
    assert diff.shown_rows == 10
    assert diff.total_rows > 10
    assert (diff.added, diff.removed) == (20, 20)
    assert diff.skipped_after == 0


def assert_reconstructs(old: str, new: str, diff: TextDiff) -> None:
    """With unlimited context every line of both sides appears once, in order, and equal rows
    really are equal."""
    rows = all_rows(diff)
    assert [r.left for r in rows if r.left_no is not None] == old.splitlines()
    assert [r.right for r in rows if r.right_no is not None] == new.splitlines()
    assert [r.left_no for r in rows if r.left_no is not None] == list(
        range(1, len(old.splitlines()) + 1)
    )
    assert [r.right_no for r in rows if r.right_no is not None] == list(
        range(1, len(new.splitlines()) + 1)
    )
    assert all(r.left == r.right for r in rows if r.kind == "equal")
    assert all(r.left != r.right for r in rows if r.kind == "replace")


@pytest.mark.parametrize("seed", range(30))
def test_random_edits_reconstruct_both_sides(seed: int) -> None:
    rng = random.Random(seed)
    vocabulary = ["{", "}", "},", '"a": 1,', '"b": 2', "x", "y", *(f"u{i}" for i in range(20))]
    old_lines = [rng.choice(vocabulary) for _ in range(rng.randrange(0, 60))]
    new_lines = list(old_lines)
    for _ in range(rng.randrange(0, 8)):
        at = rng.randrange(len(new_lines) + 1)
        action = rng.choice(["insert", "delete", "replace"])
        if action == "insert" or not new_lines or at == len(new_lines):
            new_lines.insert(at, rng.choice(vocabulary))
        elif action == "delete":
            del new_lines[at]
        else:
            new_lines[at] = rng.choice(vocabulary)
    old = "".join(line + "\n" for line in old_lines)
    new = "".join(line + "\n" for line in new_lines)
    diff = side_by_side(old, new, context=10**9)
    assert diff.identical == (old == new)
    if diff.identical:
        return
    assert_reconstructs(old, new, diff)
    assert diff.added == sum(r.right_no is not None and r.kind != "equal" for r in all_rows(diff))


def test_large_json_values_show_each_scattered_change() -> None:
    old, new = make_json_pair(1_000_000, changes=20)
    assert 900_000 < len(old) < 1_100_000
    diff = side_by_side(old, new)
    assert (diff.added, diff.removed) == (20, 20)
    assert len(diff.hunks) == 20 and not diff.truncated
    old_lines, new_lines = old.splitlines(), new.splitlines()
    for hunk in diff.hunks:
        [changed] = [r for r in hunk.rows if r.kind != "equal"]
        assert changed.kind == "replace" and changed.left_no == changed.right_no
        assert old_lines[changed.left_no - 1] == changed.left
        assert new_lines[changed.right_no - 1] == changed.right
        assert '"rps"' in changed.left
        assert len(hunk.rows) == 7
    skipped = sum(h.skipped_before for h in diff.hunks) + diff.skipped_after
    assert skipped + diff.shown_rows == len(old_lines)

    full = side_by_side(old, new, context=10**9, max_rows=10**9)
    assert_reconstructs(old, new, full)


def test_completely_different_large_values_come_back_quickly_and_cut_off() -> None:
    # The guard is against quadratic matching (SequenceMatcher takes over a minute here), not
    # a benchmark: bench/ measures the real figures.
    old, _ = make_json_pair(1_000_000, changes=0)
    new = json.dumps({"other": [{"k": i, "v": str(i) * 3} for i in range(30_000)]}, indent=4)
    started = time.perf_counter()
    diff = side_by_side(old, new)
    assert time.perf_counter() - started < 5
    assert diff.truncated and diff.shown_rows == 5000
    assert diff.removed >= len(old.splitlines()) - 2  # a "{" or "}" may still line up


def test_every_object_changed_still_lines_up_the_unchanged_fields() -> None:
    old, _ = make_json_pair(200_000, changes=0)
    data = json.loads(old)
    for tenant in data["tenants"]:
        tenant["id"] += 100_000
        tenant["name"] += "-renamed"
    new = json.dumps(data, indent=2)
    diff = side_by_side(old, new, max_rows=10**9)
    assert diff.added == diff.removed == 2 * len(data["tenants"])
    assert not any(r.kind == "replace" and '"burst"' in r.left for r in all_rows(diff))


def test_structural_diff_of_the_large_pair_finds_each_change() -> None:
    # The history benchmark diffs this pair both ways; strict_equal's fast path for scalars
    # (merge.py) must not change what counts as equal.
    old, new = make_json_pair(1_000_000, changes=20)
    rows = structural_diff(json.loads(old), json.loads(new))
    assert len(rows) == 20
    assert all(
        kind == "changed" and path[-1] == "rps" and after == before + 1
        for kind, path, before, after in rows
    )
    assert not strict_equal({"a": [1, {"b": "x"}]}, {"a": [True, {"b": "x"}]})
    assert not strict_equal({"a": [1, {"b": 1}]}, {"a": [1, {"b": 1.0}]})
    assert strict_equal({"a": [1, {"b": float("nan")}]}, {"a": [1, {"b": float("nan")}]})
    assert not strict_equal([None, "1"], [None, 1])
