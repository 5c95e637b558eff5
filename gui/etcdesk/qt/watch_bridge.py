"""Carries watch results from the watch thread to the GUI thread, coalesced per frame.

The watch thread calls ``sink`` with immutable items (batches, statuses, resyncs). They queue
up here; the GUI thread drains the queue at most once per frame and merges every batch in it
into one net change per key, so a burst of thousands of events costs one model update, not
thousands (STYLE.md, "Bursts drained under a time budget").
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from etcdesk.core.watcher import Resynced, WatchBatch, WatchEvent, WatchItem, WatchStatus

# At most one model update per frame of this length while changes keep coming (an isolated
# change is applied at once). 30 a second: in a storm of 2,500 puts a second on 2 cores, 60
# a second left the watch thread too little CPU to keep up (its receive lag reached 300 ms at
# times), 30 halves the GUI's share and keeps updates smooth (bench/watch_storm.py).
FRAME_MS = 33
MAX_EVENTS_PER_FRAME = 50_000  # a single response (e.g. one delete_prefix) is never split


@dataclass(frozen=True)
class NetChange:
    """The net effect of the drained events: what to add, remove, and which keys changed."""

    puts: dict[bytes, WatchEvent]
    deletes: frozenset[bytes]
    revision: int
    events: int
    received: tuple[float, ...]  # arrival time of each merged batch (latency measurements)
    # After a compaction: the relisted key set of one range (the events above came after it,
    # or from other ranges).
    resync: Resynced | None = None


class WatchBridge(QObject):
    status_changed = Signal(object)  # WatchStatus
    changes_ready = Signal(object)  # NetChange, on the GUI thread
    _woken = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: deque[WatchItem] = deque()
        self._lock = threading.Lock()
        self._scheduled = False
        self._closed = False
        # Bumped when a watch is stopped: items of an older watch that still arrive (its thread
        # ends after its last RPC, not when it is told to stop) are dropped at the door.
        self._generation = 0
        self._last_drain = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._drain)
        self._woken.connect(self._on_woken)
        self.drains = 0  # how many model updates the bridge caused (tests, benchmarks)

    def sink(self, item: WatchItem) -> None:
        """Called from the watch thread (the current watch's; see ``new_sink``)."""
        self._put(self._generation, item)

    def new_sink(self) -> Callable[[WatchItem], None]:
        """The sink for a new watch: what the previous one still hands over is dropped."""
        self.discard_pending()
        generation = self._generation
        return lambda item: self._put(generation, item)

    def _put(self, generation: int, item: WatchItem) -> None:
        with self._lock:
            if self._closed or generation != self._generation:
                return
            self._queue.append(item)
            if self._scheduled:
                return
            self._scheduled = True
        self._woken.emit()

    def discard_pending(self) -> None:
        """Drop queued items of a watch that was stopped (a new one starts from the view), and
        whatever it still hands over."""
        with self._lock:
            self._generation += 1
            self._queue.clear()
            self._scheduled = False
        self._timer.stop()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._queue.clear()
        self._timer.stop()

    @Slot()
    def _on_woken(self) -> None:
        if self._timer.isActive():
            return
        elapsed_ms = (time.perf_counter() - self._last_drain) * 1000
        self._timer.start(max(0, int(FRAME_MS - elapsed_ms)))

    def _take(self) -> list[WatchItem]:
        taken: list[WatchItem] = []
        events = 0
        with self._lock:
            while self._queue:
                item = self._queue[0]
                if isinstance(item, WatchBatch):
                    if taken and events + len(item.events) > MAX_EVENTS_PER_FRAME:
                        break
                    events += len(item.events)
                taken.append(self._queue.popleft())
            if not self._queue:
                self._scheduled = False
        return taken

    @Slot()
    def _drain(self) -> None:
        self._last_drain = time.perf_counter()
        items = self._take()
        if items:
            self.drains += 1
            self._deliver(items)
        with self._lock:
            more = bool(self._queue)
        if more:
            self._timer.start(FRAME_MS)

    def _deliver(self, items: list[WatchItem]) -> None:
        puts: dict[bytes, WatchEvent] = {}
        deletes: set[bytes] = set()
        received: list[float] = []
        revision = 0
        count = 0
        status: WatchStatus | None = None
        resync: Resynced | None = None

        def flush() -> None:
            if count or resync is not None:
                self.changes_ready.emit(
                    NetChange(puts, frozenset(deletes), revision, count, tuple(received), resync)
                )

        for item in items:
            if isinstance(item, WatchStatus):
                status = item
            elif isinstance(item, Resynced):
                if resync is not None:  # another range's resync: one NetChange each
                    flush()
                    puts, deletes, received, count = {}, set(), [], 0
                # What came before in the relisted range is superseded by its key set; what
                # came from other watched ranges (WatchGroup) still stands.
                for key in [k for k in puts if in_range(k, item.start, item.end)]:
                    del puts[key]
                deletes = {k for k in deletes if not in_range(k, item.start, item.end)}
                resync = item
                revision = max(revision, item.revision)
            else:
                for event in item.events:
                    if event.deleted:
                        puts.pop(event.key, None)
                        deletes.add(event.key)
                    else:
                        deletes.discard(event.key)
                        puts[event.key] = event
                count += len(item.events)
                received.append(item.received)
                revision = max(revision, item.revision)
        flush()
        if status is not None:
            self.status_changed.emit(status)


def in_range(key: bytes, start: bytes, end: bytes) -> bool:
    """Whether ``key`` is in etcd's ``[start, end)`` (``end`` ``b"\\x00"``: no upper bound)."""
    return start <= key and (end == b"\x00" or key < end)
