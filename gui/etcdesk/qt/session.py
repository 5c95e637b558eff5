"""One open connection: connects, lists the tree, loads values, polls the cluster status.

All etcd calls go through the task runner; this object only receives their results on the GUI
thread and turns them into signals the window shows.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from enum import Enum

from PySide6.QtCore import QObject, QTimer, Signal

from etcdesk.core.browse import LoadedValue, load_value
from etcdesk.core.etcd_store import ClusterStatus, ConnectionSpec, EtcdReader, KeyPage, connect
from etcdesk.core.keytree import KeyTree
from etcdesk.core.layout import Layout
from etcdesk.qt.key_tree_model import KeyTreeModel
from etcdesk.qt.tasks import TaskRunner

STATUS_POLL_MS = 10_000


class State(Enum):
    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    LOADING = "loading"
    CONNECTED = "connected"
    FAILED = "failed"


class Session(QObject):
    state_changed = Signal(object, str)  # State, detail text
    status_received = Signal(object)  # ClusterStatus
    tree_reset = Signal(object)  # the new, unfiltered KeyTree
    listing_progressed = Signal(int, int)  # keys loaded, total
    listing_finished = Signal(int, int, float)  # revision, keys, seconds
    listing_failed = Signal(str)
    value_loaded = Signal(object)  # LoadedValue
    value_failed = Signal(bytes, str)

    def __init__(self, runner: TaskRunner, layout: Layout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.layout = layout
        self.model = KeyTreeModel(layout, self)
        self.tree = self.model.tree  # the unfiltered tree; the model may show a filtered one
        self.store: EtcdReader | None = None
        self.spec: ConnectionSpec | None = None
        self.read_only = False
        self.state = State.DISCONNECTED
        self.status: ClusterStatus | None = None
        self._loaded = 0
        self._status_failed = False
        self._list_started = 0.0
        self._poll = QTimer(self)
        self._poll.setInterval(STATUS_POLL_MS)
        self._poll.timeout.connect(self.refresh_status)

    def _set_state(self, state: State, detail: str = "") -> None:
        self.state = state
        self.state_changed.emit(state, detail)

    # -- connecting -------------------------------------------------------------------------

    def open(self, spec: ConnectionSpec, layout: Layout, read_only: bool = False) -> None:
        self.close()
        self.spec = spec
        self.read_only = read_only
        if layout != self.layout:
            self.layout = layout
        self._new_tree()
        self._set_state(State.CONNECTING, ", ".join(spec.endpoints))
        self.runner.submit(
            lambda: connect(spec, read_only=read_only),
            on_done=self._on_connected,
            on_error=self._on_connect_failed,
            channel="connect",
        )

    def _on_connected(self, store: EtcdReader) -> None:
        if self.spec is None:  # closed meanwhile
            store.close()
            return
        self.store = store
        self._poll.start()
        self.refresh_status()
        self.reload()

    def _on_connect_failed(self, error: BaseException) -> None:
        self._set_state(State.FAILED, str(error))

    def close(self) -> None:
        self._poll.stop()
        for channel in ("connect", "list", "value", "status"):
            self.runner.cancel(channel)
        if self.store is not None:
            self.store.close()
        self.store = None
        self.spec = None
        self.status = None
        if self.state is not State.DISCONNECTED:
            self._set_state(State.DISCONNECTED)

    # -- listing ----------------------------------------------------------------------------

    def reload(self) -> None:
        """List every key under the layout root again (keys only, pinned to one revision)."""
        store = self.store
        if store is None:
            return
        self._set_state(State.LOADING, "")
        self._loaded = 0
        self._list_started = time.perf_counter()
        root = self.layout.root
        fresh = True

        def pages(cancelled: object) -> Iterator[KeyPage]:
            return store.list_keys(root, cancelled=cancelled)  # type: ignore[arg-type]

        def on_page(page: KeyPage) -> None:
            nonlocal fresh
            if fresh or page.restarted:
                self._new_tree()
                self._loaded = 0
                fresh = False
            self.tree.revision = page.revision
            if self.model.tree is self.tree:
                self.model.add_keys(page.keys)
            else:  # a filter is showing; it is re-applied when the listing ends
                self.tree.add_keys(page.keys)
            self._loaded += len(page.keys)
            self.listing_progressed.emit(self._loaded, max(page.total, self._loaded))

        self.runner.stream(
            pages,
            on_item=on_page,
            on_done=self._on_listing_done,
            on_error=self._on_listing_failed,
            channel="list",
        )

    def _new_tree(self) -> None:
        self.tree = KeyTree(self.layout)
        self.model.set_tree(self.tree)
        self.tree_reset.emit(self.tree)

    def _on_listing_done(self) -> None:
        elapsed = time.perf_counter() - self._list_started
        self._set_state(State.CONNECTED, "")
        self.listing_finished.emit(self.tree.revision, len(self.tree), elapsed)

    def _on_listing_failed(self, error: BaseException) -> None:
        self._set_state(State.FAILED, str(error))
        self.listing_failed.emit(str(error))

    # -- values and status ------------------------------------------------------------------

    def load_value(self, key: bytes) -> None:
        store = self.store
        if store is None:
            return
        self.runner.submit(
            lambda: load_value(store, key),
            on_done=self._on_value_loaded,
            on_error=lambda exc: self.value_failed.emit(key, str(exc)),
            channel="value",
        )

    def _on_value_loaded(self, loaded: LoadedValue) -> None:
        self.value_loaded.emit(loaded)

    def refresh_status(self) -> None:
        store = self.store
        if store is None:
            return
        self.runner.submit(
            store.status,
            on_done=self._on_status,
            on_error=self._on_status_failed,
            channel="status",
        )

    def _on_status(self, status: ClusterStatus) -> None:
        self.status = status
        if self._status_failed:
            self._status_failed = False
            if self.state is State.FAILED:  # the cluster answers again
                self._set_state(State.CONNECTED, "")
        self.status_received.emit(status)

    def _on_status_failed(self, error: BaseException) -> None:
        if self.state in (State.CONNECTED, State.LOADING):
            self._status_failed = True
            self._set_state(State.FAILED, str(error))
