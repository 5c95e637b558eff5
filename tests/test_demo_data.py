"""The bundled schemas are valid 2020-12 schemas and every demo value validates against them.

Plain tests: no etcd and no Qt needed.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from datetime import datetime
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

ROOT = Path(__file__).parent.parent
SCHEMA_DIR = ROOT / "resources" / "schemas"

try:
    from etcdesk.core import demo_data
except ModuleNotFoundError:  # a source tree without an (editable) install
    sys.path.insert(0, str(ROOT / "gui"))
    from etcdesk.core import demo_data

JSON_CONFIGS = {"ratelimit", "features"}
YAML_CONFIGS = {"certificate", "quota"}
SEEDS = (7, 0, 1, 2, 3, 42, 2026)

_HOSTNAME = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*")
_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", re.IGNORECASE)


def _is_hostname(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return len(value) <= 253 and _HOSTNAME.fullmatch(value) is not None


def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.fullmatch(value):
        return False
    datetime.fromisoformat(value.upper().replace("Z", "+00:00"))  # ValueError: day 32, ...
    return True


def _format_checker() -> FormatChecker:
    """The 2020-12 format checker, plus stand-ins for formats whose checker needs an extra.

    jsonschema checks ``hostname`` only with ``fqdn`` installed and ``date-time`` only with
    ``rfc3339-validator``; without them these formats would silently pass anything.
    """
    checker = FormatChecker(formats=())
    checker.checkers.update(Draft202012Validator.FORMAT_CHECKER.checkers)
    if "hostname" not in checker.checkers:
        checker.checks("hostname")(_is_hostname)
    if "date-time" not in checker.checkers:
        checker.checks("date-time", raises=ValueError)(_is_date_time)
    return checker


@cache
def schema(name: str) -> dict[str, Any]:
    loaded = yaml.safe_load((SCHEMA_DIR / f"{name}.schema.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


@cache
def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name), format_checker=_format_checker())


def parse(config: str, text: str) -> Any:
    return json.loads(text) if config in JSON_CONFIGS else yaml.safe_load(text)


def split(key: str) -> tuple[str, str]:
    tenant, _, config = key.partition("/")
    return tenant, config


def errors(name: str, doc: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in validator(name).iter_errors(doc)
    ]


# -- schemas ------------------------------------------------------------------------------------


def test_schema_files_are_exactly_the_schema_names() -> None:
    on_disk = sorted(p.name for p in SCHEMA_DIR.glob("*.schema.yaml"))
    assert on_disk == sorted(f"{n}.schema.yaml" for n in demo_data.SCHEMA_NAMES)


@pytest.mark.parametrize("name", demo_data.SCHEMA_NAMES)
def test_schema_is_valid_2020_12(name: str) -> None:
    s = schema(name)
    Draft202012Validator.check_schema(s)
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert s["$id"] == f"etcdesk:{name}"
    assert s["title"]
    assert s["description"]
    assert s["type"] == "object"


def test_schema_extensions() -> None:
    cert = schema("certificate")["properties"]
    assert cert["domain"]["x-unique"] is True
    assert cert["domain"]["format"] == "hostname"
    assert cert["private_key_pem"]["x-secret"] is True
    assert cert["cert_pem"]["x-ui"]["widget"] == "textarea"
    assert cert["auto_renew"]["default"] is True
    # YAML 1.1 reads a bare `off` as false: the enum must hold the string.
    assert schema("ratelimit")["properties"]["mode"]["enum"] == ["enforce", "shadow", "off"]


@pytest.mark.parametrize("name", demo_data.SCHEMA_NAMES)
def test_schema_defaults_validate(name: str) -> None:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "default" in node:
                check = Draft202012Validator(node, format_checker=_format_checker())
                assert not list(check.iter_errors(node["default"])), node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema(name))


VALID: dict[str, dict[str, Any]] = {
    "certificate": {
        "domain": "shop.example.com",
        "san": ["shop.example.com", "www.shop.example.com"],
        "not_before": "2026-01-01T00:00:00Z",
        "not_after": "2027-01-01T00:00:00+08:00",
        "cert_pem": "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        "private_key_pem": "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
    },
    "ratelimit": {
        "requests_per_second": 1,
        "mode": "off",
        "per_endpoint": [{"path": "/v1", "rps": 5, "methods": ["GET", "DELETE"]}],
        "whitelist_ips": ["192.0.2.1"],
    },
    "features": {"sso": True, "anything_new": False, "rollout": {"percentage": 35}},
    "quota": {
        "plan": "enterprise",
        "storage_gb": 0.5,
        "users": 1,
        "support_contact": "a@b.example",
    },
}


@pytest.mark.parametrize("name", demo_data.SCHEMA_NAMES)
def test_schema_accepts(name: str) -> None:
    assert errors(name, VALID[name]) == []


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("certificate", {"domain": "bad_host!.example.com"}),
        ("certificate", {"san": ["a.example.com", "a.example.com"]}),
        ("certificate", {"not_before": "2026-13-01T00:00:00Z"}),
        ("certificate", {"not_after": "next year"}),
        ("certificate", {"cert_pem": "MIIB..."}),
        ("certificate", {"private_key_pem": None}),
        ("ratelimit", {"requests_per_second": 0}),
        ("ratelimit", {"requests_per_second": 100001}),
        ("ratelimit", {"requests_per_second": 1.5}),
        ("ratelimit", {"mode": False}),
        ("ratelimit", {"whitelist_ips": ["1.2.3"]}),
        ("ratelimit", {"per_endpoint": [{"path": "v1", "rps": 1}]}),
        ("ratelimit", {"per_endpoint": [{"path": "/v1"}]}),
        ("ratelimit", {"per_endpoint": [{"path": "/v1", "rps": 1, "methods": ["GET", "GET"]}]}),
        ("ratelimit", {"per_endpoint": [{"path": "/v1", "rps": 1, "methods": ["PATCH"]}]}),
        ("features", {"custom_flag": "yes"}),
        ("features", {"rollout": {"percentage": 33}}),
        ("features", {"rollout": {"percentage": 105}}),
        ("quota", {"support_contact": None}),
        ("quota", {"support_contact": "nobody"}),
        ("quota", {"storage_gb": 0}),
        ("quota", {"plan": "gold"}),
        ("quota", {"users": 0}),
    ],
)
def test_schema_rejects(name: str, change: dict[str, Any]) -> None:
    doc = {**VALID[name], **change}
    doc = {k: v for k, v in doc.items() if v is not None}  # None removes a property
    assert errors(name, doc)


def test_support_contact_only_required_for_enterprise() -> None:
    team = {k: v for k, v in VALID["quota"].items() if k != "support_contact"}
    assert errors("quota", {**team, "plan": "team"}) == []
    assert errors("quota", {**team, "plan": "enterprise"})


# -- demo data ----------------------------------------------------------------------------------


def test_tenants() -> None:
    tenants = demo_data.TENANTS
    assert 10 <= len(tenants) <= 14
    assert len(set(tenants)) == len(tenants)
    chinese = [t for t in tenants if re.search(r"[\u4e00-\u9fff]", t)]
    assert len(chinese) >= 4
    assert all("/" not in t for t in tenants)


def test_deterministic() -> None:
    assert demo_data.demo_history() == demo_data.demo_history()
    assert demo_data.demo_history() == demo_data.demo_history(7)
    assert demo_data.demo_history(1) == demo_data.demo_history(1)
    assert demo_data.demo_history(1) != demo_data.demo_history(2)


@pytest.mark.parametrize("seed", SEEDS)
def test_every_schema_value_validates(seed: int) -> None:
    checked = Counter[str]()
    for write in demo_data.demo_history(seed):
        _, config = split(write.key)
        if write.value is None or config not in demo_data.SCHEMA_NAMES:
            continue
        doc = parse(config, write.value)
        assert errors(config, doc) == [], (write.key, write.value)
        checked[config] += 1
    assert set(checked) == set(demo_data.SCHEMA_NAMES)


@pytest.mark.parametrize("seed", SEEDS)
def test_value_formats(seed: int) -> None:
    for write in demo_data.demo_history(seed):
        tenant, config = split(write.key)
        assert tenant in demo_data.TENANTS
        assert config and not config.startswith("/") and not config.endswith("/")
        if write.value is None:
            continue
        assert isinstance(write.value, str) and write.value.strip()
        if config in JSON_CONFIGS:
            json.loads(write.value)
            assert write.value.startswith("{\n  "), "JSON values are pretty-printed"
        if config in YAML_CONFIGS:
            assert write.value.startswith("# "), "YAML values start with a comment"
            with pytest.raises(json.JSONDecodeError):
                json.loads(write.value)
        if config.startswith("ratelimit/"):
            # No schema in the default layout, but a glob like `ratelimit*` would be safe.
            assert errors("ratelimit", json.loads(write.value)) == []


def test_every_tenant_has_the_four_configs_at_the_end() -> None:
    final: dict[str, str | None] = {}
    for write in demo_data.demo_history():
        final[write.key] = write.value
    for tenant in demo_data.TENANTS:
        for config in demo_data.SCHEMA_NAMES:
            assert final.get(f"{tenant}/{config}") is not None, (tenant, config)
    nested = [k for k in final if split(k)[1] not in demo_data.SCHEMA_NAMES]
    assert any(split(k)[1].startswith("ratelimit/") for k in nested)
    assert any(split(k)[1].startswith("routing/") for k in nested)


def test_certificate_domains_unique_across_tenants() -> None:
    domains: dict[str, str] = {}
    for write in demo_data.demo_history():
        tenant, config = split(write.key)
        if config != "certificate" or write.value is None:
            continue
        doc = yaml.safe_load(write.value)
        assert domains.setdefault(doc["domain"], tenant) == tenant, doc["domain"]
        assert doc["not_before"] < doc["not_after"]
        assert doc["domain"] in doc["san"]
    assert len(domains) == len(demo_data.TENANTS)


def test_history_shape() -> None:
    history = demo_data.demo_history()
    assert len(history) < 150
    revisions = Counter(w.key for w in history)
    assert max(revisions.values()) <= 6
    multi = [k for k, n in revisions.items() if n >= 2]
    assert len(multi) >= len(revisions) // 2
    for config in demo_data.SCHEMA_NAMES:
        assert any(split(k)[1] == config for k in multi), config


def test_a_key_is_deleted_and_recreated() -> None:
    deleted: set[str] = set()
    recreated: set[str] = set()
    for write in demo_data.demo_history():
        if write.value is None:
            deleted.add(write.key)
        elif write.key in deleted:
            recreated.add(write.key)
    assert recreated


def test_feature_flag_toggled_and_plan_upgraded() -> None:
    flags: dict[str, list[bool]] = {}
    plans: dict[str, list[str]] = {}
    for write in demo_data.demo_history():
        tenant, config = split(write.key)
        if write.value is None:
            continue
        if config == "features":
            doc = json.loads(write.value)
            for flag, value in doc.items():
                if isinstance(value, bool):
                    flags.setdefault(f"{tenant}:{flag}", []).append(value)
        elif config == "quota":
            plans.setdefault(tenant, []).append(yaml.safe_load(write.value)["plan"])
    toggles = {k: sum(a != b for a, b in pairwise(v)) for k, v in flags.items()}
    assert max(toggles.values()) >= 3
    order = ["free", "team", "business", "enterprise"]
    assert any(order.index(p[-1]) > order.index(p[0]) for p in plans.values())
    assert any(p[-1] == "enterprise" != p[0] for p in plans.values())


def test_demo_data_has_no_qt_or_etcd_imports() -> None:
    source = Path(demo_data.__file__).read_text(encoding="utf-8")
    for forbidden in ("PySide6", "etcd3", "grpc", "etcdesk.qt"):
        assert f"import {forbidden}" not in source
        assert f"from {forbidden}" not in source
