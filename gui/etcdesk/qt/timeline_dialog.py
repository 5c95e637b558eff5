"""A tenant's timeline, and rolling the tenant back to one of its revisions (DESIGN.md §7).

The timeline is one replay of the tenant's prefix, joined to the change journal by revision
(a journaled write puts its entry in the same transaction, so both share the revision). Every
etcd read and write runs on the task runner; this module only shows results. Rollback always
goes through a preview, and the write itself is one guarded transaction in the core.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
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
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from etcdesk.core.errors import Compacted, Conflict, PermissionDenied, StoreError, Unavailable
from etcdesk.core.etcd_store import EtcdReader, EtcdStore
from etcdesk.core.history import (
    Change,
    RollbackPlan,
    Timeline,
    TimelineRow,
    apply_group_rollback,
    group_timeline,
    plan_group_rollback,
    summarize,
)
from etcdesk.core.i18n import QT_TRANSLATE_NOOP
from etcdesk.core.journal import (
    OTHER_GROUP,
    Journal,
    JournalEntry,
    action_label,
    entries_between,
)
from etcdesk.core.layout import Layout, display
from etcdesk.core.masking import masked_text
from etcdesk.core.schemas import JsonPath
from etcdesk.core.values import ValueFormat, decode_value
from etcdesk.qt.diff_view import DiffWidget
from etcdesk.qt.tasks import TaskRunner

log = logging.getLogger(__name__)

SecretsFor = Callable[[bytes], tuple[JsonPath, ...]]

SUMMARY_CHANGES = 4  # changes named in a timeline row before "and N more"
TOOLTIP_CHANGES = 40

_NOTE_STYLE = (
    "QLabel#{name} {{ background: #fff4ce; color: #5c4400; padding: 6px; border-radius: 4px; }}"
)
_DONE_STYLE = (
    "QLabel#{name} {{ background: #dafbe1; color: #116329; padding: 6px; border-radius: 4px; }}"
)
_ERROR_STYLE = (
    "QLabel#{name} {{ background: #ffebe9; color: #82071e; padding: 6px; border-radius: 4px; }}"
)


def _styled(label: QLabel, name: str, style: str) -> None:
    label.setObjectName(name)
    label.setStyleSheet(style.format(name=name))


def _sentence(text: str) -> str:
    """An error message as a sentence: capital first letter, final full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", ")", "。", "！", "？", "）")) else text + "."


# -- plain data ------------------------------------------------------------------------------


def relative_name(key: bytes, prefix: bytes) -> str:
    """A key as shown inside its tenant: ``ratelimit`` for ``/tenants/acme/ratelimit``."""
    return display(key[len(prefix) :] if key.startswith(prefix) and key != prefix else key)


def change_verb(change: Change) -> str:
    """The kind of a change: "deleted", "created" or "changed" (see ``change_label``)."""
    if change.deleted:
        return "deleted"
    return "created" if change.version == 1 else "changed"


CHANGE_LABELS = {
    "deleted": QT_TRANSLATE_NOOP("TimelineModel", "deleted"),
    "created": QT_TRANSLATE_NOOP("TimelineModel", "created"),
    "changed": QT_TRANSLATE_NOOP("TimelineModel", "changed"),
    "re-created": QT_TRANSLATE_NOOP("TimelineModel", "re-created"),
}


def change_label(kind: str) -> str:
    """A change kind in the UI language."""
    return QCoreApplication.translate("TimelineModel", CHANGE_LABELS.get(kind, kind))


def named_change(change: Change, prefix: bytes) -> str:
    """``ratelimit changed``: a config and what happened to it."""
    return QCoreApplication.translate("TimelineModel", "{name} {change}").format(
        name=relative_name(change.key, prefix), change=change_label(change_verb(change))
    )


def describe_changes(changes: tuple[Change, ...], prefix: bytes, limit: int) -> str:
    """``features created, quota deleted, ratelimit changed`` (and N more), by name."""
    parts = [named_change(c, prefix) for c in changes[:limit]]
    if len(changes) > limit:
        more = QCoreApplication.translate("TimelineModel", "and {n} more")
        parts.append(more.format(n=len(changes) - limit))
    return QCoreApplication.translate("TimelineModel", ", ").join(parts)


def group_of_prefix(layout: Layout, prefix: bytes) -> bytes:
    """The journal folder of a group prefix (``acme``, ``eu/acme``): its named levels.

    Derived from the prefix rather than by parsing a made-up key under it, which a pattern
    with literal segments after the group would not match.
    """
    if not prefix.startswith(layout.root):
        return OTHER_GROUP
    parts = prefix[len(layout.root) :].strip(b"/").split(b"/")
    named = [part for part, seg in zip(parts, layout.segments, strict=False) if seg.name]
    return b"/".join(named) if named and all(named) else OTHER_GROUP


@dataclass(frozen=True)
class TenantHistory:
    """A tenant's timeline with the journal entries of its revisions (read in the background)."""

    timeline: Timeline
    entries: Mapping[int, JournalEntry]
    journal_readable: bool = True


def read_tenant_history(
    reader: EtcdReader, prefix: bytes, journal_prefix: bytes | None, group: bytes
) -> TenantHistory:
    """Background work: one replay of the tenant's prefix and one range read of its journal.

    Each revision's changes are sorted by key, so lists read like the tree, not like the order
    of operations inside a transaction.
    """
    timeline = group_timeline(reader, prefix)
    rows = tuple(
        TimelineRow(row.revision, tuple(sorted(row.changes, key=lambda c: c.key)))
        for row in timeline.rows
    )
    timeline = replace(timeline, rows=rows)
    entries: dict[int, JournalEntry] = {}
    readable = True
    if journal_prefix is not None and timeline.rows:
        low, high = timeline.rows[-1].revision, timeline.rows[0].revision
        try:
            entries = entries_between(reader, journal_prefix, group, low, high)
        except PermissionDenied:
            readable = False  # an auditor may read configs but not the journal
    return TenantHistory(timeline, entries, readable)


@dataclass(frozen=True)
class RevisionValues:
    """The values of one revision's keys right after it (``after``) and just before it."""

    revision: int
    after: Mapping[bytes, bytes]
    before: Mapping[bytes, bytes] | None  # None: revision - 1 is no longer kept


def read_revision_values(reader: EtcdReader, row: TimelineRow) -> RevisionValues:
    """Background work: the changed keys at R and at R - 1 (one read-only txn per 128 keys)."""
    keys = [c.key for c in row.changes]
    after = {k: kv.value for k, kv in reader.get_many(keys, row.revision).items()}
    before: dict[bytes, bytes] | None = {}
    if row.revision > 1:  # revision 0 would mean "now"
        try:
            before = {k: kv.value for k, kv in reader.get_many(keys, row.revision - 1).items()}
        except Compacted:
            before = None
    return RevisionValues(row.revision, after, before)


# -- the timeline table ----------------------------------------------------------------------


class TimelineModel(QAbstractTableModel):
    """The tenant's revisions, newest first, with who, when and why from the journal."""

    REVISION, WHEN, WHO, WHY, CHANGES = range(5)
    REVISION_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, prefix: bytes, parent: Any = None) -> None:
        super().__init__(parent)
        self.prefix = prefix
        self.rows: tuple[TimelineRow, ...] = ()
        self.entries: Mapping[int, JournalEntry] = {}
        self.journaled = True  # False: no journal to consult, so "outside" cannot be known
        self._headers = (
            self.tr("Revision"),
            self.tr("When"),
            self.tr("Who"),
            self.tr("Why"),
            self.tr("Changes"),
        )
        self._outside = self.tr("changed outside etcdesk")
        self._grey = QColor("#6e7781")
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_history(
        self, rows: tuple[TimelineRow, ...], entries: Mapping[int, JournalEntry], journaled: bool
    ) -> None:
        self.beginResetModel()
        self.rows = rows
        self.entries = entries
        self.journaled = journaled
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def row_at(self, row: int) -> TimelineRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of_revision(self, revision: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.revision == revision), -1)

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        entry = self.entries.get(row.revision)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, entry, column)
        if role == self.REVISION_ROLE:
            return row.revision
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.REVISION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if entry is None and column in (self.WHEN, self.WHO):
            if role == Qt.ItemDataRole.ForegroundRole:
                return self._grey
            if role == Qt.ItemDataRole.FontRole and column == self.WHO and self.journaled:
                return self._italic
        return None

    def _text(self, row: TimelineRow, entry: JournalEntry | None, column: int) -> str:
        if column == self.REVISION:
            return str(row.revision)
        if column == self.CHANGES:
            return describe_changes(row.changes, self.prefix, SUMMARY_CHANGES)
        if entry is None:
            if column == self.WHO:
                return self._outside if self.journaled else "—"
            return "—" if column == self.WHEN else ""
        if column == self.WHEN:
            return entry.time.astimezone().strftime("%Y-%m-%d %H:%M:%S") if entry.time else "?"
        if column == self.WHO:
            return entry.who
        return self.why(entry)

    def why(self, entry: JournalEntry) -> str:
        if entry.rollback_to:
            done = self.tr("Rolled back to revision {rev}").format(rev=entry.rollback_to)
            return f"{done}: {entry.comment}" if entry.comment else done
        return entry.comment

    def _tooltip(self, row: TimelineRow, entry: JournalEntry | None, column: int) -> str | None:
        if column == self.CHANGES:
            lines = [named_change(c, self.prefix) for c in row.changes]
            if len(lines) > TOOLTIP_CHANGES:
                more = self.tr("… and {n} more").format(n=len(lines) - TOOLTIP_CHANGES)
                lines = [*lines[:TOOLTIP_CHANGES], more]
            return "\n".join(lines)
        if entry is None:
            if column == self.WHO and self.journaled:
                return self.tr("No change journal entry: this revision was written by another tool")
            if column == self.WHO:
                return self.tr("Who and why are unknown: the change journal is not available")
            return None
        if column == self.WHEN and entry.time is not None:
            return entry.time.isoformat(timespec="seconds")
        if column == self.WHO:
            return f"{entry.who}\n{entry.author.app}\n{action_label(entry.action)}"
        if column == self.WHY:
            return self.why(entry) or None
        return None


# -- one key's change ------------------------------------------------------------------------


def _structured(raw: bytes | None) -> Any:
    """The parsed document of a JSON/YAML value, or None."""
    if raw is None:
        return None
    decoded = decode_value(raw)
    if decoded.format in (ValueFormat.JSON, ValueFormat.YAML) and isinstance(
        decoded.data, (dict, list)
    ):
        return decoded.data
    return None


@dataclass(frozen=True)
class ShownDiff:
    """What a diff view was last given: the masked texts and their names."""

    old_text: str = ""
    new_text: str = ""
    old_name: str = ""
    new_name: str = ""


def show_key_diff(
    view: DiffWidget,
    old: bytes | None,
    new: bytes | None,
    old_name: str,
    new_name: str,
    secrets: tuple[JsonPath, ...],
) -> ShownDiff:
    """A key's change in ``view``, secrets masked in both tabs."""
    old_data, new_data = _structured(old), _structured(new)
    shown = ShownDiff(masked_text(old, secrets), masked_text(new, secrets), old_name, new_name)
    view.show_diff(
        shown.old_text,
        shown.new_text,
        old_name,
        new_name,
        old_data=old_data,
        new_data=new_data,
        structured=old_data is not None and new_data is not None,
        secret_paths=secrets,
    )
    return shown


class KeyDiffPane(QWidget):
    """One key's change: a title, an optional note, and the diff (or a placeholder)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown = ShownDiff()
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        _styled(self.note, "diffNote", _NOTE_STYLE)
        self.note.hide()
        self.diff = DiffWidget()
        self.placeholder = QLabel()
        self.placeholder.setTextFormat(Qt.TextFormat.PlainText)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: #6e7781;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.diff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)

    def show_placeholder(self, text: str) -> None:
        self.shown = ShownDiff()
        self.title.clear()
        self.note.hide()
        self.placeholder.setText(text)
        self.stack.setCurrentWidget(self.placeholder)

    def show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def show_change(
        self,
        name: str,
        old: bytes | None,
        new: bytes | None,
        old_name: str,
        new_name: str,
        secrets: tuple[JsonPath, ...],
    ) -> None:
        self.title.setText(
            f"<b>{html.escape(name)}</b> · {html.escape(old_name)} → {html.escape(new_name)}"
        )
        self.shown = show_key_diff(self.diff, old, new, old_name, new_name, secrets)
        self.stack.setCurrentWidget(self.diff)
        hidden = old != new and self.shown.old_text == self.shown.new_text
        self.show_note(
            self.tr("Only secret fields differ; their values are not shown.") if hidden else ""
        )


_KIND_COLOURS = {
    "deleted": "#cf222e",
    "created": "#1a7f37",
    "re-created": "#1a7f37",
    "changed": "#9a6700",
}


class _KeyList(QTreeWidget):
    """Config and what happened to it; the key itself is kept in the first column's data."""

    KEY_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(headers)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)

    def add(self, key: bytes, texts: list[str], kind: str, tooltip: str = "") -> QTreeWidgetItem:
        """A row; ``kind`` (created, changed, deleted, re-created) colours the second column."""
        item = QTreeWidgetItem(texts)
        item.setData(0, self.KEY_ROLE, key)
        if kind in _KIND_COLOURS:
            item.setForeground(1, QColor(_KIND_COLOURS[kind]))
        if tooltip:
            item.setToolTip(0, tooltip)
        self.addTopLevelItem(item)
        return item

    def fit(self) -> None:
        self.resizeColumnToContents(0)
        width = min(self.columnWidth(0) + 24, max(160, self.viewport().width() // 2))
        self.setColumnWidth(0, width)

    def key_of(self, item: QTreeWidgetItem | None) -> bytes | None:
        if item is None:
            return None
        key = item.data(0, self.KEY_ROLE)
        return bytes(key) if key is not None else None


# -- the rollback preview --------------------------------------------------------------------


class GroupRollbackDialog(QDialog):
    """What rolling a tenant back writes, key by key; nothing is written unless confirmed."""

    def __init__(
        self,
        plan: RollbackPlan,
        tenant_prefix: bytes,
        tenant_name: str,
        secrets_for: SecretsFor,
        journaled: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.plan = plan
        self.tenant_prefix = tenant_prefix
        self.secrets_for = secrets_for
        self._targets = dict(plan.puts)
        self.setWindowTitle(
            self.tr("Roll tenant {name} back to revision {rev}?").format(
                name=tenant_name, rev=plan.target
            )
        )
        creates, changes = set(plan.creates), set(plan.changes)
        touched = sorted([*(k for k, _ in plan.puts), *plan.deletes])
        counts = [
            self.tr("{n} changed").format(n=len(changes)) if changes else "",
            self.tr("{n} re-created").format(n=len(creates)) if creates else "",
            self.tr("{n} deleted").format(n=len(plan.deletes)) if plan.deletes else "",
        ]
        intro = QLabel(
            self.tr(
                "<b>Tenant {name} becomes as it was right after revision {rev}</b>: "
                "{counts}.<br>The rollback is one transaction that compares every touched key: "
                "if anything in tenant {name} changes before it is applied, nothing is written."
            ).format(
                name=html.escape(tenant_name),
                rev=plan.target,
                counts=", ".join(c for c in counts if c),
            )
        )
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)

        self.keys = _KeyList([self.tr("Config"), self.tr("Rollback does")])
        for key in touched:
            kind = "re-created" if key in creates else "changed" if key in changes else "deleted"
            self.keys.add(key, [relative_name(key, tenant_prefix), change_label(kind)], kind)
        self.pane = KeyDiffPane()
        self.diff = self.pane.diff
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.keys)
        split.addWidget(self.pane)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 660])
        self.keys.currentItemChanged.connect(self._on_current_changed)

        self.comment_edit = QLineEdit()
        self.comment_edit.setPlaceholderText(self.tr("e.g. undo the bad deploy of ratelimit"))
        self.comment_edit.setMaxLength(2000)
        comment_row = QHBoxLayout()
        comment_label = QLabel(self.tr("Why? Saved in the change journal:"))
        comment_label.setBuddy(self.comment_edit)
        comment_row.addWidget(comment_label)
        comment_row.addWidget(self.comment_edit, 1)

        buttons = QDialogButtonBox()
        count = len(touched)
        label = self.tr("Roll back 1 key") if count == 1 else self.tr("Roll back {n} keys")
        self.confirm_button = buttons.addButton(
            label.format(n=count), QDialogButtonBox.ButtonRole.AcceptRole
        )
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        # Enter in the comment field must not start a destructive write.
        for button in (self.confirm_button, cancel):
            button.setAutoDefault(False)
            button.setDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        if journaled:
            layout.addLayout(comment_row)
        else:
            comment_label.hide()
            self.comment_edit.hide()
        layout.addWidget(buttons)
        self.resize(960, 600)
        self.keys.fit()
        first = self.keys.topLevelItem(0)
        if first is not None:
            self.keys.setCurrentItem(first)
        if journaled:
            self.comment_edit.setFocus()

    @property
    def comment(self) -> str:
        return self.comment_edit.text().strip()

    @property
    def shown(self) -> ShownDiff:
        return self.pane.shown

    def _on_current_changed(self, item: QTreeWidgetItem | None, _previous: Any) -> None:
        key = self.keys.key_of(item)
        if key is None:
            return
        plan = self.plan
        self.pane.show_change(
            relative_name(key, self.tenant_prefix),
            plan.before.get(key),
            self._targets.get(key),
            self.tr("now (revision {rev})").format(rev=plan.revision)
            if key in plan.before
            else self.tr("now (absent)"),
            self.tr("revision {rev}").format(rev=plan.target)
            if key in self._targets
            else self.tr("revision {rev} (absent: deleted)").format(rev=plan.target),
            self.secrets_for(key),
        )


# -- the timeline dialog ---------------------------------------------------------------------


class TenantTimelineDialog(QDialog):
    """Every revision that touched a tenant, newest first, and rollback to any of them.

    ``store`` None is read-only audit mode: the dialog has no rollback control at all.
    """

    rolled_back = Signal(int)  # the revision the rollback was written at
    key_requested = Signal(bytes, int)  # key, the revision it was deleted at (0: not deleted)

    def __init__(
        self,
        runner: TaskRunner,
        reader: EtcdReader,
        store: EtcdStore | None,
        layout: Layout,
        journal: Journal | None,
        tenant_prefix: bytes,
        tenant_name: str,
        secrets_for: SecretsFor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.reader = reader
        self.store = store
        self.key_layout = layout
        self.journal = journal
        self.tenant_prefix = tenant_prefix
        self.tenant_name = tenant_name
        self.secrets_for = secrets_for
        self.history: TenantHistory | None = None
        self.values: RevisionValues | None = None
        self._group = group_of_prefix(layout, tenant_prefix)
        self._channel = f"tenant-timeline-{id(self)}"
        self._select_after_load = 0  # a revision to select once loaded (0: the newest)
        self._rolling_back = False
        self._closed = False
        self.setWindowTitle(self.tr("History of tenant {name}").format(name=tenant_name))

        # Header: what is shown, loading, notes.
        self.summary_label = QLabel()
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.hide()  # until the first read
        self.busy_label = QLabel()
        self.busy_label.setTextFormat(Qt.TextFormat.PlainText)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumSize(120, 12)
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.busy_bar)
        busy_row.addWidget(self.busy_label, 1)
        self.compacted_note = QLabel()
        self.compacted_note.setTextFormat(Qt.TextFormat.PlainText)
        self.compacted_note.setWordWrap(True)
        _styled(self.compacted_note, "compactedNote", _NOTE_STYLE)
        self.compacted_note.hide()
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.hide()

        # The table of revisions.
        self.model = TimelineModel(tenant_prefix, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        metrics = self.fontMetrics()
        for column, sample in (
            (TimelineModel.REVISION, "  Revision  "),
            (TimelineModel.WHEN, "  2026-12-31 23:59:59  "),
            (TimelineModel.WHO, "  changed outside etcdesk  "),
            (TimelineModel.WHY, "  a comment of average length, a little longer  "),
        ):
            header.resizeSection(column, metrics.horizontalAdvance(sample))
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        # Below: the keys changed in the selected revision, and the diff of one of them.
        self.detail_label = QLabel()
        self.detail_label.setTextFormat(Qt.TextFormat.RichText)
        self.rollback_button: QPushButton | None = None
        detail_row = QHBoxLayout()
        detail_row.setContentsMargins(0, 4, 0, 0)
        detail_row.addWidget(self.detail_label, 1)
        if store is not None:
            self.rollback_button = QPushButton(self.tr("Roll back to this revision…"))
            self.rollback_button.setToolTip(
                self.tr(
                    "Make every config of tenant {name} as it was right after the selected "
                    "revision. You see what changes before anything is written."
                ).format(name=tenant_name)
            )
            self.rollback_button.setEnabled(False)
            self.rollback_button.setAutoDefault(False)
            self.rollback_button.clicked.connect(self._on_rollback_clicked)
            detail_row.addWidget(self.rollback_button)
        self.keys = _KeyList([self.tr("Config"), self.tr("What changed")])
        self.keys.setToolTip(self.tr("Double-click a config to open its own history"))
        self.keys.currentItemChanged.connect(self._on_key_changed)
        self.keys.itemDoubleClicked.connect(self._on_key_double_clicked)
        self.pane = KeyDiffPane()
        self.diff = self.pane.diff
        self.diff_note = self.pane.note
        detail_split = QSplitter(Qt.Orientation.Horizontal)
        detail_split.addWidget(self.keys)
        detail_split.addWidget(self.pane)
        detail_split.setStretchFactor(0, 0)
        detail_split.setStretchFactor(1, 1)
        detail_split.setSizes([300, 700])
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addLayout(detail_row)
        detail_layout.addWidget(detail_split, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([260, 380])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.reload_button = buttons.addButton(
            self.tr("Reload"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.reload_button.clicked.connect(self.reload)
        self.export_csv_button = buttons.addButton(
            self.tr("Export CSV…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_csv_button.clicked.connect(lambda: self.export("csv"))
        self.export_html_button = buttons.addButton(
            self.tr("Export HTML…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_html_button.clicked.connect(lambda: self.export("html"))
        for button in (self.export_csv_button, self.export_html_button):
            button.setToolTip(self.tr("Save this timeline with who, when and why"))
            button.setEnabled(False)
        buttons.rejected.connect(self.reject)

        box = QVBoxLayout(self)
        box.addWidget(self.summary_label)
        box.addLayout(busy_row)
        box.addWidget(self.compacted_note)
        box.addWidget(self.status_label)
        box.addWidget(self.splitter, 1)
        box.addWidget(buttons)
        self.resize(1040, 720)
        self._show_detail(None)
        self.reload()

    # -- loading ----------------------------------------------------------------------------

    def reload(self, select: int = 0) -> None:
        """Read the timeline again; ``select`` a revision afterwards (0: the newest)."""
        self._select_after_load = select or self._selected_revision()
        self._set_busy(
            self.tr("Reading the history of tenant {name}…").format(name=self.tenant_name)
        )
        self.reload_button.setEnabled(False)
        reader, prefix, group = self.reader, self.tenant_prefix, self._group
        journal_prefix = self.journal.prefix if self.journal is not None else None
        self.runner.submit(
            lambda: read_tenant_history(reader, prefix, journal_prefix, group),
            on_done=self._on_history_read,
            on_error=self._on_history_failed,
            channel=self._channel + "/timeline",
        )

    def export(self, kind: str) -> None:
        """Write the loaded timeline to a CSV file or a self-contained HTML report."""
        from etcdesk.core.export import timeline_csv, timeline_html

        history = self.history
        if history is None:
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        name = self.tenant_name.replace("/", "_")
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the timeline of {name}").format(name=self.tenant_name),
            f"{name}-timeline-{stamp}.{kind}",
            self.tr("CSV (*.csv)") if kind == "csv" else self.tr("HTML report (*.html)"),
        )
        if not path:
            return
        if kind == "csv":
            text = timeline_csv(history.timeline, history.entries)
        else:
            title = self.tr("Timeline of tenant {name}").format(name=self.tenant_name)
            text = timeline_html(history.timeline, history.entries, title=title)
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            self._show_status(self.tr("Export failed: {e}").format(e=exc), _ERROR_STYLE)
            return
        self._show_status(self.tr("Exported to {path}").format(path=path), _DONE_STYLE)

    def _on_history_read(self, history: TenantHistory) -> None:
        self.history = history
        self._set_busy("")
        self.reload_button.setEnabled(True)
        self.export_csv_button.setEnabled(True)
        self.export_html_button.setEnabled(True)
        timeline = history.timeline
        journaled = self.journal is not None and history.journal_readable
        self.model.set_history(timeline.rows, history.entries, journaled)
        # Without a readable journal, when, who and why are unknown for every row.
        for column in (TimelineModel.WHEN, TimelineModel.WHO, TimelineModel.WHY):
            self.table.setColumnHidden(column, not journaled)
        if journaled and timeline.rows:
            minimum = self.fontMetrics().horizontalAdvance("  changed outside etcdesk  ")
            self.table.resizeColumnToContents(TimelineModel.WHO)
            width = self.table.columnWidth(TimelineModel.WHO)
            self.table.setColumnWidth(TimelineModel.WHO, max(minimum, min(width + 8, 320)))
        name = self.tenant_name
        count = len(timeline.rows)
        if count:
            text = self.tr(
                "<b>Tenant {name}</b> · {n} revisions, newest first (read at revision {rev})"
            )
            if count == 1:
                text = self.tr("<b>Tenant {name}</b> · 1 revision (read at revision {rev})")
        else:
            text = self.tr("<b>Tenant {name}</b> · no revision touched this tenant")
        notes = []
        if self.journal is None:
            notes.append(self.tr("this connection's layout keeps no change journal"))
        elif not history.journal_readable:
            notes.append(self.tr("the change journal is not readable with this etcd user"))
        if notes:
            text += " · " + "; ".join(notes)
        self.summary_label.setText(
            text.format(name=html.escape(name), n=f"{count:,}", rev=timeline.revision)
        )
        self.summary_label.show()
        if timeline.compacted_before > 0:
            self.compacted_note.setText(
                self.tr(
                    "History before revision {rev} is not retained by this cluster "
                    "(it was compacted), so older changes are not listed."
                ).format(rev=timeline.compacted_before)
            )
            self.compacted_note.show()
        else:
            self.compacted_note.hide()
        row = self.model.row_of_revision(self._select_after_load)
        if row < 0 and count:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self._show_detail(None)

    def _on_history_failed(self, error: BaseException) -> None:
        self._set_busy("")
        self.reload_button.setEnabled(True)
        if not isinstance(error, StoreError):
            log.error("reading a tenant's history failed", exc_info=error)
        self._show_status(
            self.tr("Could not read the history of tenant {name}: {reason}").format(
                name=self.tenant_name, reason=_sentence(str(error))
            ),
            _ERROR_STYLE,
        )

    def _set_busy(self, text: str) -> None:
        self.busy_label.setText(text)
        self.busy_label.setVisible(bool(text))
        self.busy_bar.setVisible(bool(text))

    def _show_status(self, text: str, style: str) -> None:
        _styled(self.status_label, "timelineStatus", style)
        self.status_label.setText(text)
        self.status_label.show()

    # -- one revision -----------------------------------------------------------------------

    def _selected_revision(self) -> int:
        row = self._selected_row()
        return row.revision if row is not None else 0

    def _selected_row(self) -> TimelineRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _on_selection_changed(self, *_args: Any) -> None:
        self._show_detail(self._selected_row())

    def _show_detail(self, row: TimelineRow | None) -> None:
        self.values = None
        self.keys.clear()
        if self.rollback_button is not None:
            self.rollback_button.setEnabled(row is not None and not self._rolling_back)
        if row is None:
            self.detail_label.clear()
            self.pane.show_placeholder(
                self.tr("Select a revision to see what it changed.")
                if self.model.rowCount()
                else ""
            )
            self.runner.cancel(self._channel + "/revision")
            return
        self.pane.show_placeholder(
            self.tr("Reading the values of revision {rev}…").format(rev=row.revision)
        )
        count = len(row.changes)
        self.detail_label.setText(
            (
                self.tr("<b>Revision {rev}</b> changed 1 config")
                if count == 1
                else self.tr("<b>Revision {rev}</b> changed {n} configs")
            ).format(rev=row.revision, n=count)
        )
        for change in row.changes:
            self.keys.add(
                change.key,
                [relative_name(change.key, self.tenant_prefix), change_label(change_verb(change))],
                change_verb(change),
                display(change.key),
            )
        self.keys.fit()
        reader = self.reader
        self.runner.submit(
            lambda: read_revision_values(reader, row),
            on_done=self._on_values_read,
            on_error=self._on_values_failed,
            channel=self._channel + "/revision",
        )
        first = self.keys.topLevelItem(0)
        if first is not None:
            self.keys.setCurrentItem(first)

    def _change(self, key: bytes) -> Change | None:
        row = self._selected_row()
        if row is None:
            return None
        return next((c for c in row.changes if c.key == key), None)

    def _on_values_read(self, values: RevisionValues) -> None:
        if values.revision != self._selected_revision():
            return
        self.values = values
        before = values.before or {}
        for i in range(self.keys.topLevelItemCount()):
            item = self.keys.topLevelItem(i)
            key = self.keys.key_of(item)
            change = self._change(key) if key is not None else None
            if item is None or key is None or change is None:
                continue
            old = before.get(key) if values.before is not None else None
            new = None if change.deleted else values.after.get(key)
            if values.before is None and not change.deleted and change.version > 1:
                continue  # the old value is gone: keep "changed"
            item.setText(1, summarize(old, new, self.secrets_for(key)))
            item.setToolTip(1, item.text(1))
        self._on_key_changed(self.keys.currentItem(), None)

    def _on_values_failed(self, error: BaseException) -> None:
        if not isinstance(error, StoreError):
            log.error("reading a revision's values failed", exc_info=error)
        self.pane.show_placeholder(
            self.tr("Could not read the values of this revision: {reason}").format(
                reason=_sentence(str(error))
            )
        )

    def _on_key_changed(self, item: QTreeWidgetItem | None, _previous: Any) -> None:
        key = self.keys.key_of(item)
        values = self.values
        change = self._change(key) if key is not None else None
        if key is None or change is None:
            return
        if values is None:
            return  # the placeholder says they are being read
        revision = values.revision
        old = values.before.get(key) if values.before is not None else None
        new = None if change.deleted else values.after.get(key)
        created = change.version == 1 and not change.deleted
        old_name = self.tr("revision {rev}").format(rev=revision - 1)
        if values.before is None and not created:
            old_name = self.tr("before revision {rev} (not retained)").format(rev=revision)
        elif old is None:
            old_name = self.tr("revision {rev} (absent)").format(rev=revision - 1)
        new_name = self.tr("revision {rev}").format(rev=revision)
        if new is None:
            new_name = self.tr("revision {rev} (deleted)").format(rev=revision)
        self.pane.show_change(
            relative_name(key, self.tenant_prefix),
            old,
            new,
            old_name,
            new_name,
            self.secrets_for(key),
        )
        if values.before is None and not created:
            self.pane.show_note(
                self.tr(
                    "The value before revision {rev} is not retained by this cluster "
                    "(compacted): only the value written is shown."
                ).format(rev=revision)
            )

    @property
    def shown(self) -> ShownDiff:
        """What the diff shows now (masked texts and names)."""
        return self.pane.shown

    def _on_key_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        key = self.keys.key_of(item)
        row = self._selected_row()
        change = self._change(key) if key is not None else None
        if key is None or row is None or change is None:
            return
        self.key_requested.emit(key, row.revision if change.deleted else 0)

    # -- rollback ---------------------------------------------------------------------------

    def _on_rollback_clicked(self) -> None:
        store, row = self.store, self._selected_row()
        if store is None or row is None or self._rolling_back:
            return
        self._set_rolling_back(True)
        self._set_busy(
            self.tr("Preparing the rollback of tenant {name} to revision {rev}…").format(
                name=self.tenant_name, rev=row.revision
            )
        )
        prefix, target = self.tenant_prefix, row.revision
        self.runner.submit(
            lambda: plan_group_rollback(store, prefix, target),
            on_done=self._on_plan_ready,
            on_error=self._on_plan_failed,
            channel=self._channel + "/rollback",
        )

    def _set_rolling_back(self, busy: bool) -> None:
        self._rolling_back = busy
        if self.rollback_button is not None:
            self.rollback_button.setEnabled(not busy and self._selected_row() is not None)

    def _on_plan_failed(self, error: BaseException) -> None:
        self._set_busy("")
        self._set_rolling_back(False)
        if not isinstance(error, StoreError):
            log.error("planning a tenant rollback failed", exc_info=error)
        QMessageBox.warning(
            self,
            self.tr("Cannot roll back tenant {name}").format(name=self.tenant_name),
            _sentence(str(error)),
        )

    def _on_plan_ready(self, plan: RollbackPlan) -> None:
        self._set_busy("")
        if plan.empty:
            self._set_rolling_back(False)
            QMessageBox.information(
                self,
                self.tr("Nothing to roll back"),
                self.tr("Tenant {name} is already as it was at revision {rev}.").format(
                    name=self.tenant_name, rev=plan.target
                ),
            )
            return
        dialog = GroupRollbackDialog(
            plan,
            self.tenant_prefix,
            self.tenant_name,
            self.secrets_for,
            journaled=self.journal is not None,
            parent=self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self._set_rolling_back(False)
            return
        store, layout, journal = self.store, self.key_layout, self.journal
        comment = dialog.comment
        assert store is not None  # the button exists only with a store
        self._set_busy(
            self.tr("Rolling tenant {name} back to revision {rev}…").format(
                name=self.tenant_name, rev=plan.target
            )
        )
        # No channel: the write always runs to its end, even if the dialog closes meanwhile;
        # its answer is shown only while the dialog still exists.
        self.runner.submit(
            lambda: apply_group_rollback(
                store, plan, layout=layout, journal=journal, comment=comment
            ),
            on_done=lambda revision: self._if_open(self._on_rolled_back, plan, revision),
            on_error=lambda error: self._if_open(self._on_rollback_failed, error),
        )

    def _if_open(self, handler: Callable[..., None], *args: Any) -> None:
        """Deliver a rollback's answer unless the dialog was closed (or deleted) meanwhile."""
        if shiboken6.isValid(self) and not self._closed:
            handler(*args)

    def _on_rolled_back(self, plan: RollbackPlan, revision: int) -> None:
        self._set_busy("")
        self._set_rolling_back(False)
        count = len(plan.puts) + len(plan.deletes)
        self._show_status(
            (
                self.tr(
                    "Tenant {name} is back to how it was at revision {target}: "
                    "1 key written at revision {rev}."
                )
                if count == 1
                else self.tr(
                    "Tenant {name} is back to how it was at revision {target}: "
                    "{n} keys written at revision {rev}."
                )
            ).format(name=self.tenant_name, target=plan.target, n=count, rev=revision),
            _DONE_STYLE,
        )
        self.rolled_back.emit(revision)
        self.reload(select=revision)

    def _on_rollback_failed(self, error: BaseException) -> None:
        self._set_busy("")
        self._set_rolling_back(False)
        title = self.tr("Tenant {name} was not rolled back").format(name=self.tenant_name)
        if isinstance(error, Conflict):
            text = self.tr(
                "Someone changed tenant {name} meanwhile; nothing was written. "
                "Reload the timeline and try again."
            ).format(name=self.tenant_name)
        elif isinstance(error, Unavailable):
            title = self.tr("Rollback of tenant {name} not confirmed").format(name=self.tenant_name)
            text = self.tr(
                "{reason}\n\nThe answer was lost, so the rollback may or may not have been "
                "written. The timeline is reloaded to show which."
            ).format(reason=_sentence(str(error)))
        else:
            if not isinstance(error, StoreError):
                log.error("applying a tenant rollback failed", exc_info=error)
            text = self.tr("{reason} Nothing was written.").format(reason=_sentence(str(error)))
        QMessageBox.warning(self, title, text)
        self.reload()

    # -- closing ----------------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Drop pending reads (and a rollback still being planned) when the dialog closes; a
        rollback being written still completes."""
        self._closed = True
        for part in ("/timeline", "/revision", "/rollback"):
            self.runner.cancel(self._channel + part)
        super().done(result)
