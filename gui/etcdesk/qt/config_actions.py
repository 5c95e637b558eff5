"""Create and delete configs and tenants: dialogs, confirmation, guarded transactions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from etcdesk.core.documents import render
from etcdesk.core.edits import SaveResult, create_values, delete_group, delete_value
from etcdesk.core.etcd_store import EtcdStore
from etcdesk.core.keytree import Group
from etcdesk.core.layout import display
from etcdesk.core.schemas import SchemaRegistry
from etcdesk.core.values import ValueFormat
from etcdesk.qt.session import Session


def initial_value(
    registry: SchemaRegistry, schema: dict[str, Any] | None, fmt: ValueFormat
) -> bytes:
    """A new config's first value: its schema's defaults, or empty when it has no schema."""
    if schema is None:
        return b""
    return render(registry.default_for(schema), fmt).encode("utf-8")


class NewConfigDialog(QDialog):
    def __init__(
        self, tenants: list[str], configs: list[str], tenant: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New config"))
        self.tenant = QComboBox()
        self.tenant.setEditable(True)
        self.tenant.addItems(tenants)
        self.tenant.setCurrentText(tenant)
        self.config = QComboBox()
        self.config.setEditable(True)
        self.config.addItems(configs)
        self.config.setToolTip(self.tr("A config path such as ratelimit or routing/eu-west"))
        self.format = QComboBox()
        self.format.addItem("JSON", ValueFormat.JSON)
        self.format.addItem("YAML", ValueFormat.YAML)
        form = QFormLayout()
        form.addRow(self.tr("Tenant:"), self.tenant)
        form.addRow(self.tr("Config:"), self.config)
        form.addRow(self.tr("Format:"), self.format)
        note = QLabel(self.tr("The value starts from its schema's defaults, ready to edit."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)


class NewTenantDialog(QDialog):
    def __init__(
        self, tenants: list[str], configs: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New tenant"))
        self.tenant = QLineEdit()
        self.tenant.setPlaceholderText(self.tr("tenant id, e.g. acme-corp or 华东物流"))
        self.from_defaults = QRadioButton(self.tr("Start from schema defaults for:"))
        self.from_defaults.setChecked(True)
        self.config_boxes = [QCheckBox(name) for name in configs]
        for box in self.config_boxes:
            box.setChecked(True)
        self.from_tenant = QRadioButton(self.tr("Copy every config of tenant:"))
        self.template = QComboBox()
        self.template.addItems(tenants)
        self.template.setEnabled(False)
        self.from_tenant.toggled.connect(self.template.setEnabled)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("Tenant id:"), self.tenant)
        layout.addLayout(form)
        layout.addWidget(self.from_defaults)
        for box in self.config_boxes:
            layout.addWidget(box)
        layout.addWidget(self.from_tenant)
        layout.addWidget(self.template)
        layout.addWidget(buttons)


class ConfigActions(QObject):
    """The Config menu: New config, New tenant, Delete config, Delete tenant."""

    created = Signal(bytes)  # the key to select once it appears
    failed = Signal(str)

    def __init__(self, window: QWidget, session: Session) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.new_config_action = QAction(self.tr("&New config…"), self)
        self.new_config_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_config_action.triggered.connect(self.new_config)
        self.new_tenant_action = QAction(self.tr("New &tenant…"), self)
        self.new_tenant_action.triggered.connect(self.new_tenant)
        self.delete_config_action = QAction(self.tr("&Delete config…"), self)
        self.delete_config_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_config_action.triggered.connect(self.delete_config)
        self.delete_tenant_action = QAction(self.tr("Delete t&enant…"), self)
        self.delete_tenant_action.triggered.connect(self.delete_tenant)
        self.current_key: bytes | None = None
        self.current_group: tuple[bytes, ...] = ()

    @property
    def actions(self) -> list[QAction]:
        return [
            self.new_config_action,
            self.new_tenant_action,
            self.delete_config_action,
            self.delete_tenant_action,
        ]

    def update_enabled(self) -> None:
        writable = isinstance(self.session.store, EtcdStore) and not self.session.read_only
        for action in self.actions:
            action.setVisible(not self.session.read_only)
            action.setEnabled(writable)
        self.delete_config_action.setEnabled(writable and self.current_key is not None)
        self.delete_tenant_action.setEnabled(writable and bool(self.current_group))

    def set_current(self, key: bytes | None, group: tuple[bytes, ...]) -> None:
        self.current_key = key
        self.current_group = group
        self.update_enabled()

    # -- helpers ----------------------------------------------------------------------------

    def _store(self) -> EtcdStore | None:
        store = self.session.store
        return store if isinstance(store, EtcdStore) and not self.session.read_only else None

    def _tenants(self) -> list[str]:
        return [g.label for g in self.session.tree.top_groups() if not g.other]

    def _schema_configs(self) -> list[str]:
        return [rule.match for rule in self.session.layout.schemas if "*" not in rule.match]

    def _run(self, work: Any, done_message: str, select: bytes | None = None) -> None:
        def on_done(result: SaveResult) -> None:
            self.window.statusBar().showMessage(  # type: ignore[attr-defined]
                done_message.format(rev=result.revision), 8000
            )
            if select is not None:
                self.created.emit(select)

        def on_error(error: BaseException) -> None:
            QMessageBox.warning(self.window, self.tr("Nothing was written"), str(error))
            self.failed.emit(str(error))

        self.session.runner.submit(work, on_done=on_done, on_error=on_error)

    def _key(self, tenant: str, config: str) -> bytes:
        """The key of ``config`` for ``tenant`` (the last group level; the levels above it
        come from the selected group in layouts with several levels)."""
        layout = self.session.layout
        levels = len(layout.level_names)
        above = self.current_group[: levels - 1] if levels > 1 else ()
        if len(above) != levels - 1:
            raise ValueError(self.tr("Select a group in the tree first."))
        return layout.build((*above, tenant.encode()), config.encode())

    # -- actions ----------------------------------------------------------------------------

    def new_config(self) -> None:
        store = self._store()
        if store is None:
            return
        tenant = display(self.current_group[0]) if self.current_group else ""
        dialog = NewConfigDialog(self._tenants(), self._schema_configs(), tenant, self.window)
        if not dialog.exec():
            return
        tenant, config = dialog.tenant.currentText().strip(), dialog.config.currentText().strip()
        if not tenant or not config or "/" in tenant:
            QMessageBox.warning(
                self.window, self.tr("New config"), self.tr("Give a tenant id and a config path.")
            )
            return
        try:
            key = self._key(tenant, config)
        except ValueError as exc:
            QMessageBox.warning(self.window, self.tr("New config"), str(exc))
            return
        schema = self.session.registry.for_config(self.session.layout, config)
        value = initial_value(
            self.session.registry, schema[1] if schema else None, dialog.format.currentData()
        )
        self._run(
            lambda: create_values(store, [(key, value)], **self._journaled()),
            self.tr("Created {key} at revision {{rev}}").format(key=display(key)),
            select=key,
        )

    def new_tenant(self) -> None:
        store = self._store()
        if store is None:
            return
        dialog = NewTenantDialog(self._tenants(), self._schema_configs(), self.window)
        if not dialog.exec():
            return
        tenant = dialog.tenant.text().strip()
        if not tenant or "/" in tenant:
            QMessageBox.warning(
                self.window, self.tr("New tenant"), self.tr("Give a tenant id without '/'.")
            )
            return
        layout = self.session.layout
        registry = self.session.registry
        if dialog.from_tenant.isChecked():
            source = self.session.tree.group((dialog.template.currentText().encode(),))
            if source is None:
                return
            source_prefix = layout.group_prefix(source.path)
            keys = sorted(_group_keys(source))

            def work() -> SaveResult:
                items = []
                for key in keys:
                    kv = store.get(key).kv
                    if kv is not None:
                        items.append(
                            (
                                self._key(
                                    tenant,
                                    key[len(source_prefix) :].decode("utf-8", "surrogateescape"),
                                ),
                                kv.value,
                            )
                        )
                return create_values(store, items, **self._journaled("create-tenant"))

        else:
            items: list[tuple[bytes, bytes]] = []
            for box in dialog.config_boxes:
                if box.isChecked():
                    schema = registry.for_config(layout, box.text())
                    items.append(
                        (
                            self._key(tenant, box.text()),
                            initial_value(
                                registry, schema[1] if schema else None, ValueFormat.JSON
                            ),
                        )
                    )

            def work() -> SaveResult:
                return create_values(store, items, **self._journaled("create-tenant"))

        try:
            configs = self._schema_configs()
            first = self._key(tenant, configs[0]) if configs else None
        except ValueError as exc:
            QMessageBox.warning(self.window, self.tr("New tenant"), str(exc))
            return
        self._run(
            work, self.tr("Created tenant {t} at revision {{rev}}").format(t=tenant), select=first
        )

    def delete_config(self) -> None:
        store = self._store()
        key = self.current_key
        loaded = self.session_loaded_revision(key)
        if store is None or key is None:
            return
        answer = QMessageBox.question(
            self.window,
            self.tr("Delete config"),
            self.tr("Delete {key}? Its history stays in etcd until the cluster compacts.").format(
                key=display(key)
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def work() -> SaveResult:
            base = loaded
            if base is None:  # not shown in the editor: guard with what etcd has now
                current = store.get(key).kv
                base = current.mod_revision if current is not None else 0
            return delete_value(store, key, base, **self._journaled())

        self._run(work, self.tr("Deleted {key} at revision {{rev}}").format(key=display(key)))

    def _journaled(self, action: str | None = None) -> dict[str, Any]:
        """The journal arguments of a write: the session's journal and layout."""
        extra: dict[str, Any] = {"layout": self.session.layout, "journal": self.session.journal}
        if action is not None:
            extra["action"] = action
        return extra

    def session_loaded_revision(self, key: bytes | None) -> int | None:
        loaded = getattr(self.window, "value_panel", None)
        value = getattr(loaded, "loaded", None)
        if key is None or value is None or value.key != key or value.kv is None:
            return None
        return int(value.kv.mod_revision)

    def delete_tenant(self) -> None:
        store = self._store()
        group = self.session.tree.group(self.current_group) if self.current_group else None
        if store is None or group is None or group.other:
            return
        tenant = group.label
        text, ok = _confirm_text(
            self.window,
            self.tr("Delete tenant"),
            self.tr(
                "This deletes all {n} configs of {tenant} in one transaction.\n"
                "Type the tenant id to confirm:"
            ).format(n=group.count, tenant=tenant),
        )
        if not ok:
            return
        if text != tenant:
            QMessageBox.information(
                self.window,
                self.tr("Delete tenant"),
                self.tr("The id did not match; nothing was deleted."),
            )
            return
        prefix = self.session.layout.group_prefix(group.path)
        keys = sorted(_group_keys(group))

        def work() -> SaveResult:
            expected = {}
            for key in keys:
                kv = store.get(key).kv
                if kv is not None:
                    expected[key] = kv.mod_revision
            return delete_group(store, prefix, expected, **self._journaled("delete-tenant"))

        self._run(work, self.tr("Deleted tenant {t} at revision {{rev}}").format(t=tenant))


def _group_keys(group: Group) -> set[bytes]:
    keys = set(group.leaves.values())
    for child in group.groups.values():
        keys |= _group_keys(child)
    return keys


def _confirm_text(parent: QWidget, title: str, label: str) -> tuple[str, bool]:
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getText(parent, title, label)
    return text.strip(), ok
