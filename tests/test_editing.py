"""Editing through the window on a real etcd: form and raw views, guarded saves, conflicts,
unsaved-edit prompts, create and delete. Modal dialogs are answered by patching their exec."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from etcdesk.core.etcd_process import EtcdMember
from etcdesk.core.etcd_store import EtcdStore
from etcdesk.core.journal import JournalQuery, entries_for_key, read_journal
from etcdesk.core.layout import Layout
from etcdesk.core.profiles import Profile
from etcdesk.qt import config_actions, save_flow
from etcdesk.qt.editor_panel import FORM_TAB, RAW_TAB
from etcdesk.qt.main_window import MainWindow
from etcdesk.qt.save_dialogs import ConflictChoice, ConflictDialog
from helpers import seeded_demo_layout


class Dialogs:
    """Answers modal dialogs and records what they said."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.warnings: list[str] = []
        self.previews = 0
        self.preview_texts: list[str] = []
        self.comment = ""
        self.conflict_choice = ConflictChoice.CANCEL
        self.conflicts: list[ConflictDialog] = []
        self.question_answer = QMessageBox.StandardButton.Yes
        self.questions: list[str] = []
        monkeypatch.setattr(
            QMessageBox, "warning", lambda _p, _t, text, *a, **k: self.warnings.append(text)
        )
        monkeypatch.setattr(QMessageBox, "question", self._question)
        monkeypatch.setattr(
            QMessageBox, "information", lambda _p, _t, text, *a, **k: self.warnings.append(text)
        )
        monkeypatch.setattr(save_flow.DiffPreviewDialog, "exec", lambda d: self._preview(d))
        monkeypatch.setattr(save_flow.ConflictDialog, "exec", lambda d: self._conflict(d))

    def _question(
        self, _parent: object, _title: str, text: str, *args: object, **kw: object
    ) -> Any:
        self.questions.append(text)
        return self.question_answer

    def _preview(self, dialog: Any) -> int:
        self.previews += 1
        self.preview_texts.append(dialog.text_diff.toPlainText())
        dialog.comment.setText(self.comment)
        return 1

    def _conflict(self, dialog: ConflictDialog) -> int:
        self.conflicts.append(dialog)
        dialog.choice = self.conflict_choice
        return 1


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> Dialogs:
    answers = Dialogs(monkeypatch)
    window._test_warnings = answers.warnings  # type: ignore[attr-defined]
    return answers


@pytest.fixture
def window(
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
    qtbot.waitUntil(win.isActiveWindow)  # keyboard shortcuts need the active window
    with qtbot.waitSignal(win.session.listing_finished, timeout=15000):
        win.open_profile(Profile("edit", (etcd_server.endpoint,), layout=str(layout_file)))
    qtbot.waitUntil(lambda: win.session.watch_status is not None, timeout=10000)
    return win


def _journal_prefix(prefix: bytes) -> bytes:
    return prefix[:-1] + b"-journal/"


def _open(qtbot: QtBot, win: MainWindow, key: bytes) -> None:
    with qtbot.waitSignal(win.session.value_loaded, timeout=10000):
        assert win.tree_panel.select_key(key)
    qtbot.waitUntil(
        lambda: win.value_panel.loaded is not None and win.value_panel.loaded.key == key
    )


def _saved(qtbot: QtBot, win: MainWindow, action: Callable[[], None]) -> None:
    with qtbot.waitSignal(win.save_flow.saved, timeout=10000):
        action()
        if not win.save_flow.busy:  # refused before writing: say why
            warnings = getattr(win, "_test_warnings", [])
            status = win.statusBar().currentMessage()
            raise AssertionError(f"save did not start: {warnings} {status!r}")


def test_edit_ratelimit_in_the_form_and_save(
    qtbot: QtBot, window: MainWindow, store: EtcdStore, prefix: bytes, dialogs: Dialogs
) -> None:
    key = prefix + b"acme-corp/ratelimit"
    _open(qtbot, window, key)
    editor = window.value_panel.editor
    assert editor.form is not None and editor.tabs.currentIndex() == FORM_TAB
    before = store.get(key).kv
    assert before is not None
    data = editor.form.data()
    data["requests_per_second"] = 4321
    editor.form.set_data(data)
    editor.form.edited.emit()
    assert editor.dirty
    dialogs.comment = "launch day traffic"
    _saved(
        qtbot,
        window,
        lambda: qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier),
    )
    after = store.get(key).kv
    assert after is not None and after.mod_revision > before.mod_revision
    assert json.loads(after.value)["requests_per_second"] == 4321
    assert dialogs.previews == 1
    qtbot.waitUntil(lambda: not editor.dirty)
    # The journal entry was written in the same transaction: same revision, with the why.
    journal = _journal_prefix(prefix)
    entries = entries_for_key(store, journal, window.session.layout, key, [after.mod_revision])
    entry = entries[after.mod_revision]
    assert entry.action == "save" and entry.comment == "launch day traffic"
    assert entry.keys[0].base == before.mod_revision and entry.author.os_user


def test_schema_violation_and_parse_error_are_refused(
    qtbot: QtBot, window: MainWindow, store: EtcdStore, prefix: bytes, dialogs: Dialogs
) -> None:
    key = prefix + b"acme-corp/ratelimit"
    _open(qtbot, window, key)
    editor = window.value_panel.editor
    revision = store.get(key).kv.mod_revision  # type: ignore[union-attr]
    editor.tabs.setCurrentIndex(RAW_TAB)
    text = editor.raw.toPlainText().replace('"requests_per_second": ', '"requests_per_second": -')
    editor.raw.setPlainText(text)
    window.save()
    assert dialogs.warnings and "requests_per_second" in dialogs.warnings[-1]
    assert editor.tabs.currentIndex() == FORM_TAB  # it took us to the field
    editor.tabs.setCurrentIndex(RAW_TAB)
    editor.raw.setPlainText('{"requests_per_second": 5,\n  oops}')
    window.save()
    assert "line 2" in dialogs.warnings[-1]
    # The form cannot be opened while the text does not parse.
    editor.tabs.setCurrentIndex(FORM_TAB)
    assert editor.tabs.currentIndex() == RAW_TAB
    assert store.get(key).kv.mod_revision == revision  # type: ignore[union-attr]
    assert dialogs.previews == 0


def test_untouched_yaml_keeps_its_comments(
    qtbot: QtBot, window: MainWindow, store: EtcdStore, prefix: bytes, dialogs: Dialogs
) -> None:
    key = prefix + b"initech/quota"
    _open(qtbot, window, key)
    editor = window.value_panel.editor
    original = store.get(key).kv.value  # type: ignore[union-attr]
    assert original.startswith(b"#")
    editor.tabs.setCurrentIndex(RAW_TAB)
    editor.tabs.setCurrentIndex(FORM_TAB)
    editor.tabs.setCurrentIndex(RAW_TAB)
    assert editor.raw.toPlainText().encode() == original
    assert not editor.dirty
    # Change a field through the form: the raw view follows, and the save writes it.
    editor.tabs.setCurrentIndex(FORM_TAB)
    data = editor.form.data()  # type: ignore[union-attr]
    data["users"] = data.get("users", 1) + 1
    editor.form.set_data(data)  # type: ignore[union-attr]
    editor.form.edited.emit()  # type: ignore[union-attr]
    editor.tabs.setCurrentIndex(RAW_TAB)
    assert f"users: {data['users']}" in editor.raw.toPlainText()
    _saved(qtbot, window, window.save)
    assert yaml.safe_load(store.get(key).kv.value)["users"] == data["users"]  # type: ignore[union-attr]


def test_concurrent_change_reapplied_on_top_of_theirs(
    qtbot: QtBot, window: MainWindow, store: EtcdStore, prefix: bytes, dialogs: Dialogs
) -> None:
    key = prefix + b"globex/ratelimit"
    _open(qtbot, window, key)
    editor = window.value_panel.editor
    kv = store.get(key).kv
    assert kv is not None
    theirs = json.loads(kv.value)
    theirs["burst"] = 777
    store.put_guarded(key, json.dumps(theirs, indent=2).encode(), kv.mod_revision)
    qtbot.waitUntil(lambda: window.value_panel.loaded.kv.mod_revision > kv.mod_revision)  # type: ignore[union-attr]
    # Reload happened (no edits yet); now edit on a stale base by forcing the old revision.
    editor.tabs.setCurrentIndex(FORM_TAB)
    mine = editor.form.data()  # type: ignore[union-attr]
    mine["requests_per_second"] = 999
    editor.form.set_data(mine)  # type: ignore[union-attr]
    editor.form.edited.emit()  # type: ignore[union-attr]
    current = store.get(key).kv
    assert current is not None
    third = json.loads(current.value)
    third["mode"] = "shadow"
    store.put_guarded(key, json.dumps(third, indent=2).encode(), current.mod_revision)
    qtbot.waitUntil(lambda: window.value_panel.banner.isVisible(), timeout=10000)
    dialogs.conflict_choice = ConflictChoice.REAPPLY
    _saved(qtbot, window, window.save)
    assert len(dialogs.conflicts) == 1
    final = json.loads(store.get(key).kv.value)  # type: ignore[union-attr]
    assert final["requests_per_second"] == 999 and final["mode"] == "shadow"
    assert final["burst"] == 777


def test_conflict_keep_theirs_and_overwrite(
    qtbot: QtBot, window: MainWindow, store: EtcdStore, prefix: bytes, dialogs: Dialogs
) -> None:
    key = prefix + b"hooli/features"
    _open(qtbot, window, key)
    editor = window.value_panel.editor
    editor.tabs.setCurrentIndex(RAW_TAB)
    mine_text = editor.raw.toPlainText().replace("{", '{\n  "sso": true,', 1)
    editor.raw.setPlainText(mine_text)
    kv = store.get(key).kv
    assert kv is not None
    store.put_guarded(key, b'{"sso": false}', kv.mod_revision)
    qtbot.waitUntil(lambda: window.value_panel.banner.isVisible(), timeout=10000)
    dialogs.conflict_choice = ConflictChoice.OVERWRITE
    _saved(qtbot, window, window.save)
    assert json.loads(store.get(key).kv.value)["sso"] is True  # type: ignore[union-attr]


def test_leaving_with_unsaved_edits_asks(
    qtbot: QtBot, window: MainWindow, prefix: bytes, dialogs: Dialogs
) -> None:
    key = prefix + b"acme-corp/quota"
    _open(qtbot, window, key)
    editor = window.value_panel.editor
    editor.tabs.setCurrentIndex(RAW_TAB)
    editor.raw.setPlainText(editor.raw.toPlainText() + "\n# edited\n")
    assert editor.dirty
    dialogs.question_answer = QMessageBox.StandardButton.Cancel
    window.tree_panel.select_key(prefix + b"acme-corp/features")
    assert window.value_panel.key == key and dialogs.questions
    assert window.tree_panel.current_key() == key
    dialogs.question_answer = QMessageBox.StandardButton.Discard
    with qtbot.waitSignal(window.session.value_loaded, timeout=10000):
        window.tree_panel.select_key(prefix + b"acme-corp/features")
    assert window.value_panel.key == prefix + b"acme-corp/features"


def test_create_and_delete_config_and_tenant(
    qtbot: QtBot,
    window: MainWindow,
    store: EtcdStore,
    prefix: bytes,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def new_config_exec(dialog: config_actions.NewConfigDialog) -> int:
        dialog.tenant.setCurrentText("acme-corp")
        dialog.config.setCurrentText("quota")
        return 1

    # quota exists for acme-corp: creating it again is refused, nothing written
    monkeypatch.setattr(config_actions.NewConfigDialog, "exec", new_config_exec)
    before = store.get(prefix + b"acme-corp/quota").kv
    window.config_actions.new_config()
    qtbot.waitUntil(lambda: bool(dialogs.warnings), timeout=10000)
    assert store.get(prefix + b"acme-corp/quota").kv == before

    def new_tenant_exec(dialog: config_actions.NewTenantDialog) -> int:
        dialog.tenant.setText("新租户")
        return 1

    monkeypatch.setattr(config_actions.NewTenantDialog, "exec", new_tenant_exec)
    tenant_prefix = prefix + "新租户/".encode()
    with qtbot.waitSignal(window.config_actions.created, timeout=10000):
        window.config_actions.new_tenant()
    created = [k for page in store.list_keys(tenant_prefix) for k in page.keys]
    assert sorted(created) == sorted(
        tenant_prefix + name.encode() for name in ("certificate", "ratelimit", "features", "quota")
    )
    qtbot.waitUntil(lambda: window.value_panel.key == tenant_prefix + b"certificate", timeout=10000)

    # Delete one config (guarded by the revision shown), then the whole tenant.
    _open(qtbot, window, tenant_prefix + b"quota")
    window.config_actions.delete_config()
    qtbot.waitUntil(lambda: store.get(tenant_prefix + b"quota").kv is None, timeout=10000)
    monkeypatch.setattr(config_actions, "_confirm_text", lambda *_a: ("wrong", True))
    window.config_actions.set_current(None, ("新租户".encode(),))
    window.config_actions.delete_tenant()
    assert store.get(tenant_prefix + b"features").kv is not None
    monkeypatch.setattr(config_actions, "_confirm_text", lambda *_a: ("新租户", True))
    window.config_actions.delete_tenant()
    qtbot.waitUntil(
        lambda: not [k for page in store.list_keys(tenant_prefix) for k in page.keys],
        timeout=10000,
    )
    journaled = read_journal(store, _journal_prefix(prefix), JournalQuery(group="新租户".encode()))
    assert [e.action for e in journaled] == ["delete-tenant", "delete", "create-tenant"]
    assert len(journaled[0].keys) == 3 and {k.op for k in journaled[0].keys} == {"delete"}


def test_read_only_mode_has_no_write_controls(
    qtbot: QtBot, window: MainWindow, etcd_server: EtcdMember, prefix: bytes, tmp_path: Path
) -> None:
    layout_file = next(tmp_path.glob("layout.yaml"))
    with qtbot.waitSignal(window.session.listing_finished, timeout=15000):
        window.open_profile(
            Profile("audit", (etcd_server.endpoint,), layout=str(layout_file), read_only=True)
        )
    _open(qtbot, window, prefix + b"acme-corp/ratelimit")
    editor = window.value_panel.editor
    assert not editor.editable and editor.raw.isReadOnly()
    assert not editor.save_action.isEnabled() and not editor.toolbar.isVisibleTo(window)
    assert not any(a.isVisible() for a in window.config_actions.actions)
    assert not hasattr(window.session.store, "put_guarded")


def test_secret_values_never_reach_logs_or_settings_files(
    qtbot: QtBot,
    window: MainWindow,
    store: EtcdStore,
    prefix: bytes,
    dialogs: Dialogs,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    key = prefix + b"hooli/certificate"
    _open(qtbot, window, key)
    editor = window.value_panel.editor
    assert editor.form is not None
    data = editor.form.data()
    secret = data["private_key_pem"]
    marker = secret.strip().splitlines()[1]  # a line of the key body
    data["issuer"] = "Another CA"
    editor.form.set_data(data)
    editor.form.edited.emit()
    _saved(qtbot, window, window.save)
    # A schema problem in the secret itself must not repeat the secret in the message.
    bad = editor.form.data()
    bad["private_key_pem"] = "not a pem " + marker
    issues = editor.validate(bad)
    assert issues and all(marker not in issue.message for issue in issues)
    window.save_layout()
    window.close()
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix in (".ini", ".json")]
    assert files
    for path in files:
        assert marker not in path.read_text(errors="replace")
    assert marker not in caplog.text


def test_diff_preview_can_be_turned_off_and_stays_off(
    qtbot: QtBot, window: MainWindow, store: EtcdStore, prefix: bytes, dialogs: Dialogs
) -> None:
    assert window.preview_action.isChecked() and window.save_flow.preview_diff
    window.preview_action.setChecked(False)
    assert window.settings.diff_before_save is False
    key = prefix + b"tyrell/ratelimit"
    _open(qtbot, window, key)
    editor = window.value_panel.editor
    data = editor.form.data()  # type: ignore[union-attr]
    data["burst"] = data.get("burst", 1) + 1
    editor.form.set_data(data)  # type: ignore[union-attr]
    editor.form.edited.emit()  # type: ignore[union-attr]
    _saved(qtbot, window, window.save)
    assert dialogs.previews == 0
    window.preview_action.setChecked(True)
    assert window.settings.diff_before_save is True


def test_undo_and_redo_in_both_views(
    qtbot: QtBot, window: MainWindow, prefix: bytes, dialogs: Dialogs
) -> None:
    _open(qtbot, window, prefix + b"acme-corp/ratelimit")
    editor = window.value_panel.editor
    assert editor.form is not None
    original = editor.form.data()
    first = dict(original, burst=11)
    editor.form.set_data(first)
    editor.form.edited.emit()
    editor._last_push = 0.0  # the next edit is a separate undo step (no typing pause needed)
    second = dict(first, burst=22)
    editor.form.set_data(second)
    editor.form.edited.emit()
    editor.undo_action.trigger()
    assert editor.form.data()["burst"] == 11
    editor.undo_action.trigger()
    assert editor.form.data() == original and not editor.dirty
    editor.redo_action.trigger()
    assert editor.form.data()["burst"] == 11 and editor.dirty
    # In the raw view, undo is the text editor's own.
    editor.tabs.setCurrentIndex(RAW_TAB)
    text = editor.raw.toPlainText()
    editor.raw.insertPlainText("\n")
    assert editor.raw.toPlainText() != text
    editor.undo_action.trigger()
    assert editor.raw.toPlainText() == text


def test_a_value_over_the_request_limit_is_refused_before_the_preview(
    qtbot: QtBot, window: MainWindow, store: EtcdStore, prefix: bytes, dialogs: Dialogs
) -> None:
    key = prefix + b"acme-corp/README"
    store.put_guarded(key, b"notes", 0)
    qtbot.waitUntil(lambda: key in window.session.tree, timeout=10000)  # the watch adds it
    _open(qtbot, window, key)
    editor = window.value_panel.editor
    editor.raw.setPlainText("x" * (2 * 1024 * 1024))
    assert not window.save_flow.save()
    assert "etcd accepts at most" in dialogs.warnings[-1]
    assert dialogs.previews == 0
    assert store.get(key).kv.value == b"notes"  # type: ignore[union-attr]


def test_clicking_a_tenant_row_with_unsaved_edits_asks_first(
    qtbot: QtBot, window: MainWindow, prefix: bytes, dialogs: Dialogs
) -> None:
    key = prefix + b"globex/quota"
    _open(qtbot, window, key)
    editor = window.value_panel.editor
    editor.tabs.setCurrentIndex(RAW_TAB)
    editor.raw.setPlainText(editor.raw.toPlainText() + "\n# edited\n")
    dialogs.question_answer = QMessageBox.StandardButton.Cancel
    tenant = window.session.model.index_of_key(key).parent()
    window.tree_panel.view.setCurrentIndex(tenant)
    assert dialogs.questions and window.value_panel.key == key and editor.dirty
    assert window.tree_panel.current_key() == key


def test_raw_view_masks_secrets_until_shown_and_saves_the_real_value(
    qtbot: QtBot, window: MainWindow, store: EtcdStore, prefix: bytes, dialogs: Dialogs
) -> None:
    key = prefix + b"hooli/certificate"
    secret = yaml.safe_load(store.get(key).kv.value)["private_key_pem"]  # type: ignore[union-attr]
    marker = secret.strip().splitlines()[1]
    _open(qtbot, window, key)
    editor = window.value_panel.editor
    editor.tabs.setCurrentIndex(RAW_TAB)
    assert marker not in editor.raw.toPlainText() and "••••••" in editor.raw.toPlainText()
    assert editor.raw.isReadOnly() and editor.reveal_action.isVisible()
    # Shown: the real text, editable; an edit there reaches the form when masked again.
    editor.reveal_action.setChecked(True)
    assert marker in editor.raw.toPlainText() and not editor.raw.isReadOnly()
    editor.raw.setPlainText(editor.raw.toPlainText().replace("issuer:", "issuer: X", 1))
    editor.reveal_action.setChecked(False)
    assert marker not in editor.raw.toPlainText() and editor.raw.isReadOnly()
    assert editor.form is not None and editor.form.data()["issuer"].startswith("X")
    assert editor.dirty
    _saved(qtbot, window, window.save)
    assert dialogs.preview_texts and marker not in dialogs.preview_texts[-1]  # masked there too
    saved = yaml.safe_load(store.get(key).kv.value)  # type: ignore[union-attr]
    assert saved["private_key_pem"] == secret and saved["issuer"].startswith("X")
