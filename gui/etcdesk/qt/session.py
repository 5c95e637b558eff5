"""One open connection: connects, lists the tree, loads values, polls the cluster status.

All etcd calls go through the task runner; this object only receives their results on the GUI
thread and turns them into signals the window shows.

With an etcd user, each listing first asks etcd what the user may read (core.access): the
session then lists and watches only the readable ranges under the layout root, and the tree
shows one locked row for the rest instead of failing (DESIGN.md §8).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from etcdesk.core.access import (
    FULL_ACCESS,
    Access,
    KeyRange,
    audit_warning,
    discover_access,
    locked_note,
    readable_ranges,
)
from etcdesk.core.browse import LoadedValue, load_value
from etcdesk.core.errors import PermissionDenied
from etcdesk.core.etcd_store import (
    PAGE,
    ClusterStatus,
    ConnectionSpec,
    EtcdReader,
    KeyPage,
    connect,
)
from etcdesk.core.journal import Author, Journal
from etcdesk.core.keytree import KeyTree
from etcdesk.core.layout import Layout, display, prefix_range_end
from etcdesk.core.schemas import SchemaRegistry
from etcdesk.core.watch_group import WatchGroup
from etcdesk.core.watcher import Watcher, WatchStatus
from etcdesk.qt.key_tree_model import KeyTreeModel
from etcdesk.qt.tasks import TaskRunner
from etcdesk.qt.watch_bridge import NetChange, WatchBridge, in_range

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
    value_locked = Signal(bytes, str)  # key, why: the etcd user may not read it (not an error)
    access_changed = Signal(object)  # Access: what the etcd user may read and write
    # Audit mode with a user that could write (root role, write permission under the root):
    # the warning text, or "" when there is none (emitted after each discovery, to clear it).
    audit_warning_changed = Signal(str)
    watch_status_changed = Signal(object)  # WatchStatus
    view_revision_changed = Signal(int)  # the revision the tree reflects
    keys_changed = Signal(object, bool)  # frozenset of keys put or deleted; True after a resync
    registry_loaded = Signal(object)  # list of problems with schemas stored in etcd
    changes_about_to_apply = Signal()
    changes_applied = Signal(object)  # NetChange, after the tree model has it

    def __init__(self, runner: TaskRunner, layout: Layout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.layout = layout
        self.model = KeyTreeModel(layout, self)
        self.tree = self.model.tree  # the unfiltered tree; the model may show a filtered one
        self.store: EtcdReader | None = None
        self.journal: Journal | None = None  # where this connection's writes are journaled
        self.page_size = PAGE  # keys per listing page after the first (a setting)
        self.spec: ConnectionSpec | None = None
        self.read_only = False
        self.state = State.DISCONNECTED
        self.status: ClusterStatus | None = None
        self._loaded = 0
        self._status_failed = False
        self._list_started = 0.0
        self.registry = SchemaRegistry.bundled()
        self.schema_problems: list[str] = []
        self.watcher: Watcher | WatchGroup | None = None
        # Watches told to stop whose threads may still be in an RPC (see stop_watch).
        self._retired: list[Watcher | WatchGroup] = []
        self.access: Access = FULL_ACCESS
        self.readable: list[KeyRange] = []  # the ranges listed and watched (see core.access)
        self.audit_warning = ""
        self.locked_note = ""  # the locked row's text, "" when everything under root is read
        self.watch_status: WatchStatus | None = None
        self.view_revision = 0
        self.bridge = WatchBridge(self)
        self.bridge.changes_ready.connect(self._on_changes)
        self.bridge.status_changed.connect(self._on_watch_status)
        self._poll = QTimer(self)
        self._poll.setInterval(STATUS_POLL_MS)
        self._poll.timeout.connect(self.refresh_status)

    def _set_state(self, state: State, detail: str = "") -> None:
        self.state = state
        self.state_changed.emit(state, detail)

    # -- connecting -------------------------------------------------------------------------

    def open(self, spec: ConnectionSpec, layout: Layout, read_only: bool = False) -> None:
        self._close(wait=False)
        self.spec = spec
        self.read_only = read_only
        self.journal = (
            Journal(layout.journal, Author.current(spec.user or "")) if layout.journal else None
        )
        if layout != self.layout:
            self.layout = layout
        self.access = FULL_ACCESS
        self.readable = []
        self.audit_warning = ""
        self.locked_note = ""
        self._new_tree()
        self.view_revision = 0
        self.watch_status = None
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
        self.load_schemas()

    def _on_connect_failed(self, error: BaseException) -> None:
        self._set_state(State.FAILED, str(error))

    def close(self, timeout: float = 10.0) -> None:
        """Disconnect, and wait (up to ``timeout`` in all) for every watch thread to end."""
        self._close(wait=True, timeout=timeout)

    def _close(self, wait: bool, timeout: float = 10.0) -> None:
        self.stop_watch()
        self._poll.stop()
        for channel in ("connect", "list", "value", "status", "schemas"):
            self.runner.cancel(channel)
        # The store first: a watch relisting on it after a compaction then ends at once.
        if self.store is not None:
            self.store.close()
        self.store = None
        if wait:
            deadline = time.monotonic() + timeout
            for watcher in self._retired:
                watcher.stop(max(0.0, deadline - time.monotonic()))
            self._retired = [w for w in self._retired if w.running]
        self.spec = None
        self.status = None
        if self.state is not State.DISCONNECTED:
            self._set_state(State.DISCONNECTED)

    # -- schemas ----------------------------------------------------------------------------

    def load_schemas(self) -> None:
        """Bundled schemas, overridden by those the team keeps in etcd (``schema_store``)."""
        store, prefix = self.store, self.layout.schema_store
        if store is None or prefix is None:
            return

        def load() -> tuple[SchemaRegistry, list[str]]:
            registry = SchemaRegistry.bundled()
            return registry, registry.load_from_store(store, prefix)

        self.runner.submit(load, on_done=self._on_schemas_loaded, channel="schemas")

    def _on_schemas_loaded(self, result: tuple[SchemaRegistry, list[str]]) -> None:
        self.registry, self.schema_problems = result
        self.registry_loaded.emit(self.schema_problems)

    def schema_for(self, key: bytes) -> tuple[str, dict[str, Any]] | None:
        path = self.layout.parse(key)
        if path is None or path.other:
            return None
        return self.registry.for_config(self.layout, display(path.leaf))

    # -- listing ----------------------------------------------------------------------------

    def reload(self) -> None:
        """List every key under the layout root again (keys only, pinned to one revision).

        With an etcd user, first find out what it may read, and list only that.
        """
        store = self.store
        if store is None:
            return
        self.stop_watch()
        self._set_state(State.LOADING, "")
        self._loaded = 0
        self._list_started = time.perf_counter()
        if not (store.spec.user or store.spec.cert):  # no user to ask about: list the root
            self._on_access(FULL_ACCESS)
            return
        self.runner.submit(
            lambda: discover_access(store),
            on_done=self._on_access,
            on_error=self._on_listing_failed,
            channel="list",
        )

    def _on_access(self, access: Access) -> None:
        root = self.layout.root
        self.access = access
        self.readable = readable_ranges(access, root)
        self.locked_note = locked_note(access, root)
        self.audit_warning = audit_warning(access, root) if self.read_only else ""
        self.access_changed.emit(access)
        self.audit_warning_changed.emit(self.audit_warning)
        self._list()

    def _list(self) -> None:
        store = self.store
        if store is None:
            return
        root = self.layout.root
        ranges = self.readable
        if not ranges:  # nothing under the root is readable: only the locked row
            self._new_tree()
            self._on_listing_done()
            return
        whole = ranges == [(root, prefix_range_end(root))]
        fresh = True

        def pages(cancelled: object) -> Iterator[KeyPage]:
            size = self.page_size
            if whole:
                return store.list_keys(root, page=size, cancelled=cancelled)  # type: ignore[arg-type]
            return store.list_ranges(ranges, page=size, cancelled=cancelled)  # type: ignore[arg-type]

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
        if self.locked_note:
            self.tree.set_locked(self.locked_note)
        self.model.set_tree(self.tree)
        self.tree_reset.emit(self.tree)

    def _on_listing_done(self) -> None:
        elapsed = time.perf_counter() - self._list_started
        self._set_state(State.CONNECTED, "")
        self._set_view_revision(self.tree.revision)
        self.listing_finished.emit(self.tree.revision, len(self.tree), elapsed)
        if self.readable:
            self.start_watch(self.tree.revision + 1)

    # -- live updates -----------------------------------------------------------------------

    def start_watch(self, revision: int) -> None:
        """Follow every change in the readable ranges from ``revision`` on a background thread
        (one range: one Watcher, the whole root when all of it is readable; several: a
        WatchGroup of one Watcher each)."""
        self.stop_watch()
        if self.spec is None or self.store is None or not self.readable:
            return
        root = self.layout.root
        if self.readable == [(root, prefix_range_end(root))]:
            self.watcher = Watcher(
                self.spec, root, revision, self.bridge.new_sink(), lambda: self._relist(root)
            )
        elif len(self.readable) == 1:
            start, end = self.readable[0]
            self.watcher = Watcher(
                self.spec,
                start,
                revision,
                self.bridge.new_sink(),
                lambda: self._relist(start, end),
                range_end=end,
            )
        else:
            self.watcher = WatchGroup(
                self.spec, self.readable, revision, self.bridge.new_sink(), self._relist
            )
        self.watcher.start()

    def stop_watch(self) -> None:
        """Stop the watch without waiting for its thread (the GUI thread never waits on the
        network): it ends by itself, and what it still hands over is dropped by the bridge."""
        watcher, self.watcher = self.watcher, None
        if watcher is not None:
            watcher.stop(wait=False)
            self._retired.append(watcher)
        self._retired = [w for w in self._retired if w.running]
        self.bridge.discard_pending()

    def _relist(self, start: bytes, end: bytes | None = None) -> tuple[frozenset[bytes], int]:
        """Runs on the watch thread after a compaction: the key set of the range ``[start,
        end)`` (every key under the prefix ``start`` without ``end``) at a new pinned revision."""
        store = self.store
        if store is None:
            raise RuntimeError("closed")
        keys: list[bytes] = []
        revision = 0
        size = self.page_size
        pages = (
            store.list_keys(start, page=size)
            if end is None
            else store.list_ranges([(start, end)], page=size)
        )
        for page in pages:
            if page.restarted:
                keys = []
            keys.extend(page.keys)
            revision = page.revision
        return frozenset(keys), revision

    def _on_changes(self, change: NetChange) -> None:
        tree = self.tree
        resync = change.resync
        if resync is not None:
            # The relisted range holds its key set changed by the events after it; the events
            # of other watched ranges apply as they are.
            desired = (resync.keys - change.deletes) | change.puts.keys()
            known = tree.keys()
            if resync.start or resync.end != b"\x00":
                known = {k for k in known if in_range(k, resync.start, resync.end)}
            added = sorted(k for k in desired if k not in tree)
            removed = sorted((known - desired) | {k for k in change.deletes if k in tree})
        else:
            added = sorted(k for k in change.puts if k not in tree)
            removed = sorted(k for k in change.deletes if k in tree)
        self.changes_about_to_apply.emit()
        if added or removed:
            self._apply(added, removed)
        # Several watched ranges deliver independently: the view is at the newest revision seen.
        self._set_view_revision(max(self.view_revision, change.revision))
        self.keys_changed.emit(frozenset(change.puts) | change.deletes, change.resync is not None)
        self.changes_applied.emit(change)

    def _apply(self, added: list[bytes], removed: list[bytes]) -> None:
        shown = self.model.tree
        if shown is self.tree:
            self.model.apply_changes(added, removed)
            return
        # A filter is showing: keep the full tree current, and the filtered one for its matches.
        self.tree.add_keys(added)
        self.tree.remove_keys(removed)
        self.model.apply_changes(
            [k for k in added if shown.filter_matches(k)], [k for k in removed if k in shown]
        )

    def _set_view_revision(self, revision: int) -> None:
        self.view_revision = revision
        self.view_revision_changed.emit(revision)

    def _on_watch_status(self, status: WatchStatus) -> None:
        self.watch_status = status
        self.watch_status_changed.emit(status)

    def reconnect_watch(self) -> None:
        """The manual "Reconnect": restart the watch from where the view is."""
        if isinstance(self.watcher, WatchGroup):
            self.watcher.restart()  # each range resumes from where it got to
        elif self.store is not None and self.view_revision:
            self.start_watch(self.view_revision + 1)

    def _on_listing_failed(self, error: BaseException) -> None:
        if isinstance(error, PermissionDenied) and self.store is not None:
            # etcd would not say what the user may read (its roles changed meanwhile, or a
            # client certificate names the user), and refused the listing: show the root as
            # locked, not as a failed connection.
            self.readable = []
            self.locked_note = locked_note(self.access, self.layout.root, listed=False)
            self._new_tree()
            self._on_listing_done()
            return
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
            on_error=lambda exc: self._on_value_failed(key, exc),
            channel="value",
        )

    def _on_value_failed(self, key: bytes, error: BaseException) -> None:
        if isinstance(error, PermissionDenied):
            if self.access.user:
                text = self.tr(
                    "The roles of etcd user {user} do not grant read access to this key ({error})."
                ).format(user=self.access.user, error=error)
            else:
                text = self.tr(
                    "The roles of this connection do not grant read access to this key ({error})."
                ).format(error=error)
            self.value_locked.emit(key, text)
            return
        self.value_failed.emit(key, str(error))

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
