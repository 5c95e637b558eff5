"""Several watched ranges as one watch: for a user who may read only some ranges of the root.

etcd refuses a watch on a range the user may not read in full, so a user who may read only
``/tenants/acme/`` and ``/tenants/globex/`` gets one ``Watcher`` per readable range. Each keeps
its own stream, resume revision and reconnection (one WatchStub stream could carry several
watches, but each would then need its own resume revision, progress and compaction handling
inside one loop; separate watchers reuse the tested loop as it is). This class makes them look
like one watch to the session:

- statuses are combined: the worst state of any range (failed, reconnecting, connecting, live)
  is the group's, with that range named in the reason;
- a relist after compaction covers only the range that was compacted, and its ``Resynced``
  carries that range, so the view reconciles that range alone.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Sequence

from etcdesk.core.etcd_store import ConnectionSpec
from etcdesk.core.layout import display
from etcdesk.core.watcher import Resynced, Watcher, WatchItem, WatchState, WatchStatus

RangeRelister = Callable[[bytes, bytes], tuple[frozenset[bytes], int]]

# The worst state wins: the order in which a combined status picks its state.
_SEVERITY = (
    WatchState.FAILED,
    WatchState.RECONNECTING,
    WatchState.STOPPED,
    WatchState.CONNECTING,
    WatchState.LIVE,
)


class WatchGroup:
    """One ``Watcher`` per ``[key, range_end)`` range, started and stopped together."""

    def __init__(
        self,
        spec: ConnectionSpec,
        ranges: Sequence[tuple[bytes, bytes]],
        start_revision: int,
        sink: Callable[[WatchItem], None],
        relist: RangeRelister,
        **options: float,
    ) -> None:
        if not ranges:
            raise ValueError("a watch group needs at least one range")
        self.spec = spec
        self.ranges = tuple(ranges)
        self.sink = sink
        self.relist = relist
        self._options = options
        self._lock = threading.Lock()
        self._statuses: list[WatchStatus | None] = [None] * len(self.ranges)
        # Per range: the watcher whose items are taken (a restarted range's old thread may still
        # hand some over), and the revision after the last one handed to the sink.
        self._current: list[object] = [object() for _ in self.ranges]
        self._delivered = [start_revision] * len(self.ranges)
        self.watchers = [self._make(i, start_revision) for i in range(len(self.ranges))]
        self.retired: list[Watcher] = []  # restarted ranges' old watchers, until they end

    def _make(self, index: int, revision: int) -> Watcher:
        start, end = self.ranges[index]
        token = self._current[index]
        return Watcher(
            self.spec,
            start,
            revision,
            lambda item: self._on_item(index, token, item),
            lambda: self.relist(start, end),
            name=f"etcdesk-watch-{index}",
            range_end=end,
            **self._options,
        )

    # -- Watcher's interface ------------------------------------------------------------------

    def start(self) -> None:
        for watcher in self.watchers:
            watcher.start()

    def stop(self, timeout: float = 10.0, wait: bool = True) -> None:
        deadline = time.monotonic() + timeout
        for watcher in (*self.watchers, *self.retired):
            watcher.stop(max(0.0, deadline - time.monotonic()), wait=wait)

    def restart(self) -> None:
        """Re-create every range's stream from where it got to (the manual "Reconnect").

        Items already handed to the sink stay valid: each range resumes after them. The old
        threads are not waited for (the GUI thread calls this); what they still hand over is
        dropped, and their ranges resume after the last item taken.
        """
        old = self.watchers
        with self._lock:
            self._current = [object() for _ in self.ranges]
            self._statuses = [None] * len(self.ranges)
            resume = list(self._delivered)
        for watcher in old:
            watcher.stop(wait=False)
        self.retired = [w for w in (*self.retired, *old) if w.running]
        self.watchers = [self._make(i, resume[i]) for i in range(len(self.ranges))]
        self.start()

    @property
    def running(self) -> bool:
        return any(watcher.running for watcher in (*self.watchers, *self.retired))

    @property
    def next_revision(self) -> int:
        """The lowest revision any range waits for: everything before it was delivered."""
        return min(watcher.next_revision for watcher in self.watchers)

    @property
    def state(self) -> WatchState:
        return combine([w.state for w in self.watchers])

    # -- combining ------------------------------------------------------------------------

    def _on_item(self, index: int, token: object, item: WatchItem) -> None:
        """Called from range ``index``'s watch thread."""
        start, end = self.ranges[index]
        # Under the lock: once restart() has swapped the range's watcher, nothing of the old one
        # gets through, and the resume revision it reads covers everything that did.
        with self._lock:
            if self._current[index] is not token:
                return
            if isinstance(item, Resynced):
                self._delivered[index] = item.revision + 1
                self.sink(dataclasses.replace(item, start=start, end=end))
            elif isinstance(item, WatchStatus):  # combined, and handed over in order
                self._statuses[index] = item
                self.sink(self._combined())
            else:
                self._delivered[index] = max(self._delivered[index], item.revision + 1)
                self.sink(item)

    def _combined(self) -> WatchStatus:
        known = [s for s in self._statuses if s is not None]
        state = combine(
            [s.state if s is not None else WatchState.CONNECTING for s in self._statuses]
        )
        worst = [s for s in known if s.state is state]
        if not worst:  # a range that has not reported yet is the "connecting" one
            return WatchStatus(state, time.time(), "", known[0].endpoint if known else "")
        first = min(worst, key=lambda s: s.since)
        reason = first.reason
        if reason and len(self.ranges) > 1:
            index = self._statuses.index(first)
            reason = f"{display(self.ranges[index][0])}: {reason}"
        revision = min(s.revision for s in known)
        return WatchStatus(state, first.since, reason, first.endpoint, revision)


def combine(states: Sequence[WatchState]) -> WatchState:
    """The state of several watches seen as one: the most severe of theirs."""
    for state in _SEVERITY:
        if state in states:
            return state
    return WatchState.STOPPED
