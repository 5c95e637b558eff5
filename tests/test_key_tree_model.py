"""KeyTreeModel: lazy rows over KeyTree, checked by Qt's own model tester."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from etcdesk.core.keytree import KeyTree
from etcdesk.core.layout import layout_from_mapping, load_layout
from etcdesk.qt.key_tree_model import IS_GROUP_ROLE, KEY_ROLE, KeyTreeModel


def _labels(model: KeyTreeModel, parent=None) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    return [model.data(model.index(r, 0, parent)) for r in range(model.rowCount(parent))]


# Qt's model tester reports problems as warnings: make them fail the test.
pytestmark = pytest.mark.qt_log_level_fail("WARNING")


def test_model_passes_qt_model_tester_through_incremental_pages(
    qtmodeltester: ModelTester,
) -> None:
    model = KeyTreeModel(load_layout())
    qtmodeltester.check(model, force_py=False)
    first = tuple(b"/tenants/t%d/c%d" % (i, j) for i in range(5) for j in range(3))
    model.add_keys((*first, b"/tenants/README", "/tenants/华东/quota".encode(), b"/tenants/\xff/x"))
    # Expand one tenant so the next page must insert into visible children too.
    t1 = model.index_of_key(b"/tenants/t1/c2")
    assert t1.isValid()
    model.add_keys((b"/tenants/a0/c", b"/tenants/t1/c11", b"/tenants/zz/c"))
    labels = _labels(model)
    assert labels[:2] == ["a0", "t0"]
    assert labels[-1] == "Other keys"
    assert "华东" in labels and "\\xff" in labels
    assert _labels(model, model.index_of_key(b"/tenants/t1/c2").parent()) == [
        "c0",
        "c1",
        "c11",
        "c2",
    ]


def test_children_are_lazy(qtbot: QtBot) -> None:
    model = KeyTreeModel(load_layout())
    model.add_keys(tuple(b"/tenants/t%03d/c%02d" % (i, j) for i in range(200) for j in range(50)))
    assert model.rowCount() == 200
    tenant = model.index(0, 0)
    assert model.hasChildren(tenant)
    # Nothing materialised before expansion: one empty placeholder row gives the expand arrow
    # (drawn from C++), and stands for its group.
    assert model.rowCount(tenant) == 1
    placeholder = model.index(0, 0, tenant)
    assert model.data(placeholder) is None and model.data(placeholder, KEY_ROLE) is None
    assert model.node(placeholder) is model.node(tenant)
    assert model.tree.root.groups[b"t000"].materialized is False
    assert model.canFetchMore(tenant)
    model.fetchMore(tenant)
    assert model.rowCount(tenant) == 50
    assert model.data(model.index(0, 1)) == "50"
    leaf = model.index(0, 0, tenant)
    assert model.data(leaf, KEY_ROLE) == b"/tenants/t000/c00"
    assert model.data(leaf, IS_GROUP_ROLE) is False
    assert model.data(tenant, IS_GROUP_ROLE) is True
    # Rows are selected, never edited or dragged (the cells are QStandardItems).
    selectable = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    assert model.flags(leaf) == model.flags(tenant) == model.flags(model.index(0, 1)) == selectable
    assert model.node(leaf.siblingAtColumn(1)) is model.node(leaf)
    # While rows change (no fetching then), a key under an unfetched group has no row yet:
    # never its group's placeholder.
    model._changing = True
    assert not model.index_of_key(b"/tenants/t001/c00").isValid()
    model._changing = False
    assert model.data(model.index_of_key(b"/tenants/t001/c00")) == "c00"


def test_set_tree_resets_and_multi_level_layout(qtmodeltester: ModelTester) -> None:
    layout = layout_from_mapping({"root": "/cfg/", "pattern": "{env}/tenants/{tenant}/{config...}"})
    tree = KeyTree(layout)
    tree.add_keys(
        [b"/cfg/prod/tenants/acme/ratelimit", b"/cfg/prod/tenants/acme/quota", b"/cfg/dev/x"]
    )
    model = KeyTreeModel(layout)
    model.set_tree(tree)
    qtmodeltester.check(model, force_py=False)
    assert _labels(model) == ["prod", "Other keys"]
    index = model.index_of_key(b"/cfg/prod/tenants/acme/quota")
    assert model.data(index) == "quota"
    assert model.data(index.parent()) == "acme"
    assert model.data(index.parent().parent()) == "prod"
    assert model.data(model.index(0, 1)) == "2"


def test_apply_changes_inserts_and_removes_rows_precisely(qtmodeltester: ModelTester) -> None:
    from PySide6.QtCore import QPersistentModelIndex

    model = KeyTreeModel(load_layout())
    model.add_keys(tuple(b"/tenants/t%d/c%d" % (i, j) for i in range(4) for j in range(3)))
    qtmodeltester.check(model, force_py=False)
    expanded = model.index_of_key(b"/tenants/t2/c1").parent()
    keep = QPersistentModelIndex(model.index_of_key(b"/tenants/t2/c2"))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    layouts: list[bool] = []  # rows inserted never announce a layout change (nothing moves)
    model.layoutChanged.connect(lambda *_args: layouts.append(True))
    model.apply_changes(
        added=[b"/tenants/t2/c15", b"/tenants/new/x", b"/tenants/README"],
        removed=[b"/tenants/t2/c0", b"/tenants/t0/c0", b"/tenants/t0/c1", b"/tenants/t0/c2"],
    )
    assert not resets  # precise row changes, never a reset
    assert not layouts
    assert _labels(model) == ["new", "t1", "t2", "t3", "Other keys"]
    assert _labels(model, expanded) == ["c1", "c15", "c2"]
    assert keep.isValid() and model.data(keep) == "c2"  # selections survive
    assert model.data(model.index(2, 1)) == "3"
    assert len(model.tree) == 12 - 4 + 3
    model.apply_changes(added=[], removed=[b"/tenants/README"])
    assert _labels(model)[-1] == "t3"
