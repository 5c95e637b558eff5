"""Guarded writes on a real etcd: conflicts on stale bases, x-unique enforced atomically across
tenants (including two saves racing for the same domain), all-or-nothing creates and group
deletes, size limits checked before anything is written."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from etcdesk.core.edits import (
    SaveResult,
    UniquenessError,
    _scan,
    create_values,
    delete_group,
    delete_value,
    save_value,
)
from etcdesk.core.errors import Conflict, TooLarge
from etcdesk.core.etcd_process import EtcdMember
from etcdesk.core.etcd_store import MAX_REQUEST_BYTES, ConnectionSpec, EtcdStore, KeyValue
from etcdesk.core.layout import Layout, layout_from_mapping
from etcdesk.core.schemas import SchemaRegistry
from helpers import bulk_put, server_keys

ROUNDS = 20


@pytest.fixture(scope="module")
def registry() -> SchemaRegistry:
    return SchemaRegistry.bundled()


@pytest.fixture
def certs(prefix: bytes) -> Layout:
    """The test's root with the bundled schema rules."""
    return layout_from_mapping(
        {
            "root": prefix.decode(),
            "pattern": "{tenant}/{config...}",
            "schemas": [{"match": "certificate", "schema": "certificate.schema.yaml"}],
        }
    )


def cert(domain: str, issuer: str = "Example CA") -> bytes:
    return (
        f"domain: {domain}\nissuer: {issuer}\n"
        'not_before: "2025-01-01T00:00:00Z"\nnot_after: "2026-01-01T00:00:00Z"\n'
        'cert_pem: "-----BEGIN CERTIFICATE-----\\nMIIB"\n'
        'private_key_pem: "-----BEGIN PRIVATE KEY-----\\nMIIE"\n'
    ).encode()


def save_cert(
    store: EtcdStore, layout: Layout, registry: SchemaRegistry, tenant: str, domain: str, base: int
) -> SaveResult:
    key = layout.build((tenant.encode(),), b"certificate")
    return save_value(store, key, cert(domain), base, layout=layout, registry=registry)


def current(store: EtcdStore, key: bytes) -> KeyValue | None:
    return store.get(key).kv


# -- plain guarded saves ----------------------------------------------------------------------


def test_save_create_update_and_stale_base(store: EtcdStore, prefix: bytes) -> None:
    key = prefix + b"acme/ratelimit"
    created = save_value(store, key, b'{"requests_per_second": 1}', 0)
    assert created.key == key and current(store, key) is not None
    updated = save_value(store, key, b'{"requests_per_second": 2}', created.revision)
    assert updated.revision > created.revision
    with pytest.raises(Conflict) as info:
        save_value(store, key, b'{"requests_per_second": 3}', created.revision)
    now = info.value.current
    assert isinstance(now, KeyValue) and now.value == b'{"requests_per_second": 2}'
    assert now.mod_revision == updated.revision


def test_too_large_is_refused_before_any_read_or_write(
    store: EtcdStore, certs: Layout, registry: SchemaRegistry
) -> None:
    key = certs.build((b"acme",), b"certificate")
    huge = cert("acme.example.com", issuer="x" * MAX_REQUEST_BYTES)
    with pytest.raises(TooLarge, match="at most"):
        save_value(store, key, huge, 0, layout=certs, registry=registry)
    assert current(store, key) is None


# -- x-unique ---------------------------------------------------------------------------------


def test_a_unique_field_used_by_another_tenant_is_refused(
    store: EtcdStore, certs: Layout, registry: SchemaRegistry
) -> None:
    acme = save_cert(store, certs, registry, "acme", "shop.example.com", 0)
    globex_key = certs.build((b"globex",), b"certificate")
    with pytest.raises(UniquenessError) as info:
        save_cert(store, certs, registry, "globex", "shop.example.com", 0)
    error = info.value
    assert str(error) == f"domain 'shop.example.com' is already used by {acme.key.decode()}"
    assert (error.path, error.value, error.other_key) == (("domain",), "shop.example.com", acme.key)
    assert current(store, globex_key) is None
    # Another domain is fine, and so is saving acme's own certificate again.
    save_cert(store, certs, registry, "globex", "globex.example.com", 0)
    acme_now = current(store, acme.key)
    assert acme_now is not None
    save_cert(store, certs, registry, "acme", "shop.example.com", acme_now.mod_revision)


def test_hostnames_collide_whatever_their_case(
    store: EtcdStore, certs: Layout, registry: SchemaRegistry
) -> None:
    save_cert(store, certs, registry, "acme", "Shop.Example.COM", 0)
    with pytest.raises(UniquenessError, match=r"'shop\.example\.com\.' is already used"):
        save_cert(store, certs, registry, "globex", "shop.example.com.", 0)


def test_uniqueness_is_per_config_and_uses_the_given_schema_and_data(
    store: EtcdStore, certs: Layout, registry: SchemaRegistry
) -> None:
    schema = registry.get("certificate.schema.yaml")
    save_cert(store, certs, registry, "acme", "a.example.com", 0)
    other_leaf = certs.build((b"globex",), b"staging/certificate")
    # A different config path: not compared with the tenants' "certificate".
    save_value(store, other_leaf, cert("a.example.com"), 0, layout=certs, schema=schema)
    with pytest.raises(UniquenessError):  # but the same path is, wherever the schema came from
        save_value(
            store,
            certs.build((b"initech",), b"staging/certificate"),
            b"not even parsed",
            0,
            layout=certs,
            schema=schema,
            data={"domain": "a.example.com"},
        )


def test_a_unique_secret_is_not_repeated_in_the_message(store: EtcdStore, prefix: bytes) -> None:
    layout = layout_from_mapping({"root": prefix.decode(), "pattern": "{tenant}/{config...}"})
    schema = {"properties": {"token": {"type": "string", "x-unique": True, "x-secret": True}}}
    save_value(store, prefix + b"acme/api", b'{"token": "s3cr3t"}', 0, layout=layout, schema=schema)
    with pytest.raises(UniquenessError) as info:
        save_value(
            store, prefix + b"globex/api", b'{"token": "s3cr3t"}', 0, layout=layout, schema=schema
        )
    assert str(info.value) == f"token the same value is already used by {prefix.decode()}acme/api"
    assert "s3cr3t" not in str(info.value)


def test_uniqueness_spans_every_group_level(store: EtcdStore, prefix: bytes) -> None:
    layout = layout_from_mapping(
        {"root": prefix.decode(), "pattern": "{env}/tenants/{tenant}/{config...}"}
    )
    schema = {"properties": {"domain": {"type": "string", "x-unique": True}}}
    bulk_put(store, [(prefix + b"prod/tenants/acme/site", b'{"domain": "a.io"}')])
    bulk_put(store, [(prefix + b"prod/odd-key", b'{"domain": "b.io"}')])  # not a config
    save_value(store, prefix + b"dev/tenants/x/site", b'{"domain": "b.io"}', 0, layout=layout,
               schema=schema)  # fmt: skip
    with pytest.raises(UniquenessError, match="prod/tenants/acme/site"):
        save_value(store, prefix + b"dev/tenants/y/site", b'{"domain": "a.io"}', 0, layout=layout,
                   schema=schema)  # fmt: skip


def test_a_commit_after_someone_elses_scan_is_caught(
    store: EtcdStore, certs: Layout, registry: SchemaRegistry
) -> None:
    """The interleaving the range compare exists for, step by step: scan, their save, commit."""
    mine = certs.build((b"globex",), b"certificate")
    revision, others = _scan(store, certs, mine, b"certificate")
    assert others == {}
    save_cert(store, certs, registry, "acme", "race.example.com", 0)  # lands after my scan
    assert (
        store.put_if_unchanged_since(mine, cert("race.example.com"), 0, certs.root, revision)
        is None
    )
    assert current(store, mine) is None
    with pytest.raises(UniquenessError):  # what save_value does next: scan again
        save_cert(store, certs, registry, "globex", "race.example.com", 0)


def test_a_changed_key_is_a_conflict_even_with_unique_fields(
    store: EtcdStore, certs: Layout, registry: SchemaRegistry
) -> None:
    first = save_cert(store, certs, registry, "acme", "a.example.com", 0)
    second = save_cert(store, certs, registry, "acme", "b.example.com", first.revision)
    with pytest.raises(Conflict) as info:
        save_cert(store, certs, registry, "acme", "c.example.com", first.revision)
    assert isinstance(info.value.current, KeyValue)
    assert info.value.current.mod_revision == second.revision
    with pytest.raises(Conflict):
        store.put_if_unchanged_since(first.key, b"x", first.revision, certs.root, second.revision)


def _race(
    etcd_server: EtcdMember, certs: Layout, registry: SchemaRegistry, domain: str, round_: int
) -> list[Any]:
    """Two people, two connections, the same domain for two tenants at the same moment."""
    tenants = [f"r{round_}-a", f"r{round_}-b"]
    clients = [EtcdStore(ConnectionSpec((etcd_server.endpoint,), timeout=5)) for _ in tenants]
    barrier = threading.Barrier(len(tenants))
    outcomes: list[Any] = [None] * len(tenants)

    def run(index: int) -> None:
        barrier.wait()
        try:
            outcomes[index] = save_cert(clients[index], certs, registry, tenants[index], domain, 0)
        except Exception as exc:
            outcomes[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(tenants))]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        for client in clients:
            client.close()
    return outcomes


def test_two_saves_racing_for_one_domain_exactly_one_wins(
    etcd_server: EtcdMember, store: EtcdStore, certs: Layout, registry: SchemaRegistry
) -> None:
    for round_ in range(ROUNDS):
        domain = f"race{round_}.example.com"
        outcomes = _race(etcd_server, certs, registry, domain, round_)
        wins = [o for o in outcomes if isinstance(o, SaveResult)]
        losses = [o for o in outcomes if isinstance(o, UniquenessError)]
        assert len(wins) == 1 and len(losses) == 1, outcomes
        assert losses[0].other_key == wins[0].key
    # And etcd agrees: every domain is held by exactly one certificate.
    _revision, stored = _scan(store, certs, b"", b"certificate")
    domains = sorted(data["domain"] for data in stored.values())
    assert domains == sorted(f"race{r}.example.com" for r in range(ROUNDS))


# -- group writes -----------------------------------------------------------------------------


def test_create_values_is_all_or_nothing(store: EtcdStore, prefix: bytes) -> None:
    items = [(prefix + b"new/" + name, b"{}") for name in (b"quota", b"features", b"ratelimit")]
    done = create_values(store, items)
    assert done.key == items[0][0]
    assert sorted(server_keys(store, prefix)) == sorted(k for k, _ in items)
    again = [(prefix + b"next/quota", b"{}"), (prefix + b"new/features", b"{}")]
    with pytest.raises(Conflict, match=r"already exists: .*new/features") as info:
        create_values(store, again)
    assert isinstance(info.value.current, KeyValue)
    assert current(store, prefix + b"next/quota") is None  # nothing of the batch was written
    too_many = [(prefix + b"bulk/%d" % i, b"") for i in range(129)]
    with pytest.raises(TooLarge, match=r"129 keys to create.*at most 128"):
        create_values(store, too_many)
    with pytest.raises(ValueError, match="distinct"):
        create_values(store, [(prefix + b"x", b""), (prefix + b"x", b"")])


def test_delete_value_is_guarded(store: EtcdStore, prefix: bytes) -> None:
    key = prefix + b"acme/quota"
    first = store.put_guarded(key, b"{}", 0)
    second = store.put_guarded(key, b"{ }", first)
    with pytest.raises(Conflict):
        delete_value(store, key, first)
    assert current(store, key) is not None
    delete_value(store, key, second)
    assert current(store, key) is None


def _tenant(store: EtcdStore, tenant: bytes) -> tuple[dict[bytes, int], int]:
    listing = store.get_range(tenant, tenant + b"\xff", keys_only=True)
    return {kv.key: kv.mod_revision for kv in listing.kvs}, listing.revision


def test_delete_group(store: EtcdStore, prefix: bytes) -> None:
    tenant = prefix + b"acme/"
    bulk_put(store, [(tenant + n, b"{}") for n in (b"quota", b"features", b"cert")])
    bulk_put(store, [(prefix + b"acme-two/quota", b"{}")])  # shares the text, not the prefix
    expected, revision = _tenant(store, tenant)
    # Someone edits one key: refused, nothing deleted.
    store.put_guarded(tenant + b"quota", b'{"users": 2}', expected[tenant + b"quota"])
    with pytest.raises(Conflict, match="acme/quota"):
        delete_group(store, tenant, expected, revision)
    assert len(server_keys(store, tenant)) == 3
    # Someone adds a key after the listing: refused as well.
    expected, revision = _tenant(store, tenant)
    bulk_put(store, [(tenant + b"extra", b"{}")])
    with pytest.raises(Conflict, match="acme/extra"):
        delete_group(store, tenant, expected)
    expected, revision = _tenant(store, tenant)
    deleted = delete_group(store, tenant, expected, revision)
    assert deleted.key == tenant and server_keys(store, tenant) == []
    assert server_keys(store, prefix + b"acme-two/") == [prefix + b"acme-two/quota"]


def test_get_many_reads_one_past_revision(store: EtcdStore, prefix: bytes) -> None:
    keys = [prefix + b"k%03d" % i for i in range(300)]
    revision = bulk_put(store, [(k, b"old") for k in keys])
    bulk_put(store, [(k, b"new") for k in keys])
    found = store.get_many([*keys, prefix + b"absent"], revision)
    assert len(found) == 300 and {kv.value for kv in found.values()} == {b"old"}
