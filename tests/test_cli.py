"""etcdesk-cli against a real etcd: every command, its --json output and its exit codes.

Commands run in-process through ``cli.main(argv)`` (fast); one subprocess proves what only a
fresh interpreter can: the CLI imports no Qt, and its exit code is what a CI job sees.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest

from etcdesk import cli, cli_writes
from etcdesk.core.edits import save_value
from etcdesk.core.etcd_process import EtcdMember
from etcdesk.core.etcd_store import ConnectionSpec, EtcdStore
from etcdesk.core.journal import Author, Journal
from etcdesk.core.layout import Layout, layout_from_mapping
from etcdesk.core.profiles import Profile, ProfileStore
from helpers import READER_PW, ROOT_PW, bulk_put, server_keys

RATE = json.dumps({"requests_per_second": 100, "mode": "enforce"}).encode()
RATE_2 = json.dumps({"requests_per_second": 250, "mode": "shadow", "burst": 300}).encode()
BAD_RATE = json.dumps({"requests_per_second": 0, "mode": "loud"}).encode()
CERT = json.dumps(
    {
        "domain": "shop.example.com",
        "cert_pem": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        "private_key_pem": "-----BEGIN PRIVATE KEY-----\nTOPSECRET\n-----END PRIVATE KEY-----\n",
        "not_before": "2026-01-01T00:00:00Z",
        "not_after": "2027-01-01T00:00:00Z",
    }
).encode()

Run = Callable[..., tuple[int, str, str]]


def layout_text(root: bytes) -> str:
    return (
        f"root: {root.decode()}\n"
        'pattern: "{tenant}/{config...}"\n'
        "schemas:\n"
        "  - {match: ratelimit, schema: ratelimit.schema.yaml}\n"
        "  - {match: certificate, schema: certificate.schema.yaml}\n"
        f"journal: {root.decode()}~journal/\n"
    )


@pytest.fixture(autouse=True)
def _own_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Profiles of this test only."""
    monkeypatch.setenv("ETCDESK_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def cli_layout_file(tmp_path: Path, prefix: bytes) -> Path:
    path = tmp_path / "layout.yaml"
    path.write_text(layout_text(prefix))
    return path


@pytest.fixture
def cli_layout(cli_layout_file: Path) -> Layout:
    import yaml

    return layout_from_mapping(yaml.safe_load(cli_layout_file.read_text()), "test")


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], etcd_server: EtcdMember, cli_layout_file: Path) -> Run:
    """``run("ls", ...)`` against the shared etcd and this test's layout: (code, out, err)."""

    def call(*args: str, connect: bool = True) -> tuple[int, str, str]:
        argv = list(args)
        if connect:
            argv += ["--endpoints", etcd_server.endpoint, "--layout", str(cli_layout_file)]
        code = cli.main(argv)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return call


def as_json(text: str) -> Any:
    return json.loads(text)


@pytest.fixture
def seeded(store: EtcdStore, prefix: bytes) -> int:
    return bulk_put(
        store,
        [
            (prefix + b"acme/ratelimit", RATE),
            (prefix + b"acme/certificate", CERT),
            (prefix + "华东物流/ratelimit".encode(), RATE),
            (prefix + b"beta/blob", b"\x00\xffbinary"),
            (prefix + b"stray", b"outside any tenant"),
        ],
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- no Qt, and the console script ------------------------------------------------------------


def test_a_fresh_cli_process_imports_no_qt_and_exits_as_ci_expects(
    etcd_server: EtcdMember, store: EtcdStore, prefix: bytes, cli_layout_file: Path
) -> None:
    """One subprocess (imports take seconds): the exit code a CI job sees, and no Qt loaded."""
    bulk_put(store, [(prefix + b"acme/ratelimit", BAD_RATE)])
    argv = ["validate", "--endpoints", etcd_server.endpoint, "--layout", str(cli_layout_file)]
    code = (
        "import sys\n"
        "from etcdesk.cli import main\n"
        f"code = main({argv!r})\n"
        "assert 'PySide6' not in sys.modules, 'the CLI imported Qt'\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=90, check=False
    )
    assert done.returncode == 1, done.stderr
    assert f"{prefix.decode()}acme/ratelimit: $.mode: " in done.stdout
    scripts = entry_points(group="console_scripts")
    assert scripts["etcdesk-cli"].value == "etcdesk.cli:main"


# -- usage, connection and profiles ----------------------------------------------------------


def test_usage_and_connection_errors_exit_2(run: Run, prefix: bytes) -> None:
    code, _, err = run("validate", connect=False)
    assert code == 2 and "give --endpoints or --profile" in err
    code, _, err = run("no-such-command", connect=False)
    assert code == 2 and "invalid choice" in err
    assert run("--help", connect=False)[0] == 0
    dead = f"127.0.0.1:{free_port()}"
    code, out, err = run("validate", "--endpoints", dead, "--timeout", "1", connect=False)
    assert code == 2 and out == "" and "etcdesk-cli:" in err
    code, _, err = run("validate", "--layout", "/nonexistent/layout.yaml", connect=False)
    assert code == 2 and "layout" in err


def test_auth_password_from_the_environment_and_permission_errors(
    run: Run, auth_etcd: EtcdMember, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    layout = tmp_path / "tenants.yaml"
    layout.write_text('root: /tenants/\npattern: "{tenant}/{config...}"\n')
    base = ["--endpoints", auth_etcd.endpoint, "--layout", str(layout)]
    code, _, err = run("ls", *base, "--user", "root", connect=False)
    assert code == 2 and "ETCDESK_PASSWORD" in err  # stdin is no terminal: no prompt
    monkeypatch.setenv("ETCDESK_PASSWORD", "wrong")
    code, _, err = run("ls", *base, "--user", "root", connect=False)
    assert code == 2 and "wrong user name or password" in err
    monkeypatch.setenv("ETCDESK_PASSWORD", ROOT_PW)
    code, out, _ = run("ls", *base, "--user", "root", "--json", connect=False)
    assert code == 0 and as_json(out)["tenants"] == [{"tenant": "acme", "configs": 1}]
    monkeypatch.setenv("ETCDESK_PASSWORD", READER_PW)
    code, _, err = run("validate", *base, "--user", "reader", connect=False)
    assert code == 2 and "permission denied" in err


def test_profiles_and_a_read_only_profile_refuses_writes(
    run: Run, etcd_server: EtcdMember, cli_layout_file: Path, seeded: int, prefix: bytes
) -> None:
    profiles = ProfileStore.load()
    profiles.put(
        Profile("audit", (etcd_server.endpoint,), read_only=True, layout=str(cli_layout_file))
    )
    profiles.put(Profile("prod", ("etcd-1:2379", "etcd-2:2379"), user="ops"))
    profiles.save()
    code, out, _ = run("profiles", connect=False)
    assert code == 0 and "audit" in out and "read-only" in out and "etcd-1:2379,etcd-2:2379" in out
    code, out, _ = run("profiles", "--json", connect=False)
    assert [p["name"] for p in as_json(out)["profiles"]] == ["audit", "prod"]
    assert run("ls", "--profile", "audit", connect=False)[0] == 0
    for argv in (
        ["clone", "acme", "acme-2"],
        ["rollback", "acme/ratelimit", "--to", "1"],
        ["rollback-tenant", "acme", "--to", "1"],
    ):
        code, _, err = run(*argv, "--profile", "audit", connect=False)
        assert code == 2 and "read-only" in err, argv
    code, _, err = run(
        "get", "acme/certificate", "--show-secrets", "--profile", "audit", connect=False
    )
    assert code == 2 and "read-only" in err
    assert server_keys_under(etcd_server, prefix + b"acme-2/") == []
    code, _, err = run("ls", "--profile", "nope", connect=False)
    assert code == 2 and "no saved profile" in err


def server_keys_under(member: EtcdMember, prefix: bytes) -> list[bytes]:
    client = EtcdStore(ConnectionSpec((member.endpoint,)))
    try:
        return server_keys(client, prefix)
    finally:
        client.close()


# -- reading ---------------------------------------------------------------------------------


def test_ls_tenants_and_configs(
    run: Run, seeded: int, etcd_server: EtcdMember, cli_layout_file: Path
) -> None:
    code, out, _ = run("ls")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["TENANT", "CONFIGS"]
    assert [line.split() for line in lines[1:]] == [
        ["acme", "2"],
        ["beta", "1"],
        ["华东物流", "1"],
        ["(other", "keys)", "1"],
    ]
    options_first = ["--endpoints", etcd_server.endpoint, "--layout", str(cli_layout_file)]
    code, out, _ = run(*options_first, "--json", "ls", connect=False)
    data = as_json(out)
    assert data["revision"] == seeded and data["other_keys"] == 1
    code, out, _ = run("ls", "acme", "--json")
    configs = as_json(out)["configs"]
    assert [(c["config"], c["schema"]) for c in configs] == [
        ("certificate", "certificate.schema.yaml"),
        ("ratelimit", "ratelimit.schema.yaml"),
    ]
    assert run("ls", "nobody")[0] == 1


def test_get_masks_secrets_unless_asked(run: Run, seeded: int, prefix: bytes) -> None:
    code, out, _ = run("get", "acme/ratelimit")
    assert code == 0 and out == RATE.decode() + "\n"
    code, out, _ = run("get", prefix.decode() + "acme/certificate")
    assert code == 0 and "TOPSECRET" not in out and "shop.example.com" in out
    code, out, _ = run("get", "acme/certificate", "--show-secrets", "--json")
    assert "TOPSECRET" in as_json(out)["value"]
    code, out, _ = run("get", "beta/blob", "--json")
    data = as_json(out)
    assert data["encoding"] == "base64" and data["mod_revision"] == seeded
    code, _, err = run("get", "acme/nothing")
    assert code == 1 and "no key" in err


def test_history_and_diff(run: Run, store: EtcdStore, prefix: bytes, cli_layout: Layout) -> None:
    key = prefix + b"acme/ratelimit"
    journal = Journal(cli_layout.journal or b"", Author("alice", "ops", "desk-1"))
    first = save_value(store, key, RATE, 0, journal=journal, layout=cli_layout).revision
    second = save_value(
        store, key, RATE_2, first, journal=journal, layout=cli_layout, comment="more traffic"
    ).revision
    bulk_put(store, [(key, RATE)])  # a write outside etcdesk
    code, out, _ = run("history", "acme/ratelimit", "--json")
    rows = as_json(out)["rows"]
    assert [r["revision"] for r in rows] == [second + 1, second, first]
    assert [r["journaled"] for r in rows] == [False, True, True]
    assert rows[1]["comment"] == "more traffic" and rows[1]["who"].startswith("alice")
    assert "requests_per_second: 100 → 250" in rows[1]["change"]
    code, out, err = run("history", "acme/ratelimit", "--limit", "1")
    assert code == 0 and "changed outside etcdesk" in out and "--limit 2" in err
    code, out, _ = run("diff", "acme/ratelimit", str(first), str(second))
    assert code == 0
    assert "~ $.requests_per_second: 100 → 250" in out and "+ $.burst: 300" in out
    assert "@@" in out  # and the unified text diff
    code, out, _ = run("diff", "acme/ratelimit", str(first - 1), str(first), "--json")
    data = as_json(out)
    assert data["a"]["exists"] is False and data["summary"] == "created"
    assert run("history", "acme/never")[0] == 1


def test_validate_exit_codes_and_one_line_per_problem(
    run: Run, store: EtcdStore, prefix: bytes, seeded: int
) -> None:
    code, out, err = run("validate")
    assert code == 0 and out == "" and "all valid" in err
    bulk_put(store, [(prefix + b"beta/ratelimit", BAD_RATE), (prefix + b"beta/quota", b"{}")])
    code, out, err = run("validate")
    assert code == 1
    assert out.splitlines() == [
        f"{prefix.decode()}beta/ratelimit: $.mode: must be one of 'enforce', 'shadow' or 'off'",
        f"{prefix.decode()}beta/ratelimit: $.requests_per_second: must be at least 1",
    ]
    assert "1 invalid (2 problem(s))" in err
    assert run("validate", "--tenant", "acme")[0] == 0
    code, out, _ = run("validate", "--tenant", "beta", "--json")
    data = as_json(out)
    assert code == 1 and data["valid"] is False
    assert {p["path"] for p in data["problems"]} == {"$.mode", "$.requests_per_second"}


def test_journal_lists_who_changed_what(
    run: Run, store: EtcdStore, prefix: bytes, cli_layout: Layout
) -> None:
    journal = Journal(cli_layout.journal or b"", Author("alice", "ops", "desk-1"))
    save_value(store, prefix + b"acme/ratelimit", RATE, 0, journal=journal, layout=cli_layout,
               comment="onboarding")  # fmt: skip
    save_value(store, prefix + b"beta/ratelimit", RATE, 0, journal=journal, layout=cli_layout)
    code, out, _ = run("journal", "--json")
    assert [e["tenant"] for e in as_json(out)["entries"]] == ["beta", "acme"]
    code, out, _ = run("journal", "--tenant", "acme", "--since", "1h")
    assert code == 0 and "onboarding" in out and "alice" in out
    code, out, _ = run("journal", "--since", "2999-01-01", "--json")
    assert as_json(out)["entries"] == []
    code, _, err = run("journal", "--since", "yesterday-ish")
    assert code == 2 and "ISO 8601" in err


# -- bundles ---------------------------------------------------------------------------------


def test_move_a_tenant_to_another_cluster(
    run: Run,
    seeded: int,
    own_etcd: EtcdMember,
    tmp_path: Path,
    prefix: bytes,
) -> None:
    bundle = tmp_path / "acme.yaml"
    code, out, _ = run("export", "acme", "-o", str(bundle), "--json")
    assert code == 0 and as_json(out)["keys"] == 2 and as_json(out)["revision"] == seeded
    other_layout = tmp_path / "other.yaml"
    other_layout.write_text(layout_text(b"/tenants/"))
    target = ["--endpoints", own_etcd.endpoint, "--layout", str(other_layout)]
    code, out, err = run("import", str(bundle), "--dry-run", *target, connect=False)
    assert code == 0 and "tenant acme: 2 to create" in out and "dry run" in err
    code, out, _ = run("import", str(bundle), "--comment", "move", *target, connect=False)
    assert code == 0 and "tenant acme: applied at revision" in out
    code, out, _ = run(
        "get", "acme/certificate", "--show-secrets", "--json", *target, connect=False
    )
    assert json.loads(as_json(out)["value"]) == json.loads(CERT)
    code, out, _ = run("journal", "--json", *target, connect=False)
    entry = as_json(out)["entries"][0]
    assert entry["action"] == "import" and entry["comment"] == "move"
    code, out, _ = run("import", str(bundle), *target, connect=False)
    assert code == 0 and "tenant acme: no change, 2 unchanged" in out


def test_import_dry_run_shows_exactly_the_changes_applied(
    run: Run, store: EtcdStore, prefix: bytes, seeded: int, tmp_path: Path
) -> None:
    bundle = tmp_path / "all.yaml"
    assert run("export", "-o", str(bundle))[0] == 0
    # Drift after the export: one changed, one deleted, one added; the import restores.
    bulk_put(store, [(prefix + b"acme/ratelimit", RATE_2), (prefix + b"acme/extra", b"x")])
    store.delete_guarded(prefix + "华东物流/ratelimit".encode(), seeded)
    code, out, _ = run("import", str(bundle), "--dry-run", "--delete-missing", "--json")
    dry = as_json(out)
    assert code == 0 and dry["dry_run"] is True
    planned = {
        t["tenant"]: [(c["key"], c["kind"]) for c in t["changes"]]
        for t in dry["tenants"]
        if t["changes"]
    }
    p = prefix.decode()
    assert planned == {
        "acme": [(p + "acme/extra", "delete"), (p + "acme/ratelimit", "change")],
        "华东物流": [(p + "华东物流/ratelimit", "create")],
    }
    before = store.get(prefix).revision
    code, out, _ = run(
        "import", str(bundle), "--delete-missing", "--at-revision", str(dry["revision"]), "--json"
    )
    applied = as_json(out)
    assert code == 0
    assert {t["tenant"]: [(c["key"], c["kind"]) for c in t["changes"]] for t in applied["tenants"]
            if t["changes"]} == planned  # fmt: skip
    statuses = {r["tenant"]: r["status"] for r in applied["results"]}
    assert statuses == {
        "acme": "applied",
        "beta": "unchanged",
        "华东物流": "applied",
        "(other keys)": "unchanged",
    }
    events = store.replay(prefix, prefix[:-1] + b"0", before + 1, store.get(prefix).revision + 1)
    written = sorted(
        (e.key.decode(), "delete" if e.deleted else "put")
        for e in events
        if b"~journal" not in e.key
    )
    assert written == sorted(
        (key, "delete" if kind == "delete" else "put")
        for changes in planned.values()
        for key, kind in changes
    )


def test_import_refused_when_the_tenant_changed_after_the_dry_run(
    run: Run, store: EtcdStore, prefix: bytes, seeded: int, tmp_path: Path
) -> None:
    bundle = tmp_path / "acme.yaml"
    assert run("export", "acme", "-o", str(bundle))[0] == 0
    bulk_put(store, [(prefix + b"acme/ratelimit", RATE_2)])
    code, out, _ = run("import", str(bundle), "--dry-run", "--json")
    revision = as_json(out)["revision"]
    bulk_put(store, [(prefix + b"acme/new", b"someone else's")])  # after the dry run
    code, out, _ = run("import", str(bundle), "--at-revision", str(revision))
    assert code == 1 and "tenant acme: conflict" in out
    assert store.get(prefix + b"acme/ratelimit").kv.value == RATE_2  # type: ignore[union-attr]


def test_import_blocked_by_invalid_configs(
    run: Run, store: EtcdStore, prefix: bytes, tmp_path: Path
) -> None:
    bundle = tmp_path / "bad.yaml"
    bundle.write_text(
        "format: etcdesk-bundle/1\nrevision: 1\ntenants:\n- tenant: acme\n  configs:\n"
        f"  - key: ratelimit\n    value: '{BAD_RATE.decode()}'\n"
    )
    code, out, err = run("import", str(bundle))
    assert code == 1 and f"invalid: {prefix.decode()}acme/ratelimit: $.mode:" in out
    assert "nothing was written" in err and server_keys(store, prefix) == []
    bundle.write_text("format: something\n")
    code, _, err = run("import", str(bundle), "--dry-run")
    assert code == 2 and "not an etcdesk bundle" in err


def test_read_only_export_masks_secrets_and_the_bundle_cannot_be_imported(
    run: Run,
    store: EtcdStore,
    etcd_server: EtcdMember,
    cli_layout_file: Path,
    seeded: int,
    prefix: bytes,
    tmp_path: Path,
) -> None:
    bundle = tmp_path / "audit.yaml"
    code, out, err = run("export", "acme", "-o", str(bundle), "--read-only", "--json")
    assert code == 0 and as_json(out)["secrets_masked"] is True and as_json(out)["keys"] == 2
    assert "x-secret fields are masked" in err
    text = bundle.read_text()
    assert "TOPSECRET" not in text and "••••••" in text and "shop.example.com" in text
    assert "secrets_masked: true" in text
    profiles = ProfileStore.load()
    profiles.put(
        Profile("audit", (etcd_server.endpoint,), read_only=True, layout=str(cli_layout_file))
    )
    profiles.save()
    code, out, err = run("export", "--profile", "audit", connect=False)  # to stdout
    assert code == 0 and "TOPSECRET" not in out and "secrets_masked: true" in out
    assert "masked" in err
    code, out, _ = run("export", "acme", "-o", str(tmp_path / "clear.yaml"), "--json")
    assert code == 0 and as_json(out)["secrets_masked"] is False
    assert "TOPSECRET" in (tmp_path / "clear.yaml").read_text()
    # A writable profile that may not reveal secrets: masked export, no --show-secrets.
    profiles.put(
        Profile(
            "no-reveal", (etcd_server.endpoint,), layout=str(cli_layout_file), allow_reveal=False
        )
    )
    profiles.save()
    code, out, _ = run("export", "acme", "--profile", "no-reveal", connect=False)
    assert code == 0 and "TOPSECRET" not in out and "secrets_masked: true" in out
    code, _, err = run(
        "get", "acme/certificate", "--show-secrets", "--profile", "no-reveal", connect=False
    )
    assert code == 2 and "by this profile" in err
    # Importing the masked bundle would write the mask over the key: exit 2, like any bundle
    # that cannot be imported, before anything is planned (a dry run included).
    before = store.get(prefix).revision
    for extra in (["--dry-run"], ["--comment", "restore"]):
        code, out, err = run("import", str(bundle), *extra)
        assert code == 2 and out == "", extra
        assert "exported with secret fields masked (audit mode); it cannot be imported" in err
    assert store.get(prefix).revision == before


def test_clone_via_cli(run: Run, store: EtcdStore, prefix: bytes, seeded: int) -> None:
    code, out, err = run("clone", "acme", "acme-2")
    assert code == 1 and "$.domain" in out and "--without" in err  # x-unique: not copied
    code, out, _ = run("clone", "acme", "acme-2", "--without", "certificate", "--json")
    assert code == 0 and as_json(out)["results"][0]["status"] == "applied"
    assert server_keys(store, prefix + b"acme-2/") == [prefix + b"acme-2/ratelimit"]
    code, _, err = run("clone", "beta", "acme-2")
    assert code == 1 and "already has 1 key" in err


# -- rollback --------------------------------------------------------------------------------


def test_rollback_a_key_and_refusals_after_concurrent_writes(
    run: Run, store: EtcdStore, prefix: bytes, seeded: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = prefix + b"acme/ratelimit"
    changed = store.put_guarded(key, RATE_2, seeded)
    code, out, _ = run("rollback", "acme/ratelimit", "--to", str(seeded), "--dry-run")
    assert code == 0 and "would write" in out and store.get(key).kv.value == RATE_2  # type: ignore[union-attr]
    code, out, _ = run("rollback", "acme/ratelimit", "--to", str(seeded), "--comment", "undo")
    assert code == 0 and store.get(key).kv.value == RATE  # type: ignore[union-attr]
    code, out, _ = run("journal", "--tenant", "acme", "--json")
    entry = as_json(out)["entries"][0]
    assert (entry["action"], entry["rollback_to"], entry["comment"]) == ("rollback", seeded, "undo")

    # Someone writes after the revision the operator looked at: refused before writing.
    now = store.get(key).kv.mod_revision  # type: ignore[union-attr]
    store.put_guarded(key, RATE_2, now)
    code, _, err = run("rollback", "acme/ratelimit", "--to", str(changed - 1),
                       "--if-unchanged-since", str(now))  # fmt: skip
    assert code == 1 and "changed since revision" in err

    # Someone writes between the command's read and its write: the guarded write refuses.
    real = cli_writes.rollback_key

    def racing(store_: EtcdStore, row: Any, base: int, **kwargs: Any) -> int:
        store.put_guarded(key, b'{"requests_per_second": 7, "mode": "off"}', base)
        return real(store_, row, base, **kwargs)

    monkeypatch.setattr(cli_writes, "rollback_key", racing)
    code, _, err = run("rollback", "acme/ratelimit", "--to", str(seeded))
    assert code == 1 and "refused" in err and "nothing written" in err
    assert b'"requests_per_second": 7' in store.get(key).kv.value  # type: ignore[union-attr]


def test_rollback_tenant(run: Run, store: EtcdStore, prefix: bytes, seeded: int) -> None:
    store.put_guarded(prefix + b"acme/ratelimit", RATE_2, seeded)
    created = store.put_guarded(prefix + b"acme/extra", b"x", 0)
    code, out, err = run("rollback-tenant", "acme", "--to", str(seeded), "--dry-run", "--json")
    data = as_json(out)
    assert code == 0 and data["dry_run"] is True
    assert [(c["key"][len(prefix) :], c["kind"]) for c in data["changes"]] == [
        ("acme/extra", "delete"),
        ("acme/ratelimit", "change"),
    ]
    store.put_guarded(prefix + b"acme/extra", b"y", created)  # after the operator looked
    code, _, err = run("rollback-tenant", "acme", "--to", str(seeded),
                       "--if-unchanged-since", str(created))  # fmt: skip
    assert code == 1 and "changed since revision" in err and "extra" in err
    code, out, _ = run("rollback-tenant", "acme", "--to", str(seeded))
    assert code == 0 and "rolled back" in out
    assert server_keys(store, prefix + b"acme/") == [
        prefix + b"acme/certificate",
        prefix + b"acme/ratelimit",
    ]
    code, out, _ = run("rollback-tenant", "acme", "--to", str(seeded))
    assert code == 0 and "already as it was" in out
