"""SchemaRegistry: bundled and etcd-stored schemas, $ref between them, validation issues people
can act on (paths, messages, formats really checked), the effective schema a form renders,
variants and defaults. Schemas in etcd are read from a real server."""

from __future__ import annotations

import json
from typing import Any

import pytest

from etcdesk.core.etcd_store import EtcdStore
from etcdesk.core.layout import layout_from_mapping
from etcdesk.core.schemas import (
    SchemaError,
    SchemaRegistry,
    ValidationIssue,
    get_path,
    json_path,
    secret_paths,
    unique_paths,
)
from helpers import bulk_put

RATELIMIT = "ratelimit.schema.yaml"
# A few hundred bytes that expand to 10^7 nodes ("billion laughs"): refused, not expanded.
ALIAS_BOMB = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 7)
)


@pytest.fixture(scope="module")
def bundled() -> SchemaRegistry:
    return SchemaRegistry.bundled()


def registry_with(**schemas: dict[str, Any]) -> SchemaRegistry:
    registry = SchemaRegistry()
    for name, schema in schemas.items():
        registry.add_text(name.replace("_", "-") + ".json", json.dumps(schema))
    return registry


def messages(issues: list[ValidationIssue]) -> dict[str, str]:
    return {issue.json_path: issue.message for issue in issues}


# -- the bundled schemas ------------------------------------------------------------------------


def test_bundled_schemas_are_all_loaded(bundled: SchemaRegistry) -> None:
    assert bundled.names() == [
        "certificate.schema.yaml",
        "features.schema.yaml",
        "quota.schema.yaml",
        "ratelimit.schema.yaml",
    ]
    assert bundled.origin(RATELIMIT) == "bundled"
    assert bundled.get("nope.schema.yaml") is None


def test_valid_document_has_no_issues(bundled: SchemaRegistry) -> None:
    data = {
        "requests_per_second": 50,
        "mode": "shadow",
        "per_endpoint": [{"path": "/v1", "rps": 5}],
    }
    assert bundled.validate(bundled.get(RATELIMIT) or {}, data) == []


def test_issues_name_the_field_and_read_like_sentences(bundled: SchemaRegistry) -> None:
    data = {
        "requests_per_second": 0,
        "mode": "loud",
        "per_endpoint": [{"path": "/v1", "rps": 0}, {"path": "v2", "rps": 3, "methods": []}],
        "whitelist_ips": ["10.0.0.1", "10.0.0.300"],
        "colour": "red",
    }
    issues = bundled.validate(bundled.get(RATELIMIT) or {}, data)
    assert messages(issues) == {
        "$": "unknown property 'colour' is not allowed here",
        "$.mode": "must be one of 'enforce', 'shadow' or 'off'",
        "$.per_endpoint[0].rps": "must be at least 1",
        "$.per_endpoint[1].methods": "must have at least 1 item",
        "$.per_endpoint[1].path": "does not match the expected pattern ^/",
        "$.requests_per_second": "must be at least 1",
        "$.whitelist_ips[1]": "'10.0.0.300' is not a valid IPv4 address",
    }
    rps = next(i for i in issues if i.json_path == "$.per_endpoint[0].rps")
    assert rps.path == ("per_endpoint", 0, "rps")
    assert [i.path for i in issues] == sorted(
        (i.path for i in issues), key=lambda p: [(isinstance(x, str), x) for x in p]
    )


def test_a_missing_required_field_is_reported_at_that_field(bundled: SchemaRegistry) -> None:
    issues = bundled.validate(bundled.get(RATELIMIT) or {}, {"burst": 5})
    assert messages(issues) == {
        "$.mode": "is required",
        "$.requests_per_second": "is required",
    }


def test_wrong_types_are_named_plainly(bundled: SchemaRegistry) -> None:
    data = {"requests_per_second": "fast", "mode": "off", "per_endpoint": {}}
    assert messages(bundled.validate(bundled.get(RATELIMIT) or {}, data)) == {
        "$.per_endpoint": "must be a list",
        "$.requests_per_second": "must be a whole number",
    }


@pytest.mark.parametrize(
    ("fmt", "good", "bad", "name"),
    [
        ("date", "2025-02-28", "2025-02-30", "date (YYYY-MM-DD)"),
        ("date-time", "2025-01-31T09:30:00Z", "2025-01-31 9:30", "date and time"),
        ("time", "09:30:00+02:00", "25:00:00Z", "time"),
        ("email", "ops@example.com", "ops.example.com", "email address"),
        ("uri", "https://example.com/a?b=1", "example.com/a", "URI"),
        ("hostname", "shop.example.com", "shop_.example..com", "hostname"),
        ("ipv4", "192.168.0.1", "192.168.0.256", "IPv4 address"),
        ("ipv6", "2001:db8::1", "2001:db8:::1", "IPv6 address"),
    ],
)
def test_formats_are_really_checked(fmt: str, good: str, bad: str, name: str) -> None:
    registry = registry_with(f={"type": "object", "properties": {"v": {"format": fmt}}})
    schema = registry.get("f.json") or {}
    assert registry.validate(schema, {"v": good}) == []
    [issue] = registry.validate(schema, {"v": bad})
    assert issue.path == ("v",)
    assert issue.message.startswith(f"'{bad}' is not a valid {name}")


def test_a_secret_value_never_appears_in_a_message(bundled: SchemaRegistry) -> None:
    secret = "hunter2-private-key-material"
    issues = bundled.validate(
        bundled.get("certificate.schema.yaml") or {}, {"private_key_pem": secret}
    )
    key_issue = next(i for i in issues if i.path == ("private_key_pem",))
    assert "pattern" in key_issue.message
    assert all(secret not in str(i) for i in issues)


def test_json_path_of_unusual_keys() -> None:
    assert json_path(()) == "$"
    assert json_path(("a b", 0, "x")) == '$["a b"][0].x'
    assert json_path(("租户", "1x", "ok_2")) == '$.租户["1x"].ok_2'
    assert str(ValidationIssue(("a",), "is required")) == "$.a: is required"


def test_one_of_issues_come_from_the_chosen_variant() -> None:
    storage = {
        "oneOf": [
            {"type": "object", "properties": {"kind": {"const": "s3"}, "bucket": {"minLength": 3}}},
            {
                "type": "object",
                "properties": {"kind": {"const": "disk"}, "path": {"pattern": "^/"}},
            },
        ]
    }
    registry = registry_with(s=storage)
    schema = registry.get("s.json") or {}
    issues = registry.validate(schema, {"kind": "disk", "path": "relative"})
    assert messages(issues) == {"$.path": "does not match the expected pattern ^/"}


def test_one_of_with_refs_reports_the_option_of_the_right_type() -> None:
    schema = {
        "$defs": {"port": {"type": "integer", "minimum": 1, "default": 80}},
        "type": "object",
        "required": ["listen"],
        "properties": {
            "listen": {"oneOf": [{"$ref": "#/$defs/port"}, {"type": "string", "minLength": 2}]}
        },
    }
    registry = SchemaRegistry()  # not registered: local references still resolve
    assert messages(registry.validate(schema, {"listen": "x"})) == {
        "$.listen": "must be at least 2 characters"
    }
    assert messages(registry.validate(schema, {"listen": 0})) == {"$.listen": "must be at least 1"}
    assert messages(registry.validate(schema, {"listen": None})) == {
        "$.listen": "must be a whole number or text"
    }
    assert registry.resolve(schema, {})["properties"]["listen"]["oneOf"][0]["minimum"] == 1
    assert registry.default_for(schema) == {"listen": 80}


# -- $ref, registration, broken schemas -------------------------------------------------------


def test_refs_by_name_by_id_and_within_a_schema() -> None:
    registry = SchemaRegistry()
    registry.add_text(
        "common.schema.yaml",
        "$id: etcdesk:common\n$defs:\n  port: {type: integer, minimum: 1, maximum: 65535}\n",
    )
    registry.add_text(
        "svc.schema.json",
        json.dumps(
            {
                "type": "object",
                "$defs": {"name": {"type": "string", "minLength": 1}},
                "properties": {
                    "name": {"$ref": "#/$defs/name"},
                    "port": {"$ref": "common.schema.yaml#/$defs/port"},
                    "admin_port": {"$ref": "etcdesk:common#/$defs/port"},
                },
            }
        ),
    )
    schema = registry.get("svc.schema.json") or {}
    issues = registry.validate(schema, {"name": "", "port": 0, "admin_port": 70000})
    assert messages(issues) == {
        "$.admin_port": "must be at most 65535",
        "$.name": "must not be empty",
        "$.port": "must be at least 1",
    }


def test_an_unknown_ref_is_a_schema_error_naming_the_schema() -> None:
    registry = registry_with(a={"properties": {"x": {"$ref": "missing.schema.yaml"}}})
    with pytest.raises(SchemaError, match=r"a\.json.*missing\.schema\.yaml"):
        registry.validate(registry.get("a.json") or {}, {"x": 1})
    assert registry.validate(registry.get("a.json") or {}, {}) == []  # the ref is not reached


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("type: object\nproperties: [", r"bad\.schema\.yaml: not valid YAML"),
        ("- a list", r"bad\.schema\.yaml: must be a mapping"),
        (
            "type: object\nproperties:\n  n: {minimum: lots}",
            r"bad\.schema\.yaml.*\$\.properties\.n\.minimum",
        ),
        (ALIAS_BOMB, r"bad\.schema\.yaml: YAML expands to more than"),
    ],
)
def test_add_text_refuses_a_broken_schema(text: str, expected: str) -> None:
    registry = SchemaRegistry()
    with pytest.raises(SchemaError, match=expected):
        registry.add_text("bad.schema.yaml", text)
    assert registry.names() == []


def test_replacing_a_referenced_schema_takes_effect_at_once() -> None:
    registry = registry_with(
        base={"type": "integer", "minimum": 1}, user={"properties": {"n": {"$ref": "base.json"}}}
    )
    user = registry.get("user.json") or {}
    assert registry.validate(user, {"n": 5}) == []
    registry.add_text("base.json", json.dumps({"type": "integer", "minimum": 10}))
    assert messages(registry.validate(user, {"n": 5})) == {"$.n": "must be at least 10"}


def test_for_config_follows_the_layout(bundled: SchemaRegistry) -> None:
    layout = layout_from_mapping(
        {
            "root": "/tenants/",
            "pattern": "{tenant}/{config...}",
            "schemas": [
                {"match": "ratelimit*", "schema": RATELIMIT},
                {"match": "ghost", "schema": "ghost.schema.yaml"},
            ],
        }
    )
    found = bundled.for_config(layout, "ratelimit-eu")
    assert found is not None and found[0] == RATELIMIT and found[1] is bundled.get(RATELIMIT)
    assert bundled.for_config(layout, "ghost") is None
    assert bundled.for_config(layout, "features") is None


def test_schemas_in_etcd_override_bundled_ones_and_bad_ones_are_skipped(
    store: EtcdStore, prefix: bytes
) -> None:
    stricter = "type: object\nproperties:\n  requests_per_second: {type: integer, minimum: 10}\n"
    bulk_put(
        store,
        [
            (prefix + b"ratelimit.schema.yaml", stricter.encode()),
            (prefix + b"quota.schema.yaml", b"type: object\nproperties: ["),
            (prefix + b"features.schema.yaml", b'{"$ref": "nowhere.schema.yaml"}'),
            (prefix + b"new.schema.json", b'{"$ref": "ratelimit.schema.yaml"}'),
            (prefix + b"bin.schema.yaml", b"\xff\xfe"),
        ],
    )
    registry = SchemaRegistry.bundled()
    quota, features = registry.get("quota.schema.yaml"), registry.get("features.schema.yaml")
    errors = registry.load_from_store(store, prefix)
    assert len(errors) == 3
    assert any("quota.schema.yaml" in e and "not valid YAML" in e for e in errors)
    assert any("features.schema.yaml" in e and "nowhere.schema.yaml" in e for e in errors)
    assert any("bin.schema.yaml" in e and "UTF-8" in e for e in errors)
    assert registry.get("quota.schema.yaml") is quota  # the bundled ones stay
    assert registry.get("features.schema.yaml") is features
    assert registry.origin(RATELIMIT) == (prefix + b"ratelimit.schema.yaml").decode()
    new = registry.get("new.schema.json") or {}
    assert messages(registry.validate(new, {"requests_per_second": 5})) == {
        "$.requests_per_second": "must be at least 10"
    }


# -- the effective schema for the form ---------------------------------------------------------


def test_resolve_applies_if_then_against_the_data(bundled: SchemaRegistry) -> None:
    quota = bundled.get("quota.schema.yaml") or {}
    assert "support_contact" in bundled.resolve(quota, {"plan": "enterprise"})["required"]
    free = bundled.resolve(quota, {"plan": "free"})
    assert "support_contact" not in free["required"]
    assert not {"if", "then", "else"} & free.keys()
    assert free["properties"] == quota["properties"]  # nothing else changed


def test_resolve_merges_all_of_and_refs_with_sibling_overrides() -> None:
    registry = registry_with(
        named={
            "type": "object",
            "properties": {"name": {"type": "string", "title": "Name"}},
            "required": ["name"],
        },
        thing={
            "allOf": [
                {"$ref": "named.json"},
                {"properties": {"size": {"type": "integer", "minimum": 0, "maximum": 10}}},
                {"properties": {"size": {"minimum": 2}}, "required": ["size"]},
            ],
            "properties": {"name": {"title": "Display name"}},
        },
    )
    resolved = registry.resolve(registry.get("thing.json") or {}, {})
    assert resolved["required"] == ["name", "size"]
    assert resolved["properties"]["name"] == {"title": "Display name", "type": "string"}
    assert resolved["properties"]["size"] == {"type": "integer", "minimum": 2, "maximum": 10}
    assert "allOf" not in resolved and "$ref" not in json.dumps(resolved)


def test_resolve_nested_conditionals_use_the_nested_data() -> None:
    registry = registry_with(
        outer={
            "properties": {
                "tls": {
                    "properties": {"on": {"type": "boolean"}, "cert": {"type": "string"}},
                    "if": {"properties": {"on": {"const": True}}, "required": ["on"]},
                    "then": {"required": ["cert"]},
                }
            }
        }
    )
    schema = registry.get("outer.json") or {}
    on = registry.resolve(schema, {"tls": {"on": True}})["properties"]["tls"]
    off = registry.resolve(schema, {"tls": {"on": False}})["properties"]["tls"]
    assert on.get("required") == ["cert"]
    assert "required" not in off


def test_resolve_stops_at_recursion_and_the_next_level_resolves_again() -> None:
    registry = registry_with(
        tree={
            "$defs": {
                "node": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "children": {"type": "array", "items": {"$ref": "#/$defs/node"}},
                    },
                }
            },
            "$ref": "#/$defs/node",
        }
    )
    resolved = registry.resolve(registry.get("tree.json") or {}, {"name": "root"})
    child = resolved["properties"]["children"]["items"]
    assert child == {"$ref": "tree.json#/$defs/node"}
    again = registry.resolve(child, {"name": "leaf"})
    assert again["properties"]["name"] == {"type": "string"}
    data = {"name": "a", "children": [{"name": "b", "children": [{"name": 3}]}]}
    issues = registry.validate(registry.get("tree.json") or {}, data)
    assert messages(issues) == {"$.children[0].children[0].name": "must be text"}


def test_choose_variant() -> None:
    registry = SchemaRegistry()
    s3 = {"type": "object", "properties": {"kind": {"const": "s3"}, "bucket": {"type": "string"}}}
    disk = {
        "type": "object",
        "properties": {"kind": {"enum": ["disk"]}, "path": {"type": "string"}},
    }
    assert registry.choose_variant([s3, disk], {"kind": "disk", "bucket": "x"}) == 1
    assert registry.choose_variant([s3, disk], {"kind": "s3"}) == 0
    numbers = [{"type": "string"}, {"type": "integer", "minimum": 0}]
    assert registry.choose_variant(numbers, 5) == 1
    assert registry.choose_variant(numbers, "x") == 0
    assert registry.choose_variant(numbers, -5) == 1  # fewest problems: the right type
    assert registry.choose_variant(numbers, None) == 0


# -- defaults, marked paths, paths ------------------------------------------------------------


@pytest.mark.parametrize("name", ["features.schema.yaml", "quota.schema.yaml", RATELIMIT])
def test_defaults_of_bundled_schemas_validate(bundled: SchemaRegistry, name: str) -> None:
    schema = bundled.get(name) or {}
    assert bundled.validate(schema, bundled.default_for(schema)) == []


def test_default_for_fills_required_fields_recursively() -> None:
    schema = {
        "type": "object",
        "required": ["mode", "limits", "kind", "tags", "size", "ratio", "on", "backend"],
        "properties": {
            "mode": {"enum": ["a", "b"]},
            "kind": {"const": "v1"},
            "limits": {
                "type": "object",
                "required": ["rps"],
                "properties": {
                    "rps": {"type": "integer", "minimum": 1},
                    "note": {"type": "string"},
                },
            },
            "tags": {"type": "array", "minItems": 2, "items": {"type": "string", "default": "x"}},
            "size": {"type": "integer", "exclusiveMinimum": 0, "multipleOf": 5},
            "ratio": {"type": "number", "maximum": -1.5},
            "on": {"type": "boolean"},
            "backend": {"oneOf": [{"type": "string", "default": "memory"}, {"type": "integer"}]},
            "optional": {"type": "string"},
            "with_default": {"type": "integer", "default": 7},
        },
        "if": {"properties": {"mode": {"const": "a"}}},
        "then": {"required": ["comment"], "properties": {"comment": {"type": "string"}}},
    }
    registry = registry_with(d=schema)
    value = registry.default_for(registry.get("d.json") or {})
    assert value == {
        "mode": "a",
        "limits": {"rps": 1},
        "kind": "v1",
        "tags": ["x", "x"],
        "size": 5,
        "ratio": -1.5,
        "on": False,
        "backend": "memory",
        "with_default": 7,
        "comment": "",
    }
    assert registry.validate(registry.get("d.json") or {}, value) == []
    value["tags"].append("y")
    assert registry.default_for(registry.get("d.json") or {})["tags"] == ["x", "x"]


def test_unique_and_secret_paths(bundled: SchemaRegistry) -> None:
    certificate = bundled.get("certificate.schema.yaml") or {}
    assert unique_paths(certificate) == [("domain",)]
    assert secret_paths(certificate) == [("private_key_pem",)]
    nested = {
        "properties": {"a": {"properties": {"b": {"x-unique": True}}}},
        "allOf": [{"properties": {"c": {"x-secret": True}}}],
    }
    assert unique_paths(nested) == [("a", "b")]
    assert secret_paths(nested) == [("c",)]
    assert unique_paths(bundled.get(RATELIMIT) or {}) == []


def test_get_path() -> None:
    data = {"a": [{"b": 1}, {"b": None}], "c": {"d": "x"}}
    assert get_path(data, ("a", 1, "b")) is None
    assert get_path(data, ()) is data
    assert get_path(data, ("c", "d")) == "x"
    with pytest.raises(KeyError):
        get_path(data, ("a", 0, "z"))
    with pytest.raises(IndexError):
        get_path(data, ("a", 2))
    with pytest.raises(KeyError):
        get_path(data, ("c", 0))


def test_all_of_keeps_the_declared_property_order() -> None:
    from etcdesk.core.schema_resolve import merge_schemas

    first = {"type": "object", "properties": {"a": {"type": "string"}, "c": {"type": "string"}}}
    second = {"properties": {"b": {"type": "integer"}, "a": {"minLength": 1}}, "required": ["b"]}
    merged, rest = merge_schemas(first, second)
    assert list(merged["properties"]) == ["a", "c", "b"]
    assert merged["properties"]["a"] == {"type": "string", "minLength": 1}
    assert rest == []
