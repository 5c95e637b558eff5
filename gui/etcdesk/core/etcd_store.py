"""The one door to etcd: reads, listing and guarded writes (DESIGN.md §3).

Only this module (and later the watcher) imports the etcd client. It keeps python3-etcd3 for its
endpoint handling and generated gRPC stubs, but builds requests and maps errors itself, because
the library hides error details, never re-authenticates and locks a failed endpoint for 300 s
(research/perf_reliability.md §3.3, D3/D4).
"""

from __future__ import annotations

import queue
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import etcd3
import grpc
from etcd3 import etcdrpc

from etcdesk.core.errors import (
    Compacted,
    ConfigError,
    Conflict,
    PermissionDenied,
    ReadOnlyMode,
    StoreError,
    TlsError,
    TooLarge,
    Unauthenticated,
    Unavailable,
)
from etcdesk.core.i18n import QT_TRANSLATE_NOOP, translate
from etcdesk.core.layout import display, prefix_range_end
from etcdesk.core.tls import check_files, explain_tls_failure

EXPECTED_CLIENT_VERSION = "0.13.0"
RECEIVE_LIMIT = 256 * 1024 * 1024
MAX_REQUEST_BYTES = int(1.5 * 1024 * 1024)  # etcd's default --max-request-bytes
MAX_TXN_OPS = 128
_REPLAY_QUIET_S = 0.3  # no event for this long after catching up: the replay is complete
FIRST_PAGE = 500  # small, so the first rows show at once
PAGE = 200_000  # then big: on etcd <= 3.6 every page walks the rest of the range (DESIGN §3)

GRPC_OPTIONS: list[tuple[str, int]] = [
    ("grpc.max_receive_message_length", RECEIVE_LIMIT),
    ("grpc.max_send_message_length", 4 * 1024 * 1024),
    # etcd answers pings more often than every 5 s with GOAWAY too_many_pings (etcd-io/etcd#8905).
    ("grpc.keepalive_time_ms", 10_000),
    ("grpc.keepalive_timeout_ms", 5_000),
    ("grpc.keepalive_permit_without_calls", 1),
    ("grpc.http2.max_pings_without_data", 0),
    # Fail fast on a dead endpoint instead of backing off for up to two minutes.
    ("grpc.initial_reconnect_backoff_ms", 200),
    ("grpc.max_reconnect_backoff_ms", 2_000),
]


def check_client_version() -> None:
    version = getattr(etcd3, "__version__", "?")
    if version != EXPECTED_CLIENT_VERSION:
        raise RuntimeError(
            f"etcdesk needs python3-etcd3 {EXPECTED_CLIENT_VERSION}, found etcd3 {version}. "
            "Reinstall etcdesk in a fresh virtualenv (the Debian python3-etcd3 is a different, "
            "older library)."
        )


@dataclass(frozen=True)
class ConnectionSpec:
    """Everything needed to reach one cluster. The password never appears in ``repr``."""

    endpoints: tuple[str, ...]
    user: str | None = None
    password: str | None = field(default=None, repr=False, compare=False)
    cacert: str | None = None
    cert: str | None = None
    key: str | None = None
    timeout: float = 5.0

    @property
    def secure(self) -> bool:
        """TLS when a CA or client certificate is given or any endpoint says https://."""
        return bool(self.cacert or self.cert) or any(
            e.startswith("https://") for e in self.endpoints
        )


@dataclass(frozen=True)
class KeyValue:
    key: bytes
    value: bytes
    create_revision: int
    mod_revision: int
    version: int
    lease: int


@dataclass(frozen=True)
class ReadResult:
    """A linearizable read: the key (or None if absent) and the cluster revision it was read at."""

    kv: KeyValue | None
    revision: int


@dataclass(frozen=True)
class RangeResult:
    """Keys (with values unless keys-only) of a range, read at ``revision``."""

    kvs: tuple[KeyValue, ...]
    revision: int
    more: bool = False


@dataclass(frozen=True)
class ReplayEvent:
    """One change replayed from the cluster's history: a put (``kv``) or a delete."""

    key: bytes
    deleted: bool
    revision: int
    kv: KeyValue | None  # the value written (None for a delete)
    prev: KeyValue | None = None  # with prev_kv: the key before the change


@dataclass(frozen=True)
class KeyPage:
    """One page of a keys-only listing pinned at ``revision``.

    ``restarted`` means the scan began again (the pinned revision was compacted mid-scan), so the
    receiver must drop the pages it got before.
    """

    keys: tuple[bytes, ...]
    revision: int
    total: int
    done: bool
    restarted: bool = False


@dataclass(frozen=True)
class ClusterStatus:
    version: str
    revision: int
    member_id: int
    leader: int
    db_size: int
    endpoint: str


@dataclass(frozen=True)
class LeaseInfo:
    id: int
    ttl: int  # remaining seconds, -1 when expired
    granted_ttl: int


@dataclass(frozen=True)
class RolePermission:
    """One key permission of an etcd role: ``range_end`` empty is the single key ``key``,
    ``b"\\x00"`` every key from ``key`` on (etcd's own encoding)."""

    key: bytes
    range_end: bytes
    read: bool
    write: bool


def parse_endpoint(text: str, secure_default: bool) -> tuple[str, int, bool]:
    raw = text.strip()
    if not raw:
        raise ConfigError(translate("Store", "empty endpoint"))
    if "://" not in raw:
        raw = ("https://" if secure_default else "http://") + raw
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        message = translate("Store", "endpoint {text}: expected host:port or http(s)://host:port")
        raise ConfigError(message.format(text=repr(text)))
    try:
        port = parts.port or 2379
    except ValueError as exc:
        message = translate("Store", "endpoint {text}: bad port")
        raise ConfigError(message.format(text=repr(text))) from exc
    return parts.hostname, port, parts.scheme == "https"


_FILE_KINDS = {
    "cacert": QT_TRANSLATE_NOOP("Store", "cannot read the CA certificate file {path}: {error}"),
    "cert": QT_TRANSLATE_NOOP("Store", "cannot read the client certificate file {path}: {error}"),
    "key": QT_TRANSLATE_NOOP("Store", "cannot read the client key file {path}: {error}"),
}


def _read_file(path: str | None, what: str) -> bytes | None:
    """``what``: "cacert", "cert" or "key"."""
    if not path:
        return None
    try:
        return Path(path).expanduser().read_bytes()
    except OSError as exc:
        message = translate("Store", _FILE_KINDS[what])
        raise ConfigError(message.format(path=path, error=exc.strerror)) from exc


def read_credentials(spec: ConnectionSpec) -> grpc.ChannelCredentials:
    """TLS credentials from the spec's CA, certificate and key files (each optional)."""
    if bool(spec.cert) != bool(spec.key):
        # gRPC aborts the whole process on a certificate without its key (grpc_tls_certificate_
        # distributor.cc "Check failed: private_key != nullptr"), so refuse it here.
        message = (
            translate(
                "Store", "a client certificate was given without its key; give both or neither"
            )
            if spec.cert
            else translate(
                "Store", "a client key was given without its certificate; give both or neither"
            )
        )
        raise ConfigError(message)
    credentials = grpc.ssl_channel_credentials(
        root_certificates=_read_file(spec.cacert, "cacert"),
        private_key=_read_file(spec.key, "key"),
        certificate_chain=_read_file(spec.cert, "cert"),
    )
    check_files(spec.cacert, spec.cert, spec.key)
    return credentials


def map_rpc_error(
    exc: grpc.RpcError, endpoint: str, timeout: float, spec: ConnectionSpec | None = None
) -> StoreError:
    """Turn a gRPC failure into the one error hierarchy the UI understands.

    With ``spec``, a failed TLS handshake names the CA or client certificate file at fault.
    """
    code = exc.code() if hasattr(exc, "code") else None
    details = (exc.details() if hasattr(exc, "details") else str(exc)) or ""
    lowered = details.lower()
    if code == grpc.StatusCode.UNAVAILABLE:
        tls_words = ("ssl", "handshake", "certificate", "tls", "verification check")
        if any(word in lowered for word in tls_words):
            return TlsError(
                explain_tls_failure(
                    details,
                    endpoint,
                    cacert=spec.cacert if spec else None,
                    cert=spec.cert if spec else None,
                )
            )
        if "no leader" in lowered:
            message = translate(
                "Store", "etcd at {endpoint} has no leader; the cluster may be degraded"
            )
            return Unavailable(message.format(endpoint=endpoint))
        message = translate("Store", "cannot reach etcd at {endpoint}: {details}")
        return Unavailable(message.format(endpoint=endpoint, details=details))
    if code == grpc.StatusCode.DEADLINE_EXCEEDED:
        message = translate("Store", "etcd at {endpoint} did not answer within {timeout} s")
        return Unavailable(message.format(endpoint=endpoint, timeout=f"{timeout:g}"))
    if code == grpc.StatusCode.UNAUTHENTICATED or "invalid auth token" in lowered:
        message = translate("Store", "not authenticated: {details}")
        return Unauthenticated(message.format(details=details))
    if "authentication failed" in lowered or "invalid user id or password" in lowered:
        return Unauthenticated(translate("Store", "wrong user name or password"))
    if "authentication is not enabled" in lowered:
        return Unauthenticated(
            translate("Store", "authentication is not enabled on this cluster; leave user empty")
        )
    if "user name is empty" in lowered:  # auth is enabled and no user was given
        return Unauthenticated(translate("Store", "this cluster requires a user name and password"))
    if code == grpc.StatusCode.PERMISSION_DENIED or "permission denied" in lowered:
        message = translate("Store", "permission denied: {details}")
        return PermissionDenied(message.format(details=details))
    if "compacted" in lowered:
        message = translate("Store", "that revision is no longer kept by this cluster ({details})")
        return Compacted(message.format(details=details))
    if code == grpc.StatusCode.RESOURCE_EXHAUSTED or "too large" in lowered:
        message = translate("Store", "request or response too large: {details}")
        return TooLarge(message.format(details=details))
    message = translate("Store", "etcd error ({code}): {details}")
    return StoreError(message.format(code=code.name if code else "unknown", details=details))


def progress_is_ordered(version: str) -> bool:
    """Whether an etcd server of ``version`` sends a progress notification only after every
    event queued before it (3.5.13+; etcd-io/etcd#15220, #17507)."""
    return tuple(int(p) for p in re.findall(r"\d+", version)[:3]) >= (3, 5, 13)


def map_rpc_error_text(reason: str, endpoint: str) -> StoreError:
    """A watch the server cancelled carries only a reason text; map it like an RPC error."""
    lowered = reason.lower()
    if "permission denied" in lowered:
        return PermissionDenied(
            translate("Store", "permission denied: {details}").format(details=reason)
        )
    if "auth" in lowered or "token" in lowered:
        message = translate("Store", "not authenticated: {details}")
        return Unauthenticated(message.format(details=reason))
    message = translate("Store", "etcd at {endpoint} cancelled the watch: {reason}")
    return StoreError(
        message.format(endpoint=endpoint, reason=reason or translate("Store", "no reason given"))
    )


def _needs_reauth(exc: grpc.RpcError) -> bool:
    code = exc.code() if hasattr(exc, "code") else None
    details = ((exc.details() if hasattr(exc, "details") else "") or "").lower()
    return (
        code == grpc.StatusCode.UNAUTHENTICATED
        or "invalid auth token" in details
        or "revision of auth store is old" in details
        # The same refusal as etcd 3.5 sends it for a Range with a JWT from before a role
        # change: untranslated, code UNKNOWN (auth.ErrAuthOldRevision).
        or "revision in header is old" in details
    )


def _kv(msg: Any) -> KeyValue:
    return KeyValue(
        key=bytes(msg.key),
        value=bytes(msg.value),
        create_revision=int(msg.create_revision),
        mod_revision=int(msg.mod_revision),
        version=int(msg.version),
        lease=int(msg.lease),
    )


# RPCs that change the cluster. A reader refuses them before anything is sent, so audit mode
# does not rest on the UI hiding buttons: no code path through a reader can write.
_WRITE_RPCS = frozenset(
    {
        ("KVStub", "Put"),
        ("KVStub", "DeleteRange"),
        ("KVStub", "Compact"),
        ("LeaseStub", "LeaseGrant"),
        ("LeaseStub", "LeaseRevoke"),
        ("MaintenanceStub", "Defragment"),
        ("MaintenanceStub", "Alarm"),
        ("MaintenanceStub", "MoveLeader"),
    }
)


def _writes(kind: str, method: str, request: Any) -> bool:
    """Whether an RPC would change anything (a Txn with any put or delete, nested included)."""
    if (kind, method) in _WRITE_RPCS:
        return True
    if kind == "AuthStub" and method not in ("Authenticate", "AuthStatus", "UserGet", "RoleGet"):
        return True
    if kind == "ClusterStub" and method != "MemberList":
        return True
    if (kind, method) == ("KVStub", "Txn"):
        return _txn_writes(request)
    return False


def _txn_writes(request: Any) -> bool:
    for op in [*request.success, *request.failure]:
        which = op.WhichOneof("request")
        if which in ("request_put", "request_delete_range"):
            return True
        if which == "request_txn" and _txn_writes(op.request_txn):
            return True
    return False


class EtcdReader:
    """Read access to one cluster. Thread-safe: gRPC channels are, and re-auth is locked.

    This class has no write methods at all, and its one door to the server refuses any RPC that
    would write (ReadOnlyMode): read-only audit mode hands the UI only this.
    """

    _writable = False

    def __init__(self, spec: ConnectionSpec) -> None:
        check_client_version()
        if not spec.endpoints:
            raise ConfigError("no endpoint given")
        self.spec = spec
        self.timeout = spec.timeout
        secure = spec.secure
        creds = read_credentials(spec) if secure else None
        endpoints = []
        for text in spec.endpoints:
            host, port, ep_secure = parse_endpoint(text, secure)
            endpoints.append(
                etcd3.Endpoint(
                    host,
                    port,
                    secure=ep_secure,
                    creds=creds if ep_secure else None,
                    # The default locks a failed endpoint for 300 s; retry it after 1 s.
                    time_retry=1.0,
                    opts=GRPC_OPTIONS,
                )
            )
        self._client = etcd3.MultiEndpointEtcd3Client(
            endpoints=endpoints, timeout=spec.timeout, failover=True
        )
        self._stubs: dict[tuple[str, str], Any] = {}
        self._auth_lock = threading.Lock()
        self._metadata: tuple[tuple[str, str], ...] | None = None
        self._closed = False
        self._ordered_progress: bool | None = None
        if spec.user:
            try:
                self._authenticate()
            except BaseException:
                self.close()
                raise

    # -- plumbing ---------------------------------------------------------------------------

    @property
    def endpoint(self) -> str:
        ep = self._client.endpoint_in_use
        return str(ep.netloc) if ep is not None else "?"

    def _stub(self, kind: str) -> Any:
        try:
            channel = self._client.channel
        except etcd3.exceptions.NoServerAvailableError as exc:
            message = translate("Store", "no etcd endpoint is reachable right now: {endpoints}")
            raise Unavailable(message.format(endpoints=", ".join(self.spec.endpoints))) from exc
        netloc = self._client.endpoint_in_use.netloc
        stub = self._stubs.get((netloc, kind))
        if stub is None:
            stub = getattr(etcdrpc, kind)(channel)
            self._stubs[(netloc, kind)] = stub
        return stub

    def _fail_endpoint(self) -> None:
        ep = self._client.endpoint_in_use
        if ep is not None:
            ep.fail()

    def _authenticate(self) -> None:
        request = etcdrpc.AuthenticateRequest(
            name=self.spec.user, password=self.spec.password or ""
        )
        response = self._call("AuthStub", "Authenticate", request, authenticate=False)
        self._metadata = (("token", str(response.token)),)

    def _call(
        self,
        kind: str,
        method: str,
        request: Any,
        timeout: float | None = None,
        *,
        idempotent: bool = True,
        authenticate: bool = True,
    ) -> Any:
        """One RPC with failover across endpoints and one re-authentication on token expiry."""
        if not self._writable and _writes(kind, method, request):
            message = translate(
                "Store", "read-only connection: {method} would change the cluster and was not sent"
            )
            raise ReadOnlyMode(message.format(method=method))
        timeout = timeout or self.timeout
        attempts = len(self.spec.endpoints) + 1
        reauthenticated = False
        last: StoreError | None = None
        for _attempt in range(attempts + 1):
            if self._closed:
                raise Unavailable(translate("Store", "connection closed"))
            stub = self._stub(kind)
            endpoint = self.endpoint
            try:
                return getattr(stub, method)(
                    request, timeout, metadata=self._metadata if authenticate else None
                )
            except grpc.RpcError as exc:
                if authenticate and self.spec.user and _needs_reauth(exc) and not reauthenticated:
                    reauthenticated = True
                    with self._auth_lock:
                        self._authenticate()
                    continue
                error = map_rpc_error(exc, endpoint, timeout, self.spec)
                code = exc.code() if hasattr(exc, "code") else None
                retryable = code == grpc.StatusCode.UNAVAILABLE or (
                    idempotent and code == grpc.StatusCode.DEADLINE_EXCEEDED
                )
                if retryable and not isinstance(error, TlsError):
                    self._fail_endpoint()
                    last = error
                    if len(self.spec.endpoints) > 1:
                        continue
                raise error from exc
        assert last is not None
        raise last

    def close(self) -> None:
        self._closed = True
        self._client.close()

    # -- reads ------------------------------------------------------------------------------

    def status(self) -> ClusterStatus:
        response = self._call("MaintenanceStub", "Status", etcdrpc.StatusRequest())
        return ClusterStatus(
            version=str(response.version),
            revision=int(response.header.revision),
            member_id=int(response.header.member_id),
            leader=int(response.leader),
            db_size=int(response.dbSize),
            endpoint=self.endpoint,
        )

    def get(self, key: bytes, revision: int = 0) -> ReadResult:
        """A linearizable read of one key, optionally at an older revision."""
        request = etcdrpc.RangeRequest(key=key, revision=revision)
        response = self._call("KVStub", "Range", request)
        kv = _kv(response.kvs[0]) if response.kvs else None
        return ReadResult(kv, int(response.header.revision))

    def get_range(
        self,
        key: bytes,
        range_end: bytes,
        revision: int = 0,
        *,
        keys_only: bool = False,
        limit: int = 0,
        min_mod_revision: int = 0,
        max_mod_revision: int = 0,
    ) -> RangeResult:
        """A linearizable read of every key in ``[key, range_end)``, at ``revision`` (0: now).

        With values: meant for small ranges (shared schemas, one tenant, its journal). Big
        listings go through ``list_keys``, which pages keys only. The mod-revision filters make
        etcd <= 3.6 read the whole range before filtering, so keep them to small ranges.
        """
        request = etcdrpc.RangeRequest(
            key=key,
            range_end=range_end,
            revision=revision,
            keys_only=keys_only,
            limit=limit,
            min_mod_revision=min_mod_revision,
            max_mod_revision=max_mod_revision,
        )
        response = self._call("KVStub", "Range", request, timeout=max(self.timeout, 30.0))
        return RangeResult(
            tuple(_kv(kv) for kv in response.kvs), int(response.header.revision), response.more
        )

    def get_many(self, keys: list[bytes], revision: int) -> dict[bytes, KeyValue]:
        """The keys that exist at ``revision`` (a fixed, past or current one), with values.

        One read-only transaction per 128 keys: all reads of a batch see the same revision,
        and the fixed ``revision`` makes every batch agree.
        """
        found: dict[bytes, KeyValue] = {}
        for start in range(0, len(keys), MAX_TXN_OPS):
            ops = [
                etcdrpc.RequestOp(request_range=etcdrpc.RangeRequest(key=k, revision=revision))
                for k in keys[start : start + MAX_TXN_OPS]
            ]
            response = self._call("KVStub", "Txn", etcdrpc.TxnRequest(success=ops))
            for item in response.responses:
                for kv in item.response_range.kvs:
                    found[bytes(kv.key)] = _kv(kv)
        return found

    def lease_info(self, lease_id: int) -> LeaseInfo:
        request = etcdrpc.LeaseTimeToLiveRequest(ID=lease_id)
        response = self._call("LeaseStub", "LeaseTimeToLive", request)
        return LeaseInfo(lease_id, int(response.TTL), int(response.grantedTTL))

    def list_keys(
        self,
        prefix: bytes,
        first_page: int = FIRST_PAGE,
        page: int = PAGE,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> Iterator[KeyPage]:
        """Keys-only, serializable listing pinned to the first page's revision (DESIGN §3).

        No sort order (it disables limit push-down on etcd <= 3.6); the next page starts at the
        last key + NUL. If the pinned revision is compacted mid-scan, the scan starts again and
        the next page says ``restarted``.
        """
        return self.list_ranges(((prefix, prefix_range_end(prefix)),), first_page, page, cancelled)

    def list_ranges(
        self,
        ranges: Sequence[tuple[bytes, bytes]],
        first_page: int = FIRST_PAGE,
        page: int = PAGE,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> Iterator[KeyPage]:
        """``list_keys`` over several ``[key, range_end)`` ranges, all pinned to one revision.

        For an etcd user who may read only some ranges under a root (core.access): each range
        is paged like one prefix, every range at the first page's revision, so the pages form
        one snapshot a single watch revision follows. ``total`` grows as each range's count
        becomes known; only the last page of the last range says ``done``. A compaction
        mid-scan restarts every range (the next page says ``restarted``).
        """
        restarted = False
        while True:
            revision, before, total = 0, 0, 0
            try:
                for index, (key, end) in enumerate(ranges):
                    start, limit, last_range = key, first_page, index == len(ranges) - 1
                    while True:
                        if cancelled():
                            return
                        request = etcdrpc.RangeRequest(
                            key=start,
                            range_end=end,
                            limit=limit,
                            revision=revision,
                            keys_only=True,
                            serializable=True,
                        )
                        response = self._call("KVStub", "Range", request, timeout=120.0)
                        if revision == 0:
                            revision = int(response.header.revision)
                        if start == key:
                            total = before + int(response.count)
                        keys = tuple([kv.key for kv in response.kvs])
                        range_done = not response.more or not keys
                        yield KeyPage(keys, revision, total, range_done and last_range, restarted)
                        restarted = False
                        before += len(keys)
                        if range_done:
                            break
                        start = keys[-1] + b"\x00"
                        limit = page
                return
            except Compacted:
                restarted = True

    def user_roles(self, user: str) -> tuple[str, ...]:
        """The roles granted to ``user``. etcd lets a user ask this about itself without root."""
        response = self._call("AuthStub", "UserGet", etcdrpc.AuthUserGetRequest(name=user))
        return tuple(str(role) for role in response.roles)

    def role_permissions(self, role: str) -> tuple[RolePermission, ...]:
        """The key permissions of ``role`` (a user may ask about roles it has, without root)."""
        response = self._call("AuthStub", "RoleGet", etcdrpc.AuthRoleGetRequest(role=role))
        kinds = {0: (True, False), 1: (False, True), 2: (True, True)}  # READ, WRITE, READWRITE
        return tuple(
            RolePermission(bytes(perm.key), bytes(perm.range_end), *kinds[int(perm.permType)])
            for perm in response.perm
        )

    def replay(
        self,
        key: bytes,
        range_end: bytes,
        start_revision: int,
        until_revision: int,
        *,
        prev_kv: bool = False,
        timeout: float = 120.0,
    ) -> list[ReplayEvent]:
        """Every change to ``[key, range_end)`` from ``start_revision`` up to, not including,
        ``until_revision``, oldest first, by replaying a watch (research §1.4 option b).

        The server scans every revision from ``start_revision`` on, so use it on demand only:
        a tenant's timeline, or the generations of a key before its current one. Raises
        Compacted carrying the oldest revision still kept when ``start_revision`` is older.
        """
        try:
            return self._replay(key, range_end, start_revision, until_revision, prev_kv, timeout)
        except grpc.RpcError as exc:
            if not (self.spec.user and _needs_reauth(exc)):
                raise map_rpc_error(exc, self.endpoint, timeout, self.spec) from exc
        except (PermissionDenied, Unauthenticated):
            # etcd 3.5 refuses a watch whose token expired (or is a JWT older than the last
            # role change) as plain "permission denied"; only a fresh token tells the cases apart.
            if not self.spec.user:
                raise
        with self._auth_lock:
            self._authenticate()
        try:
            return self._replay(key, range_end, start_revision, until_revision, prev_kv, timeout)
        except grpc.RpcError as exc:
            raise map_rpc_error(exc, self.endpoint, timeout, self.spec) from exc

    def _replay(
        self,
        key: bytes,
        range_end: bytes,
        start: int,
        until: int,
        prev_kv: bool,
        timeout: float,
    ) -> list[ReplayEvent]:
        """See ``replay``. When it ends at an event (one at ``until`` or later arrives) it needs
        nothing else; otherwise it must know that no event below ``until`` is still to come.

        A progress notification alone does not say so on etcd before 3.5.13: it may arrive
        before events still queued for the watch (etcd-io/etcd#15220, fixed in 3.5.8; and
        #17507 in 3.5.13). So the replay first waits for what it can prove must come, read from
        the state at ``until - 1``: the newest change of every key there (a put), and a delete
        of every key that existed at that point or at ``start - 1`` but no longer does. Only a
        key both created and deleted after those is left to the progress notification, which
        an older server backs with a short quiet period.
        """
        if until <= start:
            return []
        waiting = self._replay_expectations(key, range_end, start, until)
        create = etcdrpc.WatchRequest(
            create_request=etcdrpc.WatchCreateRequest(
                key=key, range_end=range_end, start_revision=start, prev_kv=prev_kv
            )
        )
        stop = threading.Event()

        def requests() -> Iterator[Any]:
            yield create
            while not stop.wait(0.2):
                yield etcdrpc.WatchRequest(progress_request=etcdrpc.WatchProgressRequest())

        metadata = (("hasleader", "true"), *(self._metadata or ()))
        call = self._stub("WatchStub").Watch(requests(), timeout, metadata=metadata)
        responses: queue.Queue[Any] = queue.Queue()

        def pump() -> None:
            try:
                for response in call:
                    responses.put(response)
            except grpc.RpcError as exc:
                responses.put(exc)
            responses.put(None)

        pumper = threading.Thread(target=pump, name="etcdesk-replay", daemon=True)
        pumper.start()
        trusted = self._progress_is_ordered()
        deadline = time.monotonic() + timeout
        quiet_until = 0.0
        events: list[ReplayEvent] = []
        try:
            while True:
                wait = deadline - time.monotonic()
                if quiet_until:
                    wait = min(wait, quiet_until - time.monotonic())
                try:
                    response = responses.get(timeout=max(wait, 0.0))
                except queue.Empty:
                    if quiet_until and time.monotonic() >= quiet_until:
                        return events  # caught up, and nothing more came
                    message = translate(
                        "Store",
                        "reading the history took longer than {timeout} s; nothing is shown "
                        "rather than a partial history",
                    )
                    raise Unavailable(message.format(timeout=f"{timeout:g}")) from None
                if response is None:
                    break
                if isinstance(response, grpc.RpcError):
                    if response.code() == grpc.StatusCode.CANCELLED and stop.is_set():
                        break
                    raise response
                if response.compact_revision:
                    message = translate(
                        "Store", "history before revision {rev} is not retained by this cluster"
                    )
                    raise Compacted(
                        message.format(rev=response.compact_revision),
                        int(response.compact_revision),
                    )
                if response.canceled:
                    raise map_rpc_error_text(response.cancel_reason, self.endpoint)
                for event in response.events:
                    revision = int(event.kv.mod_revision)
                    if revision >= until:
                        return events  # events come in order: nothing below is left
                    deleted = event.type == 1  # mvccpb.Event.DELETE
                    events.append(
                        ReplayEvent(
                            key=bytes(event.kv.key),
                            deleted=deleted,
                            revision=revision,
                            kv=None if deleted else _kv(event.kv),
                            prev=_kv(event.prev_kv) if event.HasField("prev_kv") else None,
                        )
                    )
                    waiting.discard((bytes(event.kv.key), deleted, revision))
                    if deleted:
                        waiting.discard((bytes(event.kv.key), True, 0))
                if response.events and quiet_until:
                    quiet_until = time.monotonic() + _REPLAY_QUIET_S
                progress = not response.events and not response.created
                if progress and int(response.header.revision) >= until - 1 and not waiting:
                    if trusted:
                        return events
                    quiet_until = quiet_until or time.monotonic() + _REPLAY_QUIET_S
        finally:
            stop.set()
            call.cancel()
            pumper.join(timeout=5)
        raise Unavailable(
            translate("Store", "the watch stream ended before the history was complete")
        )

    def _replay_expectations(
        self, key: bytes, range_end: bytes, start: int, until: int
    ) -> set[tuple[bytes, bool, int]]:
        """Events a replay of ``[start, until)`` must deliver: (key, deleted, revision), with
        revision 0 for "a delete, at some revision" (see ``_replay``)."""
        try:
            then = self.get_range(key, range_end, until - 1, keys_only=True)
        except Compacted:
            return set()
        waiting = {(kv.key, False, kv.mod_revision) for kv in then.kvs if kv.mod_revision >= start}
        present = {kv.key for kv in then.kvs}
        if start > 1:
            try:
                before = self.get_range(key, range_end, start - 1, keys_only=True)
            except Compacted:
                before = RangeResult((), 0)
            waiting |= {(kv.key, True, 0) for kv in before.kvs if kv.key not in present}
        return waiting

    def _progress_is_ordered(self) -> bool:
        """Whether this server's progress notifications follow every queued event (3.5.13+)."""
        if self._ordered_progress is None:
            try:
                version = self.status().version
            except StoreError:
                version = ""
            self._ordered_progress = progress_is_ordered(version)
        return self._ordered_progress

    def count(self, prefix: bytes) -> int:
        request = etcdrpc.RangeRequest(
            key=prefix, range_end=prefix_range_end(prefix), count_only=True, serializable=True
        )
        return int(self._call("KVStub", "Range", request).count)


class EtcdStore(EtcdReader):
    """Read and guarded-write access. Every write is a transaction comparing ``mod_revision``."""

    _writable = True

    def put_guarded(
        self,
        key: bytes,
        value: bytes,
        expected_mod_revision: int,
        lease: int = 0,
        extra: Sequence[tuple[bytes, bytes]] = (),
    ) -> int:
        """Put ``value`` if the key's mod_revision is still ``expected_mod_revision`` (0: absent).

        ``extra`` keys (a journal entry) are put in the same transaction, so at the same
        revision. Returns the new revision; raises Conflict carrying the current KeyValue.
        """
        check_put_size([(key, value), *extra])
        return self._txn_guarded(
            key,
            expected_mod_revision,
            etcdrpc.RequestOp(request_put=_put(key, value, expected_mod_revision, lease)),
            extra,
        )

    def grant_lease(self, ttl: int) -> int:
        """A new lease of ``ttl`` seconds (keys attached to it vanish when it expires)."""
        response = self._call(
            "LeaseStub", "LeaseGrant", etcdrpc.LeaseGrantRequest(TTL=ttl), idempotent=False
        )
        return int(response.ID)

    def delete_guarded(
        self, key: bytes, expected_mod_revision: int, extra: Sequence[tuple[bytes, bytes]] = ()
    ) -> int:
        check_put_size([(key, b""), *extra])
        op = etcdrpc.RequestOp(request_delete_range=etcdrpc.DeleteRangeRequest(key=key))
        return self._txn_guarded(key, expected_mod_revision, op, extra)

    def put_if_unchanged_since(
        self,
        key: bytes,
        value: bytes,
        expected_mod_revision: int,
        prefix: bytes,
        revision: int,
        extra: Sequence[tuple[bytes, bytes]] = (),
    ) -> int | None:
        """Put if the key is still at ``expected_mod_revision`` and nothing under ``prefix``
        changed after ``revision`` (a scan of the prefix at that revision still holds).

        Returns the new revision; None if only something else under the prefix changed (scan
        again and retry); raises Conflict with the current KeyValue if the key itself changed.
        """
        check_put_size([(key, value), *extra])
        compares = [
            _compare_mod(key, etcdrpc.Compare.EQUAL, expected_mod_revision),
            _compare_mod(prefix, etcdrpc.Compare.LESS, revision + 1, prefix_range_end(prefix)),
        ]
        put = etcdrpc.RequestOp(request_put=_put(key, value, expected_mod_revision))
        failure = etcdrpc.RequestOp(request_range=etcdrpc.RangeRequest(key=key))
        request = etcdrpc.TxnRequest(
            compare=compares, success=[put, *_puts(extra)], failure=[failure]
        )
        response = self._write_txn(request, extra)
        if response.succeeded:
            return int(response.header.revision)
        kvs = response.responses[0].response_range.kvs
        current = _kv(kvs[0]) if kvs else None
        if (current.mod_revision if current else 0) == expected_mod_revision:
            return None
        raise _conflict(current)

    def create_all(
        self, items: list[tuple[bytes, bytes]], extra: Sequence[tuple[bytes, bytes]] = ()
    ) -> int:
        """Create every key in one transaction, only if none of them exists yet.

        All or nothing: raises Conflict (with the first existing KeyValue) naming the keys that
        already exist, and writes none.
        """
        keys = [key for key, _ in items]
        if not items or len(set(keys)) != len(keys):
            raise ValueError("create_all needs distinct keys")
        check_op_count(len(items) + len(extra), QT_TRANSLATE_NOOP("Store", "keys to create"))
        check_put_size([*items, *extra])
        compares = [
            etcdrpc.Compare(
                key=k, result=etcdrpc.Compare.EQUAL, target=etcdrpc.Compare.VERSION, version=0
            )
            for k in keys
        ]
        puts = _puts([*items, *extra])
        reads = [etcdrpc.RequestOp(request_range=etcdrpc.RangeRequest(key=k)) for k in keys]
        request = etcdrpc.TxnRequest(compare=compares, success=puts, failure=reads)
        response = self._write_txn(request, extra)
        if response.succeeded:
            return int(response.header.revision)
        existing = [_kv(kv) for item in response.responses for kv in item.response_range.kvs]
        names = ", ".join(display(kv.key) for kv in existing) or translate(
            "Store", "(none any more)"
        )
        message = translate("Store", "already exists: {names}").format(names=names)
        raise Conflict(message, existing[0] if existing else None)

    def delete_all_guarded(
        self,
        prefix: bytes,
        expected: dict[bytes, int],
        revision: int,
        extra: Sequence[tuple[bytes, bytes]] = (),
    ) -> int:
        """Delete the keys of ``expected`` (key -> mod_revision) in one transaction, only if each
        is unchanged and nothing under ``prefix`` changed after ``revision``.

        Raises Conflict naming what changed (the current keys under the prefix as ``current``).
        """
        if not expected:
            raise ValueError("nothing to delete")
        check_op_count(len(expected) + len(extra) + 1, QT_TRANSLATE_NOOP("Store", "keys to delete"))
        check_put_size([(k, b"") for k in expected] + list(extra))
        end = prefix_range_end(prefix)
        compares = [_compare_mod(k, etcdrpc.Compare.EQUAL, m) for k, m in expected.items()]
        compares.append(_compare_mod(prefix, etcdrpc.Compare.LESS, revision + 1, end))
        deletes = [
            etcdrpc.RequestOp(request_delete_range=etcdrpc.DeleteRangeRequest(key=k))
            for k in expected
        ]
        deletes += _puts(extra)
        listing = etcdrpc.RangeRequest(key=prefix, range_end=end, keys_only=True)
        failure = etcdrpc.RequestOp(request_range=listing)
        request = etcdrpc.TxnRequest(compare=compares, success=deletes, failure=[failure])
        response = self._write_txn(request, extra)
        if response.succeeded:
            return int(response.header.revision)
        current = {kv.key: kv for kv in map(_kv, response.responses[0].response_range.kvs)}
        changed = [
            k for k, m in expected.items() if k not in current or current[k].mod_revision != m
        ]
        changed += [
            k for k, kv in current.items() if k not in expected and kv.mod_revision > revision
        ]
        names = ", ".join(display(k) for k in sorted(changed)) or display(prefix)
        message = translate("Store", "changed since it was loaded: {names}").format(names=names)
        raise Conflict(message, tuple(current.values()))

    def apply_guarded(
        self,
        puts: Sequence[tuple[bytes, bytes]],
        deletes: Sequence[bytes],
        expected: dict[bytes, int],
        prefix: bytes | None = None,
        revision: int = 0,
        extra: Sequence[tuple[bytes, bytes]] = (),
    ) -> int:
        """Puts and deletes in one transaction, only if every key of ``expected`` (key ->
        mod_revision, 0 for absent) is unchanged and, with ``prefix``, nothing under it
        changed after ``revision``. ``expected`` must name every touched key.

        Raises Conflict naming what changed, TooLarge over etcd's limits, before sending.
        """
        touched = [k for k, _ in puts] + list(deletes)
        if not touched:
            raise ValueError("nothing to change")
        if len(set(touched)) != len(touched) or any(k not in expected for k in touched):
            raise ValueError("each touched key once, and each with its expected revision")
        check_op_count(len(touched) + len(extra), QT_TRANSLATE_NOOP("Store", "keys to change"))
        check_op_count(
            len(expected) + (1 if prefix is not None else 0),
            QT_TRANSLATE_NOOP("Store", "keys to compare"),
        )
        check_put_size([*puts, *((k, b"") for k in deletes), *extra])
        compares = [_compare_mod(k, etcdrpc.Compare.EQUAL, m) for k, m in expected.items()]
        if prefix is not None:
            end = prefix_range_end(prefix)
            compares.append(_compare_mod(prefix, etcdrpc.Compare.LESS, revision + 1, end))
        ops = _puts(puts, expected) + [
            etcdrpc.RequestOp(request_delete_range=etcdrpc.DeleteRangeRequest(key=k))
            for k in deletes
        ]
        ops += _puts(extra)
        reads = [
            etcdrpc.RequestOp(request_range=etcdrpc.RangeRequest(key=k, keys_only=True))
            for k in expected
        ]
        request = etcdrpc.TxnRequest(compare=compares, success=ops, failure=reads)
        response = self._write_txn(request, extra)
        if response.succeeded:
            return int(response.header.revision)
        now = {
            bytes(kv.key): int(kv.mod_revision)
            for item in response.responses
            for kv in item.response_range.kvs
        }
        changed = sorted(k for k, m in expected.items() if now.get(k, 0) != m)
        if changed:
            names = ", ".join(display(k) for k in changed)
            message = translate("Store", "changed since it was read: {names}").format(names=names)
        else:
            message = translate("Store", "other keys under {prefix} changed since it was read")
            message = message.format(prefix=display(prefix or b""))
        raise Conflict(message, tuple(now.items()))

    def _write_txn(self, request: Any, extra: Sequence[tuple[bytes, bytes]]) -> Any:
        """One write transaction. When etcd refuses it and it carries ``extra`` keys (a journal
        entry), say so: the user may write the config but not the change journal."""
        try:
            return self._call("KVStub", "Txn", request, idempotent=False)
        except PermissionDenied as exc:
            if not extra:
                raise
            where = display(extra[0][0].rsplit(b"/", 1)[0] + b"/")
            raise PermissionDenied(
                translate(
                    "Store",
                    "{error}; nothing was written. Every change made with etcdesk also writes "
                    "its change journal entry under {where}, so the etcd user needs write "
                    "access there too.",
                ).format(error=exc, where=where)
            ) from exc

    def _txn_guarded(
        self, key: bytes, expected: int, op: Any, extra: Sequence[tuple[bytes, bytes]]
    ) -> int:
        compare = _compare_mod(key, etcdrpc.Compare.EQUAL, expected)
        failure = etcdrpc.RequestOp(request_range=etcdrpc.RangeRequest(key=key))
        request = etcdrpc.TxnRequest(
            compare=[compare], success=[op, *_puts(extra)], failure=[failure]
        )
        response = self._write_txn(request, extra)
        if response.succeeded:
            return int(response.header.revision)
        kvs = response.responses[0].response_range.kvs
        raise _conflict(_kv(kvs[0]) if kvs else None)


def _puts(
    items: Sequence[tuple[bytes, bytes]], expected: dict[bytes, int] | None = None
) -> list[Any]:
    known = expected or {}
    return [etcdrpc.RequestOp(request_put=_put(k, v, known.get(k, 0))) for k, v in items]


def _put(key: bytes, value: bytes, expected_mod_revision: int, lease: int = 0) -> Any:
    """A put that keeps the key's lease: a guarded write of an existing key (the compare
    proves it exists) must not turn a key that expires into one that never does."""
    keep = expected_mod_revision > 0 and lease == 0
    return etcdrpc.PutRequest(key=key, value=value, lease=lease, ignore_lease=keep)


def _compare_mod(key: bytes, result: int, mod_revision: int, range_end: bytes = b"") -> Any:
    """A compare on ``mod_revision``; with ``range_end`` it must hold for every key in range."""
    return etcdrpc.Compare(
        key=key,
        range_end=range_end,
        result=result,
        target=etcdrpc.Compare.MOD,
        mod_revision=mod_revision,
    )


def _conflict(current: KeyValue | None) -> Conflict:
    if current is None:
        message = translate("Store", "the key changed since it was loaded (it was deleted)")
    else:
        message = translate(
            "Store", "the key changed since it was loaded (now at revision {rev})"
        ).format(rev=current.mod_revision)
    return Conflict(message, current)


def check_put_size(items: list[tuple[bytes, bytes]]) -> None:
    """TooLarge before anything is sent when the request would exceed etcd's request limit."""
    size = sum(len(k) + len(v) for k, v in items)
    if size > MAX_REQUEST_BYTES - 4096:
        message = (
            translate(
                "Store", "the value is {size} bytes; etcd accepts at most {max} bytes per request"
            )
            if len(items) == 1
            else translate(
                "Store", "the change is {size} bytes; etcd accepts at most {max} bytes per request"
            )
        )
        raise TooLarge(message.format(size=f"{size:,}", max=f"{MAX_REQUEST_BYTES:,}"))


def check_op_count(count: int, what: str) -> None:
    """``what``: a noun phrase marked with QT_TRANSLATE_NOOP("Store", ...)."""
    if count > MAX_TXN_OPS:
        message = translate(
            "Store",
            "{count} {what} in one change; etcd accepts at most {max} operations per transaction",
        )
        raise TooLarge(message.format(count=count, what=translate("Store", what), max=MAX_TXN_OPS))


def connect(spec: ConnectionSpec, read_only: bool = False) -> EtcdReader:
    """Open a connection and prove it works (reachable, authenticated) with one Status call."""
    store: EtcdReader = EtcdReader(spec) if read_only else EtcdStore(spec)
    try:
        store.status()
    except BaseException:
        store.close()
        raise
    return store
