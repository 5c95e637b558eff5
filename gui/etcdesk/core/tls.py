"""Say in plain words why a TLS connection to etcd failed.

gRPC reports a failed handshake as one line of BoringSSL codes ("SSLV3_ALERT_BAD_CERTIFICATE",
"CERTIFICATE_VERIFY_FAILED: unable to get local issuer certificate"). Which side refused, and
why, is in those codes; what the user should change is not. A refusal by the server does not
even say why (etcd answers every rejected client certificate with the same alert), so the client
certificate's own dates are checked here: an expired one is the common case.

Certificates are read with a few lines of DER instead of a crypto library: only the validity
dates and the subject's common name are needed.
"""

from __future__ import annotations

import datetime as dt
import re
import ssl
from dataclasses import dataclass
from pathlib import Path

from etcdesk.core.errors import ConfigError
from etcdesk.core.i18n import translate

_PEM_CERT = re.compile(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.DOTALL)
_CN_OID = bytes.fromhex("550403")  # 2.5.4.3, commonName

# The server refused the client's certificate (or that there was none): TLS alerts it sends.
_SERVER_REFUSED = (
    "alert_bad_certificate",
    "alert_certificate_required",
    "alert_unknown_ca",
    "alert_certificate_expired",
    "alert_certificate_unknown",
    "alert_certificate_revoked",
    "alert_unsupported_certificate",
)


@dataclass(frozen=True)
class CertificateInfo:
    common_name: str
    not_before: dt.datetime
    not_after: dt.datetime


def certificate_info(path: str) -> CertificateInfo | None:
    """The first certificate in a PEM file: subject CN and validity; None if unreadable."""
    try:
        match = _PEM_CERT.search(Path(path).expanduser().read_bytes())
        if match is None:
            return None
        der = ssl.PEM_cert_to_DER_cert(match.group().decode("ascii"))
        return _parse(der)
    except (OSError, ValueError, IndexError, UnicodeDecodeError):
        return None


def _tlv(data: bytes, pos: int) -> tuple[int, int, int]:
    """(tag, start of content, end of content) of the DER element at ``pos``."""
    tag = data[pos]
    length = data[pos + 1]
    pos += 2
    if length & 0x80:
        count = length & 0x7F
        length = int.from_bytes(data[pos : pos + count], "big")
        pos += count
    if pos + length > len(data):
        raise ValueError("truncated DER")
    return tag, pos, pos + length


def _children(data: bytes, start: int, end: int) -> list[tuple[int, int, int]]:
    items = []
    while start < end:
        item = _tlv(data, start)
        items.append(item)
        start = item[2]
    return items


def _time(data: bytes, item: tuple[int, int, int]) -> dt.datetime:
    tag, start, end = item
    text = data[start:end].decode("ascii")
    if tag == 0x17:  # UTCTime, YYMMDDHHMMSSZ (RFC 5280: years 50-99 are 19xx)
        year = int(text[:2])
        text = ("19" if year >= 50 else "20") + text
    elif tag != 0x18:  # GeneralizedTime, YYYYMMDDHHMMSSZ
        raise ValueError("not a time")
    return dt.datetime.strptime(text, "%Y%m%d%H%M%SZ").replace(tzinfo=dt.UTC)


def _parse(der: bytes) -> CertificateInfo:
    _tag, start, end = _tlv(der, 0)  # Certificate
    _tag, start, end = _tlv(der, start)  # tbsCertificate
    fields = _children(der, start, end)
    if fields[0][0] == 0xA0:  # [0] version
        fields = fields[1:]
    # serialNumber, signature, issuer, validity, subject
    validity, subject = fields[3], fields[4]
    not_before, not_after = _children(der, validity[1], validity[2])[:2]
    common_name = ""
    for _set, set_start, set_end in _children(der, subject[1], subject[2]):
        for _seq, seq_start, seq_end in _children(der, set_start, set_end):
            oid, value = _children(der, seq_start, seq_end)[:2]
            if der[oid[1] : oid[2]] == _CN_OID:
                common_name = der[value[1] : value[2]].decode("utf-8", "replace")
    return CertificateInfo(common_name, _time(der, not_before), _time(der, not_after))


def check_files(cacert: str | None, cert: str | None, key: str | None) -> None:
    """Raise ConfigError naming the file when the CA, certificate or key cannot be used.

    gRPC reports every such mistake (a key picked as the CA, the key of another certificate)
    only as "Failed to create security handshaker", once per connection attempt.
    """
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if cacert:
        try:
            context.load_verify_locations(cafile=str(Path(cacert).expanduser()))
        except (ssl.SSLError, ValueError) as exc:
            message = translate("Tls", "the CA certificate file {path} holds no certificate")
            raise ConfigError(message.format(path=cacert)) from exc
    if cert and key:
        try:
            # The password callback stops OpenSSL from prompting on the terminal for an
            # encrypted key; gRPC cannot use one anyway.
            context.load_cert_chain(
                str(Path(cert).expanduser()), str(Path(key).expanduser()), password=lambda: b""
            )
        except (ssl.SSLError, ValueError) as exc:
            if "key values mismatch" in str(exc).lower():
                message = translate(
                    "Tls", "the client key {key} does not belong to the client certificate {cert}"
                )
                raise ConfigError(message.format(key=key, cert=cert)) from exc
            message = translate(
                "Tls",
                "cannot use the client certificate {cert} with the key {key} (both must be "
                "PEM files, the key not encrypted): {error}",
            )
            error = getattr(exc, "reason", None) or exc
            raise ConfigError(message.format(cert=cert, key=key, error=error)) from exc


def _when(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _client_cert_problem(cert: str | None, now: dt.datetime) -> str:
    if not cert:
        return translate(
            "Tls",
            "the server requires a client certificate; set a client certificate and key "
            "in the connection profile",
        )
    info = certificate_info(cert)
    if info is None:
        return translate("Tls", "the server refused the client certificate {cert}").format(
            cert=cert
        )
    if now > info.not_after:
        message = translate(
            "Tls", "the server refused the client certificate {cert}: it expired on {when}"
        )
        return message.format(cert=cert, when=_when(info.not_after))
    if now < info.not_before:
        message = translate(
            "Tls",
            "the server refused the client certificate {cert}: it is not valid before {when} "
            "(is this computer's clock right?)",
        )
        return message.format(cert=cert, when=_when(info.not_before))
    message = translate(
        "Tls",
        "the server refused the client certificate {cert} (CN={cn}): it is not signed by a CA "
        "the server trusts, or not meant for client authentication",
    )
    return message.format(cert=cert, cn=info.common_name)


def explain_tls_failure(
    details: str,
    endpoint: str,
    *,
    cacert: str | None,
    cert: str | None,
    now: dt.datetime | None = None,
) -> str:
    """One sentence naming the endpoint, who refused whose certificate, and what to change."""
    lowered = details.lower()
    now = now or dt.datetime.now(dt.UTC)
    failed = translate("Tls", "TLS connection to {endpoint} failed: {reason}")

    def fail(reason: str) -> str:
        return failed.format(endpoint=endpoint, reason=reason)

    if "certificate_verify_failed" in lowered or "certificate verify failed" in lowered:
        unverified = translate("Tls", "the server's certificate could not be verified: {why}")
        if "expired" in lowered:
            why = translate("Tls", "it has expired")
        elif "not yet valid" in lowered:
            why = translate("Tls", "it is not valid yet (is this computer's clock right?)")
        elif cacert:
            why = translate("Tls", "it is not signed by the CA in {path}").format(path=cacert)
        else:
            why = translate(
                "Tls",
                "it is not signed by a CA this computer trusts; set the cluster's CA "
                "certificate in the connection profile",
            )
        return fail(unverified.format(why=why))
    if "hostname verification" in lowered or "not in peer certificate" in lowered:
        host = endpoint.rsplit(":", 1)[0]
        message = translate("Tls", "the server's certificate is not valid for the name {host}")
        return fail(message.format(host=host))
    if any(alert in lowered for alert in _SERVER_REFUSED):
        return fail(_client_cert_problem(cert, now))
    if "failed to create security handshaker" in lowered:
        return fail(
            translate(
                "Tls",
                "the CA certificate, client certificate or key could not be used (not PEM, or "
                "a key that does not belong to the certificate)",
            )
        )
    if "handshake read failed" in lowered or "wrong_version_number" in lowered:
        return fail(
            translate(
                "Tls",
                "the server closed the connection during the TLS handshake; it may not use TLS "
                "(then connect with http:// and no CA certificate)",
            )
        )
    return fail(details)
