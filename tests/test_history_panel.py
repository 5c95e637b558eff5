"""The history panel in the real window, on a real etcd: lazy rows, journal join, diffs,
guarded key rollback, audit mode without a rollback control."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from etcdesk.core.edits import save_value
from etcdesk.core.etcd_process import EtcdMember
from etcdesk.core.etcd_store import ConnectionSpec, EtcdStore
from etcdesk.core.journal import Author, Journal, entries_for_key
from etcdesk.core.layout import Layout
from etcdesk.core.profiles import Profile
from etcdesk.qt import history_panel
from etcdesk.qt.main_window import MainWindow
from helpers import compact


def _journal(prefix: bytes) -> bytes:
    return prefix[:-1] + b"-journal/"


def _open_window(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    prefix: bytes,
    endpoint: str,
    **kwargs: Any,
) -> MainWindow:
    layout_file = tmp_path / "layout.yaml"
    layout_file.write_text(
        f'root: {prefix.decode()}\npattern: "{{tenant}}/{{config...}}"\n'
        f"journal: {_journal(prefix).decode()}\n"
    )
    win = make_window(**kwargs)
    with qtbot.waitSignal(win.session.listing_finished, timeout=15000):
        win.open_profile(Profile("history", (endpoint,), layout=str(layout_file)))
    return win


def _show_history(qtbot: QtBot, win: MainWindow, key: bytes, rows: int) -> None:
    with qtbot.waitSignal(win.session.value_loaded, timeout=10000):
        assert win.tree_panel.select_key(key)
    win.history_action.trigger()
    panel = win.history_panel
    qtbot.waitUntil(lambda: panel.key == key and len(panel.model.rows) >= rows, timeout=10000)


def _cell(win: MainWindow, row: int, column: int) -> str:
    model = win.history_panel.model
    return str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))


def _select(win: MainWindow, *rows: int) -> None:
    panel = win.history_panel
    selection = panel.view.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(
            panel.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


@pytest.fixture
def seeded(store: EtcdStore, prefix: bytes, layout: Layout) -> tuple[bytes, list[int]]:
    key = prefix + b"acme/ratelimit"
    journal = Journal(_journal(prefix), Author("alice", "ops", "desk-1"))
    r1 = save_value(store, key, b'{"rps": 100}', 0, layout=layout, journal=journal).revision
    r2 = store.put_guarded(key, b'{"rps": 150}', r1)  # another tool: no journal entry
    r3 = save_value(
        store,
        key,
        b'{"rps": 200, "burst": 10}',
        r2,
        layout=layout,
        journal=journal,
        comment="launch day",
    ).revision
    return key, [r3, r2, r1]


def test_history_rows_join_the_journal_and_show_diffs(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    prefix: bytes,
    etcd_server: EtcdMember,
    seeded: tuple[bytes, list[int]],
) -> None:
    key, revisions = seeded
    win = _open_window(qtbot, make_window, tmp_path, prefix, etcd_server.endpoint)
    _show_history(qtbot, win, key, 3)
    panel = win.history_panel
    assert [r.revision for r in panel.model.rows] == revisions
    qtbot.waitUntil(lambda: panel.model.done)
    assert _cell(win, 0, 4) == "alice (ops@desk-1)" and _cell(win, 0, 6) == "launch day"
    assert _cell(win, 1, 4) == "changed outside etcdesk"
    assert "rps: 150 → 200" in _cell(win, 0, 3) and "+burst" in _cell(win, 0, 3)
    assert _cell(win, 2, 3) == "created"
    assert "complete history" in panel.footer.text()
    # The newest revision is selected: its diff against the one before.
    qtbot.waitUntil(lambda: "What revision" in panel.diff_label.text())
    qtbot.waitUntil(lambda: "computing" not in panel.diff_label.text())
    assert '"burst": 10' in panel.diff.text.new_pane.toPlainText()
    assert '"burst"' not in panel.diff.text.old_pane.toPlainText()
    # Two rows: the diff between them.
    _select(win, 0, 2)
    qtbot.waitUntil(
        lambda: (
            panel.diff_label.text() == f"From revision {revisions[2]} to revision {revisions[0]}"
        )
    )
    fields = panel.diff.fields
    paths = {fields.topLevelItem(i).text(1) for i in range(fields.topLevelItemCount())}
    assert paths == {"$.rps", "$.burst"}


def test_key_rollback_is_journaled_and_refuses_a_concurrent_change(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    prefix: bytes,
    etcd_server: EtcdMember,
    store: EtcdStore,
    seeded: tuple[bytes, list[int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key, revisions = seeded
    win = _open_window(qtbot, make_window, tmp_path, prefix, etcd_server.endpoint)
    _show_history(qtbot, win, key, 3)
    panel = win.history_panel
    assert panel.rollback_button is not None

    def confirm(dialog: history_panel.RollbackDialog) -> int:
        dialog.comment.setText("back to the launch value")
        return 1

    monkeypatch.setattr(history_panel.RollbackDialog, "exec", confirm)
    _select(win, 2)
    with qtbot.waitSignal(panel.rolled_back, timeout=10000) as signal:
        panel.rollback_button.click()
    revision = signal.args[1]
    kv = store.get(key).kv
    assert kv is not None and kv.value == b'{"rps": 100}' and kv.mod_revision == revision
    entry = entries_for_key(store, _journal(prefix), win.session.layout, key, [revision])
    assert entry[revision].action == "rollback" and entry[revision].rollback_to == revisions[2]
    assert entry[revision].comment == "back to the launch value"
    # The panel reloads from the new revision.
    qtbot.waitUntil(lambda: bool(panel.model.rows) and panel.model.rows[0].revision == revision)

    # Someone writes while the confirmation is open: refused, nothing written.
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))

    def race(dialog: history_panel.RollbackDialog) -> int:
        store.put_guarded(key, b'{"rps": 999}', revision)
        return 1

    monkeypatch.setattr(history_panel.RollbackDialog, "exec", race)
    qtbot.waitUntil(lambda: len(panel.model.rows) >= 4)
    _select(win, 3)
    panel.rollback_button.click()
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert "nothing was written" in warnings[0]
    assert store.get(key).kv.value == b'{"rps": 999}'  # type: ignore[union-attr]


def test_history_loads_lazily_and_reports_compaction(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    own_etcd: EtcdMember,
) -> None:
    prefix = b"/tenants/"
    store = EtcdStore(ConnectionSpec((own_etcd.endpoint,), timeout=5))
    try:
        key = prefix + b"acme/quota"
        revision = 0
        for i in range(120):
            revision = store.put_guarded(key, f"max: {i}".encode(), revision)
        win = _open_window(qtbot, make_window, tmp_path, prefix, own_etcd.endpoint)
        _show_history(qtbot, win, key, 50)
        panel = win.history_panel
        assert len(panel.model.rows) == 50 and not panel.model.done
        assert "scroll down" in panel.footer.text()
        while not panel.model.done:
            count = len(panel.model.rows)
            panel.view.scrollToBottom()
            qtbot.waitUntil(
                lambda c=count: len(panel.model.rows) > c or panel.model.done,  # type: ignore[misc]
                timeout=10000,
            )
        assert [r.version for r in panel.model.rows] == list(range(120, 0, -1))
        # After a compaction the history ends honestly.
        store.put_guarded(key, b"max: final", revision)
        floor = compact(store)
        panel.refresh()
        qtbot.waitUntil(lambda: panel.model.done and bool(panel.model.rows), timeout=10000)
        assert f"history before revision {floor} is not retained" in panel.footer.text()
    finally:
        store.close()


def test_audit_mode_history_has_no_rollback_control(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    prefix: bytes,
    etcd_server: EtcdMember,
    seeded: tuple[bytes, list[int]],
) -> None:
    key, _revisions = seeded
    win = _open_window(
        qtbot, make_window, tmp_path, prefix, etcd_server.endpoint, force_read_only=True
    )
    _show_history(qtbot, win, key, 3)
    assert win.history_panel.rollback_button is None
    assert win.history_panel.store is None


def test_tenant_timeline_opens_from_the_window_and_leads_to_a_key_history(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    prefix: bytes,
    etcd_server: EtcdMember,
    store: EtcdStore,
    seeded: tuple[bytes, list[int]],
) -> None:
    key, revisions = seeded
    gone = prefix + b"acme/quota"
    created = store.put_guarded(gone, b"max: 1", 0)
    deleted = store.delete_guarded(gone, created)
    win = _open_window(qtbot, make_window, tmp_path, prefix, etcd_server.endpoint)
    assert not win.timeline_action.isEnabled()
    with qtbot.waitSignal(win.session.value_loaded, timeout=10000):
        assert win.tree_panel.select_key(key)
    assert win.timeline_action.isEnabled()
    assert win.timeline_action in win.tree_panel.view.actions()  # also in the context menu
    win.timeline_action.trigger()
    dialog = win.timeline_dialog
    qtbot.waitUntil(lambda: len(dialog.model.rows) == 5, timeout=10000)
    assert [row.revision for row in dialog.model.rows] == [deleted, created, *revisions]
    # A deleted config from the timeline opens its history, deletion first.
    dialog.key_requested.emit(gone, deleted)
    panel = win.history_panel
    qtbot.waitUntil(lambda: panel.key == gone and panel.model.done, timeout=10000)
    assert [(r.revision, r.deleted) for r in panel.model.rows] == [
        (deleted, True),
        (created, False),
    ]
    assert win.history_dock.isVisible()
    dialog.close()


def test_change_journal_opens_from_the_window_and_leads_to_a_key_history(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    prefix: bytes,
    etcd_server: EtcdMember,
    seeded: tuple[bytes, list[int]],
) -> None:
    key, _revisions = seeded
    win = _open_window(qtbot, make_window, tmp_path, prefix, etcd_server.endpoint)
    qtbot.waitUntil(win.journal_action.isEnabled, timeout=10000)
    win.journal_action.trigger()
    dialog = win.journal_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=10000)
    dialog.key_requested.emit(key)
    panel = win.history_panel
    qtbot.waitUntil(lambda: panel.key == key and len(panel.model.rows) == 3, timeout=10000)
    assert win.value_panel.key == key  # the key was selected in the tree too
    dialog.close()


def test_a_deleted_key_is_restored_from_its_history(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    prefix: bytes,
    etcd_server: EtcdMember,
    store: EtcdStore,
    seeded: tuple[bytes, list[int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _key, _revisions = seeded
    gone = prefix + b"acme/quota"
    created = store.put_guarded(gone, b"max: 7", 0)
    deleted = store.delete_guarded(gone, created)
    win = _open_window(qtbot, make_window, tmp_path, prefix, etcd_server.endpoint)
    win.show_history(gone, deleted)
    panel = win.history_panel
    qtbot.waitUntil(lambda: panel.model.done and len(panel.model.rows) == 2, timeout=10000)
    texts: list[str] = []

    def confirm(dialog: history_panel.RollbackDialog) -> int:
        texts.append(dialog.findChild(type(panel.footer)).text())
        return 1

    monkeypatch.setattr(history_panel.RollbackDialog, "exec", confirm)
    _select(win, 1)
    assert panel.rollback_button is not None and panel.rollback_button.isEnabled()
    with qtbot.waitSignal(panel.rolled_back, timeout=10000):
        panel.rollback_button.click()
    assert "restores the deleted key" in texts[0]
    restored = store.get(gone).kv
    assert restored is not None and restored.value == b"max: 7" and restored.version == 1
