"""What every etcdesk-cli command shares: exit codes, the connection, typed names."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from etcdesk.core.bundles import (
    key_from_text,
    read_prefix,
    tenant_of,
)
from etcdesk.core.etcd_store import (
    EtcdReader,
    EtcdStore,
    KeyValue,
    connect,
)
from etcdesk.core.journal import Author, Journal
from etcdesk.core.layout import Layout, display, load_layout
from etcdesk.core.profiles import PasswordVault, Profile, ProfileStore, split_endpoints
from etcdesk.core.schemas import JsonPath, SchemaRegistry, all_secret_paths
from etcdesk.core.validation import load_registry

OK, NO, ERROR = 0, 1, 2
PASSWORD_ENV = "ETCDESK_PASSWORD"


class Failed(Exception):
    """Stops a command with a message and an exit code."""

    def __init__(self, message: str, code: int = ERROR) -> None:
        super().__init__(message)
        self.code = code


def out(text: str = "") -> None:
    print(text, file=sys.stdout)


def err(text: str) -> None:
    print(text, file=sys.stderr)


# -- connection ------------------------------------------------------------------------------


@dataclass
class Context:
    """What every command needs: the profile, layout, and a connection made on first use."""

    args: argparse.Namespace
    profile: Profile | None = None
    saved_profile: bool = False
    _layout: Layout | None = None
    _reader: EtcdReader | None = None
    _registry: SchemaRegistry | None = None
    closers: list[Callable[[], None]] = field(default_factory=list)

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    @property
    def read_only(self) -> bool:
        return bool(self.args.read_only or (self.profile and self.profile.read_only))

    @property
    def reveal_allowed(self) -> bool:
        """Whether secrets may be shown: never in audit mode, else as the profile says."""
        if self.profile is None:
            return not self.read_only
        return self.profile.reveal_allowed(self.read_only)

    @property
    def layout(self) -> Layout:
        if self._layout is None:
            path = self.args.layout or (self.profile.layout if self.profile else "")
            self._layout = load_layout(path or None)
        return self._layout

    def reader(self) -> EtcdReader:
        if self._reader is None:
            profile = self._need_profile()
            self.layout  # noqa: B018 - a bad layout file fails before connecting
            spec = profile.spec(self._password(profile))
            if self.args.timeout:
                spec = replace(spec, timeout=self.args.timeout)
            self._reader = connect(spec, read_only=self.read_only)
            self.closers.append(self._reader.close)
        return self._reader

    def store(self, command: str) -> EtcdStore:
        if self.read_only:
            raise Failed(f"{command} writes, and this connection is read-only (audit mode)")
        reader = self.reader()
        assert isinstance(reader, EtcdStore)
        return reader

    def registry(self) -> SchemaRegistry:
        if self._registry is None:
            self._registry, problems = load_registry(self.reader(), self.layout)
            for problem in problems:
                err(f"warning: {problem}")
        return self._registry

    def journal(self) -> Journal | None:
        user = self.profile.user if self.profile else ""
        return Journal(self.layout.journal, Author.current(user)) if self.layout.journal else None

    def _need_profile(self) -> Profile:
        if self.profile is None:
            names = ", ".join(ProfileStore.load().names()) or "none saved yet"
            raise Failed(f"give --endpoints or --profile (saved profiles: {names})")
        return self.profile

    def _password(self, profile: Profile) -> str | None:
        if not profile.user:
            return None
        password = os.environ.get(PASSWORD_ENV)
        if password is None and self.saved_profile:
            password = PasswordVault().get(profile.name)
        if password is None:
            if not sys.stdin.isatty():
                raise Failed(f"etcd user {profile.user} needs a password: set {PASSWORD_ENV}")
            password = getpass.getpass(f"Password for etcd user {profile.user}: ")
        return password

    def close(self) -> None:
        for closer in reversed(self.closers):
            closer()


def profile_from_args(args: argparse.Namespace) -> tuple[Profile | None, bool]:
    """The profile the options describe (a saved one, with overrides) and whether it is saved."""
    base: Profile | None = None
    saved = False
    if args.profile:
        base = ProfileStore.load().get(args.profile)
        if base is None:
            raise Failed(f"no saved profile named {args.profile!r} (see etcdesk-cli profiles)")
        saved = True
    if args.endpoints:
        endpoints = split_endpoints(args.endpoints)
        if not endpoints:
            raise Failed("--endpoints is empty")
        base = replace(base, endpoints=endpoints) if base else Profile("command line", endpoints)
    if base is None:
        if any((args.user, args.cacert, args.cert, args.key)):
            raise Failed("--user and the TLS options need --endpoints or --profile")
        return None, False
    overrides = {
        "user": args.user,
        "cacert": args.cacert,
        "cert": args.cert,
        "key": args.key,
        "layout": args.layout,
    }
    return replace(base, **{k: v for k, v in overrides.items() if v}), saved


# -- helpers ---------------------------------------------------------------------------------


def key_arg(ctx: Context, text: str) -> bytes:
    """A key as typed: absolute (``/tenants/acme/quota``) or under the root (``acme/quota``)."""
    raw = key_from_text(text)
    return raw if raw.startswith(b"/") else ctx.layout.root + raw


def secrets_for(ctx: Context, key: bytes) -> tuple[JsonPath, ...]:
    """Secret fields of ``key``'s schema, unless the user asked to see them (and may)."""
    if getattr(ctx.args, "show_secrets", False):
        return ()
    where = ctx.layout.parse(key)
    if where is None or where.other:
        return ()
    found = ctx.registry().for_config(ctx.layout, display(where.leaf))
    return all_secret_paths(ctx.registry(), found[1]) if found else ()


def relative(key: bytes, prefix: bytes) -> str:
    return display(key[len(prefix) :] if key.startswith(prefix) else key)


def tenant_keys(
    ctx: Context, tenant: tuple[bytes, ...], revision: int = 0
) -> tuple[int, list[KeyValue]]:
    revision, kvs = read_prefix(ctx.reader(), ctx.layout.group_prefix(tenant), revision)
    return revision, [kv for kv in kvs if tenant_of(ctx.layout, kv.key) == tenant]
