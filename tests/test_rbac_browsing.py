"""Prefix-limited user browsing (issue 6): an etcd user who may read only some tenants sees
those, live, and one locked row for the rest; never a failed connection. Real etcd, with auth."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from etcd3 import etcdrpc
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from etcdesk.core.etcd_process import EtcdMember
from etcdesk.core.etcd_store import ConnectionSpec, EtcdStore
from etcdesk.core.layout import Layout, prefix_range_end
from etcdesk.core.profiles import Profile
from etcdesk.core.watcher import Resynced, WatchBatch, WatchEvent, WatchState
from etcdesk.qt.main_window import MainWindow
from etcdesk.qt.session import Session, State
from etcdesk.qt.tasks import TaskRunner
from helpers import READER_PW, ROOT_PW, add_user, bulk_put

PW = "limited-pw"


@pytest.fixture
def admin(auth_etcd: EtcdMember) -> Iterator[EtcdStore]:
    store = EtcdStore(ConnectionSpec((auth_etcd.endpoint,), user="root", password=ROOT_PW))
    yield store
    store.close()


def _user(member: EtcdMember, **permissions: tuple[bytes, ...]) -> str:
    name = f"u-{uuid.uuid4().hex[:8]}"
    add_user(member, name, PW, **permissions)
    return name


def _labels(win: MainWindow) -> list[str]:
    model = win.session.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_prefix_limited_user_browses_only_readable_tenants_live(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    auth_etcd: EtcdMember,
    admin: EtcdStore,
    layout_file: Path,
    prefix: bytes,
) -> None:
    bulk_put(
        admin,
        [
            (prefix + b"acme/quota", b"1"),
            (prefix + b"acme/ratelimit", b"2"),
            (prefix + b"globex/quota", b"3"),
            (prefix + b"initech/quota", b"4"),
        ],
    )
    user = _user(auth_etcd, read=(prefix + b"acme/", prefix + b"globex/"))
    win = make_window(ask_password=lambda _profile: PW)
    profile = Profile(
        "limited", (auth_etcd.endpoint,), user=user, layout=str(layout_file), read_only=True
    )
    with qtbot.waitSignal(win.session.listing_finished, timeout=15000):
        assert win.open_profile(profile)
    session = win.session
    root = prefix.decode()

    note = f"Other keys under {root} are not readable by user {user}"
    assert _labels(win) == ["acme", "globex", note]
    assert session.state is State.CONNECTED and session.locked_note == note
    assert session.audit_warning == ""  # a read-only account: no warning
    assert len(session.tree) == 3 and prefix + b"initech/quota" not in session.tree
    model = session.model
    locked = model.index(2, 0)
    assert not model.hasChildren(locked) and model.data(model.index(2, 1)) is None
    assert model.data(locked, Qt.ItemDataRole.ForegroundRole) is not None
    assert f"user {user}" in model.data(locked, Qt.ItemDataRole.ToolTipRole)
    assert not model.data(locked, Qt.ItemDataRole.DecorationRole).isNull()
    groups: list[object] = []
    win.tree_panel.group_selected.connect(groups.append)
    win.tree_panel.view.setCurrentIndex(locked)
    assert groups == [()]  # the locked row is no tenant to act on

    # Live on both readable ranges; a change under a denied tenant neither shows nor hurts.
    qtbot.waitUntil(
        lambda: session.watch_status is not None and session.watch_status.state is WatchState.LIVE,
        timeout=15000,
    )
    admin.put_guarded(prefix + b"initech/new", b"x", 0)
    admin.put_guarded(prefix + b"globex/new", b"x", 0)
    admin.put_guarded(prefix + b"acme/new", b"x", 0)
    qtbot.waitUntil(
        lambda: prefix + b"acme/new" in session.tree and prefix + b"globex/new" in session.tree,
        timeout=15000,
    )
    assert prefix + b"initech/new" not in session.tree
    assert _labels(win)[-1] == note and model.data(model.index(0, 1)) == "3"
    assert session.watch_status is not None and session.watch_status.state is WatchState.LIVE

    # A value etcd refuses (here: a denied tenant's key) shows as locked, not as an error.
    with qtbot.waitSignal(session.value_locked, timeout=10000) as blocker:
        session.load_value(prefix + b"initech/quota")
    assert f"etcd user {user}" in blocker.args[1]
    panel = win.value_panel
    assert panel.stack.currentWidget() is panel.message
    assert "Locked" in panel.message.title.text() and not panel.message.button.isVisible()

    # Reconnect restarts both ranges where they were; F5 lists (and asks etcd) again.
    session.reconnect_watch()
    admin.put_guarded(prefix + b"acme/after-reconnect", b"x", 0)
    qtbot.waitUntil(lambda: prefix + b"acme/after-reconnect" in session.tree, timeout=15000)
    with qtbot.waitSignal(session.listing_finished, timeout=15000):
        qtbot.keyClick(win, Qt.Key.Key_F5)
    assert _labels(win) == ["acme", "globex", note]
    assert len(session.tree) == 6


def test_user_who_may_read_nothing_under_the_root_sees_it_locked(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    auth_etcd: EtcdMember,
    layout: Layout,
    layout_file: Path,
) -> None:
    win = make_window(ask_password=lambda _profile: READER_PW)
    profile = Profile("reader", (auth_etcd.endpoint,), user="reader", layout=str(layout_file))
    with qtbot.waitSignal(win.session.listing_finished, timeout=15000):
        assert win.open_profile(profile)
    root = layout.root.decode()
    assert _labels(win) == [f"Keys under {root} are not readable by user reader"]
    assert win.session.state is State.CONNECTED and win.session.watcher is None
    assert win.tree_panel.stack.currentWidget() is win.tree_panel.view


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("root", "etcd user root has the root role and could write anything under"),
        ("writer", "could write to {prefix}acme/; audit mode blocks writes in etcdesk"),
        ("reader", ""),
    ],
)
def test_audit_mode_warns_when_the_user_could_write(
    qtbot: QtBot, auth_etcd: EtcdMember, layout: Layout, prefix: bytes, who: str, expected: str
) -> None:
    if who == "writer":
        user, password = _user(auth_etcd, read=(prefix,), write=(prefix + b"acme/",)), PW
    else:
        user, password = who, ROOT_PW if who == "root" else READER_PW
    runner = TaskRunner()
    session = Session(runner, layout)
    spec = ConnectionSpec((auth_etcd.endpoint,), user=user, password=password, timeout=5)
    try:
        with qtbot.waitSignal(session.audit_warning_changed, timeout=15000) as blocker:
            session.open(spec, layout, read_only=True)
        warning = blocker.args[0]
        assert session.audit_warning == warning
        if expected:
            assert expected.format(prefix=prefix.decode()) in warning
            assert warning.endswith("but this user is not a read-only account.")
        else:
            assert warning == ""
        assert session.access.user == user
        qtbot.waitUntil(lambda: session.state is State.CONNECTED, timeout=15000)
        # Not in audit mode: a user who may write is what editing needs, no warning.
        with qtbot.waitSignal(session.audit_warning_changed, timeout=15000) as blocker:
            session.open(spec, layout, read_only=False)
        assert blocker.args == [""]
        qtbot.waitUntil(lambda: session.state is State.CONNECTED, timeout=15000)
    finally:
        runner.shutdown()
        session.close()


def test_resync_of_one_watched_range_leaves_the_other_ranges_alone(
    qtbot: QtBot, layout: Layout, prefix: bytes
) -> None:
    """Two ranges watched apart (a WatchGroup): one range's resync after compaction reconciles
    that range only, the other range's events stand, and events after it are not lost."""
    runner = TaskRunner()
    session = Session(runner, layout)
    try:
        a, b = prefix + b"a/", prefix + b"b/"
        session.model.add_keys((a + b"2", a + b"old", b + b"1", b + b"stale"))

        def batch(key: bytes, revision: int, deleted: bool = False) -> WatchBatch:
            return WatchBatch((WatchEvent(key, deleted, revision),), revision, 0.0)

        items = [
            batch(a + b"1", 10),  # superseded by a's resync
            batch(b + b"new", 11),
            Resynced(frozenset({a + b"2", a + b"r"}), 12, a, prefix_range_end(a)),
            batch(a + b"2", 13, deleted=True),  # after a's resync: applies on top of it
            Resynced(frozenset({b + b"1", b + b"new", b + b"r"}), 14, b, prefix_range_end(b)),
            batch(a + b"3", 15),
        ]
        applied: list[object] = []
        session.changes_applied.connect(applied.append)
        for item in items:
            session.bridge.sink(item)
        qtbot.waitUntil(lambda: len(applied) == 2)  # one NetChange per resync
        assert session.tree.keys() == {a + b"r", a + b"3", b + b"1", b + b"new", b + b"r"}
        assert session.view_revision == 15
    finally:
        runner.shutdown()
        session.close()


def test_listing_refused_after_discovery_shows_the_root_locked(
    qtbot: QtBot, auth_etcd: EtcdMember, admin: EtcdStore, layout: Layout, prefix: bytes
) -> None:
    """The user's roles change between asking etcd and listing: locked, not a failure."""
    admin.put_guarded(prefix + b"acme/quota", b"1", 0)
    user = _user(auth_etcd, read=(prefix + b"acme/",))

    def revoke(_access: object) -> None:
        request = etcdrpc.AuthRoleRevokePermissionRequest(
            role=f"{user}-role",
            key=prefix + b"acme/",
            range_end=prefix_range_end(prefix + b"acme/"),
        )
        admin._call("AuthStub", "RoleRevokePermission", request, idempotent=False)

    runner = TaskRunner()
    session = Session(runner, layout)
    session.access_changed.connect(revoke)
    spec = ConnectionSpec((auth_etcd.endpoint,), user=user, password=PW, timeout=5)
    try:
        with qtbot.waitSignal(session.listing_finished, timeout=15000):
            session.open(spec, layout, read_only=True)
        assert session.state is State.CONNECTED and session.watcher is None
        note = f"Keys under {prefix.decode()} are not readable by user {user}"
        assert session.locked_note == note
        assert session.tree.locked_note == note and len(session.tree) == 0
    finally:
        runner.shutdown()
        session.close()
