"""Test harness: real etcd servers on loopback (no mocks), offscreen Qt, no leaked threads."""

from __future__ import annotations

import os
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# Before anything imports Qt or reads settings: offscreen, and never touch the user's files.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = tempfile.mkdtemp(prefix="etcdesk-test-home-")
os.environ["ETCDESK_CONFIG_DIR"] = os.path.join(_HOME, "config")
os.environ["ETCDESK_DATA_DIR"] = os.path.join(_HOME, "data")
os.environ["ETCDESK_LOG_DIR"] = os.path.join(_HOME, "log")
os.environ["ETCDESK_NO_KEYRING"] = "1"
os.environ["XDG_CONFIG_HOME"] = os.path.join(_HOME, "xdg-config")
os.environ.pop("ETCDESK_PASSWORD", None)

import pytest  # noqa: E402 - the environment above must be set first

from etcdesk.core.etcd_process import EtcdCluster, EtcdMember  # noqa: E402
from etcdesk.core.etcd_store import ConnectionSpec, EtcdStore  # noqa: E402
from etcdesk.core.layout import Layout, layout_from_mapping  # noqa: E402
from helpers import enable_auth  # noqa: E402


@pytest.fixture(scope="session")
def etcd_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EtcdMember]:
    """One etcd for the whole run; tests keep apart through their own key prefix."""
    member = EtcdMember("shared", tmp_path_factory.mktemp("etcd") / "shared")
    member.start()
    yield member
    member.stop()


@pytest.fixture
def own_etcd(tmp_path: Path) -> Iterator[EtcdMember]:
    """A fresh etcd for a test that compacts, kills, restarts or enables auth."""
    member = EtcdMember("own", tmp_path / "etcd")
    member.start()
    yield member
    member.resume()
    member.stop()


@pytest.fixture(scope="module")
def auth_etcd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EtcdMember]:
    """An etcd with auth enabled: ``root``, and ``reader`` who may only read ``/allowed/``."""
    member = EtcdMember("auth", tmp_path_factory.mktemp("auth") / "etcd")
    member.start()
    try:
        enable_auth(member)
        yield member
    finally:
        member.stop()


@pytest.fixture
def etcd_cluster3(tmp_path: Path) -> Iterator[EtcdCluster]:
    cluster = EtcdCluster(tmp_path / "cluster", size=3)
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture
def prefix() -> bytes:
    """A key prefix no other test uses, shaped like a layout root."""
    return f"/t-{uuid.uuid4().hex[:10]}/".encode()


@pytest.fixture
def layout(prefix: bytes) -> Layout:
    return layout_from_mapping(
        {"root": prefix.decode(), "pattern": "{tenant}/{config...}"}, source="test"
    )


@pytest.fixture
def store(etcd_server: EtcdMember) -> Iterator[EtcdStore]:
    client = EtcdStore(ConnectionSpec((etcd_server.endpoint,), timeout=5))
    yield client
    client.close()


@pytest.fixture
def layout_file(tmp_path: Path, prefix: bytes) -> Path:
    """The ``layout`` fixture as a file, for profiles (which name their layout by path)."""
    path = tmp_path / "layout.yaml"
    path.write_text(f'root: {prefix.decode()}\npattern: "{{tenant}}/{{config...}}"\n')
    return path


@pytest.fixture
def make_window(qtbot: Any, layout: Layout, tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """Build main windows the way app.py does, with settings and profiles in ``tmp_path``;
    shut each down in app.py's order (drain the executor, then close the session)."""
    from PySide6.QtCore import QSettings

    from etcdesk.core.profiles import PasswordVault, ProfileStore
    from etcdesk.qt.main_window import MainWindow
    from etcdesk.qt.session import Session
    from etcdesk.qt.settings import UiSettings
    from etcdesk.qt.tasks import TaskRunner

    made: list[tuple[Any, Any, Any]] = []

    def make(**kwargs: Any) -> MainWindow:
        runner = TaskRunner()
        session = Session(runner, layout)
        settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
        win = MainWindow(
            session,
            ProfileStore(tmp_path / "profiles.json"),
            PasswordVault(use_keyring=False),
            UiSettings(settings),
            **kwargs,
        )
        qtbot.addWidget(win)
        win.show()
        made.append((win, session, runner))
        return win

    yield make
    for win, session, runner in made:
        win.value_panel.editor.mark_saved("", None)  # never ask about edits on teardown
        win.close()
        runner.shutdown()
        session.close()


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    """Fail a test that leaves one of etcdesk's worker threads running (DESIGN.md §6)."""
    before = {t.ident for t in threading.enumerate()}
    yield
    deadline = time.monotonic() + 5
    while True:
        leaked = [
            t
            for t in threading.enumerate()
            if t.ident not in before and t.name.startswith("etcdesk") and t.is_alive()
        ]
        if not leaked or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert not leaked, f"threads left running: {[t.name for t in leaked]}"
