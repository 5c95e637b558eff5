"""The key layout: parsing keys into tenants and configs, building them back, layout files."""

from __future__ import annotations

from pathlib import Path

import pytest

from etcdesk.core.errors import ConfigError
from etcdesk.core.layout import (
    KeyPath,
    Layout,
    display,
    layout_from_mapping,
    load_layout,
    prefix_range_end,
)


@pytest.fixture(scope="module")
def default() -> Layout:
    return load_layout()


def multi_level() -> Layout:
    return layout_from_mapping(
        {"root": "/cfg/", "pattern": "{env}/tenants/{tenant}/{config...}"}, "multi"
    )


# -- the default layout -----------------------------------------------------------------------


def test_default_layout_file(default: Layout) -> None:
    assert default.root == b"/tenants/"
    assert default.level_names == ("tenant",)
    assert default.leaf_name == "config"
    assert default.journal == b"/etcdesk/journal/"
    assert default.source == "default layout"


def test_parse_tenant_config(default: Layout) -> None:
    assert default.parse(b"/tenants/acme/ratelimit") == KeyPath((b"acme",), b"ratelimit")


def test_parse_nested_config_path(default: Layout) -> None:
    path = default.parse(b"/tenants/acme/routing/eu")
    assert path == KeyPath((b"acme",), b"routing/eu")
    assert not path.other


@pytest.mark.parametrize(
    "key",
    [
        b"/tenants/acme",  # no config segment
        b"/tenants/acme/",  # trailing slash: empty config
        b"/tenants//ratelimit",  # empty tenant segment
        b"/tenants/",  # the root itself
    ],
)
def test_non_matching_keys_are_other(default: Layout, key: bytes) -> None:
    path = default.parse(key)
    assert path is not None
    assert path.other
    assert path.groups == ()
    assert path.leaf == key[len(b"/tenants/") :]


@pytest.mark.parametrize("key", [b"/other/acme/x", b"/tenants", b"/tenantsx/acme/x", b""])
def test_keys_outside_root(default: Layout, key: bytes) -> None:
    assert default.parse(key) is None


def test_chinese_tenant(default: Layout) -> None:
    key = "/tenants/阿里巴巴/限流".encode()
    path = default.parse(key)
    assert path == KeyPath(("阿里巴巴".encode(),), "限流".encode())
    assert display(path.groups[0]) == "阿里巴巴"
    assert default.build(path.groups, path.leaf) == key


def test_invalid_utf8_tenant(default: Layout) -> None:
    key = b"/tenants/ac\xffme/ratelimit"
    path = default.parse(key)
    assert path == KeyPath((b"ac\xffme",), b"ratelimit")
    assert display(path.groups[0]) == "ac\\xffme"
    assert default.build(path.groups, path.leaf) == key


def test_display_never_raises() -> None:
    assert display(b"\xc3\x28 ok \xe4\xb8\xad") == "\\xc3( ok 中"


# -- other patterns ---------------------------------------------------------------------------


def test_multi_level_pattern() -> None:
    layout = multi_level()
    assert layout.level_names == ("env", "tenant")
    assert layout.leaf_name == "config"
    path = layout.parse(b"/cfg/prod/tenants/acme/routing/eu")
    assert path == KeyPath((b"prod", b"acme"), b"routing/eu")


@pytest.mark.parametrize(
    "rel",
    [
        b"prod/tenant/acme/x",  # literal mismatch
        b"prod/tenants/acme",  # no config
        b"prod/tenants/acme/",  # empty config
        b"prod/tenants//x",  # empty tenant
        b"prod",
        b"/tenants/acme/x",  # empty env
    ],
)
def test_multi_level_mismatch_is_other(rel: bytes) -> None:
    path = multi_level().parse(b"/cfg/" + rel)
    assert path == KeyPath((), rel, other=True)


def test_pattern_without_rest_needs_exact_segment_count() -> None:
    layout = layout_from_mapping({"root": "/r", "pattern": "{tenant}/{config}"})
    assert layout.root == b"/r/"  # a trailing slash is added
    assert layout.parse(b"/r/acme/ratelimit") == KeyPath((b"acme",), b"ratelimit")
    assert layout.parse(b"/r/acme/routing/eu") == KeyPath((), b"acme/routing/eu", other=True)
    assert layout.parse(b"/r/acme/") == KeyPath((), b"acme/", other=True)
    assert layout.parse(b"/r/acme") == KeyPath((), b"acme", other=True)


def test_pattern_with_trailing_literal() -> None:
    layout = layout_from_mapping({"root": "/r/", "pattern": "{tenant}/{config}/value"})
    assert layout.parse(b"/r/acme/quota/value") == KeyPath((b"acme",), b"quota")
    assert layout.parse(b"/r/acme/quota/other").other
    assert layout.parse(b"/r/acme/quota/value/x").other
    assert layout.build((b"acme",), b"quota") == b"/r/acme/quota/value"


# -- build, group prefix, schemas -------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        b"/tenants/acme/ratelimit",
        b"/tenants/acme/routing/eu/west",
        "/tenants/租户/配置/路由".encode(),
        b"/tenants/\xff\xfe/\x00bin",
    ],
)
def test_build_inverts_parse(default: Layout, key: bytes) -> None:
    path = default.parse(key)
    assert path is not None and not path.other
    assert default.build(path.groups, path.leaf) == key


@pytest.mark.parametrize(
    "rel", [b"prod/tenants/acme/ratelimit", b"dev/tenants/\xe4\xb8\xad/a/b/c", b"x/tenants/y/z"]
)
def test_build_inverts_parse_multi_level(rel: bytes) -> None:
    layout = multi_level()
    path = layout.parse(b"/cfg/" + rel)
    assert path is not None and not path.other
    assert layout.build(path.groups, path.leaf) == b"/cfg/" + rel


def test_build_wrong_level_count(default: Layout) -> None:
    with pytest.raises(ValueError, match="wrong number of levels"):
        default.build((b"a", b"b"), b"c")
    with pytest.raises(ValueError, match="wrong number of levels"):
        multi_level().build((b"prod",), b"c")


def test_group_prefix(default: Layout) -> None:
    assert default.group_prefix((b"acme",)) == b"/tenants/acme/"
    layout = multi_level()
    assert layout.group_prefix((b"prod",)) == b"/cfg/prod/"
    assert layout.group_prefix((b"prod", b"acme")) == b"/cfg/prod/tenants/acme/"
    # Every key of the group starts with its prefix.
    key = layout.build((b"prod", b"acme"), b"routing/eu")
    assert key.startswith(layout.group_prefix((b"prod", b"acme")))
    assert key.startswith(layout.group_prefix((b"prod",)))


def test_schema_for_globs() -> None:
    layout = layout_from_mapping(
        {
            "root": "/t/",
            "pattern": "{tenant}/{config...}",
            "schemas": [
                {"match": "certificate", "schema": "certificate.schema.yaml"},
                {"match": "ratelimit*", "schema": "ratelimit.schema.yaml"},
                {"match": "routing/*", "schema": "routing.schema.yaml"},
                {"match": "*", "schema": "catch-all.yaml"},
            ],
        }
    )
    assert layout.schema_for("certificate") == "certificate.schema.yaml"
    assert layout.schema_for("ratelimit") == "ratelimit.schema.yaml"
    assert layout.schema_for("ratelimit-eu") == "ratelimit.schema.yaml"
    assert layout.schema_for("routing/eu") == "routing.schema.yaml"
    assert layout.schema_for("certificates") == "catch-all.yaml"  # first match wins
    assert layout.schema_for("Certificate") == "catch-all.yaml"  # case-sensitive


def test_default_schema_rules(default: Layout) -> None:
    assert default.schema_for("ratelimit") == "ratelimit.schema.yaml"
    assert default.schema_for("certificate") == "certificate.schema.yaml"
    assert default.schema_for("routing/eu") is None


@pytest.mark.parametrize(
    ("prefix", "end"),
    [
        (b"/a/", b"/a0"),
        (b"/tenants/", b"/tenants0"),
        (b"a", b"b"),
        (b"a\xff", b"b"),
        (b"a\xff\xff", b"b"),
        (b"a\xfe", b"a\xff"),
        (b"\xff", b"\x00"),  # nothing above: the range runs to the end of the keyspace
        (b"\xff\xff", b"\x00"),
        (b"", b"\x00"),
    ],
)
def test_prefix_range_end(prefix: bytes, end: bytes) -> None:
    assert prefix_range_end(prefix) == end


def test_layout_range_end(default: Layout) -> None:
    assert default.range_end == b"/tenants0"


# -- bad layouts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"pattern": "{tenant}/{config...}"}, "'root' must be a key prefix"),
        ({"root": "tenants/", "pattern": "{tenant}/{config...}"}, "'root' must be"),
        ({"root": "/t/"}, "'pattern' must be a string"),
        ({"root": "/t/", "pattern": "{a...}/{b}"}, r"\{a\.\.\.\} must come last"),
        ({"root": "/t/", "pattern": "{config...}"}, "needs at least two named segments"),
        ({"root": "/t/", "pattern": "tenants/{config...}"}, "needs at least two named"),
        ({"root": "/t/", "pattern": "{a}/{a...}"}, "segment names must be unique"),
        ({"root": "/t/", "pattern": "{a}//{b...}"}, "bad segment ''"),
        ({"root": "/t/", "pattern": "/{a}/{b...}"}, "must not be empty or start or end"),
        ({"root": "/t/", "pattern": "{a}/x{b}"}, "bad segment 'x{b}'"),
        ({"root": "/t/", "pattern": "{1a}/{b}"}, "bad segment"),
        ({"root": "/t/", "pattern": "{a}/{b}", "schemas": [{"match": "x"}]}, "needs 'match'"),
        ({"root": "/t/", "pattern": "{a}/{b}", "journal": "j/"}, "'journal' must be"),
        (["root", "pattern"], "must be a mapping"),
    ],
)
def test_bad_layout_mapping(data: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        layout_from_mapping(data, "my.yaml")
    assert "my.yaml" in str(info.value) or "pattern" in str(info.value)


def test_layout_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "layout.yaml"
    path.write_text(
        "root: /cfg\npattern: '{env}/{tenant}/{config...}'\n"
        "schemas:\n  - match: 'q*'\n    schema: quota.schema.yaml\n",
        encoding="utf-8",
    )
    layout = load_layout(path)
    assert layout.root == b"/cfg/"
    assert layout.source == str(path)
    assert layout.journal is None
    assert layout.level_names == ("env", "tenant")
    assert layout.schema_for("quota") == "quota.schema.yaml"


def test_unreadable_layout_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(ConfigError, match=r"cannot read layout .*nope\.yaml"):
        load_layout(missing)
    with pytest.raises(ConfigError, match="cannot read layout"):
        load_layout(tmp_path)  # a directory


def test_invalid_yaml_layout_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("root: /t/\npattern: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken\.yaml: not valid YAML"):
        load_layout(path)


def test_layout_file_without_root(tmp_path: Path) -> None:
    path = tmp_path / "noroot.yaml"
    path.write_text("pattern: '{tenant}/{config...}'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"noroot\.yaml: 'root' must be"):
        load_layout(path)


def test_empty_layout_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a mapping"):
        load_layout(path)
