"""``x-secret`` strings: masked, revealed only on request, never in tooltips, names or messages.

A masked secret is a password-mode QLineEdit, which can hold line breaks, so a multi-line secret
(a PEM key) can still be replaced by pasting while masked; revealing a multi-line one swaps in a
plain text editor. With ``allow_reveal=False`` there is no reveal button at all.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QToolButton, QWidget

from etcdesk.qt.form.base import BuildContext
from etcdesk.qt.form.fields import TEXTAREA_LINES, _LeafField
from etcdesk.qt.form.keywords import MISSING, Schema, is_multiline, ui

_HINTS = (
    Qt.InputMethodHint.ImhSensitiveData
    | Qt.InputMethodHint.ImhNoPredictiveText
    | Qt.InputMethodHint.ImhNoAutoUppercase
    | Qt.InputMethodHint.ImhHiddenText
)


class SecretField(_LeafField):
    def __init__(self, ctx: BuildContext, schema: Schema, value: Any, **kw: Any) -> None:
        super().__init__(ctx, schema, value, **kw)
        self.multiline = is_multiline(schema, value)
        self.masked = QLineEdit()
        self.masked.setEchoMode(QLineEdit.EchoMode.Password)
        self.masked.setInputMethodHints(_HINTS)
        self.masked.setAccessibleName(self.title)
        self.masked.setReadOnly(self.read_only)
        placeholder = ui(schema).get("placeholder")
        self.masked.setPlaceholderText(placeholder if isinstance(placeholder, str) else "")
        self.masked.textEdited.connect(self._on_masked_edited)
        self.plain: QPlainTextEdit | None = None
        extra: list[QWidget] = []
        self.reveal: QToolButton | None = None
        if ctx.allow_reveal:
            self.reveal = QToolButton()
            self.reveal.setCheckable(True)
            self.reveal.setText(self.tr("Show"))
            self.reveal.setToolTip(self.tr("Show the value"))
            self.reveal.setAccessibleName(self.tr("Show {field}").format(field=self.title))
            self.reveal.toggled.connect(self._on_reveal_toggled)
            extra.append(self.reveal)
        row = self._editor_row(self.masked, *extra)
        if self.multiline and ctx.allow_reveal:
            self.plain = QPlainTextEdit()
            self.plain.setAccessibleName(self.title)
            self.plain.setReadOnly(self.read_only)
            self.plain.setTabChangesFocus(True)
            self.plain.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            self.plain.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            lines = QFontMetrics(self.plain.font()).lineSpacing() * TEXTAREA_LINES
            self.plain.setFixedHeight(lines + 2 * self.plain.frameWidth() + 8)
            self.plain.textChanged.connect(self._on_plain_changed)
            self.plain.hide()
            row.insertWidget(1, self.plain, 1)
        self._add_help()
        self.set_value(value)

    def editor(self) -> QWidget:
        if self.plain is not None and self.plain.isVisibleTo(self):
            return self.plain
        return self.masked

    def accepts(self, value: Any) -> bool:
        return value is MISSING or value is None or isinstance(value, str)

    @property
    def revealed(self) -> bool:
        return self.reveal is not None and self.reveal.isChecked()

    def set_value(self, value: Any) -> None:
        self._value = value
        text = value if isinstance(value, str) else ""
        self._loading = True
        self.masked.setText(text)
        self.masked.setCursorPosition(0)
        if self.plain is not None:
            self.plain.setPlainText(text)
        self._loading = False

    def mask_secrets(self, message: str) -> str:
        """Replace the value (and its quoted form) in a validation message with a mask."""
        value = self._value
        if isinstance(value, str) and value:
            for quoted in (repr(value), f'"{value}"', value):
                message = message.replace(quoted, self.tr("the value"))
            # jsonschema shortens long instances ("'-----BEGIN …' is too long"): drop any
            # quoted text that starts like the secret.
            head = value[:8]
            while head and f"'{head}" in message:
                start = message.index(f"'{head}")
                end = message.find("'", start + 1)
                end = len(message) if end < 0 else end + 1
                message = message[:start] + self.tr("the value") + message[end:]
        return message

    # -- user edits -------------------------------------------------------------------------

    @Slot(bool)
    def _on_reveal_toggled(self, shown: bool) -> None:
        assert self.reveal is not None
        self.reveal.setText(self.tr("Hide") if shown else self.tr("Show"))
        self.reveal.setToolTip(self.tr("Hide the value") if shown else self.tr("Show the value"))
        focus = self.editor().hasFocus()
        if self.plain is not None:
            self.masked.setVisible(not shown)
            self.plain.setVisible(shown)
        else:
            mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
            self.masked.setEchoMode(mode)
        if focus:
            self.editor().setFocus()

    @Slot(str)
    def _on_masked_edited(self, text: str) -> None:
        if self.plain is not None:
            self._loading = True
            self.plain.setPlainText(text)
            self._loading = False
        self._user_set(text if text else self._empty_value())

    @Slot()
    def _on_plain_changed(self) -> None:
        if self._loading or self.plain is None:
            return
        text = self.plain.toPlainText()
        self._loading = True
        self.masked.setText(text)
        self._loading = False
        self._user_set(text if text else self._empty_value())
