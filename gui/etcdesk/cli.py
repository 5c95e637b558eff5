"""etcdesk-cli: the same configs, journal, history and bundles from a shell or a CI job.

Only ``etcdesk.core`` is imported (an import-linter contract keeps Qt out), so the command runs
on a build agent without a display. Exit codes are part of the interface, because CI jobs act
on them:

* 0: done; for ``validate``, every config is valid.
* 1: the answer is "no": invalid configs, a change refused (someone changed the keys since they
  were read, or etcd's transaction limits), a key or tenant that does not exist.
* 2: the command could not do its job: bad usage, no connection, wrong password, TLS, no
  permission, a write asked of a read-only profile, a bundle that cannot be imported (not a
  bundle, or exported with its secrets masked). Never 0, so a CI job cannot pass because
  the cluster was unreachable.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

import etcdesk
from etcdesk.cli_context import (
    ERROR,
    NO,
    PASSWORD_ENV,
    Context,
    Failed,
    err,
    profile_from_args,
)
from etcdesk.cli_reads import (
    cmd_diff,
    cmd_get,
    cmd_history,
    cmd_journal,
    cmd_ls,
    cmd_profiles,
    cmd_validate,
)
from etcdesk.cli_writes import (
    cmd_clone,
    cmd_export,
    cmd_import,
    cmd_rollback,
    cmd_rollback_tenant,
)
from etcdesk.core.edits import UniquenessError
from etcdesk.core.errors import (
    ConfigError,
    Conflict,
    NotFound,
    StoreError,
    TooLarge,
)
from etcdesk.core.etcd_store import check_client_version

COMMANDS: dict[str, Callable[[Context], int]] = {
    "profiles": cmd_profiles,
    "ls": cmd_ls,
    "get": cmd_get,
    "history": cmd_history,
    "diff": cmd_diff,
    "validate": cmd_validate,
    "journal": cmd_journal,
    "export": cmd_export,
    "import": cmd_import,
    "clone": cmd_clone,
    "rollback": cmd_rollback,
    "rollback-tenant": cmd_rollback_tenant,
}


def _connection_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """The GUI's connection options. On subcommands they default to SUPPRESS, so options given
    before the command are not overwritten by a subcommand's defaults."""
    default: dict[str, Any] = {"default": argparse.SUPPRESS} if suppress else {}
    group = parser.add_argument_group("connection")
    group.add_argument("--endpoints", metavar="URL[,URL...]", help="etcd members", **default)
    group.add_argument("--user", metavar="NAME", help="etcd user name", **default)
    group.add_argument("--cacert", metavar="FILE", help="CA certificate", **default)
    group.add_argument("--cert", metavar="FILE", help="client certificate", **default)
    group.add_argument("--key", metavar="FILE", help="client private key", **default)
    group.add_argument("--layout", metavar="FILE", help="key layout file (YAML)", **default)
    group.add_argument("--profile", metavar="NAME", help="a saved connection profile", **default)
    group.add_argument(
        "--read-only", action="store_true", help="audit mode: refuse every write", **default
    )
    group.add_argument("--timeout", type=float, metavar="SECONDS", help="per request", **default)
    group.add_argument("--json", action="store_true", help="machine-readable output", **default)


def _command(
    commands: Any, name: str, text: str, parents: list[argparse.ArgumentParser]
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=text, description=text, parents=parents
    )
    return parser


def _reads(commands: Any, common: argparse.ArgumentParser) -> None:
    def command(name: str, text: str) -> argparse.ArgumentParser:
        return _command(commands, name, text, [common])

    def key_command(name: str, text: str) -> argparse.ArgumentParser:
        parser = command(name, text)
        parser.add_argument("key", metavar="KEY", help="/full/key, or TENANT/CONFIG under the root")
        parser.add_argument(
            "--show-secrets", action="store_true", help="show x-secret fields (masked otherwise)"
        )
        return parser

    command("profiles", "list saved connection profiles")
    command("ls", "list tenants, or the configs of one tenant").add_argument(
        "tenant", nargs="?", metavar="TENANT"
    )
    key_command("get", "print a config's value")
    key_command("history", "revisions of a key, with who, when and why").add_argument(
        "--limit", type=int, default=20, metavar="N"
    )
    p = key_command("diff", "what changed in a key between two revisions")
    p.add_argument("rev_a", type=int, metavar="REV_A")
    p.add_argument("rev_b", type=int, metavar="REV_B")
    command(
        "validate", "check every config against its schema; exit 1 if any is invalid"
    ).add_argument(
        "--tenant", action="append", metavar="TENANT", help="only this tenant (repeatable)"
    )
    p = command("journal", "who changed what through etcdesk, and why")
    p.add_argument("--tenant", metavar="TENANT")
    p.add_argument(
        "--since", metavar="TIME", help="ISO 8601 (UTC unless it has an offset), or ago: 30m, 7d"
    )
    p.add_argument("--until", metavar="TIME")
    p.add_argument("--who", dest="user_filter", metavar="TEXT", help="etcd or OS user, or host")
    p.add_argument("--limit", type=int, default=200, metavar="N")


def _writes(commands: Any, common: argparse.ArgumentParser) -> None:
    write = argparse.ArgumentParser(add_help=False)
    write.add_argument("--comment", default="", metavar="TEXT", help="why (in the journal)")
    write.add_argument("--dry-run", action="store_true", help="show the changes; write nothing")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return _command(commands, name, text, [common, write])

    p = _command(
        commands,
        "export",
        "write tenants, or the whole layout root, to a bundle (read-only: secrets masked)",
        [common],
    )
    p.add_argument("tenant", nargs="*", metavar="TENANT", help="none: everything under the root")
    p.add_argument("-o", "--output", metavar="FILE", help="the bundle file (default: stdout)")
    p = command("import", "import a bundle: validated, one guarded transaction per tenant")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--tenant", action="append", metavar="TENANT", help="only this tenant")
    p.add_argument(
        "--delete-missing", action="store_true", help="delete tenant keys the bundle lacks"
    )
    p.add_argument(
        "--at-revision",
        type=int,
        default=0,
        metavar="REV",
        help="plan at revision REV (a dry run's): refuse tenants changed since",
    )
    p = command("clone", "copy every config of a tenant to a new tenant id")
    p.add_argument("tenant", metavar="TENANT")
    p.add_argument("new", metavar="NEW_TENANT")
    p.add_argument(
        "--without", action="append", default=[], metavar="CONFIG", help="leave out (glob)"
    )
    for name, what, text in (
        ("rollback", "key", "write a key's value at an older revision again"),
        ("rollback-tenant", "tenant", "bring a whole tenant back to a revision"),
    ):
        p = command(name, text)
        p.add_argument(what, metavar=what.upper())
        p.add_argument("--to", type=int, required=True, metavar="REV")
        p.add_argument(
            "--if-unchanged-since",
            type=int,
            default=0,
            metavar="REV",
            help="refuse if anything changed after REV (the revision you looked at)",
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="etcdesk-cli",
        description="Per-tenant configuration in etcd v3 from the command line.",
        epilog=f"A password is read from {PASSWORD_ENV}, the keyring of a saved profile, or a "
        "prompt; never from the command line. Exit codes: 0 ok; 1 invalid configs, a refused "
        "change, or not found; 2 usage, connection or permission error.",
    )
    parser.add_argument("--version", action="version", version=f"etcdesk {etcdesk.__version__}")
    _connection_options(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    common = argparse.ArgumentParser(add_help=False)
    _connection_options(common, suppress=True)
    _reads(commands, common)
    _writes(commands, common)
    return parser


def _fail(message: str, code: int) -> int:
    err(f"etcdesk-cli: {message}")
    return code


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error (already printed)
        return exc.code if isinstance(exc.code, int) else ERROR
    ctx = Context(args)
    try:
        check_client_version()
        ctx.profile, ctx.saved_profile = profile_from_args(args)
        if getattr(args, "show_secrets", False) and not ctx.reveal_allowed:
            raise Failed(
                "--show-secrets is not allowed in read-only (audit) mode or by this profile"
            )
        return COMMANDS[args.command](ctx)
    except Failed as exc:
        return _fail(str(exc), exc.code)
    except (Conflict, TooLarge, UniquenessError) as exc:
        return _fail(f"refused: {exc}", NO)
    except NotFound as exc:
        return _fail(str(exc), NO)
    except (StoreError, ConfigError, RuntimeError, OSError) as exc:
        return _fail(str(exc), ERROR)
    except KeyboardInterrupt:
        return _fail("interrupted", ERROR)
    finally:
        ctx.close()
