"""Three-way merge and structural diff of JSON-like documents (DESIGN §1, §7).

When a save is refused because someone else changed the key, the conflict view offers to
apply *my* edits on top of *their* version: every path I changed that they did not touch (or
changed to the same value) merges cleanly; a path we both changed differently, or one where one
side replaced or removed a parent the other edited inside, is a conflict and keeps theirs, so
nothing of theirs is lost silently.

Equality is strict throughout: ``true`` is not ``1`` and ``1`` is not ``1.0`` (Python says
they are equal, but the JSON or YAML written differs).
"""

from __future__ import annotations

import copy
import difflib
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from etcdesk.core.schemas import JsonPath, get_path


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()


def strict_equal(a: Any, b: Any) -> bool:
    """Equal as JSON data: same types all the way down; key order of objects does not matter."""
    if a is b:  # the same object; a NaN is strictly equal to itself too
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and _members_equal(
            zip(a.values(), map(b.__getitem__, a), strict=True)
        )
    if isinstance(a, list):
        return len(a) == len(b) and _members_equal(zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def _members_equal(pairs: Iterable[tuple[Any, Any]]) -> bool:
    """strict_equal over the members of two objects or arrays, comparing the common scalars
    in place: two 1 MB documents hold about 100,000 of them, and a call for each was most of
    the time of a structural diff."""
    for x, y in pairs:
        if x is y:
            continue
        kind = type(x)
        if kind is not type(y):
            return False
        if kind is str or kind is int or kind is bool:
            if x != y:
                return False
        elif not strict_equal(x, y):
            return False
    return True


def _at(data: Any, path: JsonPath) -> Any:
    """The value at ``path``, or MISSING."""
    try:
        return get_path(data, path)
    except (KeyError, IndexError):
        return MISSING


def _recurse_into_lists(old: list[Any], new: list[Any]) -> bool:
    return len(old) == len(new) and all(
        isinstance(a, dict) and isinstance(b, dict) for a, b in zip(old, new, strict=True)
    )


def changed_paths(old: Any, new: Any) -> list[JsonPath]:
    """Leaf-level differences, in document order.

    Objects are compared key by key, recursively; a list is one value unless both sides are
    lists of objects of the same length, compared item by item.
    """
    found: list[JsonPath] = []
    _changed(old, new, (), found)
    return found


def _changed(old: Any, new: Any, path: JsonPath, found: list[JsonPath]) -> None:
    if strict_equal(old, new):
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            if key in old and key in new:
                _changed(old[key], new[key], (*path, key), found)
            else:
                found.append((*path, key))
    elif isinstance(old, list) and isinstance(new, list) and _recurse_into_lists(old, new):
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            _changed(a, b, (*path, index), found)
    else:
        found.append(path)


def _overlap(a: JsonPath, b: JsonPath) -> JsonPath | None:
    """The shorter of two paths when one contains the other, else None."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return short if long[: len(short)] == short else None


@dataclass(frozen=True)
class MergeResult:
    merged: Any
    conflicts: tuple[JsonPath, ...]  # paths I changed that they changed differently

    @property
    def clean(self) -> bool:
        return not self.conflicts


def three_way_merge(base: Any, mine: Any, theirs: Any) -> MergeResult:
    """Apply my changes (base -> mine) on top of theirs (base -> theirs).

    A conflict is reported at my changed path and the merged document keeps their value there.
    """
    their_paths = changed_paths(base, theirs)
    merged = copy.deepcopy(theirs)
    conflicts: list[JsonPath] = []
    for path in changed_paths(base, mine):
        clash = False
        for other in their_paths:
            shared = _overlap(path, other)
            if shared is not None and not strict_equal(_at(mine, shared), _at(theirs, shared)):
                clash = True
                break
        if clash:
            conflicts.append(path)
            continue
        merged = _put(merged, path, _at(mine, path))
    return MergeResult(merged, tuple(conflicts))


def _put(data: Any, path: JsonPath, value: Any) -> Any:
    """``data`` with the value at ``path`` replaced (MISSING: removed). Parents exist here."""
    if not path:
        return copy.deepcopy(value)
    parent = _at(data, path[:-1])
    key = path[-1]
    if isinstance(parent, dict) and not isinstance(key, int):
        if value is MISSING:
            parent.pop(key, None)
        else:
            parent[key] = copy.deepcopy(value)
    elif isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent):
        parent[key] = copy.deepcopy(value)
    return data


def structural_diff(old: Any, new: Any) -> list[tuple[str, JsonPath, Any, Any]]:
    """("added" | "removed" | "changed", path, old value, new value) per changed path, for
    people to read.

    Unlike ``changed_paths`` (which the merge relies on), lists are aligned item by item: an
    item inserted in the middle of a list is one "added" row, not a change of every item after
    it. Added items carry their new index, removed ones their old index. A missing side's value
    is None; the kind tells a missing value from a null one.
    """
    rows: list[tuple[str, JsonPath, Any, Any]] = []
    _display_diff(old, new, (), rows)
    return rows


def _display_diff(
    old: Any, new: Any, path: JsonPath, rows: list[tuple[str, JsonPath, Any, Any]]
) -> None:
    if strict_equal(old, new):
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in old:
            if key in new:
                _display_diff(old[key], new[key], (*path, key), rows)
            else:
                rows.append(("removed", (*path, key), old[key], None))
        rows.extend(("added", (*path, k), None, v) for k, v in new.items() if k not in old)
    elif isinstance(old, list) and isinstance(new, list):
        _display_list_diff(old, new, path, rows)
    else:
        rows.append(("changed", path, old, new))


def _fingerprint(value: Any) -> str:
    """For aligning list items only: equal items give equal text (repr is C-fast; a key order
    that differs merely makes two equal items look different, which costs a finer diff)."""
    return repr(value)


def _display_list_diff(
    old: list[Any], new: list[Any], path: JsonPath, rows: list[tuple[str, JsonPath, Any, Any]]
) -> None:
    start = 0
    limit = min(len(old), len(new))
    while start < limit and strict_equal(old[start], new[start]):
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and strict_equal(old[end_old - 1], new[end_new - 1]):
        end_old -= 1
        end_new -= 1
    middle_old, middle_new = old[start:end_old], new[start:end_new]
    matcher = difflib.SequenceMatcher(
        None, [_fingerprint(v) for v in middle_old], [_fingerprint(v) for v in middle_new], False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for offset in range(paired):  # changed in place: show what changed inside
            i, j = start + i1 + offset, start + j1 + offset
            _display_diff(old[i], new[j], (*path, j), rows)
        for i in range(i1 + paired, i2):
            rows.append(("removed", (*path, start + i), old[start + i], None))
        for j in range(j1 + paired, j2):
            rows.append(("added", (*path, start + j), None, new[start + j]))
