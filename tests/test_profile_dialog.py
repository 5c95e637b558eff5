"""The connection dialog: add, edit, test, delete profiles, then connect."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from etcdesk.core.etcd_process import EtcdMember, free_port
from etcdesk.core.profiles import PasswordVault, Profile, ProfileStore
from etcdesk.qt.profile_dialog import ProfileDialog
from etcdesk.qt.tasks import TaskRunner


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def _dialog(qtbot: QtBot, path: Path, runner: TaskRunner) -> ProfileDialog:
    dialog = ProfileDialog(ProfileStore.load(path), PasswordVault(use_keyring=False), runner)
    qtbot.addWidget(dialog)
    return dialog


def test_add_test_save_and_connect(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, etcd_server: EtcdMember
) -> None:
    path = tmp_path / "profiles.json"
    dialog = _dialog(qtbot, path, runner)
    assert dialog.name.text() == "local"  # an empty store starts with a new profile
    dialog.name.setText("staging")
    dialog.endpoints.setText(f"{etcd_server.endpoint}, 127.0.0.1:{free_port()}")
    dialog.user.setText("")
    qtbot.mouseClick(dialog.test_button, qtbot_left())
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=10000)
    assert "Connected to etcd 3." in dialog.result_label.text()

    dialog.password.setText("s3cret")
    dialog.user.setText("ops")
    qtbot.mouseClick(dialog.connect_button, qtbot_left())
    assert dialog.result() == ProfileDialog.DialogCode.Accepted
    assert dialog.chosen is not None and dialog.chosen.name == "staging"
    assert dialog.chosen.endpoints[0] == etcd_server.endpoint
    saved = json.loads(path.read_text())
    assert saved["last_used"] == "staging"
    assert "s3cret" not in path.read_text()
    assert dialog.vault.get("staging") == "s3cret"  # kept in memory only


def test_unreachable_test_and_validation_messages(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner
) -> None:
    dialog = _dialog(qtbot, tmp_path / "p.json", runner)
    dialog.endpoints.setText("")
    qtbot.mouseClick(dialog.test_button, qtbot_left())
    assert "at least one endpoint" in dialog.result_label.text()
    dialog.endpoints.setText(f"127.0.0.1:{free_port()}")
    dialog.timeout.setValue(1)
    qtbot.mouseClick(dialog.test_button, qtbot_left())
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=10000)
    assert "cannot reach etcd" in dialog.result_label.text()
    dialog.layout_file.setText(str(tmp_path / "missing.yaml"))
    qtbot.mouseClick(dialog.save_button, qtbot_left())
    assert "cannot read layout" in dialog.result_label.text()


def test_edit_rename_and_delete(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.json"
    store = ProfileStore(path)
    store.put(Profile("prod", ("10.0.0.1:2379",), read_only=True))
    store.put(Profile("dev", ("127.0.0.1:2379",)))
    store.last_used = "prod"
    store.save()
    dialog = _dialog(qtbot, path, runner)
    assert dialog.list.currentItem().text() == "prod"
    assert dialog.read_only.isChecked()
    dialog.name.setText("production")
    qtbot.mouseClick(dialog.save_button, qtbot_left())
    assert sorted(ProfileStore.load(path).profiles) == ["dev", "production"]

    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes
    )
    qtbot.mouseClick(dialog.delete_button, qtbot_left())
    assert sorted(ProfileStore.load(path).profiles) == ["dev"]


def qtbot_left():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
