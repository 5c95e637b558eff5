"""The harness itself: the etcd it starts is real and answers over gRPC."""

from __future__ import annotations

from etcdesk.core.etcd_process import EtcdMember, find_etcd_binary
from etcdesk.core.etcd_store import EtcdStore


def test_binary_found() -> None:
    assert find_etcd_binary().exists()


def test_shared_server_answers(etcd_server: EtcdMember, store: EtcdStore, prefix: bytes) -> None:
    assert etcd_server.healthy()
    status = store.status()
    assert status.version.startswith("3.")
    revision = store.put_guarded(prefix + b"a/b", b"1", 0)
    assert store.get(prefix + b"a/b").kv is not None
    assert revision > status.revision - 1
