"""``oneOf`` / ``anyOf``: a selector for the option, and the chosen option's fields below it.

The option shown is ``registry.choose_variant`` for the data (a ``const`` discriminator first).
The option's fields are the parent schema merged with the option (rjsf's behaviour), and its
discriminator is not repeated as a field: the selector says it. Switching options rebuilds only
this subtree; values of properties both options share are carried over.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from etcdesk.qt.form.base import BuildContext, Field, TitledBox, error_label
from etcdesk.qt.form.keywords import (
    MISSING,
    Schema,
    const_properties,
    merge_variant,
    option_title,
    title_of,
    variant_options,
)


def discriminator(options: list[Schema]) -> str | None:
    """The property every option pins with a ``const`` (``kind``, ``type``, ...), if any."""
    keys: set[str] | None = None
    for option in options:
        found = set(const_properties(option))
        keys = found if keys is None else keys & found
    return sorted(keys)[0] if keys else None


class VariantField(Field):
    def __init__(
        self,
        ctx: BuildContext,
        schema: Schema,
        value: Any,
        *,
        framed: bool = True,
        **kw: Any,
    ) -> None:
        super().__init__(ctx, schema, **kw)
        found = variant_options(schema)
        assert found is not None
        self.keyword, self.options = found
        self.merged = [merge_variant(schema, option) for option in self.options]
        self.wide = any(ctx.is_wide(option) for option in self.merged)
        self.index = self._choose(value)
        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("{field}: variant").format(field=self.title))
        for index, option in enumerate(self.options):
            self.combo.addItem(option_title(option, index))
        self.combo.setCurrentIndex(self.index)
        self.combo.setEnabled(not self.read_only)
        self.combo.setMinimumWidth(160)
        self.combo.currentIndexChanged.connect(self._on_current_index_changed)
        self.frame: TitledBox | None = None
        self.selector_label: QLabel | None = None
        if self.wide:
            if framed:
                self.frame = TitledBox(self.title + (" *" if self.required else ""))
                self.content = QVBoxLayout(self.frame.body)
                self.content.setContentsMargins(0, 0, 0, 0)
                self._box.addWidget(self.frame)
            else:
                self.content = self._box
            self.content.setSpacing(10)
            head = QFormLayout()
            head.setContentsMargins(0, 0, 0, 0)
            head.setHorizontalSpacing(14)
            key = discriminator(self.options)
            props = self.merged[self.index].get("properties") or {}
            sub = props.get(key) if key else None
            name = title_of(sub, key) if isinstance(sub, dict) and key else self.tr("Variant")
            self.selector_label = QLabel(name)
            self.selector_label.setBuddy(self.combo)
            self.selector_label.setMinimumHeight(self.combo.sizeHint().height())
            head.addRow(self.selector_label, self.combo)
            self.content.addLayout(head)
        else:
            self.content = self._box
            self._row = self._editor_row(self.combo, stretch=False)
        self.body = self._build(value)

    def _choose(self, value: Any) -> int:
        if value is MISSING:
            return 0
        index = self.ctx.registry.choose_variant(self.options, value)
        return index if 0 <= index < len(self.options) else 0

    def _build(self, value: Any) -> Field:
        body = self.ctx.make(
            self.merged[self.index],
            value,
            key=self.key,
            required=self.required,
            depth=self.level + 1,
            framed=False,
            hidden_consts=True,
        )
        body.changed.connect(self._on_body_changed)
        if self.wide:
            self.content.addWidget(body)
            self._align(body)
        else:
            self._row.insertWidget(1, body, 1)
        return body

    def _align(self, body: Field) -> None:
        """Line the selector's label up with the option's own labels."""
        labels = getattr(body, "labels", None)
        if self.selector_label is None or not labels:
            return
        width = max(
            [self.selector_label.sizeHint().width()]
            + [label.sizeHint().width() for label in labels.values()]
        )
        self.selector_label.setMinimumWidth(width)
        for label in labels.values():
            label.setMinimumWidth(width)

    def _rebuild(self, value: Any) -> None:
        old = self.body
        old.hide()
        old.setParent(None)
        old.deleteLater()
        self.body = self._build(value)

    # -- Field -------------------------------------------------------------------------------

    def value(self) -> Any:
        return self.body.value()

    def set_value(self, value: Any) -> None:
        index = self._choose(value)
        if index != self.index:
            self.index = index
            self.combo.setCurrentIndex(index)  # no rebuild from the slot: index is current
            self._rebuild(value)
        elif self.body.accepts(value):
            self.body.set_value(value)
        else:
            self._rebuild(value)

    def editor(self) -> QWidget:
        return self.combo

    def child(self, key: str | int) -> Field | None:
        return self.body.child(key)

    def children_fields(self) -> list[Field]:
        return [self.body]

    def show_errors(self, messages: list[str]) -> None:
        if not self.wide:
            super().show_errors(messages)
            return
        if self._error is None:
            self._error = error_label()
            self.content.insertWidget(0, self._error)
        self._error.setText("\n".join(messages))
        self._error.show()
        self._invalid = True

    # -- events ------------------------------------------------------------------------------

    @Slot(int)
    def _on_current_index_changed(self, index: int) -> None:
        if index == self.index or index < 0:
            return
        old = self.body.value()
        schema = self.merged[index]
        new = self.ctx.registry.default_for(schema)
        if isinstance(old, dict) and isinstance(new, dict):
            pinned = const_properties(schema)
            declared = schema.get("properties") or {}
            for key, item in old.items():
                if key in declared and key not in pinned:
                    new[key] = item
        self.index = index
        self._rebuild(new)
        self.combo.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    @Slot()
    def _on_body_changed(self) -> None:
        self.changed.emit()
