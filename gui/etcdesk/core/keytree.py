"""The tenant tree as plain Python: groups (tenants, or any named level) and config leaves.

``KeyTree`` is the source of truth the Qt model adapts (STYLE.md, "Models adapt plain data").
It is built from a keys-only listing of 100k keys in a few tens of milliseconds, so leaves are
kept as raw keys and only turned into row objects when a group is expanded.
"""

from __future__ import annotations

from collections.abc import Iterable

from etcdesk.core.layout import Layout, display

OTHER_LABEL = "Other keys"


class Leaf:
    """A config key shown as a row."""

    __slots__ = ("key", "label", "parent", "rel", "row")

    def __init__(self, parent: Group, key: bytes, rel: bytes) -> None:
        self.parent = parent
        self.key = key
        self.rel = rel
        self.label = display(rel)
        self.row = 0  # position among the parent's rows, kept current by ``set_rows``

    @property
    def sort_key(self) -> tuple[int, bool, bytes]:
        return (1, False, self.rel)

    @property
    def is_group(self) -> bool:
        return False


class Group:
    """A tree level: a tenant, an environment, or the "Other keys" bucket.

    ``leaves`` maps the leaf path to the full key. Rows (``children``) are built on demand.
    """

    __slots__ = (
        "_rows",
        "count",
        "depth",
        "groups",
        "label",
        "leaves",
        "name",
        "other",
        "parent",
        "row",
    )

    def __init__(self, name: bytes, parent: Group | None, other: bool = False) -> None:
        self.name = name
        self.parent = parent
        self.other = other
        self.depth: int = 0 if parent is None else parent.depth + 1
        self.label = OTHER_LABEL if other else display(name)
        self.groups: dict[bytes, Group] = {}
        self.leaves: dict[bytes, bytes] = {}
        self.count = 0  # configs in this group and below
        self.row = 0
        self._rows: list[Group | Leaf] | None = None

    @property
    def sort_key(self) -> tuple[int, bool, bytes]:
        return (0, self.other, self.name)

    @property
    def is_group(self) -> bool:
        return True

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
        """Rows under this group: subgroups first (the "Other keys" group last), then leaves."""
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
        groups = sorted(self.groups.values(), key=lambda g: (g.other, g.name))
        leaves = [
            existing.get(rel) or Leaf(self, self.leaves[rel], rel) for rel in sorted(self.leaves)
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
        self._keys: set[bytes] = set()
        self._search: list[tuple[str, bytes]] | None = None

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: bytes) -> bool:
        return key in self._keys

    def keys(self) -> set[bytes]:
        return set(self._keys)

    def add_keys(self, keys: Iterable[bytes]) -> None:
        """Bulk insert (a listing page). Rows of groups already shown are not updated here."""
        self._search = None
        parse = self.layout.parse
        root = self.root
        known = self._keys
        other: Group | None = root.groups.get(b"\x00other")
        single_level = len(self.layout.level_names) == 1
        for key in keys:
            if key in known:
                continue
            path = parse(key)
            if path is None:
                continue
            known.add(key)
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

    def find(self, key: bytes) -> Leaf | None:
        """The row object of ``key``, materializing the groups on its way."""
        path = self.layout.parse(key)
        if path is None or key not in self._keys:
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
        return [row for row in self.root.children() if isinstance(row, Group)]

    def filtered(self, text: str) -> KeyTree:
        """A new tree with the keys whose group ids or config path contain ``text``.

        Matches case-insensitively against every listed key, not only expanded groups.
        """
        needle = text.casefold().strip()
        result = KeyTree(self.layout)
        result.revision = self.revision
        if not needle:
            result.add_keys(sorted(self._keys))
            return result
        if self._search is None:
            root_len = len(self.layout.root)
            self._search = [(display(k[root_len:]).casefold(), k) for k in self._keys]
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
