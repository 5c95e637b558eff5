"""Dialogs of the save flow: the diff preview before writing, and the conflict view."""

from __future__ import annotations

from enum import Enum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from etcdesk.core.layout import display
from etcdesk.core.merge import MergeResult
from etcdesk.core.schemas import JsonPath
from etcdesk.qt.diff_view import PathDiffView, TextDiffView, json_path


class DiffPreviewDialog(QDialog):
    """Shows what a save will write; nothing is written unless the user confirms."""

    def __init__(
        self,
        key: bytes,
        old_text: str,
        new_text: str,
        old_data: Any,
        new_data: Any,
        structured: bool,
        secret_paths: tuple[JsonPath, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Save {key}?").format(key=display(key)))
        self.text_diff = TextDiffView()
        self.text_diff.show_diff(old_text, new_text, self.tr("in etcd"), self.tr("your edit"))
        tabs = QTabWidget()
        if structured:
            self.path_diff = PathDiffView()
            self.path_diff.show_diff(old_data, new_data, secret_paths)
            tabs.addTab(self.path_diff, self.tr("Changed fields"))
        tabs.addTab(self.text_diff, self.tr("Text diff"))
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(
            self.tr("Why? (optional; saved in the change journal with your name)")
        )
        self.comment.setMaxLength(2000)
        self.dont_ask = QCheckBox(self.tr("Save without this preview from now on"))
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("The write is guarded: it fails if someone changed the key meanwhile."))
        )
        layout.addWidget(tabs, 1)
        layout.addWidget(self.comment)
        layout.addWidget(self.dont_ask)
        layout.addWidget(buttons)
        self.resize(760, 520)


class ConflictChoice(Enum):
    CANCEL = "cancel"
    REAPPLY = "reapply"
    KEEP_THEIRS = "keep_theirs"
    OVERWRITE = "overwrite"


class ConflictDialog(QDialog):
    """Mine, theirs and the base, with diffs, and the three ways out."""

    def __init__(
        self,
        key: bytes,
        base_text: str,
        mine_text: str,
        theirs_text: str | None,
        theirs_revision: int,
        merge: MergeResult | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.choice = ConflictChoice.CANCEL
        self.setWindowTitle(self.tr("Conflict: {key} changed meanwhile").format(key=display(key)))
        deleted = theirs_text is None
        intro = (
            self.tr("Someone deleted this key after you loaded it. Nothing was written.")
            if deleted
            else self.tr(
                "Someone saved this key (now at revision {rev}) after you loaded it. "
                "Nothing was written."
            ).format(rev=theirs_revision)
        )
        label = QLabel(intro)
        label.setWordWrap(True)
        mine = TextDiffView()
        mine.show_diff(base_text, mine_text, self.tr("base (what you loaded)"), self.tr("mine"))
        theirs = TextDiffView()
        theirs.show_diff(
            base_text, theirs_text or "", self.tr("base (what you loaded)"), self.tr("theirs")
        )
        split = QSplitter(Qt.Orientation.Horizontal)
        for title, view in ((self.tr("Base → mine"), mine), (self.tr("Base → theirs"), theirs)):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(QLabel(f"<b>{title}</b>"))
            box_layout.addWidget(view)
            split.addWidget(box)
        self.merge_label = QLabel()
        self.merge_label.setWordWrap(True)
        can_merge = merge is not None and not merge.conflicts and not deleted
        if merge is None or deleted:
            self.merge_label.setText(
                self.tr("An automatic merge needs a parsed JSON or YAML value.")
            )
        elif merge.conflicts:
            paths = ", ".join(json_path(p) for p in merge.conflicts[:5])
            self.merge_label.setText(
                self.tr(
                    "Both sides changed {paths}: re-applying your edit needs a decision."
                ).format(paths=paths)
            )
        else:
            self.merge_label.setText(
                self.tr("Your changes and theirs touch different fields: they can be combined.")
            )
        self.reapply_button = QPushButton(self.tr("Re-apply my edit on top of theirs"))
        self.reapply_button.setEnabled(can_merge)
        self.keep_button = QPushButton(self.tr("Keep theirs (drop my edit)"))
        self.overwrite_button = QPushButton(self.tr("Overwrite theirs with mine"))
        self.overwrite_button.setToolTip(
            self.tr("Still guarded: refused again if the key changes once more")
        )
        buttons = QDialogButtonBox()
        for button in (self.reapply_button, self.keep_button, self.overwrite_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.reapply_button.clicked.connect(lambda: self._choose(ConflictChoice.REAPPLY))
        self.keep_button.clicked.connect(lambda: self._choose(ConflictChoice.KEEP_THEIRS))
        self.overwrite_button.clicked.connect(lambda: self._choose(ConflictChoice.OVERWRITE))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(split, 1)
        layout.addWidget(self.merge_label)
        layout.addWidget(buttons)
        self.resize(960, 560)

    def _choose(self, choice: ConflictChoice) -> None:
        self.choice = choice
        self.accept()
