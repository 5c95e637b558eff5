"""Export, import and clone from the window, on a real etcd (issue 8).

File dialogs, message boxes and the modal dialogs are answered by patching them; the plans,
the reads and the writes go to etcd in the background through a real session.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from etcdesk.core.bundles import Bundle, BundleEntry, TenantBundle, read_bundle, write_bundle
from etcdesk.core.etcd_process import EtcdMember
from etcdesk.core.etcd_store import ConnectionSpec, EtcdStore
from etcdesk.core.journal import JournalQuery, read_journal
from etcdesk.core.layout import Layout, layout_from_mapping
from etcdesk.core.masking import MASK
from etcdesk.core.profiles import Profile
from etcdesk.qt.bundle_actions import BundleActions
from etcdesk.qt.bundle_dialogs import BundlePreviewDialog, CloneDialog, ExportDialog
from etcdesk.qt.session import Session
from etcdesk.qt.tasks import TaskRunner
from helpers import bulk_put, server_keys

RATE = json.dumps({"requests_per_second": 100, "mode": "enforce"}).encode()
RATE_2 = json.dumps({"requests_per_second": 300, "mode": "shadow"}).encode()
BAD_RATE = json.dumps({"requests_per_second": 0, "mode": "enforce"}).encode()
CERT = json.dumps(
    {
        "domain": "shop.example.com",
        "cert_pem": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        "private_key_pem": "-----BEGIN PRIVATE KEY-----\nTOPSECRET\n-----END PRIVATE KEY-----\n",
        "not_before": "2026-01-01T00:00:00Z",
        "not_after": "2027-01-01T00:00:00Z",
    }
).encode()
ACCEPTED = QDialog.DialogCode.Accepted


@pytest.fixture
def blayout(prefix: bytes) -> Layout:
    return layout_from_mapping(
        {
            "root": prefix.decode(),
            "pattern": "{tenant}/{config...}",
            "schemas": [
                {"match": "ratelimit", "schema": "ratelimit.schema.yaml"},
                {"match": "certificate", "schema": "certificate.schema.yaml"},
            ],
            "journal": prefix.decode() + "~journal/",
        },
        source="test",
    )


@pytest.fixture
def seeded(store: EtcdStore, prefix: bytes) -> int:
    return bulk_put(
        store,
        [
            (prefix + b"acme/ratelimit", RATE),
            (prefix + b"acme/certificate", CERT),
            (prefix + b"beta/ratelimit", RATE),
        ],
    )


@pytest.fixture
def make_actions(
    qtbot: QtBot, etcd_server: EtcdMember, blayout: Layout, seeded: int
) -> Iterator[Callable[..., BundleActions]]:
    """Bundle actions on a main window whose session has listed the seeded keys."""
    made: list[tuple[QMainWindow, Session, TaskRunner]] = []

    def make(read_only: bool = False, profile: Profile | None = None) -> BundleActions:
        runner = TaskRunner()
        session = Session(runner, blayout)
        window = QMainWindow()
        window.profile = profile  # type: ignore[attr-defined]  # as MainWindow has it
        qtbot.addWidget(window)
        made.append((window, session, runner))
        with qtbot.waitSignal(session.listing_finished, timeout=15000):
            session.open(ConnectionSpec((etcd_server.endpoint,)), blayout, read_only=read_only)
        actions = BundleActions(window, session)
        actions.update_enabled()
        return actions

    yield make
    for window, session, runner in made:
        window.close()
        runner.shutdown()
        session.close()


class Boxes:
    """Message boxes recorded instead of shown."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.warnings: list[str] = []
        monkeypatch.setattr(
            QMessageBox, "warning", lambda _p, _t, text, *a, **k: self.warnings.append(text)
        )


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes(monkeypatch)


class Previews:
    """Every preview shown, answered by ``answer`` (accept, unless a test says otherwise)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.shown: list[BundlePreviewDialog] = []
        self.answer: Callable[[BundlePreviewDialog], int] = lambda _dialog: ACCEPTED

        def exec_(dialog: BundlePreviewDialog) -> int:
            self.shown.append(dialog)
            return self.answer(dialog)

        monkeypatch.setattr(BundlePreviewDialog, "exec", exec_)

    def __getitem__(self, index: int) -> BundlePreviewDialog:
        return self.shown[index]

    def __len__(self) -> int:
        return len(self.shown)


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> Previews:
    return Previews(monkeypatch)


def test_read_only_mode_offers_export_only(make_actions: Callable[..., BundleActions]) -> None:
    actions = make_actions(read_only=True)
    assert actions.export_action.isVisible() and actions.export_action.isEnabled()
    assert all(not a.isVisible() and not a.isEnabled() for a in actions.actions[1:])
    assert actions.masks_secrets()
    writable = make_actions()
    assert all(a.isVisible() and a.isEnabled() for a in writable.actions)


def _export(
    qtbot: QtBot, actions: BundleActions, monkeypatch: pytest.MonkeyPatch, target: Path
) -> ExportDialog:
    """Trigger Export, accept the dialog for the current tenant, save to ``target``."""
    shown: list[ExportDialog] = []

    def exec_(dialog: ExportDialog) -> int:
        shown.append(dialog)
        return ACCEPTED

    monkeypatch.setattr(ExportDialog, "exec", exec_)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    with qtbot.waitSignal(actions.exported, timeout=10000):
        actions.export_action.trigger()
    return shown[0]


@pytest.mark.parametrize(
    ("read_only", "profile", "masked"),
    [
        (False, Profile("ops", ("x:1",)), False),
        (False, Profile("ops", ("x:1",), allow_reveal=False), True),
        (False, None, True),  # no profile to ask: the safe side
        (True, Profile("audit", ("x:1",), read_only=True), True),
        (True, Profile("audit", ("x:1",), read_only=True, allow_reveal=True), True),
    ],
)
def test_export_masks_secrets_unless_the_profile_may_reveal_them(
    qtbot: QtBot,
    make_actions: Callable[..., BundleActions],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    store: EtcdStore,
    prefix: bytes,
    read_only: bool,
    profile: Profile | None,
    masked: bool,
) -> None:
    actions = make_actions(read_only=read_only, profile=profile)
    actions.set_current((b"acme",))
    before = store.get(prefix).revision
    target = tmp_path / "acme.yaml"
    dialog = _export(qtbot, actions, monkeypatch, target)
    bundle = read_bundle(target)
    cert = json.loads(next(e.value for e in bundle.tenants[0].entries if e.key == b"certificate"))
    status = actions.window.statusBar().currentMessage()
    assert bundle.secrets_masked is masked and ("masked" in status) is masked
    assert ("masked" in dialog.note.text()) is masked
    if masked:
        assert cert["private_key_pem"] == MASK and "TOPSECRET" not in target.read_text()
    else:
        assert "TOPSECRET" in cert["private_key_pem"]
    assert cert["domain"] == "shop.example.com"
    assert store.get(prefix).revision == before


def test_export_the_selected_tenant(
    qtbot: QtBot,
    make_actions: Callable[..., BundleActions],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    seeded: int,
) -> None:
    actions = make_actions(profile=Profile("ops", ("x:1",)))
    actions.set_current((b"acme",))
    chosen: list[ExportDialog] = []

    def exec_(dialog: ExportDialog) -> int:
        chosen.append(dialog)
        return ACCEPTED

    monkeypatch.setattr(ExportDialog, "exec", exec_)
    target = tmp_path / "acme.yaml"
    names: list[str] = []

    def save_name(_parent: Any, _title: str, name: str, _filter: str) -> tuple[str, str]:
        names.append(name)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    with qtbot.waitSignal(actions.exported, timeout=10000):
        actions.export_action.trigger()
    assert chosen[0].tenants == [(b"acme",)] and "2 configs of 1 tenant" in chosen[0].summary.text()
    assert names == ["acme.yaml"]
    bundle = read_bundle(target)
    assert bundle.revision >= seeded and [t.name for t in bundle.tenants] == ["acme"]
    assert "at revision" in actions.window.statusBar().currentMessage()


def test_import_previews_each_change_and_applies_it(
    qtbot: QtBot,
    make_actions: Callable[..., BundleActions],
    monkeypatch: pytest.MonkeyPatch,
    previews: Previews,
    store: EtcdStore,
    prefix: bytes,
    blayout: Layout,
    tmp_path: Path,
) -> None:
    path = tmp_path / "in.yaml"
    secret_changed = CERT.replace(b"TOPSECRET", b"NEWSECRET")
    write_bundle(
        Bundle(
            1,
            (
                TenantBundle((b"acme",), (
                    BundleEntry(b"ratelimit", RATE_2),
                    BundleEntry(b"certificate", secret_changed),
                )),
                TenantBundle((b"gamma",), (BundleEntry(b"ratelimit", RATE),)),
            ),
        ),
        path,
    )  # fmt: skip
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(path), ""))
    actions = make_actions()

    def answer(dialog: BundlePreviewDialog) -> int:
        dialog.comment_edit.setText("restore from backup")
        return ACCEPTED

    previews.answer = answer
    with qtbot.waitSignal(actions.written, timeout=15000):
        actions.import_action.trigger()
    dialog = previews[0]
    assert (
        dialog.confirm_button.isEnabled() and dialog.confirm_button.text() == "Import 3 change(s)"
    )
    rows = {
        dialog.tree.topLevelItem(i).text(0): dialog.tree.topLevelItem(i).text(1)  # type: ignore[union-attr]
        for i in range(dialog.tree.topLevelItemCount())
    }
    assert rows == {"acme": "2 changed", "gamma": "1 created"}
    dialog.select(prefix + b"acme/certificate")
    assert dialog.pane.shown.old_text == dialog.pane.shown.new_text  # only a secret differs
    assert "TOPSECRET" not in dialog.pane.shown.old_text
    assert not dialog.pane.note.isHidden()
    dialog.select(prefix + b"acme/ratelimit")
    assert "300" in dialog.pane.shown.new_text and "100" in dialog.pane.shown.old_text
    assert store.get(prefix + b"acme/ratelimit").kv.value == RATE_2  # type: ignore[union-attr]
    assert store.get(prefix + b"gamma/ratelimit").kv.value == RATE  # type: ignore[union-attr]
    entries = read_journal(store, blayout.journal or b"", JournalQuery())
    assert {(e.group, e.action, e.comment) for e in entries} == {
        ("acme", "import", "restore from backup"),
        ("gamma", "import", "restore from backup"),
    }


def test_a_masked_bundle_is_refused_before_any_preview(
    qtbot: QtBot,
    make_actions: Callable[..., BundleActions],
    monkeypatch: pytest.MonkeyPatch,
    previews: Previews,
    boxes: Boxes,
    store: EtcdStore,
    prefix: bytes,
    tmp_path: Path,
) -> None:
    path = tmp_path / "audit.yaml"
    entries = (BundleEntry(b"ratelimit", RATE_2), BundleEntry(b"notes", b"new"))
    write_bundle(Bundle(1, (TenantBundle((b"acme",), entries),), secrets_masked=True), path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(path), ""))
    actions = make_actions()
    before = store.get(prefix).revision
    with qtbot.waitSignal(actions.failed, timeout=10000):
        actions.import_action.trigger()
    assert not previews and "exported with secret fields masked" in boxes.warnings[0]
    assert "cannot be imported" in boxes.warnings[0]
    assert store.get(prefix).revision == before


def test_invalid_configs_block_the_import_and_delete_missing_replans(
    qtbot: QtBot,
    make_actions: Callable[..., BundleActions],
    monkeypatch: pytest.MonkeyPatch,
    previews: Previews,
    store: EtcdStore,
    prefix: bytes,
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.yaml"
    write_bundle(
        Bundle(1, (TenantBundle((b"acme",), (BundleEntry(b"ratelimit", BAD_RATE),)),)), bad
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(bad), ""))
    actions = make_actions()
    actions.import_action.trigger()
    qtbot.waitUntil(lambda: bool(previews), timeout=10000)
    blocked = previews[0]
    assert not blocked.confirm_button.isEnabled() and not blocked.problems.isHidden()
    assert "$.requests_per_second" in blocked.problems.item(0).text()  # type: ignore[union-attr]
    assert store.get(prefix + b"acme/ratelimit").kv.value == RATE  # type: ignore[union-attr]

    good = tmp_path / "good.yaml"
    write_bundle(Bundle(1, (TenantBundle((b"acme",), (BundleEntry(b"ratelimit", RATE),)),)), good)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(good), ""))

    def tick_delete(dialog: BundlePreviewDialog) -> int:
        if not dialog.delete_box.isChecked():
            dialog.delete_box.setChecked(True)  # re-plans, then shows a new preview
            return QDialog.DialogCode.Rejected
        return ACCEPTED

    previews.answer = tick_delete
    previews.shown.clear()
    with qtbot.waitSignal(actions.written, timeout=15000):
        actions.import_action.trigger()
    assert len(previews) == 2
    assert not previews[0].confirm_button.isEnabled()  # nothing to write without deletes
    assert previews[1].confirm_button.text() == "Import 1 change(s)"
    assert server_keys(store, prefix + b"acme/") == [prefix + b"acme/ratelimit"]


def test_a_tenant_over_the_limit_is_reported(
    qtbot: QtBot,
    make_actions: Callable[..., BundleActions],
    monkeypatch: pytest.MonkeyPatch,
    previews: Previews,
    boxes: Boxes,
    store: EtcdStore,
    prefix: bytes,
    tmp_path: Path,
) -> None:
    path = tmp_path / "big.yaml"
    big = tuple(BundleEntry(f"flags/{i:03}".encode(), b"on") for i in range(128))
    small = (BundleEntry(b"notes", b"hi"),)
    write_bundle(Bundle(1, (TenantBundle((b"big",), big), TenantBundle((b"small",), small))), path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(path), ""))
    actions = make_actions()
    with qtbot.waitSignal(actions.failed, timeout=15000):
        actions.import_action.trigger()
    top = previews[0].tree.topLevelItem(0)
    assert top is not None and top.text(0) == "big" and top.text(1).startswith("refused: ")
    assert previews[0].confirm_button.text() == "Import 1 change(s)"
    assert "big: refused" in boxes.warnings[0] and "small: applied" in boxes.warnings[0]
    assert server_keys(store, prefix + b"big/") == []
    assert server_keys(store, prefix + b"small/") == [prefix + b"small/notes"]


def test_clone_asks_the_new_id_and_leaves_out_unique_configs(
    qtbot: QtBot,
    make_actions: Callable[..., BundleActions],
    monkeypatch: pytest.MonkeyPatch,
    previews: Previews,
    store: EtcdStore,
    prefix: bytes,
) -> None:
    actions = make_actions()
    actions.set_current((b"acme",))
    leave_out: list[str] = []

    def exec_(dialog: CloneDialog) -> int:
        assert dialog.source.currentText() == "acme"
        dialog.new_id.setText("acme-staging")
        for row in range(dialog.configs.count()):
            item = dialog.configs.item(row)
            if item is not None and item.text() in leave_out:
                item.setCheckState(Qt.CheckState.Unchecked)
        return ACCEPTED

    monkeypatch.setattr(CloneDialog, "exec", exec_)
    # With the certificate, the clone would copy a domain that must be unique: blocked.
    actions.clone_action.trigger()
    qtbot.waitUntil(lambda: bool(previews), timeout=10000)
    assert not previews[0].confirm_button.isEnabled()
    assert "already used" in previews[0].problems.item(0).text()  # type: ignore[union-attr]
    assert server_keys(store, prefix + b"acme-staging/") == []
    leave_out.append("certificate")
    with qtbot.waitSignal(actions.written, timeout=15000):
        actions.clone_action.trigger()
    assert previews[1].confirm_button.text() == "Create 1 config(s)"
    assert server_keys(store, prefix + b"acme-staging/") == [prefix + b"acme-staging/ratelimit"]


def test_clone_and_import_run_without_a_connection_do_nothing(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    runner = TaskRunner()
    session = Session(runner, layout_from_mapping({"root": "/x/", "pattern": "{t}/{c...}"}))
    try:
        actions = BundleActions(window, session)
        assert not any(a.isEnabled() for a in actions.actions)
        actions.export()
        actions.import_bundle()
        actions.clone()
    finally:
        runner.shutdown()
        session.close()
