"""Connection failures come back as clear, typed errors (never a raw gRPC exception)."""

from __future__ import annotations

from pathlib import Path

import pytest

from etcdesk.core.errors import ConfigError, TlsError
from etcdesk.core.etcd_process import EtcdMember
from etcdesk.core.etcd_store import ConnectionSpec, connect


def test_tls_to_a_plain_server_is_a_tls_error(etcd_server: EtcdMember) -> None:
    with pytest.raises(TlsError, match="TLS connection to"):
        connect(ConnectionSpec((f"https://{etcd_server.endpoint}",), timeout=3))


def test_unreadable_ca_file_is_named(tmp_path: Path, etcd_server: EtcdMember) -> None:
    missing = tmp_path / "missing-ca.pem"
    with pytest.raises(ConfigError, match=r"CA certificate file .*missing-ca\.pem"):
        connect(ConnectionSpec((etcd_server.endpoint,), cacert=str(missing), timeout=3))


def test_bad_endpoint_text(etcd_server: EtcdMember) -> None:
    with pytest.raises(ConfigError, match="bad port"):
        connect(ConnectionSpec(("127.0.0.1:notaport",), timeout=3))
