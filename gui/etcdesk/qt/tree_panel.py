"""The tenant tree with its filter box, loading progress and empty state."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
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
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
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
        model.rowsInserted.connect(self._update_empty)

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
