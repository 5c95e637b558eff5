"""The change journal: who changed what, and why (DESIGN.md §7).

Every write etcdesk makes puts one journal entry in the same transaction, so the entry's
``mod_revision`` is exactly the revision of the change, and history joins the two by revision.
Entries live under the layout's ``journal`` prefix, one folder per group (tenant), named by UTC
time so a listing is in time order and a time window is a key range::

    /etcdesk/journal/acme/20261123T143000.123456Z-9f3c2a1b   {"action": "save", ...}

Writes made by other tools have no entry: history shows them as "changed outside etcdesk".
An entry is data someone could have put there by hand, so reading one never trusts its shape.
"""

from __future__ import annotations

import getpass
import json
import secrets
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from etcdesk import __version__
from etcdesk.core.etcd_store import EtcdReader, KeyValue
from etcdesk.core.i18n import QT_TRANSLATE_NOOP, translate
from etcdesk.core.layout import Layout, display, prefix_range_end

FORMAT = "etcdesk-journal/1"
OTHER_GROUP = b"~other"  # writes to keys outside any group
MAX_COMMENT = 2000
MAX_ENTRY_BYTES = 256 * 1024  # far above any entry etcdesk writes; bigger ones are not read
_STAMP = "%Y%m%dT%H%M%S.%fZ"
# The actions etcdesk writes, as shown to a person; an entry keeps the English word.
ACTION_LABELS = {
    "save": QT_TRANSLATE_NOOP("Journal", "save"),
    "create": QT_TRANSLATE_NOOP("Journal", "create"),
    "delete": QT_TRANSLATE_NOOP("Journal", "delete"),
    "rollback": QT_TRANSLATE_NOOP("Journal", "rollback"),
    "rollback-group": QT_TRANSLATE_NOOP("Journal", "rollback-group"),
    "create-tenant": QT_TRANSLATE_NOOP("Journal", "create-tenant"),
    "delete-tenant": QT_TRANSLATE_NOOP("Journal", "delete-tenant"),
    "delete-group": QT_TRANSLATE_NOOP("Journal", "delete-group"),
    "import": QT_TRANSLATE_NOOP("Journal", "import"),
    "clone": QT_TRANSLATE_NOOP("Journal", "clone"),
}
OP_LABELS = {"put": QT_TRANSLATE_NOOP("Journal", "put"), "delete": ACTION_LABELS["delete"]}


def action_label(action: str) -> str:
    """A journal action in the UI language (an unknown one as written)."""
    return translate("Journal", ACTION_LABELS[action]) if action in ACTION_LABELS else action


def op_label(op: str) -> str:
    """A journal key's operation ("put", "delete") in the UI language."""
    return translate("Journal", OP_LABELS[op]) if op in OP_LABELS else op


@dataclass(frozen=True)
class Author:
    """Who is writing: the etcd user, the OS user and host, and the app version."""

    etcd_user: str = ""
    os_user: str = ""
    host: str = ""
    app: str = f"etcdesk {__version__}"

    @classmethod
    def current(cls, etcd_user: str = "") -> Author:
        try:
            os_user = getpass.getuser()
        except (KeyError, OSError):
            os_user = "?"
        return cls(etcd_user=etcd_user, os_user=os_user, host=socket.gethostname())


@dataclass(frozen=True)
class JournalKey:
    key: bytes
    base: int  # the mod_revision the change was guarded by (0: the key did not exist)
    op: str  # "put" or "delete"


@dataclass(frozen=True)
class JournalEntry:
    revision: int  # the revision of the change (the entry's mod_revision)
    entry_key: bytes
    action: str
    time: datetime | None
    author: Author
    group: str
    comment: str = ""
    keys: tuple[JournalKey, ...] = ()
    rollback_to: int = 0  # for rollbacks: the revision restored

    def touches(self, key: bytes) -> bool:
        return any(k.key == key for k in self.keys)

    @property
    def who(self) -> str:
        person = f"{self.author.os_user}@{self.author.host}"
        return f"{self.author.etcd_user} ({person})" if self.author.etcd_user else person


@dataclass(frozen=True)
class Journal:
    """Builds the journal entries of one connection's writes."""

    prefix: bytes
    author: Author = field(default_factory=Author.current)

    def group_prefix(self, group: bytes) -> bytes:
        return self.prefix + (group or OTHER_GROUP) + b"/"

    def entry(
        self,
        action: str,
        group: bytes,
        keys: Sequence[JournalKey],
        comment: str = "",
        rollback_to: int = 0,
        now: datetime | None = None,
    ) -> tuple[bytes, bytes]:
        """The (key, value) to put beside the change."""
        when = now or datetime.now(UTC)
        name = when.strftime(_STAMP) + "-" + secrets.token_hex(4)
        body: dict[str, Any] = {
            "format": FORMAT,
            "action": action,
            "time": when.isoformat(timespec="microseconds").replace("+00:00", "Z"),
            "etcd_user": self.author.etcd_user,
            "os_user": self.author.os_user,
            "host": self.author.host,
            "app": self.author.app,
            "comment": comment.strip()[:MAX_COMMENT],
            "keys": [
                {"key": k.key.decode("utf-8", "surrogateescape"), "base": k.base, "op": k.op}
                for k in keys
            ],
        }
        if rollback_to:
            body["rollback_to"] = rollback_to
        value = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode(
            "utf-8", "surrogateescape"
        )
        return self.group_prefix(group) + name.encode(), value


def group_of(layout: Layout, key: bytes) -> bytes:
    """The journal folder of a key: its group path (``acme``, ``eu/acme``), or ~other."""
    where = layout.parse(key)
    if where is None or where.other or not where.groups:
        return OTHER_GROUP
    return b"/".join(where.groups)


def parse_entry(kv: KeyValue, prefix: bytes = b"") -> JournalEntry | None:
    """A journal entry from its key-value (under ``prefix``); None for anything else."""
    if len(kv.value) > MAX_ENTRY_BYTES:
        return None
    try:
        body = json.loads(kv.value.decode("utf-8", "surrogateescape"))
    except (ValueError, RecursionError):  # not JSON, or nested deep enough to be hostile
        return None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        return None

    def text(name: str) -> str:
        value = body.get(name)
        return value if isinstance(value, str) else ""

    keys: list[JournalKey] = []
    raw_keys = body.get("keys")
    for item in raw_keys if isinstance(raw_keys, list) else []:
        if isinstance(item, dict) and isinstance(item.get("key"), str):
            try:
                raw = item["key"].encode("utf-8", "surrogateescape")
            except UnicodeEncodeError:
                continue  # a lone surrogate that is not an escaped byte: not one of ours
            base = item.get("base")
            keys.append(
                JournalKey(
                    raw,
                    base if isinstance(base, int) and not isinstance(base, bool) else 0,
                    "delete" if item.get("op") == "delete" else "put",
                )
            )
    when = _time(text("time"))
    rollback_to = body.get("rollback_to")
    folder = kv.key[len(prefix) :] if kv.key.startswith(prefix) else kv.key
    group = folder.rsplit(b"/", 1)[0] if b"/" in folder else b""
    return JournalEntry(
        revision=kv.mod_revision,
        entry_key=kv.key,
        action=text("action") or "?",
        time=when,
        author=Author(text("etcd_user"), text("os_user"), text("host"), text("app")),
        group=display(group),
        comment=text("comment"),
        keys=tuple(keys),
        rollback_to=rollback_to if isinstance(rollback_to, int) else 0,
    )


def _time(text: str) -> datetime | None:
    """An entry's time, aware and convertible to local time; None when it is not one."""
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)  # etcdesk writes UTC; a bare time is taken as such
        when.astimezone()  # years at the edge of the range fail here rather than in a view
    except (ValueError, OverflowError, OSError):
        return None
    return when


def _entries(kvs: Iterable[KeyValue], prefix: bytes) -> list[JournalEntry]:
    return [e for e in (parse_entry(kv, prefix) for kv in kvs) if e is not None]


def entries_for_key(
    reader: EtcdReader, journal: bytes, layout: Layout, key: bytes, revisions: Sequence[int]
) -> dict[int, JournalEntry]:
    """The journal entries of ``key`` at the given revisions (one small range read)."""
    if not revisions:
        return {}
    prefix = journal + group_of(layout, key) + b"/"
    result = reader.get_range(
        prefix,
        prefix_range_end(prefix),
        min_mod_revision=min(revisions),
        max_mod_revision=max(revisions),
    )
    wanted = set(revisions)
    return {
        e.revision: e
        for e in _entries(result.kvs, journal)
        if e.revision in wanted and e.touches(key)
    }


def entries_between(
    reader: EtcdReader, journal: bytes, group: bytes, low: int, high: int
) -> dict[int, JournalEntry]:
    """A group's journal entries of revisions ``low..high`` by revision."""
    prefix = journal + (group or OTHER_GROUP) + b"/"
    result = reader.get_range(
        prefix, prefix_range_end(prefix), min_mod_revision=max(low, 1), max_mod_revision=high
    )
    return {e.revision: e for e in _entries(result.kvs, journal)}


@dataclass(frozen=True)
class JournalQuery:
    group: bytes | None = None  # None: every group
    user: str = ""  # substring of etcd user, OS user or host (case-insensitive)
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 5000


def read_journal(reader: EtcdReader, journal: bytes, query: JournalQuery) -> list[JournalEntry]:
    """Journal entries matching ``query``, newest first.

    One group: the time window is a key range. Every group: the whole journal is read in
    pages and filtered here.
    """
    if query.group is not None:
        prefix = journal + (query.group or OTHER_GROUP) + b"/"
        start = prefix + (query.since.strftime(_STAMP).encode() if query.since else b"")
        end = (
            prefix + query.until.strftime(_STAMP).encode() + b"\xff"
            if query.until
            else prefix_range_end(prefix)
        )
    else:
        start, end = journal, prefix_range_end(journal)
    found: list[JournalEntry] = []
    revision = 0
    while True:
        page = reader.get_range(start, end, revision, limit=1000)
        revision = page.revision
        found.extend(e for e in _entries(page.kvs, journal) if _matches(e, query))
        if not page.more or not page.kvs:
            break
        start = page.kvs[-1].key + b"\x00"
    found.sort(key=lambda e: e.revision, reverse=True)
    return found[: query.limit]


def _matches(entry: JournalEntry, query: JournalQuery) -> bool:
    if query.user:
        needle = query.user.casefold()
        a = entry.author
        if not any(needle in s.casefold() for s in (a.etcd_user, a.os_user, a.host)):
            return False
    if query.since is not None or query.until is not None:
        if entry.time is None:
            return False  # no readable time: it cannot be said to fall in the window
        if query.since is not None and entry.time < query.since:
            return False
        if query.until is not None and entry.time > query.until:
            return False
    return True
