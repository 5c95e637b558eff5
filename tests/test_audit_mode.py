"""Audit mode: a write is impossible, not merely hidden (DESIGN §8, issue 6).

Two halves: the read-only connection refuses every write RPC before it is sent (by
construction, whatever the UI does), and in the window every action, shortcut and dialog,
each answered "yes", leaves the server's revision unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from etcd3 import etcdrpc
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from etcdesk.core.errors import ReadOnlyMode
from etcdesk.core.etcd_process import EtcdMember
from etcdesk.core.etcd_store import ConnectionSpec, EtcdReader, EtcdStore, connect
from etcdesk.core.layout import Layout
from etcdesk.core.profiles import Profile
from etcdesk.qt.main_window import MainWindow
from helpers import ROOT_PW, seeded_demo_layout

WRITE_METHODS = (
    "put_guarded",
    "delete_guarded",
    "put_if_unchanged_since",
    "create_all",
    "delete_all_guarded",
    "apply_guarded",
    "grant_lease",
)


def test_the_read_only_connection_cannot_write_by_construction(
    store: EtcdStore, etcd_server: EtcdMember, prefix: bytes
) -> None:
    key = prefix + b"acme/ratelimit"
    store.put_guarded(key, b"rps: 1", 0)
    reader = connect(ConnectionSpec((etcd_server.endpoint,)), read_only=True)
    try:
        assert type(reader) is EtcdReader
        assert not any(hasattr(reader, name) for name in WRITE_METHODS)
        before = reader.status().revision
        put = etcdrpc.PutRequest(key=key, value=b"rps: 999")
        nested = etcdrpc.TxnRequest(
            success=[
                etcdrpc.RequestOp(
                    request_txn=etcdrpc.TxnRequest(success=[etcdrpc.RequestOp(request_put=put)])
                )
            ]
        )
        attempts: list[tuple[str, str, Any]] = [
            ("KVStub", "Put", put),
            ("KVStub", "DeleteRange", etcdrpc.DeleteRangeRequest(key=key)),
            ("KVStub", "Txn", nested),
            (
                "KVStub",
                "Txn",
                etcdrpc.TxnRequest(
                    failure=[
                        etcdrpc.RequestOp(request_delete_range=etcdrpc.DeleteRangeRequest(key=key))
                    ]
                ),
            ),
            ("KVStub", "Compact", etcdrpc.CompactionRequest(revision=before)),
            ("LeaseStub", "LeaseGrant", etcdrpc.LeaseGrantRequest(TTL=60)),
            ("AuthStub", "AuthEnable", etcdrpc.AuthEnableRequest()),
            ("AuthStub", "UserAdd", etcdrpc.AuthUserAddRequest(name="x", password="y")),
        ]
        for kind, method, request in attempts:
            with pytest.raises(ReadOnlyMode, match="was not sent"):
                reader._call(kind, method, request)
        # Reads still work, including a read-only transaction.
        assert reader.get_many([key], 0)[key].value == b"rps: 1"
        assert reader.status().revision == before
        assert store.get(key).kv.value == b"rps: 1"  # type: ignore[union-attr]
    finally:
        reader.close()


@pytest.fixture
def audit_window(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    layout: Layout,
    tmp_path: Path,
    prefix: bytes,
    store: EtcdStore,
    etcd_server: EtcdMember,
) -> MainWindow:
    layout_file = seeded_demo_layout(store, layout, tmp_path, prefix)
    win = make_window()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    profile = Profile("audit", (etcd_server.endpoint,), layout=str(layout_file), read_only=True)
    with qtbot.waitSignal(win.session.listing_finished, timeout=15000):
        win.open_profile(profile)
    qtbot.waitUntil(lambda: win.session.watch_status is not None, timeout=10000)
    return win


def _open(qtbot: QtBot, win: MainWindow, key: bytes) -> None:
    with qtbot.waitSignal(win.session.value_loaded, timeout=10000):
        assert win.tree_panel.select_key(key)
    qtbot.waitUntil(
        lambda: win.value_panel.loaded is not None and win.value_panel.loaded.key == key
    )


def _say_yes_to_everything(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every dialog accepts, every question is answered yes: the most a user could do."""
    said: list[str] = []
    yes = QMessageBox.StandardButton.Yes

    def answer(*args: Any, **_kw: Any) -> Any:
        said.append(" ".join(str(a) for a in args[1:3]))
        return yes

    for name in ("warning", "question", "information", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, answer)
    monkeypatch.setattr(QDialog, "exec", lambda _self: 1)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("acme-corp", True))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    return said


def test_every_ui_path_in_audit_mode_leaves_the_server_unchanged(
    qtbot: QtBot,
    audit_window: MainWindow,
    store: EtcdStore,
    prefix: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    win = audit_window
    before = store.status().revision
    assert win.audit_banner.isVisible() and "Audit mode: read only" in win.audit_banner.text()
    assert type(win.session.store) is EtcdReader
    _say_yes_to_everything(monkeypatch)

    # A config with a form: edit it and try every way of saving.
    key = prefix + b"acme-corp/ratelimit"
    _open(qtbot, win, key)
    editor = win.value_panel.editor
    assert not editor.editable and editor.raw.isReadOnly()
    if editor.form is not None:
        data = editor.form.data()
        data["requests_per_second"] = 1
        editor.form.set_data(data)
        editor.form.edited.emit()
    qtbot.keyClick(win, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(win.tree_panel.view, Qt.Key.Key_Delete)
    win.save()
    win.save_flow.save()

    # History and timeline: no rollback control exists; calling the slots does nothing.
    win.history_action.trigger()
    panel = win.history_panel
    qtbot.waitUntil(lambda: panel.key == key and bool(panel.model.rows), timeout=10000)
    assert panel.rollback_button is None
    panel.view.selectRow(len(panel.model.rows) - 1)
    panel.rollback_selected()
    win.timeline_action.trigger()
    timeline = win.timeline_dialog
    qtbot.waitUntil(lambda: bool(timeline.model.rows), timeout=10000)
    assert timeline.rollback_button is None
    timeline.close()

    # Every action of the window, hidden or not, triggered with every dialog saying yes.
    skip = {"&Quit"}
    for action in win.findChildren(QAction):
        if action.text() not in skip and not action.isSeparator():
            action.trigger()
            qtbot.wait(10)
    for group in (b"acme-corp",):
        win.config_actions.set_current(prefix + group + b"/quota", (group,))
        for action in win.config_actions.actions:
            action.trigger()
    qtbot.wait(500)  # anything that was submitted in the background has run by now
    assert store.status().revision == before


def test_secret_fields_stay_masked_in_audit_mode(
    qtbot: QtBot, audit_window: MainWindow, store: EtcdStore, prefix: bytes
) -> None:
    key = prefix + b"hooli/certificate"
    kv = store.get(key).kv
    assert kv is not None
    import yaml

    secret = yaml.safe_load(kv.value)["private_key_pem"]
    marker = secret.strip().splitlines()[1]
    _open(qtbot, audit_window, key)
    editor = audit_window.value_panel.editor
    assert editor.masked and marker not in editor.raw.toPlainText()
    assert "••••••" in editor.raw.toPlainText()
    assert editor.form is not None
    # No reveal button anywhere in the form of an audit profile.
    from PySide6.QtWidgets import QAbstractButton

    texts = [
        b.text().lower() + b.toolTip().lower() for b in editor.form.findChildren(QAbstractButton)
    ]
    assert not any("reveal" in t or "show" in t for t in texts)
    # The history diff of the same key masks it too.
    audit_window.history_action.trigger()
    panel = audit_window.history_panel
    qtbot.waitUntil(lambda: panel.key == key and bool(panel.model.rows), timeout=10000)
    panel.view.selectRow(len(panel.model.rows) - 1)
    qtbot.waitUntil(lambda: "computing" not in panel.diff_label.text(), timeout=10000)
    shown = panel.diff.text.new_pane.toPlainText() + panel.diff.text.old_pane.toPlainText()
    assert marker not in shown


def test_audit_mode_exports_a_bundle_with_secrets_masked(
    qtbot: QtBot,
    audit_window: MainWindow,
    store: EtcdStore,
    prefix: bytes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import yaml

    from etcdesk.core.bundles import read_bundle
    from etcdesk.core.masking import MASK
    from etcdesk.qt.bundle_dialogs import ExportDialog

    win = audit_window
    before = store.status().revision
    actions = win.bundle_actions
    assert actions.export_action.isVisible() and actions.export_action.isEnabled()
    assert not actions.import_action.isVisible() and not actions.clone_action.isVisible()
    kv = store.get(prefix + b"hooli/certificate").kv
    assert kv is not None
    marker = yaml.safe_load(kv.value)["private_key_pem"].strip().splitlines()[1]
    notes: list[str] = []

    def exec_(dialog: ExportDialog) -> int:
        dialog.everything.setChecked(True)
        notes.append(dialog.note.text())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", exec_)
    target = tmp_path / "audit.yaml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(actions.exported, timeout=15000):
        actions.export_action.trigger()
    assert "masked" in notes[0] and "masked" in win.statusBar().currentMessage()
    bundle = read_bundle(target)
    assert bundle.secrets_masked and marker not in target.read_text()
    hooli = next(t for t in bundle.tenants if t.name == "hooli")
    cert = next(e for e in hooli.entries if e.key == b"certificate")
    assert yaml.safe_load(cert.value)["private_key_pem"] == MASK
    assert store.status().revision == before


def test_the_audit_banner_warns_when_the_etcd_user_could_write(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    auth_etcd: EtcdMember,
    tmp_path: Path,
) -> None:

    win = make_window(ask_password=lambda _profile: ROOT_PW)
    profile = Profile("audit-root", (auth_etcd.endpoint,), user="root", read_only=True)
    with qtbot.waitSignal(win.session.audit_warning_changed, timeout=15000):
        win.open_profile(profile)
    qtbot.waitUntil(lambda: "root role" in win.audit_banner.text(), timeout=10000)
    text = win.audit_banner.text()
    assert win.audit_banner.isVisible() and "Audit mode: read only" in text
    assert "not a read-only account" in text
