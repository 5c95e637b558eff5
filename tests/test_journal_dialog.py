"""The journal dialog on a real etcd: filters, the history request, exports, errors (issue 5)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from etcdesk.core.edits import delete_value, save_value
from etcdesk.core.etcd_process import EtcdMember
from etcdesk.core.etcd_store import ConnectionSpec, EtcdStore, connect
from etcdesk.core.journal import Author, Journal
from etcdesk.core.layout import Layout
from etcdesk.qt.journal_dialog import JournalDialog, JournalModel
from etcdesk.qt.tasks import TaskRunner
from helpers import READER_PW

WAIT = 10_000


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


@dataclass
class Seeded:
    journal: bytes
    acme_a: int
    globex_a: int
    acme_b: int
    acme_b_deleted: int


@pytest.fixture
def seeded(store: EtcdStore, prefix: bytes, layout: Layout) -> Seeded:
    journal = prefix + b"~journal/"
    alice = Journal(journal, Author("alice", "al", "h1"))
    bob = Journal(journal, Author("bob", "bo", "h2"))
    acme_a = save_value(
        store, prefix + b"acme/a", b"1", 0, layout=layout, journal=alice, comment="first"
    ).revision
    globex_a = save_value(store, prefix + b"globex/a", b"1", 0, layout=layout, journal=bob).revision
    store.put_guarded(prefix + b"acme/outside", b"x", 0)  # another tool: not journaled
    acme_b = save_value(
        store, prefix + b"acme/b", b"1", 0, layout=layout, journal=bob, comment="=SUM(A1)"
    ).revision
    deleted = delete_value(
        store, prefix + b"acme/b", acme_b, layout=layout, journal=alice, comment="oops"
    ).revision
    return Seeded(journal, acme_a, globex_a, acme_b, deleted)


def _open(qtbot: QtBot, runner: TaskRunner, store: EtcdStore, journal: bytes) -> JournalDialog:
    dialog = JournalDialog(runner, store, journal, ["acme", "globex"])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.entries_loaded, timeout=WAIT):
        dialog.show()
    return dialog


def _column(dialog: JournalDialog, column: int) -> list[str]:
    model = dialog.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_entries_are_listed_newest_first(
    qtbot: QtBot, runner: TaskRunner, store: EtcdStore, seeded: Seeded
) -> None:
    dialog = _open(qtbot, runner, store, seeded.journal)
    revisions = [seeded.acme_b_deleted, seeded.acme_b, seeded.globex_a, seeded.acme_a]
    assert _column(dialog, JournalModel.REVISION) == [str(r) for r in revisions]
    assert _column(dialog, JournalModel.WHO) == [
        "alice (al@h1)",
        "bob (bo@h2)",
        "bob (bo@h2)",
        "alice (al@h1)",
    ]
    assert _column(dialog, JournalModel.ACTION) == ["delete", "save", "save", "save"]
    assert _column(dialog, JournalModel.TENANT) == ["acme", "acme", "globex", "acme"]
    assert _column(dialog, JournalModel.KEYS) == ["b", "b", "a", "a"]  # below the tenant
    assert _column(dialog, JournalModel.COMMENT) == ["oops", "=SUM(A1)", "", "first"]
    assert all(len(t) == 19 for t in _column(dialog, JournalModel.TIME))
    assert dialog.stack.currentWidget() is dialog.table
    assert dialog.status.text() == "4 entries"
    assert dialog.export_csv_button.isEnabled() and not dialog.history_button.isEnabled()
    keys_tip = dialog.model.data(
        dialog.model.index(0, JournalModel.KEYS), Qt.ItemDataRole.ToolTipRole
    )
    assert keys_tip.startswith("delete /") and keys_tip.endswith("acme/b")


def test_tenant_user_and_time_filters_narrow_the_list(
    qtbot: QtBot, runner: TaskRunner, store: EtcdStore, seeded: Seeded
) -> None:
    dialog = _open(qtbot, runner, store, seeded.journal)
    with qtbot.waitSignal(dialog.entries_loaded, timeout=WAIT) as blocker:
        dialog.tenant.setCurrentIndex(1)  # acme
    assert blocker.args == [3]
    assert set(_column(dialog, JournalModel.TENANT)) == {"acme"}
    with qtbot.waitSignal(dialog.entries_loaded, timeout=WAIT) as blocker:
        dialog.user.setText("BO")  # the OS user of bob, any case
    assert blocker.args == [1]
    assert _column(dialog, JournalModel.REVISION) == [str(seeded.acme_b)]
    with qtbot.waitSignal(dialog.entries_loaded, timeout=WAIT) as blocker:
        dialog.tenant.setCurrentIndex(0)  # all tenants
    assert _column(dialog, JournalModel.REVISION) == [str(seeded.acme_b), str(seeded.globex_a)]
    with qtbot.waitSignal(dialog.entries_loaded, timeout=WAIT):
        dialog.user.setText("h1")  # a host
    assert _column(dialog, JournalModel.WHO) == ["alice (al@h1)", "alice (al@h1)"]

    # Time: nothing after an hour from now; everything of the last hour.
    dialog.since.setDateTime(QDateTime.currentDateTime().addSecs(3600))  # off: no reload
    with qtbot.waitSignal(dialog.entries_loaded, timeout=WAIT) as blocker:
        dialog.since_check.setChecked(True)
    assert blocker.args == [0] and dialog.stack.currentWidget() is dialog.message
    assert "No journal entries match these filters" in dialog.message.text()
    assert "other tools are not journaled" in dialog.message.text()
    assert not dialog.export_csv_button.isEnabled()
    with qtbot.waitSignal(dialog.entries_loaded, timeout=WAIT) as blocker:
        dialog.since.setDateTime(QDateTime.currentDateTime().addSecs(-3600))
    assert blocker.args == [2]
    dialog.until.setDateTime(QDateTime.currentDateTime().addSecs(-1800))
    with qtbot.waitSignal(dialog.entries_loaded, timeout=WAIT) as blocker:
        dialog.until_check.setChecked(True)
    assert blocker.args == [0]
    query = dialog.query()
    assert query.group is None and query.user == "h1"
    assert query.since is not None and query.until is not None and query.since < query.until
    assert "user contains “h1”" in dialog.filters_text()


def test_show_history_requests_the_first_key(
    qtbot: QtBot, runner: TaskRunner, store: EtcdStore, seeded: Seeded, prefix: bytes
) -> None:
    dialog = _open(qtbot, runner, store, seeded.journal)
    dialog.table.selectRow(2)
    assert dialog.history_button.isEnabled()
    with qtbot.waitSignal(dialog.key_requested) as blocker:
        dialog.history_button.click()
    assert blocker.args == [prefix + b"globex/a"]
    rect = dialog.table.visualRect(dialog.model.index(0, JournalModel.KEYS))
    # Qt's item views emit doubleClicked only for the index the first press landed on.
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(dialog.key_requested) as blocker:
        qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [prefix + b"acme/b"]


def test_exports_write_the_listed_entries(
    qtbot: QtBot,
    runner: TaskRunner,
    store: EtcdStore,
    seeded: Seeded,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = _open(qtbot, runner, store, seeded.journal)
    with qtbot.waitSignal(dialog.entries_loaded, timeout=WAIT):
        dialog.tenant.setCurrentIndex(1)  # acme
    target = tmp_path / "journal.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.export_csv_button.click()
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert [int(r["revision"]) for r in rows] == [
        seeded.acme_b_deleted,
        seeded.acme_b,
        seeded.acme_a,
    ]
    assert rows[1]["comment"] == "'=SUM(A1)" and rows[1]["etcd user"] == "bob"
    assert str(target) in dialog.status.text()

    target = tmp_path / "journal.html"
    dialog.export_html_button.click()
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Filters: acme" in page
    assert page.count("<tr") == 4

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    dialog.export_csv_button.click()  # cancelled: nothing happens
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "no" / "x.csv"), "")
    )
    dialog.export_csv_button.click()
    assert dialog.status.text().startswith("Not exported:")


def test_a_journal_the_user_may_not_read(
    qtbot: QtBot, runner: TaskRunner, auth_etcd: EtcdMember
) -> None:
    reader = connect(
        ConnectionSpec((auth_etcd.endpoint,), user="reader", password=READER_PW, timeout=3)
    )
    try:
        dialog = JournalDialog(runner, reader, b"/tenants/~journal/", ["acme"])
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.loading_failed, timeout=WAIT) as blocker:
            dialog.show()
        assert blocker.args == ["The journal is not readable by this etcd user (reader)."]
        assert dialog.stack.currentWidget() is dialog.message
        assert dialog.message.text() == blocker.args[0]
        assert not dialog.export_csv_button.isEnabled()
        dialog.close()
    finally:
        reader.close()
