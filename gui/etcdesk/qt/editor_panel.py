"""One document, two views: the form generated from its JSON Schema, and the raw text.

Switching views keeps edits: leaving the form renders its data into the raw text (only if the
data changed, so an untouched YAML keeps its comments); leaving the raw text parses it, and a
parse error keeps you in the raw view with the line and column. Validation runs on every edit
and never writes anything; saving is the window's job (``save_requested``).
"""

from __future__ import annotations

import copy
import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from etcdesk.core.documents import DocumentError, ParseError, encode_for_save, parse_text
from etcdesk.core.masking import masked_text
from etcdesk.core.schemas import (
    JsonPath,
    SchemaError,
    SchemaRegistry,
    ValidationIssue,
    all_secret_paths,
)
from etcdesk.core.values import ValueFormat
from etcdesk.qt.form import SchemaForm
from etcdesk.qt.raw_editor import RawEditor

STRUCTURED = (ValueFormat.JSON, ValueFormat.YAML)
FORM_TAB, RAW_TAB = 0, 1
ISSUE_ROLE = Qt.ItemDataRole.UserRole + 1


class EditorPanel(QWidget):
    dirty_changed = Signal(bool)
    save_requested = Signal()
    revert_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry: SchemaRegistry | None = None
        self.schema: dict[str, Any] | None = None
        self.schema_name = ""
        self.format = ValueFormat.TEXT
        self.original_text = ""
        self.original_data: Any = None
        self.editable = False
        self.allow_reveal = True
        # Secret fields hidden from the raw text: the raw view then shows a masked rendering,
        # read-only, and the form is the document. "Show secrets" lifts it where allowed.
        self.masked: tuple[JsonPath, ...] = ()
        self._secret_paths: tuple[JsonPath, ...] = ()
        self.form: SchemaForm | None = None
        self._synced_data: Any = None  # the form data last written into the raw text
        self._dirty = False
        self._undo: list[Any] = []  # form documents before each edit step
        self._current: Any = None
        self._redo: list[Any] = []
        self._last_push = 0.0
        self._restoring = False

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.save_action = QAction(self.tr("Save"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.save_action.setToolTip(
            self.tr("Save (Ctrl+S): preview the diff, then a guarded write")
        )
        self.save_action.triggered.connect(self.save_requested)
        self.revert_action = QAction(self.tr("Revert"), self)
        self.revert_action.setToolTip(self.tr("Drop your edits and reload the value from etcd"))
        self.revert_action.triggered.connect(self.revert_requested)
        self.undo_action = QAction(self.tr("Undo"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(self.tr("Redo"), self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.redo_action.triggered.connect(self.redo)
        self.reveal_action = QAction(self.tr("Show secrets"), self)
        self.reveal_action.setCheckable(True)
        self.reveal_action.setToolTip(
            self.tr(
                "Secret fields are masked in the raw view; show them to read or edit the raw "
                "text (the form always masks them)"
            )
        )
        self.reveal_action.toggled.connect(self._on_reveal_toggled)
        self.reveal_action.setVisible(False)
        for action in (self.save_action, self.revert_action, self.undo_action, self.redo_action):
            self.toolbar.addAction(action)
        self.toolbar.addAction(self.reveal_action)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.state_label = QLabel()
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.state_label)

        self.raw = RawEditor()
        self.raw.textChanged.connect(self._on_raw_changed)
        self._raw_timer = QTimer(self)
        self._raw_timer.setSingleShot(True)
        self._raw_timer.setInterval(250)
        self._raw_timer.timeout.connect(self._check_raw)
        self.form_host = QWidget()
        self.form_layout = QVBoxLayout(self.form_host)
        self.form_layout.setContentsMargins(0, 0, 0, 0)
        self.form_note = QLabel()
        self.form_note.setWordWrap(True)
        self.form_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.form_layout.addWidget(self.form_note)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.form_host, self.tr("Form"))
        self.tabs.addTab(self.raw, self.tr("Raw"))
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self.issues = QListWidget()
        self.issues.setMaximumHeight(110)
        self.issues.setObjectName("issueList")
        self.issues.itemActivated.connect(self._on_issue_activated)
        self.issues.itemClicked.connect(self._on_issue_activated)
        self.issues.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.issues)
        self._update_actions()

    # -- loading ----------------------------------------------------------------------------

    def load(
        self,
        text: str,
        value_format: ValueFormat,
        data: Any,
        schema: tuple[str, dict[str, Any]] | None,
        registry: SchemaRegistry | None,
        editable: bool,
        allow_reveal: bool = True,
    ) -> None:
        """Show a freshly read value; any previous edit is dropped."""
        self.registry = registry
        self.schema_name, self.schema = schema if schema else ("", None)
        self.format = value_format
        self.original_text = text
        self.original_data = data
        self.editable = editable and value_format is not ValueFormat.BINARY
        self.allow_reveal = allow_reveal
        self._secret_paths = self._secrets(data)
        self.masked = self._secret_paths
        self.reveal_action.blockSignals(True)
        self.reveal_action.setChecked(False)
        self.reveal_action.blockSignals(False)
        self.reveal_action.setVisible(allow_reveal and bool(self._secret_paths))
        self._undo.clear()
        self._redo.clear()
        self._restoring = True
        try:
            self.raw.load(self._raw_text(text), value_format)
            self.raw.set_editable(self.editable and not self.masked)
            self._build_form(data)
        finally:
            self._restoring = False
        self._synced_data = copy.deepcopy(data)
        self._current = copy.deepcopy(data)
        self.tabs.setCurrentIndex(FORM_TAB if self.form is not None else RAW_TAB)
        self._validate_current()
        self._set_dirty(False)

    def _secrets(self, data: Any) -> tuple[JsonPath, ...]:
        if self.schema is None or self.registry is None:
            return ()
        return all_secret_paths(self.registry, self.schema, data)

    def _raw_text(self, text: str) -> str:
        """What the raw view shows for ``text``: itself, or with secret fields masked."""
        return masked_text(text.encode("utf-8"), self.masked) if self.masked else text

    def _on_reveal_toggled(self, reveal: bool) -> None:
        """Show the raw text with its secrets (editable), or mask it again."""
        if reveal and not self.allow_reveal:
            return
        if reveal:
            data = self.form.data() if self.form is not None else self.original_data
            text = encode_for_save(self.original_text, self.original_data, data, self.format)
            self.masked = ()
            self._restoring = True
            try:
                self.raw.setPlainText(text)
            finally:
                self._restoring = False
            self._synced_data = copy.deepcopy(data)
            self.raw.set_editable(self.editable)
            return
        if self.form is not None and self.tabs.currentIndex() == RAW_TAB:
            try:
                data = parse_text(self.raw.toPlainText(), self.format)
            except DocumentError as exc:
                self.reveal_action.blockSignals(True)
                self.reveal_action.setChecked(True)  # fix the text before hiding it again
                self.reveal_action.blockSignals(False)
                self._show_parse_error(exc.error)
                return
            if data != self.form.data():
                self._restoring = True
                try:
                    self.form.set_data(copy.deepcopy(data))
                finally:
                    self._restoring = False
        self.masked = self._secret_paths
        data = self.form.data() if self.form is not None else self.original_data
        text = encode_for_save(self.original_text, self.original_data, data, self.format)
        self._restoring = True
        try:
            self.raw.setPlainText(self._raw_text(text))
        finally:
            self._restoring = False
        self._synced_data = copy.deepcopy(data)
        self.raw.set_editable(False)
        self._after_edit()

    def _build_form(self, data: Any) -> None:
        if self.form is not None:
            self.form.setParent(None)
            self.form.deleteLater()
            self.form = None
        note = ""
        if self.format not in STRUCTURED:
            note = self.tr("Plain text values are edited in the Raw view.")
        elif self.schema is None or self.registry is None:
            note = self.tr("No schema describes this config, so it is edited as raw text.")
        else:
            try:
                self.form = SchemaForm(
                    self.registry,
                    self.schema,
                    copy.deepcopy(data),
                    allow_reveal=self.allow_reveal,
                    read_only=not self.editable,
                )
            except SchemaError as exc:
                note = self.tr(
                    "The schema “{name}” is invalid: {error}\nEdit the value as raw text."
                ).format(name=self.schema_name, error=exc)
        self.form_note.setText(note)
        self.form_note.setVisible(bool(note))
        self.tabs.setTabEnabled(FORM_TAB, self.form is not None)
        if self.form is not None:
            self.form_layout.addWidget(self.form, 1)
            self.form.edited.connect(self._on_form_edited)

    # -- the document -----------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty

    def on_form(self) -> bool:
        """Whether the form holds the document (always, while the raw view is masked)."""
        return self.form is not None and (self.tabs.currentIndex() == FORM_TAB or bool(self.masked))

    def current_text(self) -> str:
        """The text that would be saved now (the untouched original when nothing changed)."""
        if self.masked and self.form is None:
            return self.original_text  # never the masked rendering
        if self.on_form():
            assert self.form is not None
            return encode_for_save(
                self.original_text, self.original_data, self.form.data(), self.format
            )
        return self.raw.toPlainText()

    def current_data(self) -> Any:
        """The parsed document now; raises DocumentError when the raw text does not parse."""
        if self.on_form():
            assert self.form is not None
            return self.form.data()
        return parse_text(self.raw.toPlainText(), self.format)

    def set_current_data(self, data: Any) -> None:
        """Replace the edited document (a merge result) and keep it as an edit."""
        self._last_push = 0.0
        if self.form is not None:
            self._restoring = True
            try:
                self.form.set_data(copy.deepcopy(data))
            finally:
                self._restoring = False
            self._push_undo()
        text = encode_for_save(self.original_text, self.original_data, data, self.format)
        self._restoring = True
        try:
            self.raw.setPlainText(self._raw_text(text))
        finally:
            self._restoring = False
        self._synced_data = copy.deepcopy(data)
        self._after_edit()

    def validate(self, data: Any) -> list[ValidationIssue]:
        if self.schema is None or self.registry is None:
            return []
        try:
            return self.registry.validate(self.schema, data)
        except SchemaError:
            return []

    # -- editing events ---------------------------------------------------------------------

    def _on_form_edited(self) -> None:
        if self._restoring:
            return
        self._push_undo()
        self._after_edit()

    def _on_raw_changed(self) -> None:
        if self._restoring or self.masked:
            return
        self._raw_timer.start()
        self._set_dirty(self.raw.toPlainText() != self.original_text)

    def _check_raw(self) -> None:
        if self.tabs.currentIndex() == RAW_TAB:
            self._validate_current()

    def _after_edit(self) -> None:
        self._validate_current()
        self._set_dirty(self.current_text() != self.original_text)

    def _validate_current(self) -> None:
        self.issues.clear()
        if self.format not in STRUCTURED:
            self.issues.hide()
            return
        try:
            data = self.current_data()
        except DocumentError as exc:
            self._show_parse_error(exc.error)
            return
        issues = self.validate(data)
        if self.form is not None:
            self.form.show_issues(issues)
        if not self.on_form():
            for issue in issues:
                item = QListWidgetItem(f"{issue.json_path}: {issue.message}")
                item.setData(ISSUE_ROLE, ("path", issue.path))
                self.issues.addItem(item)
        self.issues.setVisible(self.issues.count() > 0)
        self._update_actions()

    def _show_parse_error(self, error: ParseError) -> None:
        item = QListWidgetItem(self.tr("Does not parse: {error}").format(error=error))
        item.setData(ISSUE_ROLE, ("position", (error.line, error.column)))
        self.issues.addItem(item)
        self.issues.show()

    def _on_issue_activated(self, item: QListWidgetItem) -> None:
        kind, where = item.data(ISSUE_ROLE)
        if kind == "position":
            self.tabs.setCurrentIndex(RAW_TAB)
            self.raw.go_to(*where)
        elif self.form is not None:
            self.tabs.setCurrentIndex(FORM_TAB)
            if self.tabs.currentIndex() == FORM_TAB:
                self.form.focus_path(tuple(where))

    def _on_tab_changed(self, index: int) -> None:
        if self._restoring or self.form is None:
            return
        if index == RAW_TAB:
            data = self.form.data()
            if data != self._synced_data:
                self._restoring = True
                try:
                    text = encode_for_save(
                        self.original_text, self.original_data, data, self.format
                    )
                    self.raw.setPlainText(self._raw_text(text))
                finally:
                    self._restoring = False
                self._synced_data = copy.deepcopy(data)
        elif self.masked:
            pass  # the masked raw view is read-only: the form is the document
        else:
            try:
                data = parse_text(self.raw.toPlainText(), self.format)
            except DocumentError as exc:
                # Stay in the raw view until the text parses; say where it does not.
                self._restoring = True
                try:
                    self.tabs.setCurrentIndex(RAW_TAB)
                finally:
                    self._restoring = False
                self.issues.clear()
                self._show_parse_error(exc.error)
                self.raw.go_to(exc.error.line, exc.error.column)
                return
            if data != self.form.data():
                self._restoring = True
                try:
                    self.form.set_data(copy.deepcopy(data))
                finally:
                    self._restoring = False
            self._synced_data = copy.deepcopy(data)
        self._validate_current()

    # -- undo -------------------------------------------------------------------------------

    def _push_undo(self) -> None:
        """Record the document before an edit; edits within 0.6 s of each other are one step."""
        now = time.monotonic()
        if now - self._last_push >= 0.6:
            self._undo.append(copy.deepcopy(self._current))
            self._redo.clear()
        self._last_push = now
        if self.form is not None:
            self._current = self.form.data()
        self._update_actions()

    def undo(self) -> None:
        if not self.on_form():
            self.raw.undo()
            return
        if not self._undo or self.form is None:
            return
        self._redo.append(self.form.data())
        self._restore(self._undo.pop())

    def redo(self) -> None:
        if not self.on_form():
            self.raw.redo()
            return
        if not self._redo or self.form is None:
            return
        self._undo.append(self.form.data())
        self._restore(self._redo.pop())

    def _restore(self, data: Any) -> None:
        assert self.form is not None
        self._restoring = True
        try:
            self.form.set_data(copy.deepcopy(data))
        finally:
            self._restoring = False
        self._current = copy.deepcopy(data)
        self._last_push = 0.0
        self._after_edit()

    # -- state ------------------------------------------------------------------------------

    def _set_dirty(self, dirty: bool) -> None:
        changed = dirty != self._dirty
        self._dirty = dirty
        self.state_label.setText(self.tr("● edited") if dirty else "")
        self._update_actions()
        if changed:
            self.dirty_changed.emit(dirty)

    def _update_actions(self) -> None:
        self.save_action.setEnabled(self.editable and self._dirty)
        self.revert_action.setEnabled(self.editable and self._dirty)
        self.undo_action.setEnabled(self.editable)
        self.redo_action.setEnabled(self.editable)
        self.toolbar.setVisible(self.editable)

    def mark_saved(self, text: str, data: Any) -> None:
        """After a successful save: the saved text is the new original."""
        self.original_text = text
        self.original_data = copy.deepcopy(data)
        self._set_dirty(False)
