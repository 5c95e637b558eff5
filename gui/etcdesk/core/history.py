"""History of a key and of a tenant, and rollback (DESIGN.md §7, research §1.4).

A key's history walks back lazily with ``get(key, revision=mod_revision - 1)``: one cheap read
per version, as the user scrolls. That walk cannot see past the creation of the current
generation (before it the key did not exist), so earlier generations, deleted and created
again, come from one watch replay of that key up to the creation, on demand.

A tenant's timeline is one watch replay of the tenant's prefix. Rolling a tenant back to
revision R reads its keys at R and now, and writes the difference in one transaction that
compares every touched key and the whole prefix, so a concurrent change refuses it.

Where the cluster has compacted, the history ends with "not retained before revision N"; the
oldest revision still kept is found by a binary search of cheap reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from etcdesk.core.errors import Compacted, PermissionDenied, StoreError
from etcdesk.core.etcd_store import MAX_TXN_OPS, EtcdReader, EtcdStore, KeyValue
from etcdesk.core.i18n import translate
from etcdesk.core.journal import Journal, JournalEntry, JournalKey, entries_for_key, group_of
from etcdesk.core.layout import Layout, display, prefix_range_end
from etcdesk.core.merge import structural_diff
from etcdesk.core.schemas import JsonPath, json_path
from etcdesk.core.values import DecodedValue, ValueFormat, decode_value


@dataclass(frozen=True)
class HistoryRow:
    """One revision of a key: a value written, or the key deleted."""

    key: bytes
    revision: int  # the revision of this change
    version: int  # 0 for a deletion
    create_revision: int
    value: bytes | None  # None for a deletion
    lease: int = 0

    @property
    def deleted(self) -> bool:
        return self.value is None

    @property
    def size(self) -> int:
        return len(self.value) if self.value is not None else 0

    @classmethod
    def of(cls, kv: KeyValue) -> HistoryRow:
        return cls(kv.key, kv.mod_revision, kv.version, kv.create_revision, kv.value, kv.lease)

    @classmethod
    def deletion(cls, key: bytes, revision: int) -> HistoryRow:
        return cls(key, revision, 0, 0, None)


def compaction_floor(reader: EtcdReader, current: int) -> int:
    """The oldest revision the cluster still keeps (1 when nothing was compacted).

    Reads at a compacted revision fail, reads at or after the floor work: binary search.
    """
    probe = b"\x00etcdesk-compaction-probe"

    def kept(revision: int) -> bool:
        try:
            reader.get(probe, revision)
        except Compacted:
            return False
        return True

    if kept(1):
        return 1
    low, high = 1, max(current, 1)  # low: compacted; high: kept
    while high - low > 1:
        mid = (low + high) // 2
        if kept(mid):
            high = mid
        else:
            low = mid
    return high


# Marks the end of a replayed list: ``more`` stops there (compared by identity).
_END = HistoryRow(b"", -1, -1, -1, None)


class KeyHistory:
    """The revisions of one key, newest first, loaded page by page.

    Not thread-safe: one background task at a time calls ``more``.
    """

    def __init__(self, reader: EtcdReader, key: bytes, deleted_at: int = 0) -> None:
        self.reader = reader
        self.key = key
        self.rows: list[HistoryRow] = []
        self.done = False
        self.compacted_before = 0  # > 0: revisions before this one are not retained
        self._deleted_at = deleted_at
        self._cursor: HistoryRow | None = None  # the oldest put loaded so far
        self._pending: list[HistoryRow] = []  # replayed rows not handed out yet
        self._started = False

    def more(self, count: int = 50) -> list[HistoryRow]:
        """The next ``count`` older rows (fewer at the end); sets ``done`` at the end."""
        out: list[HistoryRow] = []
        if not self._started:
            self._started = True
            self._start(out)
        while len(out) < count and not self.done:
            if self._pending:
                row = self._pending.pop(0)
                if row is _END:
                    self.done = True
                    break
                out.append(row)
                if not row.deleted:
                    self._cursor = row
                continue
            self._step(out)
        self.rows.extend(out)
        return out

    def _start(self, out: list[HistoryRow]) -> None:
        if self._deleted_at:
            out.append(HistoryRow.deletion(self.key, self._deleted_at))
            self._walk_from(self._deleted_at - 1, out)
            return
        result = self.reader.get(self.key)
        if result.kv is not None:
            row = HistoryRow.of(result.kv)
            out.append(row)
            self._cursor = row
        else:
            # Deleted now: replay the whole retained history to find its generations.
            self._replay_before(result.revision + 1)

    def _walk_from(self, revision: int, out: list[HistoryRow]) -> None:
        try:
            found = self.reader.get(self.key, revision)
        except Compacted:
            self._end_compacted()
            return
        if found.kv is None:
            self.done = True
            return
        row = HistoryRow.of(found.kv)
        out.append(row)
        self._cursor = row

    def _step(self, out: list[HistoryRow]) -> None:
        cursor = self._cursor
        if cursor is None:
            self.done = True
            return
        if cursor.version > 1:
            self._walk_from(cursor.revision - 1, out)
            return
        # The creation of a generation: anything older belongs to an earlier one.
        if cursor.create_revision <= 1:
            self.done = True
            return
        self._cursor = None
        self._replay_before(cursor.create_revision)

    def _replay_before(self, until: int) -> None:
        """Queue every change of the key before ``until`` (earlier generations)."""
        floor = 1
        try:
            events = self.reader.replay(self.key, b"", 1, until, prev_kv=True)
        except Compacted as exc:
            floor = exc.compact_revision or compaction_floor(self.reader, until)
            if floor >= until:
                self.compacted_before = floor
                self.done = True
                return
            events = self.reader.replay(self.key, b"", floor, until, prev_kv=True)
        rows: list[HistoryRow] = []
        for event in events:
            if event.deleted:
                rows.append(HistoryRow.deletion(self.key, event.revision))
            elif event.kv is not None:
                rows.append(HistoryRow.of(event.kv))
        rows.reverse()
        oldest = events[0] if events else None
        if oldest is not None and oldest.deleted and oldest.prev is not None:
            # The value before the oldest replayed delete is older than the floor but kept.
            rows.append(HistoryRow.of(oldest.prev))
        self._pending = rows
        last = rows[-1] if rows else None
        if last is not None and not last.deleted and last.version > 1:
            return  # ``_step`` walks on from that put with reads
        if floor > 1:
            self.compacted_before = floor
        if not rows or last is None or last.deleted or last.version <= 1:
            self._pending.append(_END)

    def _end_compacted(self) -> None:
        try:
            current = self.reader.status().revision
        except StoreError:
            current = self._cursor.revision if self._cursor else 1
        self.compacted_before = compaction_floor(self.reader, current)
        self.done = True


# -- what changed, in one line -------------------------------------------------------------


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _structured(value: DecodedValue) -> bool:
    return value.format in (ValueFormat.JSON, ValueFormat.YAML) and isinstance(
        value.data, (dict, list)
    )


def summarize(
    old: bytes | None, new: bytes | None, secrets: tuple[JsonPath, ...] = (), limit: int = 3
) -> str:
    """A one-line summary of a change, e.g. ``rps: 100 → 200; +burst``.

    Secret fields (``secrets``) are named but their values never shown.
    """
    if new is None:
        return translate("History", "deleted")
    if old is None:
        return translate("History", "created")
    if old == new:
        return translate("History", "same value written again")
    before, after = decode_value(old), decode_value(new)
    if _structured(before) and _structured(after):
        changes = structural_diff(before.data, after.data)
        parts: list[str] = []
        for kind, path, was, now in changes[:limit]:
            name = json_path(path)
            name = name[2:] if name.startswith("$.") else name
            # A secret itself, or a value holding one (an object replaced as a whole).
            hidden = any(path[: len(s)] == s or s[: len(path)] == path for s in secrets)
            if kind == "added":
                parts.append(f"+{name}")
            elif kind == "removed":
                parts.append(f"−{name}")
            elif hidden:
                parts.append(translate("History", "{name} changed").format(name=name))
            else:
                parts.append(f"{name}: {_short(was)} → {_short(now)}")
        if len(changes) > limit:
            parts.append(translate("History", "and {n} more").format(n=len(changes) - limit))
        return "; ".join(parts) if parts else translate("History", "formatting only")
    old_lines, new_lines = before.text.splitlines(), after.text.splitlines()
    delta = len(new_lines) - len(old_lines)
    return translate("History", "text changed ({old} → {new} bytes, {delta} lines)").format(
        old=len(old), new=len(new), delta=f"{delta:+d}"
    )


# -- a tenant's timeline ---------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    key: bytes
    deleted: bool
    version: int  # 0 for a deletion


@dataclass(frozen=True)
class TimelineRow:
    """Every change to a group's keys made in one revision."""

    revision: int
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Timeline:
    prefix: bytes
    rows: tuple[TimelineRow, ...]  # newest first
    revision: int  # read up to this revision
    compacted_before: int = 0  # > 0: older revisions are not retained


def group_timeline(reader: EtcdReader, prefix: bytes) -> Timeline:
    """All revisions that touched a group (one tenant's prefix), newest first."""
    now = reader.get(prefix).revision
    floor = 0
    try:
        events = reader.replay(prefix, prefix_range_end(prefix), 1, now + 1)
    except Compacted as exc:
        floor = exc.compact_revision or compaction_floor(reader, now)
        events = reader.replay(prefix, prefix_range_end(prefix), floor, now + 1)
    by_revision: dict[int, list[Change]] = {}
    for event in events:
        version = event.kv.version if event.kv is not None else 0
        by_revision.setdefault(event.revision, []).append(Change(event.key, event.deleted, version))
    rows = tuple(
        TimelineRow(revision, tuple(changes))
        for revision, changes in sorted(by_revision.items(), reverse=True)
    )
    return Timeline(prefix, rows, now, floor)


# -- rollback -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RollbackPlan:
    """What rolling a group back to ``target`` writes, guarded by ``expected`` at ``revision``."""

    prefix: bytes
    target: int
    revision: int  # the current state was read at this revision
    puts: tuple[tuple[bytes, bytes], ...]  # keys whose value at ``target`` is written again
    deletes: tuple[bytes, ...]  # keys created after ``target``
    expected: dict[bytes, int]  # every touched key -> its mod_revision now (0: absent)
    before: dict[bytes, bytes]  # the current values of touched keys (for the preview)
    # Every key under the prefix now (touched or not) -> its mod_revision: the prefix's range
    # compare cannot see a key deleted meanwhile, a compare of each key can.
    guard: dict[bytes, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.puts and not self.deletes

    @property
    def creates(self) -> tuple[bytes, ...]:
        return tuple(k for k, _ in self.puts if self.expected.get(k, 0) == 0)

    @property
    def changes(self) -> tuple[bytes, ...]:
        return tuple(k for k, _ in self.puts if self.expected.get(k, 0) != 0)


def plan_group_rollback(reader: EtcdReader, prefix: bytes, target: int) -> RollbackPlan:
    """The puts and deletes that bring every key under ``prefix`` back to revision ``target``.

    Raises Compacted with a clear message when ``target`` is no longer kept, and StoreError
    when the change would exceed etcd's transaction limit.
    """
    end = prefix_range_end(prefix)
    try:
        then = reader.get_range(prefix, end, target)
    except Compacted as exc:
        raise Compacted(
            translate(
                "History",
                "revision {rev} is no longer kept by this cluster (compacted); "
                "{prefix} cannot be rolled back that far",
            ).format(rev=target, prefix=display(prefix)),
            exc.compact_revision,
        ) from exc
    now = reader.get_range(prefix, end)
    old = {kv.key: kv.value for kv in then.kvs}
    current = {kv.key: kv for kv in now.kvs}
    puts = tuple(
        (key, value)
        for key, value in sorted(old.items())
        if key not in current or current[key].value != value
    )
    deletes = tuple(sorted(key for key in current if key not in old))
    expected = {key: current[key].mod_revision if key in current else 0 for key, _ in puts}
    expected.update({key: current[key].mod_revision for key in deletes})
    touched = len(puts) + len(deletes)
    if touched + 1 > MAX_TXN_OPS:  # + the journal entry
        raise StoreError(
            translate(
                "History",
                "rolling {prefix} back to revision {rev} changes {n} keys; etcd accepts at most "
                "{max} operations in one transaction, so nothing was written (roll back single "
                "keys instead)",
            ).format(prefix=display(prefix), rev=target, n=touched, max=MAX_TXN_OPS)
        )
    guard = {key: kv.mod_revision for key, kv in current.items()} | expected
    if len(guard) + 1 > MAX_TXN_OPS:  # + the compare of the whole prefix
        raise StoreError(
            translate(
                "History",
                "{prefix} has {n} keys; a rollback compares every one of them in one "
                "transaction so that nothing changed meanwhile is overwritten, and etcd accepts "
                "at most {max} comparisons, so nothing was written (roll back single keys "
                "instead)",
            ).format(prefix=display(prefix), n=len(guard), max=MAX_TXN_OPS)
        )
    before = {key: current[key].value for key in expected if key in current}
    return RollbackPlan(prefix, target, now.revision, puts, deletes, expected, before, guard)


def apply_group_rollback(
    store: EtcdStore,
    plan: RollbackPlan,
    *,
    layout: Layout | None = None,
    journal: Journal | None = None,
    comment: str = "",
) -> int:
    """Apply a plan in one transaction; Conflict if anything under the prefix changed since."""
    if plan.empty:
        raise ValueError("nothing to roll back")
    extra: list[tuple[bytes, bytes]] = []
    if journal is not None:
        keys = [JournalKey(k, plan.expected[k], "put") for k, _ in plan.puts]
        keys += [JournalKey(k, plan.expected[k], "delete") for k in plan.deletes]
        first = plan.puts[0][0] if plan.puts else plan.deletes[0]
        group = group_of(layout, first) if layout is not None else b""
        extra.append(journal.entry("rollback-group", group, keys, comment, plan.target))
    return store.apply_guarded(
        plan.puts, plan.deletes, plan.guard or plan.expected, plan.prefix, plan.revision, extra
    )


def rollback_key(
    store: EtcdStore,
    row: HistoryRow,
    current_mod_revision: int,
    *,
    layout: Layout | None = None,
    registry: Any = None,
    journal: Journal | None = None,
    comment: str = "",
) -> int:
    """Write the value of ``row`` again as a new revision, guarded by the current revision.

    ``current_mod_revision`` 0 restores a deleted key. Rolling back to a deletion deletes the
    key. x-unique fields are checked as for any save.
    """
    from etcdesk.core.edits import delete_value, save_value  # edits builds on this module's peers

    if row.value is None:
        return delete_value(
            store,
            row.key,
            current_mod_revision,
            layout=layout,
            journal=journal,
            comment=comment,
            action="rollback",
            rollback_to=row.revision,
        ).revision
    return save_value(
        store,
        row.key,
        row.value,
        current_mod_revision,
        layout=layout,
        registry=registry,
        journal=journal,
        comment=comment,
        action="rollback",
        rollback_to=row.revision,
    ).revision


@dataclass(frozen=True)
class HistoryPage:
    """The next rows of a key's history, with their summaries and journal entries."""

    rows: tuple[HistoryRow, ...]
    summaries: dict[int, str]  # revision -> one-line summary (also the previous page's last)
    entries: dict[int, JournalEntry]  # revision -> journal entry, where etcdesk wrote it
    done: bool
    compacted_before: int


def load_history_page(
    history: KeyHistory,
    count: int = 50,
    *,
    journal_prefix: bytes | None = None,
    layout: Layout | None = None,
    secrets: tuple[JsonPath, ...] = (),
) -> HistoryPage:
    """Load ``count`` more rows (background work: several reads, decoding, one journal read).

    A row's summary compares it with the next older row, so the previous page's last row
    gets its summary now; the oldest row of a complete history is "created".
    """
    before = history.rows[-1] if history.rows else None
    rows = history.more(count)
    chain = ([before] if before is not None else []) + rows
    summaries: dict[int, str] = {}
    for newer, older in pairwise(chain):
        summaries[newer.revision] = summarize(older.value, newer.value, secrets)
    if history.done and chain:
        last = chain[-1]
        if last.deleted:
            summaries[last.revision] = translate("History", "deleted")
        elif last.version == 1:
            summaries[last.revision] = translate("History", "created")
        else:
            summaries[last.revision] = translate("History", "oldest revision still kept")
    entries: dict[int, JournalEntry] = {}
    if journal_prefix is not None and layout is not None and rows:
        try:
            entries = entries_for_key(
                history.reader, journal_prefix, layout, history.key, [r.revision for r in rows]
            )
        except PermissionDenied:
            entries = {}  # an auditor may read configs but not the journal
    return HistoryPage(tuple(rows), summaries, entries, history.done, history.compacted_before)
