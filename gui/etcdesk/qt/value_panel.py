"""The read-only value viewer: metadata above, highlighted value below, clear empty states."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from etcdesk.core.browse import LoadedValue
from etcdesk.core.i18n import QT_TRANSLATE_NOOP
from etcdesk.core.layout import display
from etcdesk.core.schemas import SchemaRegistry
from etcdesk.core.values import ValueFormat
from etcdesk.qt.editor_panel import EditorPanel

FORMAT_NAMES = {  # translated where shown (ValuePanel context)
    ValueFormat.JSON: "JSON",
    ValueFormat.YAML: "YAML",
    ValueFormat.TEXT: QT_TRANSLATE_NOOP("ValuePanel", "Text"),
    ValueFormat.BINARY: QT_TRANSLATE_NOOP("ValuePanel", "Binary"),
    ValueFormat.EMPTY: QT_TRANSLATE_NOOP("ValuePanel", "Empty"),
}


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / 1024 / 1024:.2f} MiB"


class _Message(QWidget):
    """A centred message with an optional action button (empty, loading and error states)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title.setFont(font)
        self.body = QLabel()
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.button = QPushButton()
        self.button.hide()
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def show_message(self, title: str, body: str = "", button: str = "") -> None:
        self.title.setText(title)
        self.body.setText(body)
        self.button.setText(button)
        self.button.setVisible(bool(button))


class ValuePanel(QWidget):
    retry_requested = Signal(bytes)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._key: bytes | None = None
        self.stack = QStackedWidget()
        self.message = _Message()
        self.message.button.clicked.connect(self._on_retry_clicked)

        self.key_label = QLabel()
        self.key_label.setObjectName("keyLabel")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.key_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.key_label.setFont(font)

        self.meta = {
            name: QLabel()
            for name in ("format", "size", "created", "modified", "version", "lease", "read")
        }
        for label in self.meta.values():
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        meta_box = QFrame()
        meta_box.setObjectName("metaBox")
        grid = QHBoxLayout(meta_box)
        grid.setContentsMargins(0, 0, 0, 0)
        left, right = QFormLayout(), QFormLayout()
        left.addRow(self.tr("Format:"), self.meta["format"])
        left.addRow(self.tr("Size:"), self.meta["size"])
        left.addRow(self.tr("Version:"), self.meta["version"])
        right.addRow(self.tr("Created at revision:"), self.meta["created"])
        right.addRow(self.tr("Modified at revision:"), self.meta["modified"])
        right.addRow(self.tr("Lease:"), self.meta["lease"])
        grid.addLayout(left, 1)
        grid.addLayout(right, 1)

        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("valueNote")
        self.note.setStyleSheet(
            "QLabel#valueNote { background: #fff4ce; color: #5c4400; padding: 6px;"
            " border-radius: 4px; }"
        )
        self.note.hide()

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setObjectName("remoteBanner")
        self.banner.setStyleSheet(
            "QLabel#remoteBanner { background: #ffebe9; color: #82071e; padding: 6px;"
            " border-radius: 4px; }"
        )
        self.banner.hide()
        self.editor = EditorPanel()
        self.viewer = self.editor.raw  # the raw text view (read-only unless editing is allowed)
        self.highlighter = self.editor.raw.highlighter
        self.loaded: LoadedValue | None = None

        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.addWidget(self.key_label)
        page_layout.addWidget(meta_box)
        page_layout.addWidget(self.note)
        page_layout.addWidget(self.banner)
        page_layout.addWidget(self.editor, 1)
        page_layout.addWidget(self.meta["read"], 0, Qt.AlignmentFlag.AlignRight)
        self.meta["read"].setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.value_page = page

        self.stack.addWidget(self.message)
        self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.show_empty()

    @property
    def key(self) -> bytes | None:
        return self._key

    def show_remote_change(self, revision: int, deleted: bool) -> None:
        """Someone else changed the key while it has unsaved edits: say so, keep the edits."""
        text = (
            self.tr("Deleted in etcd at revision {rev} while you were editing.")
            if deleted
            else self.tr(
                "Changed in etcd at revision {rev} while you were editing. Saving will show a "
                "conflict view; Revert loads their version."
            )
        )
        self.banner.setText(text.format(rev=revision))
        self.banner.show()

    def show_empty(self) -> None:
        self._key = None
        self.loaded = None
        self.message.show_message(
            self.tr("No config selected"),
            self.tr("Pick a config in the tree on the left, or filter with Ctrl+F."),
        )
        self.stack.setCurrentWidget(self.message)

    def show_loading(self, key: bytes) -> None:
        self._key = key
        self.message.show_message(self.tr("Loading…"), display(key))
        self.stack.setCurrentWidget(self.message)

    def show_error(self, key: bytes, text: str) -> None:
        self._key = key
        self.message.show_message(
            self.tr("Could not read this key"), f"{display(key)}\n\n{text}", self.tr("Retry")
        )
        self.stack.setCurrentWidget(self.message)

    def show_locked(self, key: bytes, text: str) -> None:
        """The etcd user may not read this key: a permission, not a failure (no Retry)."""
        self._key = key
        self.message.show_message(self.tr("🔒 Locked"), f"{display(key)}\n\n{text}")
        self.stack.setCurrentWidget(self.message)

    def show_value(
        self,
        loaded: LoadedValue,
        schema: tuple[str, dict[str, Any]] | None = None,
        registry: SchemaRegistry | None = None,
        editable: bool = False,
        allow_reveal: bool = True,
    ) -> None:
        self._key = loaded.key
        if loaded.kv is None or loaded.decoded is None:
            self.message.show_message(
                self.tr("This key no longer exists"),
                self.tr("{key}\nwas deleted (cluster revision {rev}).").format(
                    key=display(loaded.key), rev=loaded.revision
                ),
            )
            self.stack.setCurrentWidget(self.message)
            return
        kv, decoded = loaded.kv, loaded.decoded
        self.key_label.setText(display(kv.key))
        self.key_label.setToolTip(display(kv.key))
        self.meta["format"].setText(self.tr(FORMAT_NAMES[decoded.format]))
        self.meta["size"].setText(human_size(decoded.size))
        self.meta["version"].setText(str(kv.version))
        self.meta["created"].setText(str(kv.create_revision))
        self.meta["modified"].setText(str(kv.mod_revision))
        if kv.lease:
            ttl = ""
            if loaded.lease is not None:
                ttl = (
                    self.tr("expired")
                    if loaded.lease.ttl < 0
                    else self.tr("{ttl} s left of {granted} s").format(
                        ttl=loaded.lease.ttl, granted=loaded.lease.granted_ttl
                    )
                )
            self.meta["lease"].setText(f"{kv.lease:x}" + (f" — {ttl}" if ttl else ""))
        else:
            self.meta["lease"].setText(self.tr("none"))
        self.meta["read"].setText(
            self.tr("Read at cluster revision {rev}").format(rev=loaded.revision)
        )
        note = decoded.note
        if decoded.format is ValueFormat.BINARY:
            note = self.tr("Binary value ({why}): shown as hex, not editable as text.").format(
                why=decoded.note
            )
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.banner.hide()
        self.loaded = loaded
        self.editor.load(
            decoded.text,
            decoded.format,
            decoded.data,
            schema,
            registry,
            editable=editable and decoded.format is not ValueFormat.BINARY,
            allow_reveal=allow_reveal,
        )
        if decoded.format is ValueFormat.EMPTY:
            self.viewer.setPlaceholderText(self.tr("(empty value)"))
        self.stack.setCurrentWidget(self.value_page)

    def _on_retry_clicked(self) -> None:
        if self._key is not None:
            self.retry_requested.emit(self._key)
