"""Bundles: the file format, export at one revision, planned and guarded import, clone (issue 8).

Everything that touches etcd runs against the real server; a "concurrent" write is a real put
made between the plan and the apply.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etcdesk.core.bundle_import import (
    CHANGE,
    CREATE,
    DELETE,
    ImportBlocked,
    apply_clone,
    apply_import,
    plan_clone,
    plan_import,
)
from etcdesk.core.bundles import (
    Bundle,
    BundleEntry,
    BundleError,
    TenantBundle,
    dumps,
    export_bundle,
    key_from_text,
    loads,
    read_bundle,
    write_bundle,
)
from etcdesk.core.errors import Conflict, NotFound
from etcdesk.core.etcd_store import EtcdStore
from etcdesk.core.journal import Author, Journal, JournalQuery, read_journal
from etcdesk.core.layout import Layout, display, layout_from_mapping
from etcdesk.core.masking import MASK
from etcdesk.core.schemas import SchemaRegistry
from etcdesk.core.validation import check_configs, parse_config
from helpers import bulk_put, server_keys

RATE = json.dumps({"requests_per_second": 100, "mode": "enforce"}).encode()
RATE_2 = json.dumps({"requests_per_second": 250, "mode": "shadow"}).encode()
BAD_RATE = json.dumps({"requests_per_second": 0, "mode": "enforce"}).encode()


def cert(domain: str) -> bytes:
    return json.dumps(
        {
            "domain": domain,
            "cert_pem": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            "private_key_pem": "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
            "not_before": "2026-01-01T00:00:00Z",
            "not_after": "2027-01-01T00:00:00Z",
        }
    ).encode()


def make_layout(root: bytes) -> Layout:
    return layout_from_mapping(
        {
            "root": root.decode(),
            "pattern": "{tenant}/{config...}",
            "schemas": [
                {"match": "ratelimit", "schema": "ratelimit.schema.yaml"},
                {"match": "certificate", "schema": "certificate.schema.yaml"},
            ],
            "journal": root.decode() + "~journal/",  # under the root: exports must skip it
        },
        source="test",
    )


@pytest.fixture
def slayout(prefix: bytes) -> Layout:
    return make_layout(prefix)


@pytest.fixture
def registry() -> SchemaRegistry:
    return SchemaRegistry.bundled()


@pytest.fixture
def journal(slayout: Layout) -> Journal:
    assert slayout.journal is not None
    return Journal(slayout.journal, Author("alice", "ops", "desk-1"))


def seed(store: EtcdStore, prefix: bytes) -> int:
    return bulk_put(
        store,
        [
            (prefix + b"acme/ratelimit", RATE),
            (prefix + b"acme/notes/readme", b"plain text\n"),
            (prefix + "华东物流/ratelimit".encode(), RATE_2),
            (prefix + b"\xff\xfe/blob", b"\x00\x01\x02"),
            (prefix + b"stray", b"not in any tenant"),
            (prefix + b"~journal/acme/old-entry", b"{}"),
        ],
    )


# -- the file format -------------------------------------------------------------------------

TRICKY = [
    b"",
    b"one line",
    b"two\nlines\n",
    b"no final newline\nhere",
    b"trailing spaces  \nline\n",
    b"\n\nleading blank lines\n",
    b"  indented first line\nx\n",
    b"windows\r\nline ends\r\n",
    b"\ttabs\tinside\n",
    "中文配置\n值: 1\n".encode(),
    b"1234",
    b"true",
    b"null",
    b"- a\n- b\n",
    b"# only a comment\n",
    b"\x00\x01binary\xff",
    "a\u2028separator\n".encode(),
    b"keep\n\n\n",
]


def test_dump_and_load_round_trip_values_keys_and_tenants_exactly() -> None:
    entries = tuple(BundleEntry(f"k{i}".encode(), v, i + 1) for i, v in enumerate(TRICKY))
    bundle = Bundle(
        42,
        (
            TenantBundle((b"acme",), entries),
            TenantBundle(("华东物流".encode(),), (BundleEntry(b"ratelimit", RATE, 7, "r.yaml"),)),
            TenantBundle((b"\xff\xfe",), (BundleEntry(b"bin\xffkey", b"x"),)),
            TenantBundle((), (BundleEntry(b"stray", b"s"),)),
        ),
        root=b"/tenants/",
        pattern="{tenant}/{config...}",
    )
    text = dumps(bundle)
    assert "tenant_base64:" in text and "key_base64:" in text and "encoding: base64" in text
    assert "华东物流" in text  # UTF-8 stays readable
    assert "two\n" in text.replace("    ", "")  # multi-line text as a block, not escaped
    back = loads(text)
    assert back == bundle


def test_load_refuses_aliases_and_bad_shapes_saying_where(tmp_path: Path) -> None:
    bomb = (
        "format: etcdesk-bundle/1\nrevision: 1\n"
        'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
        "c: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    )
    with pytest.raises(BundleError, match="aliases"):
        loads(bomb)
    with pytest.raises(BundleError, match="not an etcdesk bundle"):
        loads("format: something-else\n")
    base = "format: etcdesk-bundle/1\nrevision: 3\ntenants:\n- tenant: acme\n  configs:\n"
    with pytest.raises(BundleError, match=r"tenants\[0\]\.configs\[1\]: 'value' must be text"):
        loads(base + "  - {key: a, value: x}\n  - {key: b, value: 5}\n")
    with pytest.raises(BundleError, match="not valid base64"):
        loads(base + "  - {key: a, value: '!!', encoding: base64}\n")
    with pytest.raises(BundleError, match="a key appears twice"):
        loads(base + "  - {key: a, value: x}\n  - {key: a, value: y}\n")
    with pytest.raises(BundleError, match="deeper"):
        loads("format: etcdesk-bundle/1\nrevision: 1\nx: " + "[" * 20 + "]" * 20 + "\n")
    missing = tmp_path / "missing.yaml"
    with pytest.raises(BundleError, match="cannot read"):
        read_bundle(missing)


def test_key_from_text_reads_escapes_as_display_writes_them() -> None:
    for key in (b"/t/acme/x", "/t/华东/x".encode(), b"/t/\xff\xfe/blob"):
        assert key_from_text(display(key)) == key


# -- export ----------------------------------------------------------------------------------


def test_export_whole_root_at_one_revision_without_the_journal(
    store: EtcdStore, prefix: bytes, slayout: Layout, tmp_path: Path
) -> None:
    revision = seed(store, prefix)
    store.put_guarded(prefix + b"acme/ratelimit", RATE_2, revision)  # after R
    bundle = export_bundle(store, slayout, revision=revision, source="test")
    assert bundle.revision == revision
    names = [t.name for t in bundle.tenants]
    assert names == ["acme", "华东物流", "\\xff\\xfe", ""]  # other keys last
    acme = bundle.tenants[0]
    assert {e.key: e.value for e in acme.entries} == {
        b"ratelimit": RATE,  # as at R, not the later write
        b"notes/readme": b"plain text\n",
    }
    assert acme.entries[1].schema == "ratelimit.schema.yaml"
    assert [e.key for e in bundle.tenants[-1].entries] == [b"stray"]
    path = tmp_path / "all.yaml"
    write_bundle(bundle, path)
    assert read_bundle(path) == bundle


def test_export_named_tenants_and_a_missing_one(
    store: EtcdStore, prefix: bytes, slayout: Layout
) -> None:
    seed(store, prefix)
    bundle = export_bundle(store, slayout, [(b"acme",)])
    assert [t.name for t in bundle.tenants] == ["acme"]
    with pytest.raises(NotFound, match="nobody"):
        export_bundle(store, slayout, [(b"nobody",)])


def test_export_with_secrets_masked_then_import_is_refused(
    store: EtcdStore, prefix: bytes, slayout: Layout, registry: SchemaRegistry, tmp_path: Path
) -> None:
    yaml_cert = b"domain: b.example.com\nprivate_key_pem: |\n  -----BEGIN KEY-----\n  YKEY\n"
    bulk_put(
        store,
        [
            (prefix + b"acme/certificate", cert("shop.example.com")),
            (prefix + b"acme/ratelimit", RATE),
            (prefix + b"beta/certificate", yaml_cert),
            (prefix + b"gamma/certificate", b"{broken json MIIE"),
            (prefix + b"stray", b"MIIE outside any tenant: no schema"),
        ],
    )
    bundle = export_bundle(store, slayout, mask_secrets=registry)
    assert bundle.secrets_masked
    values = {(t.name, e.key): e.value for t in bundle.tenants for e in t.entries}
    acme = json.loads(values[("acme", b"certificate")])
    assert acme["private_key_pem"] == MASK and acme["domain"] == "shop.example.com"
    assert "MIIB" in acme["cert_pem"]  # only the x-secret field is masked
    beta = values[("beta", b"certificate")].decode()
    assert "YKEY" not in beta and MASK in beta and "b.example.com" in beta
    gamma = values[("gamma", b"certificate")].decode()
    assert "MIIE" not in gamma and gamma.startswith("(value withheld")
    assert values[("acme", b"ratelimit")] == RATE  # no secrets: exactly as stored
    assert values[("", b"stray")].startswith(b"MIIE")
    text = dumps(bundle)
    assert "MIIE" not in text.replace("MIIE outside", "") and "YKEY" not in text
    assert "secrets_masked: true" in text
    assert loads(text) == bundle and loads(text).select(["acme"]).secrets_masked
    assert "secrets_masked" not in dumps(export_bundle(store, slayout))  # clear: as before
    with pytest.raises(BundleError, match="'secrets_masked' must be true or false"):
        loads(text.replace("secrets_masked: true", "secrets_masked: maybe"))
    path = tmp_path / "masked.yaml"
    write_bundle(bundle, path)
    target = make_layout(prefix + b"copy/")
    message = (
        "this bundle was exported with secret fields masked (audit mode); it cannot be imported"
        " — export it again from a profile that may reveal secrets"
    )
    with pytest.raises(BundleError) as refused:
        plan_import(store, read_bundle(path), target, registry)
    assert str(refused.value) == message
    assert server_keys(store, prefix + b"copy/") == []


# -- import ----------------------------------------------------------------------------------


def test_import_into_another_root_then_again_changes_nothing(
    store: EtcdStore, prefix: bytes, slayout: Layout, registry: SchemaRegistry
) -> None:
    seed(store, prefix)
    bundle = export_bundle(store, slayout)
    target = make_layout(prefix + b"copy/")
    journal = Journal(target.journal or b"", Author("bob", "ops", "desk-2"))
    plan = plan_import(store, bundle, target, registry)
    assert not plan.problems
    assert {t.name: t.count(CREATE) for t in plan.tenants} == {
        "acme": 2,
        "华东物流": 1,
        "\\xff\\xfe": 1,
        "(other keys)": 1,
    }
    results = apply_import(store, plan, journal=journal, comment="move")
    assert [r.status for r in results] == ["applied"] * 4
    assert store.get(prefix + b"copy/acme/ratelimit").kv.value == RATE  # type: ignore[union-attr]
    assert store.get(prefix + b"copy/\xff\xfe/blob").kv.value == b"\x00\x01\x02"  # type: ignore[union-attr]
    entries = read_journal(store, target.journal or b"", JournalQuery())
    assert sorted(e.group for e in entries) == sorted(["acme", "华东物流", "\\xff\\xfe", "~other"])
    assert {e.action for e in entries} == {"import"} and entries[0].comment == "move"
    again = plan_import(store, bundle, target, registry)
    assert again.empty and sum(t.unchanged for t in again.tenants) == 5


def test_plan_changes_and_deletes_only_when_asked(
    store: EtcdStore, prefix: bytes, slayout: Layout, registry: SchemaRegistry
) -> None:
    seed(store, prefix)
    bundle = export_bundle(store, slayout, [(b"acme",)])
    revision = store.get(prefix).revision
    store.put_guarded(
        prefix + b"acme/ratelimit", RATE_2, store.get(prefix + b"acme/ratelimit").kv.mod_revision
    )  # type: ignore[union-attr]
    store.put_guarded(prefix + b"acme/extra", b"new", 0)
    kept = plan_import(store, bundle, slayout, registry)
    assert [(display(c.key), c.kind) for c in kept.tenants[0].changes] == [
        (display(prefix) + "acme/ratelimit", CHANGE)
    ]
    full = plan_import(store, bundle, slayout, registry, delete_missing=True)
    assert [c.kind for c in full.tenants[0].changes] == [DELETE, CHANGE]
    old = plan_import(store, bundle, slayout, registry, delete_missing=True, revision=revision)
    assert old.tenants[0].changes == ()  # at the export's revision nothing differs
    results = apply_import(store, full)
    assert results[0].status == "applied"
    assert store.get(prefix + b"acme/extra").kv is None
    assert store.get(prefix + b"acme/ratelimit").kv.value == RATE  # type: ignore[union-attr]


def test_invalid_values_block_the_import(
    store: EtcdStore, prefix: bytes, slayout: Layout, registry: SchemaRegistry
) -> None:
    bundle = Bundle(
        1,
        (
            TenantBundle((b"acme",), (BundleEntry(b"ratelimit", BAD_RATE),)),
            TenantBundle((b"beta",), (BundleEntry(b"ratelimit", b"{not json"),)),
        ),
    )
    plan = plan_import(store, bundle, slayout, registry)
    assert [(display(p.key)[len(prefix) :], p.path) for p in plan.problems] == [
        ("acme/ratelimit", "$.requests_per_second"),
        ("beta/ratelimit", "$"),
    ]
    assert "at least 1" in plan.problems[0].message
    assert "does not parse as JSON" in plan.problems[1].message
    with pytest.raises(ImportBlocked):
        apply_import(store, plan)
    assert server_keys(store, prefix) == []


def test_a_tenant_over_the_transaction_limit_is_refused_whole_and_others_go_ahead(
    store: EtcdStore, prefix: bytes, slayout: Layout, registry: SchemaRegistry, journal: Journal
) -> None:
    big = tuple(BundleEntry(f"flags/{i:03}".encode(), b"on") for i in range(128))
    small = (BundleEntry(b"notes", b"hello"),)
    bundle = Bundle(1, (TenantBundle((b"big",), big), TenantBundle((b"small",), small)))
    plan = plan_import(store, bundle, slayout, registry)
    assert "at most 128 operations" in plan.tenants[0].refusal
    results = apply_import(store, plan, journal=journal)
    assert [r.status for r in results] == ["refused", "applied"]
    assert "nothing is written for this tenant" in results[0].message
    assert server_keys(store, prefix + b"big/") == []
    assert server_keys(store, prefix + b"small/") == [prefix + b"small/notes"]
    fits = Bundle(1, (TenantBundle((b"big",), big[:127]),))  # 127 keys + the journal entry
    assert apply_import(store, plan_import(store, fits, slayout, registry), journal=journal)[0].ok


def test_a_write_after_the_plan_refuses_that_tenant(
    store: EtcdStore, prefix: bytes, slayout: Layout, registry: SchemaRegistry
) -> None:
    seed(store, prefix)
    bundle = Bundle(
        1,
        (
            TenantBundle((b"acme",), (BundleEntry(b"ratelimit", RATE_2),)),
            TenantBundle((b"beta",), (BundleEntry(b"ratelimit", RATE),)),
        ),
    )
    plan = plan_import(store, bundle, slayout, registry)
    store.put_guarded(prefix + b"acme/new-config", b"x", 0)  # not a touched key: the prefix guard
    results = apply_import(store, plan)
    assert [r.status for r in results] == ["conflict", "applied"]
    assert store.get(prefix + b"acme/ratelimit").kv.value == RATE  # type: ignore[union-attr]
    # A key of the tenant deleted after the plan (untouched by it): the prefix compare cannot
    # see a delete, the compare of every key can.
    plan = plan_import(store, bundle, slayout, registry)
    kv = store.get(prefix + b"acme/new-config").kv
    assert kv is not None
    store.delete_guarded(kv.key, kv.mod_revision)
    assert [r.status for r in apply_import(store, plan)] == ["conflict", "unchanged"]
    assert store.get(prefix + b"acme/ratelimit").kv.value == RATE  # type: ignore[union-attr]


# -- clone and uniqueness --------------------------------------------------------------------


def test_clone_copies_every_config_and_refuses_an_existing_tenant(
    store: EtcdStore, prefix: bytes, slayout: Layout, registry: SchemaRegistry, journal: Journal
) -> None:
    seed(store, prefix)
    plan = plan_clone(store, slayout, registry, (b"acme",), (b"acme-2",))
    result = apply_clone(store, plan, journal=journal)
    assert result.status == "applied"
    assert server_keys(store, prefix + b"acme-2/") == [
        prefix + b"acme-2/notes/readme",
        prefix + b"acme-2/ratelimit",
    ]
    entry = read_journal(store, slayout.journal or b"", JournalQuery(group=b"acme-2"))[0]
    assert entry.action == "clone" and entry.comment == "clone of acme"
    with pytest.raises(Conflict, match="already has 2 key"):
        plan_clone(store, slayout, registry, (b"acme",), (b"acme-2",))
    with pytest.raises(NotFound):
        plan_clone(store, slayout, registry, (b"ghost",), (b"ghost-2",))
    plan = plan_clone(store, slayout, registry, (b"acme",), (b"late",))
    store.put_guarded(prefix + b"late/ratelimit", RATE, 0)  # someone creates it meanwhile
    assert apply_clone(store, plan).status == "conflict"
    assert server_keys(store, prefix + b"late/") == [prefix + b"late/ratelimit"]


def test_unique_values_are_checked_for_clone_and_import(
    store: EtcdStore, prefix: bytes, slayout: Layout, registry: SchemaRegistry
) -> None:
    bulk_put(
        store,
        [(prefix + b"acme/certificate", cert("shop.example.com")), (prefix + b"acme/x", b"1")],
    )
    plan = plan_clone(store, slayout, registry, (b"acme",), (b"acme-2",))
    assert [(p.path, "already used" in p.message) for p in plan.problems] == [("$.domain", True)]
    with pytest.raises(ImportBlocked):
        apply_clone(store, plan)
    without = plan_clone(store, slayout, registry, (b"acme",), (b"acme-2",), ["certificate"])
    assert not without.problems and apply_clone(store, without).ok
    clash = Bundle(
        1, (TenantBundle((b"beta",), (BundleEntry(b"certificate", cert("SHOP.example.com.")),)),)
    )
    assert [p.path for p in plan_import(store, clash, slayout, registry).problems] == ["$.domain"]
    own = Bundle(
        1, (TenantBundle((b"acme",), (BundleEntry(b"certificate", cert("shop.example.com")),)),)
    )
    assert not plan_import(store, own, slayout, registry).problems  # its own key is no clash


def test_check_configs_reports_key_and_json_path(slayout: Layout, prefix: bytes) -> None:
    registry = SchemaRegistry.bundled()
    problems = check_configs(
        registry,
        slayout,
        [
            (prefix + b"acme/ratelimit", b"requests_per_second: 5\nmode: enforce\n"),
            (prefix + b"beta/ratelimit", b'{"requests_per_second": "x", "mode": "loud"}'),
            (prefix + b"gamma/ratelimit", b"\xff\x00"),
            (prefix + b"delta/unknown", b"anything"),
        ],
    )
    where = [(display(p.key)[len(prefix) :], p.path) for p in problems]
    assert where == [
        ("beta/ratelimit", "$.mode"),
        ("beta/ratelimit", "$.requests_per_second"),
        ("gamma/ratelimit", "$"),
    ]
    assert str(problems[0]).startswith(display(prefix) + "beta/ratelimit: $.mode: ")
    assert parse_config(b"not_after: 2026-01-01T00:00:00Z\n") == {
        "not_after": "2026-01-01T00:00:00Z"
    }
