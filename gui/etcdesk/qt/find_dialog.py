"""Find in values (Ctrl+Shift+F): text or a regular expression in the values of every key
under the root or one tenant, as a background scan with progress and a stop button.

The scan is core.search.search_values run by the task runner; results arrive page by page on
the GUI thread. Clicking a key or a matching line opens the key in the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from etcdesk.core.layout import display, prefix_range_end
from etcdesk.core.schemas import JsonPath
from etcdesk.core.search import (
    MAX_RESULTS,
    RangeReader,
    SearchError,
    SearchProgress,
    SearchQuery,
    clip_ranges,
    search_values,
)
from etcdesk.qt import theme
from etcdesk.qt.icons import icon
from etcdesk.qt.tasks import TaskRunner

CHANNEL = "find-values"
KEY_ROLE = Qt.ItemDataRole.UserRole
SPAN_ROLE = Qt.ItemDataRole.UserRole + 1  # (start, length) of the match in the line text


class Scope:
    """Where to search: a label and the key prefix (the layout root or a tenant's prefix)."""

    def __init__(self, label: str, prefix: bytes, keys: int) -> None:
        self.label = label
        self.prefix = prefix
        self.keys = keys  # how many keys the tree lists there (the progress bar's maximum)


class MatchDelegate(QStyledItemDelegate):
    """Draws a matching line with the match highlighted."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        span = index.data(SPAN_ROLE)
        if not span:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is None:
            super().paint(painter, option, index)
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        rect = rect.adjusted(3, 0, -3, 0)
        start, length = span
        parts = (text[:start], text[start : start + length], text[start + length :])
        metrics = opt.fontMetrics
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        normal = opt.palette.color(
            group,
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text,
        )
        mark_bg = QColor("#7a6100" if theme.is_dark(opt.palette) else "#ffe58f")
        painter.save()
        painter.setClipRect(rect)
        x = rect.left()
        for number, part in enumerate(parts):
            if not part:
                continue
            width = metrics.horizontalAdvance(part)
            box = QRect(x, rect.top(), width, rect.height())
            if number == 1:
                painter.fillRect(box, mark_bg)
                painter.setPen(opt.palette.color(QPalette.ColorRole.Text))
            else:
                painter.setPen(normal)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignVCenter), part)
            x += width
            if x > rect.right():
                break
        painter.restore()


class FindInValuesDialog(QDialog):
    key_requested = Signal(bytes)

    def __init__(
        self,
        runner: TaskRunner,
        reader: RangeReader,
        root: bytes,
        scopes: Sequence[Scope],
        readable: Sequence[tuple[bytes, bytes]],
        secrets_for: Callable[[bytes], tuple[JsonPath, ...]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.reader = reader
        self.root = root
        self.readable = list(readable)
        self.secrets_for = secrets_for
        self.setWindowTitle(self.tr("Find in values"))
        self.resize(900, 600)
        self.running = False
        self.scanned = 0
        self.matches = 0
        self.revision = 0
        self._items: dict[bytes, QTreeWidgetItem] = {}

        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Text or regular expression to find in values"))
        self.text.setClearButtonEnabled(True)
        self.text.returnPressed.connect(self.start)
        self.regex = QCheckBox(self.tr("Regular e&xpression"))
        self.case = QCheckBox(self.tr("Match &case"))
        self.scope = QComboBox()
        for scope in scopes:
            self.scope.addItem(scope.label, scope)
        self.find_button = QPushButton(self.tr("&Find"))
        self.find_button.setDefault(True)
        self.find_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("&Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel(
            self.tr(
                "Searches every value at one revision. Binary values are skipped; secret "
                "fields are masked and never match."
            )
        )
        self.status.setWordWrap(True)
        self.results = QTreeWidget()
        self.results.setHeaderLabels([self.tr("Key / line"), self.tr("Text")])
        self.results.setUniformRowHeights(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setItemDelegateForColumn(1, MatchDelegate(self.results))
        header = self.results.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 300)
        self.results.itemClicked.connect(self._on_item)
        self.results.itemActivated.connect(self._on_item)

        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.find_button)
        row.addWidget(self.stop_button)
        options = QHBoxLayout()
        options.addWidget(self.regex)
        options.addWidget(self.case)
        options.addStretch(1)
        options.addWidget(QLabel(self.tr("In:")))
        options.addWidget(self.scope)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(options)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

    # -- scanning ---------------------------------------------------------------------------

    def query(self) -> SearchQuery:
        return SearchQuery(self.text.text(), self.regex.isChecked(), self.case.isChecked())

    def ranges(self) -> list[tuple[bytes, bytes]]:
        scope = self.scope.currentData()
        prefix = scope.prefix if isinstance(scope, Scope) else self.root
        return clip_ranges(self.readable, prefix, prefix_range_end(prefix))

    def start(self) -> None:
        query = self.query()
        try:
            query.compile()
        except SearchError as exc:
            self._set_status(self.tr("Cannot search: {reason}").format(reason=str(exc)), "error")
            return
        self.stop()
        self.results.clear()
        self._items.clear()
        self.scanned = self.matches = self.revision = 0
        scope = self.scope.currentData()
        self.progress.setRange(0, max(1, scope.keys if isinstance(scope, Scope) else 0))
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v of %m keys"))
        self.progress.show()
        self._set_status(self.tr("Searching…"))
        self.running = True
        self.find_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        reader, ranges, secrets_for = self.reader, self.ranges(), self.secrets_for
        self.runner.stream(
            lambda cancelled: search_values(reader, ranges, query, secrets_for, cancelled),
            on_item=self._on_progress,
            on_done=self._on_done,
            on_error=self._on_error,
            channel=CHANNEL,
        )

    def stop(self) -> None:
        if not self.running:
            return
        self.runner.cancel(CHANNEL)
        self._finish()
        self._set_status(
            self.tr("Stopped after {keys} keys: {matches} matching lines so far.").format(
                keys=f"{self.scanned:,}", matches=f"{self.matches:,}"
            )
        )

    def _finish(self) -> None:
        self.running = False
        self.find_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.progress.hide()

    def _on_progress(self, progress: SearchProgress) -> None:
        if progress.restarted:  # the pinned revision was compacted: the scan began again
            self.results.clear()
            self._items.clear()
            self.matches = 0
        self.scanned, self.revision = progress.scanned, progress.revision
        self.progress.setMaximum(max(self.progress.maximum(), progress.scanned))
        self.progress.setValue(progress.scanned)
        for match in progress.matches:
            parent = self._items.get(match.key)
            if parent is None:
                label = display(match.key[len(self.root) :])
                parent = QTreeWidgetItem([label, ""])
                parent.setIcon(0, icon("config"))
                parent.setData(0, KEY_ROLE, match.key)
                parent.setToolTip(0, display(match.key))
                self.results.addTopLevelItem(parent)
                parent.setExpanded(True)
                self._items[match.key] = parent
            child = QTreeWidgetItem([self.tr("line {line}").format(line=match.line), match.text])
            child.setData(0, KEY_ROLE, match.key)
            child.setData(1, SPAN_ROLE, (match.start, match.length))
            child.setToolTip(1, match.text)
            parent.addChild(child)
            self.matches += 1
        if progress.done:
            self._summary(progress)

    def _summary(self, progress: SearchProgress) -> None:
        self._finish()
        text = self.tr(
            "{matches} matching lines in {keys} keys; {scanned} values searched at revision {rev}."
        ).format(
            matches=f"{self.matches:,}",
            keys=f"{len(self._items):,}",
            scanned=f"{progress.scanned:,}",
            rev=progress.revision,
        )
        if progress.skipped:
            text += " " + self.tr(
                "Not searched: {count} (binary, or holding secrets that cannot be masked)."
            ).format(count=f"{progress.skipped:,}")
        if progress.truncated:
            text += " " + self.tr(
                "Stopped at the first {limit} matches: narrow the search to see the rest."
            ).format(limit=f"{MAX_RESULTS:,}")
        self._set_status(text, "warning" if progress.truncated else "")

    def _on_done(self) -> None:
        if self.running:  # a stream that ended without a final progress (empty scope)
            self._summary(SearchProgress((), self.scanned, self.revision, done=True))

    def _on_error(self, error: BaseException) -> None:
        self._finish()
        self._set_status(self.tr("Search failed: {error}").format(error=str(error)), "error")

    def _set_status(self, text: str, role: str = "") -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {theme.color(role)};" if role else "")

    # -- results ----------------------------------------------------------------------------

    def _on_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = item.data(0, KEY_ROLE)
        if key is not None:
            self.key_requested.emit(bytes(key))

    def result_keys(self) -> list[bytes]:
        return list(self._items)

    def reject(self) -> None:
        self.stop()
        super().reject()
