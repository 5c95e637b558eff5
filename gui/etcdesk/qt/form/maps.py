"""Keys an object does not declare (``additionalProperties`` / ``patternProperties``): a
key/value editor where rows are added, renamed and removed, as rjsf's expandable objects."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from etcdesk.qt.form.base import BuildContext, Field, TitledBox, error_label, set_error_palette
from etcdesk.qt.form.glyphs import glyph, tool_button
from etcdesk.qt.form.keywords import MISSING, Schema, accepts_extra_keys, value_schema

KEY_WIDTH = 200


class _MapRow:
    """One key and its value field, placed on a row of the map's grid."""

    def __init__(self, owner: MapField, key: str, value: Any) -> None:
        self.owner = owner
        self.key = key
        self.key_edit = QLineEdit(key)
        self.key_edit.setAccessibleName(QCoreApplication.translate("MapField", "Key"))
        self.key_edit.setPlaceholderText(QCoreApplication.translate("MapField", "key"))
        self.key_edit.setReadOnly(owner.read_only)
        self.key_edit.setMinimumWidth(KEY_WIDTH // 2)
        self.key_edit.setMaximumWidth(KEY_WIDTH)
        self.key_edit.textEdited.connect(self._on_key_edited)
        self.schema = owner.schema_for(key)
        self.field = owner.ctx.make(
            self.schema, value, key=None, required=True, depth=owner.level + 1
        )
        if not self.field.wide:
            self.field.editor().setAccessibleName(
                QCoreApplication.translate("MapField", "Value of “{key}”").format(key=key)
            )
        self.field.changed.connect(owner._on_row_changed)
        self.remove = tool_button(
            "remove", QCoreApplication.translate("MapField", "Remove “{key}”").format(key=key)
        )
        if owner.read_only:
            self.remove.hide()
        self.remove.clicked.connect(self._on_remove_clicked)
        self.error = error_label()
        self.problem = ""

    @property
    def widgets(self) -> list[QWidget]:
        return [self.key_edit, self.field, self.remove, self.error]

    def value(self) -> Any:
        value = self.field.value()
        return None if value is MISSING else value

    def set_problem(self, problem: str) -> None:
        if problem == self.problem:
            return
        self.problem = problem
        self.error.setText(problem)
        self.error.setVisible(bool(problem))
        set_error_palette(self.key_edit, bool(problem))

    def _on_key_edited(self, text: str) -> None:
        self.key = text
        remove = QCoreApplication.translate("MapField", "Remove “{key}”")
        self.remove.setToolTip(remove.format(key=text))
        self.owner._on_row_changed()

    def _on_remove_clicked(self) -> None:
        self.owner.remove_row(self)


class MapField(Field):
    wide = True

    def __init__(
        self,
        ctx: BuildContext,
        schema: Schema,
        value: Any,
        *,
        declared: set[str],
        **kw: Any,
    ) -> None:
        super().__init__(ctx, schema, **kw)
        self.object_schema = schema
        self.declared = declared
        self.rows: list[_MapRow] = []
        extra = schema.get("additionalProperties")
        title = extra.get("title") if isinstance(extra, dict) else None
        self.title = title if isinstance(title, str) and title else self.tr("Other properties")
        self.frame = TitledBox(self.title)
        outer = QVBoxLayout(self.frame.body)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(1, 1)
        outer.addLayout(self.grid)
        self.empty = QLabel(self.tr("None"))
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        outer.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(glyph("add"), self.tr("Add property"))
        self.add_button.clicked.connect(self._on_add_clicked)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self._box.addWidget(self.frame)
        self.set_value(value)

    def schema_for(self, key: str) -> Schema:
        return value_schema(self.object_schema, key) or {}

    def update_schema(self, schema: Schema, declared: set[str]) -> None:
        self.object_schema = schema
        self.declared = declared

    # -- rows --------------------------------------------------------------------------------

    def _relayout(self) -> None:
        while self.grid.count():
            self.grid.takeAt(0)
        for index, row in enumerate(self.rows):
            line = index * 2
            top = Qt.AlignmentFlag.AlignTop
            self.grid.addWidget(row.key_edit, line, 0, top)
            self.grid.addWidget(row.field, line, 1)
            self.grid.addWidget(row.remove, line, 2, top)
            self.grid.addWidget(row.error, line + 1, 0, 1, 3)
            for widget in (row.key_edit, row.field, row.remove):
                widget.setVisible(widget is not row.remove or not self.read_only)
        self.empty.setVisible(not self.rows)
        can_add = accepts_extra_keys(self.object_schema) and not self.read_only
        self.add_button.setVisible(can_add)
        self._check_keys()

    def _check_keys(self) -> None:
        seen: set[str] = set()
        for row in self.rows:
            if not row.key:
                row.set_problem(self.tr("The key is empty."))
            elif row.key in self.declared:
                row.set_problem(self.tr("“{key}” is a field above.").format(key=row.key))
            elif row.key in seen:
                row.set_problem(self.tr("“{key}” is used twice.").format(key=row.key))
            else:
                row.set_problem("")
            seen.add(row.key)

    def _clear_rows(self) -> None:
        for row in self.rows:
            for widget in row.widgets:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.rows = []

    def remove_row(self, row: _MapRow) -> None:
        index = self.rows.index(row)
        self.rows.remove(row)
        for widget in row.widgets:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        self._relayout()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].key_edit.setFocus()
        else:
            self.add_button.setFocus()
        self.changed.emit()

    def _unique_key(self) -> str:
        taken = {row.key for row in self.rows} | self.declared
        key, n = "new_key", 1
        while key in taken:
            n += 1
            key = f"new_key_{n}"
        return key

    # -- Field -------------------------------------------------------------------------------

    def value(self) -> dict[str, Any]:
        return {row.key: row.value() for row in self.rows if not row.problem}

    def set_value(self, value: Any) -> None:
        items = value if isinstance(value, dict) else {}
        same = [row.key for row in self.rows] == list(items)
        if same and all(row.field.accepts(items[row.key]) for row in self.rows):
            for row in self.rows:
                row.field.set_value(items[row.key])
            self._check_keys()
            return
        self._clear_rows()
        self.rows = [_MapRow(self, key, item) for key, item in items.items()]
        self._relayout()

    def editor(self) -> QWidget:
        return self.rows[0].key_edit if self.rows else self.add_button

    def child(self, key: str | int) -> Field | None:
        for row in self.rows:
            if row.key == key and not row.problem:
                return row.field
        return None

    def children_fields(self) -> list[Field]:
        return [row.field for row in self.rows]

    def show_errors(self, messages: list[str]) -> None:
        if self._error is None:
            self._error = error_label()
            layout = self.frame.body.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(0, self._error)
        self._error.setText("\n".join(messages))
        self._error.show()
        self._invalid = True

    # -- events ------------------------------------------------------------------------------

    @Slot()
    def _on_row_changed(self) -> None:
        self._check_keys()
        self.changed.emit()

    @Slot()
    def _on_add_clicked(self) -> None:
        key = self._unique_key()
        row = _MapRow(self, key, self.ctx.registry.default_for(self.schema_for(key)))
        self.rows.append(row)
        self._relayout()
        row.key_edit.setFocus()
        row.key_edit.selectAll()
        self.changed.emit()
