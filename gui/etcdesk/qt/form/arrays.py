"""Arrays: rows that are added, removed, moved and duplicated (rjsf's orderable, addable,
removable, copyable), with ``minItems``/``maxItems`` disabling the buttons that would break them;
and arrays of enum values as a set of check boxes (rjsf's multi-select ``checkboxes``)."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from etcdesk.qt.form.base import (
    BuildContext,
    Field,
    TitledBox,
    error_label,
    help_label,
    label_text,
)
from etcdesk.qt.form.glyphs import glyph, tool_button
from etcdesk.qt.form.keywords import (
    MISSING,
    Schema,
    enum_options,
    item_schema,
    ordered_properties,
    same_json,
    title_of,
)


def _count(schema: Schema, key: str) -> int | None:
    value = schema.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class _ItemRow(QFrame):
    """One item: its field and the move/duplicate/remove buttons. A wide item (an object) sits
    in a light card with the buttons in its header; a scalar is one compact line."""

    def __init__(self, owner: ArrayField, index: int, value: Any) -> None:
        super().__init__()
        self.owner = owner
        schema = item_schema(owner.schema, index)
        self.field = owner.ctx.make(
            schema,
            value,
            key=None,
            required=True,
            depth=owner.level + 1,
            framed=False,
            inline=owner.table,
        )
        self.field.changed.connect(owner._on_item_changed)
        self.up = tool_button("up", QCoreApplication.translate("ArrayField", "Move up"))
        self.down = tool_button("down", QCoreApplication.translate("ArrayField", "Move down"))
        self.duplicate = tool_button(
            "duplicate", QCoreApplication.translate("ArrayField", "Duplicate")
        )
        self.remove = tool_button("remove", QCoreApplication.translate("ArrayField", "Remove"))
        self.up.clicked.connect(lambda: owner.move_row(self, -1))
        self.down.clicked.connect(lambda: owner.move_row(self, 1))
        self.duplicate.clicked.connect(lambda: owner.duplicate_row(self))
        self.remove.clicked.connect(lambda: owner.remove_row(self))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(0)
        for button in (self.up, self.down, self.duplicate, self.remove):
            if owner.read_only:
                button.hide()  # (never show() a widget before it has a parent: a window)
            buttons.addWidget(button)
        self.heading: QLabel | None = None
        if self.field.wide:
            self.setFrameShape(QFrame.Shape.StyledPanel)
            self.setAutoFillBackground(True)
            palette = self.palette()
            palette.setColor(
                QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.AlternateBase)
            )
            self.setPalette(palette)
            card = QVBoxLayout(self)
            card.setContentsMargins(10, 4, 4, 10)
            card.setSpacing(4)
            header = QHBoxLayout()
            self.heading = QLabel()
            font = QFont(self.heading.font())
            font.setBold(True)
            self.heading.setFont(font)
            header.addWidget(self.heading)
            header.addStretch(1)
            header.addLayout(buttons)
            card.addLayout(header)
            body = QHBoxLayout()
            body.setContentsMargins(0, 0, 6, 0)
            body.addWidget(self.field)
            card.addLayout(body)
        else:
            layout = QHBoxLayout(self)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(4)
            layout.addWidget(self.field, 1)
            layout.addLayout(buttons)
            layout.setAlignment(buttons, Qt.AlignmentFlag.AlignTop)

    def set_index(self, index: int, count: int) -> None:
        if self.heading is not None:
            self.heading.setText(self.owner.item_title(index))
        self.field.setAccessibleName(self.owner.item_title(index))
        editor = self.field.editor()
        if not self.field.wide and editor is not self.field:
            editor.setAccessibleName(self.owner.item_title(index))
        low, high = self.owner.min_items or 0, self.owner.max_items
        fixed = self.owner.fixed_order
        self.up.setEnabled(index > 0 and not fixed)
        self.down.setEnabled(index < count - 1 and not fixed)
        self.remove.setEnabled(count > low)
        self.duplicate.setEnabled(high is None or count < high)

    def value(self) -> Any:
        value = self.field.value()
        return None if value is MISSING else value


class ArrayField(Field):
    def __init__(self, ctx: BuildContext, schema: Schema, value: Any, **kw: Any) -> None:
        kw.pop("framed", None)
        super().__init__(ctx, schema, **kw)
        self.min_items = _count(schema, "minItems")
        self.max_items = _count(schema, "maxItems")
        self.fixed_order = isinstance(schema.get("prefixItems"), list)
        self._present = isinstance(value, list)
        self.rows: list[_ItemRow] = []
        items = schema.get("items")
        self.items_title = title_of(items, None) if isinstance(items, dict) else ""
        self.table = ctx.is_tabular(item_schema(schema, 0))  # rows of cells, titles on top
        self.wide = not self.table and ctx.is_wide(item_schema(schema, 0))
        if self.wide:
            box = TitledBox(self.title + (" *" if self.required else ""))
            self.frame: QWidget = box
            self.content = QVBoxLayout(box.body)
            self.content.setContentsMargins(0, 0, 0, 0)
            self._box.addWidget(box)
            description = schema.get("description")
            if isinstance(description, str) and description:
                self.content.addWidget(help_label(description))
        else:
            self.frame = self
            self.content = self._box
        self.content.setSpacing(6)
        self.header: QWidget | None = self._table_header() if self.table else None
        if self.header is not None:
            self.content.addWidget(self.header)
        self.list = QVBoxLayout()
        self.list.setContentsMargins(0, 0, 0, 0)
        self.list.setSpacing(8 if self.wide else 4)
        self.content.addLayout(self.list)
        self.empty = QLabel(self.tr("No items"))
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.add_button = QToolButton()
        self.add_button.setIcon(glyph("add"))
        self.add_button.setText(self.tr("Add {item}").format(item=self._add_noun()))
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_button.setAccessibleName(self.add_button.text() + f" ({self.title})")
        self.add_button.clicked.connect(self._on_add_clicked)
        if self.read_only:
            self.add_button.hide()
        footer = QHBoxLayout()
        footer.setContentsMargins(0, 0, 0, 0)
        footer.addWidget(self.empty)
        footer.addWidget(self.add_button)
        footer.addStretch(1)
        self.content.addLayout(footer)
        if not self.wide:
            self._add_help()
        self.set_value(value)

    def _table_header(self) -> QWidget:
        """Column titles over a table's cells (and a gap over the row buttons)."""
        items = item_schema(self.schema, 0)
        props = items.get("properties") or {}
        required = set(items.get("required") or [])
        header = QWidget()
        row = QHBoxLayout(header)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for key in ordered_properties(items):
            sub = props[key] if isinstance(props[key], dict) else {}
            title = QLabel(label_text(title_of(sub, key), key in required))
            title.setTextFormat(Qt.TextFormat.RichText)
            title.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            description = sub.get("description")
            if isinstance(description, str):
                title.setToolTip(description)
            row.addWidget(title, 1)
        if not self.read_only:
            row.addSpacing(4 + 4 * tool_button("up", "").sizeHint().width())
        return header

    def _add_noun(self) -> str:
        return self.items_title.lower() if self.items_title else self.tr("item")

    def item_title(self, index: int) -> str:
        base = self.items_title or self.tr("Item")
        return f"{base} {index + 1}"

    # -- rows --------------------------------------------------------------------------------

    def _refresh(self) -> None:
        count = len(self.rows)
        for index, row in enumerate(self.rows):
            row.set_index(index, count)
        self.empty.setVisible(count == 0 and self.read_only)
        if self.header is not None:
            self.header.setVisible(count > 0)
        self.add_button.setEnabled(self.max_items is None or count < self.max_items)

    def _insert(self, index: int, value: Any) -> _ItemRow:
        row = _ItemRow(self, index, value)
        self.rows.insert(index, row)
        self.list.insertWidget(index, row)
        row.show()  # now, not when the layout gets to it: it may be focused right away
        return row

    def _discard(self, row: _ItemRow) -> None:
        self.rows.remove(row)
        self.list.removeWidget(row)
        row.hide()
        row.setParent(None)
        row.deleteLater()

    def move_row(self, row: _ItemRow, delta: int) -> None:
        index = self.rows.index(row)
        target = index + delta
        if not 0 <= target < len(self.rows):
            return
        self.rows.insert(target, self.rows.pop(index))
        self.list.removeWidget(row)
        self.list.insertWidget(target, row)
        self._refresh()
        button = row.up if delta < 0 else row.down
        (button if button.isEnabled() else row.field.editor()).setFocus()
        self._edited()

    def duplicate_row(self, row: _ItemRow) -> None:
        index = self.rows.index(row)
        copy_row = self._insert(index + 1, copy.deepcopy(row.value()))
        self._refresh()
        copy_row.field.editor().setFocus()
        self._edited()

    def remove_row(self, row: _ItemRow) -> None:
        index = self.rows.index(row)
        self._discard(row)
        self._refresh()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].field.editor().setFocus()
        else:
            self.add_button.setFocus()
        self._edited()

    def _edited(self) -> None:
        self._present = True
        self.changed.emit()

    # -- Field -------------------------------------------------------------------------------

    def value(self) -> Any:
        if not self._present and not self.rows:
            return MISSING
        return [row.value() for row in self.rows]

    def accepts(self, value: Any) -> bool:
        return value is MISSING or isinstance(value, list)

    def set_value(self, value: Any) -> None:
        self._present = isinstance(value, list)
        items: list[Any] = value if isinstance(value, list) else []
        keep = 0
        for row, item in zip(self.rows, items, strict=False):
            if not row.field.accepts(item):
                break
            row.field.set_value(item)
            keep += 1
        for row in self.rows[keep:]:
            self._discard(row)
        for index in range(keep, len(items)):
            self._insert(index, items[index])
        self._refresh()

    def editor(self) -> QWidget:
        return self.rows[0].field.editor() if self.rows else self.add_button

    def child(self, key: str | int) -> Field | None:
        if isinstance(key, int) and 0 <= key < len(self.rows):
            return self.rows[key].field
        return None

    def children_fields(self) -> list[Field]:
        return [row.field for row in self.rows]

    def show_errors(self, messages: list[str]) -> None:
        if self._error is None:
            self._error = error_label()
            self.content.insertWidget(0, self._error)
        self._error.setText("\n".join(messages))
        self._error.show()
        self._invalid = True

    # -- events ------------------------------------------------------------------------------

    @Slot()
    def _on_item_changed(self) -> None:
        self._edited()

    @Slot()
    def _on_add_clicked(self) -> None:
        index = len(self.rows)
        value = self.ctx.registry.default_for(item_schema(self.schema, index))
        row = self._insert(index, value)
        self._refresh()
        row.field.editor().setFocus()
        self._edited()


class MultiSelectField(Field):
    """An array of distinct enum values as check boxes, in enum order (values the schema does
    not list are kept at the end, so nothing is lost on a round trip)."""

    COLUMNS = 4

    def __init__(self, ctx: BuildContext, schema: Schema, value: Any, **kw: Any) -> None:
        kw.pop("framed", None)
        super().__init__(ctx, schema, **kw)
        items = schema.get("items")
        self.options = enum_options(items if isinstance(items, dict) else {}) or []
        self._value: Any = value
        self._started_missing = value is MISSING
        self._loading = False
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        columns = self.COLUMNS if len(self.options) > self.COLUMNS + 2 else len(self.options)
        self.checks: list[QCheckBox] = []
        for index, (_option, label) in enumerate(self.options):
            check = QCheckBox(label)
            check.setEnabled(not self.read_only)
            check.toggled.connect(self._on_toggled)
            grid.addWidget(check, index // max(columns, 1), index % max(columns, 1))
            self.checks.append(check)
        grid.setColumnStretch(max(columns, 1), 1)
        self.holder = holder
        self._editor_line(holder)
        self._add_help()
        self.set_value(value)

    def editor(self) -> QWidget:
        return self.checks[0] if self.checks else self.holder

    def accepts(self, value: Any) -> bool:
        return value is MISSING or isinstance(value, list)

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = value
        self._started_missing = value is MISSING
        chosen = value if isinstance(value, list) else []
        self._loading = True
        for check, (option, _label) in zip(self.checks, self.options, strict=True):
            check.setChecked(any(same_json(option, item) for item in chosen))
        self._loading = False

    @Slot()
    def _on_toggled(self) -> None:
        if self._loading:
            return
        before = self._value if isinstance(self._value, list) else []
        extra = [v for v in before if not any(same_json(v, o) for o, _ in self.options)]
        chosen = [o for (o, _), c in zip(self.options, self.checks, strict=True) if c.isChecked()]
        if chosen or extra:
            self._value = chosen + extra
        else:  # all cleared: back to absent if it was absent (and may be), else []
            self._value = MISSING if self._started_missing and not self.required else []
        self.changed.emit()
