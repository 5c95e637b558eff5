"""Qt adapter over ``KeyTree``: lazy rows, precise inserts and removals, painted from C++.

Tenants are rows from the start; their configs become rows only when a tenant is expanded
(``canFetchMore``/``fetchMore``), so 100k keys never turn into 100k Qt rows.

The rows views see are ``QStandardItem``s kept in step with the tree's rows: painting, hit
tests and relayouts then run in C++ alone. A Python ``QAbstractItemModel`` answers ~1,100
``index()``/``parent()``/``data()`` calls from C++ for each repaint of a tree view (10 ms
here, three times that on a busy machine): the longest pauses of the window during a watch
storm. Python runs only where the rows change (a listing page, a watch batch, an expansion).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from etcdesk.core.i18n import QT_TRANSLATE_NOOP
from etcdesk.core.keytree import Group, KeyTree, Leaf, Row, row_ops
from etcdesk.core.layout import Layout, display
from etcdesk.qt.icons import icon

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
IS_GROUP_ROLE = Qt.ItemDataRole.UserRole + 2
NODE_ROLE = Qt.ItemDataRole.UserRole + 3  # the tree's row (Group or Leaf) behind an item

_LOCKED_GREY = QBrush(QColor("#6e7781"))
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# Rows are selected and navigated, never edited or dragged in the tree.
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class KeyTreeModel(QStandardItemModel):
    COLUMNS = (
        QT_TRANSLATE_NOOP("KeyTreeModel", "Name"),
        QT_TRANSLATE_NOOP("KeyTreeModel", "Configs"),
    )
    # Level names of common layouts, shown in tooltips; any other name is shown as written.
    LEVELS = {
        "tenant": QT_TRANSLATE_NOOP("KeyTreeModel", "Tenant"),
        "env": QT_TRANSLATE_NOOP("KeyTreeModel", "Environment"),
        "environment": QT_TRANSLATE_NOOP("KeyTreeModel", "Environment"),
        "region": QT_TRANSLATE_NOOP("KeyTreeModel", "Region"),
        "cluster": QT_TRANSLATE_NOOP("KeyTreeModel", "Cluster"),
        "service": QT_TRANSLATE_NOOP("KeyTreeModel", "Service"),
        "app": QT_TRANSLATE_NOOP("KeyTreeModel", "Application"),
    }

    def __init__(self, layout: Layout, parent: Any = None) -> None:
        super().__init__(0, len(self.COLUMNS), parent)
        self._tree = KeyTree(layout)
        # Groups whose rows are items (the root always). A group that is not fetched and has
        # keys holds one empty placeholder row, so views draw its expand arrow from C++.
        self._fetched: set[Group] = set()
        # Every group shown as a row: its name item, its count item and the count they show.
        self._shown: dict[Group, tuple[QStandardItem, QStandardItem, int]] = {}
        # While rows are being inserted or removed, listeners (views, model testers) must not
        # trigger a nested fetchMore from their rowsInserted handlers.
        self._changing = False
        self._levels: dict[int, str] = {}
        self._tree.root.children()
        self._fetched.add(self._tree.root)

    # -- feeding ----------------------------------------------------------------------------

    @property
    def tree(self) -> KeyTree:
        return self._tree

    def set_tree(self, tree: KeyTree) -> None:
        """Show another tree (a new listing, or a filtered view): one model reset."""
        self.beginResetModel()
        blocked = self.blockSignals(True)
        try:
            self.invisibleRootItem().removeRows(0, self.invisibleRootItem().rowCount())
            self._tree = tree
            self._fetched = {tree.root}
            self._shown = {}
            self._levels = {}
            tree.root.drop_rows()
            rows = tree.root.desired_rows()
            tree.root.set_rows(rows)
            self._fill(self.invisibleRootItem(), rows)
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

    def add_keys(self, keys: tuple[bytes, ...]) -> None:
        """Add a listing page to the tree and insert the rows views can see."""
        self._tree.add_keys(keys)
        self._changing = True
        try:
            self._sync(self._tree.root, self.invisibleRootItem())
        finally:
            self._changing = False

    def apply_changes(self, added: list[bytes], removed: list[bytes]) -> None:
        """A batch of watch changes: precise row inserts and removals, no reset.

        Only the groups on the way to a changed key are looked at: a batch touching 40 of
        1,000 tenants compares and updates those 40 rows, not every shown row.
        """
        if removed:
            self._tree.remove_keys(removed)
        if added:
            self._tree.add_keys(tuple(added))
        self._changing = True
        try:
            self._sync_touched(
                self._tree.root, self.invisibleRootItem(), (), *self._touched(added, removed)
            )
        finally:
            self._changing = False

    def _touched(
        self, added: list[bytes], removed: list[bytes]
    ) -> tuple[dict[tuple[bytes, ...], set[bytes]], set[tuple[bytes, ...]]]:
        """Where these keys sit: for every group on the way to one of them (by path of group
        names from the root, the root being ``()``), the names of its subgroups on the way;
        and the paths of the groups that hold one of them as a leaf."""
        parse = self._tree.layout.parse
        children: dict[tuple[bytes, ...], set[bytes]] = {}
        direct: set[tuple[bytes, ...]] = set()
        for keys in (added, removed):
            for key in keys:
                path = parse(key)
                if path is None:
                    continue
                names = ((b"\x00other",) if path.other else ()) + path.groups
                direct.add(names)
                children.setdefault(names, set())
                for depth in range(len(names)):
                    children.setdefault(names[:depth], set()).add(names[depth])
        return children, direct

    def _sync_touched(
        self,
        group: Group,
        item: QStandardItem,
        path: tuple[bytes, ...],
        children: dict[tuple[bytes, ...], set[bytes]],
        direct: set[tuple[bytes, ...]],
    ) -> None:
        """``_sync`` for a watch batch: the same rows for the groups on the way to a changed
        key (see ``_touched``); every other group has the same keys as before, so its rows
        and counts are already right and it is not visited."""
        names = children.get(path, ())
        rows = group.children()
        # The row diff (a sort and a walk over every row: 1,000 at the root) can only find
        # something when a leaf of this group or a whole subgroup came or went.
        if path in direct or any(
            not (
                (child := group.groups.get(name)) is not None
                and child.row < len(rows)
                and rows[child.row] is child
            )
            for name in names
        ):
            self._apply_row_ops(group, item)
        for name in names:
            child = group.groups.get(name)
            if child is None or child not in self._shown:
                continue
            if child in self._fetched:
                self._sync_touched(
                    child, self._shown[child][0], (*path, child.name), children, direct
                )
            else:
                child.drop_rows()
            self._refresh(child)

    def _sync(self, group: Group, item: QStandardItem) -> None:
        rows = self._apply_row_ops(group, item)
        shown = self._shown
        for row in rows:
            if isinstance(row, Group):
                if row in self._fetched:
                    self._sync(row, shown[row][0])
                else:
                    row.drop_rows()
                if row.count != shown[row][2]:
                    self._refresh(row)

    def _apply_row_ops(self, group: Group, item: QStandardItem) -> list[Row]:
        """Turn the rows of ``group`` into its desired rows with precise removes and inserts."""
        old = list(group.children())
        new = group.desired_rows()
        removals, insertions = row_ops(old, new)
        rows = old
        for first, last in removals:
            for row in rows[first : last + 1]:
                self._forget(row)
            del rows[first : last + 1]
            group.set_rows(rows)
            item.removeRows(first, last - first + 1)
        for position, run in insertions:
            rows[position:position] = run
            group.set_rows(rows)
            self._insert(item, position, run)
        return rows

    def _fill(self, item: QStandardItem, rows: list[Row]) -> None:
        """The rows of a group that had none (or its placeholder, which the first one takes)."""
        if not rows:
            if item.rowCount():
                item.setRowCount(0)
            return
        start = 0
        if item.rowCount() == 1 and item.child(0, 0) is None:
            # The placeholder becomes the first row: no row removed while a view lays out.
            self._set_cells(item, 0, [self._make(rows[0])], first_column=0)
            start = 1
        self._insert(item, start, rows[start:])

    def _insert(self, item: QStandardItem, position: int, run: list[Row]) -> None:
        if not run:
            return
        made = [self._make(row) for row in run]
        # One insert of the run (views take it in at once), then the second column's cells.
        item.insertRows(position, [name for name, _count in made])
        self._set_cells(item, position, made, first_column=1)

    def _set_cells(
        self,
        item: QStandardItem,
        position: int,
        made: list[tuple[QStandardItem, QStandardItem | None]],
        first_column: int,
    ) -> None:
        """Put the cells of existing rows in place, announced as one ``dataChanged``.

        ``QStandardItem.setChild`` announces each cell as a layout change (views lay out
        everything again, selection models save and restore every index): no row moves here.
        """
        blocked = self.blockSignals(True)
        try:
            for offset, (name, count) in enumerate(made):
                if first_column == 0:
                    item.setChild(position + offset, 0, name)
                if count is not None:
                    item.setChild(position + offset, 1, count)
        finally:
            self.blockSignals(blocked)
        parent = item.index()
        self.dataChanged.emit(
            self.index(position, first_column, parent),
            self.index(position + len(made) - 1, 1, parent),
            [],
        )

    def _make(self, row: Row) -> tuple[QStandardItem, QStandardItem | None]:
        # Items are made here, never cloned in C++: Shiboken learns of the deletion of an item
        # made from Python (a removed row), so a later object at its address is not mistaken
        # for it (that crashed the window's teardown).
        if isinstance(row, Leaf):
            name = QStandardItem(icon(_icon_name(row)), row.label)
            name.setFlags(_FLAGS)
            name.setData(row, NODE_ROLE)
            name.setData(row.key, KEY_ROLE)
            name.setData(False, IS_GROUP_ROLE)
            name.setToolTip(display(row.key))
            return name, None  # an empty second cell (flags and node come from the first)
        name = QStandardItem(icon(_icon_name(row)), row.label)
        name.setFlags(_FLAGS)
        name.setData(row, NODE_ROLE)
        name.setData(True, IS_GROUP_ROLE)
        name.setColumnCount(len(self.COLUMNS))
        name.setToolTip(self._tooltip(row))
        count = QStandardItem()
        count.setFlags(_FLAGS)
        count.setTextAlignment(_RIGHT)
        if row.locked:
            name.setForeground(_LOCKED_GREY)
            count.setForeground(_LOCKED_GREY)
        else:
            count.setText(f"{row.count:,}")
        if row.has_children:  # not fetched yet: the placeholder row
            name.setRowCount(1)
        self._shown[row] = (name, count, row.count)
        return name, count

    def refresh_icons(self) -> None:
        """Draw the rows with the current theme's icons (a cell keeps the icon it was made with)."""

        def walk(group: Group, item: QStandardItem) -> None:
            for row in group.children():
                cell = item.child(row.row, 0)
                if cell is None:
                    continue
                cell.setIcon(icon(_icon_name(row)))
                if isinstance(row, Group) and row in self._fetched:
                    walk(row, cell)

        walk(self._tree.root, self.invisibleRootItem())

    def _refresh(self, group: Group) -> None:
        """A shown group's count and (not fetched) placeholder row, when its count changed (a
        group's keys come and go only with its count)."""
        shown = self._shown.get(group)
        if shown is None or group.count == shown[2]:
            return
        name, count, _was = shown
        self._shown[group] = (name, count, group.count)
        if not group.locked:
            count.setText(f"{group.count:,}")
        if group not in self._fetched:
            want = 1 if group.has_children else 0
            if name.rowCount() != want:
                name.setRowCount(want)

    def _tooltip(self, node: Group) -> str:
        if node.locked:
            return self.tr(
                "{note}.\nThe etcd user's roles do not grant read access there, so etcdesk "
                "cannot list or watch those keys; only the rows above are shown."
            ).format(note=node.locked)
        kind = self._levels.get(-1 if node.other else node.depth)
        if kind is None:
            if node.other:
                kind = self.tr("Keys that match no layout pattern")
            else:
                levels = self._tree.layout.level_names
                level = levels[node.depth - 1] if 0 < node.depth <= len(levels) else ""
                kind = self.tr(self.LEVELS[level]) if level in self.LEVELS else level.title()
            self._levels[-1 if node.other else node.depth] = kind
        # No count here: the Configs column shows it, and a tooltip that never changes costs
        # nothing when a watch storm changes the counts.
        return f"{kind}: {node.label}"

    def _forget(self, row: Row) -> None:
        if isinstance(row, Group):
            self._fetched.discard(row)
            self._shown.pop(row, None)
            for child in row.children() if row.materialized else ():
                self._forget(child)

    # -- lookups ----------------------------------------------------------------------------

    def node(self, index: Index) -> Row:
        """The tree's row behind ``index`` (the root for the invalid index)."""
        if not index.isValid():
            return self._tree.root
        node = index.data(NODE_ROLE)
        if node is None:
            if index.column() != 0:  # the tree's row is on the first cell
                return self.node(self.index(index.row(), 0, index.parent()))
            return self.node(index.parent())  # an unfetched group's placeholder row
        row: Row = node
        return row

    def index_of_key(self, key: bytes) -> QModelIndex:
        """Fetch the groups on the way to ``key`` and return its index (invalid if absent)."""
        path = self._tree.layout.parse(key)
        if path is None or key not in self._tree:
            return QModelIndex()
        names = ((b"\x00other",) if path.other else ()) + path.groups
        parent = QModelIndex()
        group = self._tree.root
        for name in names:
            child = group.groups.get(name)
            if child is None:
                return QModelIndex()
            if self.canFetchMore(parent):
                self.fetchMore(parent)
            if not self.fetched(group):  # (rows changing): its rows are a placeholder
                return QModelIndex()
            parent = self.index(child.row, 0, parent)
            group = child
        if self.canFetchMore(parent):
            self.fetchMore(parent)
        if not self.fetched(group):
            return QModelIndex()
        for row in group.children():
            if isinstance(row, Leaf) and row.key == key:
                return self.index(row.row, 0, parent)
        return QModelIndex()

    def fetched(self, group: Group) -> bool:
        """Whether ``group``'s rows are items (else it shows at most a placeholder row)."""
        return group in self._fetched

    # -- QAbstractItemModel -----------------------------------------------------------------

    def canFetchMore(self, parent: Index) -> bool:
        node = self.node(parent)
        return (
            not self._changing
            and isinstance(node, Group)
            and node not in self._fetched
            and node in self._shown
            and node.count > 0
        )

    def fetchMore(self, parent: Index) -> None:
        node = self.node(parent)
        if not isinstance(node, Group) or node in self._fetched or node not in self._shown:
            return
        node.drop_rows()
        rows = node.desired_rows()
        self._changing = True
        try:
            node.set_rows(rows)
            self._fetched.add(node)
            self._fill(self._shown[node][0], rows)
        finally:
            self._changing = False

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None


def _icon_name(row: Row) -> str:
    if isinstance(row, Leaf):
        return "config"
    return "locked" if row.locked else "other" if row.other else "tenant"
