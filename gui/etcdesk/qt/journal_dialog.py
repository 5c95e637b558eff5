"""The change journal: who changed what and why, filtered by tenant, user and time (issue 5).

The journal is read in the background (``read_journal`` pages through it); the dialog only
shows the result. Writes made with other tools have no entry, which the empty state says.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from etcdesk.core.errors import PermissionDenied, StoreError
from etcdesk.core.etcd_store import EtcdReader
from etcdesk.core.export import journal_csv, journal_html
from etcdesk.core.journal import (
    OTHER_GROUP,
    JournalEntry,
    JournalQuery,
    action_label,
    op_label,
    read_journal,
)
from etcdesk.core.layout import display
from etcdesk.qt.tasks import TaskRunner

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
KEYS_SHOWN = 3  # keys named in the Keys column before "+N more"
_Index = QModelIndex | QPersistentModelIndex


class JournalModel(QAbstractTableModel):
    """Journal entries as rows, in the order given (newest first)."""

    TIME, WHO, ACTION, TENANT, KEYS, COMMENT, REVISION = range(7)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[JournalEntry] = []
        self._headers = [
            self.tr("Time"),
            self.tr("Who"),
            self.tr("Action"),
            self.tr("Tenant"),
            self.tr("Keys"),
            self.tr("Comment"),
            self.tr("Revision"),
        ]

    def set_entries(self, entries: list[JournalEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def entry(self, row: int) -> JournalEntry | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.REVISION:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == ENTRY_ROLE:
            return entry
        return None

    def _text(self, entry: JournalEntry, column: int) -> str:
        if column == self.TIME:
            return entry.time.astimezone().strftime("%Y-%m-%d %H:%M:%S") if entry.time else "—"
        if column == self.WHO:
            return entry.who
        if column == self.ACTION:
            if entry.rollback_to:
                return self.tr("{action} to {revision}").format(
                    action=action_label(entry.action), revision=entry.rollback_to
                )
            return action_label(entry.action)
        if column == self.TENANT:
            return tenant_name(entry.group) or self.tr("(outside tenants)")
        if column == self.KEYS:
            names = [short_key(k.key, entry.group) for k in entry.keys[:KEYS_SHOWN]]
            more = len(entry.keys) - KEYS_SHOWN
            text = ", ".join(names)
            return text + self.tr(" +{count} more").format(count=more) if more > 0 else text
        if column == self.COMMENT:
            return " ".join(entry.comment.split())  # one line in the table
        if column == self.REVISION:
            return str(entry.revision)
        return ""

    def _tooltip(self, entry: JournalEntry, column: int) -> str | None:
        if column == self.TIME and entry.time is not None:
            return entry.time.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        if column == self.KEYS and entry.keys:
            return "\n".join(f"{op_label(k.op)} {display(k.key)}" for k in entry.keys)
        if column == self.COMMENT and entry.comment:
            return entry.comment
        if column == self.WHO and entry.author.app:
            return self.tr("{who}, with {app}").format(who=entry.who, app=entry.author.app)
        return None


def tenant_name(group: str) -> str:
    """The tenant an entry belongs to; empty for keys outside any tenant."""
    return "" if group == display(OTHER_GROUP) else group


def short_key(key: bytes, group: str) -> str:
    """A key named below its tenant (``ratelimit`` for ``/tenants/acme/ratelimit``)."""
    text = display(key)
    marker = f"/{tenant_name(group)}/" if tenant_name(group) else ""
    at = text.find(marker) if marker else -1
    return text[at + len(marker) :] if at >= 0 and at + len(marker) < len(text) else text


class JournalDialog(QDialog):
    """Browse and export the change journal."""

    key_requested = Signal(bytes)  # "Show history" of the first key of an entry
    entries_loaded = Signal(int)  # how many entries match the filters
    loading_failed = Signal(str)  # the message shown

    CHANNEL = "journal"

    def __init__(
        self,
        runner: TaskRunner,
        reader: EtcdReader,
        journal_prefix: bytes,
        groups: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.reader = reader
        self.journal_prefix = journal_prefix
        self.groups = list(groups)
        self._shown_once = False
        self.setWindowTitle(self.tr("Change journal"))

        self.tenant = QComboBox()
        self.tenant.addItem(self.tr("All tenants"))
        self.tenant.addItems(self.groups)
        self.tenant.addItem(self.tr("Outside any tenant"))
        self.tenant.setMaxVisibleItems(20)
        self.tenant.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.tenant.setMinimumContentsLength(16)
        self.tenant.setToolTip(self.tr("Show only changes to one tenant's keys"))
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("etcd user, OS user or host"))
        self.user.setClearButtonEnabled(True)
        self.user.setToolTip(
            self.tr("Show only changes whose etcd user, OS user or host contains this text")
        )
        now = QDateTime.currentDateTime()
        self.since_check = QCheckBox(self.tr("Since"))
        self.since = self._date_edit(now.addDays(-7))
        self.until_check = QCheckBox(self.tr("Until"))
        self.until = self._date_edit(now)
        self.since_check.setToolTip(self.tr("Show only changes made at or after this time"))
        self.until_check.setToolTip(self.tr("Show only changes made at or before this time"))
        self.since.setToolTip(self.since_check.toolTip() + self.tr(" (local time)"))
        self.until.setToolTip(self.until_check.toolTip() + self.tr(" (local time)"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the journal again (F5)"))

        self.model = JournalModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self._size_columns()
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setFrameShape(QFrame.Shape.StyledPanel)  # framed like the table it replaces
        self.message.setBackgroundRole(QPalette.ColorRole.Base)
        self.message.setAutoFillBackground(True)
        self.message.setMargin(24)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.message)

        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_button = QPushButton(self.tr("Show history"))
        self.history_button.setToolTip(
            self.tr("Open the history of the selected entry's first key (or double-click)")
        )
        self.export_csv_button = QPushButton(self.tr("Export CSV…"))
        self.export_csv_button.setToolTip(self.tr("Save the entries listed here as CSV"))
        self.export_html_button = QPushButton(self.tr("Export HTML…"))
        self.export_html_button.setToolTip(
            self.tr("Save the entries listed here as a self-contained HTML report")
        )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Tenant:")))
        filters.addWidget(self.tenant)
        filters.addSpacing(8)
        filters.addWidget(QLabel(self.tr("User:")))
        filters.addWidget(self.user, 1)
        filters.addSpacing(8)
        filters.addWidget(self.since_check)
        filters.addWidget(self.since)
        filters.addWidget(self.until_check)
        filters.addWidget(self.until)
        filters.addSpacing(8)
        filters.addWidget(self.refresh_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.history_button)
        bottom.addWidget(self.export_csv_button)
        bottom.addWidget(self.export_html_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.refresh)
        self.tenant.currentIndexChanged.connect(lambda _i: self.refresh())
        self.user.textChanged.connect(lambda _t: self._debounce.start())
        self.since_check.toggled.connect(self._on_time_toggled)
        self.until_check.toggled.connect(self._on_time_toggled)
        self.since.dateTimeChanged.connect(lambda _d: self._on_time_edited(self.since_check))
        self.until.dateTimeChanged.connect(lambda _d: self._on_time_edited(self.until_check))
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.history_button.clicked.connect(self._on_history_clicked)
        self.export_csv_button.clicked.connect(lambda: self.export("csv"))
        self.export_html_button.clicked.connect(lambda: self.export("html"))
        self._set_loaded_state(False)
        self.resize(1100, 620)

    def _date_edit(self, value: QDateTime) -> QDateTimeEdit:
        edit = QDateTimeEdit(value)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        edit.setEnabled(False)
        return edit

    def _size_columns(self) -> None:
        # Fixed starting widths, not ResizeToContents: that would measure up to 5,000 rows.
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        advance = self.fontMetrics().horizontalAdvance
        widths = {
            JournalModel.TIME: advance("  2026-12-31 23:59:59  "),
            JournalModel.WHO: advance("  alice (alice@workstation-01)  "),
            JournalModel.ACTION: advance("  rollback to 100000  "),
            JournalModel.TENANT: advance("  tenant-name  "),
            JournalModel.KEYS: advance("  ratelimit, features/flags +2 more  "),
            JournalModel.REVISION: advance("  Revision  "),
        }
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(JournalModel.COMMENT, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)

    # -- reading ----------------------------------------------------------------------------

    def query(self) -> JournalQuery:
        """The filters as a query (times converted from local time to UTC)."""
        index = self.tenant.currentIndex()
        group: bytes | None = None
        if 1 <= index <= len(self.groups):
            group = self.groups[index - 1].encode("utf-8", "surrogateescape")
        elif index == len(self.groups) + 1:
            group = b""  # keys outside any tenant
        return JournalQuery(
            group=group,
            user=self.user.text().strip(),
            since=_utc(self.since.dateTime()) if self.since_check.isChecked() else None,
            until=_utc(self.until.dateTime()) if self.until_check.isChecked() else None,
        )

    def refresh(self) -> None:
        """Read the journal again with the current filters (in the background)."""
        self._debounce.stop()
        query = self.query()
        self.status.setText(self.tr("Reading the journal…"))
        self.runner.submit(
            partial(read_journal, self.reader, self.journal_prefix, query),
            on_done=partial(self._on_loaded, query),
            on_error=self._on_failed,
            channel=self.CHANNEL,
        )

    def _on_loaded(self, query: JournalQuery, entries: list[JournalEntry]) -> None:
        self.model.set_entries(entries)
        self._set_loaded_state(bool(entries))
        if entries:
            self.stack.setCurrentWidget(self.table)
        else:
            self.message.setText(
                self.tr(
                    "No journal entries match these filters. "
                    "Changes made with other tools are not journaled."
                )
            )
            self.stack.setCurrentWidget(self.message)
        if len(entries) >= query.limit:
            self.status.setText(
                self.tr("The newest {count} entries; narrow the filters to see older ones").format(
                    count=len(entries)
                )
            )
        else:
            self.status.setText(
                self.tr("1 entry")
                if len(entries) == 1
                else self.tr("{count} entries").format(count=len(entries))
            )
        self.entries_loaded.emit(len(entries))

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, PermissionDenied):
            user = self.reader.spec.user
            text = (
                self.tr("The journal is not readable by this etcd user ({user}).").format(user=user)
                if user
                else self.tr("The journal is not readable by this etcd user.")
            )
        elif isinstance(error, StoreError):
            text = self.tr("Could not read the journal: {error}").format(error=error)
        else:
            text = self.tr("Could not read the journal ({kind}: {error})").format(
                kind=type(error).__name__, error=error
            )
        self.model.set_entries([])
        self._set_loaded_state(False)
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self.status.setText("")
        self.loading_failed.emit(text)

    def _set_loaded_state(self, has_entries: bool) -> None:
        self.export_csv_button.setEnabled(has_entries)
        self.export_html_button.setEnabled(has_entries)
        self.history_button.setEnabled(self._selected_key() is not None)

    def _on_time_toggled(self, _checked: bool) -> None:
        self.since.setEnabled(self.since_check.isChecked())
        self.until.setEnabled(self.until_check.isChecked())
        self.refresh()

    def _on_time_edited(self, check: QCheckBox) -> None:
        if check.isChecked():
            self._debounce.start()

    # -- selection ----------------------------------------------------------------------------

    def selected_entry(self) -> JournalEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if rows else None

    def _selected_key(self) -> bytes | None:
        entry = self.selected_entry()
        return entry.keys[0].key if entry is not None and entry.keys else None

    def _on_selection_changed(self, *_args: object) -> None:
        self.history_button.setEnabled(self._selected_key() is not None)

    def _on_history_clicked(self) -> None:
        key = self._selected_key()
        if key is not None:
            self.key_requested.emit(key)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.row())
        if entry is not None and entry.keys:
            self.key_requested.emit(entry.keys[0].key)

    # -- export -------------------------------------------------------------------------------

    def filters_text(self) -> str:
        """The filters in words, for the report."""
        parts = [self.tenant.currentText()]
        if self.user.text().strip():
            parts.append(self.tr("user contains “{text}”").format(text=self.user.text().strip()))
        for check, edit, label in (
            (self.since_check, self.since, self.tr("since")),
            (self.until_check, self.until, self.tr("until")),
        ):
            if check.isChecked():
                when = _utc(edit.dateTime()).strftime("%Y-%m-%d %H:%M UTC")
                parts.append(f"{label} {when}")
        return "; ".join(parts)

    def export(self, kind: str) -> None:
        """Ask for a file name and write the listed entries as ``csv`` or ``html``."""
        entries = list(self.model.entries)
        if not entries:
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export journal"),
            f"etcdesk-journal-{stamp}.{kind}",
            self.tr("CSV (*.csv)") if kind == "csv" else self.tr("HTML report (*.html)"),
        )
        if not path:
            return
        if kind == "csv":
            text = journal_csv(entries)
        else:
            text = journal_html(entries, self.tr("Change journal"), self.filters_text())
        try:
            Path(path).write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            self.status.setText(self.tr("Not exported: {error}").format(error=exc))
            return
        self.status.setText(
            self.tr("Exported {count} entries to {path}").format(count=len(entries), path=path)
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.refresh()

    def done(self, result: int) -> None:
        # A result arriving after the dialog closed would land on a dead widget.
        self._debounce.stop()
        self.runner.cancel(self.CHANNEL)
        super().done(result)


def _utc(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)
