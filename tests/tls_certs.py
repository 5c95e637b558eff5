"""A throwaway PKI for TLS tests: a CA, a server certificate for loopback, client certificates
identified by their common name, an expired one, and one from a CA the server does not trust.

ECDSA P-256 keys: generating them takes microseconds, RSA keys would cost a second per run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from ipaddress import ip_address
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass(frozen=True)
class CertFiles:
    cert: Path
    key: Path


@dataclass(frozen=True)
class Pki:
    ca: Path  # the CA the server trusts and whose certificate clients should verify against
    other_ca: Path  # an unrelated CA: the server's certificate does not chain to it
    server: CertFiles  # SAN 127.0.0.1 and localhost; also usable as a client certificate
    expired_server: CertFiles  # as server, expired yesterday
    misnamed_server: CertFiles  # valid, but only for etcd.example.com
    root: CertFiles  # CN=root
    reader: CertFiles  # CN=reader
    expired: CertFiles  # CN=root, expired yesterday
    stranger: CertFiles  # CN=root, signed by other_ca


class _Authority:
    def __init__(self, name: str) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        now = dt.datetime.now(dt.UTC)
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(self.name)
            .issuer_name(self.name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False
            )
            .sign(self.key, hashes.SHA256())
        )

    def write(self, path: Path) -> Path:
        path.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))
        return path

    def issue(
        self,
        directory: Path,
        stem: str,
        common_name: str,
        *,
        server: bool = False,
        expired: bool = False,
        names: tuple[str, ...] = ("localhost", "127.0.0.1"),
    ) -> CertFiles:
        key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.UTC)
        if expired:
            not_before, not_after = now - dt.timedelta(days=10), now - dt.timedelta(days=1)
        else:
            not_before, not_after = now - dt.timedelta(days=1), now + dt.timedelta(days=30)
        usages = [ExtendedKeyUsageOID.CLIENT_AUTH]
        if server:
            usages.append(ExtendedKeyUsageOID.SERVER_AUTH)
        builder = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
            .issuer_name(self.name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before)
            .not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage(usages), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                critical=False,
            )
        )
        if server:
            alt: list[x509.GeneralName] = [
                x509.DNSName(name) if name[0].isalpha() else x509.IPAddress(ip_address(name))
                for name in names
            ]
            builder = builder.add_extension(x509.SubjectAlternativeName(alt), critical=False)
        cert = builder.sign(self.key, hashes.SHA256())
        files = CertFiles(directory / f"{stem}.pem", directory / f"{stem}-key.pem")
        files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        files.key.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        files.key.chmod(0o600)
        return files


def make_pki(directory: Path) -> Pki:
    directory.mkdir(parents=True, exist_ok=True)
    ca = _Authority("etcdesk test CA")
    other = _Authority("some other CA")
    return Pki(
        ca=ca.write(directory / "ca.pem"),
        other_ca=other.write(directory / "other-ca.pem"),
        server=ca.issue(directory, "server", "etcd-server", server=True),
        expired_server=ca.issue(directory, "old-server", "etcd-server", server=True, expired=True),
        misnamed_server=ca.issue(
            directory, "misnamed-server", "etcd-server", server=True, names=("etcd.example.com",)
        ),
        root=ca.issue(directory, "root", "root"),
        reader=ca.issue(directory, "reader", "reader"),
        expired=ca.issue(directory, "expired", "root", expired=True),
        stranger=other.issue(directory, "stranger", "root"),
    )


def make_jwt_keys(directory: Path) -> tuple[Path, Path]:
    """An ES256 key pair for etcd's JWT tokens: (public key file, private key file)."""
    directory.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    public, private = directory / "jwt.pub", directory / "jwt.key"
    public.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    return public, private
