"""Importing a bundle and cloning a tenant: planned, previewed, then applied guarded (issue 8).

``plan_import`` reads what the bundle's tenants hold now (or at a given revision) and works out,
per tenant, the keys to create, change and (only when asked) delete, and validates what would
be written. The plan is what a dry run shows, and ``apply_import`` writes exactly that: one
transaction per tenant, which compares every touched key with the revision the plan read and
that nothing under the tenant's prefix changed since, with the journal entry in the same
transaction. So a dry run at revision R, followed by an import planned at R, either writes
what the dry run showed or refuses the tenant.

etcd caps a transaction at 128 operations and a request at 1.5 MiB. A tenant over either is
refused as a whole with the reason, before anything is sent, and the other tenants go ahead;
splitting one tenant over several transactions would leave it half imported on any failure.

Values that must be unique across tenants (``x-unique``) are checked against the cluster as it
is at the plan's revision. Unlike a save from the editor, that check is not part of the write
transaction (each tenant's transaction guards only its own prefix), so two imports racing to
claim the same value can both pass; the editor's next save of either would be refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

from etcdesk.core.bundles import (
    Bundle,
    BundleError,
    TenantBundle,
    check_importable,
    current_revision,
    read_prefix,
    target_key,
    tenant_name,
    tenant_of,
)
from etcdesk.core.edits import _claims, _duplicate  # the editor's own x-unique rules
from etcdesk.core.errors import (
    Compacted,
    Conflict,
    NotFound,
    StoreError,
    TooLarge,
    Unavailable,
)
from etcdesk.core.etcd_store import (
    MAX_REQUEST_BYTES,
    MAX_TXN_OPS,
    EtcdReader,
    EtcdStore,
    KeyValue,
)
from etcdesk.core.i18n import translate
from etcdesk.core.journal import OTHER_GROUP, Journal, JournalKey
from etcdesk.core.layout import Layout, display
from etcdesk.core.schemas import SchemaRegistry, json_path
from etcdesk.core.validation import Problem, check_config
from etcdesk.core.values import decode_value

CREATE, CHANGE, DELETE = "create", "change", "delete"
# Room left in a request for the journal entry: its fields, a comment of up to 2,000
# characters (6,000 bytes of UTF-8), and each touched key once more.
_JOURNAL_ROOM = 8 * 1024
_JOURNAL_PER_KEY = 48


@dataclass(frozen=True)
class KeyChange:
    key: bytes  # the full key in the target cluster
    kind: str  # create, change or delete
    old: bytes | None  # the value now (None: absent)
    new: bytes | None  # the value written (None: deleted)


@dataclass(frozen=True)
class TenantPlan:
    """What importing one tenant writes, guarded by ``expected`` and ``prefix`` at ``revision``."""

    tenant: tuple[bytes, ...]  # () for other keys under the root
    prefix: bytes
    revision: int
    changes: tuple[KeyChange, ...]
    expected: dict[bytes, int]  # every touched key -> its mod_revision at ``revision`` (0: absent)
    unchanged: int  # keys of the bundle that already hold the same value
    refusal: str = ""  # why etcd could not take this tenant in one transaction
    # Every key of the tenant at ``revision`` (touched or not) -> its mod_revision, when they
    # fit in one transaction's compares: the prefix compare cannot see a key deleted meanwhile.
    guard: dict[bytes, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return tenant_name(self.tenant) if self.tenant else translate("Bundles", "(other keys)")

    @property
    def puts(self) -> tuple[tuple[bytes, bytes], ...]:
        return tuple((c.key, c.new) for c in self.changes if c.new is not None)

    @property
    def deletes(self) -> tuple[bytes, ...]:
        return tuple(c.key for c in self.changes if c.new is None)

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)


@dataclass(frozen=True)
class ImportPlan:
    revision: int  # every current value was read at this revision
    tenants: tuple[TenantPlan, ...]
    problems: tuple[Problem, ...]  # validation problems of the values to be written
    delete_missing: bool = False

    @property
    def empty(self) -> bool:
        return not any(t.changes for t in self.tenants)

    @property
    def blocked(self) -> bool:
        return bool(self.problems)


@dataclass(frozen=True)
class TenantResult:
    tenant: str
    status: str  # applied, unchanged, refused, conflict, unknown, failed
    revision: int = 0
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("applied", "unchanged")


class ImportBlocked(ValueError):
    """The plan has validation problems; nothing is written."""


# -- planning --------------------------------------------------------------------------------


def _current(
    reader: EtcdReader, layout: Layout, group: TenantBundle, revision: int, delete_missing: bool
) -> dict[bytes, KeyValue]:
    """The group's keys at ``revision``: the whole tenant, or for other keys those the bundle
    names (and, to delete what it lacks, every other key under the root)."""
    if group.tenant:
        _, kvs = read_prefix(reader, layout.group_prefix(group.tenant), revision)
        return {kv.key: kv for kv in kvs if tenant_of(layout, kv.key) == group.tenant}
    keys = [target_key(layout, (), e) for e in group.entries]
    found = reader.get_many(keys, revision)
    if delete_missing:
        _, listed = read_prefix(reader, layout.root, revision, keys_only=True)
        others = [
            kv.key for kv in listed if tenant_of(layout, kv.key) == () and kv.key not in found
        ]
        found.update(reader.get_many(others, revision))
    return {k: kv for k, kv in found.items() if tenant_of(layout, k) == ()}


def _refusal(name: str, changes: Sequence[KeyChange]) -> str:
    ops = len(changes) + 1  # + the journal entry
    if ops > MAX_TXN_OPS:
        return translate(
            "Bundles",
            "tenant {name} needs {n} changes plus its journal entry in one transaction; etcd "
            "accepts at most {max} operations per transaction, so nothing is written for this "
            "tenant (import it in parts, e.g. with a bundle per group of configs)",
        ).format(name=name, n=len(changes), max=MAX_TXN_OPS)
    size = sum(len(c.key) + len(c.new or b"") + _JOURNAL_PER_KEY for c in changes)
    if size + _JOURNAL_ROOM > MAX_REQUEST_BYTES - 4096:
        return translate(
            "Bundles",
            "tenant {name} is {size} bytes of changes; etcd accepts at most {max} bytes per "
            "request, so nothing is written for this tenant",
        ).format(name=name, size=f"{size:,}", max=f"{MAX_REQUEST_BYTES:,}")
    return ""


def _plan_group(
    reader: EtcdReader, layout: Layout, group: TenantBundle, revision: int, delete_missing: bool
) -> TenantPlan:
    if group.tenant and len(group.tenant) != len(layout.level_names):
        message = translate(
            "Bundles", "tenant {name} has {n} level(s); layout {layout} has {levels} ({names})"
        )
        raise BundleError(
            message.format(
                name=group.name,
                n=len(group.tenant),
                layout=layout.source,
                levels=len(layout.level_names),
                names="/".join(layout.level_names),
            )
        )
    prefix = layout.group_prefix(group.tenant)
    current = _current(reader, layout, group, revision, delete_missing)
    changes: list[KeyChange] = []
    unchanged = 0
    wanted = set()
    for entry in group.entries:
        key = target_key(layout, group.tenant, entry)
        wanted.add(key)
        now = current.get(key)
        if now is None:
            changes.append(KeyChange(key, CREATE, None, entry.value))
        elif now.value != entry.value:
            changes.append(KeyChange(key, CHANGE, now.value, entry.value))
        else:
            unchanged += 1
    if delete_missing:
        changes += [
            KeyChange(k, DELETE, kv.value, None)
            for k, kv in sorted(current.items())
            if k not in wanted
        ]
    changes.sort(key=lambda c: c.key)
    expected = {c.key: current[c.key].mod_revision if c.key in current else 0 for c in changes}
    name = group.name if group.tenant else translate("Bundles", "(other keys)")
    guard: dict[bytes, int] = {}
    if group.tenant:
        guard = {key: kv.mod_revision for key, kv in current.items()} | expected
        if len(guard) + 1 > MAX_TXN_OPS:  # + the prefix compare
            guard = {}  # too many to compare one by one: the prefix compare alone guards
    return TenantPlan(
        group.tenant,
        prefix,
        revision,
        tuple(changes),
        expected,
        unchanged,
        _refusal(name, changes) if changes else "",
        guard,
    )


def plan_import(
    reader: EtcdReader,
    bundle: Bundle,
    layout: Layout,
    registry: SchemaRegistry,
    *,
    delete_missing: bool = False,
    revision: int = 0,
) -> ImportPlan:
    """What importing ``bundle`` into the cluster of ``layout`` writes, read at ``revision``
    (now, unless given: pass a dry run's revision to get exactly its plan). BundleError for a
    bundle exported with its secrets masked: importing it would write the mask."""
    check_importable(bundle)
    revision = revision or current_revision(reader, layout)
    try:
        tenants = tuple(
            _plan_group(reader, layout, group, revision, delete_missing) for group in bundle.tenants
        )
    except Compacted as exc:
        message = translate(
            "Bundles",
            "revision {rev} is no longer kept by this cluster (compacted); plan again at the "
            "current revision",
        )
        raise Compacted(message.format(rev=revision), exc.compact_revision) from exc
    schemas = {target_key(layout, g.tenant, e): e.schema for g in bundle.tenants for e in g.entries}
    problems: list[Problem] = []
    writes = [(k, v) for t in tenants for k, v in t.puts]
    for key, value in writes:
        problems += check_config(registry, layout, key, value, schemas.get(key, ""))
    problems += unique_problems(reader, layout, registry, writes, revision)
    return ImportPlan(revision, tenants, tuple(problems), delete_missing)


def unique_problems(
    reader: EtcdReader,
    layout: Layout,
    registry: SchemaRegistry,
    writes: Sequence[tuple[bytes, bytes]],
    revision: int,
    deletes: Sequence[bytes] = (),
) -> list[Problem]:
    """``x-unique`` values of ``writes`` already used by another config of the same kind, in
    the cluster at ``revision`` as it will be once ``writes`` and ``deletes`` are applied."""
    claims = {}
    for key, value in writes:
        found, leaf = _claims(key, value, layout, registry, None, None)
        if found and leaf is not None:
            claims[key] = (found, leaf)
    if not claims:
        return []
    leaves = {leaf for _, leaf in claims.values()}
    _, listed = read_prefix(reader, layout.root, revision, keys_only=True)
    same_kind = []
    for kv in listed:
        where = layout.parse(kv.key)
        if where is not None and not where.other and where.leaf in leaves:
            same_kind.append(kv.key)
    after: dict[bytes, Any] = {
        k: decode_value(kv.value).data for k, kv in reader.get_many(same_kind, revision).items()
    }
    for key in deletes:
        after.pop(key, None)
    written = dict(writes)
    for key, value in written.items():
        where = layout.parse(key)
        if where is not None and not where.other and where.leaf in leaves:
            after[key] = decode_value(value).data
    problems = []
    for key, (found, leaf) in sorted(claims.items()):
        others = {
            k: data
            for k, data in after.items()
            if k != key and (w := layout.parse(k)) is not None and w.leaf == leaf
        }
        duplicate = _duplicate(found, others)
        if duplicate is not None:
            problems.append(Problem(key, json_path(duplicate.path), str(duplicate)))
    return problems


# -- applying --------------------------------------------------------------------------------


def _journal_entry(
    journal: Journal | None, tenant: TenantPlan, action: str, comment: str
) -> list[tuple[bytes, bytes]]:
    if journal is None:
        return []
    keys = [
        JournalKey(c.key, tenant.expected[c.key], "delete" if c.new is None else "put")
        for c in tenant.changes
    ]
    group = b"/".join(tenant.tenant) or OTHER_GROUP
    return [journal.entry(action, group, keys, comment)]


def apply_tenant(
    store: EtcdStore,
    tenant: TenantPlan,
    *,
    journal: Journal | None = None,
    comment: str = "",
    action: str = "import",
) -> TenantResult:
    """One tenant of a plan in one guarded transaction; never raises a StoreError."""
    if not tenant.changes:
        return TenantResult(tenant.name, "unchanged")
    if tenant.refusal:
        return TenantResult(tenant.name, "refused", message=tenant.refusal)
    extra = _journal_entry(journal, tenant, action, comment)
    try:
        revision = store.apply_guarded(
            tenant.puts,
            tenant.deletes,
            tenant.guard or tenant.expected,
            tenant.prefix if tenant.tenant else None,
            tenant.revision,
            extra,
        )
    except Conflict as exc:
        return TenantResult(
            tenant.name,
            "conflict",
            message=translate(
                "Bundles", "{error}; nothing was written for tenant {name} (plan again)"
            ).format(error=exc, name=tenant.name),
        )
    except TooLarge as exc:
        message = translate("Bundles", "{error}; nothing was written").format(error=exc)
        return TenantResult(tenant.name, "refused", message=message)
    except Unavailable as exc:
        return TenantResult(
            tenant.name,
            "unknown",
            message=translate(
                "Bundles",
                "{error}; the answer was lost, so tenant {name} may or may not have been written",
            ).format(error=exc, name=tenant.name),
        )
    except StoreError as exc:
        message = translate("Bundles", "{error}; nothing was written").format(error=exc)
        return TenantResult(tenant.name, "failed", message=message)
    return TenantResult(tenant.name, "applied", revision)


def apply_import(
    store: EtcdStore,
    plan: ImportPlan,
    *,
    journal: Journal | None = None,
    comment: str = "",
) -> tuple[TenantResult, ...]:
    """Apply a plan tenant by tenant; one result per tenant. ImportBlocked when it has
    validation problems (nothing is written then)."""
    if plan.blocked:
        message = translate(
            "Bundles", "{n} validation problem(s) in the bundle; nothing was written"
        )
        raise ImportBlocked(message.format(n=len(plan.problems)))
    return tuple(
        apply_tenant(store, tenant, journal=journal, comment=comment) for tenant in plan.tenants
    )


# -- cloning ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClonePlan:
    source: tuple[bytes, ...]
    target: tuple[bytes, ...]
    tenant: TenantPlan  # creates only, guarded by "nothing under the new prefix"
    problems: tuple[Problem, ...]


def plan_clone(
    reader: EtcdReader,
    layout: Layout,
    registry: SchemaRegistry,
    source: tuple[bytes, ...],
    target: tuple[bytes, ...],
    without: Sequence[str] = (),
) -> ClonePlan:
    """Every config of ``source`` (but those matching a glob of ``without``) created under
    ``target``; Conflict when ``target`` has any key already, NotFound when ``source`` has
    none. ``problems`` names invalid values and values that must be unique across tenants
    (the clone would copy them: leave such configs out with ``without``)."""
    if source == target:
        raise ValueError(translate("Bundles", "the new tenant id is the same as the source"))
    if len(target) != len(layout.level_names) or not all(target):
        message = translate("Bundles", "a tenant id needs {n} level(s)")
        raise ValueError(message.format(n=len(layout.level_names)))
    revision = current_revision(reader, layout)
    _, kvs = read_prefix(reader, layout.group_prefix(source), revision)
    source_prefix = layout.group_prefix(source)
    items = [
        kv
        for kv in kvs
        if tenant_of(layout, kv.key) == source
        and not any(fnmatchcase(display(kv.key[len(source_prefix) :]), g) for g in without)
    ]
    if not items:
        message = translate("Bundles", "tenant {name} has no keys to copy")
        raise NotFound(message.format(name=tenant_name(source)))
    target_prefix = layout.group_prefix(target)
    _, existing = read_prefix(reader, target_prefix, revision, keys_only=True)
    if existing:
        message = translate(
            "Bundles", "tenant {name} already has {n} key(s), e.g. {key}; nothing was copied"
        )
        raise Conflict(
            message.format(name=tenant_name(target), n=len(existing), key=display(existing[0].key))
        )
    changes = tuple(
        KeyChange(target_prefix + kv.key[len(source_prefix) :], CREATE, None, kv.value)
        for kv in items
    )
    name = tenant_name(target)
    tenant = TenantPlan(
        target,
        target_prefix,
        revision,
        changes,
        {c.key: 0 for c in changes},
        0,
        _refusal(name, changes),
    )
    writes = list(tenant.puts)
    problems = [p for k, v in writes for p in check_config(registry, layout, k, v)]
    problems += unique_problems(reader, layout, registry, writes, revision)
    return ClonePlan(source, target, tenant, tuple(problems))


def apply_clone(
    store: EtcdStore, plan: ClonePlan, *, journal: Journal | None = None, comment: str = ""
) -> TenantResult:
    if plan.problems:
        message = translate("Bundles", "{n} problem(s); nothing was copied")
        raise ImportBlocked(message.format(n=len(plan.problems)))
    note = comment or f"clone of {tenant_name(plan.source)}"
    return apply_tenant(store, plan.tenant, journal=journal, comment=note, action="clone")
