"""The schema form: one document edited through fields generated from its JSON Schema.

The form only edits; it does not validate. The editor calls ``registry.validate(schema,
form.data())`` and hands the issues to ``show_issues``, which puts each message under its field
(in red) and lists them all at the top, where choosing one focuses the field.
"""

from __future__ import annotations

import copy
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from etcdesk.core.schemas import JsonPath, SchemaRegistry, ValidationIssue
from etcdesk.qt.form.arrays import ArrayField
from etcdesk.qt.form.base import Field, help_label, label_text
from etcdesk.qt.form.factory import build_field, new_context
from etcdesk.qt.form.keywords import (
    EXPANDED_KEYWORDS,
    MISSING,
    Schema,
    has_keyword,
    schema_type,
)
from etcdesk.qt.form.objects import add_row, new_form_layout
from etcdesk.qt.form.secrets import SecretField
from etcdesk.qt.form.summary import IssueSummary

MAX_CONTENT_WIDTH = 980  # beyond this, long rows are harder to read than they are useful


class SchemaForm(QScrollArea):
    """Fields for ``data`` as ``schema`` describes it (see the module docstring)."""

    edited = Signal()  # the user changed the document (data() differs from before the edit)

    def __init__(
        self,
        registry: SchemaRegistry,
        schema: dict[str, Any],
        data: Any,
        *,
        allow_reveal: bool = True,
        read_only: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.registry = registry
        self.schema = schema
        # $ref and allOf expanded everywhere (each in its own base URI), conditionals kept for
        # each object to apply to its own data: below the root every schema stands alone.
        self.expanded: Schema = (
            registry.resolve(schema) if has_keyword(schema, EXPANDED_KEYWORDS) else schema
        )
        self._ctx = new_context(registry, allow_reveal=allow_reveal, read_only=read_only)
        self._flagged: list[Field] = []
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)

        page = QWidget()
        page.setObjectName("schemaFormPage")
        outer = QHBoxLayout(page)
        outer.setContentsMargins(16, 12, 16, 16)
        body = QWidget()
        body.setMaximumWidth(MAX_CONTENT_WIDTH)
        outer.addWidget(body, 1)
        outer.addStretch(0)
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(12)

        self.summary = IssueSummary()
        self.summary.path_activated.connect(self._on_path_activated)
        self.body.addWidget(self.summary)
        title = schema.get("title")
        if isinstance(title, str) and title:
            heading = QLabel(title)
            heading.setObjectName("schemaTitle")
            font = QFont(heading.font())
            font.setPointSizeF(font.pointSizeF() * 1.3)
            font.setBold(True)
            heading.setFont(font)
            self.body.addWidget(heading)
        description = schema.get("description")
        if isinstance(description, str) and description:
            about = help_label(description)
            about.setFont(self.font())
            self.body.addWidget(about)
            self.body.addSpacing(4)
        self._slot = QVBoxLayout()
        self._slot.setContentsMargins(0, 0, 0, 0)
        self.body.addLayout(self._slot)
        self.body.addStretch(1)
        # In the scroll area before the fields are built, so no finished tree gets re-parented
        # (and re-polished) as a whole.
        self.setWidget(page)
        self.root = self._build_root(data)
        self.setBackgroundRole(QPalette.ColorRole.Window)

    # -- building ----------------------------------------------------------------------------

    def _root_value(self, data: Any) -> Any:
        if data is None and schema_type(self.expanded) not in (None, "null"):
            return MISSING  # a new, empty document: fields show empty, data() stays None
        return data  # not copied: fields never change what they are given, data() copies

    def _build_root(self, data: Any) -> Field:
        field = build_field(
            self._ctx,
            self.expanded,
            self._root_value(data),
            key=None,
            required=True,
            depth=0,
            framed=False,
        )
        field.changed.connect(self._on_root_changed)
        if field.wide:
            self._slot.addWidget(field)
        else:  # a document that is one value: one labelled row
            holder = QWidget()
            form: QFormLayout = new_form_layout()
            holder.setLayout(form)
            label = QLabel(label_text(field.title or self.tr("Value"), False))
            add_row(form, None if field.own_label else label, field)
            self._slot.addWidget(holder)
            self._root_holder: QWidget | None = holder
        return field

    def _replace_root(self, data: Any) -> None:
        old = self.root
        holder = getattr(self, "_root_holder", None)
        for widget in (holder, old):
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self._root_holder = None
        self.root = self._build_root(data)

    # -- the document ------------------------------------------------------------------------

    def data(self) -> Any:
        """The current document, a fresh deep copy (``None`` for an empty new document)."""
        value = self.root.value()
        return None if value is MISSING else copy.deepcopy(value)

    def set_data(self, data: Any) -> None:
        """Show another document (undo, a merge, the raw view's text); emits no ``edited``."""
        self.show_issues([])
        value = self._root_value(data)
        if self.root.accepts(value):
            self.root.set_value(value)
        else:
            self._replace_root(data)

    # -- navigation --------------------------------------------------------------------------

    def _locate(self, path: JsonPath) -> tuple[Field, JsonPath]:
        """The field deepest along ``path`` and the part of the path below it."""
        node = self.root
        for depth, key in enumerate(path):
            child = node.child(key)
            if child is None:
                return node, path[depth:]
            node = child
        return node, ()

    def field(self, path: JsonPath) -> QWidget | None:
        """The editor widget for the value at ``path``; ``None`` when no field shows it."""
        node, rest = self._locate(tuple(path))
        return node.editor() if not rest else None

    def field_at(self, path: JsonPath) -> Field | None:
        node, rest = self._locate(tuple(path))
        return node if not rest else None

    def focus_path(self, path: JsonPath) -> bool:
        """Scroll to the field at ``path`` (or the nearest one above it) and focus it."""
        node, rest = self._locate(tuple(path))
        if rest and node is self.root and path:
            return False
        editor = node.editor()
        if not editor.isEnabled() and node is not self.root:
            editor = node
        self.ensureWidgetVisible(editor, 40, 40)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _title_path(self, path: JsonPath) -> str:
        names: list[str] = []
        node = self.root
        for key in path:
            child = node.child(key)
            if isinstance(key, int):
                name = node.item_title(key) if isinstance(node, ArrayField) else f"#{key + 1}"
            else:
                name = child.title if child is not None and child.title else str(key)
            names.append(name)
            if child is None:
                break
            node = child
        return " › ".join(names) if names else (self.root.title or self.tr("Document"))

    # -- issues ------------------------------------------------------------------------------

    def _secrets(self) -> list[SecretField]:
        found: list[SecretField] = []
        stack: list[Field] = [self.root]
        while stack:
            node = stack.pop()
            if isinstance(node, SecretField):
                found.append(node)
            stack.extend(node.children_fields())
        return found

    def show_issues(self, issues: list[ValidationIssue]) -> None:
        """Each message under its field, in red, and all of them in the summary at the top."""
        flagged_before = self._flagged
        for node in flagged_before:
            if shiboken6.isValid(node):
                node.clear_errors()
        self._flagged = []
        secrets = self._secrets() if issues else []
        by_field: dict[int, tuple[Field, list[str]]] = {}
        entries: list[tuple[str, JsonPath]] = []
        for issue in issues:
            message = issue.message
            for secret in secrets:
                message = secret.mask_secrets(message)
            node, rest = self._locate(tuple(issue.path))
            node, rest = self._visible(tuple(issue.path), node, rest)
            shown = message
            if rest:  # e.g. a required property the form has no field for
                shown = f"{self._rest_name(rest)}: {message}"
            by_field.setdefault(id(node), (node, []))[1].append(shown)
            entries.append((f"{self._title_path(tuple(issue.path))}: {message}", issue.path))
        changed = bool(by_field) or bool(flagged_before)
        for node, messages in by_field.values():
            node.show_errors(messages)
            self._flagged.append(node)
        self.summary.set_issues(entries)
        if changed:
            self._relayout()

    def _relayout(self) -> None:
        """Error lines appear and disappear inside nested layouts, and the form layouts above
        them keep stale row heights (rows squeezed to a few pixels, seen with arrays under a
        new issue summary). Invalidate the nested layouts once so heights are measured again."""
        page = self.widget()
        if page is None:
            return
        for child in page.findChildren(QWidget):
            layout = child.layout()
            if layout is not None:
                layout.invalidate()
        top = page.layout()
        if top is not None:
            top.activate()

    def _visible(self, path: JsonPath, node: Field, rest: JsonPath) -> tuple[Field, JsonPath]:
        """A field shown on screen for the issue: a hidden one (a variant's discriminator)
        passes it to the nearest shown field above it."""
        if node is self.root or node.isVisibleTo(self):
            return node, rest
        cut = len(path) - len(rest)
        while cut > 0:
            cut -= 1
            parent, _ = self._locate(path[:cut])
            if parent is self.root or parent.isVisibleTo(self):
                return parent, path[cut:]
        return self.root, path

    @staticmethod
    def _rest_name(rest: JsonPath) -> str:
        return ".".join(f"[{k}]" if isinstance(k, int) else k for k in rest)

    # -- events ------------------------------------------------------------------------------

    def _on_root_changed(self) -> None:
        self.edited.emit()

    def _on_path_activated(self, path: JsonPath) -> None:
        self.focus_path(path)
