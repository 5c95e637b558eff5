"""Ctrl+S from the editor to etcd: validate, preview, guarded write, conflicts.

Nothing is written unless the value parses, passes its schema, fits etcd's limits and the
user confirmed the diff (when the preview is on). The write itself compares the revision the
user loaded, so a concurrent change is never overwritten silently: it opens the conflict view.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from etcdesk.core.browse import LoadedValue
from etcdesk.core.documents import DocumentError, parse_text
from etcdesk.core.edits import SaveResult, UniquenessError, save_value
from etcdesk.core.errors import Conflict, StoreError, TooLarge
from etcdesk.core.etcd_store import EtcdStore, check_put_size
from etcdesk.core.layout import display
from etcdesk.core.masking import masked_text
from etcdesk.core.merge import three_way_merge
from etcdesk.core.schemas import all_secret_paths
from etcdesk.core.values import decode_value
from etcdesk.qt.editor_panel import STRUCTURED, EditorPanel
from etcdesk.qt.save_dialogs import ConflictChoice, ConflictDialog, DiffPreviewDialog
from etcdesk.qt.session import Session


class SaveFlow(QObject):
    saved = Signal(bytes, int)  # key, new revision
    save_failed = Signal(bytes, str)
    preview_changed = Signal(bool)  # the user turned the diff preview off from its dialog

    def __init__(self, parent: QWidget, session: Session, editor: EditorPanel) -> None:
        super().__init__(parent)
        self.window = parent
        self.session = session
        self.editor = editor
        self.preview_diff = True
        self.loaded: LoadedValue | None = None
        self.busy = False

    def set_loaded(self, loaded: LoadedValue | None) -> None:
        self.loaded = loaded

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self.window, title, text)

    # -- the flow ---------------------------------------------------------------------------

    def save(self, base_override: int | None = None) -> bool:
        """Start a save of the editor's document; returns False when refused before writing."""
        loaded = self.loaded
        store = self.session.store
        if self.busy or loaded is None or loaded.kv is None or not isinstance(store, EtcdStore):
            return False
        editor = self.editor
        key = loaded.key
        text = editor.current_text()
        if text == editor.original_text and base_override is None:
            self.window.statusBar().showMessage(self.tr("Nothing to save"), 4000)  # type: ignore[attr-defined]
            return False
        data: Any = None
        if editor.format in STRUCTURED:
            try:
                data = parse_text(text, editor.format)
            except DocumentError as exc:
                self._warn(
                    self.tr("Not saved"),
                    self.tr("The value does not parse: {e}").format(e=exc.error),
                )
                editor.raw.go_to(exc.error.line, exc.error.column)
                return False
            issues = editor.validate(data)
            if issues:
                first = issues[0]
                self._warn(
                    self.tr("Not saved"),
                    self.tr(
                        "{n} problem(s) with the schema “{schema}”. First: {path}: {msg}"
                    ).format(
                        n=len(issues),
                        schema=editor.schema_name,
                        path=first.json_path,
                        msg=first.message,
                    ),
                )
                if editor.form is not None:
                    editor.tabs.setCurrentIndex(0)
                    editor.form.focus_path(first.path)
                return False
        value = text.encode("utf-8")
        try:
            check_put_size([(key, value)])  # the store's own limit check, before the preview
        except TooLarge as exc:
            self._warn(self.tr("Not saved: too large"), str(exc))
            return False
        comment = ""
        if self.preview_diff and base_override is None:
            secrets = all_secret_paths(editor.registry, editor.schema, data)
            old_text, new_text = editor.original_text, text
            if editor.masked:  # secrets not shown in the editor: not in the preview either
                old_text = masked_text(old_text.encode("utf-8"), secrets)
                new_text = masked_text(value, secrets)
            dialog = DiffPreviewDialog(
                key,
                old_text,
                new_text,
                editor.original_data,
                data,
                editor.format in STRUCTURED,
                secrets,
                self.window,
            )
            if not dialog.exec():
                return False
            comment = dialog.comment.text()
            if dialog.dont_ask.isChecked():
                self.preview_diff = False
                self.preview_changed.emit(False)
        base = base_override if base_override is not None else loaded.kv.mod_revision
        schema = editor.schema
        registry = editor.registry
        layout = self.session.layout
        journal = self.session.journal
        self.busy = True

        def write() -> SaveResult:
            return save_value(
                store,
                key,
                value,
                base,
                layout=layout,
                registry=registry,
                schema=schema,
                data=data,
                journal=journal,
                comment=comment,
            )

        self.session.runner.submit(
            write,
            on_done=lambda result: self._on_saved(result, text, data),
            on_error=lambda exc: self._on_failed(exc, key, text, data),
        )
        return True

    def _on_saved(self, result: SaveResult, text: str, data: Any) -> None:
        self.busy = False
        self.editor.mark_saved(text, data)
        self.window.statusBar().showMessage(  # type: ignore[attr-defined]
            self.tr("Saved {key} at revision {rev}").format(
                key=display(result.key), rev=result.revision
            ),
            8000,
        )
        self.saved.emit(result.key, result.revision)

    def _on_failed(self, error: BaseException, key: bytes, text: str, data: Any) -> None:
        self.busy = False
        if isinstance(error, Conflict):
            self._on_conflict(error, key, text, data)
            return
        if isinstance(error, UniquenessError):
            self._warn(self.tr("Not saved: not unique"), str(error))
            if self.editor.form is not None:
                self.editor.form.focus_path(error.path)
        elif isinstance(error, TooLarge):
            self._warn(self.tr("Not saved: too large"), str(error))
        elif isinstance(error, StoreError):
            self._warn(self.tr("Not saved"), str(error))
        else:
            self._warn(self.tr("Not saved"), f"{type(error).__name__}: {error}")
        self.save_failed.emit(key, str(error))

    def _on_conflict(self, conflict: Conflict, key: bytes, mine_text: str, mine_data: Any) -> None:
        editor = self.editor
        current = conflict.current
        theirs_text: str | None = None
        theirs_data: Any = None
        theirs_revision = 0
        if current is not None:
            decoded = decode_value(
                current.value, editor.format if editor.format in STRUCTURED else None
            )
            theirs_text = decoded.text
            theirs_data = decoded.data
            theirs_revision = current.mod_revision
        merge = None
        if (
            editor.format in STRUCTURED
            and theirs_data is not None
            and editor.original_data is not None
        ):
            merge = three_way_merge(editor.original_data, mine_data, theirs_data)
        dialog = ConflictDialog(
            key, editor.original_text, mine_text, theirs_text, theirs_revision, merge, self.window
        )
        dialog.exec()
        self.save_failed.emit(key, str(conflict))
        if dialog.choice is ConflictChoice.KEEP_THEIRS:
            self.session.load_value(key)
        elif dialog.choice is ConflictChoice.OVERWRITE:
            self._rebase(current, theirs_text, theirs_data, mine_data, mine_text)
            self.save(base_override=theirs_revision)
        elif dialog.choice is ConflictChoice.REAPPLY and merge is not None:
            self._rebase(current, theirs_text, theirs_data, merge.merged, None)
            self.save()

    def _rebase(
        self, current: Any, theirs_text: str | None, theirs_data: Any, data: Any, text: str | None
    ) -> None:
        """Make theirs the loaded base and my (merged) document the edit on top of it."""
        loaded = self.loaded
        if loaded is None:
            return
        self.loaded = LoadedValue(
            loaded.key, current, decode_value(current.value) if current else None, loaded.revision
        )
        editor = self.editor
        editor.original_text = theirs_text or ""
        editor.original_data = theirs_data
        if text is not None and editor.format not in STRUCTURED:
            editor.raw.setPlainText(text)
        elif editor.format in STRUCTURED:
            editor.set_current_data(data)
