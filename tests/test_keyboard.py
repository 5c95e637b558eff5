"""Every keyboard shortcut of the window, pressed on a real, seeded etcd (issue 7): the Help
dialog's list comes from the window's actions, and this test presses each one of them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from etcdesk.core.etcd_process import EtcdMember
from etcdesk.core.etcd_store import EtcdStore
from etcdesk.core.layout import Layout
from etcdesk.core.profiles import Profile
from etcdesk.qt import config_actions, main_window, save_flow
from etcdesk.qt.about_dialog import AboutDialog
from etcdesk.qt.editor_panel import RAW_TAB
from etcdesk.qt.main_window import MainWindow
from etcdesk.qt.settings_dialog import SettingsDialog
from etcdesk.qt.shortcuts_dialog import ShortcutsDialog, window_shortcuts
from helpers import seeded_demo_layout

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


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
    with qtbot.waitSignal(win.session.listing_finished, timeout=15000):
        win.open_profile(Profile("keys", (etcd_server.endpoint,), layout=str(layout_file)))
    qtbot.waitUntil(lambda: win.session.watch_status is not None, timeout=10000)
    return win


class Keyboard:
    """Presses keys in the active window and remembers which sequences it pressed."""

    def __init__(self, qtbot: QtBot, win: MainWindow) -> None:
        self.qtbot, self.win = qtbot, win
        self.pressed: set[str] = set()

    def press(
        self,
        key: Qt.Key,
        modifiers: Qt.KeyboardModifier = NONE,
        widget: QWidget | None = None,
    ) -> None:
        if widget is None or widget.window() is self.win:
            self.win.activateWindow()
            self.qtbot.waitUntil(self.win.isActiveWindow)  # shortcuts need the active window
        target = widget or self.win.tree_panel.view
        sequence = QKeySequence(QKeyCombination(modifiers, key))
        self.pressed.add(sequence.toString(QKeySequence.SequenceFormat.NativeText))
        self.qtbot.keyClick(target, key, modifiers)

    def press_sequence(self, sequence: QKeySequence, widget: QWidget | None = None) -> None:
        combination = sequence[0]
        self.press(combination.key(), combination.keyboardModifiers(), widget)


def _open(qtbot: QtBot, win: MainWindow, key: bytes) -> None:
    with qtbot.waitSignal(win.session.value_loaded, timeout=10000):
        assert win.tree_panel.select_key(key)
    qtbot.waitUntil(
        lambda: win.value_panel.loaded is not None and win.value_panel.loaded.key == key
    )


def _shown_key(qtbot: QtBot, win: MainWindow, key: bytes) -> None:
    qtbot.waitUntil(
        lambda: win.value_panel.loaded is not None and win.value_panel.loaded.key == key,
        timeout=10000,
    )


def test_every_listed_shortcut_works(
    qtbot: QtBot,
    window: MainWindow,
    prefix: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    win = window
    kb = Keyboard(qtbot, win)
    opened: dict[str, list[Any]] = {}

    def record(name: str, result: int = 0) -> Callable[[Any], int]:
        def exec_(dialog: Any) -> int:
            opened.setdefault(name, []).append(dialog)
            return result

        return exec_

    monkeypatch.setattr(ShortcutsDialog, "exec", record("shortcuts"))
    monkeypatch.setattr(SettingsDialog, "exec", record("settings"))
    monkeypatch.setattr(main_window.ProfileDialog, "exec", record("connect"))
    monkeypatch.setattr(config_actions.NewConfigDialog, "exec", record("new config"))
    monkeypatch.setattr(save_flow.DiffPreviewDialog, "exec", record("diff preview", 1))
    questions: list[str] = []

    def question(_parent: object, _title: str, text: str, *_a: object, **_k: object) -> Any:
        questions.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)

    # F1 and Ctrl+/: the shortcuts, read from the window's actions.
    kb.press(Qt.Key.Key_F1)
    kb.press(Qt.Key.Key_Slash, CTRL)
    assert len(opened["shortcuts"]) == 2
    rows = opened["shortcuts"][0].rows()
    assert ("Ctrl+K / Ctrl+P", "Go to tenant or config", "Go") in rows
    assert ("Ctrl+Shift+F", "Find in values", "View") in rows

    # Ctrl+F: the filter box.
    kb.press(Qt.Key.Key_F, CTRL)
    assert win.tree_panel.filter.hasFocus()

    # Ctrl+K: quick open a config by typing, Enter opens it.
    key = prefix + b"globex/quota"
    kb.press(Qt.Key.Key_K, CTRL)
    popup = win.quick_open
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClicks(popup.edit, "globex quo")
    with qtbot.waitSignal(win.session.value_loaded, timeout=10000):
        qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    _shown_key(qtbot, win, key)
    assert win.tree_panel.current_key() == key

    # Ctrl+P: the same for a tenant (with a filter on that hides it: the filter is cleared).
    win.tree_panel.filter.setText("acme")
    win.tree_panel.apply_filter()
    kb.press(Qt.Key.Key_P, CTRL)
    popup = win.quick_open
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClicks(popup.edit, "hooli")
    qtbot.keyClick(popup.edit, Qt.Key.Key_Down)
    qtbot.keyClick(popup.edit, Qt.Key.Key_Up)  # arrows in the line move through the list
    qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    assert not win.tree_panel.filtering
    assert win.config_actions.current_group == (b"hooli",)

    # Ctrl+PgDown / Ctrl+PgUp: next and previous tenant; a config stays the same config.
    kb.press(Qt.Key.Key_PageDown, CTRL)
    assert win.config_actions.current_group == (b"initech",)
    kb.press(Qt.Key.Key_PageUp, CTRL)
    assert win.config_actions.current_group == (b"hooli",)
    _open(qtbot, win, prefix + b"acme-corp/quota")
    with qtbot.waitSignal(win.session.value_loaded, timeout=10000):
        kb.press(Qt.Key.Key_PageDown, CTRL)
    _shown_key(qtbot, win, prefix + b"globex/quota")
    with qtbot.waitSignal(win.session.value_loaded, timeout=10000):
        kb.press(Qt.Key.Key_PageUp, CTRL)
    _shown_key(qtbot, win, prefix + b"acme-corp/quota")
    kb.press(Qt.Key.Key_PageUp, CTRL)  # the first tenant: stays, and says so
    assert win.value_panel.key == prefix + b"acme-corp/quota"
    assert "No previous tenant" in win.statusBar().currentMessage()

    # Ctrl+H history, Ctrl+Shift+H tenant timeline, Ctrl+J journal, Ctrl+Shift+F find.
    kb.press(Qt.Key.Key_H, CTRL)
    qtbot.waitUntil(win.history_dock.isVisible)
    kb.press(Qt.Key.Key_H, CTRL | SHIFT)
    qtbot.waitUntil(lambda: win.timeline_dialog.isVisible())
    win.timeline_dialog.close()
    kb.press(Qt.Key.Key_J, CTRL)
    qtbot.waitUntil(lambda: win.journal_dialog.isVisible())
    win.journal_dialog.close()
    kb.press(Qt.Key.Key_F, CTRL | SHIFT)
    qtbot.waitUntil(lambda: win.find_dialog.isVisible())
    assert win.find_dialog.scope.count() == 2  # every key, or the selected tenant
    win.find_dialog.close()

    # Ctrl+, settings; Ctrl+O connect; Ctrl+N new config.
    kb.press(Qt.Key.Key_Comma, CTRL)
    assert len(opened["settings"]) == 1
    kb.press(Qt.Key.Key_O, CTRL)
    assert len(opened["connect"]) == 1
    kb.press(Qt.Key.Key_N, CTRL)
    assert len(opened["new config"]) == 1

    # Del: delete the selected config (answered "no").
    kb.press(Qt.Key.Key_Delete)
    assert questions and "Delete" in questions[-1]

    # F5: list again.
    with qtbot.waitSignal(win.session.listing_finished, timeout=10000):
        kb.press(Qt.Key.Key_F5)

    # Ctrl+Z / Ctrl+Shift+Z in the editor, then Ctrl+S saves.
    key = prefix + b"acme-corp/quota"
    _open(qtbot, win, key)
    editor = win.value_panel.editor
    editor.tabs.setCurrentIndex(RAW_TAB)
    raw = editor.raw
    original = raw.toPlainText()
    raw.setFocus()
    cursor = raw.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    raw.setTextCursor(cursor)
    qtbot.keyClicks(raw, "# noted")  # one undo step (the value ends with a newline)
    edited = raw.toPlainText()
    assert edited != original and editor.dirty
    # Every undo and redo sequence of this platform (Ctrl+Shift+Z, and Ctrl+Y on some).
    for undo in editor.undo_action.shortcuts():
        for redo in editor.redo_action.shortcuts():
            kb.press_sequence(undo, raw)
            assert raw.toPlainText() == original
            kb.press_sequence(redo, raw)
            assert raw.toPlainText() == edited
    with qtbot.waitSignal(win.save_flow.saved, timeout=10000):
        kb.press(Qt.Key.Key_S, CTRL)
    assert len(opened["diff preview"]) == 1
    qtbot.waitUntil(lambda: not editor.dirty, timeout=10000)

    # Ctrl+Q quits (no unsaved edits left, so nothing is asked).
    kb.press(Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not win.isVisible())

    # Every shortcut the Help dialog lists was pressed above.
    listed = {
        part for _menu, _label, keys, _tip in window_shortcuts(win) for part in keys.split(" / ")
    }
    assert listed <= kb.pressed, f"not pressed: {sorted(listed - kb.pressed)}"


def test_about_shows_versions_and_paths(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    qtbot.waitUntil(lambda: window.session.status is not None, timeout=10000)
    window.about_action.trigger()
    text = shown[0].text()
    status = window.session.status
    assert status is not None
    for label in ("Python", "Qt", "PySide6", "python3-etcd3", "Profiles", "Settings"):
        assert f"{label}: " in text
    assert f"etcd server: {status.version} at {status.endpoint}" in text
    assert "Crash log: " in text and "etcdesk.log" in text
