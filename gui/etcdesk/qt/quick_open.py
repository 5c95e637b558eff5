"""Quick open (Ctrl+K / Ctrl+P): type part of a tenant or config path, Enter opens it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from etcdesk.core.keytree import KeyTree
from etcdesk.core.quick_match import LIMIT, Candidate, CandidateIndex
from etcdesk.qt import theme
from etcdesk.qt.icons import icon
from etcdesk.qt.session import Session

ROLE = Qt.ItemDataRole.UserRole
_NAV_KEYS = (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)


class QuickOpenIndex(QObject):
    """The candidates of the session's tree, built on the first quick open and kept until the
    tree is replaced or a change adds or removes keys (100k keys take a few tenths of a
    second to index; reopening the popup should not)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.session = session
        self._index: CandidateIndex | None = None
        self._tree: KeyTree | None = None
        self._keys: set[bytes] = set()
        session.tree_reset.connect(self.invalidate)
        session.keys_changed.connect(self._on_keys_changed)

    def get(self) -> CandidateIndex:
        tree = self.session.tree
        if self._index is None or self._tree is not tree:
            self._index, self._tree = CandidateIndex(tree), tree
            self._keys = set(self._index.keys)
        return self._index

    def invalidate(self, *_args: object) -> None:
        self._index, self._tree, self._keys = None, None, set()

    def _on_keys_changed(self, keys: frozenset[bytes], resynced: bool) -> None:
        tree = self.session.tree
        if self._index is not None and (
            resynced or any((key in tree) != (key in self._keys) for key in keys)
        ):
            self.invalidate()


class QuickOpen(QFrame):
    """A popup over the window: a search line and the best matches, keyboard first."""

    chosen = Signal(object)  # Candidate

    def __init__(self, index: CandidateIndex, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("quickOpen")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.items = index
        self._done = False
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Type part of a tenant or config path…"))
        self.edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)
        self.list.setIconSize(QSize(16, 16))
        self.hint = QLabel()
        self.hint.setStyleSheet(f"color: {theme.color('muted')};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(60)  # one ranking per burst of typing
        self._timer.timeout.connect(self.refresh)
        self.edit.textChanged.connect(lambda _text: self._timer.start())
        self.edit.returnPressed.connect(self.accept_current)
        self.edit.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.accept_current())
        self.list.itemClicked.connect(lambda _item: self.accept_current())
        self.refresh()

    def popup(self) -> None:
        """Show centered at the top of the parent window, with the keyboard in the line."""
        parent = self.parentWidget()
        assert parent is not None
        width = min(720, max(420, parent.width() * 3 // 5))
        height = min(460, max(240, parent.height() // 2))
        self.resize(width, height)
        top_left = parent.mapToGlobal(QPoint((parent.width() - width) // 2, 40))
        self.move(top_left)
        self.show()
        self.activateWindow()
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)

    def refresh(self) -> None:
        self._timer.stop()
        found = self.items.rank(self.edit.text())
        self.list.clear()
        for candidate in found:
            kind = "tenant" if candidate.is_group else "config"
            item = QListWidgetItem(icon(kind), candidate.label)
            item.setData(ROLE, candidate)
            self.list.addItem(item)
        if found:
            self.list.setCurrentRow(0)
        total = len(self.items)
        if not self.edit.text().strip():
            self.hint.setText(
                self.tr("{count} tenants and configs · ↑↓ to choose, Enter to open").format(
                    count=f"{total:,}"
                )
            )
        elif not found:
            self.hint.setText(self.tr("Nothing matches."))
        else:
            self.hint.setText(
                self.tr("Matches: {shown} · ↑↓ to choose, Enter to open, Esc to close").format(
                    shown=f"{len(found):,}" + ("+" if len(found) >= LIMIT else "")
                )
            )

    def current(self) -> Candidate | None:
        item = self.list.currentItem()
        value = item.data(ROLE) if item is not None else None
        return value if isinstance(value, Candidate) else None

    def accept_current(self) -> None:
        if self._timer.isActive():  # Enter right after typing: rank the final text first
            self.refresh()
        candidate = self.current()
        if candidate is None or self._done:
            return
        self._done = True
        self.close()
        self.chosen.emit(candidate)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Arrow keys in the line move through the list, so the hands stay on the keyboard.
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in _NAV_KEYS:
                self.list.keyPressEvent(event)
                return True
        return super().eventFilter(watched, event)
