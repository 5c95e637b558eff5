"""Bundles: tenants exported to a YAML file, to import into this or another cluster (issue 8).

A bundle holds the configs of one or more tenants (or of the whole layout root) as they were
at one revision: every read of an export is pinned to the revision of the first, so a bundle
never mixes states. Keys are stored relative to their tenant's prefix, so a bundle imports
into a cluster with another root, or (``clone``) under another tenant id.

The file is meant to be read by people and by ``git diff``: values that are UTF-8 text are
stored as text (block style when they span lines); anything else, and keys or tenant ids that
are not UTF-8, as base64 with an explicit marker. Reading a bundle never trusts it: the size
is capped, YAML aliases are refused outright (a bundle written here has none, and they are how
a few hundred bytes expand to gigabytes), nesting is bounded, and every field is type-checked
with a message that says where.

An export may mask ``x-secret`` fields (audit mode, or a profile that may not reveal secrets):
each such value is re-rendered with the mask, and the bundle says ``secrets_masked: true``. A
masked bundle is for reading only; importing it is refused (see ``check_importable``), since
it would write the mask over the real secrets.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from etcdesk.core.errors import ConfigError, NotFound
from etcdesk.core.etcd_store import EtcdReader, KeyValue
from etcdesk.core.i18n import translate
from etcdesk.core.layout import Layout, display, prefix_range_end
from etcdesk.core.masking import masked_text
from etcdesk.core.schema_resolve import ABSENT, SchemaError
from etcdesk.core.schemas import JsonPath, SchemaRegistry, all_secret_paths, secret_paths
from etcdesk.core.values import decode_value

try:  # libyaml is much faster on large bundles; fall back to the pure-Python classes.
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

FORMAT = "etcdesk-bundle/1"
MAX_BUNDLE_BYTES = 256 * 1024 * 1024
MAX_BUNDLE_DEPTH = 8  # bundle / tenants / tenant / configs / config / field: 6 levels used
READ_PAGE = 500
_ESCAPED = re.compile(rb"\\x([89a-fA-F][0-9a-fA-F])")


class BundleError(ConfigError):
    """A bundle file is unreadable, unsafe or not shaped like a bundle; the message says where."""


@dataclass(frozen=True)
class BundleEntry:
    """One config: its key relative to the tenant prefix (or to the root, for other keys)."""

    key: bytes
    value: bytes
    mod_revision: int = 0  # where it came from; informational
    schema: str = ""  # the schema the source layout assigned to it


@dataclass(frozen=True)
class TenantBundle:
    """The configs of one tenant; ``tenant`` is its group path, () for keys under the root
    that belong to no tenant ("other keys")."""

    tenant: tuple[bytes, ...]
    entries: tuple[BundleEntry, ...]

    @property
    def name(self) -> str:
        return tenant_name(self.tenant)

    @property
    def other(self) -> bool:
        return not self.tenant


@dataclass(frozen=True)
class Bundle:
    revision: int  # every value was read at this revision of the source cluster
    tenants: tuple[TenantBundle, ...]
    root: bytes = b""  # the source layout's root and pattern, for people reading the file
    pattern: str = ""
    source: str = ""  # the source cluster's endpoints
    exported_at: str = ""
    secrets_masked: bool = False  # x-secret fields hold the mask: for reading, not importing

    @property
    def key_count(self) -> int:
        return sum(len(t.entries) for t in self.tenants)

    def select(self, names: Sequence[str]) -> Bundle:
        """Only the named tenants; BundleError naming any the bundle does not have."""
        wanted = set(names)
        missing = sorted(wanted - {t.name for t in self.tenants})
        if missing:
            message = translate("Bundles", "the bundle has no tenant {names}")
            raise BundleError(message.format(names=", ".join(missing)))
        kept = tuple(t for t in self.tenants if t.name in wanted)
        return replace(self, tenants=kept)


# -- names given by people -------------------------------------------------------------------


def key_from_text(text: str) -> bytes:
    """A key typed by a person: UTF-8, where ``\\xNN`` (NN >= 80) stands for a byte that is not
    UTF-8, exactly as ``display`` shows such keys."""
    return _ESCAPED.sub(lambda m: bytes([int(m.group(1), 16)]), text.encode("utf-8"))


def tenant_name(tenant: tuple[bytes, ...]) -> str:
    return "/".join(display(part) for part in tenant)


def parse_tenant(layout: Layout, text: str) -> tuple[bytes, ...]:
    """A tenant id as typed (``acme``, or ``eu/acme`` for a layout with two group levels)."""
    parts = tuple(key_from_text(part) for part in text.strip().strip("/").split("/"))
    levels = layout.level_names
    if not all(parts) or len(parts) != len(levels):
        shape = "/".join("{" + name + "}" for name in levels)
        message = translate("Bundles", "tenant {text}: expected {shape} for layout {layout}")
        raise ConfigError(message.format(text=repr(text), shape=shape, layout=layout.source))
    return parts


def excluded_prefixes(layout: Layout) -> tuple[bytes, ...]:
    """Prefixes under the root that hold etcdesk's own data (journal, shared schemas)."""
    return tuple(p for p in (layout.journal, layout.schema_store) if p is not None)


def tenant_of(layout: Layout, key: bytes) -> tuple[bytes, ...] | None:
    """The tenant ``key`` belongs to, () for other keys under the root, None when the key is
    not under the root or is etcdesk's own (journal, shared schemas)."""
    if any(key.startswith(p) for p in excluded_prefixes(layout)):
        return None
    where = layout.parse(key)
    if where is None:
        return None
    return () if where.other else where.groups


# -- reading ---------------------------------------------------------------------------------


def read_prefix(
    reader: EtcdReader, prefix: bytes, revision: int = 0, *, keys_only: bool = False
) -> tuple[int, list[KeyValue]]:
    """Every key under ``prefix`` at one revision (the first page's, unless given), in pages
    so a big tenant or root does not need one huge response."""
    end = prefix_range_end(prefix)
    start = prefix
    found: list[KeyValue] = []
    while True:
        page = reader.get_range(start, end, revision, keys_only=keys_only, limit=READ_PAGE)
        revision = revision or page.revision  # a read at an older revision says the newest
        found.extend(page.kvs)
        if not page.more or not page.kvs:
            return revision, found
        start = page.kvs[-1].key + b"\x00"


def current_revision(reader: EtcdReader, layout: Layout) -> int:
    """The cluster's revision now (a linearizable read, unlike a member's status)."""
    return reader.get(layout.root).revision


def export_bundle(
    reader: EtcdReader,
    layout: Layout,
    tenants: Sequence[tuple[bytes, ...]] | None = None,
    *,
    source: str = "",
    revision: int = 0,
    mask_secrets: SchemaRegistry | None = None,
) -> Bundle:
    """The named tenants, or everything under the layout root (``tenants`` None), as they are
    at one revision (now, unless given). NotFound names a tenant that has no keys.

    With ``mask_secrets`` (the registry that knows the configs' schemas), every ``x-secret``
    field is replaced by the mask, and the bundle says so (it cannot be imported then)."""
    groups: dict[tuple[bytes, ...], list[BundleEntry]] = {}
    if tenants is None:
        revision, kvs = read_prefix(reader, layout.root, revision)
        for kv in kvs:
            tenant = tenant_of(layout, kv.key)
            if tenant is not None:
                groups.setdefault(tenant, []).append(_entry(layout, tenant, kv))
    else:
        revision = revision or current_revision(reader, layout)
        for tenant in dict.fromkeys(tenants):
            _, kvs = read_prefix(reader, layout.group_prefix(tenant), revision)
            entries = [
                _entry(layout, tenant, kv) for kv in kvs if tenant_of(layout, kv.key) == tenant
            ]
            if not entries:
                message = translate("Bundles", "tenant {name} has no keys at revision {rev}")
                raise NotFound(message.format(name=tenant_name(tenant), rev=revision))
            groups[tenant] = entries
    ordered = sorted(groups.items(), key=lambda item: (not item[0], item[0]))  # other keys last
    if mask_secrets is not None:
        ordered = [
            (t, [_masked(mask_secrets, layout, t, e) for e in entries]) for t, entries in ordered
        ]
    return Bundle(
        revision=revision,
        tenants=tuple(TenantBundle(t, tuple(entries)) for t, entries in ordered),
        root=layout.root,
        pattern=layout.pattern,
        source=source,
        exported_at=datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        secrets_masked=mask_secrets is not None,
    )


def _entry(layout: Layout, tenant: tuple[bytes, ...], kv: KeyValue) -> BundleEntry:
    prefix = layout.group_prefix(tenant)
    where = layout.parse(kv.key)
    schema = layout.schema_for(display(where.leaf)) if where and not where.other else None
    return BundleEntry(kv.key[len(prefix) :], kv.value, kv.mod_revision, schema or "")


def _secrets_of(
    registry: SchemaRegistry, layout: Layout, key: bytes, value: bytes
) -> tuple[JsonPath, ...]:
    """The ``x-secret`` fields of the config at ``key``, its schema resolved for ``value``
    (those of the unresolved schema too, should resolving fail or drop any)."""
    where = layout.parse(key)
    found = registry.for_config(layout, display(where.leaf)) if where and not where.other else None
    if found is None:
        return ()
    schema = found[1]
    data = decode_value(value).data
    try:
        resolved = registry.resolve(schema, ABSENT if data is None else data)
    except SchemaError:
        resolved = {}
    paths = [*secret_paths(resolved), *all_secret_paths(registry, schema, data)]
    return tuple(dict.fromkeys(paths))


def _masked(
    registry: SchemaRegistry, layout: Layout, tenant: tuple[bytes, ...], entry: BundleEntry
) -> BundleEntry:
    """``entry`` with its secret fields masked (JSON and YAML are re-rendered; a value that
    has secrets but cannot be parsed becomes a placeholder); as it is when it has none."""
    secrets = _secrets_of(registry, layout, target_key(layout, tenant, entry), entry.value)
    if not secrets or not entry.value:
        return entry
    return replace(entry, value=masked_text(entry.value, secrets).encode("utf-8"))


def check_importable(bundle: Bundle) -> None:
    """BundleError when ``bundle`` must not be imported: its secret fields hold the mask."""
    if bundle.secrets_masked:
        raise BundleError(
            translate(
                "Bundles",
                "this bundle was exported with secret fields masked (audit mode); it cannot be "
                "imported — export it again from a profile that may reveal secrets",
            )
        )


def target_key(layout: Layout, tenant: tuple[bytes, ...], entry: BundleEntry) -> bytes:
    """Where an entry goes in a cluster with ``layout`` (its tenant's prefix + its key)."""
    return layout.group_prefix(tenant) + entry.key


# -- the file format -------------------------------------------------------------------------


def _is_text(raw: bytes) -> str | None:
    """``raw`` as text when it is UTF-8 without control characters (which YAML would have to
    escape, or which some YAML readers fold into line breaks); None when it must be base64."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any((ord(c) < 32 and c not in "\t\n\r") or c in "\x7f\x85\u2028\u2029\ufeff" for c in text):
        return None
    return text


def _encoded(name: str, raw: bytes) -> dict[str, str]:
    text = _is_text(raw)
    if text is not None:
        return {name: text}
    return {f"{name}_base64": base64.b64encode(raw).decode("ascii")}


def _entry_to_yaml(entry: BundleEntry) -> dict[str, Any]:
    item: dict[str, Any] = _encoded("key", entry.key)
    if entry.schema:
        item["schema"] = entry.schema
    if entry.mod_revision:
        item["mod_revision"] = entry.mod_revision
    text = _is_text(entry.value)
    if text is None:
        item["encoding"] = "base64"
        item["value"] = base64.b64encode(entry.value).decode("ascii")
    else:
        item["value"] = text
    return item


def bundle_to_yaml(bundle: Bundle) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": FORMAT,
        "exported_at": bundle.exported_at,
        "source": bundle.source,
        "root": display(bundle.root),
        "pattern": bundle.pattern,
        "revision": bundle.revision,
    }
    if bundle.secrets_masked:
        data["secrets_masked"] = True
    data["tenants"] = []
    for group in bundle.tenants:
        configs = [_entry_to_yaml(e) for e in group.entries]
        if group.other:
            data["other"] = configs
        else:
            tenant = _encoded("tenant", b"/".join(group.tenant))
            data["tenants"].append({**tenant, "configs": configs})
    return data


class _BundleDumper(_Dumper):
    """Multi-line text as YAML block scalars, so a config reads (and diffs) as it is."""


def _represent_str(dumper: _BundleDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_BundleDumper.add_representer(str, _represent_str)


def dumps(bundle: Bundle) -> str:
    header = (
        f"# etcdesk bundle: {len(bundle.tenants)} group(s), {bundle.key_count} key(s) read at "
        f"revision {bundle.revision}.\n"
    )
    if bundle.secrets_masked:
        header += "# Secret fields are masked: this file is for reading, it cannot be imported.\n"
    else:
        header += "# Values are exactly as stored; treat this file like the secrets it may hold.\n"
    body = yaml.dump(
        bundle_to_yaml(bundle),
        Dumper=_BundleDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return header + body


def write_bundle(bundle: Bundle, path: str | Path) -> None:
    """Write to a temporary file next to ``path`` and rename, so a failure leaves no half file."""
    target = Path(path)
    temp = target.with_name(f".{target.name}.tmp")
    try:
        temp.write_text(dumps(bundle), encoding="utf-8")
        temp.replace(target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        message = translate("Bundles", "cannot write {path}: {error}")
        raise ConfigError(message.format(path=target, error=exc.strerror or exc)) from exc


def _check_events(text: str) -> None:
    """Refuse aliases and deep nesting before anything is built (see the module docstring)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise BundleError(
                translate("Bundles", "YAML aliases (*name) are not allowed in a bundle")
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_BUNDLE_DEPTH:
                message = translate("Bundles", "nested deeper than {n} levels")
                raise BundleError(message.format(n=MAX_BUNDLE_DEPTH))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def loads(text: str, source: str = "bundle") -> Bundle:
    """A bundle from its YAML text; BundleError (saying where) for anything not a bundle."""
    if len(text) > MAX_BUNDLE_BYTES:
        message = translate("Bundles", "{source}: larger than {n} MiB")
        raise BundleError(message.format(source=source, n=MAX_BUNDLE_BYTES // (1024 * 1024)))
    try:
        _check_events(text)
        data = yaml.load(text, Loader=_Loader)  # a safe loader
    except BundleError as exc:
        raise BundleError(f"{source}: {exc}") from exc
    except yaml.YAMLError as exc:
        message = translate("Bundles", "{source}: not valid YAML: {error}")
        raise BundleError(message.format(source=source, error=exc)) from exc
    return _Reader(source).bundle(data)


def read_bundle(path: str | Path) -> Bundle:
    target = Path(path)
    try:
        if target.stat().st_size > MAX_BUNDLE_BYTES:
            message = translate("Bundles", "{source}: larger than {n} MiB")
            raise BundleError(message.format(source=target, n=MAX_BUNDLE_BYTES // (1024 * 1024)))
        text = target.read_text(encoding="utf-8")
    except OSError as exc:
        message = translate("Bundles", "cannot read {path}: {error}")
        raise BundleError(message.format(path=target, error=exc.strerror or exc)) from exc
    except UnicodeDecodeError as exc:
        message = translate("Bundles", "{path}: not UTF-8 text")
        raise BundleError(message.format(path=target)) from exc
    return loads(text, str(target))


@dataclass
class _Reader:
    """Checks the shape of loaded YAML; every message names the place, e.g. tenants[2].key."""

    source: str
    where: list[str] = field(default_factory=list)

    def fail(self, message: str) -> BundleError:
        place = "".join(self.where).lstrip(".")
        return BundleError(f"{self.source}: {place + ': ' if place else ''}{message}")

    def mapping(self, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(translate("Bundles", "expected a mapping"))
        return value

    def items(self, data: dict[str, Any], name: str) -> Iterator[Any]:
        value = data.get(name)
        if value is None:
            return
        if not isinstance(value, list):
            self.where.append(f".{name}")
            raise self.fail(translate("Bundles", "expected a list"))
        for index, item in enumerate(value):
            self.where.append(f".{name}[{index}]")
            yield item
            self.where.pop()

    def raw(self, data: dict[str, Any], name: str, required: bool = True) -> bytes | None:
        """``name`` as text, or ``name_base64`` as base64."""
        if isinstance(data.get(name), str):
            return str(data[name]).encode("utf-8")
        encoded = data.get(f"{name}_base64")
        if isinstance(encoded, str):
            return self.base64(encoded, f"{name}_base64")
        if required or name in data or f"{name}_base64" in data:
            message = translate("Bundles", "'{name}' must be text (or '{name}_base64' base64)")
            raise self.fail(message.format(name=name))
        return None

    def base64(self, text: str, name: str) -> bytes:
        try:
            return base64.b64decode(text.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError) as exc:
            raise self.fail(
                translate("Bundles", "'{name}' is not valid base64").format(name=name)
            ) from exc

    def entry(self, item: Any) -> BundleEntry:
        data = self.mapping(item)
        key = self.raw(data, "key")
        assert key is not None
        if not key:
            raise self.fail(translate("Bundles", "'key' is empty"))
        value = data.get("value")
        if not isinstance(value, str):
            raise self.fail(translate("Bundles", "'value' must be text"))
        encoding = data.get("encoding")
        if encoding == "base64":
            raw = self.base64(value, "value")
        elif encoding is None:
            raw = value.encode("utf-8")
        else:
            message = translate("Bundles", "unknown encoding {encoding} (only base64)")
            raise self.fail(message.format(encoding=repr(encoding)))
        schema = data.get("schema") or ""
        revision = data.get("mod_revision") or 0
        if not isinstance(schema, str) or not isinstance(revision, int):
            raise self.fail(
                translate("Bundles", "'schema' must be text and 'mod_revision' a number")
            )
        return BundleEntry(key, raw, revision, schema)

    def entries(self, data: dict[str, Any], name: str) -> tuple[BundleEntry, ...]:
        entries = tuple(self.entry(item) for item in self.items(data, name))
        keys = [e.key for e in entries]
        if len(set(keys)) != len(keys):
            self.where.append(f".{name}")
            raise self.fail(translate("Bundles", "a key appears twice"))
        return entries

    def bundle(self, value: Any) -> Bundle:
        data = self.mapping(value)
        if data.get("format") != FORMAT:
            message = translate("Bundles", "not an etcdesk bundle (expected format: {format})")
            raise self.fail(message.format(format=FORMAT))
        revision = data.get("revision")
        if not isinstance(revision, int) or isinstance(revision, bool):
            raise self.fail(translate("Bundles", "'revision' must be a number"))
        masked = data.get("secrets_masked", False)
        if not isinstance(masked, bool):
            raise self.fail(translate("Bundles", "'secrets_masked' must be true or false"))
        groups: list[TenantBundle] = []
        for item in self.items(data, "tenants"):
            tenant_data = self.mapping(item)
            tenant = self.raw(tenant_data, "tenant")
            assert tenant is not None
            parts = tuple(tenant.strip(b"/").split(b"/"))
            if not all(parts):
                raise self.fail(translate("Bundles", "'tenant' is empty"))
            groups.append(TenantBundle(parts, self.entries(tenant_data, "configs")))
        names = [g.tenant for g in groups]
        if len(set(names)) != len(names):
            raise self.fail(translate("Bundles", "a tenant appears twice"))
        other = self.entries(data, "other")
        if other:
            groups.append(TenantBundle((), other))
        return Bundle(
            revision=revision,
            tenants=tuple(groups),
            root=str(data.get("root") or "").encode("utf-8"),
            pattern=str(data.get("pattern") or ""),
            source=str(data.get("source") or ""),
            exported_at=str(data.get("exported_at") or ""),
            secrets_masked=masked,
        )
