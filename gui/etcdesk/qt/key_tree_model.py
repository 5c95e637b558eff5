"""Qt adapter over ``KeyTree``: lazy rows, precise inserts and removals.

Tenants are rows from the start; their configs become rows only when a tenant is expanded
(``canFetchMore``/``fetchMore``), so 100k keys never turn into 100k Qt rows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from etcdesk.core.i18n import QT_TRANSLATE_NOOP
from etcdesk.core.keytree import Group, KeyTree, Leaf, Row, row_ops
from etcdesk.core.layout import Layout, display
from etcdesk.qt.icons import icon

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
IS_GROUP_ROLE = Qt.ItemDataRole.UserRole + 2

# Views ask every cell for a dozen roles (size hint, font, colours, check state...) and a view
# with a ResizeToContents column asks up to 1,000 rows at each layout; these are answered with
# plain ints and one set lookup, not Qt enum attribute lookups.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ROLES = frozenset(
    {_DISPLAY, _DECORATION, _TOOLTIP, _ALIGNMENT, _FOREGROUND, KEY_ROLE, IS_GROUP_ROLE}
)
_LOCKED_GREY = QBrush(QColor("#6e7781"))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# A watch batch that changed the counts of more rows than this under one parent announces them
# as one span (views repaint once) rather than one dataChanged each.
_SPAN_ROWS = 64


class KeyTreeModel(QAbstractItemModel):
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
        super().__init__(parent)
        self._tree = KeyTree(layout)
        self._fetched: set[int] = set()
        # While rows are being inserted or removed, listeners (views, model testers) must not
        # trigger a nested fetchMore from their rowsInserted handlers.
        self._changing = False
        # True while a listing page or a watch batch is being applied (not during fetchMore):
        # views may then handle row inserts under expanded groups their cheapest way
        # (``TreePanel``).
        self.applying_batch = False
        self._tree.root.children()
        self._fetched.add(id(self._tree.root))

    # -- feeding ----------------------------------------------------------------------------

    @property
    def tree(self) -> KeyTree:
        return self._tree

    def set_tree(self, tree: KeyTree) -> None:
        """Show another tree (a new listing, or a filtered view): one model reset."""
        self.beginResetModel()
        self._tree = tree
        self._fetched = {id(tree.root)}
        tree.root.drop_rows()
        tree.root.children()
        self.endResetModel()

    def add_keys(self, keys: tuple[bytes, ...]) -> None:
        """Add a listing page to the tree and insert the rows views can see."""
        self._tree.add_keys(keys)
        self._changing = self.applying_batch = True
        try:
            self._sync(self._tree.root, QModelIndex())
        finally:
            self._changing = self.applying_batch = False

    def apply_changes(self, added: list[bytes], removed: list[bytes]) -> None:
        """A batch of watch changes: precise row inserts and removals, no reset.

        Only the groups on the way to a changed key are looked at: a batch touching 40 of
        1,000 tenants compares and announces those 40 rows, not every shown row.
        """
        if removed:
            self._tree.remove_keys(removed)
        if added:
            self._tree.add_keys(tuple(added))
        self._changing = self.applying_batch = True
        try:
            self._sync_touched(self._tree.root, QModelIndex(), (), *self._touched(added, removed))
        finally:
            self._changing = self.applying_batch = False

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
        parent: QModelIndex,
        path: tuple[bytes, ...],
        children: dict[tuple[bytes, ...], set[bytes]],
        direct: set[tuple[bytes, ...]],
    ) -> None:
        """``_sync`` for a watch batch: the same rows and signals for the groups on the way to
        a changed key (see ``_touched``); every other group has the same keys as before, so
        its rows and counts are already right and it is not visited."""
        if id(group) not in self._fetched:
            group.drop_rows()
            return
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
            self._apply_row_ops(group, parent)
        changed = sorted(
            (child for name in names if (child := group.groups.get(name)) is not None),
            key=lambda g: g.row,
        )
        # Rows first, then the counts: rows inserted under an expanded group make the view
        # lay out again, and until then it takes dataChanged for free.
        for child in changed:
            if id(child) in self._fetched:
                self._sync_touched(
                    child,
                    self.createIndex(child.row, 0, child),
                    (*path, child.name),
                    children,
                    direct,
                )
            else:
                child.drop_rows()
        if len(changed) > _SPAN_ROWS:
            # Many rows: one span (the view repaints itself once) instead of a signal each.
            first, last = changed[0], changed[-1]
            self.dataChanged.emit(
                self.createIndex(first.row, 1, first), self.createIndex(last.row, 1, last), []
            )
        else:
            # One cell each: a view repaints only the rows it shows (a span repaints all).
            for child in changed:
                cell = self.createIndex(child.row, 1, child)
                self.dataChanged.emit(cell, cell, [])

    def _apply_row_ops(self, group: Group, parent: QModelIndex) -> list[Row]:
        """Turn the rows of ``group`` into its desired rows with precise removes and inserts."""
        old = list(group.children())
        new = group.desired_rows()
        removals, insertions = row_ops(old, new)
        rows = old
        for first, last in removals:
            self.beginRemoveRows(parent, first, last)
            for row in rows[first : last + 1]:
                self._forget(row)
            del rows[first : last + 1]
            group.set_rows(rows)
            self.endRemoveRows()
        for position, run in insertions:
            self.beginInsertRows(parent, position, position + len(run) - 1)
            rows[position:position] = run
            group.set_rows(rows)
            self.endInsertRows()
        return rows

    def _sync(self, group: Group, parent: QModelIndex) -> None:
        if id(group) not in self._fetched:
            group.drop_rows()
            return
        rows = self._apply_row_ops(group, parent)
        if rows:
            self.dataChanged.emit(
                self.index(0, 1, parent), self.index(len(rows) - 1, 1, parent), []
            )
        for row in rows:
            if isinstance(row, Group):
                if id(row) in self._fetched:
                    self._sync(row, self.createIndex(row.row, 0, row))
                else:
                    row.drop_rows()

    def _forget(self, row: Row) -> None:
        if isinstance(row, Group):
            self._fetched.discard(id(row))
            for child in row.children() if row.materialized else ():
                self._forget(child)

    # -- lookups ----------------------------------------------------------------------------

    def node(self, index: Index) -> Row:
        if not index.isValid():
            return self._tree.root
        node: Row = index.internalPointer()
        return node

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
            parent = self.index(child.row, 0, parent)
            group = child
        if self.canFetchMore(parent):
            self.fetchMore(parent)
        for row in group.children():
            if isinstance(row, Leaf) and row.key == key:
                return self.index(row.row, 0, parent)
        return QModelIndex()

    # -- QAbstractItemModel -----------------------------------------------------------------

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def _rows_under(self, parent: Index) -> list[Row] | None:
        """The rows views may see under ``parent``; None when it shows none (yet)."""
        if parent.isValid():
            if parent.column() != 0:
                return None
            node: Row = parent.internalPointer()
        else:
            node = self._tree.root
        if isinstance(node, Leaf) or id(node) not in self._fetched:
            return None
        return node.children()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        rows = self._rows_under(parent)
        return 0 if rows is None else len(rows)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return False
        node = self.node(parent)
        if not isinstance(node, Group):
            return False
        if id(node) in self._fetched:
            # Agree with rowCount() even while a batch is being applied and a group that just
            # lost its last key still shows its old rows until _sync removes them.
            return bool(node.children())
        return node.has_children

    def canFetchMore(self, parent: Index) -> bool:
        node = self.node(parent)
        return (
            not self._changing
            and isinstance(node, Group)
            and id(node) not in self._fetched
            and node.count > 0
        )

    def fetchMore(self, parent: Index) -> None:
        node = self.node(parent)
        if not isinstance(node, Group) or id(node) in self._fetched:
            return
        node.drop_rows()
        rows = node.desired_rows()
        if not rows:
            self._fetched.add(id(node))
            node.set_rows(rows)
            return
        self._changing = True
        try:
            self.beginInsertRows(parent, 0, len(rows) - 1)
            node.set_rows(rows)
            self._fetched.add(id(node))
            self.endInsertRows()
        finally:
            self._changing = False

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # hasIndex(), done here: it would call rowCount() and columnCount() back through C++.
        rows = self._rows_under(parent)
        if rows is None or not 0 <= row < len(rows) or not 0 <= column < self.columnCount(parent):
            return QModelIndex()
        return self.createIndex(row, column, rows[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node: Row = index.internalPointer()
        parent = node.parent
        if parent is None or parent is self._tree.root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None

    # No flags() override: QAbstractItemModel's (enabled and selectable) is what rows need, and
    # answering it in Python doubled the calls a tree relayout makes into Python.

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        node: Row = index.internalPointer()
        column = index.column()
        if role == _DISPLAY:
            if column == 0:
                return node.label
            return f"{node.count:,}" if isinstance(node, Group) and not node.locked else None
        if role == _DECORATION and column == 0:
            if isinstance(node, Leaf):
                return icon("config")
            return icon("locked" if node.locked else "other" if node.other else "tenant")
        if role == _FOREGROUND:
            return _LOCKED_GREY if isinstance(node, Group) and node.locked else None
        if role == _TOOLTIP:
            if isinstance(node, Leaf):
                return display(node.key)
            if node.locked:
                return self.tr(
                    "{note}.\nThe etcd user's roles do not grant read access there, so etcdesk "
                    "cannot list or watch those keys; only the rows above are shown."
                ).format(note=node.locked)
            levels = self._tree.layout.level_names
            level = levels[node.depth - 1] if 0 < node.depth <= len(levels) else ""
            if node.other:
                kind = self.tr("Keys that match no layout pattern")
            else:
                kind = self.tr(self.LEVELS[level]) if level in self.LEVELS else level.title()
            return f"{kind}: {node.label}\n" + self.tr("%n config(s)", "", node.count)
        if role == _ALIGNMENT and column == 1:
            return _RIGHT
        if role == KEY_ROLE:
            return node.key if isinstance(node, Leaf) else None
        if role == IS_GROUP_ROLE:
            return isinstance(node, Group)
        return None
