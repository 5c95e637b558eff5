"""Read-side use cases the window runs in the background: load one value for display."""

from __future__ import annotations

from dataclasses import dataclass

from etcdesk.core.errors import StoreError
from etcdesk.core.etcd_store import EtcdReader, KeyValue, LeaseInfo
from etcdesk.core.values import DecodedValue, decode_value


@dataclass(frozen=True)
class LoadedValue:
    """Everything the value panel shows for one key, read at ``revision``."""

    key: bytes
    kv: KeyValue | None  # None: the key no longer exists
    decoded: DecodedValue | None
    revision: int
    lease: LeaseInfo | None = None


def load_value(store: EtcdReader, key: bytes) -> LoadedValue:
    """A linearizable read, decoded off the GUI thread (parsing a 1.5 MB YAML takes a while)."""
    result = store.get(key)
    if result.kv is None:
        return LoadedValue(key, None, None, result.revision)
    lease = None
    if result.kv.lease:
        try:
            lease = store.lease_info(result.kv.lease)
        except StoreError:
            lease = None  # the value is what matters; the TTL is a detail
    return LoadedValue(key, result.kv, decode_value(result.kv.value), result.revision, lease)
