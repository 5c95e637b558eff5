"""Key history, tenant timelines and rollbacks on a real etcd (DESIGN §7)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from etcdesk.core.edits import delete_value, save_value
from etcdesk.core.errors import Compacted, Conflict, PermissionDenied, StoreError
from etcdesk.core.etcd_process import EtcdMember
from etcdesk.core.etcd_store import ConnectionSpec, EtcdStore
from etcdesk.core.history import (
    HistoryRow,
    KeyHistory,
    apply_group_rollback,
    compaction_floor,
    group_timeline,
    plan_group_rollback,
    rollback_key,
    summarize,
)
from etcdesk.core.journal import (
    Author,
    Journal,
    JournalQuery,
    entries_between,
    entries_for_key,
    read_journal,
)
from etcdesk.core.layout import Layout, prefix_range_end
from helpers import bulk_put, compact, delete_once, put_once


def _put(store: EtcdStore, key: bytes, value: bytes) -> int:
    current = store.get(key).kv
    return store.put_guarded(key, value, current.mod_revision if current else 0)


def _delete(store: EtcdStore, key: bytes) -> int:
    current = store.get(key).kv
    assert current is not None
    return store.delete_guarded(key, current.mod_revision)


def _all(history: KeyHistory) -> list[HistoryRow]:
    while not history.done:
        history.more(50)
    return history.rows


@pytest.fixture
def journal(prefix: bytes) -> Journal:
    return Journal(prefix + b"~journal/", Author("alice", "ops", "desk-1"))


def test_walk_pages_newest_first_to_the_first_version(store: EtcdStore, prefix: bytes) -> None:
    key = prefix + b"acme/ratelimit"
    revisions = [_put(store, key, f'{{"rps": {i}}}'.encode()) for i in range(120)]
    history = KeyHistory(store, key)
    first = history.more(50)
    assert [r.revision for r in first] == revisions[::-1][:50]
    assert [r.version for r in first] == list(range(120, 70, -1))
    assert first[0].value == b'{"rps": 119}' and not history.done
    rows = _all(history)
    assert [r.revision for r in rows] == revisions[::-1]
    assert rows[-1].version == 1 and history.compacted_before == 0


def test_earlier_generations_of_a_deleted_and_recreated_key(
    store: EtcdStore, prefix: bytes
) -> None:
    key = prefix + b"acme/features"
    other = prefix + b"acme/other"
    r1 = _put(store, key, b"a1")
    r2 = _put(store, key, b"a2")
    _put(store, other, b"noise")
    d1 = _delete(store, key)
    r3 = _put(store, key, b"b1")
    d2 = _delete(store, key)
    r4 = _put(store, key, b"c1")
    r5 = _put(store, key, b"c2")
    rows = _all(KeyHistory(store, key))
    assert [(r.revision, r.value) for r in rows] == [
        (r5, b"c2"),
        (r4, b"c1"),
        (d2, None),
        (r3, b"b1"),
        (d1, None),
        (r2, b"a2"),
        (r1, b"a1"),
    ]
    assert rows[2].deleted and rows[2].size == 0


def test_history_of_a_key_deleted_now(store: EtcdStore, prefix: bytes) -> None:
    key = prefix + b"acme/gone"
    r1 = _put(store, key, b"v1")
    r2 = _put(store, key, b"v2")
    d = _delete(store, key)
    rows = _all(KeyHistory(store, key))
    assert [(r.revision, r.value) for r in rows] == [(d, None), (r2, b"v2"), (r1, b"v1")]
    # Opened from a timeline row that knows the deletion: no replay needed.
    rows = _all(KeyHistory(store, key, deleted_at=d))
    assert [(r.revision, r.value) for r in rows] == [(d, None), (r2, b"v2"), (r1, b"v1")]


def test_compaction_in_the_middle_of_a_walk(own_etcd: EtcdMember) -> None:
    store = EtcdStore(ConnectionSpec((own_etcd.endpoint,), timeout=5))
    try:
        key = b"/tenants/acme/quota"
        for i in range(10):
            _put(store, key, f"v{i}".encode())
        history = KeyHistory(store, key)
        assert [r.value for r in history.more(3)] == [b"v9", b"v8", b"v7"]
        _put(store, b"/tenants/acme/other", b"x")
        floor = compact(store)
        rows = history.more(50)
        assert rows == []  # v6 was compacted away: no raw error, an honest end
        assert history.done and history.compacted_before == floor
        assert compaction_floor(store, store.status().revision) == floor
        # A fresh walk of the same key: the newest value is still kept, then the end.
        fresh = KeyHistory(store, key)
        assert [r.value for r in _all(fresh)] == [b"v9"]
        assert fresh.compacted_before == floor
        # Earlier generations behind a compaction: the floor, never an error.
        _delete(store, key)
        _put(store, key, b"new")
        again = KeyHistory(store, key)
        values = [r.value for r in _all(again)]
        assert values[:2] == [b"new", None] and b"v9" in values
        assert again.compacted_before == floor
    finally:
        store.close()


def test_compaction_floor_is_one_without_compaction(own_etcd: EtcdMember) -> None:
    store = EtcdStore(ConnectionSpec((own_etcd.endpoint,), timeout=5))
    try:
        _put(store, b"/k", b"v")
        assert compaction_floor(store, store.status().revision) == 1
    finally:
        store.close()


def test_summary_names_changed_fields_and_hides_secrets() -> None:
    old = json.dumps({"rps": 100, "burst": 5, "token": "abc"}).encode()
    new = json.dumps({"rps": 200, "token": "xyz", "mode": "strict"}).encode()
    text = summarize(old, new, secrets=(("token",),), limit=4)
    assert "rps: 100 → 200" in text and "−burst" in text and "+mode" in text
    assert "token changed" in text and "abc" not in text and "xyz" not in text
    assert summarize(None, b"x") == "created" and summarize(b"x", None) == "deleted"
    # An object holding a secret replaced as a whole: named, never shown.
    nested = summarize(b'{"tls": {"key": "PRIVATE"}}', b'{"tls": "off"}', secrets=(("tls", "key"),))
    assert nested == "tls changed"
    assert summarize(b"same", b"same") == "same value written again"
    assert "bytes" in summarize(b"plain text", b"other text\nmore")


def test_group_timeline_groups_changes_by_revision(store: EtcdStore, prefix: bytes) -> None:
    tenant = prefix + b"acme/"
    r1 = bulk_put(store, [(tenant + b"a", b"1"), (tenant + b"b", b"1")])
    _put(store, prefix + b"globex/a", b"elsewhere")
    r2 = _put(store, tenant + b"a", b"2")
    r3 = _delete(store, tenant + b"b")
    timeline = group_timeline(store, tenant)
    assert [row.revision for row in timeline.rows] == [r3, r2, r1]
    assert [(c.key, c.deleted) for c in timeline.rows[0].changes] == [(tenant + b"b", True)]
    assert {c.key for c in timeline.rows[2].changes} == {tenant + b"a", tenant + b"b"}
    assert timeline.rows[1].changes[0].version == 2 and timeline.compacted_before == 0


def test_tenant_rollback_creates_changes_and_deletes(
    store: EtcdStore, prefix: bytes, layout: Layout, journal: Journal
) -> None:
    tenant = prefix + b"acme/"
    _put(store, tenant + b"ratelimit", b"rps: 100")
    _put(store, tenant + b"quota", b"max: 5")
    target = _put(store, tenant + b"same", b"unchanged")
    _put(store, tenant + b"ratelimit", b"rps: 999")
    _delete(store, tenant + b"quota")
    _put(store, tenant + b"newer", b"created after")
    plan = plan_group_rollback(store, tenant, target)
    assert plan.changes == (tenant + b"ratelimit",)
    assert plan.creates == (tenant + b"quota",)
    assert plan.deletes == (tenant + b"newer",)
    assert plan.before[tenant + b"ratelimit"] == b"rps: 999"
    revision = apply_group_rollback(
        store, plan, layout=layout, journal=journal, comment="bad deploy"
    )
    now = {kv.key: kv.value for kv in store.get_range(tenant, tenant[:-1] + b"0").kvs}
    assert now == {
        tenant + b"ratelimit": b"rps: 100",
        tenant + b"quota": b"max: 5",
        tenant + b"same": b"unchanged",
    }
    entries = entries_between(store, journal.prefix, b"acme", revision, revision)
    entry = entries[revision]
    assert entry.action == "rollback-group" and entry.rollback_to == target
    assert entry.comment == "bad deploy" and entry.author.etcd_user == "alice"
    assert {(k.key, k.op) for k in entry.keys} == {
        (tenant + b"ratelimit", "put"),
        (tenant + b"quota", "put"),
        (tenant + b"newer", "delete"),
    }
    assert plan_group_rollback(store, tenant, target).empty


def test_tenant_rollback_refuses_a_concurrent_change(store: EtcdStore, prefix: bytes) -> None:
    tenant = prefix + b"acme/"
    target = _put(store, tenant + b"a", b"1")
    _put(store, tenant + b"a", b"2")
    plan = plan_group_rollback(store, tenant, target)
    # Someone writes another key of the tenant (not one the plan touches) meanwhile.
    put_once(store, tenant + b"untouched", b"theirs")
    before = store.get_range(tenant, tenant[:-1] + b"0")
    with pytest.raises(Conflict, match="changed since it was read"):
        apply_group_rollback(store, plan)
    after = store.get_range(tenant, tenant[:-1] + b"0")
    assert after.kvs == before.kvs  # nothing written


def test_tenant_rollback_refuses_a_compacted_revision(own_etcd: EtcdMember) -> None:
    store = EtcdStore(ConnectionSpec((own_etcd.endpoint,), timeout=5))
    try:
        target = _put(store, b"/tenants/acme/a", b"1")
        _put(store, b"/tenants/acme/a", b"2")
        floor = compact(store)
        with pytest.raises(Compacted, match=f"revision {target} is no longer kept"):
            plan_group_rollback(store, b"/tenants/acme/", target)
        timeline = group_timeline(store, b"/tenants/acme/")
        # The compaction revision itself is still kept; everything before it is not.
        assert timeline.compacted_before == floor
        assert [row.revision for row in timeline.rows] == [floor]
    finally:
        store.close()


def test_tenant_rollback_over_the_transaction_limit_is_refused(
    store: EtcdStore, prefix: bytes
) -> None:
    tenant = prefix + b"big/"
    target = _put(store, tenant + b"seed", b"x")
    bulk_put(store, [(tenant + f"k{i:03}".encode(), b"v") for i in range(130)])
    with pytest.raises(StoreError, match="at most 128 operations"):
        plan_group_rollback(store, tenant, target)
    assert len(store.get_range(tenant, tenant[:-1] + b"0").kvs) == 131


def test_key_rollback_is_guarded_and_restores_deleted_keys(
    store: EtcdStore, prefix: bytes, layout: Layout, journal: Journal
) -> None:
    key = prefix + b"acme/ratelimit"
    _put(store, key, b"rps: 1")
    old = KeyHistory(store, key).more(1)[0]
    current = _put(store, key, b"rps: 2")
    _put(store, key, b"rps: 3")  # a concurrent writer after the user looked
    with pytest.raises(Conflict):
        rollback_key(store, old, current, layout=layout, journal=journal)
    assert store.get(key).kv.value == b"rps: 3"  # type: ignore[union-attr]
    kv = store.get(key).kv
    assert kv is not None
    delete_once(store, key, kv.mod_revision)
    revision = rollback_key(store, old, 0, layout=layout, journal=journal, comment="restore")
    restored = store.get(key).kv
    assert restored is not None and restored.value == b"rps: 1" and restored.version == 1
    entry = entries_for_key(store, journal.prefix, layout, key, [revision])[revision]
    assert entry.action == "rollback" and entry.rollback_to == old.revision
    assert entry.keys[0].base == 0 and entry.comment == "restore"


def test_journal_entries_join_history_revisions(
    store: EtcdStore, prefix: bytes, layout: Layout, journal: Journal
) -> None:
    key = prefix + b"acme/ratelimit"
    r1 = save_value(store, key, b"rps: 1", 0, layout=layout, journal=journal).revision
    r2 = _put(store, key, b"rps: 2")  # another tool: no journal entry
    r3 = save_value(
        store, key, b"rps: 3", r2, layout=layout, journal=journal, comment="raise limit"
    ).revision
    rows = _all(KeyHistory(store, key))
    assert [r.revision for r in rows] == [r3, r2, r1]
    joined = entries_for_key(store, journal.prefix, layout, key, [r.revision for r in rows])
    assert set(joined) == {r1, r3}
    assert joined[r3].comment == "raise limit" and joined[r3].keys[0].base == r2
    assert joined[r1].action == "save" and joined[r1].who == "alice (ops@desk-1)"
    d = delete_value(store, key, r3, layout=layout, journal=journal, comment="cleanup").revision
    assert entries_for_key(store, journal.prefix, layout, key, [d])[d].action == "delete"


def test_read_journal_filters_by_group_user_and_time(
    store: EtcdStore, prefix: bytes, layout: Layout
) -> None:
    jprefix = prefix + b"~journal/"
    alice = Journal(jprefix, Author("alice", "al", "h1"))
    bob = Journal(jprefix, Author("bob", "bo", "h2"))
    save_value(store, prefix + b"acme/a", b"1", 0, layout=layout, journal=alice)
    save_value(store, prefix + b"globex/a", b"1", 0, layout=layout, journal=bob)
    save_value(store, prefix + b"acme/b", b"1", 0, layout=layout, journal=bob)
    everything = read_journal(store, jprefix, JournalQuery())
    assert len(everything) == 3
    assert everything[0].revision > everything[1].revision > everything[2].revision
    acme = read_journal(store, jprefix, JournalQuery(group=b"acme"))
    assert {e.group for e in acme} == {"acme"} and len(acme) == 2
    assert [e.author.etcd_user for e in read_journal(store, jprefix, JournalQuery(user="BOB"))] == [
        "bob",
        "bob",
    ]
    future = datetime.now(UTC) + timedelta(hours=1)
    assert read_journal(store, jprefix, JournalQuery(since=future)) == []
    assert read_journal(store, jprefix, JournalQuery(group=b"acme", since=future)) == []
    past = datetime.now(UTC) - timedelta(hours=1)
    assert len(read_journal(store, jprefix, JournalQuery(group=b"acme", since=past))) == 2


def test_foreign_data_in_the_journal_is_ignored(
    store: EtcdStore, prefix: bytes, layout: Layout, journal: Journal
) -> None:
    _put(store, journal.prefix + b"acme/garbage", b"\xff\x00 not json")
    _put(store, journal.prefix + b"acme/list", b"[1, 2]")
    _put(store, journal.prefix + b"acme/wrong", b'{"format": "etcdesk-journal/1", "keys": 5}')
    entries = read_journal(store, journal.prefix, JournalQuery(group=b"acme"))
    assert [e.entry_key for e in entries] == [journal.prefix + b"acme/wrong"]
    assert entries[0].keys == () and entries[0].action == "?"


def test_a_timeline_that_must_catch_up_is_complete(store: EtcdStore, prefix: bytes) -> None:
    """etcd before 3.5.13 may answer a progress request before the events of a watch that is
    still catching up (etcd-io/etcd#15220): a replay that trusted it returned nothing here."""
    tenant = prefix + b"big/"
    last = 0
    for batch in range(60):
        last = bulk_put(store, [(tenant + f"{batch}/{i}".encode(), b"x" * 64) for i in range(1000)])
    deleted = _delete(store, tenant + b"0/0")
    timeline = group_timeline(store, tenant)
    assert sum(len(row.changes) for row in timeline.rows) == 60 * 1000 + 1
    assert timeline.rows[0].revision == deleted and timeline.rows[1].revision == last


def test_a_user_who_may_not_write_the_journal_is_told_so(
    auth_etcd: EtcdMember, layout: Layout, prefix: bytes
) -> None:
    from helpers import add_user

    add_user(auth_etcd, "no-journal", "pw", read=(prefix,), write=(prefix + b"acme/",))
    user = EtcdStore(
        ConnectionSpec((auth_etcd.endpoint,), user="no-journal", password="pw", timeout=5)
    )
    try:
        journal = Journal(b"/journal-elsewhere/", Author("no-journal"))
        with pytest.raises(PermissionDenied, match="journal entry under /journal-elsewhere/"):
            save_value(
                user, prefix + b"acme/ratelimit", b"rps: 1", 0, layout=layout, journal=journal
            )
        assert user.get(prefix + b"acme/ratelimit").kv is None  # nothing was written
        # Without a journal in the layout the same user saves.
        assert save_value(user, prefix + b"acme/ratelimit", b"rps: 1", 0, layout=layout).revision
    finally:
        user.close()


def test_saves_and_rollbacks_keep_the_lease_of_the_key(store: EtcdStore, prefix: bytes) -> None:
    key = prefix + b"acme/session"
    lease = store.grant_lease(600)
    first = store.put_guarded(key, b"v1", 0, lease=lease)
    second = save_value(store, key, b"v2", first).revision
    assert store.get(key).kv.lease == lease  # type: ignore[union-attr]
    row = KeyHistory(store, key).more(2)[1]
    rollback_key(store, row, second)
    kv = store.get(key).kv
    assert kv is not None and kv.value == b"v1" and kv.lease == lease


def test_tenant_rollback_refuses_when_an_untouched_key_was_deleted_meanwhile(
    store: EtcdStore, prefix: bytes
) -> None:
    """The prefix's range compare cannot see a deleted key; the compare of every key can."""
    tenant = prefix + b"acme/"
    _put(store, tenant + b"a", b"1")
    target = _put(store, tenant + b"quota", b"max: 5")
    _put(store, tenant + b"a", b"2")
    plan = plan_group_rollback(store, tenant, target)
    assert plan.changes == (tenant + b"a",) and not plan.deletes and not plan.creates
    _delete(store, tenant + b"quota")  # someone deletes a key the plan does not touch
    before = store.get_range(tenant, prefix_range_end(tenant))
    with pytest.raises(Conflict, match="quota"):
        apply_group_rollback(store, plan)
    assert store.get_range(tenant, prefix_range_end(tenant)).kvs == before.kvs


def test_hostile_journal_entries_are_skipped_or_tamed(
    store: EtcdStore, prefix: bytes, journal: Journal
) -> None:
    folder = journal.prefix + b"acme/"
    head = '{"format": "etcdesk-journal/1", '
    _put(store, folder + b"deep", ("[" * 100_000 + "]" * 100_000).encode())
    _put(store, folder + b"surrogate", (head + '"keys": [{"key": "\\ud800"}]}').encode())
    _put(store, folder + b"naive", (head + '"time": "2026-01-02T03:04:05"}').encode())
    _put(store, folder + b"edge", (head + '"time": "0001-01-01T00:00:00+05:00"}').encode())
    entries = {e.entry_key: e for e in read_journal(store, journal.prefix, JournalQuery())}
    assert folder + b"deep" not in entries
    assert entries[folder + b"surrogate"].keys == ()
    naive = entries[folder + b"naive"].time
    assert naive is not None and naive.tzinfo is not None
    assert entries[folder + b"edge"].time is None
    since = datetime(2026, 1, 1, tzinfo=UTC)
    assert [
        e.entry_key for e in read_journal(store, journal.prefix, JournalQuery(since=since))
    ] == [folder + b"naive"]
