"""Guarded writes of configs: save, delete, create, delete a group (DESIGN §3, §5, §7).

Every write compares revisions, so nothing is overwritten silently. A field marked
``x-unique`` must also be unique across tenants, and checking that is a race: two people may
save the same domain for two tenants at the same moment, each scan seeing no duplicate. So the
save scans the same config of every tenant at one revision R and commits only if nothing under
the layout root changed after R (one range compare in the same transaction); when something
did, it scans again. Of two racing saves, exactly one commits; the other's rescan sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from etcdesk.core.errors import Compacted, StoreError
from etcdesk.core.etcd_store import EtcdStore, check_put_size
from etcdesk.core.i18n import translate
from etcdesk.core.journal import Journal, JournalKey, group_of
from etcdesk.core.layout import Layout, display
from etcdesk.core.schema_messages import show
from etcdesk.core.schemas import (
    JsonPath,
    SchemaRegistry,
    get_path,
    json_path,
    secret_paths,
    unique_paths,
)
from etcdesk.core.values import decode_value

MAX_UNIQUENESS_ATTEMPTS = 5
_CASE_INSENSITIVE_FORMATS = {"hostname", "idn-hostname"}


@dataclass(frozen=True)
class SaveResult:
    key: bytes  # the key written (the first one, or the group prefix, for group writes)
    revision: int  # the cluster revision of the write


class UniquenessError(StoreError):
    """Another config already uses a value that must be unique across tenants."""

    def __init__(self, message: str, path: JsonPath, value: Any, other_key: bytes) -> None:
        super().__init__(message)
        self.path = path
        self.value = value
        self.other_key = other_key


@dataclass(frozen=True)
class _Claim:
    """One x-unique field of the document being saved."""

    path: JsonPath
    value: Any
    normalized: Any
    case_insensitive: bool
    secret: bool


def _field_name(path: JsonPath) -> str:
    text = json_path(path)
    return text[2:] if text.startswith("$.") else text[1:]


def _format_at(schema: dict[str, Any], path: JsonPath) -> Any:
    node: Any = schema
    for part in path:
        node = ((node or {}).get("properties") or {}).get(part) if isinstance(node, dict) else None
    return node.get("format") if isinstance(node, dict) else None


def _normalize(value: Any, case_insensitive: bool) -> Any:
    """Hostnames ignore case and a final dot: Shop.Example.com. is shop.example.com."""
    if case_insensitive and isinstance(value, str):
        return value.rstrip(".").casefold()
    return value


def _claims(
    key: bytes,
    value: bytes,
    layout: Layout | None,
    registry: SchemaRegistry | None,
    schema: dict[str, Any] | None,
    data: Any,
) -> tuple[list[_Claim], bytes | None]:
    """The x-unique fields this save claims, and the config leaf they are unique across."""
    parsed = layout.parse(key) if layout is not None else None
    if parsed is None or parsed.other:
        return [], None
    if schema is None and registry is not None and layout is not None:
        found = registry.for_config(layout, display(parsed.leaf))
        schema = found[1] if found else None
    if schema is None:
        return [], None
    if data is None:
        data = decode_value(value).data
    effective = registry.resolve(schema, data) if registry is not None else schema
    secrets = set(secret_paths(effective))
    claims: list[_Claim] = []
    for path in unique_paths(effective):
        try:
            claimed = get_path(data, path)
        except (KeyError, IndexError):
            continue  # an absent field cannot collide
        if claimed is None or claimed == "":
            continue
        insensitive = _format_at(effective, path) in _CASE_INSENSITIVE_FORMATS
        normalized = _normalize(claimed, insensitive)
        claims.append(_Claim(path, claimed, normalized, insensitive, path in secrets))
    return claims, parsed.leaf


def _scan(
    store: EtcdStore, layout: Layout, key: bytes, leaf: bytes
) -> tuple[int, dict[bytes, Any]]:
    """The data of the same config of every other group, all read at one revision."""
    listing = store.get_range(layout.root, layout.range_end, keys_only=True)
    others = []
    for kv in listing.kvs:
        where = layout.parse(kv.key)
        if kv.key != key and where is not None and not where.other and where.leaf == leaf:
            others.append(kv.key)
    values = store.get_many(others, listing.revision)
    return listing.revision, {k: decode_value(kv.value).data for k, kv in values.items()}


def _duplicate(claims: list[_Claim], others: dict[bytes, Any]) -> UniquenessError | None:
    for other_key in sorted(others):
        for claim in claims:
            try:
                theirs = get_path(others[other_key], claim.path)
            except (KeyError, IndexError):
                continue
            if type(theirs) is type(claim.value) and (
                _normalize(theirs, claim.case_insensitive) == claim.normalized
            ):
                if claim.secret:
                    message = translate(
                        "Edits", "{field} the same value is already used by {key}"
                    ).format(field=_field_name(claim.path), key=display(other_key))
                else:
                    message = translate("Edits", "{field} {value} is already used by {key}")
                    message = message.format(
                        field=_field_name(claim.path),
                        value=show(claim.value),
                        key=display(other_key),
                    )
                return UniquenessError(message, claim.path, claim.value, other_key)
    return None


def save_value(
    store: EtcdStore,
    key: bytes,
    value: bytes,
    base_mod_revision: int,
    *,
    layout: Layout | None = None,
    registry: SchemaRegistry | None = None,
    schema: dict[str, Any] | None = None,
    data: Any = None,
    journal: Journal | None = None,
    comment: str = "",
    action: str = "save",
    rollback_to: int = 0,
    lease: int = 0,
) -> SaveResult:
    """Write ``value`` if the key is still at ``base_mod_revision`` (0: create).

    With a schema (given, or found through ``layout`` and ``registry``) that marks fields
    ``x-unique``, the value is also checked against the same config of every other group under
    the layout root, atomically (see the module docstring). Raises TooLarge before anything is
    sent, Conflict when the key changed, UniquenessError when another config has the value.
    With ``journal``, a journal entry (``action``, ``comment``) is written in the same
    transaction.
    """
    extra = _journal(
        journal, layout, action, [JournalKey(key, base_mod_revision, "put")], comment, rollback_to
    )
    check_put_size([(key, value), *extra])
    claims, leaf = _claims(key, value, layout, registry, schema, data)
    if not claims or layout is None or leaf is None:
        return SaveResult(key, store.put_guarded(key, value, base_mod_revision, lease, extra))
    for _attempt in range(MAX_UNIQUENESS_ATTEMPTS):
        try:
            revision, others = _scan(store, layout, key, leaf)
        except Compacted:
            continue  # compacted between the listing and the reads: scan again
        duplicate = _duplicate(claims, others)
        if duplicate is not None:
            raise duplicate
        written = store.put_if_unchanged_since(
            key, value, base_mod_revision, layout.root, revision, extra
        )
        if written is not None:
            return SaveResult(key, written)
    fields = ", ".join(_field_name(c.path) for c in claims)
    message = translate(
        "Edits",
        "other configs under {root} kept changing while checking that {fields} is unique; "
        "nothing was saved, try again",
    )
    raise StoreError(message.format(root=display(layout.root), fields=fields))


def _journal(
    journal: Journal | None,
    layout: Layout | None,
    action: str,
    keys: list[JournalKey],
    comment: str,
    rollback_to: int = 0,
) -> list[tuple[bytes, bytes]]:
    """The journal entry to put beside a change (none without a journal)."""
    if journal is None or not keys:
        return []
    group = group_of(layout, keys[0].key) if layout is not None else b""
    return [journal.entry(action, group, keys, comment, rollback_to)]


def delete_value(
    store: EtcdStore,
    key: bytes,
    base_mod_revision: int,
    *,
    layout: Layout | None = None,
    journal: Journal | None = None,
    comment: str = "",
    action: str = "delete",
    rollback_to: int = 0,
) -> SaveResult:
    """Delete the key if it is still at ``base_mod_revision``; Conflict otherwise."""
    if base_mod_revision < 1:
        raise ValueError("deleting needs the revision the key was loaded at")
    keys = [JournalKey(key, base_mod_revision, "delete")]
    extra = _journal(journal, layout, action, keys, comment, rollback_to)
    return SaveResult(key, store.delete_guarded(key, base_mod_revision, extra))


def create_values(
    store: EtcdStore,
    items: list[tuple[bytes, bytes]],
    *,
    layout: Layout | None = None,
    journal: Journal | None = None,
    comment: str = "",
    action: str = "create",
) -> SaveResult:
    """Create all keys at once, or none: Conflict if any exists, TooLarge over etcd's limits."""
    keys = [JournalKey(k, 0, "put") for k, _ in items]
    extra = _journal(journal, layout, action, keys, comment)
    return SaveResult(items[0][0] if items else b"", store.create_all(items, extra))


def delete_group(
    store: EtcdStore,
    prefix: bytes,
    expected: dict[bytes, int],
    revision: int | None = None,
    *,
    layout: Layout | None = None,
    journal: Journal | None = None,
    comment: str = "",
    action: str = "delete-group",
) -> SaveResult:
    """Delete every key of ``expected`` (key -> mod_revision, e.g. one tenant) in one step.

    Refused with Conflict if any of them changed, or anything under ``prefix`` changed after
    ``revision`` (the listing's revision; by default the newest expected mod_revision, which
    also catches keys added since).
    """
    if not expected:
        raise ValueError("nothing to delete")
    since = revision if revision is not None else max(expected.values())
    keys = [JournalKey(k, m, "delete") for k, m in sorted(expected.items())]
    extra = _journal(journal, layout, action, keys, comment)
    return SaveResult(prefix, store.delete_all_guarded(prefix, expected, since, extra))
