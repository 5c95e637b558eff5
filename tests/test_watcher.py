"""The core watch loop against real etcd processes: restarts, freezes, compaction, failover,
permission denied and a 10,000-key delete. No mocks."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from etcdesk.core.etcd_process import EtcdCluster, EtcdMember
from etcdesk.core.etcd_store import ConnectionSpec, EtcdStore
from etcdesk.core.watcher import (
    Resynced,
    WatchBatch,
    Watcher,
    WatchEvent,
    WatchState,
    WatchStatus,
)
from helpers import (
    READER_PW,
    Recorder,
    bulk_put,
    compact,
    delete_prefix,
    put_once,
    server_keys,
)


def _relister(store: EtcdStore, prefix: bytes) -> Callable[[], tuple[frozenset[bytes], int]]:
    def relist() -> tuple[frozenset[bytes], int]:
        keys: list[bytes] = []
        revision = 0
        for page in store.list_keys(prefix):
            if page.restarted:
                keys = []
            keys.extend(page.keys)
            revision = page.revision
        return frozenset(keys), revision

    return relist


@pytest.fixture
def start_watch() -> Iterator[Callable[..., tuple[Watcher, Recorder]]]:
    watchers: list[Watcher] = []

    def start(
        spec: ConnectionSpec, prefix: bytes, revision: int, store: EtcdStore, **kwargs: float
    ) -> tuple[Watcher, Recorder]:
        recorder = Recorder()
        options = {"progress_interval": 0.5, "watchdog_timeout": 3.0, "backoff_max": 0.5}
        options.update(kwargs)
        watcher = Watcher(spec, prefix, revision, recorder, _relister(store, prefix), **options)
        watchers.append(watcher)
        watcher.start()
        return watcher, recorder

    yield start
    for watcher in watchers:
        watcher.stop()
        assert not watcher.running


def _spec(*members: EtcdMember) -> ConnectionSpec:
    return ConnectionSpec(tuple(m.endpoint for m in members), timeout=3)


def test_events_arrive_in_order_then_stop(
    etcd_server: EtcdMember,
    store: EtcdStore,
    prefix: bytes,
    start_watch: Callable[..., tuple[Watcher, Recorder]],
) -> None:
    revision = store.status().revision
    watcher, rec = start_watch(_spec(etcd_server), prefix, revision + 1, store)
    rec.wait(lambda: rec.state() is WatchState.LIVE)
    first = store.put_guarded(prefix + b"a/x", b"1", 0)
    store.put_guarded(prefix + b"a/x", b"2", first)
    store.delete_guarded(prefix + b"a/x", first + 1)
    rec.wait(lambda: len(rec.events()) == 3)
    assert [(k, d) for _r, k, d in rec.events()] == [
        (prefix + b"a/x", False),
        (prefix + b"a/x", False),
        (prefix + b"a/x", True),
    ]
    assert rec.batches()[0].events[0].value == b"1"
    watcher.stop()
    assert not watcher.running
    assert rec.state() is WatchState.STOPPED


def test_sigkill_and_restart_during_writes_loses_and_repeats_nothing(
    own_etcd: EtcdMember, prefix: bytes, start_watch: Callable[..., tuple[Watcher, Recorder]]
) -> None:
    store = EtcdStore(_spec(own_etcd))
    try:
        start = store.status().revision
        _watcher, rec = start_watch(_spec(own_etcd), prefix, start + 1, store)
        rec.wait(lambda: rec.state() is WatchState.LIVE)
        written: list[bytes] = []
        done = threading.Event()

        def writer() -> None:
            for n in range(120):
                key = prefix + b"t%d/k%03d" % (n % 7, n)
                put_once(store, key, b"v")
                written.append(key)
            done.set()

        thread = threading.Thread(target=writer, name="test-writer")
        thread.start()
        while len(written) < 40:
            time.sleep(0.01)
        own_etcd.kill()
        time.sleep(1.0)
        own_etcd.start()
        thread.join(60)
        assert done.is_set()
        rec.wait(lambda: len(rec.events()) >= 120, timeout=20)
        events = rec.events()
        revisions = [r for r, _k, _d in events]
        assert revisions == sorted(set(revisions)), "duplicate or out-of-order event"
        assert sorted(k for _r, k, _d in events) == sorted(written)
        assert any(s.state is WatchState.RECONNECTING for s in rec.statuses())
        assert rec.state() is WatchState.LIVE
        assert sorted(server_keys(store, prefix)) == sorted(written)
    finally:
        store.close()


def test_frozen_server_is_detected_and_resumed(
    own_etcd: EtcdMember, prefix: bytes, start_watch: Callable[..., tuple[Watcher, Recorder]]
) -> None:
    store = EtcdStore(_spec(own_etcd))
    try:
        revision = store.put_guarded(prefix + b"a/before", b"1", 0)
        _watcher, rec = start_watch(_spec(own_etcd), prefix, revision + 1, store)
        rec.wait(lambda: rec.state() is WatchState.LIVE)
        own_etcd.pause()  # SIGSTOP: the TCP connection stays open but nothing answers
        try:
            rec.wait(lambda: rec.state() is WatchState.RECONNECTING, timeout=15)
            assert "stopped answering" in rec.statuses()[-1].reason or rec.statuses()[-1].reason
            time.sleep(20 - 3)  # the scenario: frozen for 20 s in all
        finally:
            own_etcd.resume()
        rec.wait(lambda: rec.state() is WatchState.LIVE, timeout=20)
        put_once(store, prefix + b"a/after", b"2")
        rec.wait(lambda: any(k == prefix + b"a/after" for _r, k, _d in rec.events()))
        assert [k for _r, k, _d in rec.events()] == [prefix + b"a/after"]
    finally:
        store.close()


def test_compaction_while_disconnected_relists(
    own_etcd: EtcdMember, prefix: bytes, start_watch: Callable[..., tuple[Watcher, Recorder]]
) -> None:
    store = EtcdStore(_spec(own_etcd))
    try:
        bulk_put(store, [(prefix + b"a/%d" % i, b"v") for i in range(10)])
        seen = store.status().revision
        # While nobody watches: delete some, add some, then compact past what we saw.
        delete_prefix(store, prefix + b"a/1")
        bulk_put(store, [(prefix + b"b/new", b"v")])
        compact(store)
        _watcher, rec = start_watch(_spec(own_etcd), prefix, seen + 1, store)
        rec.wait(lambda: any(isinstance(i, Resynced) for i in rec.items))
        resync = next(i for i in rec.items if isinstance(i, Resynced))
        assert resync.keys == frozenset(server_keys(store, prefix))
        assert prefix + b"a/1" not in resync.keys and prefix + b"b/new" in resync.keys
        rec.wait(lambda: rec.state() is WatchState.LIVE)
        store.put_guarded(prefix + b"c/later", b"v", 0)
        rec.wait(lambda: [k for _r, k, _d in rec.events()] == [prefix + b"c/later"])
    finally:
        store.close()


def test_delete_prefix_of_10000_keys_is_one_batch(
    etcd_server: EtcdMember,
    store: EtcdStore,
    prefix: bytes,
    start_watch: Callable[..., tuple[Watcher, Recorder]],
) -> None:
    bulk_put(store, [(prefix + b"t%02d/c%04d" % (i % 50, i), b"v" * 20) for i in range(10_000)])
    revision = store.status().revision
    _watcher, rec = start_watch(_spec(etcd_server), prefix, revision + 1, store)
    rec.wait(lambda: rec.state() is WatchState.LIVE)
    delete_prefix(store, prefix)
    rec.wait(lambda: len(rec.events()) >= 10_000)
    batches = rec.batches()
    assert len(batches) == 1 and len(batches[0].events) == 10_000
    assert all(e.deleted for e in batches[0].events)


def test_watch_denied_is_reported_not_hung(
    auth_etcd: EtcdMember, start_watch: Callable[..., tuple[Watcher, Recorder]]
) -> None:
    spec = ConnectionSpec((auth_etcd.endpoint,), user="reader", password=READER_PW, timeout=3)
    reader = EtcdStore(spec)
    try:
        watcher, rec = start_watch(spec, b"/tenants/", 0, reader)
        rec.wait(lambda: rec.state() is WatchState.FAILED, timeout=10)
        assert "permission denied" in rec.statuses()[-1].reason
        started = time.monotonic()
        watcher.stop()
        assert time.monotonic() - started < 5  # stop does not wait out the slow retry
        assert not watcher.running
    finally:
        reader.close()


def test_killing_the_member_in_use_fails_over_without_losing_events(
    etcd_cluster3: EtcdCluster, prefix: bytes, start_watch: Callable[..., tuple[Watcher, Recorder]]
) -> None:
    spec = ConnectionSpec(tuple(etcd_cluster3.endpoints), timeout=2)
    store = EtcdStore(spec)
    try:
        revision = store.put_guarded(prefix + b"a/0", b"v", 0)
        watcher, rec = start_watch(spec, prefix, revision + 1, store)
        rec.wait(lambda: rec.state() is WatchState.LIVE)
        store.put_guarded(prefix + b"a/1", b"v", 0)
        rec.wait(lambda: len(rec.events()) == 1)
        victim = next(m for m in etcd_cluster3.members if m.endpoint == watcher.endpoint)
        victim.kill()
        killed_at = time.monotonic()
        for n in range(2, 12):
            put_once(store, prefix + b"a/%d" % n, b"v", timeout=10)
        rec.wait(lambda: len(rec.events()) == 11, timeout=10)
        assert time.monotonic() - killed_at < 10
        assert [k for _r, k, _d in rec.events()] == [prefix + b"a/%d" % n for n in range(1, 12)]
        assert watcher.endpoint != victim.endpoint
    finally:
        store.close()


def test_unreachable_cluster_keeps_reconnecting_until_stopped(
    prefix: bytes, store: EtcdStore, start_watch: Callable[..., tuple[Watcher, Recorder]]
) -> None:
    from etcdesk.core.etcd_process import free_port

    spec = ConnectionSpec((f"127.0.0.1:{free_port()}",), timeout=1)
    _watcher, rec = start_watch(spec, prefix, 1, store)
    rec.wait(lambda: rec.state() is WatchState.RECONNECTING)
    first = rec.statuses()[-1].since
    rec.wait(lambda: len([s for s in rec.statuses() if s.state is WatchState.RECONNECTING]) >= 3)
    assert rec.statuses()[-1].since == first  # "reconnecting since" keeps the outage start
    assert "cannot reach" in rec.statuses()[-1].reason


def _leader(cluster: EtcdCluster) -> EtcdMember:
    for member in cluster.members:
        probe = EtcdStore(ConnectionSpec((member.endpoint,), timeout=2))
        try:
            status = probe.status()
        finally:
            probe.close()
        if status.member_id == status.leader:
            return member
    raise AssertionError("no leader")


def test_killing_the_leader_keeps_the_watch_and_writes_going(
    etcd_cluster3: EtcdCluster, prefix: bytes, start_watch: Callable[..., tuple[Watcher, Recorder]]
) -> None:
    spec = ConnectionSpec(tuple(etcd_cluster3.endpoints), timeout=2)
    store = EtcdStore(spec)
    try:
        revision = store.put_guarded(prefix + b"a/0", b"v", 0)
        _watcher, rec = start_watch(spec, prefix, revision + 1, store)
        rec.wait(lambda: rec.state() is WatchState.LIVE)
        _leader(etcd_cluster3).kill()
        for n in range(1, 8):
            put_once(store, prefix + b"a/%d" % n, b"v", timeout=15)
        rec.wait(lambda: len(rec.events()) == 7, timeout=15)
        assert [k for _r, k, _d in rec.events()] == [prefix + b"a/%d" % n for n in range(1, 8)]
    finally:
        store.close()


def test_watch_reauthenticates_after_a_restart(
    own_etcd: EtcdMember, start_watch: Callable[..., tuple[Watcher, Recorder]]
) -> None:
    from helpers import ROOT_PW, enable_auth

    enable_auth(own_etcd)
    spec = ConnectionSpec((own_etcd.endpoint,), user="root", password=ROOT_PW, timeout=3)
    store = EtcdStore(spec)
    try:
        revision = store.put_guarded(b"/tenants/acme/a", b"1", 0)
        _watcher, rec = start_watch(spec, b"/tenants/", revision + 1, store)
        rec.wait(lambda: rec.state() is WatchState.LIVE)
        own_etcd.kill()  # tokens live in the member's memory: they die with it
        own_etcd.start()
        rec.wait(lambda: rec.statuses()[-1].state is WatchState.LIVE and len(rec.statuses()) > 3)
        put_once(store, b"/tenants/acme/b", b"2")
        rec.wait(lambda: [k for _r, k, _d in rec.events()] == [b"/tenants/acme/b"])
    finally:
        store.close()


def test_stop_without_waiting_returns_while_a_relist_runs(
    own_etcd: EtcdMember, prefix: bytes
) -> None:
    """The GUI thread stops a watch without waiting on the network: a watch in the middle of a
    relist after compaction (on the store's connection, which stop cannot cut) ends later."""
    store = EtcdStore(_spec(own_etcd))
    entered, release = threading.Event(), threading.Event()
    relist_for_real = _relister(store, prefix)

    def slow_relist() -> tuple[frozenset[bytes], int]:
        entered.set()
        release.wait(15)
        if closed:  # what a session that closed its store meanwhile gives the relist
            raise RuntimeError("closed")
        return relist_for_real()

    closed: list[bool] = []

    rec = Recorder()
    watcher: Watcher | None = None
    try:
        bulk_put(store, [(prefix + b"a/%d" % i, b"v") for i in range(3)])
        seen = store.status().revision
        bulk_put(store, [(prefix + b"b/new", b"v")])
        bulk_put(store, [(prefix + b"c/new", b"v")])
        compact(store)  # past seen + 1: the watch must relist
        watcher = Watcher(_spec(own_etcd), prefix, seen + 1, rec, slow_relist, backoff_max=0.5)
        watcher.start()
        assert entered.wait(15), rec.items
        watcher.stop(wait=False)
        assert watcher.running  # it returned with the thread still in the relist
        closed.append(True)
        release.set()
        watcher.stop()  # now wait: the thread ends after its relist, no new stream
        assert not watcher.running
        assert rec.state() is WatchState.STOPPED
        assert not rec.batches()
    finally:
        release.set()
        if watcher is not None:
            watcher.stop()
        store.close()


def test_a_restarted_watch_group_takes_nothing_more_from_its_old_watchers(
    etcd_server: EtcdMember, store: EtcdStore, prefix: bytes
) -> None:
    """The manual "Reconnect" of a user with several readable ranges: each range resumes after
    the last item taken, and what an old watcher still hands over is dropped (an old put
    arriving after a newer delete would bring the key back)."""
    from etcdesk.core.layout import prefix_range_end
    from etcdesk.core.watch_group import WatchGroup

    ranges = [(prefix + b"a/", prefix_range_end(prefix + b"a/"))]
    ranges.append((prefix + b"b/", prefix_range_end(prefix + b"b/")))
    rec = Recorder()
    revision = store.status().revision
    group = WatchGroup(
        _spec(etcd_server), ranges, revision + 1, rec, lambda _s, _e: (frozenset(), 0)
    )
    group.start()
    try:
        rec.wait(lambda: rec.state() is WatchState.LIVE)
        first = store.put_guarded(prefix + b"a/x", b"1", 0)
        second = store.put_guarded(prefix + b"b/y", b"1", 0)
        rec.wait(lambda: len(rec.events()) == 2)
        old = list(group.watchers)
        seen_before = len(rec.items)
        group.restart()
        assert [w.next_revision for w in group.watchers] == [first + 1, second + 1]
        late = WatchBatch((WatchEvent(prefix + b"a/x", False, first, b"1"),), first, 0.0)
        before = len(rec.items)
        old[0].sink(late)  # what the old thread would still hand over
        assert len(rec.items) == before
        rec.wait(  # the new watchers' LIVE (the old ones' statuses are dropped)
            lambda: any(
                isinstance(i, WatchStatus) and i.state is WatchState.LIVE
                for i in rec.items[seen_before:]
            )
        )
        third = store.delete_guarded(prefix + b"a/x", first)
        rec.wait(lambda: len(rec.events()) == 3)
        assert rec.events() == [
            (first, prefix + b"a/x", False),
            (second, prefix + b"b/y", False),
            (third, prefix + b"a/x", True),
        ]
    finally:
        group.stop()
        assert not group.running


def test_a_stop_that_closes_the_channel_under_a_starting_rpc_ends_the_thread_quietly(
    etcd_server: EtcdMember,
) -> None:
    """stop() from the GUI thread closes the channels at once; an RPC the watch thread was about
    to start on one raises ValueError, which must end the loop, not kill the thread."""
    rec = Recorder()

    class StoppedMidway(Watcher):
        def _metadata(self, index: int, channel: Any) -> list[tuple[str, str]]:
            # The GUI thread's stop(wait=False) lands right after _channel() returned.
            other = threading.Thread(target=lambda: self.stop(wait=False))
            other.start()
            other.join()
            return super()._metadata(index, channel)

    watcher = StoppedMidway(_spec(etcd_server), b"/nothing/", 1, rec, lambda: (frozenset(), 0))
    watcher.start()
    watcher.stop()  # waits; an exception escaping the thread fails the test (filterwarnings)
    assert not watcher.running
    assert rec.state() is WatchState.STOPPED
