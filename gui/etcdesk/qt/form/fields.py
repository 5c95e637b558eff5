"""Leaf fields for strings, choices, booleans, null, constants and untyped JSON values."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtGui import QFontDatabase, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from etcdesk.qt.form.base import BuildContext, Field
from etcdesk.qt.form.keywords import (
    FORMAT_PLACEHOLDERS,
    MISSING,
    Schema,
    display_value,
    enum_options,
    is_nullable,
    same_json,
    ui,
)

TEXTAREA_LINES = 5


class _LeafField(Field):
    """A field whose value is kept as given until the user edits it."""

    def __init__(self, ctx: BuildContext, schema: Schema, value: Any, **kw: Any) -> None:
        super().__init__(ctx, schema, **kw)
        self._value: Any = value
        self._loading = False

    def value(self) -> Any:
        return self._value

    def _empty_value(self) -> Any:
        """What clearing the editor means: absent when optional, null or "" when required."""
        if not self.required:
            return MISSING
        return None if is_nullable(self.schema) else ""

    def _user_set(self, value: Any) -> None:
        if self._loading:
            return
        if same_json(value, self._value):
            return
        self._value = value
        self.changed.emit()


def _placeholder(schema: Schema) -> str:
    text = ui(schema).get("placeholder")
    if isinstance(text, str):
        return text
    fmt = schema.get("format")
    return FORMAT_PLACEHOLDERS.get(fmt, "") if isinstance(fmt, str) else ""


class TextField(_LeafField):
    """A one-line string; formats other than dates are checked by validation, not blocked."""

    def __init__(self, ctx: BuildContext, schema: Schema, value: Any, **kw: Any) -> None:
        super().__init__(ctx, schema, value, **kw)
        self.line = QLineEdit()
        self.line.setPlaceholderText(_placeholder(schema))
        self.line.setAccessibleName(self.title)
        self.line.setReadOnly(self.read_only)
        self.line.textEdited.connect(self._on_text_edited)
        self._editor_line(self.line)
        self._add_help()
        self.set_value(value)

    def editor(self) -> QWidget:
        return self.line

    def accepts(self, value: Any) -> bool:
        return value is MISSING or value is None or isinstance(value, str)

    def set_value(self, value: Any) -> None:
        self._value = value
        self._loading = True
        self.line.setText(value if isinstance(value, str) else "")
        self._loading = False

    @Slot(str)
    def _on_text_edited(self, text: str) -> None:
        self._user_set(text if text else self._empty_value())


class TextAreaField(_LeafField):
    """A multi-line string (x-ui ``widget: textarea``, or a value that has line breaks)."""

    def __init__(self, ctx: BuildContext, schema: Schema, value: Any, **kw: Any) -> None:
        super().__init__(ctx, schema, value, **kw)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(_placeholder(schema))
        self.text.setAccessibleName(self.title)
        self.text.setReadOnly(self.read_only)
        self.text.setTabChangesFocus(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        lines = QFontMetrics(self.text.font()).lineSpacing() * TEXTAREA_LINES
        self.text.setFixedHeight(lines + 2 * self.text.frameWidth() + 8)
        self.text.textChanged.connect(self._on_text_changed)
        self._editor_line(self.text)
        self._add_help()
        self.set_value(value)

    def editor(self) -> QWidget:
        return self.text

    def accepts(self, value: Any) -> bool:
        return value is MISSING or value is None or isinstance(value, str)

    def set_value(self, value: Any) -> None:
        self._value = value
        self._loading = True
        self.text.setPlainText(value if isinstance(value, str) else "")
        self._loading = False

    @Slot()
    def _on_text_changed(self) -> None:
        text = self.text.toPlainText()
        self._user_set(text if text else self._empty_value())


class EnumField(_LeafField):
    """A choice among ``enum`` values (or const oneOf options with titles): a combo box, or radio
    buttons with x-ui ``widget: radio``. A value outside the choices is kept and shown as such."""

    def __init__(self, ctx: BuildContext, schema: Schema, value: Any, **kw: Any) -> None:
        super().__init__(ctx, schema, value, **kw)
        self.options: list[tuple[Any, str]] = enum_options(schema) or []
        self.radio = ui(schema).get("widget") == "radio"
        self.combo: QComboBox | None = None
        self.buttons: QButtonGroup | None = None
        if self.radio:
            holder = QWidget()
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(12)
            self.buttons = QButtonGroup(self)
            for index, (_value, label) in enumerate(self.options):
                button = QRadioButton(label)
                button.setEnabled(not self.read_only)
                self.buttons.addButton(button, index)
                row.addWidget(button)
            row.addStretch(1)
            self.buttons.idToggled.connect(self._on_id_toggled)
            self._holder: QWidget = holder
            self._editor_line(holder)
        else:
            self.combo = QComboBox()
            self.combo.setAccessibleName(self.title)
            self.combo.setPlaceholderText(self.tr("Choose…"))
            self.combo.setEnabled(not self.read_only)
            self.combo.setMinimumWidth(160)
            self.combo.currentIndexChanged.connect(self._on_current_index_changed)
            self._holder = self.combo
            self._editor_line(self.combo, stretch=False)
        self._add_help()
        self.set_value(value)

    def editor(self) -> QWidget:
        if self.buttons is not None:
            buttons: list[QWidget] = list(self.buttons.buttons())
            return self.buttons.checkedButton() or (buttons or [self._holder])[0]
        assert self.combo is not None
        return self.combo

    def _index_of(self, value: Any) -> int:
        for index, (option, _label) in enumerate(self.options):
            if same_json(option, value):
                return index
        return -1

    def set_value(self, value: Any) -> None:
        self._value = value
        index = self._index_of(value) if value is not MISSING else -1
        if self.buttons is not None:
            self._loading = True
            self.buttons.setExclusive(False)
            for button in self.buttons.buttons():
                button.setChecked(self.buttons.id(button) == index)
            self.buttons.setExclusive(True)
            self._loading = False
            return
        assert self.combo is not None
        self._loading = True
        self.combo.clear()
        if not self.required:
            self.combo.addItem(self.tr("(not set)"))
        for _option, label in self.options:
            self.combo.addItem(label)
        offset = 0 if self.required else 1
        if value is MISSING:
            self.combo.setCurrentIndex(-1 if self.required else 0)
        elif index < 0:
            self.combo.addItem(self.tr("{value} (not allowed)").format(value=display_value(value)))
            self.combo.setCurrentIndex(self.combo.count() - 1)
        else:
            self.combo.setCurrentIndex(index + offset)
        self._loading = False

    @Slot(int)
    def _on_current_index_changed(self, row: int) -> None:
        if self._loading or row < 0:
            return
        offset = 0 if self.required else 1
        if row < offset:
            self._user_set(MISSING)
        elif row - offset < len(self.options):
            self._user_set(self.options[row - offset][0])

    @Slot(int, bool)
    def _on_id_toggled(self, index: int, checked: bool) -> None:
        if checked and not self._loading:
            self._user_set(self.options[index][0])


class BoolField(_LeafField):
    """A check box that carries the title itself; an absent optional boolean shows unchecked."""

    own_label = True

    def __init__(self, ctx: BuildContext, schema: Schema, value: Any, **kw: Any) -> None:
        super().__init__(ctx, schema, value, **kw)
        self.check = QCheckBox(self.title)
        self.check.setEnabled(not self.read_only)
        self.check.toggled.connect(self._on_toggled)
        self._editor_line(self.check, stretch=False)
        self._add_help()
        self.set_value(value)

    def editor(self) -> QWidget:
        return self.check

    def accepts(self, value: Any) -> bool:
        return value is MISSING or isinstance(value, bool)

    def set_value(self, value: Any) -> None:
        self._value = value
        self._loading = True
        self.check.setChecked(value is True)
        self._loading = False

    @Slot(bool)
    def _on_toggled(self, checked: bool) -> None:
        self._user_set(bool(checked))


class NullField(_LeafField):
    """``type: null``: nothing to edit; the value is null (or absent, as it came)."""

    def __init__(self, ctx: BuildContext, schema: Schema, value: Any, **kw: Any) -> None:
        super().__init__(ctx, schema, value, **kw)
        self.label = QLabel("null")
        self.label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._editor_line(self.label)
        self._add_help()

    def editor(self) -> QWidget:
        return self.label

    def accepts(self, value: Any) -> bool:
        return value is MISSING or value is None

    def set_value(self, value: Any) -> None:
        self._value = value


class ConstField(_LeafField):
    """A ``const``: shown, not edited (an absent one stays absent: validation reports it).
    Variant discriminators are not shown at all: the selector says it."""

    def __init__(self, ctx: BuildContext, schema: Schema, value: Any, **kw: Any) -> None:
        super().__init__(ctx, schema, value, **kw)
        self.const = schema["const"]
        self.line = QLineEdit(display_value(self.const))
        self.line.setReadOnly(True)
        self.line.setAccessibleName(self.title)
        self._editor_line(self.line)
        self._add_help()
        self.set_value(value)

    def editor(self) -> QWidget:
        return self.line

    def set_value(self, value: Any) -> None:
        self._value = value


class JsonField(_LeafField):
    """A value with no usable type in the schema (or one the form cannot show): edited as JSON
    text; text that is not JSON is taken as a string."""

    def __init__(self, ctx: BuildContext, schema: Schema, value: Any, **kw: Any) -> None:
        super().__init__(ctx, schema, value, **kw)
        self.line = QLineEdit()
        self.line.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.line.setPlaceholderText(self.tr("JSON value"))
        self.line.setAccessibleName(self.title)
        self.line.setReadOnly(self.read_only)
        self.line.textEdited.connect(self._on_text_edited)
        self._editor_line(self.line)
        self._add_help()
        self.set_value(value)

    def editor(self) -> QWidget:
        return self.line

    def set_value(self, value: Any) -> None:
        self._value = value
        text = "" if value is MISSING else json.dumps(value, ensure_ascii=False)
        self.line.setText(text)

    def _on_text_edited(self, text: str) -> None:
        if not text.strip():
            self._user_set(self._empty_value())
            return
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = text
        self._user_set(parsed)
