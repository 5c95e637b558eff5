"""The demo cluster behind ``etcdesk --demo``: a local etcd seeded with sample tenants.

Its data lives in the user data directory, so edits survive restarts; ``--reset`` starts clean.
Qt-free, so the CLI, tests and benchmarks can use it too.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from etcdesk.core.demo_data import demo_history
from etcdesk.core.errors import Unavailable
from etcdesk.core.etcd_process import EtcdMember, free_port
from etcdesk.core.etcd_store import ConnectionSpec, EtcdStore
from etcdesk.core.journal import Author, Journal, JournalKey, group_of
from etcdesk.core.layout import Layout, load_layout
from etcdesk.core.profiles import Profile, data_dir
from etcdesk.core.resources import resource

log = logging.getLogger(__name__)

META_PREFIX = b"/etcdesk/"  # schemas and the seeded marker live beside the journal


class DemoCluster:
    def __init__(self, base_dir: Path | None = None) -> None:
        self.base_dir = base_dir or data_dir() / "demo-etcd"
        self.member: EtcdMember | None = None

    @property
    def endpoint(self) -> str:
        assert self.member is not None
        return self.member.endpoint

    def profile(self) -> Profile:
        return Profile(name="demo", endpoints=(self.endpoint,))

    def _ports(self) -> tuple[int, int]:
        """Reuse the ports of the last run: etcd keeps its peer URL in the data directory."""
        path = self.base_dir / "ports.json"
        try:
            saved = json.loads(path.read_text())
            client, peer = int(saved["client"]), int(saved["peer"])
        except (OSError, ValueError, KeyError, TypeError):
            client, peer = free_port(), free_port()
        if not _port_free(client) or not _port_free(peer):
            client, peer = free_port(), free_port()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"client": client, "peer": peer}))
        return client, peer

    def start(self, reset: bool = False) -> None:
        if reset and self.base_dir.exists():
            shutil.rmtree(self.base_dir)
        client, peer = self._ports()
        self.member = EtcdMember(
            "demo",
            self.base_dir / "data",
            client_port=client,
            peer_port=peer,
            fast=False,
            log_file=self.base_dir / "etcd.log",
        )
        self.member.start(timeout=30)
        store = EtcdStore(ConnectionSpec((self.endpoint,)))
        try:
            if store.get(META_PREFIX + b"demo/seeded").kv is None:
                seed(store, load_layout())
            else:
                add_session_key(store, load_layout())  # a fresh hour whenever the demo starts
        finally:
            store.close()

    def stop(self) -> None:
        if self.member is not None:
            self.member.stop()


def _port_free(port: int) -> bool:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def seed(store: EtcdStore, layout: Layout, meta_prefix: bytes = META_PREFIX) -> int:
    """Write the sample tenants with their history, the schemas and a few odd keys.

    Returns the number of keys that exist afterwards.
    """
    mods: dict[bytes, int] = {}

    def put(key: bytes, value: bytes) -> None:
        mods[key] = store.put_guarded(key, value, mods.get(key, 0))

    schemas = resource("schemas")
    for entry in sorted(schemas.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".schema.yaml"):
            put(meta_prefix + b"schemas/" + entry.name.encode(), entry.read_bytes())
    writes = demo_history()
    start = datetime.now(UTC) - timedelta(days=42)
    for index, write in enumerate(writes):
        key = layout.root + write.key.encode()
        when = start + timedelta(days=40) * index / max(len(writes), 1)
        extra = _journal_entry(layout, index, key, mods.get(key, 0), write.value is None, when)
        if write.value is None:
            store.delete_guarded(key, mods.pop(key), extra)
        else:
            mods[key] = store.put_guarded(key, write.value.encode(), mods.get(key, 0), 0, extra)
    # Keys someone else put there: etcdesk must show them without crashing.
    png_header = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(48))
    put(layout.root + b"acme-corp/assets/logo.png", png_header)
    put(layout.root + b"README", b"Per-tenant configuration. Layout: /tenants/{tenant}/{config}\n")
    put(layout.root + b"legacy-\xff\xfe/config", b"written by an old tool, key is not UTF-8")
    put(meta_prefix + b"demo/seeded", str(time.time()).encode())
    add_session_key(store, layout)
    return len(mods)


# Who changed the demo's configs, and why: most writes went through etcdesk (journaled), every
# fifth through another tool, so the history shows both.
_DEMO_AUTHORS = (
    Author("ops-admin", "li.wei", "ops-laptop-07", "etcdesk 0.1.0"),
    Author("ops-admin", "maria.k", "mbp-maria", "etcdesk 0.1.0"),
    Author("deployer", "deploy-bot", "ci-runner-3", "etcdesk 0.1.0"),
)
_DEMO_WHY = {
    "ratelimit": ("traffic peak expected (OPS-2291)", "customer asked for headroom", ""),
    "features": ("staged rollout", "feature flag review", ""),
    "quota": ("plan change from billing", "", "seats requested by the account manager"),
    "certificate": ("certificate renewal", "re-issued after key rotation", ""),
}


def _journal_entry(
    layout: Layout, index: int, key: bytes, base: int, deleted: bool, when: datetime
) -> list[tuple[bytes, bytes]]:
    if layout.journal is None or index % 5 == 4:
        return []  # "changed outside etcdesk"
    author = _DEMO_AUTHORS[index % len(_DEMO_AUTHORS)]
    leaf = key.rsplit(b"/", 1)[-1].decode("utf-8", "replace")
    reasons = _DEMO_WHY.get(leaf, ("",))
    why = "revoked: key compromise reported" if deleted else reasons[index % len(reasons)]
    op = "delete" if deleted else "put"
    action = "delete" if deleted else ("create" if base == 0 else "save")
    journal = Journal(layout.journal, author)
    entry = journal.entry(action, group_of(layout, key), [JournalKey(key, base, op)], why, 0, when)
    return [entry]


def add_session_key(store: EtcdStore, layout: Layout) -> None:
    """A key on a one-hour lease, so the demo shows a lease and its remaining TTL."""
    key = layout.root + b"acme-corp/session/maintenance-window"
    current = store.get(key).kv
    lease = store.grant_lease(3600)
    value = b'{"reason": "database upgrade", "ends_in_minutes": 60}'
    store.put_guarded(key, value, current.mod_revision if current else 0, lease=lease)


def start_demo(reset: bool = False, base_dir: Path | None = None) -> DemoCluster:
    cluster = DemoCluster(base_dir)
    try:
        cluster.start(reset=reset)
    except Unavailable:
        cluster.stop()
        raise
    return cluster
