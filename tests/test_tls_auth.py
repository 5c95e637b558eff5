"""TLS with a CA and client certificates, users named by a certificate's common name, and
tokens that expire or go stale, against real etcd processes and a throwaway PKI.

Re-authentication after a member restart is covered in test_store.py and test_watcher.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from etcd3 import etcdrpc
from etcd3.etcdrpc import auth_pb2

from etcdesk.core.errors import ConfigError, PermissionDenied, StoreError, TlsError
from etcdesk.core.etcd_process import EtcdMember, ServerTls
from etcdesk.core.etcd_store import ConnectionSpec, EtcdReader, EtcdStore, connect
from etcdesk.core.watcher import Resynced, Watcher, WatchState, WatchStatus
from helpers import READER_PW, ROOT_PW, compact, enable_auth
from test_watcher import Recorder
from tls_certs import CertFiles, Pki, make_jwt_keys, make_pki

StartWatch = Callable[..., tuple[Watcher, Recorder]]


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def tls_etcd(tmp_path_factory: pytest.TempPathFactory, pki: Pki) -> Iterator[EtcdMember]:
    """etcd over TLS that requires client certificates signed by ``pki.ca``, with auth on: a
    certificate's CN is its etcd user (``root``; ``reader`` may only read ``/allowed/``)."""
    member = EtcdMember(
        "tls",
        tmp_path_factory.mktemp("tls") / "etcd",
        tls=ServerTls(pki.server.cert, pki.server.key, client_ca=pki.ca),
    )
    member.start()
    try:
        enable_auth(member, _spec(member, pki.ca, pki.root))
        yield member
    finally:
        member.stop()


def _spec(
    member: EtcdMember, ca: Path | None, client: CertFiles | None, **kwargs: Any
) -> ConnectionSpec:
    return ConnectionSpec(
        (member.client_url,),
        cacert=str(ca) if ca else None,
        cert=str(client.cert) if client else None,
        key=str(client.key) if client else None,
        timeout=3,
        **kwargs,
    )


def _no_relist() -> tuple[frozenset[bytes], int]:
    raise StoreError("nothing is compacted in this test")


@pytest.fixture
def watch() -> Iterator[StartWatch]:
    watchers: list[Watcher] = []

    def start(
        spec: ConnectionSpec,
        prefix: bytes,
        revision: int = 0,
        relist: Callable[[], tuple[frozenset[bytes], int]] = _no_relist,
        **kwargs: float,
    ) -> tuple[Watcher, Recorder]:
        recorder = Recorder()
        options = {"progress_interval": 0.25, "watchdog_timeout": 1.5, "backoff_max": 0.3}
        options.update(kwargs)
        watcher = Watcher(spec, prefix, revision, recorder, relist, **options)
        watchers.append(watcher)
        watcher.start()
        return watcher, recorder

    yield start
    for watcher in watchers:
        watcher.stop()
        assert not watcher.running


def _keys(rec: Recorder) -> list[bytes]:
    return [key for _revision, key, _deleted in rec.events()]


# -- TLS ----------------------------------------------------------------------------------------


def test_client_certificate_connects_reads_writes_and_watches(
    tls_etcd: EtcdMember, pki: Pki, watch: StartWatch
) -> None:
    spec = _spec(tls_etcd, pki.ca, pki.root)
    store = connect(spec)
    try:
        status = store.status()
        assert status.version.startswith("3.")
        _watcher, rec = watch(spec, b"/tenants/tls/", status.revision + 1)
        rec.wait(lambda: rec.state() is WatchState.LIVE)
        assert isinstance(store, EtcdStore)
        written = store.put_guarded(b"/tenants/tls/limits", b"{}", 0)
        got = store.get(b"/tenants/tls/limits")
        assert got.kv is not None and (got.kv.value, got.kv.mod_revision) == (b"{}", written)
        rec.wait(lambda: _keys(rec) == [b"/tenants/tls/limits"])
    finally:
        store.close()


def test_wrong_ca_says_the_server_certificate_could_not_be_verified(
    tls_etcd: EtcdMember, pki: Pki
) -> None:
    prefix = f"TLS connection to {tls_etcd.endpoint} failed: "
    with pytest.raises(TlsError) as info:
        connect(_spec(tls_etcd, pki.other_ca, pki.root))
    assert str(info.value) == prefix + (
        f"the server's certificate could not be verified: it is not signed by the CA in "
        f"{pki.other_ca}"
    )
    with pytest.raises(TlsError) as info:
        connect(_spec(tls_etcd, None, pki.root))  # only the system's CAs
    assert str(info.value) == prefix + (
        "the server's certificate could not be verified: it is not signed by a CA this "
        "computer trusts; set the cluster's CA certificate in the connection profile"
    )


def test_expired_or_misnamed_server_certificate(tmp_path: Path, pki: Pki) -> None:
    # TLS on the server only (no client certificates): the CA alone is enough to connect.
    member = EtcdMember("old", tmp_path / "etcd", tls=ServerTls(*_pair(pki.expired_server)))
    member.start()
    try:
        spec = _spec(member, pki.ca, None)
        with pytest.raises(TlsError) as info:
            connect(spec)
        assert str(info.value) == (
            f"TLS connection to {member.endpoint} failed: the server's certificate could not be "
            "verified: it has expired"
        )
        member.stop()
        member.tls = ServerTls(*_pair(pki.misnamed_server))
        member.start()
        with pytest.raises(TlsError) as info:
            connect(spec)
        assert str(info.value) == (
            f"TLS connection to {member.endpoint} failed: the server's certificate is not valid "
            "for the name 127.0.0.1"
        )
    finally:
        member.stop()


def _pair(files: CertFiles) -> tuple[Path, Path]:
    return files.cert, files.key


def test_expired_client_certificate_is_named_with_its_date(tls_etcd: EtcdMember, pki: Pki) -> None:
    expired = x509.load_pem_x509_certificate(pki.expired.cert.read_bytes())
    when = expired.not_valid_after_utc.strftime("%Y-%m-%d %H:%M UTC")
    with pytest.raises(TlsError) as info:
        connect(_spec(tls_etcd, pki.ca, pki.expired))
    assert str(info.value) == (
        f"TLS connection to {tls_etcd.endpoint} failed: the server refused the client "
        f"certificate {pki.expired.cert}: it expired on {when}"
    )


def test_missing_or_untrusted_client_certificate(tls_etcd: EtcdMember, pki: Pki) -> None:
    prefix = f"TLS connection to {tls_etcd.endpoint} failed: "
    with pytest.raises(TlsError) as info:
        connect(_spec(tls_etcd, pki.ca, None))
    assert str(info.value) == prefix + (
        "the server requires a client certificate; set a client certificate and key in the "
        "connection profile"
    )
    with pytest.raises(TlsError) as info:
        connect(_spec(tls_etcd, pki.ca, pki.stranger))
    assert str(info.value) == prefix + (
        f"the server refused the client certificate {pki.stranger.cert} (CN=root): it is not "
        "signed by a CA the server trusts, or not meant for client authentication"
    )


def test_unusable_files_are_named_before_connecting(tls_etcd: EtcdMember, pki: Pki) -> None:
    # gRPC would abort the whole process on a certificate without its key.
    spec = ConnectionSpec((tls_etcd.client_url,), cacert=str(pki.ca), cert=str(pki.root.cert))
    with pytest.raises(ConfigError, match=r"^a client certificate was given without its key"):
        connect(spec)
    # gRPC would say only "Failed to create security handshaker" for these.
    with pytest.raises(ConfigError) as info:
        connect(_spec(tls_etcd, pki.ca, CertFiles(pki.root.cert, pki.reader.key)))
    assert str(info.value) == (
        f"the client key {pki.reader.key} does not belong to the client certificate {pki.root.cert}"
    )
    with pytest.raises(ConfigError) as info:
        connect(_spec(tls_etcd, pki.root.key, pki.root))
    assert str(info.value) == f"the CA certificate file {pki.root.key} holds no certificate"


def test_profile_dialog_test_shows_the_tls_reason(
    qtbot: Any, tmp_path: Path, tls_etcd: EtcdMember, pki: Pki
) -> None:
    from etcdesk.core.profiles import PasswordVault, ProfileStore
    from etcdesk.qt.profile_dialog import ProfileDialog
    from etcdesk.qt.tasks import TaskRunner

    runner = TaskRunner()
    try:
        dialog = ProfileDialog(
            ProfileStore.load(tmp_path / "p.json"), PasswordVault(use_keyring=False), runner
        )
        qtbot.addWidget(dialog)
        dialog.endpoints.setText(tls_etcd.client_url)
        dialog.cacert.setText(str(pki.ca))
        dialog.cert.setText(str(pki.expired.cert))
        dialog.key.setText(str(pki.expired.key))
        dialog.test_button.click()
        qtbot.waitUntil(dialog.test_button.isEnabled, timeout=10_000)
        assert f"refused the client certificate {pki.expired.cert}: it expired on" in (
            dialog.result_label.text()
        )
        dialog.cert.setText(str(pki.reader.cert))
        dialog.key.setText(str(pki.reader.key))
        dialog.test_button.click()
        qtbot.waitUntil(dialog.test_button.isEnabled, timeout=10_000)
        assert "Connected to etcd 3." in dialog.result_label.text()
    finally:
        runner.shutdown()


# -- users named by their certificate ---------------------------------------------------------


def test_user_named_by_the_certificate_needs_no_password(
    tls_etcd: EtcdMember, pki: Pki, watch: StartWatch
) -> None:
    spec = _spec(tls_etcd, pki.ca, pki.reader)  # no user name: etcd takes "reader" from the CN
    reader = connect(spec)
    root = connect(_spec(tls_etcd, pki.ca, pki.root))
    try:
        got = reader.get(b"/allowed/x")
        assert got.kv is not None and got.kv.value == b"visible"
        assert [k for page in reader.list_keys(b"/allowed/") for k in page.keys] == [b"/allowed/x"]
        with pytest.raises(PermissionDenied, match="permission denied"):
            reader.get(b"/tenants/acme/quota")
        with pytest.raises(PermissionDenied):
            list(reader.list_keys(b"/tenants/"))
        assert isinstance(reader, EtcdStore)
        with pytest.raises(PermissionDenied):
            reader.put_guarded(b"/allowed/y", b"no", 0)

        _denied, refused = watch(spec, b"/tenants/")
        _allowed, live = watch(spec, b"/allowed/", got.revision + 1)
        refused.wait(lambda: refused.state() is WatchState.FAILED)
        assert "permission denied" in refused.statuses()[-1].reason
        live.wait(lambda: live.state() is WatchState.LIVE)
        assert isinstance(root, EtcdStore)
        root.put_guarded(b"/allowed/z", b"from root", 0)
        live.wait(lambda: _keys(live) == [b"/allowed/z"])
    finally:
        reader.close()
        root.close()
    # A user name and password win over the certificate's CN (etcd's rule): reader's
    # certificate with root's password may write.
    both = connect(_spec(tls_etcd, pki.ca, pki.reader, user="root", password=ROOT_PW))
    try:
        assert isinstance(both, EtcdStore)
        both.put_guarded(b"/tenants/cn-override/x", b"1", 0)
    finally:
        both.close()


# -- tokens -------------------------------------------------------------------------------------


def test_expired_tokens_are_renewed_for_reads_writes_history_and_watches(
    tmp_path: Path, watch: StartWatch
) -> None:
    import time

    # Simple tokens expire after --auth-token-ttl seconds unused (research §5.3). etcd sweeps
    # them once a second, so a 1 s token is gone at most ~2 s after its last use.
    member = EtcdMember("ttl", tmp_path / "etcd", extra_args=["--auth-token-ttl=1"])
    member.start()
    try:
        enable_auth(member)
        spec = ConnectionSpec((member.endpoint,), user="root", password=ROOT_PW, timeout=3)
        reads, writes, history = (connect(spec) for _ in range(3))
        try:
            assert isinstance(writes, EtcdStore)
            first = writes.put_guarded(b"/tenants/ttl/a", b"1", 0)
            watcher, rec = watch(spec, b"/tenants/ttl/", first + 1)
            rec.wait(lambda: rec.state() is WatchState.LIVE)
            tokens = [s._metadata for s in (reads, writes, history)]
            watch_tokens = dict(watcher._tokens)

            time.sleep(3)  # idle past the TTL: etcd has forgotten every token above

            got = reads.get(b"/tenants/ttl/a")
            assert got.kv is not None and got.kv.value == b"1"
            second = writes.put_guarded(b"/tenants/ttl/a", b"2", first)
            events = history.replay(b"/tenants/ttl/a", b"", first, second + 1)
            assert [e.revision for e in events] == [first, second]
            renewed = [s._metadata for s in (reads, writes, history)]
            assert all(new != old for new, old in zip(renewed, tokens, strict=True))

            # The open watch stream outlives its token; a new stream after an outage logs in
            # again instead of being refused.
            rec.wait(lambda: [r for r, _k, _d in rec.events()] == [second])
            member.pause()
            rec.wait(lambda: rec.state() is WatchState.RECONNECTING)
            member.resume()
            rec.wait(lambda: rec.state() is WatchState.LIVE)
            third = writes.put_guarded(b"/tenants/ttl/a", b"3", second)
            rec.wait(lambda: [r for r, _k, _d in rec.events()] == [second, third])
            assert watcher._tokens and watcher._tokens != watch_tokens
        finally:
            for store in (reads, writes, history):
                store.close()
    finally:
        member.resume()
        member.stop()


@pytest.fixture(scope="module")
def jwt_etcd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EtcdMember]:
    """etcd with JWT tokens: each carries the auth revision it was issued at, and etcd refuses
    it once any user or role changed (``revision of auth store is old``)."""
    base = tmp_path_factory.mktemp("jwt")
    public, private = make_jwt_keys(base)
    token = f"--auth-token=jwt,pub-key={public},priv-key={private},sign-method=ES256,ttl=10m"
    member = EtcdMember("jwt", base / "etcd", extra_args=[token])
    member.start()
    try:
        enable_auth(member)
        yield member
    finally:
        member.stop()


def _grant_read(root: EtcdReader, prefix: bytes) -> None:
    """Let ``reader`` read ``prefix``: a role change, so every token issued before is old."""
    permission = auth_pb2.Permission(
        permType=auth_pb2.Permission.READ, key=prefix, range_end=prefix[:-1] + b"0"
    )
    request = etcdrpc.AuthRoleGrantPermissionRequest(name="reader", perm=permission)
    root._call("AuthStub", "RoleGrantPermission", request, idempotent=False)


def test_watch_refused_then_granted_goes_live_with_a_new_token(
    jwt_etcd: EtcdMember, watch: StartWatch
) -> None:
    spec = ConnectionSpec((jwt_etcd.endpoint,), user="reader", password=READER_PW, timeout=3)
    reader = connect(spec)
    root = connect(ConnectionSpec((jwt_etcd.endpoint,), user="root", password=ROOT_PW))
    try:
        with pytest.raises(PermissionDenied):
            reader.get(b"/tenants/acme/quota")
        _watcher, rec = watch(spec, b"/tenants/", refused_retry=0.3)
        rec.wait(lambda: rec.state() is WatchState.FAILED)
        _grant_read(root, b"/tenants/")
        # Both hold a token from before the grant; etcd 3.5 refuses it on a read as an old
        # auth revision and on a watch as plain "permission denied". Both log in again.
        got = reader.get(b"/tenants/acme/quota")
        assert got.kv is not None and got.kv.value == b"{}"
        rec.wait(lambda: rec.state() is WatchState.LIVE)
    finally:
        reader.close()
        root.close()


def test_watch_recreated_after_a_role_change_is_not_refused(
    jwt_etcd: EtcdMember, watch: StartWatch
) -> None:
    spec = ConnectionSpec((jwt_etcd.endpoint,), user="root", password=ROOT_PW, timeout=3)
    root = connect(spec)
    try:
        assert isinstance(root, EtcdStore)
        root.put_guarded(b"/tenants/jwt/a", b"1", 0)
        compacted = compact(root)

        def relist() -> tuple[frozenset[bytes], int]:
            # Between the compacted stream and the next one the auth revision moves on, so
            # the watcher's cached token is refused when it re-creates the watch.
            _grant_read(root, b"/elsewhere/")
            pages = list(root.list_keys(b"/tenants/jwt/"))
            return frozenset(k for p in pages for k in p.keys), pages[-1].revision

        # Starting below the compaction makes the server cancel the watch and the loop relist.
        _watcher, rec = watch(spec, b"/tenants/jwt/", 1, relist)

        def live_after_resync() -> bool:
            resynced = [n for n, item in enumerate(rec.items) if isinstance(item, Resynced)]
            return bool(resynced) and any(
                isinstance(item, WatchStatus) and item.state is WatchState.LIVE
                for item in rec.items[resynced[0] :]
            )

        rec.wait(live_after_resync)
        written = root.put_guarded(b"/tenants/jwt/b", b"2", 0)
        rec.wait(lambda: [r for r, _k, _d in rec.events()] == [written])
        assert written > compacted
        assert WatchState.FAILED not in {s.state for s in rec.statuses()}
    finally:
        root.close()
