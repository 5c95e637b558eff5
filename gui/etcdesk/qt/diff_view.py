"""Read-only views of a change: a coloured unified text diff, a side-by-side diff of the changed
hunks, and a list of changed paths."""

from __future__ import annotations

import difflib
import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QScrollBar,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from etcdesk.core.merge import structural_diff
from etcdesk.core.schemas import JsonPath
from etcdesk.core.textdiff import Span, TextDiff, side_by_side

MAX_DIFF_LINES = 4000
MAX_PATH_ROWS = 1000  # a tree widget row each; beyond that the text diff says it better


def json_path(path: JsonPath) -> str:
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def unified_html(old: str, new: str, old_name: str, new_name: str) -> str:
    """A unified diff with three lines of context, coloured, as HTML."""
    lines = list(
        difflib.unified_diff(
            old.splitlines(), new.splitlines(), old_name, new_name, lineterm="", n=3
        )
    )
    if not lines:
        return "<p><i>{}</i></p>".format(
            QCoreApplication.translate("TextDiffView", "No differences.")
        )
    rows = []
    for line in lines[:MAX_DIFF_LINES]:
        text = html.escape(line) or "&nbsp;"
        if line.startswith(("+++", "---")):
            style = "color:#57606a;font-weight:bold"
        elif line.startswith("@@"):
            style = "color:#8250df"
        elif line.startswith("+"):
            style = "background:#dafbe1;color:#116329"
        elif line.startswith("-"):
            style = "background:#ffebe9;color:#82071e"
        else:
            style = ""
        rows.append(f'<div style="{style};white-space:pre">{text}</div>')
    if len(lines) > MAX_DIFF_LINES:
        more = QCoreApplication.translate("TextDiffView", "… {n} more lines")
        rows.append(f"<p><i>{more.format(n=len(lines) - MAX_DIFF_LINES)}</i></p>")
    return "".join(rows)


class TextDiffView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setOpenLinks(False)

    def show_diff(
        self, old: str, new: str, old_name: str | None = None, new_name: str | None = None
    ) -> None:
        before, after = old_name or self.tr("before"), new_name or self.tr("after")
        self.setHtml(unified_html(old, new, before, after))


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 80 else text[:77] + "…"


class PathDiffView(QTreeWidget):
    """Added, removed and changed paths of a JSON/YAML document."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(
            [self.tr("Change"), self.tr("Path"), self.tr("Before"), self.tr("After")]
        )
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)

    def show_diff(self, old: Any, new: Any, secret_paths: tuple[JsonPath, ...] = ()) -> None:
        self.show_changes(structural_diff(old, new), secret_paths)

    def show_changes(
        self, changes: list[tuple[str, JsonPath, Any, Any]], secret_paths: tuple[JsonPath, ...] = ()
    ) -> None:
        """Show a ``structural_diff`` computed elsewhere (a worker thread, for big values)."""
        self.clear()
        names = {
            "added": self.tr("added"),
            "removed": self.tr("removed"),
            "changed": self.tr("changed"),
        }
        for kind, path, before, after in changes[:MAX_PATH_ROWS]:
            # A secret itself, or a value holding one (an object replaced as a whole).
            hidden = any(path[: len(s)] == s or s[: len(path)] == path for s in secret_paths)
            item = QTreeWidgetItem(
                [
                    names.get(kind, kind),
                    json_path(path),
                    "••••••"
                    if hidden and kind != "added"
                    else ("" if kind == "added" else _short(before)),
                    "••••••"
                    if hidden and kind != "removed"
                    else ("" if kind == "removed" else _short(after)),
                ]
            )
            self.addTopLevelItem(item)
        if len(changes) > MAX_PATH_ROWS:
            more = self.tr("… and {n} more changed paths (see the Text tab)").format(
                n=f"{len(changes) - MAX_PATH_ROWS:,}"
            )
            self.addTopLevelItem(QTreeWidgetItem(["", more, "", ""]))
        self.total_changes = len(changes)
        for column in range(4):
            self.resizeColumnToContents(column)


# Side by side ------------------------------------------------------------------------------

SIDE_BY_SIDE_ROWS = 3000  # rows shown before the diff is cut off (about 0.3 s of work)
SHOWN_LINE_CHARS = 3000  # a longer line is shown as a window around its first change


@dataclass(frozen=True, slots=True)
class _Colours:
    line: dict[str, str]  # block background by kind: "del", "ins", "none" (no line), "gap"
    number: dict[str, str]  # gutter background by kind
    word: dict[str, str]  # changed characters: "del", "ins"
    muted: str  # line numbers, separators


_LIGHT = _Colours(
    line={"del": "#ffebe9", "ins": "#e6ffec", "none": "#f0f2f4", "gap": "#ddf4ff"},
    number={"del": "#ffd7d5", "ins": "#ccffd8", "none": "#f0f2f4", "gap": "#ddf4ff"},
    word={"del": "#ff9c9c", "ins": "#7ee09a"},
    muted="#6e7781",
)
_DARK = _Colours(
    line={"del": "#3c1f22", "ins": "#17301f", "none": "#1c2128", "gap": "#152538"},
    number={"del": "#4f2427", "ins": "#1d3d27", "none": "#1c2128", "gap": "#152538"},
    word={"del": "#8a3a3a", "ins": "#2c6e3d"},
    muted="#8b949e",
)


@dataclass(frozen=True, slots=True)
class _PaneLine:
    text: str
    kind: str  # "" (unchanged), "del", "ins", "none" (the other side has the line), "gap"
    number: int | None = None
    spans: tuple[Span, ...] = ()


def _clip(text: str, spans: tuple[Span, ...]) -> tuple[str, tuple[Span, ...]]:
    """A very long line as a window that starts just before its first change, spans moved."""
    if len(text) <= SHOWN_LINE_CHARS:
        return text, spans
    start = max(0, (spans[0][0] if spans else 0) - 40)  # the change in sight, not off to the right
    end = min(len(text), start + SHOWN_LINE_CHARS)
    head = tail = ""
    if start:
        head = QCoreApplication.translate("SideBySideDiffView", "… {n} characters … ")
        head = head.format(n=f"{start:,}")
    if end < len(text):
        tail = QCoreApplication.translate("SideBySideDiffView", " … {n} more characters")
        tail = tail.format(n=f"{len(text) - end:,}")
    shift = len(head) - start
    moved = tuple(
        (max(s, start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > start
    )
    return head + text[start:end] + tail, moved


def _pane_lines(
    diff: TextDiff, unchanged: str = "{n} unchanged lines"
) -> tuple[list[_PaneLine], list[_PaneLine]]:
    """The two columns, one entry per row, so that row k of one is beside row k of the other;
    ``unchanged`` is the (translated) text of the separator between hunks."""
    left: list[_PaneLine] = []
    right: list[_PaneLine] = []

    def gap(count: int) -> None:
        text = f"  ⋯ {unchanged.format(n=f'{count:,}')} ⋯"
        left.append(_PaneLine(text, "gap"))
        right.append(_PaneLine(text, "gap"))

    for hunk in diff.hunks:
        if hunk.skipped_before:
            gap(hunk.skipped_before)
        for row in hunk.rows:
            left.append(_side(row.left_no, row.left, row.left_spans, row.kind, "del"))
            right.append(_side(row.right_no, row.right, row.right_spans, row.kind, "ins"))
    if diff.skipped_after:
        gap(diff.skipped_after)
    return left, right


# Characters a QTextDocument takes for a paragraph or line break: one inside a line would give
# that side an extra row. Shown as visible marks instead, one character for one (spans hold).
_BREAKS = str.maketrans({"\r": "␍", "\u2028": "␤", "\u2029": "¶"})


def _side(
    number: int | None, text: str, spans: tuple[Span, ...], kind: str, changed: str
) -> _PaneLine:
    if number is None:
        return _PaneLine("", "none")
    shown, spans = _clip(text.translate(_BREAKS), spans)
    return _PaneLine(shown, "" if kind == "equal" else changed, number, spans)


def _utf16_spans(text: str, spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Spans in Qt's UTF-16 positions: a character beyond U+FFFF (an emoji) counts twice."""
    if not spans or text.isascii() or max(text) <= "\uffff":
        return spans

    def at(offset: int) -> int:
        return offset + sum(1 for char in text[:offset] if char > "\uffff")

    return tuple((at(start), at(end)) for start, end in spans)


class _Gutter(QWidget):
    def __init__(self, pane: _DiffPane) -> None:
        super().__init__(pane)
        self._pane = pane

    def paintEvent(self, event: QPaintEvent) -> None:
        self._pane.paint_gutter(event)


class _DiffPane(QPlainTextEdit):
    """One column: read-only, never wrapped (row k must stay one line on both sides to line
    up), line numbers in a gutter. A plain-text document lays out tens of thousands of lines
    at once; a rich-text table of the same rows took about a millisecond a row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().setUndoRedoEnabled(False)
        self.lines: list[_PaneLine] = []
        self._colours = _LIGHT
        self._gutter = _Gutter(self)
        self._gutter_width = 0
        self.updateRequest.connect(self._on_update_request)

    def load(self, lines: list[_PaneLine], colours: _Colours) -> None:
        self.lines = lines
        self._colours = colours
        biggest = max((line.number or 0 for line in lines), default=0)
        self._gutter_width = (
            self.fontMetrics().horizontalAdvance("9") * (len(str(biggest)) + 1) + 12
        )
        self.setViewportMargins(self._gutter_width, 0, 0, 0)
        self._place_gutter()
        self.setPlainText("\n".join(line.text for line in lines))
        self._colour(lines, colours)

    def _colour(self, lines: list[_PaneLine], colours: _Colours) -> None:
        """Only coloured rows cost a format change: unchanged context stays plain text. The
        text keeps the palette colour; the dark scheme's backgrounds are dark for that."""
        line_formats: dict[str, QTextBlockFormat] = {}
        for kind, colour in colours.line.items():
            line_formats[kind] = QTextBlockFormat()
            line_formats[kind].setBackground(QColor(colour))
        muted_format = QTextCharFormat()
        muted_format.setForeground(QColor(colours.muted))
        word_formats: dict[str, QTextCharFormat] = {}
        for kind, colour in colours.word.items():
            word_formats[kind] = QTextCharFormat()
            word_formats[kind].setBackground(QColor(colour))
        keep = QTextCursor.MoveMode.KeepAnchor
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        block = self.document().begin()
        for line in lines:
            if line.kind:
                position = block.position()
                cursor.setPosition(position)
                cursor.setBlockFormat(line_formats[line.kind])
                if line.kind == "gap":
                    cursor.setPosition(position + block.length() - 1, keep)
                    cursor.mergeCharFormat(muted_format)
                for start, end in _utf16_spans(line.text, line.spans):
                    cursor.setPosition(position + start)
                    cursor.setPosition(position + end, keep)
                    cursor.mergeCharFormat(word_formats[line.kind])
            block = block.next()
        cursor.endEditBlock()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_gutter()

    def _place_gutter(self) -> None:
        rect = self.contentsRect()
        self._gutter.setGeometry(rect.left(), rect.top(), self._gutter_width, rect.height())

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def paint_gutter(self, event: QPaintEvent) -> None:
        painter = QPainter(self._gutter)
        painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Base))
        painter.setFont(self.font())
        width = self._gutter.width()
        block = self.firstVisibleBlock()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        while block.isValid() and top <= event.rect().bottom():
            height = self.blockBoundingRect(block).height()
            index = block.blockNumber()
            if index < len(self.lines):
                line = self.lines[index]
                row = QRectF(0, top, width, height)
                if line.kind:
                    painter.fillRect(row, QColor(self._colours.number[line.kind]))
                if line.number is not None:
                    painter.setPen(QColor(self._colours.muted))
                    painter.drawText(
                        row.adjusted(0, 0, -8, 0),
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                        str(line.number),
                    )
            top += height
            block = block.next()
        painter.end()


class SideBySideDiffView(QWidget):
    """Two versions of a text next to each other: only the changed hunks with three lines of
    context, "⋯ N unchanged lines ⋯" between them. The columns scroll together; one horizontal
    scroll bar below both keeps their rows the same height."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diff: TextDiff | None = None
        self.old_header = QLabel()
        self.new_header = QLabel()
        for header in (self.old_header, self.new_header):
            header.setTextFormat(Qt.TextFormat.RichText)
            header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            header.setContentsMargins(4, 4, 4, 0)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setContentsMargins(4, 4, 4, 0)
        self.note.hide()
        self.old_pane = _DiffPane()
        self.new_pane = _DiffPane()
        self.old_pane.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.horizontal = QScrollBar(Qt.Orientation.Horizontal)
        self.horizontal.hide()
        self._sync_scrolling()
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.columns = QWidget()
        grid = QGridLayout(self.columns)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(2)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.old_header, 0, 0)
        grid.addWidget(self.new_header, 0, 1)
        grid.addWidget(self.old_pane, 1, 0)
        grid.addWidget(self.new_pane, 1, 1)
        grid.addWidget(self.horizontal, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.columns, 1)
        layout.addWidget(self.empty, 1)

    def _sync_scrolling(self) -> None:
        old_v, new_v = self.old_pane.verticalScrollBar(), self.new_pane.verticalScrollBar()
        old_v.valueChanged.connect(new_v.setValue)
        new_v.valueChanged.connect(old_v.setValue)
        for pane in (self.old_pane, self.new_pane):
            bar = pane.horizontalScrollBar()
            bar.rangeChanged.connect(self._on_horizontal_range_changed)
            bar.valueChanged.connect(self.horizontal.setValue)
            self.horizontal.valueChanged.connect(bar.setValue)

    def _on_horizontal_range_changed(self) -> None:
        bars = [pane.horizontalScrollBar() for pane in (self.old_pane, self.new_pane)]
        self.horizontal.setRange(0, max(bar.maximum() for bar in bars))
        self.horizontal.setPageStep(min(bar.pageStep() for bar in bars))
        self.horizontal.setSingleStep(bars[0].singleStep())
        self.horizontal.setVisible(self.horizontal.maximum() > 0)

    def show_diff(
        self, old: str, new: str, old_name: str | None = None, new_name: str | None = None
    ) -> None:
        diff = side_by_side(old, new, max_rows=SIDE_BY_SIDE_ROWS)
        self.show_text_diff(diff, old_name or self.tr("before"), new_name or self.tr("after"))

    def show_text_diff(self, diff: TextDiff, old_name: str, new_name: str) -> None:
        """Show a diff computed elsewhere (on a worker thread, for big values)."""
        self.diff = diff
        self.old_header.setText(self._header(old_name, f"−{diff.removed:,}", diff.removed, "del"))
        self.new_header.setText(self._header(new_name, f"+{diff.added:,}", diff.added, "ins"))
        notes = self._notes(diff)
        self.note.setText("\n".join(notes))
        self.note.setVisible(bool(notes))
        colours = (
            _DARK if self.palette().color(QPalette.ColorRole.Base).lightness() < 128 else _LIGHT
        )
        left, right = _pane_lines(diff, self.tr("{n} unchanged lines"))
        self.old_pane.load(left, colours)
        self.new_pane.load(right, colours)
        self.columns.setVisible(bool(diff.hunks))
        self.empty.setVisible(not diff.hunks)
        self.empty.setText(
            self.tr("No differences.")
            if diff.identical
            else self.tr("The lines are the same; only the line breaks differ.")
        )

    def _header(self, name: str, count: str, changed: int, kind: str) -> str:
        colour = {"del": "#cf222e", "ins": "#1a7f37"}[kind]
        counted = f' <span style="color:{colour}">{count}</span>' if changed else ""
        return f"<b>{html.escape(name)}</b>{counted}"

    def _notes(self, diff: TextDiff) -> list[str]:
        notes = []
        if diff.truncated:
            notes.append(
                self.tr("Too many differences: showing the first {shown} of {total} rows.").format(
                    shown=f"{diff.shown_rows:,}", total=f"{diff.total_rows:,}"
                )
            )
        old_eol, new_eol = diff.line_endings
        if old_eol and new_eol and old_eol != new_eol:
            notes.append(
                self.tr("Line endings differ: {old} before, {new} after.").format(
                    old=old_eol, new=new_eol
                )
            )
        if diff.final_newline[0] != diff.final_newline[1] and diff.left_lines and diff.right_lines:
            notes.append(
                self.tr("Only the new text ends with a line break.")
                if diff.final_newline[1]
                else self.tr("Only the old text ends with a line break.")
            )
        return notes


class DiffWidget(QWidget):
    """A change as "Changed fields" (structured JSON/YAML values only) and "Text" tabs.

    Secrets: the "Changed fields" tab masks values under ``secret_paths`` itself, but the text
    tab shows the texts it is given, so a caller with secret paths must pass texts with those
    values already masked.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = PathDiffView()
        self.text = SideBySideDiffView()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.fields, self.tr("Changed fields"))
        self.tabs.addTab(self.text, self.tr("Text"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def show_diff(
        self,
        old_text: str,
        new_text: str,
        old_name: str | None = None,
        new_name: str | None = None,
        old_data: Any = None,
        new_data: Any = None,
        structured: bool = False,
        secret_paths: tuple[JsonPath, ...] = (),
    ) -> None:
        """``structured``: both values parsed as JSON/YAML into ``old_data`` and ``new_data``."""
        self.text.show_diff(old_text, new_text, old_name, new_name)
        self.tabs.setTabVisible(0, structured)
        if structured:
            self.fields.show_diff(old_data, new_data, secret_paths)
            count = self.fields.topLevelItemCount()
            self.tabs.setTabText(0, self.tr("Changed fields ({n})").format(n=count))
        else:
            self.fields.clear()
        # Fields first when there are any; a value re-formatted without a change of data only
        # differs as text.
        show_fields = structured and self.fields.topLevelItemCount() > 0
        self.tabs.setCurrentWidget(self.fields if show_fields else self.text)
