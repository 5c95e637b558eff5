"""The tenant tree as plain Python: groups (tenants, or any named level) and config leaves.

``KeyTree`` is the source of truth the Qt model adapts (STYLE.md, "Models adapt plain data").
It is built from a keys-only listing of 100k keys in a few tens of milliseconds, so leaves are
kept as raw keys and only turned into row objects when a group is expanded.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from operator import itemgetter, lt

from etcdesk.core.i18n import QT_TRANSLATE_NOOP, translate
from etcdesk.core.layout import Layout, display, prefix_range_end

OTHER_LABEL = QT_TRANSLATE_NOOP("KeyTree", "Other keys")
LOCKED_NAME = b"\x00locked"  # the placeholder row for what the etcd user may not read
_RUNS_MIN = 32  # below this, checking a page for order costs more than the runs save
_SEGMENTS_MAX = 64  # more key segments than this go into the key set (see KeyTree.__contains__)


class Leaf:
    """A config key shown as a row."""

    __slots__ = ("key", "label", "parent", "rel", "row")

    def __init__(self, parent: Group, key: bytes, rel: bytes) -> None:
        self.parent = parent
        self.key = key
        self.rel = rel
        self.label = display(rel)
        self.row = 0  # position among the parent's rows, kept current by ``set_rows``


class Group:
    """A tree level: a tenant, an environment, or the "Other keys" bucket.

    ``leaves`` maps the leaf path to the full key. Rows (``children``) are built on demand.
    """

    __slots__ = (
        "_leaves",
        "_rows",
        "_runs",
        "count",
        "depth",
        "groups",
        "label",
        "locked",
        "name",
        "other",
        "parent",
        "row",
    )

    def __init__(
        self, name: bytes, parent: Group | None, other: bool = False, locked: str = ""
    ) -> None:
        self.name = name
        self.parent = parent
        self.other = other
        # A placeholder row, not a group of keys: the text says what the user may not read.
        self.locked = locked
        self.depth: int = 0 if parent is None else parent.depth + 1
        self.label = locked or (translate("KeyTree", OTHER_LABEL) if other else display(name))
        self.groups: dict[bytes, Group] = {}
        self._leaves: dict[bytes, bytes] = {}
        # Leaves given as runs of a listing page and not yet put in ``_leaves``: the keys
        # ``page[start:end]``, whose leaf paths are ``key[cut:]``. See ``KeyTree._add_runs``.
        self._runs: list[tuple[Sequence[bytes], int, int, int]] | None = None
        self.count = 0  # configs in this group and below
        self.row = 0
        self._rows: list[Group | Leaf] | None = None

    @property
    def leaves(self) -> dict[bytes, bytes]:
        """Leaf path -> full key, for the configs directly in this group."""
        if self._runs is not None:
            runs, self._runs = self._runs, None
            leaves = self._leaves
            for page, start, end, cut in runs:
                run = page[start:end]
                leaves.update(zip(map(itemgetter(slice(cut, None)), run), run, strict=True))
        return self._leaves

    def add_run(self, page: Sequence[bytes], start: int, end: int, cut: int) -> None:
        """Add the configs ``page[start:end]`` (new, ascending) with leaf paths ``key[cut:]``."""
        if self._runs is None:
            self._runs = []
        self._runs.append((page, start, end, cut))
        self.count += end - start

    @property
    def has_children(self) -> bool:
        return bool(self.groups or self._leaves or self._runs)

    @property
    def path(self) -> tuple[bytes, ...]:
        """Group values from the top, e.g. ``(b"acme",)``; empty for the root."""
        names: list[bytes] = []
        node: Group | None = self
        while node is not None and node.parent is not None:
            names.append(node.name)
            node = node.parent
        return tuple(reversed(names))

    def children(self) -> list[Group | Leaf]:
        """Rows under this group: subgroups first ("Other keys", then a locked row, last),
        then leaves."""
        if self._rows is None:
            self.set_rows(self.desired_rows())
        assert self._rows is not None
        return self._rows

    def desired_rows(self) -> list[Group | Leaf]:
        """The rows this group should show now, reusing the row objects it already has."""
        existing: dict[bytes, Leaf] = {}
        for row in self._rows or ():
            if isinstance(row, Leaf):
                existing[row.rel] = row
        groups = sorted(self.groups.values(), key=lambda g: (bool(g.locked), g.other, g.name))
        all_leaves = self.leaves
        leaves = [
            existing.get(rel) or Leaf(self, all_leaves[rel], rel) for rel in sorted(all_leaves)
        ]
        return [*groups, *leaves]

    def set_rows(self, rows: list[Group | Leaf]) -> None:
        self._rows = rows
        for index, row in enumerate(rows):
            row.row = index

    def drop_rows(self) -> None:
        self._rows = None

    @property
    def materialized(self) -> bool:
        return self._rows is not None


class KeyTree:
    """All keys under a layout root, grouped by the layout's named levels."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.root = Group(b"", None)
        self.revision = 0
        self._count = 0
        # The keys: those added one by one in a set, those added as runs of a listing page as
        # ``(page, start, end)`` segments of that (ascending, immutable) page, so a 100k-key page
        # costs no 100k-entry set and no hashing. ``_merge_segments`` moves them to the set (code
        # that removes keys must call it first, and take leaves through ``Group.leaves``).
        self._loose: set[bytes] = set()
        self._segments: list[tuple[Sequence[bytes], int, int]] = []
        self._search: list[tuple[str, bytes]] | None = None
        self.filter_text = ""  # set on trees made by ``filtered``
        # "{group}/{leaf...}" (the shape Layout.parse has a fast path for): in a sorted listing
        # page, the keys of one group are then one contiguous run (see ``_add_runs``).
        segments = layout.segments
        self._runs_ok = len(segments) == 2 and segments[0].name is not None and segments[1].rest

    def __len__(self) -> int:
        return self._count

    def __contains__(self, key: bytes) -> bool:
        if key in self._loose:
            return True
        return isinstance(key, bytes) and self._in_segments(key)

    def _in_segments(self, key: bytes) -> bool:
        for page, start, end in self._segments:
            index = bisect_left(page, key, start, end)
            if index < end and page[index] == key:
                return True
        return False

    def keys(self) -> set[bytes]:
        result = set(self._loose)
        for page, start, end in self._segments:
            result.update(page[start:end])
        return result

    def _all_keys(self) -> Iterator[bytes]:
        yield from self._loose
        for page, start, end in self._segments:
            yield from page[start:end]

    def _merge_segments(self) -> None:
        for page, start, end in self._segments:
            self._loose.update(page[start:end])
        self._segments = []

    def add_keys(self, keys: Iterable[bytes]) -> None:
        """Bulk insert (a listing page). Rows of groups already shown are not updated here."""
        self._search = None
        page = keys if isinstance(keys, tuple) else tuple(keys)
        if (
            self._runs_ok
            and len(page) >= _RUNS_MIN
            and all(map(lt, page, islice(page, 1, None)))  # strictly ascending, so no repeats
            and self._all_new(page)
        ):
            self._add_runs(page)
        else:
            self._add_each(page)

    def _all_new(self, page: tuple[bytes, ...]) -> bool:
        """Whether no key of the ascending ``page`` is known yet."""
        first, last = page[0], page[-1]
        for seg_page, start, end in self._segments:
            if first <= seg_page[end - 1] and last >= seg_page[start]:  # the ranges overlap
                self._merge_segments()
                break
        return not self._loose or self._loose.isdisjoint(page)

    def _add_runs(self, page: tuple[bytes, ...]) -> None:
        """``add_keys`` for new keys in strictly ascending order, as a listing page brings them.

        With a "{group}/{leaf...}" layout, the keys after one that parses into group ``g`` and
        that still start with ``g``'s prefix are exactly the keys of ``g`` in this page, and each
        one's leaf is the rest of the key (it cannot be empty: only the prefix itself would have
        an empty leaf, and it sorts first). So one bisect finds the run, and the group keeps it
        as a slice of the page until its leaves are asked for (on expand). A 100k-key page then
        takes ~20 ms instead of ~500 ms (per-key parse) on a slow 2-core machine, and allocates
        almost nothing. Same result as ``_add_each``.
        """
        layout = self.layout
        parse = layout.parse
        root = self.root
        groups = root.groups
        segments = self._segments
        count = len(page)
        added = 0
        segment_start = -1  # where the current segment of keys added in runs began
        index = 0
        while index < count:
            key = page[index]
            path = parse(key)
            if path is None or path.other:
                if segment_start >= 0:
                    segments.append((page, segment_start, index))
                    segment_start = -1
                if path is not None:
                    other = groups.get(b"\x00other")
                    if other is None:
                        other = groups[b"\x00other"] = Group(b"\x00other", root, other=True)
                    other.leaves[path.leaf] = key
                    other.count += 1
                    root.count += 1
                    self._loose.add(key)
                    self._count += 1
                index += 1
                continue
            if segment_start < 0:
                segment_start = index
            prefix = layout.group_prefix(path.groups)
            end = bisect_left(page, prefix_range_end(prefix), index + 1)
            name = path.groups[0]
            group = groups.get(name)
            if group is None:
                group = groups[name] = Group(name, root)
            group.add_run(page, index, end, len(prefix))
            added += end - index
            index = end
        if segment_start >= 0:
            segments.append((page, segment_start, count))
        root.count += added
        self._count += added
        if len(segments) > _SEGMENTS_MAX:  # many "other" keys between groups
            self._merge_segments()

    def _add_each(self, keys: tuple[bytes, ...]) -> None:
        """``add_keys`` one key at a time: any order, repeats, any layout."""
        if len(keys) > _SEGMENTS_MAX:
            self._merge_segments()  # then one set lookup per key, not a bisect per segment
        segments = self._segments
        parse = self.layout.parse
        root = self.root
        known = self._loose
        other: Group | None = root.groups.get(b"\x00other")
        single_level = len(self.layout.level_names) == 1
        for key in keys:
            if key in known or (segments and self._in_segments(key)):
                continue
            path = parse(key)
            if path is None:
                continue
            known.add(key)
            self._count += 1
            if path.other:
                if other is None:
                    other = root.groups[b"\x00other"] = Group(b"\x00other", root, other=True)
                other.leaves[path.leaf] = key
                other.count += 1
                root.count += 1
                continue
            if single_level:
                name = path.groups[0]
                group = root.groups.get(name)
                if group is None:
                    group = root.groups[name] = Group(name, root)
                group.leaves[path.leaf] = key
                group.count += 1
                root.count += 1
                continue
            node = root
            node.count += 1
            for name in path.groups:
                child = node.groups.get(name)
                if child is None:
                    child = node.groups[name] = Group(name, node)
                child.count += 1
                node = child
            node.leaves[path.leaf] = key

    def remove_keys(self, keys: Iterable[bytes]) -> None:
        """Remove keys (watch deletes, reconciliation); groups left empty disappear."""
        self._search = None
        self._merge_segments()
        root = self.root
        for key in keys:
            if key not in self._loose:
                continue
            path = self.layout.parse(key)
            if path is None:
                continue
            chain = [root]
            node: Group | None = root.groups.get(b"\x00other") if path.other else root
            if path.other and node is not None:
                chain.append(node)
            for name in path.groups:
                node = node.groups.get(name) if node is not None else None
                if node is not None:
                    chain.append(node)
            if node is None or path.leaf not in node.leaves:
                continue
            del node.leaves[path.leaf]
            self._loose.discard(key)
            self._count -= 1
            for group in chain:
                group.count -= 1
            for group in reversed(chain[1:]):
                if group.count == 0 and group.parent is not None:
                    group.parent.groups.pop(group.name, None)

    def filter_matches(self, key: bytes) -> bool:
        """Whether ``key`` belongs in this tree's filter (always, for an unfiltered tree)."""
        if not self.filter_text:
            return True
        return self.filter_text in display(key[len(self.layout.root) :]).casefold()

    def find(self, key: bytes) -> Leaf | None:
        """The row object of ``key``, materializing the groups on its way."""
        path = self.layout.parse(key)
        if path is None or key not in self:
            return None
        node = self.root.groups.get(b"\x00other") if path.other else self.root
        if node is None:
            return None
        for name in path.groups:
            next_node = node.groups.get(name)
            if next_node is None:
                return None
            node = next_node
        for row in node.children():
            if isinstance(row, Leaf) and row.key == key:
                return row
        return None

    def group(self, path: tuple[bytes, ...]) -> Group | None:
        node: Group | None = self.root
        for name in path:
            if node is None:
                return None
            node = node.groups.get(name)
        return node

    def top_groups(self) -> list[Group]:
        return [row for row in self.root.children() if isinstance(row, Group) and not row.locked]

    @property
    def locked_note(self) -> str:
        """The text of the locked row (what the etcd user may not read), or empty."""
        row = self.root.groups.get(LOCKED_NAME)
        return row.locked if row is not None else ""

    def set_locked(self, note: str) -> None:
        """Show (``note``) or drop (empty) the locked row at the end of the top level.

        The user cannot list what it may not read, so one row stands for all of it. A model
        showing this tree must be reset or re-synced afterwards.
        """
        self.root.groups.pop(LOCKED_NAME, None)
        if note:
            self.root.groups[LOCKED_NAME] = Group(LOCKED_NAME, self.root, locked=note)

    def filtered(self, text: str) -> KeyTree:
        """A new tree with the keys whose group ids or config path contain ``text``.

        Matches case-insensitively against every listed key, not only expanded groups.
        """
        needle = text.casefold().strip()
        result = KeyTree(self.layout)
        result.revision = self.revision
        result.filter_text = needle
        if not needle:
            result.add_keys(sorted(self._all_keys()))
            return result
        if self._search is None:
            root_len = len(self.layout.root)
            self._search = [(display(k[root_len:]).casefold(), k) for k in self._all_keys()]
        matches = sorted(k for text, k in self._search if needle in text)
        result.add_keys(matches)
        return result


Row = Group | Leaf


def row_ops(
    old: list[Row], new: list[Row]
) -> tuple[list[tuple[int, int]], list[tuple[int, list[Row]]]]:
    """Steps that turn the row list ``old`` into ``new`` (both sorted, rows kept by identity).

    Returns removals as inclusive ``(first, last)`` runs, highest first, to apply before the
    insertions, given as ``(position, rows)`` runs in ascending order. The Qt model applies them
    one by one between begin/end calls, so views keep their selection and expansion.
    """
    keep = {id(r) for r in new}
    removals: list[tuple[int, int]] = []
    index = len(old) - 1
    while index >= 0:
        if id(old[index]) in keep:
            index -= 1
            continue
        last = index
        while index >= 0 and id(old[index]) not in keep:
            index -= 1
        removals.append((index + 1, last))
    survivors = [r for r in old if id(r) in keep]
    insertions: list[tuple[int, list[Row]]] = []
    j = 0
    run_start = -1
    run: list[Row] = []
    for position, row in enumerate(new):
        if j < len(survivors) and survivors[j] is row:
            j += 1
            if run:
                insertions.append((run_start, run))
                run = []
            continue
        if not run:
            run_start = position
        run.append(row)
    if run:
        insertions.append((run_start, run))
    return removals, insertions
