"""One small hierarchy for every failure the store can report.

The UI shows ``str(error)`` to the user, so every message is written for a person, not a log.
"""

from __future__ import annotations

from typing import Any


class StoreError(Exception):
    """Base class of every error the etcd store raises."""


class Unavailable(StoreError):
    """No endpoint answered (refused, timed out, no leader)."""


class Unauthenticated(StoreError):
    """Wrong user name or password, or an expired token that could not be renewed."""


class PermissionDenied(StoreError):
    """The etcd user may not read or write the requested range."""


class NotFound(StoreError):
    """The key does not exist (at the requested revision)."""


class Conflict(StoreError):
    """A guarded write was refused because the key changed since it was loaded."""

    def __init__(self, message: str, current: Any = None) -> None:
        super().__init__(message)
        # A single-key write: the KeyValue as it is now, or None when it was deleted.
        # A group write: a tuple of the KeyValues now under the group.
        self.current: Any = current


class Compacted(StoreError):
    """The requested revision was compacted away by the cluster."""

    def __init__(self, message: str, compact_revision: int = 0) -> None:
        super().__init__(message)
        self.compact_revision = compact_revision


class TooLarge(StoreError):
    """A request or response exceeds etcd's or gRPC's size limits."""


class ReadOnlyMode(StoreError):
    """A write was attempted in read-only audit mode."""


class TlsError(Unavailable):
    """The TLS handshake failed (wrong CA, bad or expired certificate, name mismatch)."""


class ConfigError(Exception):
    """A local configuration file (layout, profile) is invalid; the message says where."""
