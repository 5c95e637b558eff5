"""Moving through the tenant tree from the keyboard: open a key or a group found by quick open,
step to the next or previous tenant (keeping the same config when the tenant has it)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from etcdesk.core.keytree import Group, Leaf
from etcdesk.core.quick_match import Candidate
from etcdesk.qt.key_tree_model import KeyTreeModel
from etcdesk.qt.tree_panel import TreePanel


def group_index(model: KeyTreeModel, path: tuple[bytes, ...]) -> QModelIndex:
    """The row of the group at ``path`` (fetching the levels on the way); invalid if absent."""
    parent = QModelIndex()
    group = model.tree.root
    for name in path:
        child = group.groups.get(name)
        if child is None or child.other or child.locked:
            return QModelIndex()
        if model.canFetchMore(parent):
            model.fetchMore(parent)
        if not model.fetched(group):  # (rows changing): its rows are a placeholder
            return QModelIndex()
        parent = model.index(child.row, 0, parent)
        group = child
    return parent


def select_index(panel: TreePanel, index: QModelIndex) -> bool:
    if not index.isValid():
        return False
    panel.view.setCurrentIndex(index)
    panel.view.scrollTo(index)
    return True


def _clear_filter(panel: TreePanel) -> None:
    panel.filter.clear()
    panel.apply_filter()  # now, not after the filter box's typing delay


def reveal(panel: TreePanel, candidate: Candidate) -> bool:
    """Select ``candidate`` in the tree, clearing a filter that hides it."""
    model = panel.model
    if candidate.key is not None:
        if panel.filtering and candidate.key not in model.tree:
            _clear_filter(panel)
        return panel.select_key(candidate.key)
    if panel.filtering and model.tree.group(candidate.group) is None:
        _clear_filter(panel)
    index = group_index(model, candidate.group)
    if select_index(panel, index):
        panel.view.expand(index)
        return True
    return False


def _tenant_row(node: Group | Leaf | None) -> bool:
    return isinstance(node, Group) and not node.other and not node.locked


def step_tenant(panel: TreePanel, step: int) -> bool:
    """Select the next (``step`` 1) or previous (-1) tenant after the current one: its row, or
    the same config in it when the current row is a config it also has. False at the end."""
    model, view = panel.model, panel.view
    current = view.currentIndex().siblingAtColumn(0)
    leaf_rel: bytes | None = None
    if not current.isValid():
        rows = model.rowCount(QModelIndex())
        order = range(rows) if step > 0 else range(rows - 1, -1, -1)
        for row in order:
            index = model.index(row, 0, QModelIndex())
            if _tenant_row(model.node(index)):
                return select_index(panel, index)
        return False
    node = model.node(current)
    if isinstance(node, Leaf):
        leaf_rel = node.rel
        current = current.parent()
        if not current.isValid():
            return False
    parent = current.parent()
    row = current.row() + step
    while 0 <= row < model.rowCount(parent):
        index = model.index(row, 0, parent)
        target = model.node(index)
        if isinstance(target, Group) and _tenant_row(target):
            key = target.leaves.get(leaf_rel) if leaf_rel is not None else None
            if key is not None and panel.select_key(key):
                return True
            return select_index(panel, index)
        row += step
    return False
