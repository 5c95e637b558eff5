"""The tenant timeline dialog and tenant rollback through it, on a real etcd (DESIGN §7).

Modal message boxes and the rollback preview are answered by patching them; everything else
(the timeline, the values of a revision, the rollback itself) goes to etcd in the background.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from etcdesk.core.edits import create_values, delete_value, save_value
from etcdesk.core.etcd_process import EtcdMember
from etcdesk.core.etcd_store import ConnectionSpec, EtcdStore
from etcdesk.core.journal import Author, Journal, entries_between
from etcdesk.core.layout import Layout, layout_from_mapping, prefix_range_end
from etcdesk.core.schemas import JsonPath
from etcdesk.qt import timeline_dialog
from etcdesk.qt.tasks import TaskRunner
from etcdesk.qt.timeline_dialog import GroupRollbackDialog, TenantTimelineDialog, TimelineModel
from helpers import bulk_put, compact, put_once

OUTSIDE = "changed outside etcdesk"


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


@pytest.fixture
def journal(prefix: bytes) -> Journal:
    return Journal(prefix + b"~journal/", Author("alice", "ops", "desk-1"))


@pytest.fixture
def tenant(prefix: bytes) -> bytes:
    return prefix + b"acme/"


class Boxes:
    """Records message boxes instead of showing them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.warnings: list[str] = []
        self.infos: list[str] = []
        monkeypatch.setattr(
            QMessageBox, "warning", lambda _p, _t, text, *a, **k: self.warnings.append(text)
        )
        monkeypatch.setattr(
            QMessageBox, "information", lambda _p, _t, text, *a, **k: self.infos.append(text)
        )


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes(monkeypatch)


def _secrets(key: bytes) -> tuple[JsonPath, ...]:
    return (("token",),) if key.endswith(b"credentials") else ()


@pytest.fixture
def make_dialog(
    qtbot: QtBot,
    runner: TaskRunner,
    store: EtcdStore,
    layout: Layout,
    journal: Journal,
    tenant: bytes,
) -> Callable[..., TenantTimelineDialog]:
    def make(**overrides: Any) -> TenantTimelineDialog:
        args: dict[str, Any] = {
            "runner": runner,
            "reader": store,
            "store": store,
            "layout": layout,
            "journal": journal,
            "tenant_prefix": tenant,
            "tenant_name": "acme",
            "secrets_for": _secrets,
        }
        args.update(overrides)
        dialog = TenantTimelineDialog(**args)
        qtbot.addWidget(dialog)
        return dialog

    return make


def _cells(dialog: TenantTimelineDialog, column: int) -> list[str]:
    model = dialog.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def _revisions(dialog: TenantTimelineDialog) -> list[int]:
    return [int(text) for text in _cells(dialog, TimelineModel.REVISION)]


def _wait_rows(qtbot: QtBot, dialog: TenantTimelineDialog, count: int) -> None:
    qtbot.waitUntil(
        lambda: dialog.model.rowCount() == count and dialog.busy_label.isHidden(), timeout=10000
    )


def _select(qtbot: QtBot, dialog: TenantTimelineDialog, revision: int) -> None:
    dialog.table.selectRow(dialog.model.row_of_revision(revision))
    qtbot.waitUntil(lambda: dialog.values is not None and dialog.values.revision == revision)


def _key_rows(tree: Any) -> list[tuple[str, str]]:
    items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [(item.text(0), item.text(1)) for item in items]


def _state(store: EtcdStore, tenant: bytes, revision: int = 0) -> dict[bytes, bytes]:
    result = store.get_range(tenant, prefix_range_end(tenant), revision)
    return {kv.key: kv.value for kv in result.kvs}


def test_timeline_newest_first_with_journal_and_outside_changes(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    store: EtcdStore,
    prefix: bytes,
    layout: Layout,
    journal: Journal,
    tenant: bytes,
    make_dialog: Callable[..., TenantTimelineDialog],
) -> None:
    logged = {"layout": layout, "journal": journal}
    r1 = save_value(
        store, tenant + b"ratelimit", b"rps: 100\n", 0, comment="initial limits", **logged
    ).revision
    r2 = store.put_guarded(tenant + b"quota", b"max: 5\n", 0)  # another tool: no journal entry
    store.put_guarded(prefix + b"globex/quota", b"max: 1\n", 0)  # another tenant: not listed
    r3 = save_value(
        store, tenant + b"ratelimit", b"rps: 200\n", r1, comment="launch day", **logged
    ).revision
    r4 = delete_value(store, tenant + b"quota", r2, **logged).revision
    r5 = create_values(
        store,
        [(tenant + b"features", b"beta: true\n"), (tenant + b"limits/eu", b"rps: 5\n")],
        comment="onboarding",
        **logged,
    ).revision

    dialog = make_dialog()
    assert dialog.busy_label.text() == "Reading the history of tenant acme…"
    assert not dialog.busy_label.isHidden()
    _wait_rows(qtbot, dialog, 5)
    qtmodeltester.check(dialog.model, force_py=False)
    assert _revisions(dialog) == [r5, r4, r3, r2, r1]
    assert _cells(dialog, TimelineModel.WHO) == [
        "alice (ops@desk-1)",
        "alice (ops@desk-1)",
        "alice (ops@desk-1)",
        OUTSIDE,
        "alice (ops@desk-1)",
    ]
    assert _cells(dialog, TimelineModel.WHY) == [
        "onboarding",
        "",
        "launch day",
        "",
        "initial limits",
    ]
    assert _cells(dialog, TimelineModel.CHANGES) == [
        "features created, limits/eu created",
        "quota deleted",
        "ratelimit changed",
        "quota created",
        "ratelimit created",
    ]
    when = _cells(dialog, TimelineModel.WHEN)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", w) for w in when[:3])
    assert when[3] == "—"
    assert dialog.compacted_note.isHidden()
    assert "5 revisions, newest first" in dialog.summary_label.text()
    # The newest revision is selected at once, with its keys below.
    qtbot.waitUntil(lambda: dialog.values is not None and dialog.values.revision == r5)
    assert [name for name, _ in _key_rows(dialog.keys)] == ["features", "limits/eu"]


def test_selecting_a_revision_shows_each_key_diff_with_secrets_masked(
    qtbot: QtBot,
    store: EtcdStore,
    tenant: bytes,
    make_dialog: Callable[..., TenantTimelineDialog],
) -> None:
    r1 = bulk_put(
        store,
        [
            (tenant + b"ratelimit", b"rps: 100\nburst: 10\n"),
            (tenant + b"credentials", b'{"user": "svc", "token": "s3cret-old"}'),
        ],
    )
    r2 = bulk_put(
        store,
        [
            (tenant + b"ratelimit", b"rps: 200\nburst: 10\n"),
            (tenant + b"credentials", b'{"user": "svc2", "token": "s3cret-new"}'),
        ],
    )
    dialog = make_dialog()
    _wait_rows(qtbot, dialog, 2)
    _select(qtbot, dialog, r2)
    assert dialog.detail_label.text() == f"<b>Revision {r2}</b> changed 2 configs"
    rows = dict(_key_rows(dialog.keys))
    assert rows["ratelimit"] == "rps: 100 → 200"
    assert rows["credentials"] == "user: svc → svc2; token changed"

    dialog.keys.setCurrentItem(dialog.keys.findItems("ratelimit", Qt.MatchFlag.MatchExactly)[0])
    shown = dialog.shown
    assert shown.old_text == "rps: 100\nburst: 10\n" and shown.new_text == "rps: 200\nburst: 10\n"
    assert (shown.old_name, shown.new_name) == (f"revision {r2 - 1}", f"revision {r2}")
    assert dialog.diff.fields.topLevelItemCount() == 1

    dialog.keys.setCurrentItem(dialog.keys.findItems("credentials", Qt.MatchFlag.MatchExactly)[0])
    text = dialog.shown.old_text + dialog.shown.new_text
    fields = dialog.diff.fields
    cells = [
        fields.topLevelItem(i).text(c) for i in range(fields.topLevelItemCount()) for c in (2, 3)
    ]  # type: ignore[union-attr]
    assert "svc2" in text and "••••••" in text
    assert not any("s3cret" in s for s in (text, *cells))

    # The oldest revision: every key created, diffed against nothing.
    _select(qtbot, dialog, r1)
    assert {kind for _, kind in _key_rows(dialog.keys)} == {"created"}
    assert dialog.shown.old_name == f"revision {r1 - 1} (absent)" and not dialog.shown.old_text


def test_double_clicking_a_key_asks_for_its_history(
    qtbot: QtBot,
    store: EtcdStore,
    tenant: bytes,
    make_dialog: Callable[..., TenantTimelineDialog],
) -> None:
    created = store.put_guarded(tenant + b"quota", b"max: 5\n", 0)
    store.put_guarded(tenant + b"ratelimit", b"rps: 1\n", 0)
    changed = bulk_put(store, [(tenant + b"ratelimit", b"rps: 2\n")])
    deleted = store.delete_guarded(tenant + b"quota", created)
    dialog = make_dialog()
    dialog.show()
    qtbot.waitExposed(dialog)
    _wait_rows(qtbot, dialog, 4)

    def double_click(name: str) -> None:
        item = dialog.keys.findItems(name, Qt.MatchFlag.MatchExactly)[0]
        center = dialog.keys.visualItemRect(item).center()
        # A press first: Qt's views only accept a double-click on the item pressed before.
        qtbot.mouseClick(dialog.keys.viewport(), Qt.MouseButton.LeftButton, pos=center)
        qtbot.mouseDClick(dialog.keys.viewport(), Qt.MouseButton.LeftButton, pos=center)

    _select(qtbot, dialog, deleted)
    with qtbot.waitSignal(dialog.key_requested) as blocker:
        double_click("quota")
    assert blocker.args == [tenant + b"quota", deleted]
    _select(qtbot, dialog, changed)
    with qtbot.waitSignal(dialog.key_requested) as blocker:
        double_click("ratelimit")
    assert blocker.args == [tenant + b"ratelimit", 0]


def _accept_with(
    monkeypatch: pytest.MonkeyPatch,
    comment: str = "",
    before_accept: Callable[[GroupRollbackDialog], None] | None = None,
) -> list[GroupRollbackDialog]:
    shown: list[GroupRollbackDialog] = []

    def exec_(dialog: GroupRollbackDialog) -> int:
        shown.append(dialog)
        dialog.comment_edit.setText(comment)
        if before_accept is not None:
            before_accept(dialog)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(timeline_dialog.GroupRollbackDialog, "exec", exec_)
    return shown


def test_rollback_creates_changes_and_deletes_keys_and_is_journaled(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    boxes: Boxes,
    store: EtcdStore,
    journal: Journal,
    tenant: bytes,
    make_dialog: Callable[..., TenantTimelineDialog],
) -> None:
    target = bulk_put(
        store,
        [
            (tenant + b"ratelimit", b"rps: 100\n"),
            (tenant + b"quota", b"max: 5\n"),
            (tenant + b"same", b"unchanged\n"),
        ],
    )
    put_once(store, tenant + b"newer", b"created after\n")
    current = store.get(tenant + b"ratelimit").kv
    assert current is not None
    store.put_guarded(tenant + b"ratelimit", b"rps: 999\n", current.mod_revision)
    quota = store.get(tenant + b"quota").kv
    assert quota is not None
    store.delete_guarded(tenant + b"quota", quota.mod_revision)

    dialog = make_dialog()
    _wait_rows(qtbot, dialog, 4)
    _select(qtbot, dialog, target)
    shown = _accept_with(monkeypatch, comment="bad deploy")
    emitted: list[int] = []
    dialog.rolled_back.connect(emitted.append)
    assert dialog.rollback_button is not None
    with qtbot.waitSignal(dialog.rolled_back, timeout=10000) as blocker:
        dialog.rollback_button.click()
    revision = blocker.args[0]
    assert not boxes.warnings and not boxes.infos

    preview = shown[0]
    assert _key_rows(preview.keys) == [
        ("newer", "deleted"),
        ("quota", "re-created"),
        ("ratelimit", "changed"),
    ]
    assert preview.confirm_button.text() == "Roll back 3 keys"
    assert preview.shown.old_text == "created after\n"  # "newer", to be deleted
    assert preview.shown.new_name == f"revision {target} (absent: deleted)"
    assert _state(store, tenant) == _state(store, tenant, target)
    entry = entries_between(store, journal.prefix, b"acme", revision, revision)[revision]
    assert entry.action == "rollback-group" and entry.rollback_to == target
    assert entry.comment == "bad deploy" and entry.author.etcd_user == "alice"

    # The timeline reloads with the rollback on top, selected.
    qtbot.waitUntil(lambda: _revisions(dialog)[:1] == [revision], timeout=10000)
    assert _cells(dialog, TimelineModel.WHY)[0] == f"Rolled back to revision {target}: bad deploy"
    assert _cells(dialog, TimelineModel.CHANGES)[0] == (
        "newer deleted, quota created, ratelimit changed"
    )
    assert dialog.status_label.text() == (
        f"Tenant acme is back to how it was at revision {target}: "
        f"3 keys written at revision {revision}."
    )
    assert emitted == [revision]
    qtbot.waitUntil(lambda: dialog.values is not None and dialog.values.revision == revision)

    # Rolling back to the same revision again: nothing to do, said plainly.
    _select(qtbot, dialog, target)
    dialog.rollback_button.click()
    qtbot.waitUntil(lambda: bool(boxes.infos))
    assert boxes.infos == [f"Tenant acme is already as it was at revision {target}."]
    assert len(shown) == 1 and emitted == [revision]


def test_rollback_preview_shows_current_to_target_diffs(
    qtbot: QtBot,
    store: EtcdStore,
    tenant: bytes,
) -> None:
    from etcdesk.core.history import plan_group_rollback

    target = bulk_put(
        store,
        [
            (tenant + b"credentials", b'{"user": "a", "token": "old-secret"}'),
            (tenant + b"quota", b"max: 5\n"),
        ],
    )
    bulk_put(store, [(tenant + b"credentials", b'{"user": "b", "token": "new-secret"}')])
    plan = plan_group_rollback(store, tenant, target)
    dialog = GroupRollbackDialog(plan, tenant, "acme", _secrets, journaled=False)
    qtbot.addWidget(dialog)
    assert _key_rows(dialog.keys) == [("credentials", "changed")]
    assert dialog.confirm_button.text() == "Roll back 1 key"
    assert dialog.comment_edit.isHidden()  # no journal: no comment to save
    text = dialog.shown.old_text + dialog.shown.new_text
    assert '"user": "b"' in dialog.shown.old_text and '"user": "a"' in dialog.shown.new_text
    assert "secret" not in text
    assert not dialog.confirm_button.isDefault() and not dialog.confirm_button.autoDefault()


def test_a_concurrent_change_refuses_the_rollback_and_writes_nothing(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    boxes: Boxes,
    store: EtcdStore,
    tenant: bytes,
    make_dialog: Callable[..., TenantTimelineDialog],
) -> None:
    target = bulk_put(store, [(tenant + b"ratelimit", b"rps: 1\n")])
    bulk_put(store, [(tenant + b"ratelimit", b"rps: 2\n")])
    dialog = make_dialog()
    _wait_rows(qtbot, dialog, 2)
    _select(qtbot, dialog, target)
    snapshot: dict[bytes, bytes] = {}

    def someone_writes(_preview: GroupRollbackDialog) -> None:
        # Another key of the tenant, not one the rollback touches: the prefix compare sees it.
        put_once(store, tenant + b"untouched", b"theirs\n")
        snapshot.update(_state(store, tenant))

    _accept_with(monkeypatch, before_accept=someone_writes)
    emitted: list[int] = []
    dialog.rolled_back.connect(emitted.append)
    assert dialog.rollback_button is not None
    dialog.rollback_button.click()
    qtbot.waitUntil(lambda: bool(boxes.warnings), timeout=10000)
    assert boxes.warnings == [
        "Someone changed tenant acme meanwhile; nothing was written. "
        "Reload the timeline and try again."
    ]
    assert _state(store, tenant) == snapshot
    assert snapshot[tenant + b"ratelimit"] == b"rps: 2\n"
    assert emitted == []
    # The timeline was reloaded: the other write is listed, and the button works again.
    _wait_rows(qtbot, dialog, 3)
    assert _cells(dialog, TimelineModel.CHANGES)[0] == "untouched created"
    assert dialog.rollback_button.isEnabled()


def test_a_rollback_over_the_transaction_limit_is_refused(
    qtbot: QtBot,
    boxes: Boxes,
    store: EtcdStore,
    tenant: bytes,
    make_dialog: Callable[..., TenantTimelineDialog],
) -> None:
    target = bulk_put(store, [(tenant + b"seed", b"x")])
    bulk_put(store, [(tenant + f"k{i:03}".encode(), b"v") for i in range(130)])
    dialog = make_dialog()
    _wait_rows(qtbot, dialog, 3)
    _select(qtbot, dialog, target)
    assert dialog.rollback_button is not None
    dialog.rollback_button.click()
    qtbot.waitUntil(lambda: bool(boxes.warnings), timeout=10000)
    assert "etcd accepts at most 128 operations in one transaction" in boxes.warnings[0]
    assert boxes.warnings[0][0].isupper()
    assert len(_state(store, tenant)) == 131


def test_compacted_history_is_noted_and_a_compacted_target_refused(
    qtbot: QtBot,
    runner: TaskRunner,
    boxes: Boxes,
    own_etcd: EtcdMember,
) -> None:
    store = EtcdStore(ConnectionSpec((own_etcd.endpoint,), timeout=5))
    try:
        layout = layout_from_mapping({"root": "/tenants/", "pattern": "{tenant}/{config...}"})
        tenant = b"/tenants/acme/"
        target = store.put_guarded(tenant + b"a", b"1", 0)
        second = store.put_guarded(tenant + b"a", b"2", target)
        dialog = TenantTimelineDialog(
            runner, store, store, layout, None, tenant, "acme", lambda _key: ()
        )
        qtbot.addWidget(dialog)
        _wait_rows(qtbot, dialog, 2)
        # No journal: when, who and why are unknown, so those columns are not shown.
        hidden = [TimelineModel.WHEN, TimelineModel.WHO, TimelineModel.WHY]
        assert [dialog.table.isColumnHidden(c) for c in hidden] == [True, True, True]
        assert "keeps no change journal" in dialog.summary_label.text()
        _select(qtbot, dialog, target)
        floor = compact(store)
        assert dialog.rollback_button is not None
        dialog.rollback_button.click()
        qtbot.waitUntil(lambda: bool(boxes.warnings), timeout=10000)
        assert boxes.warnings == [
            f"Revision {target} is no longer kept by this cluster (compacted); "
            "/tenants/acme/ cannot be rolled back that far."
        ]
        assert _state(store, tenant) == {tenant + b"a": b"2"}

        dialog.reload()
        qtbot.waitUntil(lambda: not dialog.compacted_note.isHidden(), timeout=10000)
        assert dialog.compacted_note.text().startswith(
            f"History before revision {floor} is not retained by this cluster"
        )
        assert _revisions(dialog) == [second] and second == floor
        # The value before the oldest kept revision is gone: said, never a raw error.
        qtbot.waitUntil(lambda: dialog.values is not None and dialog.values.revision == floor)
        assert dialog.values is not None and dialog.values.before is None
        assert not dialog.diff_note.isHidden()
        assert "not retained" in dialog.diff_note.text()
        assert dialog.keys.topLevelItem(0).text(1) == "changed"  # type: ignore[union-attr]
    finally:
        store.close()


def test_read_only_mode_has_no_rollback_control(
    qtbot: QtBot,
    store: EtcdStore,
    tenant: bytes,
    make_dialog: Callable[..., TenantTimelineDialog],
) -> None:
    bulk_put(store, [(tenant + b"ratelimit", b"rps: 1\n")])
    dialog = make_dialog(store=None)
    _wait_rows(qtbot, dialog, 1)
    assert dialog.rollback_button is None
    labels = [button.text() for button in dialog.findChildren(QPushButton)]
    assert not any("roll" in label.lower() for label in labels), labels


def test_timeline_exports_to_csv_and_html(
    qtbot: QtBot,
    store: EtcdStore,
    layout: Layout,
    journal: Journal,
    tenant: bytes,
    make_dialog: Callable[..., TenantTimelineDialog],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    save_value(
        store,
        tenant + b"ratelimit",
        b"rps: 1\n",
        0,
        layout=layout,
        journal=journal,
        comment="first <limit>",
    )
    dialog = make_dialog()
    _wait_rows(qtbot, dialog, 1)
    for kind in ("csv", "html"):
        target = tmp_path / f"timeline.{kind}"
        monkeypatch.setattr(
            "etcdesk.qt.timeline_dialog.QFileDialog.getSaveFileName",
            lambda *_a, t=target, **_k: (str(t), ""),
        )
        getattr(dialog, f"export_{kind}_button").click()
        text = target.read_text(encoding="utf-8")
        assert "ratelimit" in text and "alice" in text
    assert "first &lt;limit&gt;" in (tmp_path / "timeline.html").read_text(encoding="utf-8")
    assert "first <limit>" in (tmp_path / "timeline.csv").read_text(encoding="utf-8")


def test_closing_the_dialog_during_a_rollback_drops_the_plan_or_lets_the_write_finish(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    boxes: Boxes,
    store: EtcdStore,
    tenant: bytes,
    make_dialog: Callable[..., TenantTimelineDialog],
) -> None:
    target = bulk_put(store, [(tenant + b"ratelimit", b"rps: 1\n")])
    bulk_put(store, [(tenant + b"ratelimit", b"rps: 2\n")])
    # Closed while the plan is read: the plan is dropped, nothing is written.
    dialog = make_dialog()
    _wait_rows(qtbot, dialog, 2)
    _select(qtbot, dialog, target)
    _accept_with(monkeypatch, before_accept=lambda _preview: None)
    assert dialog.rollback_button is not None
    dialog.rollback_button.click()
    dialog.reject()
    qtbot.wait(500)
    assert _state(store, tenant)[tenant + b"ratelimit"] == b"rps: 2\n"
    # Closed while the confirmation is open: the write goes ahead and ends quietly.
    dialog = make_dialog()
    _wait_rows(qtbot, dialog, 2)
    _select(qtbot, dialog, target)
    _accept_with(monkeypatch, before_accept=lambda _preview: dialog.reject())
    assert dialog.rollback_button is not None
    dialog.rollback_button.click()
    qtbot.waitUntil(
        lambda: _state(store, tenant)[tenant + b"ratelimit"] == b"rps: 1\n", timeout=10000
    )
    qtbot.wait(300)  # the late answer has arrived: it touched nothing of the closed dialog
    assert boxes.warnings == [] and dialog.status_label.isHidden()
