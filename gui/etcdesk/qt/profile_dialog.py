"""Add, edit, test and delete connection profiles, then connect to one."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from etcdesk.core.errors import ConfigError
from etcdesk.core.etcd_store import ClusterStatus, EtcdReader, connect
from etcdesk.core.layout import load_layout
from etcdesk.core.profiles import PasswordVault, Profile, ProfileStore, split_endpoints
from etcdesk.qt.tasks import TaskRunner


class _FileField(QWidget):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("none"))
        button = QToolButton()
        button.setText("…")
        button.setToolTip(caption)
        button.clicked.connect(self._browse)
        self._caption = caption
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(button)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self._caption, self.edit.text())
        if path:
            self.edit.setText(path)

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str) -> None:
        self.edit.setText(text)


class ProfileDialog(QDialog):
    """Returns the chosen profile (and a password typed here) through ``chosen``."""

    def __init__(
        self,
        profiles: ProfileStore,
        vault: PasswordVault,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to etcd"))
        self.profiles = profiles
        self.vault = vault
        self.runner = runner
        self.chosen: Profile | None = None
        self._editing: str | None = None

        self.list = QListWidget()
        self.list.setMinimumWidth(180)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self._connect())
        add = QPushButton(self.tr("New"))
        add.setToolTip(self.tr("Add a connection profile"))
        add.clicked.connect(self._add)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self._delete)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Profiles")))
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(self.delete_button)
        left.addLayout(row)

        self.name = QLineEdit()
        self.endpoints = QLineEdit()
        self.endpoints.setPlaceholderText("127.0.0.1:2379, https://etcd-2:2379")
        self.endpoints.setToolTip(self.tr("One or more members, separated by commas"))
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("none (no authentication)"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("asked when connecting"))
        self.remember = QCheckBox(self.tr("Remember in the system keyring"))
        self.remember.setEnabled(vault.persistent)
        if not vault.persistent:
            self.remember.setToolTip(
                self.tr("No system keyring is available: passwords are kept for this session only")
            )
        self.cacert = _FileField(self.tr("CA certificate"))
        self.cert = _FileField(self.tr("Client certificate"))
        self.key = _FileField(self.tr("Client key"))
        self.layout_file = _FileField(self.tr("Layout file"))
        self.layout_file.edit.setPlaceholderText(self.tr("default (/tenants/{tenant}/{config...})"))
        self.read_only = QCheckBox(self.tr("Read-only audit mode"))
        self.read_only.setToolTip(
            self.tr("Nothing can be written through this profile, whatever the etcd user may do")
        )
        self.allow_reveal = QCheckBox(self.tr("Allow revealing secret fields"))
        self.allow_reveal.setToolTip(
            self.tr(
                "Fields marked secret are always masked; this allows showing them on request. "
                "Off by default for audit profiles."
            )
        )
        self.allow_reveal.setChecked(True)
        self.read_only.toggled.connect(lambda on: self.allow_reveal.setChecked(not on))
        self.timeout = QDoubleSpinBox()
        self.timeout.setRange(0.5, 120)
        self.timeout.setSuffix(self.tr(" s"))
        self.timeout.setValue(5)

        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Endpoints:"), self.endpoints)
        form.addRow(self.tr("User:"), self.user)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow("", self.remember)
        form.addRow(self.tr("CA certificate:"), self.cacert)
        form.addRow(self.tr("Client certificate:"), self.cert)
        form.addRow(self.tr("Client key:"), self.key)
        form.addRow(self.tr("Key layout:"), self.layout_file)
        form.addRow(self.tr("Timeout:"), self.timeout)
        form.addRow("", self.read_only)
        form.addRow("", self.allow_reveal)

        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self._test)

        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.result_label)
        right.addStretch(1)

        buttons = QDialogButtonBox()
        self.connect_button = buttons.addButton(
            self.tr("Connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.ApplyRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(self._connect)
        self.save_button.clicked.connect(self._save_current)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addLayout(left)
        top.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(top, 1)
        outer.addWidget(buttons)
        self.resize(720, 440)
        self._reload_list(profiles.last_used)
        if self.list.count() == 0:
            self._add()

    # -- list -------------------------------------------------------------------------------

    def _reload_list(self, select: str = "") -> None:
        self.list.clear()
        for profile in self.profiles.sorted():
            item = QListWidgetItem(profile.name)
            if profile.read_only:
                item.setToolTip(self.tr("Read-only audit profile"))
            self.list.addItem(item)
            if profile.name == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.delete_button.setEnabled(self.list.count() > 0)

    def _on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is None:
            return
        profile = self.profiles.get(current.text())
        if profile is not None:
            self._show(profile)

    def _show(self, profile: Profile) -> None:
        self._editing = profile.name if profile.name in self.profiles.profiles else None
        self.name.setText(profile.name)
        self.endpoints.setText(", ".join(profile.endpoints))
        self.user.setText(profile.user)
        self.password.clear()
        self.cacert.setText(profile.cacert)
        self.cert.setText(profile.cert)
        self.key.setText(profile.key)
        self.layout_file.setText(profile.layout)
        self.read_only.setChecked(profile.read_only)
        self.allow_reveal.setChecked(profile.reveal_allowed())
        self.timeout.setValue(profile.timeout)
        self.result_label.clear()

    def _add(self) -> None:
        self.list.clearSelection()
        base, n = "local", 1
        name = base
        while name in self.profiles.profiles:
            n += 1
            name = f"{base}-{n}"
        self._show(Profile(name=name))
        self._editing = None
        self.name.setFocus()
        self.name.selectAll()

    def _delete(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete profile"),
            self.tr("Delete the profile “{name}”? Its saved password is forgotten too.").format(
                name=item.text()
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.profiles.remove(item.text())
        self.vault.forget(item.text())
        self.profiles.save()
        self._reload_list()
        if self.list.count() == 0:
            self._add()

    # -- editing ----------------------------------------------------------------------------

    def current_profile(self) -> Profile:
        endpoints = split_endpoints(self.endpoints.text())
        if not self.name.text().strip():
            raise ConfigError(self.tr("Give the profile a name."))
        if not endpoints:
            raise ConfigError(self.tr("Enter at least one endpoint, e.g. 127.0.0.1:2379."))
        layout = self.layout_file.text()
        if layout:
            load_layout(layout)  # a bad layout file is reported now, not after connecting
        return Profile(
            name=self.name.text().strip(),
            endpoints=endpoints,
            user=self.user.text().strip(),
            cacert=self.cacert.text(),
            cert=self.cert.text(),
            key=self.key.text(),
            read_only=self.read_only.isChecked(),
            layout=layout,
            timeout=self.timeout.value(),
            allow_reveal=self.allow_reveal.isChecked(),
        )

    def _save_current(self) -> Profile | None:
        try:
            profile = self.current_profile()
        except ConfigError as exc:
            self._show_result(str(exc), ok=False)
            return None
        self.profiles.put(profile, old_name=self._editing)
        if self.password.text():
            self.vault.set(profile.name, self.password.text(), remember=self.remember.isChecked())
        self.profiles.save()
        self._editing = profile.name
        self._reload_list(profile.name)
        return profile

    def _show_result(self, text: str, ok: bool) -> None:
        color = "#1a7f37" if ok else "#b42318"
        self.result_label.setStyleSheet(f"color: {color};")
        self.result_label.setText(text)

    def _password_for(self, profile: Profile) -> str | None:
        return self.password.text() or self.vault.get(profile.name)

    def _test(self) -> None:
        try:
            profile = self.current_profile()
        except ConfigError as exc:
            self._show_result(str(exc), ok=False)
            return
        spec = profile.spec(self._password_for(profile))
        self.test_button.setEnabled(False)
        self._show_result(self.tr("Connecting…"), ok=True)

        def probe() -> ClusterStatus:
            store: EtcdReader = connect(spec, read_only=True)
            try:
                return store.status()
            finally:
                store.close()

        self.runner.submit(probe, on_done=self._on_test_ok, on_error=self._on_test_failed)

    def _on_test_ok(self, status: ClusterStatus) -> None:
        self.test_button.setEnabled(True)
        self._show_result(
            self.tr("Connected to etcd {version} at {endpoint}, revision {rev}.").format(
                version=status.version, endpoint=status.endpoint, rev=status.revision
            ),
            ok=True,
        )

    def _on_test_failed(self, error: BaseException) -> None:
        self.test_button.setEnabled(True)
        self._show_result(str(error), ok=False)

    def _connect(self) -> None:
        profile = self._save_current()
        if profile is None:
            return
        self.profiles.last_used = profile.name
        self.profiles.save()
        self.chosen = replace(profile)
        self.accept()
