"""Helpers shared by tests that talk to a real etcd (seeding, compaction, polling)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from etcd3 import etcdrpc
from etcd3.etcdrpc import auth_pb2

from etcdesk.core.errors import Conflict, StoreError
from etcdesk.core.etcd_process import EtcdMember
from etcdesk.core.etcd_store import MAX_TXN_OPS, ConnectionSpec, EtcdReader, EtcdStore
from etcdesk.core.layout import Layout, prefix_range_end
from etcdesk.core.watcher import WatchBatch, WatchItem, WatchState, WatchStatus

T = TypeVar("T")
ROOT_PW = "root-pw"
READER_PW = "reader-pw"


def bulk_put(store: EtcdStore, items: list[tuple[bytes, bytes]]) -> int:
    """Seed keys quickly: transactions of up to 128 puts. Returns the last revision."""
    revision = 0
    for start in range(0, len(items), MAX_TXN_OPS):
        ops = [
            etcdrpc.RequestOp(request_put=etcdrpc.PutRequest(key=k, value=v))
            for k, v in items[start : start + MAX_TXN_OPS]
        ]
        response = store._call("KVStub", "Txn", etcdrpc.TxnRequest(success=ops), idempotent=False)
        revision = int(response.header.revision)
    return revision


def delete_prefix(store: EtcdStore, prefix: bytes) -> None:
    request = etcdrpc.DeleteRangeRequest(key=prefix, range_end=prefix_range_end(prefix))
    store._call("KVStub", "DeleteRange", request, idempotent=False)


def server_keys(store: EtcdReader, prefix: bytes) -> list[bytes]:
    """The keys under ``prefix`` now, with one plain linearizable range (the reference)."""
    request = etcdrpc.RangeRequest(key=prefix, range_end=prefix_range_end(prefix), keys_only=True)
    return [bytes(kv.key) for kv in store._call("KVStub", "Range", request).kvs]


def compact(store: EtcdStore) -> int:
    revision = store.status().revision
    store._call("KVStub", "Compact", etcdrpc.CompactionRequest(revision=revision, physical=True))
    return revision


def eventually(action: Callable[[], T], timeout: float = 10.0) -> T:
    """Retry ``action`` until it stops raising StoreError (a poll, not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return action()
        except StoreError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def enable_auth(member: EtcdMember, admin_spec: ConnectionSpec | None = None) -> None:
    """Enable auth: ``root``, and ``reader`` who may only read ``/allowed/``.

    ``admin_spec`` connects before auth is on (a TLS member needs its CA and a client cert).
    """
    admin = EtcdStore(admin_spec or ConnectionSpec((member.endpoint,), timeout=5))
    try:

        def auth(method: str, request: object) -> None:
            admin._call("AuthStub", method, request, idempotent=False)

        auth("RoleAdd", etcdrpc.AuthRoleAddRequest(name="root"))
        auth("UserAdd", etcdrpc.AuthUserAddRequest(name="root", password=ROOT_PW))
        auth("UserGrantRole", etcdrpc.AuthUserGrantRoleRequest(user="root", role="root"))
        auth("RoleAdd", etcdrpc.AuthRoleAddRequest(name="reader"))
        permission = auth_pb2.Permission(
            permType=auth_pb2.Permission.READ, key=b"/allowed/", range_end=b"/allowed0"
        )
        auth(
            "RoleGrantPermission",
            etcdrpc.AuthRoleGrantPermissionRequest(name="reader", perm=permission),
        )
        auth("UserAdd", etcdrpc.AuthUserAddRequest(name="reader", password=READER_PW))
        auth("UserGrantRole", etcdrpc.AuthUserGrantRoleRequest(user="reader", role="reader"))
        bulk_put(admin, [(b"/allowed/x", b"visible"), (b"/tenants/acme/quota", b"{}")])
        auth("AuthEnable", etcdrpc.AuthEnableRequest())
    finally:
        admin.close()


def put_once(store: EtcdStore, key: bytes, value: bytes, timeout: float = 30.0) -> None:
    """Create ``key`` through outages: a retry after a put that etcd committed just before it
    died (the answer was lost) meets its own write as a Conflict, which counts as done."""

    def attempt() -> None:
        try:
            store.put_guarded(key, value, 0)
        except Conflict as exc:
            if exc.current is None or exc.current.value != value:
                raise

    eventually(attempt, timeout=timeout)


def delete_once(store: EtcdStore, key: bytes, mod_revision: int, timeout: float = 30.0) -> None:
    """Delete through outages; finding the key already gone after a lost answer is done."""

    def attempt() -> None:
        try:
            store.delete_guarded(key, mod_revision)
        except Conflict as exc:
            if exc.current is not None:
                raise

    eventually(attempt, timeout=timeout)


def add_user(
    member: EtcdMember,
    name: str,
    password: str,
    read: tuple[bytes, ...] = (),
    write: tuple[bytes, ...] = (),
    roles: tuple[str, ...] = (),
) -> None:
    """As root on an auth-enabled ``member``: a user with one role of its own that may read
    the prefixes ``read`` and write the prefixes ``write`` (a prefix ending in NUL is a
    single key), plus the existing ``roles``."""
    admin = EtcdStore(ConnectionSpec((member.endpoint,), user="root", password=ROOT_PW))
    try:

        def auth(method: str, request: object) -> None:
            admin._call("AuthStub", method, request, idempotent=False)

        role = f"{name}-role"
        auth("RoleAdd", etcdrpc.AuthRoleAddRequest(name=role))
        for prefixes, kind in (
            (read, auth_pb2.Permission.READ),
            (write, auth_pb2.Permission.WRITE),
        ):
            for prefix in prefixes:
                key, end = (
                    (prefix[:-1], b"")
                    if prefix.endswith(b"\x00")
                    else (prefix, prefix_range_end(prefix))
                )
                permission = auth_pb2.Permission(permType=kind, key=key, range_end=end)
                auth(
                    "RoleGrantPermission",
                    etcdrpc.AuthRoleGrantPermissionRequest(name=role, perm=permission),
                )
        auth("UserAdd", etcdrpc.AuthUserAddRequest(name=name, password=password))
        for granted in (role, *roles):
            auth("UserGrantRole", etcdrpc.AuthUserGrantRoleRequest(user=name, role=granted))
    finally:
        admin.close()


def seeded_demo_layout(store: EtcdStore, layout: Layout, directory: Path, prefix: bytes) -> Path:
    """Seed the demo data under ``prefix`` and write the layout file a window opens it with:
    the four schema rules, the schemas stored in etcd, and a journal beside the root."""
    from etcdesk.demo import seed

    meta = prefix + b"meta/"
    seed(store, layout, meta_prefix=meta)
    rules = "\n".join(
        f"  - match: {name}\n    schema: {name}.schema.yaml"
        for name in ("certificate", "ratelimit", "features", "quota")
    )
    path = directory / "layout.yaml"
    path.write_text(
        f'root: {prefix.decode()}\npattern: "{{tenant}}/{{config...}}"\nschemas:\n{rules}\n'
        f"schema_store: {meta.decode()}schemas/\njournal: {prefix.decode()[:-1]}-journal/\n"
    )
    return path


class Recorder:
    """A watch sink for tests: collects what a watcher hands over, thread-safely, and waits for
    conditions."""

    def __init__(self) -> None:
        self.items: list[WatchItem] = []
        self._cond = threading.Condition()

    def __call__(self, item: WatchItem) -> None:
        with self._cond:
            self.items.append(item)
            self._cond.notify_all()

    def wait(self, predicate: Callable[[], bool], timeout: float = 15.0) -> None:
        with self._cond:
            assert self._cond.wait_for(predicate, timeout), f"timed out; got {self.items[-5:]}"

    def batches(self) -> list[WatchBatch]:
        with self._cond:
            return [i for i in self.items if isinstance(i, WatchBatch)]

    def statuses(self) -> list[WatchStatus]:
        with self._cond:
            return [i for i in self.items if isinstance(i, WatchStatus)]

    def events(self) -> list[tuple[int, bytes, bool]]:
        return [(e.revision, e.key, e.deleted) for b in self.batches() for e in b.events]

    def seen(self) -> set[bytes]:
        return {e.key for b in self.batches() for e in b.events}

    def state(self) -> WatchState | None:
        statuses = self.statuses()
        return statuses[-1].state if statuses else None
