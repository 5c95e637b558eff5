"""EtcdStore against a real etcd: pinned paged listing, size limits, guarded writes,
compaction mid-scan, authentication and permissions, failover across members."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

import pytest

from etcdesk.core.errors import (
    Compacted,
    Conflict,
    PermissionDenied,
    TooLarge,
    Unauthenticated,
    Unavailable,
)
from etcdesk.core.etcd_process import EtcdCluster, EtcdMember, free_port
from etcdesk.core.etcd_store import (
    MAX_REQUEST_BYTES,
    ConnectionSpec,
    EtcdStore,
    KeyPage,
    connect,
)
from helpers import (
    READER_PW,
    ROOT_PW,
    bulk_put,
    compact,
    delete_prefix,
    eventually,
    server_keys,
)

T = TypeVar("T")
GRPC_DEFAULT_RECEIVE_LIMIT = 4 * 1024 * 1024


def _collect(pages: Iterable[KeyPage]) -> tuple[list[bytes], list[KeyPage]]:
    """Keys of the pages since the last restart, as a listing consumer must keep them."""
    keys: list[bytes] = []
    seen: list[KeyPage] = []
    for page in pages:
        seen.append(page)
        if page.restarted:
            keys = []
        keys.extend(page.keys)
    return keys, seen


# -- paged, pinned listing --------------------------------------------------------------------


def test_paged_listing_across_page_boundaries(store: EtcdStore, prefix: bytes) -> None:
    keys = [prefix + b"k%04d" % i for i in range(333)]
    last_revision = bulk_put(store, [(k, b"v") for k in reversed(keys)])
    # Neighbours that share the prefix text but not the prefix: never listed.
    bulk_put(store, [(prefix[:-1], b"x"), (prefix[:-1] + b"0", b"x")])
    pages = list(store.list_keys(prefix, first_page=7, page=50))
    assert [len(p.keys) for p in pages] == [7, 50, 50, 50, 50, 50, 50, 26]
    listed = [k for p in pages for k in p.keys]
    assert listed == keys  # every key once, in key order
    assert {p.revision for p in pages} == {pages[0].revision}
    assert last_revision <= pages[0].revision
    assert all(p.total == 333 for p in pages)
    assert [p.done for p in pages] == [False] * 7 + [True]
    assert not any(p.restarted for p in pages)


def test_listing_exact_multiple_of_page_size(store: EtcdStore, prefix: bytes) -> None:
    keys = [prefix + b"k%02d" % i for i in range(30)]
    bulk_put(store, [(k, b"") for k in keys])
    pages = list(store.list_keys(prefix, first_page=10, page=10))
    assert [k for p in pages for k in p.keys] == keys
    assert pages[-1].done and not any(p.done for p in pages[:-1])
    assert sum(len(p.keys) for p in pages) == 30


def test_empty_listing(store: EtcdStore, prefix: bytes) -> None:
    pages = list(store.list_keys(prefix))
    assert len(pages) == 1
    assert pages[0].keys == () and pages[0].done and pages[0].total == 0
    assert store.count(prefix) == 0


def test_listing_is_pinned_to_first_revision(store: EtcdStore, prefix: bytes) -> None:
    keys = [prefix + b"k%04d" % i for i in range(333)]
    bulk_put(store, [(k, b"v") for k in keys])
    pages = store.list_keys(prefix, first_page=7, page=50)
    first = next(pages)
    late = [prefix + b"k0100a", prefix + b"k0300a", prefix + b"k9999", prefix + b"k0003a"]
    late_revision = bulk_put(store, [(k, b"late") for k in late])
    assert late_revision > first.revision
    rest = list(pages)
    listed = [*first.keys, *(k for p in rest for k in p.keys)]
    assert listed == keys
    assert not set(late) & set(listed)
    assert {p.revision for p in rest} == {first.revision}
    assert store.count(prefix) == 333 + len(late)  # the late keys are really there


def test_listing_stops_when_cancelled(store: EtcdStore, prefix: bytes) -> None:
    bulk_put(store, [(prefix + b"k%03d" % i, b"") for i in range(100)])
    seen: list[KeyPage] = []
    for page in store.list_keys(prefix, first_page=10, page=10, cancelled=lambda: bool(seen)):
        seen.append(page)
    assert len(seen) == 1 and not seen[0].done


def test_listing_over_grpc_default_receive_limit(store: EtcdStore, prefix: bytes) -> None:
    # 12,000 keys of ~500 bytes: about 6 MB of keys. With the default page sizes the second
    # page alone is > 4 MiB, which a channel with gRPC's default receive limit refuses.
    count, pad = 12_000, b"x" * 480
    keys = [prefix + b"%05d/" % i + pad for i in range(count)]
    try:
        bulk_put(store, [(k, b"value-%d" % i) for i, k in enumerate(keys)])
        pages = list(store.list_keys(prefix))
        listed = [k for p in pages for k in p.keys]
        assert len(listed) == count
        assert listed == keys
        assert pages[-1].done and pages[0].total == count
        biggest = max(sum(len(k) for k in p.keys) for p in pages)
        assert biggest > GRPC_DEFAULT_RECEIVE_LIMIT  # the test really crossed the limit
    finally:
        delete_prefix(store, prefix)


# -- single values and size limits ------------------------------------------------------------


def test_large_value_round_trips(store: EtcdStore, prefix: bytes) -> None:
    key = prefix + b"big"
    value = bytes(range(256)) * (1_400_000 // 256)
    revision = store.put_guarded(key, value, 0)
    got = store.get(key)
    assert got.kv is not None
    assert got.kv.value == value
    assert got.kv.mod_revision == revision == got.kv.create_revision
    assert got.kv.version == 1


def test_value_over_request_limit_is_refused(store: EtcdStore, prefix: bytes) -> None:
    key = prefix + b"too-big"
    with pytest.raises(TooLarge, match="at most") as info:
        store.put_guarded(key, b"x" * (MAX_REQUEST_BYTES + 1), 0)
    assert "bytes" in str(info.value)
    assert store.get(key).kv is None


def test_largest_value_the_store_allows_is_accepted(store: EtcdStore, prefix: bytes) -> None:
    key = prefix + b"edge"
    value = b"y" * (MAX_REQUEST_BYTES - 4096 - len(key))
    store.put_guarded(key, value, 0)
    got = store.get(key).kv
    assert got is not None and got.value == value


def test_oversized_request_with_long_key_is_too_large(store: EtcdStore, prefix: bytes) -> None:
    # The key appears three times in the guarded transaction; etcd refuses the request.
    key = prefix + b"k" * 3000
    value = b"z" * (MAX_REQUEST_BYTES - 4096 - len(key))
    with pytest.raises(TooLarge):
        store.put_guarded(key, value, 0)
    assert store.get(key).kv is None


# -- guarded writes ---------------------------------------------------------------------------


def test_put_guarded_conflict_carries_current(store: EtcdStore, prefix: bytes) -> None:
    key = prefix + b"acme/ratelimit"
    first = store.put_guarded(key, b'{"limit": 1}', 0)
    second = store.put_guarded(key, b'{"limit": 2}', first)
    assert second > first
    with pytest.raises(Conflict, match=f"now at revision {second}") as info:
        store.put_guarded(key, b'{"limit": 3}', first)
    current = info.value.current
    assert current is not None
    assert current.key == key
    assert current.value == b'{"limit": 2}'
    assert current.mod_revision == second
    assert current.create_revision == first
    assert current.version == 2
    assert store.get(key).kv.value == b'{"limit": 2}'


def test_create_over_existing_key_conflicts(store: EtcdStore, prefix: bytes) -> None:
    key = prefix + b"acme/quota"
    revision = store.put_guarded(key, b"old", 0)
    with pytest.raises(Conflict) as info:
        store.put_guarded(key, b"new", 0)
    assert info.value.current.mod_revision == revision
    assert store.get(key).kv.value == b"old"


def test_delete_guarded(store: EtcdStore, prefix: bytes) -> None:
    key = prefix + b"acme/features"
    first = store.put_guarded(key, b"a", 0)
    second = store.put_guarded(key, b"b", first)
    with pytest.raises(Conflict) as info:
        store.delete_guarded(key, first)
    assert info.value.current.value == b"b"
    assert store.get(key).kv is not None
    deleted = store.delete_guarded(key, second)
    assert deleted > second
    assert store.get(key).kv is None
    # The old value is still there at its revision.
    assert store.get(key, revision=second).kv.value == b"b"


def test_write_to_deleted_key_conflicts(store: EtcdStore, prefix: bytes) -> None:
    key = prefix + b"acme/gone"
    revision = store.put_guarded(key, b"a", 0)
    store.delete_guarded(key, revision)
    with pytest.raises(Conflict, match="deleted") as info:
        store.put_guarded(key, b"b", revision)
    assert info.value.current is None
    with pytest.raises(Conflict):
        store.delete_guarded(key, revision)
    assert store.get(key).kv is None


# -- compaction -------------------------------------------------------------------------------


def test_compaction_mid_scan_restarts(own_etcd: EtcdMember) -> None:
    store = EtcdStore(ConnectionSpec((own_etcd.endpoint,), timeout=5))
    try:
        prefix = b"/tenants/"
        bulk_put(store, [(prefix + b"t%03d/cfg" % i, b"v") for i in range(300)])
        pages = store.list_keys(prefix, first_page=10, page=20)
        first = next(pages)
        assert not first.restarted and not first.done
        bulk_put(store, [(prefix + b"t%03da/cfg" % i, b"new") for i in range(0, 300, 7)])
        compacted_at = compact(store)
        assert compacted_at > first.revision
        keys, rest = _collect(pages)
        restarts = [p for p in rest if p.restarted]
        assert len(restarts) == 1
        assert restarts[0].revision >= compacted_at
        after = rest[rest.index(restarts[0]) :]
        assert {p.revision for p in after} == {restarts[0].revision}
        assert rest[-1].done
        assert keys == server_keys(store, prefix)
        assert len(keys) == 300 + len(range(0, 300, 7))
        # Reading a key at a compacted revision is a clear Compacted error.
        with pytest.raises(Compacted, match="no longer kept"):
            store.get(prefix + b"t000/cfg", revision=first.revision)
    finally:
        store.close()


# -- connecting, authentication and permissions -----------------------------------------------


def test_unreachable_endpoint_is_unavailable() -> None:
    endpoint = f"127.0.0.1:{free_port()}"
    with pytest.raises(Unavailable, match=f"cannot reach etcd at {endpoint}") as info:
        connect(ConnectionSpec((endpoint,), timeout=2))
    assert "_InactiveRpcError" not in str(info.value)


def test_user_on_cluster_without_auth(etcd_server: EtcdMember) -> None:
    spec = ConnectionSpec((etcd_server.endpoint,), user="root", password="pw", timeout=3)
    with pytest.raises(Unauthenticated, match=r"authentication is not enabled.*leave user empty"):
        connect(spec)


def test_connection_spec_repr_hides_password() -> None:
    spec = ConnectionSpec(("127.0.0.1:2379",), user="alice", password="s3cr3t-pw")
    assert "s3cr3t-pw" not in repr(spec)
    assert "s3cr3t-pw" not in str(spec)
    assert "alice" in repr(spec)
    # The password takes no part in equality either (specs compare by where they connect).
    assert spec == ConnectionSpec(("127.0.0.1:2379",), user="alice", password="other")


def _connect(member: EtcdMember, user: str | None, password: str | None) -> EtcdStore:
    spec = ConnectionSpec((member.endpoint,), user=user, password=password, timeout=3)
    store = connect(spec)
    assert isinstance(store, EtcdStore)
    return store


def test_wrong_password(auth_etcd: EtcdMember) -> None:
    with pytest.raises(Unauthenticated, match=r"^wrong user name or password$"):
        _connect(auth_etcd, "root", "not-the-password")
    with pytest.raises(Unauthenticated, match=r"^wrong user name or password$"):
        _connect(auth_etcd, "nobody", ROOT_PW)


def test_root_reads_and_writes(auth_etcd: EtcdMember) -> None:
    store = _connect(auth_etcd, "root", ROOT_PW)
    try:
        keys, _pages = _collect(store.list_keys(b"/tenants/"))
        assert b"/tenants/acme/quota" in keys
        revision = store.put_guarded(b"/tenants/root-was-here/x", b"1", 0)
        assert store.get(b"/tenants/root-was-here/x").kv.mod_revision == revision
    finally:
        store.close()


def test_reader_permissions(auth_etcd: EtcdMember) -> None:
    reader = _connect(auth_etcd, "reader", READER_PW)
    try:
        with pytest.raises(PermissionDenied, match="permission denied"):
            list(reader.list_keys(b"/tenants/"))
        with pytest.raises(PermissionDenied):
            reader.get(b"/tenants/acme/quota")
        got = reader.get(b"/allowed/x")
        assert got.kv is not None and got.kv.value == b"visible"
        keys, _pages = _collect(reader.list_keys(b"/allowed/"))
        assert keys == [b"/allowed/x"]
        with pytest.raises(PermissionDenied):
            reader.put_guarded(b"/allowed/y", b"no", 0)
        assert reader.get(b"/allowed/y").kv is None
    finally:
        reader.close()


def test_no_user_on_cluster_with_auth(auth_etcd: EtcdMember) -> None:
    # Status needs no user, so connecting works; the first read must say what is missing.
    store = _connect(auth_etcd, None, None)
    try:
        with pytest.raises(Unauthenticated, match="requires a user name and password"):
            store.get(b"/allowed/x")
        with pytest.raises(Unauthenticated, match="requires a user name"):
            list(store.list_keys(b"/allowed/"))
    finally:
        store.close()


def test_reauthenticates_after_server_restart(auth_etcd: EtcdMember) -> None:
    # Simple tokens live in the server's memory: a restart invalidates every token, and the
    # store must log in again by itself. (Runs last among the auth tests: it restarts.)
    store = _connect(auth_etcd, "reader", READER_PW)
    try:
        token = store._metadata
        auth_etcd.stop()
        auth_etcd.start()
        got = eventually(lambda: store.get(b"/allowed/x"))
        assert got.kv is not None and got.kv.value == b"visible"
        assert store._metadata != token
    finally:
        store.close()


# -- failover ---------------------------------------------------------------------------------


def test_failover_when_member_in_use_dies(etcd_cluster3: EtcdCluster) -> None:
    store = EtcdStore(ConnectionSpec(tuple(etcd_cluster3.endpoints), timeout=2))
    try:
        store.put_guarded(b"/tenants/acme/quota", b"before", 0)
        assert store.get(b"/tenants/acme/quota").kv.value == b"before"
        in_use = store.endpoint
        victim = next(m for m in etcd_cluster3.members if m.endpoint == in_use)
        victim.kill()

        got = eventually(lambda: store.get(b"/tenants/acme/quota"))
        assert got.kv is not None and got.kv.value == b"before"
        assert store.endpoint != in_use

        def put() -> int:
            current = store.get(b"/tenants/acme/quota").kv
            assert current is not None
            return store.put_guarded(b"/tenants/acme/quota", b"after", current.mod_revision)

        revision = eventually(put)
        keys, _pages = _collect(eventually(lambda: list(store.list_keys(b"/tenants/"))))
        assert keys == [b"/tenants/acme/quota"]
        read = store.get(b"/tenants/acme/quota").kv
        assert read is not None and read.value == b"after" and read.mod_revision == revision
    finally:
        store.close()


def test_listing_pages_by_the_page_size_asked(store: EtcdStore, prefix: bytes) -> None:
    bulk_put(store, [(prefix + f"t/{i:04}".encode(), b"v") for i in range(2500)])
    pages = list(store.list_keys(prefix, first_page=500, page=1000))
    assert [len(p.keys) for p in pages] == [500, 1000, 1000]
    assert len({p.revision for p in pages}) == 1
