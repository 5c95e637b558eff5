"""Unexpected errors: logged to the crash log and shown in a dialog; the app keeps running.

``CrashReporter.install`` replaces ``sys.excepthook`` (an exception in a Qt slot or event
handler ends there; PySide prints it and returns to the event loop) and
``threading.excepthook`` (a worker thread that dies). The traceback is scrubbed of secrets
(core.crashlog.scrub), written to the rotating log, and shown in a dialog with copyable
details. A crash on another thread is posted to the GUI thread. While a dialog is open, further
errors are logged and counted, not stacked as more dialogs (a failing paint would open one per
frame).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from etcdesk.core.crashlog import format_exception, log_path

log = logging.getLogger("etcdesk.crash")


class CrashDialog(QDialog):
    """Says something went wrong, where the log is, and shows the (scrubbed) details."""

    def __init__(self, details: str, log_file: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("etcdesk: unexpected error"))
        self.resize(720, 460)
        summary = details.strip().splitlines()[-1] if details.strip() else ""
        self.message = QLabel(
            self.tr(
                "<b>Something went wrong.</b><br>{summary}<br><br>etcdesk keeps running, but "
                "what you were doing may not have finished. The details below (secrets removed) "
                "are also written to<br><code>{log}</code>"
            ).format(summary=_html(summary), log=_html(log_file))
        )
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.more = QLabel()
        self.more.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.more)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())

    def add_more(self, count: int) -> None:
        self.more.setText(self.tr("{count} more errors since; see the log.").format(count=count))
        self.more.show()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class CrashReporter(QObject):
    """Installs the exception hooks; lives on the GUI thread."""

    crashed = Signal(str)  # the scrubbed details, queued to the GUI thread

    def __init__(
        self,
        secrets: Callable[[], Iterable[str]] = lambda: (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.secrets = secrets
        self.dialog: CrashDialog | None = None
        self.shown: list[str] = []  # details of each dialog shown (tests read it)
        self._pending_more = 0
        self._previous: tuple[object, object] | None = None
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._on_exception
        threading.excepthook = self._on_thread_exception

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None

    def _known(self) -> Iterable[str]:
        try:
            return list(self.secrets())
        except Exception:  # never fail while reporting a failure
            return []

    def report(
        self,
        kind: type[BaseException],
        value: BaseException,
        tb: TracebackType | None,
        thread: str = "",
    ) -> str:
        """Log the error and ask the GUI thread to show it; returns the scrubbed details."""
        details = format_exception(kind, value, tb, self._known())
        where = f" in thread {thread}" if thread else ""
        log.error("unexpected error%s:\n%s", where, details.rstrip())
        self.crashed.emit(details)
        return details

    def _on_exception(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in the terminal: quit as usual
            sys.__excepthook__(kind, value, tb)
            app = QApplication.instance()
            if app is not None:
                app.quit()
            return
        self.report(kind, value, tb)

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else ""
        self.report(args.exc_type, args.exc_value, args.exc_traceback, name)

    @Slot(str)
    def _show(self, details: str) -> None:
        if self.dialog is not None:  # one dialog at a time; count the rest
            self._pending_more += 1
            self.dialog.add_more(self._pending_more)
            return
        self.shown.append(details)
        parent = QApplication.activeWindow()
        self.dialog = CrashDialog(details, str(log_path()), parent)
        try:
            self.dialog.exec()
        finally:
            self.dialog.deleteLater()
            self.dialog = None
            self._pending_more = 0
