"""About etcdesk: versions (etcdesk, Python, Qt, PySide6, the etcd client and server) and where
etcdesk keeps its files, in text that can be copied into a bug report."""

from __future__ import annotations

import platform
import sys

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import etcdesk
from etcdesk.qt.icons import icon


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class AboutDialog(QDialog):
    def __init__(
        self,
        facts: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        """``facts``: (label, value) rows, e.g. ("etcd server", "3.5.1 at 127.0.0.1:2379")."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("About etcdesk"))
        self.facts = facts
        logo = QLabel()
        logo.setPixmap(icon("etcdesk").pixmap(64, 64))
        title = QLabel(
            self.tr(
                "<h2>etcdesk {version}</h2>"
                "<p>Browse, edit, audit and roll back per-tenant configuration kept in etcd.</p>"
            ).format(version=etcdesk.__version__)
        )
        title.setWordWrap(True)
        rows = "".join(
            f"<tr><td style='padding-right:12px'><b>{_html(label)}</b></td>"
            f"<td>{_html(value)}</td></tr>"
            for label, value in facts
        )
        self.details = QLabel(f"<table>{rows}</table>")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("Copy"))
        copy.setToolTip(self.tr("Copy the versions and paths, for a bug report"))
        copy.clicked.connect(self.copy)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(logo)
        layout.addWidget(title)
        layout.addWidget(self.details)
        layout.addWidget(buttons)

    def text(self) -> str:
        return "\n".join(f"{label}: {value}" for label, value in self.facts)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(f"etcdesk {etcdesk.__version__}\n{self.text()}")


def runtime_versions() -> list[tuple[str, str]]:
    """Python, Qt and PySide6, and the etcd client library."""
    from PySide6 import __version__ as pyside_version

    try:
        import etcd3

        client = str(getattr(etcd3, "__version__", "?"))
    except Exception:  # the app still shows About without it
        client = "?"
    return [
        ("Python", f"{platform.python_version()} ({sys.platform})"),
        ("Qt", qVersion()),
        ("PySide6", pyside_version),
        ("python3-etcd3", client),
    ]
