"""The history of the selected key: revisions loaded as the user scrolls, who and why from the
change journal, diffs between any two revisions, and a guarded rollback (DESIGN.md §7).

Every etcd read and every diff of big values runs in the background; the panel only shows
immutable results. In audit mode (no writable store) the rollback control does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from etcdesk.core.errors import Conflict, StoreError
from etcdesk.core.etcd_store import EtcdReader, EtcdStore
from etcdesk.core.history import (
    HistoryPage,
    HistoryRow,
    KeyHistory,
    load_history_page,
    rollback_key,
)
from etcdesk.core.i18n import QT_TRANSLATE_NOOP
from etcdesk.core.journal import Journal, JournalEntry, action_label
from etcdesk.core.layout import Layout, display
from etcdesk.core.masking import mask_data, masked_text
from etcdesk.core.merge import structural_diff
from etcdesk.core.schemas import JsonPath
from etcdesk.core.textdiff import TextDiff, side_by_side
from etcdesk.core.values import DecodedValue, ValueFormat, decode_value
from etcdesk.qt.diff_view import DiffWidget
from etcdesk.qt.tasks import TaskRunner
from etcdesk.qt.value_panel import human_size

PAGE = 50
OUTSIDE = QT_TRANSLATE_NOOP("HistoryModel", "changed outside etcdesk")
COLUMNS = (
    QT_TRANSLATE_NOOP("HistoryModel", "Revision"),
    QT_TRANSLATE_NOOP("HistoryModel", "Version"),
    QT_TRANSLATE_NOOP("HistoryModel", "Size"),
    QT_TRANSLATE_NOOP("HistoryModel", "Change"),
    QT_TRANSLATE_NOOP("HistoryModel", "Who"),
    QT_TRANSLATE_NOOP("HistoryModel", "When"),
    QT_TRANSLATE_NOOP("HistoryModel", "Why"),
)


def _when(entry: JournalEntry | None) -> str:
    if entry is None or entry.time is None:
        return ""
    return entry.time.astimezone().strftime("%Y-%m-%d %H:%M")


class HistoryModel(QAbstractTableModel):
    """Rows of a key's history, newest first; asks for more when the view scrolls down."""

    more_wanted = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[HistoryRow] = []
        self.summaries: dict[int, str] = {}
        self.entries: dict[int, JournalEntry] = {}
        self.done = True
        self.loading = False

    def reset(self) -> None:
        self.beginResetModel()
        self.rows, self.summaries, self.entries = [], {}, {}
        self.done, self.loading = False, False
        self.endResetModel()

    def add_page(self, page: HistoryPage) -> None:
        self.loading = False
        self.summaries.update(page.summaries)
        self.entries.update(page.entries)
        self.done = page.done
        if self.rows:  # the previous last row just got its summary
            last = self.index(len(self.rows) - 1, 3)
            self.dataChanged.emit(last, last)
        if page.rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.endInsertRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and not self.done and not self.loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if self.canFetchMore(parent):
            self.loading = True
            self.more_wanted.emit()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        entry = self.entries.get(row.revision)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(row.revision)
            if column == 1:
                return "—" if row.deleted else str(row.version)
            if column == 2:
                return "" if row.deleted else human_size(row.size)
            if column == 3:
                return self.summaries.get(row.revision, "…")
            if column == 4:
                return entry.who if entry is not None else self.tr(OUTSIDE)
            if column == 5:
                return _when(entry)
            if column == 6:
                return entry.comment if entry is not None else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 3:
                return self.summaries.get(row.revision, "")
            if entry is not None:
                action = action_label(entry.action)
                if entry.rollback_to:
                    action = self.tr("{action} to revision {rev}").format(
                        action=action, rev=entry.rollback_to
                    )
                done = self.tr("{action} by {who}").format(action=action, who=entry.who)
                return f"{done}\n{entry.author.app}\n{entry.comment}".strip()
            if column == 4:
                return self.tr("No journal entry: written by another tool, or before etcdesk")
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 4 and entry is None:
                return QColor("#6e7781")
            if row.deleted:
                return QColor("#b42318")
        if role == Qt.ItemDataRole.FontRole and column == 4 and entry is None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


@dataclass(frozen=True)
class PreparedDiff:
    """A diff computed off the GUI thread, secrets masked."""

    old_text: str
    new_text: str
    old_data: Any
    new_data: Any
    structured: bool
    text_diff: TextDiff
    changes: list[tuple[str, JsonPath, Any, Any]]


def prepare_diff(
    old: bytes | None, new: bytes | None, secrets: tuple[JsonPath, ...]
) -> PreparedDiff:
    """Decode each side once, mask secrets, and diff: background work for big values."""
    old_value = decode_value(old) if old is not None else None
    new_value = decode_value(new) if new is not None else None

    def data(value: DecodedValue | None) -> Any:
        if value is None or value.format not in (ValueFormat.JSON, ValueFormat.YAML):
            return None
        return mask_data(value.data, secrets)

    def text(raw: bytes | None, value: DecodedValue | None) -> str:
        if value is None:
            return ""
        return masked_text(raw, secrets) if secrets else value.text

    old_data, new_data = data(old_value), data(new_value)
    structured = isinstance(old_data, (dict, list)) and isinstance(new_data, (dict, list))
    old_text, new_text = text(old, old_value), text(new, new_value)
    return PreparedDiff(
        old_text,
        new_text,
        old_data,
        new_data,
        structured,
        side_by_side(old_text, new_text),
        structural_diff(old_data, new_data) if structured else [],
    )


def show_prepared(widget: DiffWidget, diff: PreparedDiff, old_name: str, new_name: str) -> None:
    widget.text.show_text_diff(diff.text_diff, old_name, new_name)
    tabs = widget.tabs
    tabs.setTabVisible(0, diff.structured)
    if diff.structured:
        widget.fields.show_changes(diff.changes)
        count = widget.fields.topLevelItemCount()
        label = QCoreApplication.translate("DiffWidget", "Changed fields ({n})")
        tabs.setTabText(0, label.format(n=count))
        tabs.setCurrentWidget(widget.fields if count else widget.text)
    else:
        widget.fields.clear()
        tabs.setCurrentWidget(widget.text)


class RollbackDialog(QDialog):
    """Confirm a key rollback: the diff from the current value to the chosen revision."""

    def __init__(
        self,
        key: bytes,
        row: HistoryRow,
        diff: PreparedDiff,
        current_revision: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Roll back {key}").format(key=display(key)))
        if row.deleted:
            what = self.tr("This deletes {key} again, as it was at revision {rev}.")
        elif current_revision == 0:
            what = self.tr("This restores the deleted key {key} with its value of revision {rev}.")
        else:
            what = self.tr(
                "This writes the value of revision {rev} as a new revision of {key}. "
                "It is refused if someone changes the key meanwhile."
            )
        intro = QLabel(what.format(key=display(key), rev=row.revision))
        intro.setWordWrap(True)
        self.diff = DiffWidget()
        show_prepared(
            self.diff,
            diff,
            self.tr("now (revision {rev})").format(rev=current_revision)
            if current_revision
            else self.tr("now (deleted)"),
            self.tr("revision {rev}").format(rev=row.revision),
        )
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("Why? (optional; saved in the change journal)"))
        self.comment.setMaxLength(2000)
        buttons = QDialogButtonBox()
        self.confirm = buttons.addButton(
            self.tr("Roll back to revision {rev}").format(rev=row.revision),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.diff, 1)
        layout.addWidget(self.comment)
        layout.addWidget(buttons)
        self.resize(860, 560)


class HistoryPanel(QWidget):
    """Revisions of one key; select one to see what it changed, two to compare them."""

    rolled_back = Signal(bytes, int)  # key, new revision
    status_message = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.reader: EtcdReader | None = None
        self.store: EtcdStore | None = None  # None: audit mode, no rollback control at all
        self.layout_: Layout | None = None
        self.journal: Journal | None = None
        self.registry: Any = None
        self.secrets: tuple[JsonPath, ...] = ()
        self.key: bytes | None = None
        self.history: KeyHistory | None = None
        self.compacted_before = 0
        self.current_edit: Callable[[], bytes | None] = lambda: None
        self.page_size = PAGE  # revisions per page; the settings dialog may change it
        self._rollback_busy = False

        self.title = QLabel(self.tr("History"))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.model = HistoryModel(self)
        self.model.more_wanted.connect(self._load_more)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((62, 56, 64, 210, 180, 130)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.selectionModel().selectionChanged.connect(self._on_selection)
        self.footer = QLabel()
        self.footer.setWordWrap(True)
        self.footer.setStyleSheet("color: #6e7781;")

        self.compare_current = QPushButton(self.tr("Compare with current"))
        self.compare_current.setToolTip(self.tr("Diff the selected revision against the newest"))
        self.compare_current.clicked.connect(self._compare_with_current)
        self.compare_edit = QPushButton(self.tr("Compare with my edit"))
        self.compare_edit.setToolTip(
            self.tr("Diff the selected revision against your unsaved edit")
        )
        self.compare_edit.clicked.connect(self._compare_with_edit)
        self.rollback_button: QPushButton | None = None
        self.export_csv = QPushButton(self.tr("Export CSV…"))
        self.export_csv.clicked.connect(lambda: self._export("csv"))
        self.export_html = QPushButton(self.tr("Export HTML…"))
        self.export_html.clicked.connect(lambda: self._export("html"))
        self.export_csv.setToolTip(self.tr("Save the loaded revisions with who, when and why"))
        self.export_html.setToolTip(
            self.tr("A self-contained report with every loaded revision and its diff")
        )
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.compare_current)
        self.buttons.addWidget(self.compare_edit)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.export_csv)
        self.buttons.addWidget(self.export_html)

        self.diff = DiffWidget()
        self.diff_label = QLabel(self.tr("Select a revision to see what it changed."))
        self.diff_label.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.diff_label)
        right_layout.addWidget(self.diff, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.footer)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([820, 480])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addLayout(self.buttons)
        layout.addWidget(self.splitter, 1)
        self._update_buttons()

    # -- setup ------------------------------------------------------------------------------

    def set_connection(
        self,
        reader: EtcdReader | None,
        store: EtcdStore | None,
        layout: Layout | None,
        journal: Journal | None,
        registry: Any = None,
    ) -> None:
        """The connection to read (and, unless in audit mode, write) through."""
        self.reader, self.store, self.layout_, self.journal = reader, store, layout, journal
        self.registry = registry
        if store is not None and self.rollback_button is None:
            self.rollback_button = QPushButton(self.tr("Roll back to this revision…"))
            self.rollback_button.setToolTip(
                self.tr("Write the selected revision's value again, guarded by the current one")
            )
            self.rollback_button.clicked.connect(self.rollback_selected)
            self.buttons.insertWidget(2, self.rollback_button)
        elif store is None and self.rollback_button is not None:
            self.buttons.removeWidget(self.rollback_button)
            self.rollback_button.deleteLater()
            self.rollback_button = None
        self._update_buttons()

    def show_key(
        self, key: bytes | None, secrets: tuple[JsonPath, ...] = (), deleted_at: int = 0
    ) -> None:
        """Start the history of ``key`` (None: clear); ``deleted_at`` for a deleted key."""
        self.runner.cancel("history")
        self.runner.cancel("history-diff")
        self.key = key
        self.secrets = secrets
        self.compacted_before = 0
        self.model.reset()
        self.diff_label.setText(self.tr("Select a revision to see what it changed."))
        self.diff.show_diff("", "", "", "")
        if key is None or self.reader is None:
            self.model.done = True
            self.history = None
            self.title.setText(self.tr("History"))
            self.footer.setText(self.tr("Select a config to see its revisions."))
            self._update_buttons()
            return
        self.title.setText(self.tr("History of {key}").format(key=display(key)))
        self.history = KeyHistory(self.reader, key, deleted_at)
        self._load_more()
        self._update_buttons()

    def refresh(self) -> None:
        """Reload from the newest revision (after a save or a remote change)."""
        if self.key is not None:
            self.show_key(self.key, self.secrets)

    # -- loading ----------------------------------------------------------------------------

    def _load_more(self) -> None:
        history = self.history
        if history is None:
            return
        self.model.loading = True
        self.footer.setText(self.tr("Loading revisions…"))
        journal = self.journal.prefix if self.journal is not None else None
        layout, secrets = self.layout_, self.secrets

        def work() -> HistoryPage:
            return load_history_page(
                history, self.page_size, journal_prefix=journal, layout=layout, secrets=secrets
            )

        self.runner.submit(
            work,
            on_done=lambda page: self._on_page(history, page),
            on_error=lambda exc: self._on_page_failed(history, exc),
            channel="history",
        )

    def _on_page(self, history: KeyHistory, page: HistoryPage) -> None:
        if history is not self.history:
            return
        first = not self.model.rows
        self.model.add_page(page)
        self.compacted_before = page.compacted_before
        self._update_footer()
        if first and self.model.rows:
            self.view.selectionModel().select(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _on_page_failed(self, history: KeyHistory, error: BaseException) -> None:
        if history is not self.history:
            return
        self.model.loading = False
        self.model.done = True
        self.footer.setText(self.tr("Could not read the history: {e}").format(e=error))

    def _update_footer(self) -> None:
        count = len(self.model.rows)
        parts = [self.tr("{n} revisions loaded").format(n=count)]
        if not self.model.done:
            parts.append(self.tr("scroll down for older ones"))
        elif self.compacted_before:
            parts.append(
                self.tr("history before revision {rev} is not retained by this cluster").format(
                    rev=self.compacted_before
                )
            )
        else:
            parts.append(self.tr("complete history"))
        self.footer.setText(" · ".join(parts))

    # -- selection and diffs ----------------------------------------------------------------

    def selected_rows(self) -> list[HistoryRow]:
        indexes = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.rows[i] for i in indexes]

    def _older_than(self, row: HistoryRow) -> HistoryRow | None:
        rows = self.model.rows
        position = rows.index(row)
        return rows[position + 1] if position + 1 < len(rows) else None

    def _on_selection(self, *_args: Any) -> None:
        self._update_buttons()
        rows = self.selected_rows()
        if len(rows) == 1:
            row = rows[0]
            older = self._older_than(row)
            self._show_diff(
                older.value if older else None,
                row.value,
                self.tr("revision {rev}").format(rev=older.revision)
                if older
                else self.tr("(before)"),
                self.tr("revision {rev}").format(rev=row.revision),
                self.tr("What revision {rev} changed").format(rev=row.revision),
            )
        elif len(rows) >= 2:
            newer, older = rows[0], rows[-1]
            self._show_diff(
                older.value,
                newer.value,
                self.tr("revision {rev}").format(rev=older.revision),
                self.tr("revision {rev}").format(rev=newer.revision),
                self.tr("From revision {a} to revision {b}").format(
                    a=older.revision, b=newer.revision
                ),
            )

    def _show_diff(
        self, old: bytes | None, new: bytes | None, old_name: str, new_name: str, title: str
    ) -> None:
        self.diff_label.setText(self.tr("{title} (computing…)").format(title=title))
        secrets = self.secrets

        def done(prepared: PreparedDiff) -> None:
            self.diff_label.setText(title)
            show_prepared(self.diff, prepared, old_name, new_name)

        self.runner.submit(
            lambda: prepare_diff(old, new, secrets), on_done=done, channel="history-diff"
        )

    def _current(self) -> HistoryRow | None:
        rows = self.model.rows
        return rows[0] if rows else None

    def _compare_with_current(self) -> None:
        rows, current = self.selected_rows(), self._current()
        if not rows or current is None:
            return
        row = rows[-1]
        self._show_diff(
            row.value,
            current.value,
            self.tr("revision {rev}").format(rev=row.revision),
            self.tr("current (revision {rev})").format(rev=current.revision),
            self.tr("Revision {rev} against the current value").format(rev=row.revision),
        )

    def _compare_with_edit(self) -> None:
        rows, edit = self.selected_rows(), self.current_edit()
        if not rows or edit is None:
            return
        row = rows[-1]
        self._show_diff(
            row.value,
            edit,
            self.tr("revision {rev}").format(rev=row.revision),
            self.tr("your unsaved edit"),
            self.tr("Revision {rev} against your unsaved edit").format(rev=row.revision),
        )

    def _update_buttons(self) -> None:
        rows = self.selected_rows() if self.model.rows else []
        one = len(rows) == 1
        self.compare_current.setEnabled(one and rows[0] is not self._current())
        self.compare_edit.setEnabled(one and self.current_edit() is not None)
        has_rows = bool(self.model.rows)
        self.export_csv.setEnabled(has_rows)
        self.export_html.setEnabled(has_rows)
        if self.rollback_button is not None:
            current = self._current()
            self.rollback_button.setEnabled(
                one and current is not None and rows[0] is not current and not self._rollback_busy
            )

    # -- rollback ---------------------------------------------------------------------------

    def rollback_selected(self) -> None:
        """Confirm with a diff and a comment, then write the selected revision again.

        The diff of two big values takes a moment: it is computed in the background and the
        confirmation opens when it is ready.
        """
        store, rows, current = self.store, self.selected_rows(), self._current()
        if store is None or len(rows) != 1 or current is None or self.key is None:
            return
        row = rows[0]
        if row is current or self._rollback_busy:
            return
        base = 0 if current.deleted else current.revision
        key, secrets = self.key, self.secrets
        self._rollback_busy = True
        self._update_buttons()
        self.runner.submit(
            lambda: prepare_diff(current.value, row.value, secrets),
            on_done=lambda diff: self._confirm_rollback(store, key, row, base, diff),
            on_error=lambda exc: self._on_rollback_failed(key, exc),
            channel="history-rollback",
        )

    def _confirm_rollback(
        self, store: EtcdStore, key: bytes, row: HistoryRow, base: int, diff: PreparedDiff
    ) -> None:
        if key != self.key:  # another key was selected meanwhile
            self._rollback_busy = False
            self._update_buttons()
            return
        dialog = RollbackDialog(key, row, diff, base, self)
        if not dialog.exec():
            self._rollback_busy = False
            self._update_buttons()
            return
        comment = dialog.comment.text()
        layout, journal, registry = self.layout_, self.journal, self.registry
        self.runner.submit(
            lambda: rollback_key(
                store,
                row,
                base,
                layout=layout,
                registry=registry,
                journal=journal,
                comment=comment,
            ),
            on_done=lambda revision: self._on_rolled_back(key, row, revision),
            on_error=lambda exc: self._on_rollback_failed(key, exc),
        )

    def _on_rolled_back(self, key: bytes, row: HistoryRow, revision: int) -> None:
        self._rollback_busy = False
        self.status_message.emit(
            self.tr("Rolled {key} back to revision {old} (new revision {rev})").format(
                key=display(key), old=row.revision, rev=revision
            )
        )
        self.rolled_back.emit(key, revision)
        if key == self.key:
            self.refresh()

    def _on_rollback_failed(self, key: bytes, error: BaseException) -> None:
        self._rollback_busy = False
        self._update_buttons()
        if isinstance(error, Conflict):
            text = self.tr(
                "{key} changed while you were looking at its history; nothing was written. "
                "The history has been reloaded: check the newest revision and try again."
            ).format(key=display(key))
            if key == self.key:
                self.refresh()
        elif isinstance(error, StoreError):
            text = str(error)
        else:
            text = f"{type(error).__name__}: {error}"
        QMessageBox.warning(self, self.tr("Not rolled back"), text)

    # -- export -----------------------------------------------------------------------------

    def _export(self, kind: str) -> None:
        from etcdesk.core import export

        if self.key is None or not self.model.rows:
            return
        name = display(self.key).strip("/").replace("/", "_") or "key"
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export history"),
            f"{name}-history-{stamp}.{kind}",
            self.tr("CSV (*.csv)") if kind == "csv" else self.tr("HTML report (*.html)"),
        )
        if not path:
            return
        rows, entries = list(self.model.rows), dict(self.model.entries)
        if kind == "csv":
            text = export.key_history_csv(self.key, rows, entries, self.secrets)
        else:
            text = export.key_history_html(
                self.key, rows, entries, self.secrets, compacted_before=self.compacted_before
            )
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))
            return
        self.status_message.emit(self.tr("Exported the history to {path}").format(path=path))
