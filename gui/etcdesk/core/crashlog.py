"""The crash log: unexpected errors go to a rotating file in the user log directory, with
secrets scrubbed (issue 7).

A traceback can carry secrets in exception messages: a password in a URL or a request, an auth
token, a private key read from a certificate file, a value with an ``x-secret`` field. Which
fields of a value are secret is unknown here, so ``scrub`` removes whatever looks like a secret
(``password=…``, ``token …``, ``Bearer …``, PEM blocks, credentials in URLs) and every known
secret given to it (the password of the open connection, ``ETCDESK_PASSWORD``).
"""

from __future__ import annotations

import logging
import os
import re
import traceback
from collections.abc import Callable, Iterable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

import platformdirs

APP_NAME = "etcdesk"
LOG_DIR_ENV = "ETCDESK_LOG_DIR"
LOG_FILE = "etcdesk.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 5
REDACTED = "[scrubbed]"
MIN_SECRET_LEN = 4  # a shorter "secret" would scrub ordinary words out of the traceback

_PEM = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----.*?(?:-----END \1-----|\Z)", re.DOTALL)
_NAMES = (
    r"pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key"
    r"|auth|authorization|credentials?|cookie"
)
_VALUE = (
    r"(?:(?P<quote>[\"'])(?P<quoted>[^\"'\n]*)[\"']?"
    r"|(?P<value>(?:bearer\s+|basic\s+)?[^\s\"',;}\])]+))"
)
# name = value, name: value, "name": "value" (db_password=..., X-Auth-Token: ...)
_ASSIGNED = re.compile(rf"(?i)(?P<name>\b[\w-]*?(?:{_NAMES}))\b(?P<sep>[\"']?\s*[:=]\s*){_VALUE}")
# "password hunter2", "token 3f9a..." : only a value that does not read like a word
_SPACED = re.compile(rf"(?i)(?P<name>\b(?:password|passwd|token|secret))(?P<sep>\s+){_VALUE}")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}")
_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^/\s:@]+):[^/\s@]+@")
_SKIP_VALUES = frozenset({"none", "null", "true", "false", "''", '""'})


def log_dir() -> Path:
    """Where the crash log goes: ``ETCDESK_LOG_DIR``, else the platform's user log directory
    (``~/.local/state/etcdesk/log`` on Linux)."""
    override = os.environ.get(LOG_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME))


def log_path() -> Path:
    return log_dir() / LOG_FILE


def scrub(text: str, known: Iterable[str] = ()) -> str:
    """``text`` with everything that looks like a secret, and each ``known`` secret, replaced."""
    for secret in sorted({s for s in known if s and len(s) >= MIN_SECRET_LEN}, key=len)[::-1]:
        text = text.replace(secret, REDACTED)
    text = _PEM.sub(lambda m: f"-----BEGIN {m.group(1)}----- {REDACTED}", text)
    text = _URL_USERINFO.sub(rf"\1:{REDACTED}@", text)
    text = _BEARER.sub(rf"\1 {REDACTED}", text)

    def assigned(match: re.Match[str]) -> str:
        quote = match.group("quote") or ""
        value = match.group("quoted") if quote else match.group("value")
        if REDACTED[:-1] in value or value.casefold() in _SKIP_VALUES:
            return match.group(0)
        return f"{match.group('name')}{match.group('sep')}{quote}{REDACTED}{quote}"

    def spaced(match: re.Match[str]) -> str:
        value = match.group("value")
        if value is not None and (value[0] in "=:" or (value.isalpha() and value.islower())):
            return match.group(0)  # "token expired", "password for ...": words, not secrets
        return assigned(match)

    return _SPACED.sub(spaced, _ASSIGNED.sub(assigned, text))


def format_exception(
    kind: type[BaseException],
    value: BaseException,
    tb: TracebackType | None,
    known: Iterable[str] = (),
) -> str:
    """The traceback as text, scrubbed."""
    return scrub("".join(traceback.format_exception(kind, value, tb)), known)


class ScrubbingFormatter(logging.Formatter):
    """Formats a record (with its traceback) and scrubs the result."""

    def __init__(self, known: Callable[[], Iterable[str]] = lambda: ()) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s")
        self._known = known

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record), self._known())


def open_log(
    directory: Path | None = None,
    known: Callable[[], Iterable[str]] = lambda: (),
    level: int = logging.WARNING,
) -> RotatingFileHandler | None:
    """Attach a rotating file handler for warnings and errors to the root logger.

    The file is created on the first record, so a run without trouble leaves no log. Returns
    None (and logs why to the other handlers) when the directory cannot be created.
    """
    directory = directory or log_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        logging.getLogger(__name__).warning("no crash log: cannot create %s: %s", directory, exc)
        return None
    handler = RotatingFileHandler(
        directory / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )
    handler.setLevel(level)
    handler.setFormatter(ScrubbingFormatter(known))
    logging.getLogger().addHandler(handler)
    return handler


def close_log(handler: RotatingFileHandler | None) -> None:
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()
