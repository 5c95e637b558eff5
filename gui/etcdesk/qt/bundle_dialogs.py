"""Dialogs of bundles: what to export, what an import or a clone would write, a clone's new id.

Plain widgets over the core's plans; every etcd read and write is the caller's, on the task
runner. A preview shows each tenant's changes key by key with a diff (secrets masked), the
tenants etcd's limits refuse, and the validation problems, which block the whole import.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from etcdesk.core.bundle_import import CHANGE, CREATE, DELETE, TenantPlan
from etcdesk.core.bundles import tenant_name
from etcdesk.core.schemas import JsonPath
from etcdesk.core.validation import Problem
from etcdesk.qt.timeline_dialog import KeyDiffPane, relative_name

SecretsFor = Callable[[bytes], tuple[JsonPath, ...]]
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
_KIND_COLOURS = {CREATE: "#1a7f37", CHANGE: "#9a6700", DELETE: "#cf222e"}


def _buttons(dialog: QDialog, ok_text: str) -> tuple[QDialogButtonBox, Any]:
    buttons = QDialogButtonBox()
    ok = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok


class ExportDialog(QDialog):
    """Which tenants go into the bundle: some, or everything under the layout root."""

    def __init__(
        self,
        tenants: Sequence[tuple[tuple[bytes, ...], int]],
        current: tuple[bytes, ...],
        root: str,
        parent: QWidget | None = None,
        *,
        secrets_masked: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export tenants to a bundle"))
        self.some = QRadioButton(self.tr("These tenants:"))
        self.everything = QRadioButton(self.tr("Everything under {root}").format(root=root))
        group = QButtonGroup(self)
        group.addButton(self.some)
        group.addButton(self.everything)
        self.list = QListWidget()
        self._counts = dict(tenants)
        for path, count in tenants:
            item = QListWidgetItem(f"{tenant_name(path)}  ({count})")
            item.setData(KEY_ROLE, path)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if path == current else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        self.summary = QLabel()
        self.note = QLabel(
            self.tr(
                "The bundle holds every value as it is at one revision, with secret fields "
                "masked (this profile may not reveal them): it is for reading, and cannot be "
                "imported."
            )
            if secrets_masked
            else self.tr(
                "The bundle holds every value as it is at one revision, secrets included: "
                "keep it like a password file."
            )
        )
        self.note.setWordWrap(True)
        buttons, self.ok_button = _buttons(self, self.tr("Export…"))
        layout = QVBoxLayout(self)
        for widget in (self.some, self.list, self.everything, self.summary, self.note, buttons):
            layout.addWidget(widget)
        (self.some if current in self._counts else self.everything).setChecked(True)
        self.list.itemChanged.connect(self._update)
        group.buttonToggled.connect(self._update)
        self._update()

    @property
    def tenants(self) -> list[tuple[bytes, ...]] | None:
        """The tenants chosen, or None for everything under the root."""
        if self.everything.isChecked():
            return None
        items = (self.list.item(i) for i in range(self.list.count()))
        return [
            tuple(item.data(KEY_ROLE))
            for item in items
            if item is not None and item.checkState() == Qt.CheckState.Checked
        ]

    def _update(self, *_args: Any) -> None:
        chosen = self.tenants
        self.list.setEnabled(self.some.isChecked())
        if chosen is None:
            count = sum(self._counts.values())
            self.summary.setText(self.tr("{n} configs of every tenant").format(n=count))
        else:
            count = sum(self._counts.get(t, 0) for t in chosen)
            self.summary.setText(
                self.tr("{n} configs of {t} tenant(s)").format(n=count, t=len(chosen))
            )
        self.ok_button.setEnabled(chosen is None or bool(chosen))


class CloneDialog(QDialog):
    """The tenant to copy, the new id, and which configs to copy."""

    def __init__(
        self,
        tenants: Sequence[tuple[bytes, ...]],
        current: tuple[bytes, ...],
        configs_of: Callable[[tuple[bytes, ...]], list[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Clone tenant"))
        self._configs_of = configs_of
        self.source = QComboBox()
        for path in tenants:
            self.source.addItem(tenant_name(path), path)
        if current in tenants:
            self.source.setCurrentIndex(list(tenants).index(current))
        self.new_id = QLineEdit()
        self.new_id.setPlaceholderText(self.tr("new tenant id, e.g. acme-staging"))
        self.configs = QListWidget()
        form = QFormLayout()
        form.addRow(self.tr("Copy tenant:"), self.source)
        form.addRow(self.tr("New tenant id:"), self.new_id)
        note = QLabel(
            self.tr(
                "Configs are created under the new id in one transaction, only if it has no "
                "keys yet. Leave out configs whose values must be unique across tenants."
            )
        )
        note.setWordWrap(True)
        buttons, self.ok_button = _buttons(self, self.tr("Preview…"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Configs to copy:")))
        layout.addWidget(self.configs)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.source.currentIndexChanged.connect(self._fill)
        self.new_id.textChanged.connect(self._update)
        self._fill()

    def _fill(self, *_args: Any) -> None:
        self.configs.clear()
        for name in self._configs_of(self.source_path):
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.configs.addItem(item)
        self._update()

    def _update(self, *_args: Any) -> None:
        text = self.new_id.text().strip()
        self.ok_button.setEnabled(bool(text) and text != tenant_name(self.source_path))

    @property
    def source_path(self) -> tuple[bytes, ...]:
        data = self.source.currentData()
        return tuple(data) if data is not None else ()

    @property
    def left_out(self) -> list[str]:
        items = (self.configs.item(i) for i in range(self.configs.count()))
        return [
            item.text()
            for item in items
            if item is not None and item.checkState() != Qt.CheckState.Checked
        ]


class BundlePreviewDialog(QDialog):
    """What an import (or a clone) writes, tenant by tenant and key by key."""

    delete_missing_toggled = Signal(bool)

    def __init__(
        self,
        title: str,
        intro: str,
        tenants: Sequence[TenantPlan],
        problems: Sequence[Problem],
        secrets_for: SecretsFor,
        *,
        action: str,
        delete_missing: bool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.secrets_for = secrets_for
        self.changes = {c.key: c for t in tenants for c in t.changes}
        self.prefixes = {c.key: t.prefix for t in tenants for c in t.changes}
        writable = [t for t in tenants if t.changes and not t.refusal]
        count = sum(len(t.changes) for t in writable)

        intro_label = QLabel(intro)
        intro_label.setTextFormat(Qt.TextFormat.RichText)
        intro_label.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Tenant / config"), self.tr("Change")])
        self.tree.setUniformRowHeights(True)
        for tenant in tenants:
            self._add_tenant(tenant)
        self.tree.resizeColumnToContents(0)
        self.pane = KeyDiffPane()
        self.pane.show_placeholder(self.tr("Select a config to see what changes."))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(self.pane)
        split.setSizes([320, 640])
        self.tree.currentItemChanged.connect(self._on_current_changed)

        self.problems = QListWidget()
        for problem in problems:
            item = QListWidgetItem(str(problem))
            item.setForeground(QColor("#82071e"))
            self.problems.addItem(item)
        self.problems.setVisible(bool(problems))
        self.problems.setMaximumHeight(120)
        self.blocked_label = QLabel(
            self.tr(
                "{n} problem(s): nothing is written while any of them remains. Fix the "
                "values, or leave those configs out, and try again."
            ).format(n=len(problems))
        )
        self.blocked_label.setStyleSheet("color: #82071e;")
        self.blocked_label.setVisible(bool(problems))
        self.delete_box = QCheckBox(self.tr("Also delete keys the bundle does not have"))
        self.delete_box.setVisible(delete_missing is not None)
        self.delete_box.setChecked(bool(delete_missing))
        self.delete_box.toggled.connect(self.delete_missing_toggled)
        self.comment_edit = QLineEdit()
        self.comment_edit.setPlaceholderText(self.tr("Why? Saved in the change journal"))
        self.comment_edit.setMaxLength(2000)
        buttons, self.confirm_button = _buttons(
            self, action.format(n=count) if count else self.tr("Nothing to write")
        )
        self.confirm_button.setEnabled(count > 0 and not problems)
        self.confirm_button.setAutoDefault(False)  # Enter in the comment must not write

        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addWidget(split, 1)
        layout.addWidget(self.blocked_label)
        layout.addWidget(self.problems)
        layout.addWidget(self.delete_box)
        layout.addWidget(self.comment_edit)
        layout.addWidget(buttons)
        self.resize(980, 620)
        first = next((c for t in tenants for c in t.changes), None)
        if first is not None:
            self.select(first.key)

    @property
    def comment(self) -> str:
        return self.comment_edit.text().strip()

    def _add_tenant(self, tenant: TenantPlan) -> None:
        parts = [
            self.tr("{n} created").format(n=tenant.count(CREATE)) if tenant.count(CREATE) else "",
            self.tr("{n} changed").format(n=tenant.count(CHANGE)) if tenant.count(CHANGE) else "",
            self.tr("{n} deleted").format(n=tenant.count(DELETE)) if tenant.count(DELETE) else "",
            self.tr("{n} unchanged").format(n=tenant.unchanged) if tenant.unchanged else "",
        ]
        text = self.tr("refused: {why}").format(why=tenant.refusal) if tenant.refusal else ""
        top = QTreeWidgetItem([tenant.name, text or ", ".join(p for p in parts if p)])
        if tenant.refusal:
            top.setForeground(1, QColor("#82071e"))
            top.setToolTip(1, tenant.refusal)
        self.tree.addTopLevelItem(top)
        verbs = {CREATE: self.tr("created"), CHANGE: self.tr("changed"), DELETE: self.tr("deleted")}
        for change in tenant.changes:
            item = QTreeWidgetItem([relative_name(change.key, tenant.prefix), verbs[change.kind]])
            item.setData(0, KEY_ROLE, change.key)
            item.setForeground(1, QColor(_KIND_COLOURS[change.kind]))
            top.addChild(item)
        top.setExpanded(not tenant.refusal)  # a refused tenant writes nothing: folded

    def select(self, key: bytes) -> None:
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            for row in range(top.childCount() if top is not None else 0):
                item = top.child(row) if top is not None else None
                if item is not None and item.data(0, KEY_ROLE) == key:
                    self.tree.setCurrentItem(item)
                    return

    def _on_current_changed(self, item: QTreeWidgetItem | None, _previous: Any) -> None:
        key = item.data(0, KEY_ROLE) if item is not None else None
        change = self.changes.get(bytes(key)) if key is not None else None
        if change is None:
            self.pane.show_placeholder(self.tr("Select a config to see what changes."))
            return
        self.pane.show_change(
            relative_name(change.key, self.prefixes[change.key]),
            change.old,
            change.new,
            self.tr("now") if change.old is not None else self.tr("now (absent)"),
            self.tr("bundle") if change.new is not None else self.tr("deleted"),
            self.secrets_for(change.key),
        )


def describe_plan(tenants: Sequence[TenantPlan], revision: int) -> str:
    """The preview's first lines: how many tenants and keys, and the guarantee."""
    writable = [t for t in tenants if t.changes and not t.refusal]
    count = sum(len(t.changes) for t in writable)
    refused = [t.name for t in tenants if t.refusal]
    counted = QCoreApplication.translate(
        "BundlePreviewDialog", "{count} change(s) in {n} tenant(s)"
    )
    text = "<b>{}</b>, {}".format(
        counted.format(count=count, n=len(writable)),
        QCoreApplication.translate(
            "BundlePreviewDialog",
            "compared with the cluster at revision {rev}. Each tenant is written in one "
            "transaction that is refused if anything in that tenant changed since.",
        ).format(rev=revision),
    )
    if refused:
        names = html.escape(", ".join(refused))
        too_large = QCoreApplication.translate(
            "BundlePreviewDialog", "Too large for one transaction: {names}."
        )
        text += f"<br><span style='color:#82071e'>{too_large.format(names=names)}</span>"
    return text
