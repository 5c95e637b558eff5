"""The raw text view of a document: JSON or YAML, highlighted, with parse errors located."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from etcdesk.core.values import ValueFormat
from etcdesk.qt.highlighter import MAX_HIGHLIGHT_BYTES, ValueHighlighter


class RawEditor(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setTabChangesFocus(False)
        self.highlighter = ValueHighlighter(self.document())
        self.set_editable(False)

    def set_editable(self, editable: bool) -> None:
        self.setReadOnly(not editable)
        flags = (
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        if editable:
            flags |= Qt.TextInteractionFlag.TextEditable
        self.setTextInteractionFlags(flags)

    def load(self, text: str, value_format: ValueFormat) -> None:
        """Replace the text; undo history starts here."""
        size = len(text.encode("utf-8", "replace"))
        self.highlighter.set_format(
            value_format if size <= MAX_HIGHLIGHT_BYTES else ValueFormat.TEXT
        )
        self.setPlainText(text)
        self.document().setModified(False)

    def go_to(self, line: int, column: int) -> None:
        """Put the cursor at a 1-based line and column (a parse error's position)."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        cursor.movePosition(
            QTextCursor.MoveOperation.Right,
            QTextCursor.MoveMode.MoveAnchor,
            max(0, min(column - 1, block.length() - 1)),
        )
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
