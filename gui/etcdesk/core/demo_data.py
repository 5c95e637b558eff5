"""Sample tenants and the deterministic write history that seeds the demo etcd.

Pure data: no Qt, no etcd client. The demo replays :func:`demo_history` in order under the layout
root, so the app opens on a cluster with realistic configs, nested keys, a deleted and re-created
key, and several revisions per key. Every value whose config name is in :data:`SCHEMA_NAMES`
validates against the bundled schema of that name (``tests/test_demo_data.py`` checks it).

Formats are mixed on purpose: ``certificate`` and ``quota`` are YAML (with comments),
``ratelimit`` and ``features`` are pretty-printed JSON, nested extras are JSON, YAML or plain text.
Certificates and keys are PEM-looking filler, not real key material.
"""

from __future__ import annotations

import base64
import json
import random
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Final

SCHEMA_NAMES: Final[tuple[str, ...]] = ("certificate", "ratelimit", "features", "quota")

TENANTS: Final[tuple[str, ...]] = (
    "acme-corp",
    "globex",
    "initech",
    "umbrella",
    "hooli",
    "stark-industries",
    "wayne-enterprises",
    "tyrell",
    "华东物流",
    "星云科技",
    "北京智造",
    "深圳云联",
)

# ASCII (pinyin-ish) domain labels for tenants whose id is not a valid hostname label.
_DOMAIN_LABELS: Final[dict[str, str]] = {
    "华东物流": "huadong-wuliu",
    "星云科技": "xingyun-tech",
    "北京智造": "beijing-zhizao",
    "深圳云联": "shenzhen-yunlian",
}

# plan -> (storage_gb, users, api_calls_per_month)
_PLANS: Final[dict[str, tuple[float, int, int]]] = {
    "free": (1.5, 3, 50_000),
    "team": (50, 25, 1_000_000),
    "business": (250, 150, 10_000_000),
    "enterprise": (2000, 1500, 250_000_000),
}

_XY: Final = "星云科技"  # rolls a new dashboard out gradually, then moves to enterprise
_HD: Final = "华东物流"  # renews its certificate

_YAML_HEADER: Final = "# managed by etcdesk demo"
_EPOCH: Final = datetime(2026, 9, 1, tzinfo=UTC)


@dataclass(frozen=True)
class DemoWrite:
    """One write of the demo history; ``key`` is relative to the layout root."""

    key: str
    value: str | None  # None means delete


# -- value models --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Certificate:
    domain: str
    san: tuple[str, ...]
    issuer: str
    serial: int
    not_before: datetime
    days: int
    auto_renew: bool

    def render(self) -> str:
        lines = [
            _YAML_HEADER,
            f"# serial {self.serial:08x}",
            f"domain: {self.domain}",
            "san:",
            *(f"  - {name}" for name in self.san),
            f'issuer: "{self.issuer}"',
            f'not_before: "{_iso(self.not_before)}"',
            f'not_after: "{_iso(self.not_before + timedelta(days=self.days))}"',
            f"auto_renew: {'true' if self.auto_renew else 'false'}",
            "cert_pem: |",
            textwrap.indent(_fake_pem("CERTIFICATE", f"{self.domain}/{self.serial}", 4), "  "),
            "private_key_pem: |",
            textwrap.indent(_fake_pem("PRIVATE KEY", f"{self.domain}/{self.serial}", 3), "  "),
        ]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class _Endpoint:
    path: str
    rps: int
    methods: tuple[str, ...] = ()


@dataclass(frozen=True)
class _RateLimit:
    rps: int
    mode: str = "enforce"
    endpoints: tuple[_Endpoint, ...] = ()
    whitelist: tuple[str, ...] = ()

    def render(self) -> str:
        doc: dict[str, object] = {
            "requests_per_second": self.rps,
            "burst": self.rps * 2,
            "mode": self.mode,
        }
        if self.endpoints:
            doc["per_endpoint"] = [_endpoint_doc(e) for e in self.endpoints]
        if self.whitelist:
            doc["whitelist_ips"] = list(self.whitelist)
        return _json(doc)

    def scaled(self, factor: float) -> _RateLimit:
        rps = max(10, min(100_000, round(self.rps * factor / 10) * 10))
        return replace(self, rps=rps)


@dataclass(frozen=True)
class _Features:
    flags: tuple[tuple[str, bool], ...]
    rollout: int | None = None
    cohort: str = "internal"

    def render(self) -> str:
        doc: dict[str, object] = dict(self.flags)
        if self.rollout is not None:
            doc["rollout"] = {"percentage": self.rollout, "cohort": self.cohort}
        return _json(doc)

    def get(self, flag: str) -> bool:
        return dict(self.flags).get(flag, False)

    def set(self, flag: str, value: bool) -> _Features:
        flags = dict(self.flags)
        flags[flag] = value
        return replace(self, flags=tuple(flags.items()))


@dataclass(frozen=True)
class _Quota:
    plan: str
    storage_gb: float
    users: int
    api_calls: int
    support_contact: str | None = None
    note: str | None = None

    def render(self) -> str:
        lines = [_YAML_HEADER]
        if self.note:
            lines.append(f"# {self.note}")
        lines += [
            f"plan: {self.plan}",
            f"storage_gb: {self.storage_gb:g}",
            f"users: {self.users}",
            f"api_calls_per_month: {self.api_calls}",
        ]
        if self.support_contact:
            lines.append(f"support_contact: {self.support_contact}")
        return "\n".join(lines) + "\n"


def _quota(plan: str, *, contact: str | None = None, note: str | None = None) -> _Quota:
    storage, users, calls = _PLANS[plan]
    return _Quota(plan, storage, users, calls, contact, note)


# -- helpers ------------------------------------------------------------------------------------


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _json(doc: object) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _endpoint_doc(endpoint: _Endpoint) -> dict[str, object]:
    doc: dict[str, object] = {"path": endpoint.path, "rps": endpoint.rps}
    if endpoint.methods:
        doc["methods"] = list(endpoint.methods)
    return doc


def _fake_pem(label: str, seed: str, lines: int) -> str:
    """PEM-looking filler whose body decodes to a note saying it is not real key material."""
    note = f"etcdesk demo {label.lower()} for {seed} -- not real key material. "
    raw = (note * (lines * 48 // len(note) + 1)).encode()[: lines * 48]
    body = base64.b64encode(raw).decode("ascii")
    rows = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\n".join([f"-----BEGIN {label}-----", *rows, f"-----END {label}-----"])


def _domain(tenant: str) -> str:
    return f"{_DOMAIN_LABELS.get(tenant, tenant)}.example.com"


def _contact(tenant: str) -> str:
    return f"it-ops@{_domain(tenant)}"


# -- initial state ------------------------------------------------------------------------------

_ISSUERS: Final = ("Example Issuing CA R3", "Example Issuing CA R4", "Demo Trust EV CA G2")
_ENDPOINTS: Final = (
    _Endpoint("/v1/orders", 200, ("GET", "POST")),
    _Endpoint("/v1/search", 50, ("GET",)),
    _Endpoint("/v1/export", 5),
    _Endpoint("/v1/webhooks", 100, ("POST", "PUT", "DELETE")),
)
_WHITELIST: Final = ("10.0.0.5", "10.0.0.6", "192.0.2.10", "198.51.100.23", "203.0.113.7")
_START_PLANS: Final[dict[str, str]] = {
    "acme-corp": "business",
    "globex": "enterprise",
    "initech": "team",
    "umbrella": "business",
    "hooli": "enterprise",
    "stark-industries": "enterprise",
    "wayne-enterprises": "business",
    "tyrell": "team",
    "华东物流": "business",
    "星云科技": "business",
    "北京智造": "free",
    "深圳云联": "team",
}


def _initial_certificate(tenant: str, rng: random.Random) -> _Certificate:
    domain = _domain(tenant)
    extra = rng.sample(("api", "cdn", "status", "admin"), rng.randint(0, 2))
    return _Certificate(
        domain=domain,
        san=(domain, f"www.{domain}", *(f"{sub}.{domain}" for sub in sorted(extra))),
        issuer=rng.choice(_ISSUERS),
        serial=rng.getrandbits(32),
        not_before=_EPOCH - timedelta(days=rng.randint(0, 90), hours=rng.randint(0, 23)),
        days=365,
        auto_renew=rng.random() < 0.8,
    )


def _initial_ratelimit(rng: random.Random) -> _RateLimit:
    endpoints = tuple(rng.sample(_ENDPOINTS, rng.randint(0, 2)))
    whitelist = tuple(sorted(rng.sample(_WHITELIST, rng.randint(0, 2))))
    rps = rng.choice((100, 200, 250, 500, 1000, 2000))
    return _RateLimit(rps=rps, endpoints=endpoints, whitelist=whitelist)


def _initial_features(tenant: str, rng: random.Random) -> _Features:
    flags = [
        ("new_billing", False),
        ("dark_launch_search", rng.random() < 0.3),
        ("sso", _START_PLANS[tenant] == "enterprise"),
        ("audit_export", True),
    ]
    if rng.random() < 0.4:
        flags.append(("beta_reports", True))
    return _Features(tuple(flags), rollout=0 if tenant == _XY else None)


def _routing(region: str, upstreams: tuple[tuple[str, int], ...], sticky: bool) -> str:
    lines = [_YAML_HEADER, f"region: {region}", "upstreams:"]
    for host, weight in upstreams:
        lines += [f"  - host: {host}", "    port: 8443", f"    weight: {weight}"]
    lines.append(f"sticky_sessions: {'true' if sticky else 'false'}")
    return "\n".join(lines) + "\n"


# -- the history --------------------------------------------------------------------------------


class _Builder:
    """Collects writes and keeps the current model of every schema'd key."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.writes: list[DemoWrite] = []
        self.certs: dict[str, _Certificate] = {}
        self.limits: dict[str, _RateLimit] = {}
        self.features: dict[str, _Features] = {}
        self.quotas: dict[str, _Quota] = {}

    def put(self, key: str, value: str) -> None:
        self.writes.append(DemoWrite(key, value))

    def delete(self, key: str) -> None:
        self.writes.append(DemoWrite(key, None))

    def cert(self, tenant: str, cert: _Certificate) -> None:
        self.certs[tenant] = cert
        self.put(f"{tenant}/certificate", cert.render())

    def limit(self, key: str, limit: _RateLimit) -> None:
        self.limits[key] = limit
        self.put(key, limit.render())

    def feature(self, tenant: str, features: _Features) -> None:
        self.features[tenant] = features
        self.put(f"{tenant}/features", features.render())

    def quota(self, tenant: str, quota: _Quota) -> None:
        self.quotas[tenant] = quota
        self.put(f"{tenant}/quota", quota.render())

    def rescale(self, key: str) -> None:
        factor = self.rng.choice((0.5, 0.8, 1.25, 1.5, 2.0, 4.0))
        self.limit(key, self.limits[key].scaled(factor))

    def run_phase(self, steps: list[Callable[[], None]]) -> None:
        """Run one phase; steps touch distinct keys, so shuffling keeps each key's order."""
        self.rng.shuffle(steps)
        for step in steps:
            step()


def _seed(b: _Builder) -> None:
    rng = b.rng
    for tenant in TENANTS:
        b.cert(tenant, _initial_certificate(tenant, rng))
        b.limit(f"{tenant}/ratelimit", _initial_ratelimit(rng))
        b.feature(tenant, _initial_features(tenant, rng))
        plan = _START_PLANS[tenant]
        b.quota(tenant, _quota(plan, contact=_contact(tenant) if plan == "enterprise" else None))
    # hooli trials its limit in shadow mode first; the third round of edits enforces it.
    b.limit("hooli/ratelimit", replace(b.limits["hooli/ratelimit"], mode="shadow"))
    # Nested configs: no schema of their own.
    b.limit("acme-corp/ratelimit/api", _RateLimit(300, endpoints=(_ENDPOINTS[0],)))
    b.limit("hooli/ratelimit/api", _RateLimit(800))
    b.limit("hooli/ratelimit/webhooks", _RateLimit(50, endpoints=(_ENDPOINTS[3],)))
    b.limit("stark-industries/ratelimit/api", _RateLimit(1500, mode="shadow"))
    b.put("acme-corp/routing/eu-west", _routing("eu-west-1", (("10.20.1.15", 100),), False))
    us_east = (("10.30.0.11", 50), ("10.30.0.12", 50))
    b.put("globex/routing/us-east", _routing("us-east-1", us_east, True))
    b.put("globex/routing/eu-west", _routing("eu-west-1", (("10.20.2.21", 100),), True))
    b.put("华东物流/routing/cn-east", _routing("cn-east-2", (("10.40.8.3", 100),), False))
    b.put("tyrell/routing/legacy", _routing("us-west-2", (("10.50.0.9", 100),), False))
    b.put("星云科技/notes", "大促期间（11月）请勿调低 ratelimit。联系人：运维值班。\n")
    b.put("tyrell/notes", "Nexus rollout paused until the Q4 review. Ask #tenant-ops first.\n")


_Step = Callable[[], None]


def _rescale(b: _Builder, key: str) -> _Step:
    return lambda: b.rescale(key)


def _flag(b: _Builder, tenant: str, flag: str, on: bool) -> _Step:
    return lambda: b.feature(tenant, b.features[tenant].set(flag, on))


def _rollout(b: _Builder, pct: int, cohort: str) -> _Step:
    return lambda: b.feature(_XY, replace(b.features[_XY], rollout=pct, cohort=cohort))


def _upgrade(b: _Builder, tenant: str, plan: str, note: str) -> _Step:
    def step() -> None:
        old, new = b.quotas[tenant], _quota(plan, note=note)
        contact = _contact(tenant) if plan == "enterprise" else old.support_contact
        b.quota(
            tenant,
            replace(
                new,
                storage_gb=max(old.storage_gb, new.storage_gb),
                users=max(old.users, new.users),
                api_calls=max(old.api_calls, new.api_calls),
                support_contact=contact,
            ),
        )

    return step


def _seats(b: _Builder, tenant: str, ticket: str) -> _Step:
    def step() -> None:
        quota = b.quotas[tenant]
        users = quota.users + b.rng.choice((5, 10, 25, 50))
        b.quota(tenant, replace(quota, users=users, note=f"seats raised to {users} ({ticket})"))

    return step


def _phases(b: _Builder) -> None:
    """Four rounds of edits; within a round the order is shuffled, each key changes once."""
    rng = b.rng
    limits = [f"{t}/ratelimit" for t in TENANTS if t != "hooli"]
    first = rng.sample(limits, 6)
    # Tenants whose features no scripted step edits, so a round touches each features key once.
    steady = [t for t in TENANTS if t not in ("globex", _XY)]
    dark = [t for t in steady if not b.features[t].get("dark_launch_search")]

    b.run_phase(
        [
            *(_rescale(b, key) for key in first),
            _flag(b, "globex", "new_billing", True),
            _rollout(b, 10, "internal"),
            _upgrade(b, "initech", "business", "upgraded from team (SALES-4812)"),
        ]
    )

    umbrella_cert = b.certs["umbrella"]
    b.run_phase(
        [
            *(_rescale(b, key) for key in limits if key not in first),
            _flag(b, "globex", "new_billing", False),  # rolled back: invoices missed VAT lines
            _rollout(b, 25, "beta"),
            *(_flag(b, t, "dark_launch_search", True) for t in rng.sample(dark, min(4, len(dark)))),
            *(_seats(b, t, f"SUP-{rng.randint(1000, 9999)}") for t in rng.sample(TENANTS, 3)),
            lambda: b.delete("umbrella/certificate"),  # revoked after a key-compromise report
            _rescale(b, "acme-corp/ratelimit/api"),
        ]
    )

    reissued = replace(
        umbrella_cert,
        serial=rng.getrandbits(32),
        not_before=_EPOCH + timedelta(days=20, hours=9),
        issuer=_ISSUERS[2],
    )
    reports = [t for t in steady if not b.features[t].get("beta_reports")]
    acme = b.certs["acme-corp"]
    acme_status = f"status.{acme.domain}"
    acme_reissued = replace(  # re-issued to add the status page host
        acme,
        san=acme.san if acme_status in acme.san else (*acme.san, acme_status),
        serial=rng.getrandbits(32),
        not_before=_EPOCH + timedelta(days=31, hours=14),
    )
    b.run_phase(
        [
            lambda: b.cert("umbrella", reissued),
            lambda: b.cert("acme-corp", acme_reissued),
            _flag(b, "globex", "new_billing", True),
            _rollout(b, 50, "beta"),
            _upgrade(b, _XY, "enterprise", "enterprise contract 2026-10"),
            lambda: b.delete("tyrell/routing/legacy"),
            lambda: b.limit(
                "hooli/ratelimit", replace(b.limits["hooli/ratelimit"], mode="enforce")
            ),
            _rescale(b, "stark-industries/ratelimit/api"),
            _rescale(b, "hooli/ratelimit/api"),
            *(_flag(b, t, "beta_reports", True) for t in rng.sample(reports, min(3, len(reports)))),
        ]
    )

    renewed = replace(
        b.certs[_HD],
        serial=rng.getrandbits(32),
        not_before=_EPOCH + timedelta(days=45),
        auto_renew=True,
    )
    eu_west = (("10.20.2.21", 70), ("10.20.2.22", 30))
    seats = [t for t in TENANTS if t != "北京智造"]
    b.run_phase(
        [
            *(_rescale(b, key) for key in rng.sample(limits, 4)),
            _rescale(b, "hooli/ratelimit"),
            _rollout(b, 100, "everyone"),
            lambda: b.put("globex/routing/eu-west", _routing("eu-west-1", eu_west, True)),
            _flag(b, "wayne-enterprises", "sso", True),
            _flag(b, "tyrell", "audit_export", False),
            lambda: b.cert(_HD, renewed),
            _upgrade(b, "北京智造", "team", "first paid plan (SALES-5120)"),
            *(_seats(b, t, f"SUP-{rng.randint(1000, 9999)}") for t in rng.sample(seats, 3)),
        ]
    )


def demo_history(seed: int = 7) -> list[DemoWrite]:
    """The ordered writes that seed the demo; the same ``seed`` always gives the same list."""
    builder = _Builder(random.Random(seed))
    _seed(builder)
    _phases(builder)
    return builder.writes
