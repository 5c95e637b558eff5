"""The window following etcd live: tree rows, the shown value, the status bar, shutdown."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from etcdesk.core.etcd_process import EtcdMember
from etcdesk.core.etcd_store import EtcdStore
from etcdesk.core.layout import Layout
from etcdesk.core.profiles import PasswordVault, Profile, ProfileStore
from etcdesk.core.watcher import WatchBatch, Watcher, WatchEvent, WatchState
from etcdesk.qt.main_window import MainWindow
from etcdesk.qt.session import Session
from etcdesk.qt.settings import UiSettings
from etcdesk.qt.tasks import TaskRunner
from etcdesk.qt.watch_bridge import NetChange
from helpers import bulk_put, compact, delete_prefix


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window()


def _open_live(qtbot: QtBot, win: MainWindow, member: EtcdMember, layout_file: Path) -> None:
    with qtbot.waitSignal(
        win.session.watch_status_changed,
        timeout=15000,
        check_params_cb=lambda status: status.state is WatchState.LIVE,
    ):
        assert win.open_profile(Profile("live", (member.endpoint,), layout=str(layout_file)))


def _tenants(win: MainWindow) -> list[str]:
    model = win.session.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_tree_and_value_follow_etcd_live(
    qtbot: QtBot,
    window: MainWindow,
    etcd_server: EtcdMember,
    store: EtcdStore,
    layout_file: Path,
    prefix: bytes,
) -> None:
    revision = store.put_guarded(prefix + b"acme/quota", b"plan: team\n", 0)
    _open_live(qtbot, window, etcd_server, layout_file)
    assert "live" in window.live_label.text()
    with qtbot.waitSignal(window.session.value_loaded, timeout=10000):
        window.tree_panel.select_key(prefix + b"acme/quota")
    assert "team" in window.value_panel.viewer.toPlainText()

    # Someone else edits the shown key: the panel refreshes by itself.
    with qtbot.waitSignal(window.session.value_loaded, timeout=10000):
        revision = store.put_guarded(prefix + b"acme/quota", b"plan: business\n", revision)
    assert "business" in window.value_panel.viewer.toPlainText()
    assert window.revision_label.text().endswith(str(revision))

    # A new tenant appears, with precise row inserts (no reset).
    resets: list[bool] = []
    window.session.model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(window.session.changes_applied, timeout=10000):
        store.put_guarded(prefix + b"globex/features", b"{}", 0)
    assert _tenants(window) == ["acme", "globex"]

    # The shown key is deleted: the panel says so, and its tenant row goes.
    with qtbot.waitSignal(window.session.value_loaded, timeout=10000):
        store.delete_guarded(prefix + b"acme/quota", revision)
    assert "no longer exists" in window.value_panel.message.title.text()
    assert _tenants(window) == ["globex"]
    assert not resets


def test_burst_is_coalesced_and_delete_prefix_is_one_batch(
    qtbot: QtBot,
    window: MainWindow,
    etcd_server: EtcdMember,
    store: EtcdStore,
    layout_file: Path,
    prefix: bytes,
) -> None:
    _open_live(qtbot, window, etcd_server, layout_file)
    applied: list[NetChange] = []
    window.session.changes_applied.connect(applied.append)
    items = [(prefix + b"t%03d/c%02d" % (i % 100, i // 100), b"v") for i in range(10_000)]
    bulk_put(store, items)  # 79 transactions, as fast as etcd takes them
    qtbot.waitUntil(lambda: len(window.session.tree) == 10_000, timeout=20000)
    assert sum(c.events for c in applied) == 10_000
    assert len(applied) < 79  # bursts coalesce into fewer model updates than responses
    assert window.session.model.rowCount() == 100

    applied.clear()
    delete_prefix(store, prefix)
    qtbot.waitUntil(lambda: len(window.session.tree) == 0, timeout=20000)
    assert len(applied) == 1 and applied[0].events == 10_000
    assert window.session.model.rowCount() == 0


def test_compaction_while_the_watch_is_down_is_reconciled(
    qtbot: QtBot, window: MainWindow, own_etcd: EtcdMember, layout_file: Path, prefix: bytes
) -> None:
    store = EtcdStore(_spec(own_etcd))
    try:
        bulk_put(store, [(prefix + b"a/%d" % i, b"v") for i in range(5)])
        _open_live(qtbot, window, own_etcd, layout_file)
        window.session.stop_watch()  # as if disconnected
        delete_prefix(store, prefix + b"a/1")
        bulk_put(store, [(prefix + b"b/new", b"v")])
        compact(store)
        resets: list[bool] = []
        window.session.model.modelReset.connect(lambda: resets.append(True))
        with qtbot.waitSignal(
            window.session.changes_applied,
            timeout=15000,
            check_params_cb=lambda change: change.resync is not None,
        ):
            window.reconnect()  # Connection › Reconnect: resumes from the view's revision
        assert sorted(window.session.tree.keys()) == sorted(
            [prefix + b"a/%d" % i for i in (0, 2, 3, 4)] + [prefix + b"b/new"]
        )
        assert not resets  # reconciled, not rebuilt
    finally:
        store.close()


def test_status_bar_shows_reconnecting_then_live(
    qtbot: QtBot, window: MainWindow, own_etcd: EtcdMember, layout_file: Path
) -> None:
    _open_live(qtbot, window, own_etcd, layout_file)
    with qtbot.waitSignal(
        window.session.watch_status_changed,
        timeout=15000,
        check_params_cb=lambda s: s.state is WatchState.RECONNECTING,
    ):
        own_etcd.kill()
    assert "reconnecting since" in window.live_label.text()
    with qtbot.waitSignal(
        window.session.watch_status_changed,
        timeout=20000,
        check_params_cb=lambda s: s.state is WatchState.LIVE,
    ):
        own_etcd.start()
    assert "live" in window.live_label.text()


def test_reconnect_does_not_wait_and_drops_what_the_old_watch_still_hands_over(
    qtbot: QtBot,
    window: MainWindow,
    etcd_server: EtcdMember,
    store: EtcdStore,
    layout_file: Path,
    prefix: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Reconnect action stops the watch without waiting for its thread; an item that thread
    still hands over (it was in an RPC) must not reach the tree, or an old event could undo a
    newer one the new watch applied."""
    store.put_guarded(prefix + b"acme/quota", b"plan: team\n", 0)
    _open_live(qtbot, window, etcd_server, layout_file)
    session = window.session
    old = session.watcher
    assert old is not None
    waits: list[bool] = []
    stop = Watcher.stop

    def recording_stop(self: Watcher, timeout: float = 10.0, wait: bool = True) -> None:
        waits.append(wait)
        stop(self, timeout, wait)

    monkeypatch.setattr(Watcher, "stop", recording_stop)
    with qtbot.waitSignal(
        session.watch_status_changed,
        timeout=15000,
        check_params_cb=lambda status: status.state is WatchState.LIVE,
    ):
        session.reconnect_watch()
    assert session.watcher is not old
    assert waits == [False]  # the GUI thread did not wait for the old watch thread
    ghost = prefix + b"ghost/quota"
    revision = session.view_revision
    old.sink(WatchBatch((WatchEvent(ghost, False, revision, b"x"),), revision, time.time()))
    with qtbot.waitSignal(session.changes_applied, timeout=10000):
        store.put_guarded(prefix + b"acme/new", b"x", 0)
    assert prefix + b"acme/new" in session.tree
    assert ghost not in session.tree
    assert "ghost" not in _tenants(window)


def test_closing_with_the_watch_running_stops_every_thread(
    qtbot: QtBot, layout: Layout, tmp_path: Path, etcd_server: EtcdMember, layout_file: Path
) -> None:
    runner = TaskRunner()
    session = Session(runner, layout)
    win = MainWindow(
        session,
        ProfileStore(tmp_path / "p.json"),
        PasswordVault(use_keyring=False),
        UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)),
    )
    qtbot.addWidget(win)
    win.show()
    _open_live(qtbot, win, etcd_server, layout_file)
    assert any(t.name == "etcdesk-watch" for t in threading.enumerate())
    win.close()
    # The shutdown order of app.py: drain the executor, then close the session (watch first).
    runner.shutdown()
    session.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("etcdesk")]


def _spec(member: EtcdMember):  # type: ignore[no-untyped-def]
    from etcdesk.core.etcd_store import ConnectionSpec

    return ConnectionSpec((member.endpoint,), timeout=3)


def test_model_equals_server_after_sigkill_and_restart_during_writes(
    qtbot: QtBot, window: MainWindow, own_etcd: EtcdMember, layout_file: Path, prefix: bytes
) -> None:
    from helpers import delete_once, eventually, put_once, server_keys

    store = EtcdStore(_spec(own_etcd))
    try:
        bulk_put(store, [(prefix + b"t%d/old" % i, b"v") for i in range(5)])
        _open_live(qtbot, window, own_etcd, layout_file)
        written: list[bytes] = []

        def writer() -> None:
            for n in range(150):
                key = prefix + b"t%d/k%03d" % (n % 9, n)
                put_once(store, key, b"v")
                written.append(key)
                if n % 10 == 0:  # deletes too, so removals must survive the restart
                    old = prefix + b"t%d/old" % (n // 10)
                    if n // 10 < 5:
                        current = eventually(lambda old=old: store.get(old))
                        if current.kv is not None:
                            delete_once(store, old, current.kv.mod_revision)

        thread = threading.Thread(target=writer, name="test-writer")
        thread.start()
        qtbot.waitUntil(lambda: len(written) >= 50, timeout=20000)
        own_etcd.kill()
        qtbot.wait(1000)
        own_etcd.start()
        qtbot.waitUntil(lambda: not thread.is_alive(), timeout=60000)
        expected = sorted(server_keys(store, prefix))
        assert len(expected) == 150
        qtbot.waitUntil(lambda: sorted(window.session.tree.keys()) == expected, timeout=20000)
        model = window.session.model
        counts = {model.data(model.index(r, 0)): model.data(model.index(r, 1)) for r in range(9)}
        assert counts == {
            f"t{i}": str(len([n for n in range(150) if n % 9 == i])) for i in range(9)
        }
    finally:
        store.close()


def test_rows_arriving_under_an_expanded_tenant_keep_expansion_selection_and_signals(
    qtbot: QtBot,
    window: MainWindow,
    etcd_server: EtcdMember,
    store: EtcdStore,
    layout_file: Path,
    prefix: bytes,
) -> None:
    """Rows a watch batch inserts under an expanded tenant appear in place: the tenant stays
    expanded (no collapse/expand on the way), the selection and the shown value stay."""
    store.put_guarded(prefix + b"acme/quota", b"plan: team\n", 0)
    store.put_guarded(prefix + b"globex/quota", b"plan: team\n", 0)
    _open_live(qtbot, window, etcd_server, layout_file)
    view, model = window.tree_panel.view, window.session.model
    with qtbot.waitSignal(window.session.value_loaded, timeout=10000):
        assert window.tree_panel.select_key(prefix + b"acme/quota")
    acme = model.index(0, 0)
    assert view.isExpanded(acme)
    folded: list[object] = []
    view.collapsed.connect(folded.append)
    view.expanded.connect(folded.append)
    with qtbot.waitSignal(window.session.changes_applied, timeout=10000):
        bulk_put(store, [(prefix + f"acme/new-{i}".encode(), b"x") for i in range(5)])
    assert view.isExpanded(model.index(0, 0)) and model.rowCount(model.index(0, 0)) == 6
    assert view.currentIndex() == model.index_of_key(prefix + b"acme/quota")
    assert window.value_panel.key == prefix + b"acme/quota"
    assert not folded  # no expanded/collapsed signal
    new_row = model.index_of_key(prefix + b"acme/new-0")
    assert view.visualRect(new_row).isValid()  # laid out and shown under its tenant
    assert view.viewport().updatesEnabled()
