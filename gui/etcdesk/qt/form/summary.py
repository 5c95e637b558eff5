"""The list of validation problems at the top of the form; activating one focuses its field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCursor, QFont
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_ROWS = 8

_STYLE = """
QFrame#issueSummary { background: #fdf0ef; border: 1px solid #f0b6b0; border-radius: 4px; }
QFrame#issueSummary QLabel { color: #8e1f14; background: transparent; border: none; }
QFrame#issueSummary QListWidget { background: transparent; border: none; color: #3b1512; }
"""


class IssueSummary(QFrame):
    path_activated = Signal(object)  # the JsonPath of the chosen problem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issueSummary")
        self.setStyleSheet(_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.setSpacing(2)
        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.items = QListWidget()
        self.items.setAccessibleName(self.tr("Problems"))
        self.items.setFrameShape(QFrame.Shape.NoFrame)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items.setWordWrap(True)
        self.items.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        self.items.itemClicked.connect(self._on_item_activated)
        self.items.itemActivated.connect(self._on_item_activated)
        layout.addWidget(self.items)
        self.hide()

    def set_issues(self, entries: list[tuple[str, tuple[str | int, ...]]]) -> None:
        self.items.clear()
        for text, path in entries:
            item = QListWidgetItem(text)
            item.setData(PATH_ROLE, path)
            item.setToolTip(self.tr("Go to the field"))
            self.items.addItem(item)
        count = len(entries)
        self.heading.setText(
            self.tr("1 problem to fix before saving")
            if count == 1
            else self.tr("{count} problems to fix before saving").format(count=count)
        )
        rows = min(count, MAX_ROWS)
        height = sum(self.items.sizeHintForRow(i) for i in range(rows)) + 4
        self.items.setFixedHeight(max(height, 0))
        self.setVisible(count > 0)

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.path_activated.emit(tuple(item.data(PATH_ROLE)))
