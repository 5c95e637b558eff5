"""RBAC-aware access against a real etcd with auth: what a prefix-limited user may read and
write, listing only readable ranges at one revision, and watching them as one (issue 6)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from etcdesk.core.access import (
    FULL_ACCESS,
    Access,
    audit_warning,
    could_write,
    describe_range,
    discover_access,
    locked_note,
    merge_ranges,
    readable_ranges,
)
from etcdesk.core.errors import PermissionDenied
from etcdesk.core.etcd_process import EtcdMember, ServerTls
from etcdesk.core.etcd_store import ConnectionSpec, EtcdReader, EtcdStore, connect
from etcdesk.core.watch_group import WatchGroup, combine
from etcdesk.core.watcher import Resynced, WatchBatch, WatchState
from helpers import READER_PW, ROOT_PW, Recorder, add_user, bulk_put, compact, enable_auth
from tls_certs import CertFiles, Pki, make_pki

ROOT = b"/acc/"
PW = "limited-pw"


@pytest.fixture(scope="module")
def users(auth_etcd: EtcdMember) -> EtcdMember:
    """Users of this module's etcd: ``limited`` reads two tenants (and keys outside the
    root), ``keyonly`` one single key, ``broad`` all of the root and writes one tenant."""
    add_user(
        auth_etcd,
        "limited",
        PW,
        read=(ROOT + b"globex/", ROOT + b"acme/", b"/elsewhere/", ROOT + b"acme/x/"),
    )
    add_user(auth_etcd, "keyonly", PW, read=(ROOT + b"zeta/cert\x00",))
    add_user(auth_etcd, "broad", PW, read=(b"/",), write=(ROOT + b"acme/", b"/outside/"))
    add_user(auth_etcd, "outside-writer", PW, read=(ROOT,), write=(b"/outside/",))
    admin = _store(auth_etcd, "root", ROOT_PW)
    try:
        bulk_put(
            admin,
            [
                (ROOT + b"acme/quota", b"1"),
                (ROOT + b"acme/ratelimit", b"2"),
                (ROOT + b"globex/quota", b"3"),
                (ROOT + b"initech/quota", b"4"),
                (ROOT + b"zeta/cert", b"5"),
                (b"/elsewhere/x", b"6"),
            ],
        )
    finally:
        admin.close()
    return auth_etcd


def _store(member: EtcdMember, user: str, password: str) -> EtcdStore:
    return EtcdStore(ConnectionSpec((member.endpoint,), user=user, password=password, timeout=5))


@pytest.fixture
def connect_as(users: EtcdMember) -> Iterator[Callable[[str, str], EtcdReader]]:
    opened: list[EtcdReader] = []

    def open_as(user: str, password: str = PW) -> EtcdReader:
        spec = ConnectionSpec((users.endpoint,), user=user, password=password, timeout=5)
        reader = connect(spec, read_only=True)
        opened.append(reader)
        return reader

    yield open_as
    for reader in opened:
        reader.close()


# -- ranges (plain functions) -------------------------------------------------------------------


def test_merge_ranges_joins_overlapping_and_adjacent_ranges() -> None:
    assert merge_ranges([(b"c", b"d"), (b"a", b"b"), (b"b", b"c"), (b"x", b"x")]) == [(b"a", b"d")]
    assert merge_ranges([(b"a", b"c"), (b"b", b"\x00"), (b"z", b"zz")]) == [(b"a", b"\x00")]
    assert merge_ranges([(b"a", b"b"), (b"c", b"d")]) == [(b"a", b"b"), (b"c", b"d")]


def test_readable_ranges_are_cut_to_the_root() -> None:
    everything = Access("u", ("r",), read=((b"", b"\x00"),))
    assert readable_ranges(everything, b"/t/") == [(b"/t/", b"/t0")]
    parts = Access("u", ("r",), read=((b"/a/", b"/a0"), (b"/t/a/", b"/t/a0"), (b"/t/b", b"/u")))
    assert readable_ranges(parts, b"/t/") == [(b"/t/a/", b"/t/a0"), (b"/t/b", b"/t0")]
    assert readable_ranges(Access("u", ("r",)), b"/t/") == []
    # No user, the root role, or permissions etcd would not tell: try the whole root.
    for access in (FULL_ACCESS, Access("root", ("root",), is_root=True), Access("u", known=False)):
        assert readable_ranges(access, b"/t/") == [(b"/t/", b"/t0")]
        assert locked_note(access, b"/t/") == ""
    assert locked_note(parts, b"/t/") == "Other keys under /t/ are not readable by user u"
    assert locked_note(Access("u", ("r",)), b"/t/") == "Keys under /t/ are not readable by user u"
    assert describe_range((b"/t/a/", b"/t/a0")) == "/t/a/"
    assert describe_range((b"/t/k", b"/t/k\x00")) == "/t/k"


def test_combined_watch_state_is_the_worst() -> None:
    live, failed = WatchState.LIVE, WatchState.FAILED
    assert combine([live, live]) is live
    assert combine([live, WatchState.CONNECTING]) is WatchState.CONNECTING
    assert combine([WatchState.RECONNECTING, failed, live]) is failed


# -- discovering a user's access ----------------------------------------------------------------


def test_limited_user_discovers_its_readable_ranges(
    connect_as: Callable[..., EtcdReader],
) -> None:
    reader = connect_as("limited")
    access = discover_access(reader)
    assert access.user == "limited" and access.roles == ("limited-role",) and access.known
    assert not access.is_root and access.write == ()
    ranges = readable_ranges(access, ROOT)
    assert ranges == [(ROOT + b"acme/", ROOT + b"acme0"), (ROOT + b"globex/", ROOT + b"globex0")]
    assert not could_write(access, ROOT) and audit_warning(access, ROOT) == ""

    # The root itself is refused; the readable ranges list at one pinned revision.
    with pytest.raises(PermissionDenied):
        list(reader.list_keys(ROOT))
    pages = list(reader.list_ranges(ranges, first_page=1, page=1))
    keys = [k for page in pages for k in page.keys]
    assert keys == sorted(set(keys))  # (other tests of this module add keys under acme/)
    assert {ROOT + b"acme/quota", ROOT + b"acme/ratelimit", ROOT + b"globex/quota"} <= set(keys)
    assert all(k.startswith((ROOT + b"acme/", ROOT + b"globex/")) for k in keys)
    assert len({page.revision for page in pages}) == 1
    assert [page.done for page in pages] == [False] * (len(pages) - 1) + [True]
    assert pages[-1].total == len(keys)


def test_single_key_permission_is_a_readable_range(connect_as: Callable[..., EtcdReader]) -> None:
    reader = connect_as("keyonly")
    ranges = readable_ranges(discover_access(reader), ROOT)
    assert ranges == [(ROOT + b"zeta/cert", ROOT + b"zeta/cert\x00")]
    assert [k for page in reader.list_ranges(ranges) for k in page.keys] == [ROOT + b"zeta/cert"]


def test_user_without_any_permission_under_the_root(connect_as: Callable[..., EtcdReader]) -> None:
    access = discover_access(connect_as("reader", READER_PW))
    assert access.roles == ("reader",)
    assert readable_ranges(access, ROOT) == []
    assert readable_ranges(access, b"/allowed/") == [(b"/allowed/", b"/allowed0")]


def test_who_could_write(connect_as: Callable[..., EtcdReader]) -> None:
    root = discover_access(connect_as("root", ROOT_PW))
    assert root.is_root and could_write(root, ROOT)
    assert "has the root role" in audit_warning(root, ROOT)
    assert readable_ranges(root, ROOT) == [(ROOT, b"/acc0")]

    broad = discover_access(connect_as("broad"))
    assert readable_ranges(broad, ROOT) == [(ROOT, b"/acc0")]  # "/" covers all of the root
    assert could_write(broad, ROOT)
    warning = audit_warning(broad, ROOT)
    assert warning.startswith("etcd user broad could write to /acc/acme/;")
    assert "not a read-only account" in warning and "/outside/" not in warning

    # Write permission only outside the root: a read-only account as far as this root goes.
    outside = discover_access(connect_as("outside-writer"))
    assert not could_write(outside, ROOT) and audit_warning(outside, ROOT) == ""


def test_no_user_means_no_limit(auth_etcd: EtcdMember) -> None:
    reader = EtcdReader(ConnectionSpec((auth_etcd.endpoint,), timeout=5))
    try:
        assert discover_access(reader) == FULL_ACCESS
        assert not could_write(FULL_ACCESS, ROOT)
    finally:
        reader.close()


# -- watching several ranges as one -------------------------------------------------------------


def test_watch_group_follows_only_readable_ranges(
    users: EtcdMember, connect_as: Callable[..., EtcdReader]
) -> None:
    reader = connect_as("limited")
    ranges = readable_ranges(discover_access(reader), ROOT)
    admin = _store(users, "root", ROOT_PW)
    rec = Recorder()

    def relist(start: bytes, end: bytes) -> tuple[frozenset[bytes], int]:
        pages = list(reader.list_ranges([(start, end)]))
        return frozenset(k for p in pages for k in p.keys), pages[-1].revision

    group = WatchGroup(reader.spec, ranges, reader.status().revision + 1, rec, relist)
    try:
        group.start()
        rec.wait(lambda: rec.state() is WatchState.LIVE)
        admin.put_guarded(ROOT + b"initech/denied", b"x", 0)
        admin.put_guarded(ROOT + b"globex/new", b"x", 0)
        last = admin.put_guarded(ROOT + b"acme/new", b"x", 0)
        rec.wait(lambda: {ROOT + b"acme/new", ROOT + b"globex/new"} <= rec.seen())
        assert ROOT + b"initech/denied" not in rec.seen()
        assert rec.state() is WatchState.LIVE

        # "Reconnect": every range resumes after what it delivered, nothing twice.
        group.restart()
        rec.wait(lambda: group.state is WatchState.LIVE)
        admin.put_guarded(ROOT + b"acme/after", b"x", 0)
        rec.wait(lambda: ROOT + b"acme/after" in rec.seen())
        events = [e.key for i in rec.items if isinstance(i, WatchBatch) for e in i.events]
        assert len(events) == len(set(events)) == 3
        assert group.next_revision >= last
    finally:
        group.stop()
        admin.close()
    assert not group.running and rec.state() is WatchState.STOPPED


def test_watch_group_resync_after_compaction_names_its_range(
    users: EtcdMember, connect_as: Callable[..., EtcdReader]
) -> None:
    reader = connect_as("limited")
    ranges = readable_ranges(discover_access(reader), ROOT)
    admin = _store(users, "root", ROOT_PW)
    start = admin.status().revision
    admin.put_guarded(ROOT + b"acme/compacted-away", b"x", 0)
    compact(admin)
    rec = Recorder()

    def relist(start: bytes, end: bytes) -> tuple[frozenset[bytes], int]:
        pages = list(reader.list_ranges([(start, end)]))
        return frozenset(k for p in pages for k in p.keys), pages[-1].revision

    group = WatchGroup(reader.spec, ranges, start, rec, relist)
    try:
        group.start()
        rec.wait(lambda: len([i for i in rec.items if isinstance(i, Resynced)]) == 2)
        resyncs = {(r.start, r.end): r.keys for r in rec.items if isinstance(r, Resynced)}
        assert set(resyncs) == set(ranges)
        assert ROOT + b"acme/compacted-away" in resyncs[ranges[0]]
        assert resyncs[ranges[1]] >= {ROOT + b"globex/quota"}
        assert all(k.startswith(ROOT + b"globex/") for k in resyncs[ranges[1]])
    finally:
        group.stop()
        admin.close()


# -- a user named by its client certificate -----------------------------------------------------


@pytest.fixture(scope="module")
def cert_etcd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[EtcdMember, Pki]]:
    """etcd over TLS with ``--client-cert-auth`` and auth on: a certificate's CN is its user."""
    pki = make_pki(tmp_path_factory.mktemp("pki"))
    member = EtcdMember(
        "cert",
        tmp_path_factory.mktemp("cert") / "etcd",
        tls=ServerTls(pki.server.cert, pki.server.key, client_ca=pki.ca),
    )
    member.start()
    try:
        enable_auth(member, _cert_spec(member, pki, pki.root))
        yield member, pki
    finally:
        member.stop()


def _cert_spec(member: EtcdMember, pki: Pki, client: CertFiles) -> ConnectionSpec:
    return ConnectionSpec(
        (member.client_url,),
        cacert=str(pki.ca),
        cert=str(client.cert),
        key=str(client.key),
        timeout=5,
    )


def test_user_named_by_its_certificate_discovers_its_access(
    cert_etcd: tuple[EtcdMember, Pki],
) -> None:
    member, pki = cert_etcd
    reader = connect(_cert_spec(member, pki, pki.reader), read_only=True)  # CN=reader
    try:
        access = discover_access(reader)
        assert access.user == "reader" and access.roles == ("reader",) and access.known
        assert readable_ranges(access, b"/tenants/") == []
        assert readable_ranges(access, b"/allowed/") == [(b"/allowed/", b"/allowed0")]
    finally:
        reader.close()
    # A certificate whose CN is no etcd user: etcd cannot say, so the root is tried as it is.
    stranger = connect(_cert_spec(member, pki, pki.server), read_only=True)  # CN=etcd-server
    try:
        access = discover_access(stranger)
        assert access == Access("etcd-server", known=False)
        assert readable_ranges(access, b"/tenants/") == [(b"/tenants/", b"/tenants0")]
    finally:
        stranger.close()
