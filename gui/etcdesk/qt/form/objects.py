"""Objects: labelled rows in schema order, x-ui groups as group boxes, extra keys as a map.

The effective schema comes from ``registry.resolve`` ($ref, allOf, if/then/else against the
current data). When an edit inside changes it (an ``if`` now matches), the rows are reconciled:
fields whose schema is unchanged are kept (with their focus and cursor), only new or changed
properties are built and vanished ones removed, so the form never rebuilds under the user's hands.
A value typed into a field that then disappears is remembered and comes back with the field.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from etcdesk.core.errors import ConfigError
from etcdesk.core.schema_resolve import merge_schemas
from etcdesk.qt.form.base import (
    BuildContext,
    Field,
    TitledBox,
    error_label,
    help_label,
    label_text,
)
from etcdesk.qt.form.keywords import (
    MISSING,
    Schema,
    accepts_extra_keys,
    const_properties,
    needs_resolve,
    ordered_properties,
    ui,
)
from etcdesk.qt.form.maps import MapField

LABEL_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
SectionId = tuple[str, str | int]  # ("group", name) or ("run", n): ungrouped rows between groups


def new_form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setContentsMargins(0, 0, 0, 0)
    form.setHorizontalSpacing(14)
    form.setVerticalSpacing(10)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    return form


@cache
def line_height() -> int:
    """The height of a one-line editor in this style (a QLineEdit's)."""
    return QLineEdit().sizeHint().height()


def add_row(form: QFormLayout, label: QLabel | None, field: QWidget) -> None:
    """A row with a label, or with the field alone in the field column (a check box)."""
    if label is None:
        form.setWidget(form.rowCount(), QFormLayout.ItemRole.FieldRole, field)
    else:
        form.addRow(label, field)


class _Section:
    """A run of rows in one QFormLayout: ungrouped, or inside an x-ui group's QGroupBox."""

    def __init__(self, ident: SectionId, parent: QWidget) -> None:
        self.ident = ident
        self.form = new_form_layout()
        if ident[0] == "group":
            box = TitledBox(str(ident[1]), parent)
            box.body.setLayout(self.form)
            self.widget: QWidget = box
        else:
            self.widget = QWidget(parent)
            self.widget.setLayout(self.form)
        self.keys: list[str] = []


class ObjectField(Field):
    wide = True

    def __init__(
        self,
        ctx: BuildContext,
        schema: Schema,
        value: Any,
        *,
        framed: bool = True,
        hidden_consts: bool = False,
        inline: bool = False,
        **kw: Any,
    ) -> None:
        super().__init__(ctx, schema, **kw)
        self.raw_schema = schema
        self.hidden_consts = hidden_consts
        self.inline = inline  # one line of unlabelled cells: a row of an array shown as a table
        self.wide = not inline
        self._inline_keys: list[str] = []
        self._hidden_extra: dict[str, Any] = {}  # undeclared keys of an inline row, kept as is
        self.conditional = needs_resolve(schema)
        self._present = isinstance(value, dict)
        self._order: list[str] = list(value) if isinstance(value, dict) else []
        self._stash: dict[str, Any] = {}
        self.fields: dict[str, Field] = {}
        self.labels: dict[str, QLabel] = {}
        self._sections: dict[SectionId, _Section] = {}
        self._section_order: list[SectionId] = []
        self.map: MapField | None = None
        self.frame: TitledBox | None = None
        self.content: QBoxLayout
        if inline:
            self.content = QHBoxLayout()
            self.content.setContentsMargins(0, 0, 0, 0)
            self._box.addLayout(self.content)
            framed = False
        elif framed:
            self.frame = TitledBox(self.title + (" *" if self.required else ""))
            self.content = QVBoxLayout(self.frame.body)
            self.content.setContentsMargins(0, 0, 0, 0)
            self._box.addWidget(self.frame)
        else:
            self.content = self._box
        self.content.setSpacing(6 if inline else 12)
        self._head = 0  # widgets at the top of `content` before the sections
        description = schema.get("description")
        if framed and isinstance(description, str) and description:
            self.content.addWidget(help_label(description))
            self._head += 1
        self.effective = self._resolve(value)
        self._apply(self.effective, value if isinstance(value, dict) else {})

    # -- schema ------------------------------------------------------------------------------

    def _resolve(self, value: Any) -> Schema:
        """This object's schema for ``value``: its own if/then/else (and dependentSchemas, or a
        recursive $ref) applied, nothing below it.

        Only the object's own keywords go through ``registry.resolve`` (flattening the whole
        subtree on every keystroke would be wasted work); the properties a branch adds or
        narrows are merged into the declared ones as the registry merges them. The properties
        keep their own conditionals unapplied: each field applies them to its own data.
        """
        if not self.conditional:
            return self.raw_schema
        data = value if isinstance(value, dict) else {}
        own = {k: v for k, v in self.raw_schema.items() if k != "properties"}
        schema = self.ctx.registry.resolve(own, data)
        declared = self.raw_schema.get("properties")
        props: dict[str, Any] = dict(declared) if isinstance(declared, dict) else {}
        branch = schema.get("properties")
        for key, sub in (branch if isinstance(branch, dict) else {}).items():
            base = props.get(key)
            if isinstance(base, dict) and isinstance(sub, dict):
                props[key] = merge_schemas(base, sub)[0]
            else:
                props[key] = sub
        if props:
            schema["properties"] = props
        return schema

    def _plan(self, schema: Schema) -> tuple[list[str], list[tuple[SectionId, list[str]]]]:
        props = schema.get("properties") or {}
        keys = [k for k in ordered_properties(schema) if isinstance(props.get(k), (dict, bool))]
        keys = [k for k in keys if props[k] is not False]
        plan: list[tuple[SectionId, list[str]]] = []
        groups: dict[str, list[str]] = {}
        hidden = set(const_properties(schema)) if self.hidden_consts else set()
        run = -1
        for key in keys:
            sub = props[key] if isinstance(props[key], dict) else {}
            if key in hidden:
                continue  # a variant's discriminator: built (its value counts), not shown
            group = ui(sub).get("group")
            if isinstance(group, str) and group:
                if group not in groups:
                    groups[group] = []
                    plan.append((("group", group), groups[group]))
                groups[group].append(key)
            else:
                if not plan or plan[-1][0][0] != "run":
                    run += 1
                    plan.append((("run", run), []))
                plan[-1][1].append(key)
        return keys, plan

    def _apply(self, schema: Schema, current: dict[str, Any]) -> None:
        """Make the rows match ``schema``, keeping fields whose property schema is unchanged."""
        focused = QApplication.focusWidget()
        old = self.effective if self.fields else {}
        self.effective = schema
        props: dict[str, Any] = schema.get("properties") or {}
        old_props: dict[str, Any] = old.get("properties") or {}
        required = set(schema.get("required") or [])
        keys, plan = self._plan(schema)
        for key in [k for k in self.fields if k not in keys]:
            value = self.fields[key].value()
            if value is not MISSING:
                self._stash[key] = value
            self._drop(key)
        for key in keys:
            sub = props[key] if isinstance(props[key], dict) else {}
            value = current.get(key, MISSING)
            if value is MISSING and key in self._stash and key not in self.fields:
                value = self._stash.pop(key)
            if key in self.fields and old_props.get(key) == props[key]:
                field = self.fields[key]
                if field.required != (key in required):
                    field.set_required(key in required)
                    self._set_label(key)
                continue
            if key in self.fields:
                value = self.fields[key].value()
                self._drop(key)
            elif value is MISSING and "default" in sub and self._present and old:
                value = sub["default"]  # a property that just appeared starts at its default
            self._add(key, sub, value, key in required)
        self._place(plan)
        placed = {k for _, section_keys in plan for k in section_keys}
        for key in keys:
            if key not in placed:  # a variant's discriminator: a value without a row
                self.fields[key].setParent(self)
                self.fields[key].hide()
        self._sync_map(schema, current, set(keys))
        self._align_labels()
        if focused is not None and self.isAncestorOf(focused) and not focused.hasFocus():
            focused.setFocus(Qt.FocusReason.OtherFocusReason)

    def _add(self, key: str, sub: Schema, value: Any, required: bool) -> None:
        field = self.ctx.make(sub, value, key=key, required=required, depth=self.level + 1)
        field.changed.connect(self._on_child_changed)
        self.fields[key] = field
        if self.inline:
            field.editor().setAccessibleName(field.title)
            if field.own_label and isinstance(field.editor(), QCheckBox):
                field.editor().setText("")  # type: ignore[attr-defined]  # the column says it
        elif not field.wide:
            label = QLabel()
            label.setAlignment(LABEL_ALIGNMENT)
            # As tall as one editor line, so the text sits level with the editor's first line
            # (QFormLayout would centre it on the whole field, help text included). A check box
            # carries its own title; its label stays empty.
            label.setFixedHeight(line_height())
            if not field.own_label:
                label.setBuddy(field.editor())
            self.labels[key] = label
            self._set_label(key)

    def _set_label(self, key: str) -> None:
        field, label = self.fields[key], self.labels.get(key)
        if label is None or field.own_label:
            return
        text = label_text(field.title, field.required)
        label.setTextFormat(Qt.TextFormat.RichText if field.required else Qt.TextFormat.PlainText)
        label.setText(text)
        label.setAccessibleName(field.title)
        description = field.schema.get("description")
        if isinstance(description, str) and description:
            label.setToolTip(description)

    def _drop(self, key: str) -> None:
        field = self.fields.pop(key)
        label = self.labels.pop(key, None)
        for section in self._sections.values():
            if key in section.keys:
                section.form.takeRow(field)
                section.keys.remove(key)
        for widget in (field, label):
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()

    def _place(self, plan: list[tuple[SectionId, list[str]]]) -> None:
        if self.inline:
            keys = [k for _, section_keys in plan for k in section_keys]
            if keys != self._inline_keys:
                for key in self._inline_keys:
                    if key in self.fields:
                        self.content.removeWidget(self.fields[key])
                for key in keys:
                    self.content.addWidget(self.fields[key], 1)
                self._inline_keys = keys
            return
        wanted = [ident for ident, _ in plan]
        for ident, keys in plan:
            section = self._sections.get(ident)
            if section is None:
                section = self._sections[ident] = _Section(ident, self)
            if section.keys == keys:
                continue
            for key in list(section.keys):
                if key in self.fields:
                    section.form.takeRow(self.fields[key])
            section.keys = []
            for other in self._sections.values():  # rows moving in from another section
                for key in [k for k in other.keys if k in keys]:
                    other.form.takeRow(self.fields[key])
                    other.keys.remove(key)
            for key in keys:
                field = self.fields[key]
                label = self.labels.get(key)
                if field.wide:
                    section.form.addRow(field)
                else:
                    add_row(section.form, label, field)
            section.keys = list(keys)
        if wanted != self._section_order:
            for ident in self._section_order:
                self.content.removeWidget(self._sections[ident].widget)
            for index, ident in enumerate(wanted):
                self.content.insertWidget(self._head + index, self._sections[ident].widget)
            for ident in [i for i in self._sections if i not in wanted]:
                section = self._sections.pop(ident)
                section.widget.hide()
                section.widget.deleteLater()
            self._section_order = wanted

    def _sync_map(self, schema: Schema, current: dict[str, Any], declared: set[str]) -> None:
        extra = {k: v for k, v in current.items() if k not in declared and k not in self._stash}
        if self.inline:
            self._hidden_extra = extra
            return
        if self.map is None and (accepts_extra_keys(schema) or extra):
            self.map = MapField(
                self.ctx,
                schema,
                extra,
                declared=declared,
                key=None,
                required=False,
                depth=self.level,
            )
            self.map.changed.connect(self._on_child_changed)
            self.content.addWidget(self.map)
        elif self.map is not None:
            self.map.update_schema(schema, declared)
            self.map.set_value(extra)

    def _align_labels(self) -> None:
        """One label column width for all sections of this object, so editors line up."""
        if not self.labels:
            return
        metrics = next(iter(self.labels.values())).fontMetrics()
        titled = [key for key in self.labels if not self.fields[key].own_label]
        width = max(
            (metrics.horizontalAdvance(self.fields[key].title + " *") for key in titled),
            default=0,
        )
        for label in self.labels.values():
            label.setMinimumWidth(width)

    # -- Field -------------------------------------------------------------------------------

    def value(self) -> Any:
        if not self._present:
            return MISSING
        parts = {k: f.value() for k, f in self.fields.items()}
        extra = self.map.value() if self.map is not None else self._hidden_extra
        result: dict[str, Any] = {}
        for key in [*self._order, *parts, *(extra or {})]:
            if key in result:
                continue
            if parts.get(key, MISSING) is not MISSING:
                result[key] = parts[key]
            elif extra and key in extra:
                result[key] = extra[key]
        return result

    def accepts(self, value: Any) -> bool:
        return value is MISSING or isinstance(value, dict)

    def set_value(self, value: Any) -> None:
        self._present = isinstance(value, dict)
        current: dict[str, Any] = value if isinstance(value, dict) else {}
        self._order = list(current)
        self._stash.clear()
        schema = self._resolve(current) if self.conditional else self.effective
        if schema != self.effective:
            self._apply(schema, current)
            # _apply keeps unchanged fields as they were: give them the new values too
        keys = list(self.fields)
        for key in keys:
            field = self.fields[key]
            item = current.get(key, MISSING)
            if field.accepts(item):
                field.set_value(item)
                continue
            sub = (self.effective.get("properties") or {}).get(key)
            required = field.required
            self._drop(key)
            self._add(key, sub if isinstance(sub, dict) else {}, item, required)
        _, plan = self._plan(self.effective)
        if any(not self._in_section(k) for _, section_keys in plan for k in section_keys):
            for section in self._sections.values():
                section.keys = [k for k in section.keys if k in self.fields]
            self._place(plan)
        self._sync_map(self.effective, current, set(self.fields))

    def _in_section(self, key: str) -> bool:
        if self.inline:
            return key in self._inline_keys
        return any(key in s.keys for s in self._sections.values())

    def editor(self) -> QWidget:
        for key in self._visible_keys():
            return self.fields[key].editor()
        return self.frame or self

    def _visible_keys(self) -> list[str]:
        if self.inline:
            return list(self._inline_keys)
        return [k for ident in self._section_order for k in self._sections[ident].keys]

    def child(self, key: str | int) -> Field | None:
        if not isinstance(key, str):
            return None
        field = self.fields.get(key)
        if field is None and self.map is not None:
            return self.map.child(key)
        return field

    def children_fields(self) -> list[Field]:
        fields = list(self.fields.values())
        return [*fields, self.map] if self.map is not None else fields

    def set_required(self, required: bool) -> None:
        super().set_required(required)
        if self.frame is not None:
            self.frame.setTitle(self.title + (" *" if required else ""))

    def show_errors(self, messages: list[str]) -> None:
        if self._error is None:
            self._error = error_label()
            if self.inline:  # under the row of cells
                self._box.addWidget(self._error)
            else:
                self.content.insertWidget(self._head, self._error)
            self._head += 1
        self._error.setText("\n".join(messages))
        self._error.show()
        self._invalid = True

    # -- events ------------------------------------------------------------------------------

    @Slot()
    def _on_child_changed(self) -> None:
        self._present = True
        if self.conditional:
            current = self.value()
            try:
                schema = self._resolve(current)
            except ConfigError:  # a broken $ref met only with this data: keep the last form
                schema = self.effective
            if schema != self.effective:
                self._apply(schema, current)
        self.changed.emit()
