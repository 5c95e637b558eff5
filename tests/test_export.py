"""History and journal exports on real etcd data: columns, the journal join, no secrets, no
formulas, nothing unescaped (issue 5)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from etcdesk.core.edits import delete_value, save_value
from etcdesk.core.etcd_store import EtcdStore
from etcdesk.core.export import (
    JOURNAL_COLUMNS,
    KEY_HISTORY_COLUMNS,
    TIMELINE_COLUMNS,
    change_summary,
    journal_csv,
    journal_html,
    key_history_csv,
    key_history_html,
    safe_cell,
    timeline_csv,
    timeline_html,
)
from etcdesk.core.history import HistoryRow, KeyHistory, group_timeline
from etcdesk.core.journal import (
    Author,
    Journal,
    JournalEntry,
    JournalQuery,
    entries_between,
    entries_for_key,
    read_journal,
)
from etcdesk.core.layout import Layout
from etcdesk.core.schemas import secret_paths

SCHEMA = {"type": "object", "properties": {"token": {"type": "string", "x-secret": True}}}
SECRETS = tuple(secret_paths(SCHEMA))
HOSTILE = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example","click")'


@dataclass
class Seeded:
    key: bytes
    rows: list[HistoryRow]
    entries: dict[int, JournalEntry]
    created: int
    outside: int
    raised: int
    deleted: int
    recreated: int


def _json(data: object) -> bytes:
    return json.dumps(data, indent=2).encode()


@pytest.fixture
def seeded(store: EtcdStore, prefix: bytes, layout: Layout) -> Seeded:
    journal = Journal(prefix + b"~journal/", Author("alice", "ops", "desk-1"))
    key = prefix + b"acme/rate<i>limit"
    created = save_value(
        store,
        key,
        _json({"rps": 1, "token": "SECRET-ONE"}),
        0,
        layout=layout,
        journal=journal,
        comment=FORMULA,
    ).revision
    # Another tool writes: no journal entry.
    outside = store.put_guarded(
        key, _json({"rps": 2, "token": "SECRET-TWO", "note": HOSTILE}), created
    )
    raised = save_value(
        store,
        key,
        _json({"rps": 3, "token": "SECRET-TWO", "note": HOSTILE}),
        outside,
        layout=layout,
        journal=journal,
        comment="raise limit <b>now</b>",
    ).revision
    deleted = delete_value(store, key, raised, layout=layout, journal=journal).revision
    recreated = save_value(
        store, key, _json({"rps": 4, "token": "SECRET-THREE"}), 0, layout=layout, journal=journal
    ).revision
    history = KeyHistory(store, key)
    while not history.done:
        history.more(50)
    rows = history.rows
    entries = entries_for_key(store, journal.prefix, layout, key, [r.revision for r in rows])
    return Seeded(key, rows, entries, created, outside, raised, deleted, recreated)


def _parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_key_history_csv_columns_and_journal_join(seeded: Seeded) -> None:
    text = key_history_csv(seeded.key, seeded.rows, seeded.entries, SECRETS)
    assert next(csv.reader(io.StringIO(text))) == list(KEY_HISTORY_COLUMNS)
    rows = _parse(text)
    by_revision = {int(r["revision"]): r for r in rows}
    assert [int(r["revision"]) for r in rows] == [
        seeded.recreated,
        seeded.deleted,
        seeded.raised,
        seeded.outside,
        seeded.created,
    ]
    assert {r["key"] for r in rows} == {seeded.key.decode()}

    first = by_revision[seeded.created]
    assert first["change"] == "created" and first["version"] == "1"
    assert first["etcd user"] == "alice" and first["os user@host"] == "ops@desk-1"
    assert first["action"] == "save" and first["deleted"] == "no"
    assert datetime.fromisoformat(first["time"].replace("Z", "+00:00")).tzinfo is not None
    assert first["comment"] == "'" + FORMULA  # shown as text, never evaluated

    outside = by_revision[seeded.outside]
    assert outside["action"] == "changed outside etcdesk"
    assert outside["etcd user"] == outside["time"] == outside["comment"] == ""
    assert "rps: 1 → 2" in outside["change"] and "token changed" in outside["change"]

    raised = by_revision[seeded.raised]
    assert raised["change"] == "rps: 2 → 3" and raised["comment"] == "raise limit <b>now</b>"
    assert int(raised["size"]) == len(_json({"rps": 3, "token": "SECRET-TWO", "note": HOSTILE}))

    deleted = by_revision[seeded.deleted]
    assert deleted["deleted"] == "yes" and deleted["change"] == "deleted"
    assert deleted["action"] == "delete" and deleted["version"] == "0" and deleted["size"] == "0"
    assert by_revision[seeded.recreated]["change"] == "created"
    assert "SECRET" not in text


def test_partial_history_says_so(seeded: Seeded) -> None:
    rows = _parse(key_history_csv(seeded.key, seeded.rows[2:4], seeded.entries, SECRETS))
    assert [r["change"] for r in rows] == ["rps: 2 → 3", "(earlier history not loaded)"]
    only_deletion = _parse(key_history_csv(seeded.key, seeded.rows[1:2], {}, SECRETS))
    assert only_deletion[0]["change"] == "deleted"
    assert only_deletion[0]["action"] == "changed outside etcdesk"


def test_key_history_html_is_self_contained_escaped_and_masked(seeded: Seeded) -> None:
    when = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    page = key_history_html(
        seeded.key, seeded.rows, seeded.entries, SECRETS, generated_at=when, compacted_before=7
    )
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "SECRET" not in page and "••••••" in page
    assert "′" in page  # the token changed: a changed line in the diff, still masked
    # Hostile text from values, keys and comments is escaped, never markup.
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "rate&lt;i&gt;limit" in page and "rate<i>limit" not in page
    assert "&lt;b&gt;now&lt;/b&gt;" in page
    # Nothing is loaded from anywhere.
    for external in ("src=", "<link", "url(", "@import"):
        assert external not in page
    assert "2030-01-02 03:04:05 UTC" in page
    assert "history before revision 7 is not retained by this cluster" in page.lower()
    assert page.count("<details") == len(seeded.rows)
    assert f'id="rev-{seeded.raised}"' in page and f'href="#rev-{seeded.raised}"' in page
    assert "changed outside etcdesk" in page
    assert f"Changes from revision {seeded.outside}" in page  # a diff of raised vs outside
    assert '<table class="diff">' in page and 'class="ins"' in page
    assert f"Created again after the deletion at {seeded.deleted}" in page
    assert "The key was deleted in this revision." in page
    assert "compacted" not in key_history_html(seeded.key, seeded.rows, seeded.entries, SECRETS)


def test_without_secrets_values_are_exported_as_they_are(seeded: Seeded) -> None:
    page = key_history_html(seeded.key, seeded.rows, seeded.entries)
    assert "SECRET-ONE" in page and "Secret fields are masked" not in page


def test_tenant_timeline_exports(
    store: EtcdStore, prefix: bytes, layout: Layout, seeded: Seeded
) -> None:
    tenant = prefix + b"acme/"
    other = prefix + b"acme/=formula-key"
    outside_again = store.put_guarded(other, b"x", 0)
    timeline = group_timeline(store, tenant)
    entries = entries_between(
        store, prefix + b"~journal/", b"acme", timeline.rows[-1].revision, timeline.revision
    )
    text = timeline_csv(timeline, entries)
    assert next(csv.reader(io.StringIO(text))) == list(TIMELINE_COLUMNS)
    rows = {int(r["revision"]): r for r in _parse(text)}
    assert list(rows) == [outside_again, *[r.revision for r in seeded.rows]]
    assert rows[outside_again]["put"] == other.decode()
    assert rows[outside_again]["action"] == "changed outside etcdesk"
    assert rows[seeded.deleted]["deleted"] == seeded.key.decode()
    assert rows[seeded.deleted]["put"] == "" and rows[seeded.deleted]["action"] == "delete"
    assert rows[seeded.raised]["etcd user"] == "alice"
    assert rows[seeded.raised]["comment"] == "raise limit <b>now</b>"

    page = timeline_html(timeline, entries)
    assert "SECRET" not in page and "<script" not in page
    assert "rate&lt;i&gt;limit (deleted)" in page  # named below the tenant prefix
    assert f"History of {tenant.decode()}" in page and "=formula-key" in page
    assert page.count("<tr") == len(timeline.rows) + 1


def test_journal_exports(store: EtcdStore, prefix: bytes, seeded: Seeded) -> None:
    entries = read_journal(store, prefix + b"~journal/", JournalQuery())
    assert len(entries) == 4
    text = journal_csv(entries)
    assert next(csv.reader(io.StringIO(text))) == list(JOURNAL_COLUMNS)
    rows = _parse(text)
    assert [int(r["revision"]) for r in rows] == [
        seeded.recreated,
        seeded.deleted,
        seeded.raised,
        seeded.created,
    ]
    assert {r["tenant"] for r in rows} == {"acme"}
    assert rows[0]["keys"] == f"put {seeded.key.decode()} (new)"
    assert rows[1]["keys"] == f"delete {seeded.key.decode()} (base {seeded.raised})"
    assert rows[2]["keys"] == f"put {seeded.key.decode()} (base {seeded.outside})"
    assert rows[3]["comment"] == "'" + FORMULA and rows[3]["os user@host"] == "ops@desk-1"
    assert rows[3]["app"].startswith("etcdesk ") and rows[3]["time"].endswith("Z")

    page = journal_html(entries, "Journal <of> acme", "user: <alice>")
    assert "<title>Journal &lt;of&gt; acme</title>" in page
    assert "Filters: user: &lt;alice&gt;" in page
    assert "&lt;b&gt;now&lt;/b&gt;" in page and "<b>now" not in page
    assert "alice (ops@desk-1)" in page and page.count("<tr") == len(entries) + 1
    assert "Nothing to show." in journal_html([], "Empty", "")


def test_change_summary_never_shows_a_secret() -> None:
    tls = (("tls", "key"),)
    text = change_summary(_json({"tls": {"key": "PRIVATE"}}), _json({"tls": "off"}), tls)
    assert text == "tls changed"  # an object holding a secret is named, never shown
    text = change_summary(_json({"tls": {"key": "A1"}}), _json({"tls": {"key": "B2"}}), tls)
    assert text == "tls.key changed"
    text = change_summary(b"token: abc\nrps: 1\n", b"token: xyz\nrps: 1\n", SECRETS)
    assert text == "token changed"
    assert change_summary(b'{"token": "a"}', b'{ "token": "a" }', SECRETS) == "formatting only"
    assert change_summary(b'{"rps": 1}', b'{"rps": 1, "token": "new"}', SECRETS) == "+token"
    assert "bytes" in change_summary(b"token=abc", b"token=xyz", SECRETS)


def test_safe_cell_neutralises_formulas_only_in_text() -> None:
    assert [safe_cell(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=x", "ok", "")] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\t=x",
        "ok",
        "",
    ]
    assert safe_cell(-5) == "-5" and safe_cell(None) == ""
