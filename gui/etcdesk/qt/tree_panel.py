"""The tenant tree with its filter box, loading progress and empty state."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from etcdesk.core.keytree import Group, KeyTree
from etcdesk.qt.key_tree_model import KEY_ROLE, KeyTreeModel

AUTO_EXPAND_LIMIT = 300  # expand every group when a filter leaves at most this many keys


class TreePanel(QWidget):
    key_selected = Signal(bytes)
    selection_cleared = Signal()
    group_selected = Signal(object)  # the group's path, e.g. (b"acme",)

    def __init__(self, model: KeyTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._full_tree = model.tree
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter tenants and configs…  (Ctrl+F)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setToolTip(
            self.tr("Shows keys whose tenant id or config path contains this text, across all keys")
        )
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(lambda _text: self._filter_timer.start())

        self.view = QTreeView()
        self.view.setModel(model)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setAnimated(False)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Not ResizeToContents: with 1,000 tenants every layout would measure 1,000 rows.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, self.fontMetrics().horizontalAdvance(" Configs 100,000 "))
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setMaximumHeight(16)
        self.progress.hide()

        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.progress)
        layout.addWidget(self.stack, 1)
        model.modelReset.connect(self._update_empty)
        # Connected after the view's own handlers (setModel above), so the view has taken the
        # inserted rows in when _after_rows_inserted runs.
        model.rowsAboutToBeInserted.connect(self._before_rows_inserted)
        model.rowsInserted.connect(self._after_rows_inserted)
        model.rowsInserted.connect(self._update_empty)
        self._held: QPersistentModelIndex | None = None
        self._held_scroll = 0
        self._held_updates = False

    # -- live updates -----------------------------------------------------------------------

    def _before_rows_inserted(self, parent: QModelIndex, _first: int, _last: int) -> None:
        """Rows are coming under an expanded group by a listing page or a watch batch: fold it
        for the insert and unfold it after.

        QTreeView answers rows inserted under an expanded item with a complete relayout: every
        shown row asked again (index() and hasChildren(), C++ -> Python calls), ~1,150 rows
        with 1,000 tenants and ten unfolded, 15-25 ms here and several times that on a busy
        machine. Under a folded item it only takes the rows in, and unfolding lays out that
        item's rows alone. Same rows, expansion, selection and scroll position afterwards; the
        view's expanded/collapsed signals are held back (nothing was folded for the user).
        """
        view = self.view
        if (
            self._held is not None
            or not self.model.applying_batch
            or not parent.isValid()
            or not view.isExpanded(parent)
        ):
            return
        self._held = QPersistentModelIndex(parent)
        self._held_scroll = view.verticalScrollBar().value()
        # collapse() and expand() repaint the whole viewport (~37 rows, 7-10 ms here, most of
        # it C++ -> Python data() calls); _after_rows_inserted repaints only what moved. The
        # attribute, not setUpdatesEnabled(): turning that back on repaints everything.
        viewport = view.viewport()
        self._held_updates = not viewport.testAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled)
        if self._held_updates:
            viewport.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, True)
        blocked = view.blockSignals(True)
        try:
            view.collapse(parent)
        finally:
            view.blockSignals(blocked)

    def _after_rows_inserted(self, _parent: QModelIndex, _first: int, _last: int) -> None:
        held, self._held = self._held, None
        if held is None:
            return
        view = self.view
        blocked = view.blockSignals(True)
        try:
            view.expand(held)
        finally:
            view.blockSignals(blocked)
        scroll = view.verticalScrollBar()
        moved = scroll.value() != self._held_scroll
        scroll.setValue(self._held_scroll)
        if not self._held_updates:
            return
        viewport = view.viewport()
        viewport.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, False)
        # What changed on screen: the group's row and every row below it. A group below the
        # viewport (or inside a folded group) changed nothing there; one above it moved all.
        rect = view.visualRect(held)
        if moved or (rect.isValid() and rect.top() < 0):
            viewport.update()
        elif rect.isValid() and rect.top() < viewport.height():
            viewport.update(0, rect.top(), viewport.width(), viewport.height() - rect.top())

    # -- loading ----------------------------------------------------------------------------

    def set_progress(self, loaded: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(loaded)
        self.progress.setFormat(self.tr("Loading keys… %v of %m"))
        self.progress.setVisible(loaded < total)

    def listing_finished(self) -> None:
        self.progress.hide()
        if self.filter.text().strip():
            self.apply_filter()  # pages that arrived while filtering went to the full tree
        self._update_empty()

    def show_message(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    def _update_empty(self) -> None:
        if self.model.rowCount() > 0:
            self.stack.setCurrentWidget(self.view)
        elif self.filter.text().strip():
            self.show_message(
                self.tr("No tenant or config matches “{text}”.").format(
                    text=self.filter.text().strip()
                )
            )
        else:
            root = self.model.tree.layout.root.decode("utf-8", "backslashreplace")
            self.show_message(
                self.tr(
                    "No keys under {root}.\nCheck the layout root, or create configs there."
                ).format(root=root)
            )

    # -- filtering --------------------------------------------------------------------------

    def set_full_tree(self, tree: KeyTree) -> None:
        """The unfiltered tree of the current listing (the filter always starts from it)."""
        self._full_tree = tree
        if self.filter.text().strip():
            self.apply_filter()

    def apply_filter(self) -> None:
        text = self.filter.text().strip()
        if not text:
            if self.model.tree is not self._full_tree:
                self.model.set_tree(self._full_tree)
        else:
            filtered = self._full_tree.filtered(text)
            self.model.set_tree(filtered)
            if len(filtered) <= AUTO_EXPAND_LIMIT:
                self.view.expandAll()
        self._update_empty()

    @property
    def filtering(self) -> bool:
        return self.model.tree is not self._full_tree

    # -- selection --------------------------------------------------------------------------

    def select_key(self, key: bytes) -> bool:
        index = self.model.index_of_key(key)
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def current_key(self) -> bytes | None:
        index = self.view.currentIndex()
        key = index.siblingAtColumn(0).data(KEY_ROLE) if index.isValid() else None
        return bytes(key) if key is not None else None

    def _on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            self.selection_cleared.emit()
            return
        index: QModelIndex = indexes[0]
        node = self.model.node(index.siblingAtColumn(0))
        if isinstance(node, Group):
            # "Other keys" and the locked row are no tenant: nothing to act on as a group.
            self.group_selected.emit(() if node.other or node.locked else node.path)
            self.selection_cleared.emit()
        else:
            self.key_selected.emit(bytes(node.key))
