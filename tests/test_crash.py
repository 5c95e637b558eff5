"""Crash safety (issue 7): an unexpected error is logged to a rotating file and shown in a
dialog, with secrets scrubbed, and the app keeps running."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from etcdesk.core import crashlog
from etcdesk.core.crashlog import REDACTED, close_log, open_log, scrub
from etcdesk.qt.crash_dialog import CrashDialog, CrashReporter

PEM = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIKeyMaterial42\n-----END EC PRIVATE KEY-----"


def test_scrub_removes_what_looks_like_a_secret() -> None:
    text = (
        "connect failed: password=hunter2x, user=ops\n"
        "headers {'Authorization': 'Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig'}\n"
        "url https://ops:pa55word@etcd-1:2379/v3\n"
        f"key file said {PEM} then\n"
        '{"db_password": "two words", "token": "t0k3n-abc", "x-api-key": "k-123"}\n'
        "auth token 3f9a8b7c6d5e expired; password for ops was wrong; authentication failed\n"
        "my typed secret is Corr3ct-Horse\n"
    )
    out = scrub(text, known=["Corr3ct-Horse", "", "abc"])
    for secret in (
        "hunter2x",
        "eyJhbGciOiJIUzI1NiJ9",
        "pa55word",
        "KeyMaterial42",
        "two words",
        "t0k3n-abc",
        "k-123",
        "3f9a8b7c6d5e",
        "Corr3ct-Horse",
    ):
        assert secret not in out, secret
    # What is not a secret stays readable.
    for kept in ("user=ops", "etcd-1:2379", "password for ops was wrong", "authentication failed"):
        assert kept in out, kept
    assert "-----BEGIN EC PRIVATE KEY-----" in out and REDACTED in out
    assert "abc" in scrub("abc", known=["abc"])  # too short to scrub safely


@pytest.fixture
def reporter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> Iterator[tuple[CrashReporter, Path, list[tuple[str, str]]]]:
    monkeypatch.setenv(crashlog.LOG_DIR_ENV, str(tmp_path / "logs"))
    monkeypatch.setenv("ETCDESK_PASSWORD", "env-Pa55phrase")
    shown: list[tuple[str, str]] = []  # (details, message) of each dialog shown

    def exec_(dialog: CrashDialog) -> int:
        shown.append((dialog.details.toPlainText(), dialog.message.text()))
        dialog.copy_details()
        return 0

    monkeypatch.setattr(CrashDialog, "exec", exec_)
    handler = open_log(known=lambda: ["typed-Secret99"])
    assert handler is not None
    crash = CrashReporter(lambda: ["typed-Secret99", "env-Pa55phrase"])
    crash.install()
    yield crash, tmp_path / "logs" / "etcdesk.log", shown
    crash.uninstall()
    close_log(handler)


@pytest.mark.qt_no_exception_capture  # the reporter, not pytest-qt, must see the exception
def test_an_error_in_a_slot_is_logged_and_shown_and_the_app_goes_on(
    qtbot: QtBot, reporter: tuple[CrashReporter, Path, list[tuple[str, str]]]
) -> None:
    _crash, log_file, shown = reporter
    assert not log_file.exists()  # nothing went wrong yet: no file

    def broken_slot() -> None:
        raise RuntimeError("cannot log in: password=typed-Secret99 token env-Pa55phrase")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=5000)
    details, message = shown[0]
    assert "Traceback" in details and "broken_slot" in details and "RuntimeError" in details
    assert "typed-Secret99" not in details and "env-Pa55phrase" not in details
    assert QGuiApplication.clipboard().text() == details  # "Copy details"
    assert "RuntimeError" in message and str(log_file) in message
    logged = log_file.read_text(encoding="utf-8")
    assert "broken_slot" in logged and "RuntimeError" in logged
    assert "typed-Secret99" not in logged and "env-Pa55phrase" not in logged

    # The event loop still runs: timers fire, the next error gets its own dialog.
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired))

    # An error on a worker thread is posted to the GUI thread.
    def worker() -> None:
        raise ValueError(f"worker failed reading {'-----BEGIN PRIVATE KEY-----'}\nabc\n")

    thread = threading.Thread(target=worker, name="etcdesk-test-worker")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=5000)
    details = shown[1][0]
    assert "ValueError" in details and "worker" in details
    assert "abc" not in details.split("ValueError")[-1]  # the PEM body is gone
    assert "etcdesk-test-worker" in log_file.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_errors_while_a_dialog_is_open_are_counted_not_stacked(
    qtbot: QtBot, reporter: tuple[CrashReporter, Path, list[tuple[str, str]]]
) -> None:
    crash, log_file, shown = reporter
    crash.dialog = CrashDialog("earlier error", str(log_file))  # as if one were open
    for n in range(3):
        QTimer.singleShot(0, lambda n=n: (_ for _ in ()).throw(KeyError(f"again {n}")))
    qtbot.waitUntil(lambda: "3 more errors" in crash.dialog.more.text(), timeout=5000)  # type: ignore[union-attr]
    assert shown == []
    assert log_file.read_text(encoding="utf-8").count("KeyError") >= 3
    crash.dialog = None


def test_log_rotates(tmp_path: Path) -> None:
    handler = open_log(tmp_path)
    assert handler is not None
    try:
        noisy = logging.getLogger("etcdesk.test.rotation")
        chunk = "x" * 10_000
        for _ in range(int(crashlog.MAX_BYTES / 10_000) + 20):
            noisy.warning(chunk)
    finally:
        close_log(handler)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert "etcdesk.log" in files and "etcdesk.log.1" in files
    assert all(p.stat().st_size <= crashlog.MAX_BYTES + 20_000 for p in tmp_path.iterdir())
