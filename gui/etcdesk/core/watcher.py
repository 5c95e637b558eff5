"""Our own watch loop on etcd's gRPC ``WatchStub`` (DESIGN.md §3, research §3.3–3.5).

python3-etcd3's watcher is not safe to rely on: its thread dies silently on a stream error, a
watch the server refuses looks created, and a failed KV call closes all its watches. This loop
runs on its own channel and handles created / canceled / compact_revision / progress explicitly:

- it resumes after any stream loss from the last seen revision + 1 (after a progress
  notification, header revision + 1, on etcd 3.5.13+ where it cannot overtake queued events),
  so nothing is missed or delivered twice;
- it sends ``hasleader`` metadata (a member cut off from the leader fails instead of going
  quiet), keeps the connection alive with gRPC keepalive, and asks for progress every few
  seconds: a stream that answers nothing for ``watchdog_timeout`` is cancelled and re-created;
- it re-authenticates before re-creating a watch (tokens expire and die with a member restart);
- a watch the server cancels (permission denied, bad token) becomes a FAILED status with the
  server's reason, retried slowly, never a silent hang;
- on compaction it relists the prefix at a new pinned revision and hands the key set over, so
  the tree is reconciled instead of rebuilt.

Everything it hands to ``sink`` is an immutable value; the sink is called from the watch thread.
"""

from __future__ import annotations

import logging
import queue
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

import grpc
from etcd3 import etcdrpc

from etcdesk.core.errors import PermissionDenied, StoreError, Unauthenticated
from etcdesk.core.etcd_store import (
    GRPC_OPTIONS,
    ConnectionSpec,
    map_rpc_error,
    parse_endpoint,
    progress_is_ordered,
    read_credentials,
)
from etcdesk.core.i18n import translate
from etcdesk.core.layout import prefix_range_end

log = logging.getLogger(__name__)


class WatchState(Enum):
    CONNECTING = "connecting"
    LIVE = "live"
    RECONNECTING = "reconnecting"
    FAILED = "failed"
    STOPPED = "stopped"


@dataclass(frozen=True)
class WatchEvent:
    key: bytes
    deleted: bool
    revision: int  # the revision of the change (mod_revision; for deletes, the delete's)
    value: bytes = b""
    version: int = 0
    create_revision: int = 0


@dataclass(frozen=True)
class WatchBatch:
    """The events of one watch response: whole revisions, in order."""

    events: tuple[WatchEvent, ...]
    revision: int  # every change up to this revision has been delivered
    received: float  # time.time() when the response arrived


@dataclass(frozen=True)
class WatchStatus:
    state: WatchState
    since: float  # time.time() when this state began (for "reconnecting since HH:MM:SS")
    reason: str = ""
    endpoint: str = ""
    revision: int = 0


@dataclass(frozen=True)
class Resynced:
    """After compaction: every key under the prefix at ``revision``; reconcile against it.

    ``start``/``end``: the range relisted, when one of several watched ranges (WatchGroup)
    was; the defaults mean every key the view holds.
    """

    keys: frozenset[bytes]
    revision: int
    start: bytes = b""
    end: bytes = b"\x00"


WatchItem = WatchBatch | WatchStatus | Resynced
Relister = Callable[[], tuple[frozenset[bytes], int]]


class _Refused(Exception):
    """The server canceled the watch at creation (permission denied, invalid token, ...)."""


class _CompactedAt(Exception):
    def __init__(self, revision: int) -> None:
        super().__init__(revision)
        self.revision = revision


def _progress_is_ordered(channel: grpc.Channel, metadata: list[tuple[str, str]]) -> bool:
    """Whether the server's progress notifications follow every queued event (etcd 3.5.13+)."""
    try:
        status = etcdrpc.MaintenanceStub(channel).Status(
            etcdrpc.StatusRequest(), 5, metadata=metadata
        )
    except (grpc.RpcError, ValueError):  # ValueError: stop() closed the channel
        return False  # unknown: the safe assumption
    return progress_is_ordered(str(status.version))


class _Requests:
    """The request stream of one Watch call: create, then periodic progress requests.

    It doubles as the watchdog: gRPC pulls the next request from its own thread, so when no
    response arrived for ``timeout`` seconds it cancels the call from there.
    """

    def __init__(
        self, create: Any, interval: float, timeout: float, last_seen: Callable[[], float]
    ):
        self._create = create
        self._interval = interval
        self._timeout = timeout
        self._last_seen = last_seen
        self._closed = queue.Queue[None]()
        self.call: Any = None
        self.watchdog_fired = False

    def close(self) -> None:
        self._closed.put(None)

    def __iter__(self) -> Iterator[Any]:
        yield etcdrpc.WatchRequest(create_request=self._create)
        while True:
            try:
                self._closed.get(timeout=self._interval)
                return
            except queue.Empty:
                pass
            if time.monotonic() - self._last_seen() > self._timeout:
                self.watchdog_fired = True
                if self.call is not None:
                    self.call.cancel()
                return
            yield etcdrpc.WatchRequest(progress_request=etcdrpc.WatchProgressRequest())


class Watcher:
    """Watches ``prefix`` from ``start_revision`` on a named background thread until stopped.

    With ``range_end``, watches ``[prefix, range_end)`` instead of every key under ``prefix``.
    """

    def __init__(
        self,
        spec: ConnectionSpec,
        prefix: bytes,
        start_revision: int,
        sink: Callable[[WatchItem], None],
        relist: Relister,
        *,
        progress_interval: float = 5.0,
        watchdog_timeout: float = 15.0,
        backoff_max: float = 3.0,
        refused_retry: float = 30.0,
        name: str = "etcdesk-watch",
        range_end: bytes | None = None,
    ) -> None:
        self.spec = spec
        self.prefix = prefix
        self.range_end = prefix_range_end(prefix) if range_end is None else range_end
        self.sink = sink
        self.relist = relist
        self.progress_interval = progress_interval
        self.watchdog_timeout = watchdog_timeout
        self.backoff_max = backoff_max
        self.refused_retry = refused_retry
        self._next = start_revision
        secure = spec.secure
        self._creds = read_credentials(spec) if secure else None
        self._endpoints = [parse_endpoint(e, secure) for e in spec.endpoints]
        self._endpoint_index = random.randrange(len(self._endpoints))
        self._channels: dict[int, grpc.Channel] = {}
        self._tokens: dict[int, str] = {}
        self._token_reused = False  # the stream being created carries a token from before
        self._trust_progress: bool | None = None  # known after the first connection
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._requests: _Requests | None = None
        self._last_seen = time.monotonic()
        self._state = WatchState.STOPPED
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    # -- public -----------------------------------------------------------------------------

    @property
    def next_revision(self) -> int:
        return self._next

    @property
    def endpoint(self) -> str:
        host, port, _secure = self._endpoints[self._endpoint_index % len(self._endpoints)]
        return f"{host}:{port}"

    @property
    def state(self) -> WatchState:
        return self._state

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10.0, wait: bool = True) -> None:
        """Stop the loop (safe to call more than once); with ``wait``, wait for its thread.

        The stream is cancelled and the channels closed, which ends an RPC in flight at once;
        only a relist after compaction (on the store's connection) runs to its end. Without
        ``wait`` the thread ends by itself (the GUI thread never waits on the network) and its
        sink must drop what it still hands over (``WatchBridge.new_sink``).
        """
        self._stop.set()
        with self._lock:
            requests = self._requests
            channels = list(self._channels.values())
            self._channels.clear()
        if requests is not None:
            requests.close()
            if requests.call is not None:
                requests.call.cancel()
        for channel in channels:
            channel.close()
        if wait and self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    # -- the loop ---------------------------------------------------------------------------

    def _emit_status(self, state: WatchState, since: float, reason: str = "") -> None:
        self._state = state
        self.sink(WatchStatus(state, since, reason, self.endpoint, self._next - 1))

    def _run(self) -> None:
        failures = 0
        since = time.time()
        self._emit_status(WatchState.CONNECTING, since)
        while not self._stop.is_set():
            try:
                self._stream()
                failures = 0  # the stream ended by our own cancel, a relist or a restart
            except _CompactedAt as compacted:
                try:
                    keys, revision = self.relist()
                except Exception as exc:
                    # Stopped meanwhile: the session may have closed the relist's connection.
                    if self._stop.is_set():
                        break
                    if not isinstance(exc, StoreError):
                        raise
                    failures += 1
                    since = self._outage(since, failures, str(exc))
                    continue
                log.info("watch: compacted at %d, relisted at %d", compacted.revision, revision)
                self.sink(Resynced(keys, revision))
                self._next = revision + 1
            except _Refused as refused:
                # The token may be what was refused: expired, or a JWT from before a role
                # change, which etcd 3.5 refuses as plain "permission denied" (its auth revision
                # is old). So never retry with it, and when it was a reused one, retry at once
                # with a fresh one before reporting the refusal.
                self._tokens.clear()
                if self._token_reused:
                    continue
                reason = str(refused)
                self._emit_status(WatchState.FAILED, time.time(), reason)
                self._stop.wait(self.refused_retry)
            except (grpc.RpcError, StoreError) as exc:
                if self._stop.is_set():
                    break
                failures += 1
                if isinstance(exc, grpc.RpcError):
                    if self._requests is not None and self._requests.watchdog_fired:
                        reason = translate("Watcher", "etcd at {endpoint} stopped answering")
                        reason = reason.format(endpoint=self.endpoint)
                    else:
                        reason = str(
                            map_rpc_error(exc, self.endpoint, self.spec.timeout, self.spec)
                        )
                    self._tokens.pop(self._endpoint_index % len(self._endpoints), None)
                else:
                    reason = str(exc)
                since = self._outage(since, failures, reason)
            except Exception:
                # stop() closes the channels at once, so an RPC about to start on one raises
                # ValueError ("closed channel"): the end of the loop, not a crash.
                if self._stop.is_set():
                    break
                raise
        with self._lock:
            channels = list(self._channels.values())
            self._channels.clear()
        for channel in channels:
            channel.close()
        self._emit_status(WatchState.STOPPED, time.time())

    def _outage(self, since: float, failures: int, reason: str) -> float:
        """Report the outage (keeping its start time), move to the next endpoint, back off."""
        if self._state is not WatchState.RECONNECTING:
            since = time.time()
        self._emit_status(WatchState.RECONNECTING, since, reason)
        self._endpoint_index += 1
        delay = min(self.backoff_max, 0.1 * (2 ** min(failures, 8)))
        self._stop.wait(delay * random.uniform(0.5, 1.0))
        return since

    def _channel(self) -> tuple[int, grpc.Channel]:
        index = self._endpoint_index % len(self._endpoints)
        with self._lock:  # stop() closes the channels from another thread
            if self._stop.is_set():
                raise StoreError(translate("Watcher", "the watch was stopped"))
            channel = self._channels.get(index)
            if channel is None:
                host, port, secure = self._endpoints[index]
                target = f"{host}:{port}"
                if secure:
                    assert self._creds is not None
                    channel = grpc.secure_channel(target, self._creds, options=GRPC_OPTIONS)
                else:
                    channel = grpc.insecure_channel(target, options=GRPC_OPTIONS)
                self._channels[index] = channel
        return index, channel

    def _metadata(self, index: int, channel: grpc.Channel) -> list[tuple[str, str]]:
        metadata = [("hasleader", "true")]
        self._token_reused = False
        if self.spec.user:
            token = self._tokens.get(index)
            self._token_reused = token is not None
            if token is None:
                request = etcdrpc.AuthenticateRequest(
                    name=self.spec.user, password=self.spec.password or ""
                )
                try:
                    response = etcdrpc.AuthStub(channel).Authenticate(request, self.spec.timeout)
                except grpc.RpcError as exc:
                    error = map_rpc_error(exc, self.endpoint, self.spec.timeout, self.spec)
                    if isinstance(error, Unauthenticated | PermissionDenied):
                        raise _Refused(str(error)) from exc
                    raise
                token = str(response.token)
                self._tokens[index] = token
            metadata.append(("token", token))
        return metadata

    def _stream(self) -> None:
        index, channel = self._channel()
        metadata = self._metadata(index, channel)
        if self._trust_progress is None:
            self._trust_progress = _progress_is_ordered(channel, metadata)
        create = etcdrpc.WatchCreateRequest(
            key=self.prefix,
            range_end=self.range_end,
            start_revision=self._next,
            progress_notify=True,
        )
        self._last_seen = time.monotonic()
        requests = _Requests(
            create, self.progress_interval, self.watchdog_timeout, lambda: self._last_seen
        )
        with self._lock:
            if self._stop.is_set():
                return
            self._requests = requests
        call = etcdrpc.WatchStub(channel).Watch(iter(requests), metadata=metadata)
        requests.call = call
        if self._stop.is_set():
            # stop() ran before the call existed, so it could not cancel it; and etcd keeps a
            # stream whose requests ended open, so without this the thread waits out stop's join.
            call.cancel()
        try:
            for response in call:
                self._last_seen = time.monotonic()
                self._handle(response)
        finally:
            requests.close()

    def _handle(self, response: Any) -> None:
        if response.compact_revision:
            raise _CompactedAt(int(response.compact_revision))
        if response.created:
            if response.canceled:
                raise _Refused(
                    response.cancel_reason or translate("Watcher", "the server refused the watch")
                )
            self._emit_status(WatchState.LIVE, time.time())
            return
        if response.canceled:
            reason = response.cancel_reason or translate("Watcher", "the server canceled the watch")
            if "permission denied" in reason or "token" in reason:
                raise _Refused(reason)
            raise StoreError(reason)
        if response.events:
            received = time.time()
            events = tuple(
                WatchEvent(
                    key=bytes(ev.kv.key),
                    deleted=ev.type == 1,
                    revision=int(ev.kv.mod_revision),
                    value=bytes(ev.kv.value),
                    version=int(ev.kv.version),
                    create_revision=int(ev.kv.create_revision),
                )
                for ev in response.events
            )
            self._next = events[-1].revision + 1
            self.sink(WatchBatch(events, events[-1].revision, received))
        elif self._trust_progress:
            # A progress notification: everything up to the header revision was delivered.
            # (Before etcd 3.5.13 it may overtake queued events, etcd-io/etcd#15220: there it
            # only proves the stream alive, and a resume starts after the last event seen.)
            revision = int(response.header.revision)
            if revision + 1 > self._next:
                self._next = revision + 1
