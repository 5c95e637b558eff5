"""What every form field shares: its value, the `changed` signal, help and error lines.

A field edits one value at one place in the document. Leaf fields keep the value they were given
and replace it only when the user edits, so ``set_value(x)`` followed by ``value()`` returns ``x``
unchanged (no float/int drift, no re-formatted dates) even for values the widget cannot show
exactly. Containers ask their children. ``MISSING`` means the property is absent.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from etcdesk.qt.form.keywords import Schema, help_of, title_of

if TYPE_CHECKING:
    from etcdesk.core.schemas import SchemaRegistry

ERROR_COLOR = QColor("#c42b1c")
INVALID_BASE = QColor("#fdecea")
INVALID_BASE_DARK = QColor("#4a2024")  # the same tint on a dark palette (light text on it)
HELP_ROLE = QPalette.ColorRole.PlaceholderText
MAX_DEPTH = 24  # deeper nesting (or a recursive $ref) is edited as raw JSON


@dataclass
class BuildContext:
    """Shared by every field of one form: the registry and the form-wide switches."""

    registry: SchemaRegistry
    allow_reveal: bool = True
    read_only: bool = False
    build: Callable[..., Field] = field(default=None)  # type: ignore[assignment]  # factory's
    is_wide: Callable[[Schema], bool] = field(default=lambda schema: False)  # the factory's
    is_tabular: Callable[[Schema], bool] = field(default=lambda schema: False)  # the factory's

    def make(
        self,
        schema: Schema,
        value: Any,
        *,
        key: str | int | None,
        required: bool,
        depth: int,
        **options: Any,
    ) -> Field:
        """Build the field for ``schema``; ``options`` (``framed=False``) go to containers."""
        return self.build(self, schema, value, key=key, required=required, depth=depth, **options)


def set_error_palette(widget: QWidget, invalid: bool) -> None:
    """Tint an editor's background while it holds an invalid value (no style sheet: those make
    every child widget use QStyleSheetStyle, which is slow and changes the look)."""
    if invalid:
        palette = widget.palette()
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        palette.setColor(QPalette.ColorRole.Base, INVALID_BASE_DARK if dark else INVALID_BASE)
        widget.setPalette(palette)
    else:
        widget.setPalette(QPalette())


class TitledBox(QGroupBox):
    """A group box with a bold title. Its contents go in ``body`` (set a layout on it), whose
    font is the normal one again: a font set on the box would otherwise bold every field."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        normal = QFont(self.font())
        bold = QFont(normal)
        bold.setBold(True)
        self.setFont(bold)
        self.body = QWidget(self)
        normal.setBold(False)
        self.body.setFont(normal)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 6, 10, 10)
        outer.addWidget(self.body)


def label_text(title: str, required: bool) -> str:
    if not required:
        return title
    escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'{escaped}<span style="color:{ERROR_COLOR.name()}">&nbsp;*</span>'


def help_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setForegroundRole(HELP_ROLE)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label


def error_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOR)
    label.setPalette(palette)
    label.hide()
    return label


class Field(QWidget):
    """One value in the document and the widgets that edit it.

    ``wide`` fields (objects, arrays of objects, maps) take the whole row and carry their own
    title; the others get a label in the left column from their parent.
    """

    changed = Signal()  # the user edited this value (or one inside it)

    wide = False
    own_label = False  # the editor shows the title itself (a check box), the row label is empty

    def __init__(
        self,
        ctx: BuildContext,
        schema: Schema,
        *,
        key: str | int | None,
        required: bool,
        depth: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.schema = schema
        self.key = key
        self.required = required
        self.level = depth
        self.title = title_of(schema, key)
        self.read_only = ctx.read_only or schema.get("readOnly") is True
        self._error: QLabel | None = None
        self._invalid = False
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(3)

    # -- layout helpers for leaf fields ----------------------------------------------------------

    def _editor_line(self, editor: QWidget, *, stretch: bool = True) -> None:
        """Put the editor alone on the first line of the field (no row layout: cheaper)."""
        if stretch:
            self._box.addWidget(editor)
        else:
            self._box.addWidget(editor, 0, Qt.AlignmentFlag.AlignLeft)

    def _editor_row(self, editor: QWidget, *extra: QWidget, stretch: bool = True) -> QHBoxLayout:
        """Put the editor and the widgets after it (buttons) on the first line of the field."""
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(editor, 1 if stretch else 0)
        for widget in extra:
            row.addWidget(widget)
        if not stretch:
            row.addStretch(1)
        self._box.addLayout(row)
        return row

    def _add_help(self) -> None:
        text = help_of(self.schema)
        if text:
            self._box.addWidget(help_label(text))
        description = self.schema.get("description")
        if isinstance(description, str) and description and not self.wide:
            self.editor().setToolTip(description)

    # -- the value -------------------------------------------------------------------------------

    def value(self) -> Any:
        """The current value; ``MISSING`` when the property should be left out."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show ``value`` (``MISSING`` for absent) without emitting ``changed``."""
        raise NotImplementedError

    def accepts(self, value: Any) -> bool:
        """Whether ``set_value(value)`` can show it; otherwise the parent rebuilds the field."""
        return True

    def data(self) -> Any:
        return copy.deepcopy(self.value())

    # -- navigation ------------------------------------------------------------------------------

    def editor(self) -> QWidget:
        """The widget that takes focus for this value (and that tests drive)."""
        return self

    def child(self, key: str | int) -> Field | None:
        return None

    def children_fields(self) -> list[Field]:
        return []

    def set_required(self, required: bool) -> None:
        self.required = required

    # -- issues ----------------------------------------------------------------------------------

    def show_errors(self, messages: list[str]) -> None:
        if self._error is None:
            self._error = error_label()
            self._box.insertWidget(self._error_position(), self._error)
        self._error.setText("\n".join(messages))
        self._error.show()
        if not self._invalid and not self.wide:
            set_error_palette(self.editor(), True)
        self._invalid = True

    def clear_errors(self) -> None:
        if self._error is not None:
            self._error.hide()
        if self._invalid and not self.wide:
            set_error_palette(self.editor(), False)
        self._invalid = False

    def error_text(self) -> str:
        return self._error.text() if self._error is not None and self._invalid else ""

    def _error_position(self) -> int:
        return 1  # after the editor line, before help text

    def mask_secrets(self, message: str) -> str:
        """Messages may quote the value; a secret field replaces it before showing them."""
        return message
