"""Composition root: parses the command line, builds services in order, and tears them down in
reverse order on exit (STYLE.md, "Shutdown as a registry run in reverse")."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence

import etcdesk
from etcdesk.core.crashlog import close_log, open_log
from etcdesk.core.errors import ConfigError
from etcdesk.core.etcd_process import EtcdNotFound, EtcdStartError
from etcdesk.core.etcd_store import check_client_version
from etcdesk.core.i18n import translate
from etcdesk.core.layout import load_layout
from etcdesk.core.profiles import PasswordVault, Profile, ProfileStore, split_endpoints

log = logging.getLogger("etcdesk")
SMOKE_ENV = "ETCDESK_EXIT_WHEN_LISTED"
PASSWORD_ENV = "ETCDESK_PASSWORD"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="etcdesk",
        description="Browse and edit per-tenant configuration kept in etcd v3.",
        epilog="A password is never taken from the command line: it is asked for in a dialog, "
        "or read from the ETCDESK_PASSWORD environment variable for automation.",
    )
    parser.add_argument("--endpoints", metavar="URL[,URL...]", help="etcd members to connect to")
    parser.add_argument("--user", metavar="NAME", help="etcd user name")
    parser.add_argument("--cacert", metavar="FILE", help="CA certificate to verify the server")
    parser.add_argument("--cert", metavar="FILE", help="client certificate")
    parser.add_argument("--key", metavar="FILE", help="client private key")
    parser.add_argument("--layout", metavar="FILE", help="key layout file (YAML)")
    parser.add_argument("--read-only", action="store_true", help="audit mode: no writes at all")
    parser.add_argument("--profile", metavar="NAME", help="open a saved connection profile")
    parser.add_argument(
        "--demo", action="store_true", help="start a local demo etcd with sample tenants"
    )
    parser.add_argument("--reset", action="store_true", help="with --demo: start from scratch")
    parser.add_argument("--version", action="version", version=f"etcdesk {etcdesk.__version__}")
    return parser


def profile_from_args(args: argparse.Namespace, profiles: ProfileStore) -> Profile | None:
    """The profile the command line asks for, or None to let the user choose."""
    base: Profile | None = None
    if args.profile:
        base = profiles.get(args.profile)
        if base is None:
            message = translate("App", "no saved profile named {name}")
            raise ConfigError(message.format(name=repr(args.profile)))
    if args.endpoints:
        endpoints = split_endpoints(args.endpoints)
        if not endpoints:
            raise ConfigError(translate("App", "--endpoints is empty"))
        name = args.profile or translate("App", "command line")
        base = Profile(name=name, endpoints=endpoints)
    if base is None:
        if any((args.user, args.cacert, args.cert, args.key)):
            raise ConfigError(
                translate("App", "--user and the TLS options need --endpoints or --profile")
            )
        return None
    overrides = {
        "user": args.user,
        "cacert": args.cacert,
        "cert": args.cert,
        "key": args.key,
        "layout": args.layout,
    }
    values = {k: v for k, v in overrides.items() if v}
    if args.read_only:
        values["read_only"] = True
    from dataclasses import replace

    return replace(base, **values)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.reset and not args.demo:
        print("etcdesk: --reset only makes sense with --demo", file=sys.stderr)
        return 2
    try:
        check_client_version()
        if args.layout:
            load_layout(args.layout)
    except (RuntimeError, ConfigError) as exc:
        print(f"etcdesk: {exc}", file=sys.stderr)
        return 2

    from PySide6.QtWidgets import QApplication, QMessageBox

    from etcdesk.qt.crash_dialog import CrashReporter
    from etcdesk.qt.i18n import install_translators
    from etcdesk.qt.icons import icon
    from etcdesk.qt.main_window import MainWindow
    from etcdesk.qt.session import Session
    from etcdesk.qt.settings import UiSettings
    from etcdesk.qt.tasks import TaskRunner
    from etcdesk.qt.theme import ThemeManager

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("etcdesk")
    app.setOrganizationName("etcdesk")
    app.setApplicationVersion(etcdesk.__version__)

    cleanups: list[Callable[[], None]] = []
    sessions: list[Session] = []

    def known_secrets() -> list[str]:
        """Secrets to scrub from crash reports: what the user typed or exported."""
        found = [os.environ.get(PASSWORD_ENV, "")]
        found += [s.spec.password or "" for s in sessions if s.spec is not None]
        return found

    # Unexpected errors: a rotating log file and a dialog; the app keeps running.
    log_file = open_log(known=known_secrets)
    cleanups.append(lambda: close_log(log_file))
    reporter = CrashReporter(known_secrets)
    reporter.install()
    cleanups.append(reporter.uninstall)
    settings = UiSettings()
    cleanups.append(settings.sync)
    install_translators(app, settings.language)
    themes = ThemeManager(app)
    themes.apply(settings.theme)
    app.setWindowIcon(icon("etcdesk"))
    try:
        profiles = ProfileStore.load()
        profile = profile_from_args(args, profiles)
        if args.demo:
            from etcdesk.demo import start_demo

            log.info("starting the demo etcd…")
            demo = start_demo(reset=args.reset)
            cleanups.append(demo.stop)
            profile = demo.profile()
            if args.layout:
                profile = Profile(profile.name, profile.endpoints, layout=args.layout)
        runner = TaskRunner()
        session = Session(runner, load_layout(profile.layout or None if profile else None))
        sessions.append(session)
        # Run in reverse: drain the executor first, then close the clients it used.
        cleanups.append(session.close)
        cleanups.append(runner.shutdown)
        window = MainWindow(
            session,
            profiles,
            PasswordVault(),
            settings,
            force_read_only=args.read_only,
            themes=themes,
        )
        window.show()
        if os.environ.get(SMOKE_ENV):
            # Start-and-quit check (tests, packaging): exit once the tree is listed.
            def report(revision: int, keys: int, _seconds: float) -> None:
                tenants = session.model.rowCount()
                print(f"etcdesk: listed {keys} keys, {tenants} groups at revision {revision}")
                window.close()

            session.listing_finished.connect(report)
            session.state_changed.connect(
                lambda state, detail: state.value == "failed" and app.exit(3)
            )
        window.connect_later(profile)
        return int(app.exec())
    except (ConfigError, EtcdNotFound, EtcdStartError) as exc:
        print(f"etcdesk: {exc}", file=sys.stderr)
        QMessageBox.critical(None, "etcdesk", str(exc))
        return 2
    finally:
        for cleanup in reversed(cleanups):
            try:
                cleanup()
            except Exception:
                log.exception("error during shutdown")
