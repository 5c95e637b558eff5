"""Find in values from the window (Ctrl+Shift+F) on a real etcd: results, stop, a bad regular
expression, and a result that opens its key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from etcdesk.core.etcd_process import EtcdMember
from etcdesk.core.etcd_store import EtcdStore
from etcdesk.core.profiles import Profile
from etcdesk.qt.find_dialog import FindInValuesDialog
from etcdesk.qt.main_window import MainWindow


@pytest.fixture
def window(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    layout_file: Path,
    prefix: bytes,
    store: EtcdStore,
    etcd_server: EtcdMember,
) -> MainWindow:
    for n in range(300):
        region = "eu-west-1" if n % 100 == 7 else "us-east-1"
        store.put_guarded(prefix + f"t{n:03}/routing".encode(), f"region: {region}\n".encode(), 0)
    win = make_window()
    with qtbot.waitSignal(win.session.listing_finished, timeout=15000):
        win.open_profile(Profile("find", (etcd_server.endpoint,), layout=str(layout_file)))
    return win


def _dialog(win: MainWindow) -> FindInValuesDialog:
    win.find_action.trigger()
    dialog = win.find_dialog
    assert isinstance(dialog, FindInValuesDialog) and dialog.isVisible()
    return dialog


def test_find_shows_results_and_opens_a_key(
    qtbot: QtBot, window: MainWindow, prefix: bytes
) -> None:
    dialog = _dialog(window)
    assert dialog.scope.count() == 1  # no tenant selected: every key under the root
    dialog.text.setText("EU-WEST")
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20000)
    assert sorted(dialog.result_keys()) == [
        prefix + f"t{n:03}/routing".encode() for n in (7, 107, 207)
    ]
    assert "3 matching lines in 3 keys; 300 values searched" in dialog.status.text()
    first = dialog.results.topLevelItem(0)
    assert first is not None and first.childCount() == 1
    line = first.child(0)
    assert line is not None and line.text(0) == "line 1" and line.text(1) == "region: eu-west-1"
    with qtbot.waitSignal(window.session.value_loaded, timeout=10000):
        dialog.results.itemClicked.emit(line, 1)
    assert window.value_panel.key == prefix + b"t007/routing"

    # With a tenant selected, the search can be limited to it.
    dialog.close()
    dialog = _dialog(window)
    assert dialog.scope.count() == 2 and "t007" in dialog.scope.itemText(1)
    dialog.scope.setCurrentIndex(1)
    dialog.text.setText(r"^region: \w+-\w+-1$")
    dialog.regex.setChecked(True)
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20000)
    assert dialog.result_keys() == [prefix + b"t007/routing"]


def test_a_bad_pattern_is_explained_and_a_search_can_be_stopped(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = _dialog(window)
    dialog.regex.setChecked(True)
    dialog.text.setText("region: (")
    dialog.start()
    assert not dialog.running
    assert "Cannot search: not a valid regular expression" in dialog.status.text()
    dialog.text.setText("region")
    dialog.start()
    assert dialog.running and dialog.stop_button.isEnabled()
    dialog.stop_button.click()
    assert not dialog.running and dialog.find_button.isEnabled()
    assert dialog.status.text().startswith("Stopped after")
    qtbot.wait(200)  # a page already on its way is dropped, not shown
    assert dialog.status.text().startswith("Stopped after")
