"""The keyboard shortcuts (F1): read from the window's actions, so the list cannot go stale."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

# A translation's mnemonic in parentheses after the text, as CJK menus write it: 连接(&C)
_CJK_MNEMONIC = re.compile(r"\s*[(（]&[^&][)）]")


def plain_text(text: str) -> str:
    """A menu text without the mnemonic ampersand and the ellipsis."""
    text = _CJK_MNEMONIC.sub("", text)
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip("…").rstrip(".").strip()


def action_label(action: QAction) -> str:
    """The action's menu text without the mnemonic ampersand and the ellipsis."""
    return plain_text(action.text())


def shortcut_text(action: QAction) -> str:
    return " / ".join(
        seq.toString(QKeySequence.SequenceFormat.NativeText)
        for seq in action.shortcuts()
        if not seq.isEmpty()
    )


def window_shortcuts(window: QMainWindow) -> list[tuple[str, str, str, str]]:
    """(menu, action, shortcut, tooltip) for every action of ``window`` that has a shortcut:
    those in menus, in menu order, then the rest (editor actions, context actions)."""
    rows: list[tuple[str, str, str, str]] = []
    seen: set[int] = set()

    def add(menu: str, action: QAction) -> None:
        if id(action) in seen or action.isSeparator() or not shortcut_text(action):
            return
        seen.add(id(action))
        tip = action.toolTip()
        label = action_label(action)
        # Qt's default tooltip is the text without "&", which for 新建配置(&N) keeps "(N)"
        rows.append((menu, label, shortcut_text(action), "" if plain_text(tip) == label else tip))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            for action in menu.actions():
                add(action_label(top), action)
    for action in window.findChildren(QAction):
        add("", action)
    return rows


class ShortcutsDialog(QDialog):
    """Every shortcut of the window, grouped by menu, with what each action does."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(760, 600)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setItemsExpandable(False)
        self.table.setStyleSheet("QTreeView::item { padding: 2px 0; }")
        self.table.setHeaderLabels([self.tr("Keys"), self.tr("Action"), self.tr("What it does")])
        sections: dict[str, QTreeWidgetItem] = {}
        for menu, label, keys, tip in window_shortcuts(window):
            name = menu or self.tr("Editor")
            section = sections.get(name)
            if section is None:
                section = QTreeWidgetItem([name])
                font = section.font(0)
                font.setBold(True)
                section.setFont(0, font)
                section.setFirstColumnSpanned(True)
                section.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.addTopLevelItem(section)
                section.setFirstColumnSpanned(True)
                sections[name] = section
            item = QTreeWidgetItem([keys, label, tip])
            item.setToolTip(2, tip)
            section.addChild(item)
        self.table.expandAll()
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, self.fontMetrics().horizontalAdvance("Ctrl+Shift+PgDown / F1  "))
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(
            1, self.fontMetrics().horizontalAdvance("History of the selected key  ")
        )
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def rows(self) -> list[tuple[str, str, str]]:
        """(keys, action, section) of every listed shortcut."""
        rows = []
        for i in range(self.table.topLevelItemCount()):
            section = self.table.topLevelItem(i)
            if section is None:
                continue
            for j in range(section.childCount()):
                item = section.child(j)
                if item is not None:
                    rows.append((item.text(0), item.text(1), section.text(0)))
        return rows
