"""The main window browsing a real, seeded etcd: tree, filter, values, errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from etcdesk.core.etcd_process import EtcdMember, free_port
from etcdesk.core.etcd_store import EtcdStore
from etcdesk.core.layout import Layout
from etcdesk.core.profiles import Profile
from etcdesk.core.values import ValueFormat
from etcdesk.demo import seed
from etcdesk.qt.main_window import MainWindow
from etcdesk.qt.session import State


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window(ask_password=lambda _profile: None)


def _open(qtbot: QtBot, win: MainWindow, profile: Profile) -> None:
    with qtbot.waitSignal(win.session.listing_finished, timeout=15000):
        assert win.open_profile(profile)


def _show(qtbot: QtBot, win: MainWindow, key: bytes) -> None:
    with qtbot.waitSignal(win.session.value_loaded, timeout=10000):
        assert win.tree_panel.select_key(key)


def test_browse_seeded_cluster(
    qtbot: QtBot,
    window: MainWindow,
    etcd_server: EtcdMember,
    store: EtcdStore,
    layout: Layout,
    layout_file: Path,
    prefix: bytes,
) -> None:
    seed(store, layout, meta_prefix=prefix + b"meta/")
    _open(qtbot, window, Profile("test", (etcd_server.endpoint,), layout=str(layout_file)))
    model = window.session.model
    labels = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert "acme-corp" in labels and "华东物流" in labels
    assert "legacy-\\xff\\xfe" in labels
    assert labels[-1] == "Other keys"
    assert window.session.state is State.CONNECTED
    assert "revision" in window.revision_label.text()

    key = prefix + "华东物流/quota".encode()
    _show(qtbot, window, key)
    panel = window.value_panel
    assert panel.stack.currentWidget() is panel.value_page
    assert panel.meta["format"].text() == "YAML"
    assert "plan" in panel.viewer.toPlainText()
    assert int(panel.meta["version"].text()) >= 1
    assert panel.key_label.text().endswith("华东物流/quota")

    # Filter across all keys (the tenant has not been expanded) with the keyboard.
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tree_panel.filter.hasFocus()
    qtbot.keyClicks(window.tree_panel.filter, "routing/eu")
    qtbot.waitUntil(lambda: window.tree_panel.filtering)
    filtered = window.session.model.tree
    assert len(filtered) > 0
    assert all(b"routing/eu" in k for k in sorted(filtered.keys()))
    window.tree_panel.filter.clear()
    qtbot.waitUntil(lambda: not window.tree_panel.filtering)
    assert len(window.session.model.tree) == len(window.session.tree)

    # F5 lists again and keeps the shown key.
    with qtbot.waitSignal(window.session.listing_finished, timeout=10000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.value_panel.key == key


def test_hostile_values_never_crash(
    qtbot: QtBot,
    window: MainWindow,
    etcd_server: EtcdMember,
    store: EtcdStore,
    layout_file: Path,
    prefix: bytes,
) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    big = json.dumps({"rows": ["x" * 100] * 13_000})
    values = {
        b"t/binary": b"\x00\x01\x02\xff" * 100,
        b"t/bomb": bomb.encode(),
        b"t/deep": b"[" * 100_000 + b"]" * 100_000,
        b"t/big": big.encode(),
        b"t/empty": b"",
        b"\xfe\xff/bad-key": b"plain text",
    }
    for key, value in values.items():
        store.put_guarded(prefix + key, value, 0)
    _open(qtbot, window, Profile("test", (etcd_server.endpoint,), layout=str(layout_file)))
    panel = window.value_panel

    _show(qtbot, window, prefix + b"t/binary")
    assert panel.meta["format"].text() == "Binary"
    assert panel.note.isVisibleTo(window) and "hex" in panel.note.text()
    assert panel.viewer.toPlainText().startswith("00000000  00 01 02 ff")

    _show(qtbot, window, prefix + b"t/bomb")
    assert panel.meta["format"].text() == "Text"
    assert "alias" in panel.note.text()

    _show(qtbot, window, prefix + b"t/deep")
    assert "nested" in panel.note.text()

    _show(qtbot, window, prefix + b"t/big")
    assert panel.meta["format"].text() == "JSON"
    assert panel.meta["size"].text().endswith("MiB")

    _show(qtbot, window, prefix + b"t/empty")
    assert panel.meta["format"].text() == "Empty"

    _show(qtbot, window, prefix + b"\xfe\xff/bad-key")
    assert "\\xfe\\xff" in panel.key_label.text()
    assert panel.viewer.toPlainText() == "plain text"
    assert ValueFormat.TEXT.value == "text"


def test_unreachable_endpoint_then_recover(
    qtbot: QtBot, window: MainWindow, etcd_server: EtcdMember, layout_file: Path, prefix: bytes
) -> None:
    dead = Profile("dead", (f"127.0.0.1:{free_port()}",), layout=str(layout_file), timeout=2)
    with qtbot.waitSignal(
        window.session.state_changed, timeout=10000, check_params_cb=lambda s, _d: s is State.FAILED
    ):
        window.open_profile(dead)
    assert "Could not connect" in window.tree_panel.empty.text()
    assert "cannot reach etcd" in window.tree_panel.empty.text()
    assert window.state_label.text().startswith("Error")
    # The app stays usable: pick another profile.
    _open(qtbot, window, Profile("ok", (etcd_server.endpoint,), layout=str(layout_file)))
    assert window.session.state is State.CONNECTED


def test_deleted_key_and_empty_root(
    qtbot: QtBot,
    window: MainWindow,
    etcd_server: EtcdMember,
    store: EtcdStore,
    layout_file: Path,
    prefix: bytes,
) -> None:
    _open(qtbot, window, Profile("test", (etcd_server.endpoint,), layout=str(layout_file)))
    assert "No keys under" in window.tree_panel.empty.text()
    revision = store.put_guarded(prefix + b"acme/quota", b"plan: team\n", 0)
    with qtbot.waitSignal(window.session.listing_finished, timeout=10000):
        window.reload()
    _show(qtbot, window, prefix + b"acme/quota")
    store.delete_guarded(prefix + b"acme/quota", revision)
    with qtbot.waitSignal(window.session.value_loaded, timeout=10000):
        window.value_panel.retry_requested.emit(prefix + b"acme/quota")
    assert "no longer exists" in window.value_panel.message.title.text()


def test_password_prompt_cancel_and_read_only_banner(
    qtbot: QtBot, window: MainWindow, etcd_server: EtcdMember, layout_file: Path
) -> None:
    asked: list[str] = []
    window.ask_password = lambda profile: asked.append(profile.name)  # type: ignore[assignment,func-returns-value]
    profile = Profile("auth", (etcd_server.endpoint,), user="alice", layout=str(layout_file))
    assert window.open_profile(profile) is False  # cancelled: nothing happens
    assert asked == ["auth"]
    assert window.session.state is State.DISCONNECTED
    _open(
        qtbot,
        window,
        Profile("audit", (etcd_server.endpoint,), layout=str(layout_file), read_only=True),
    )
    assert "read only" in window.mode_label.text()
    assert window.session.read_only


def test_window_layout_is_remembered(make_window: Callable[..., MainWindow]) -> None:
    first = make_window()
    first.resize(760, 520)  # the offscreen screen is 800 px wide; restore clamps to it
    first.show()
    first.splitter.setSizes([250, 500])
    sizes = first.splitter.sizes()
    first.close()
    second = make_window()
    assert second.size().width() == 760
    assert second.splitter.sizes() == sizes


def test_lease_and_remaining_ttl_are_shown(
    qtbot: QtBot,
    window: MainWindow,
    etcd_server: EtcdMember,
    store: EtcdStore,
    layout_file: Path,
    prefix: bytes,
) -> None:
    lease = store.grant_lease(600)
    store.put_guarded(prefix + b"acme/session", b"{}", 0, lease=lease)
    _open(qtbot, window, Profile("test", (etcd_server.endpoint,), layout=str(layout_file)))
    _show(qtbot, window, prefix + b"acme/session")
    text = window.value_panel.meta["lease"].text()
    assert text.startswith(f"{lease:x}")
    assert "s left of 600 s" in text


def test_wrong_password_is_a_clear_message(
    qtbot: QtBot, window: MainWindow, auth_etcd: EtcdMember, layout_file: Path
) -> None:
    window.ask_password = lambda _profile: "not-the-password"
    profile = Profile("auth", (auth_etcd.endpoint,), user="root", layout=str(layout_file))
    with qtbot.waitSignal(
        window.session.state_changed,
        timeout=10000,
        check_params_cb=lambda state, _detail: state is State.FAILED,
    ):
        window.open_profile(profile)
    assert "wrong user name or password" in window.tree_panel.empty.text()
    assert "not-the-password" not in window.tree_panel.empty.text()
