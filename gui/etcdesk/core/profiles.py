"""Connection profiles (several clusters), saved per user; passwords kept out of files.

Profiles are a JSON file in the user config directory. Passwords go to the OS keyring when a
real backend is available, otherwise they live in memory for this session only.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from etcdesk.core.errors import ConfigError
from etcdesk.core.etcd_store import ConnectionSpec
from etcdesk.core.i18n import translate

log = logging.getLogger(__name__)

APP_NAME = "etcdesk"
KEYRING_SERVICE = "etcdesk"
PROFILES_VERSION = 1


def config_dir() -> Path:
    override = os.environ.get("ETCDESK_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    override = os.environ.get("ETCDESK_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


@dataclass(frozen=True)
class Profile:
    name: str
    endpoints: tuple[str, ...] = ("127.0.0.1:2379",)
    user: str = ""
    cacert: str = ""
    cert: str = ""
    key: str = ""
    read_only: bool = False
    layout: str = ""  # a layout file; empty means the bundled default
    timeout: float = 5.0
    allow_reveal: bool | None = None  # show secret fields on request; None: not in audit mode

    def reveal_allowed(self, read_only: bool = False) -> bool:
        """Whether secret fields may be revealed: as the profile says, else never in audit
        mode (``read_only`` forces audit mode from the command line)."""
        if self.allow_reveal is not None:
            return self.allow_reveal
        return not (self.read_only or read_only)

    def spec(self, password: str | None) -> ConnectionSpec:
        return ConnectionSpec(
            endpoints=self.endpoints,
            user=self.user or None,
            password=password if self.user else None,
            cacert=self.cacert or None,
            cert=self.cert or None,
            key=self.key or None,
            timeout=self.timeout,
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["endpoints"] = list(self.endpoints)
        return data

    @classmethod
    def from_json(cls, data: Any) -> Profile:
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            raise ConfigError(translate("Profiles", "a profile needs a name"))
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        endpoints = values.get("endpoints") or ["127.0.0.1:2379"]
        if isinstance(endpoints, str):
            endpoints = [e for e in endpoints.split(",") if e.strip()]
        values["endpoints"] = tuple(str(e).strip() for e in endpoints)
        return cls(**values)


def split_endpoints(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace(";", ",").split(",") if part.strip())


@dataclass
class ProfileStore:
    """The saved profiles and the name of the last one used."""

    path: Path = field(default_factory=lambda: config_dir() / "profiles.json")
    profiles: dict[str, Profile] = field(default_factory=dict)
    last_used: str = ""

    @classmethod
    def load(cls, path: Path | None = None) -> ProfileStore:
        store = cls(path) if path else cls()
        if not store.path.exists():
            return store
        try:
            raw = json.loads(store.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable profiles file %s: %s", store.path, exc)
            return store
        if not isinstance(raw, dict):
            return store
        for item in raw.get("profiles", []):
            try:
                profile = Profile.from_json(item)
            except (ConfigError, TypeError) as exc:
                log.warning("skipping a bad profile in %s: %s", store.path, exc)
                continue
            store.profiles[profile.name] = profile
        last = raw.get("last_used")
        store.last_used = last if isinstance(last, str) else ""
        return store

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "version": PROFILES_VERSION,
            "last_used": self.last_used,
            "profiles": [p.to_json() for p in self.sorted()],
        }
        # Write to a temp file and rename, so a crash never leaves half a file.
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".profiles-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(payload, fh, indent=2, ensure_ascii=False)
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def sorted(self) -> list[Profile]:
        return sorted(self.profiles.values(), key=lambda p: p.name.casefold())

    def put(self, profile: Profile, old_name: str | None = None) -> None:
        if not profile.name.strip():
            raise ConfigError(translate("Profiles", "a profile needs a name"))
        if old_name and old_name != profile.name:
            self.profiles.pop(old_name, None)
            if self.last_used == old_name:
                self.last_used = profile.name
        self.profiles[profile.name] = profile

    def remove(self, name: str) -> None:
        self.profiles.pop(name, None)
        if self.last_used == name:
            self.last_used = ""

    def get(self, name: str) -> Profile | None:
        return self.profiles.get(name)

    def names(self) -> Iterable[str]:
        return [p.name for p in self.sorted()]


class PasswordVault:
    """Passwords by profile: the OS keyring when usable, else memory only (never a file)."""

    def __init__(self, use_keyring: bool = True) -> None:
        self._memory: dict[str, str] = {}
        self._keyring: Any = None
        if use_keyring and not os.environ.get("ETCDESK_NO_KEYRING"):
            self._keyring = _usable_keyring()

    @property
    def persistent(self) -> bool:
        return self._keyring is not None

    def get(self, profile: str) -> str | None:
        if profile in self._memory:
            return self._memory[profile]
        if self._keyring is not None:
            try:
                value = self._keyring.get_password(KEYRING_SERVICE, profile)
            except Exception as exc:  # a locked or broken keyring must not stop the app
                log.warning("keyring unavailable: %s", type(exc).__name__)
                return None
            return value if isinstance(value, str) else None
        return None

    def set(self, profile: str, password: str, remember: bool = True) -> None:
        self._memory[profile] = password
        if remember and self._keyring is not None:
            try:
                self._keyring.set_password(KEYRING_SERVICE, profile, password)
            except Exception as exc:
                log.warning("could not store the password in the keyring: %s", type(exc).__name__)

    def forget(self, profile: str) -> None:
        self._memory.pop(profile, None)
        if self._keyring is not None:
            with contextlib.suppress(Exception):
                self._keyring.delete_password(KEYRING_SERVICE, profile)


def _usable_keyring() -> Any:
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    return keyring
