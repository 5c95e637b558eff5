"""The main window: assembles the tree, the value panel, actions and the status bar.

It holds no business logic: connecting, listing and reading live in ``Session``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from etcdesk.core.browse import LoadedValue
from etcdesk.core.crashlog import log_path
from etcdesk.core.errors import ConfigError
from etcdesk.core.etcd_store import ClusterStatus, EtcdStore
from etcdesk.core.layout import Layout, display, load_layout, prefix_range_end
from etcdesk.core.profiles import PasswordVault, Profile, ProfileStore
from etcdesk.core.quick_match import Candidate
from etcdesk.core.schemas import all_secret_paths
from etcdesk.core.search import secrets_lookup
from etcdesk.core.watcher import WatchState, WatchStatus
from etcdesk.qt import theme
from etcdesk.qt.config_actions import ConfigActions
from etcdesk.qt.history_panel import HistoryPanel
from etcdesk.qt.icons import icon
from etcdesk.qt.profile_dialog import ProfileDialog
from etcdesk.qt.quick_open import QuickOpenIndex
from etcdesk.qt.save_flow import SaveFlow
from etcdesk.qt.session import Session, State
from etcdesk.qt.settings import UiSettings
from etcdesk.qt.theme import ThemeManager
from etcdesk.qt.tree_panel import TreePanel
from etcdesk.qt.value_panel import ValuePanel

PASSWORD_ENV = "ETCDESK_PASSWORD"


class MainWindow(QMainWindow):
    def __init__(
        self,
        session: Session,
        profiles: ProfileStore,
        vault: PasswordVault,
        settings: UiSettings,
        force_read_only: bool = False,
        ask_password: Callable[[Profile], str | None] | None = None,
        themes: ThemeManager | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.themes = themes  # None: the application's look is left as it is (tests)
        self.session = session
        self.profiles = profiles
        self.vault = vault
        self.settings = settings
        self.force_read_only = force_read_only
        self.ask_password = ask_password or self._ask_password
        self.profile: Profile | None = None
        self._model_updating = False
        self.setWindowTitle("etcdesk")
        self.setWindowIcon(icon("etcdesk"))

        self.tree_panel = TreePanel(session.model)
        self.value_panel = ValuePanel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree_panel)
        self.splitter.addWidget(self.value_panel)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.audit_banner = QLabel()
        self.audit_banner.setObjectName("auditBanner")
        self.audit_banner.setWordWrap(True)
        self.audit_banner.hide()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.audit_banner)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.history_panel = HistoryPanel(session.runner)
        self.history_panel.page_size = settings.history_page_size
        self.history_dock = QDockWidget(self.tr("History"), self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history_panel)
        self.history_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.history_dock)
        self.history_dock.hide()

        self._build_actions()
        self._build_status_bar()

        session.state_changed.connect(self._on_state_changed)
        session.status_received.connect(self._on_status_received)
        session.tree_reset.connect(self.tree_panel.set_full_tree)
        session.listing_progressed.connect(self.tree_panel.set_progress)
        session.listing_finished.connect(self._on_listing_finished)
        session.value_loaded.connect(self._on_value_loaded)
        session.value_failed.connect(self.value_panel.show_error)
        session.value_locked.connect(self.value_panel.show_locked)
        session.audit_warning_changed.connect(
            lambda text: self.show_audit_banner(self.session.read_only, text)
        )
        session.watch_status_changed.connect(self._on_watch_status)
        session.view_revision_changed.connect(self._on_view_revision)
        session.keys_changed.connect(self._on_keys_changed)
        self.save_flow = SaveFlow(self, session, self.value_panel.editor)
        self.save_flow.preview_diff = settings.diff_before_save
        self.preview_action.setChecked(settings.diff_before_save)
        self.save_flow.preview_changed.connect(self.preview_action.setChecked)
        self.tree_panel.group_selected.connect(
            lambda path: self.config_actions.set_current(None, path)
        )
        self.tree_panel.group_selected.connect(lambda _path: self._update_timeline_action())
        session.state_changed.connect(lambda *_args: self._update_timeline_action())
        tree_view = self.tree_panel.view
        tree_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        separator = QAction(self)
        separator.setSeparator(True)
        for action in (
            self.history_action,
            self.timeline_action,
            separator,
            *self.config_actions.actions,
        ):
            tree_view.addAction(action)
        self.config_actions.created.connect(self._select_when_listed)
        session.changes_applied.connect(self._on_changes_applied)
        session.state_changed.connect(lambda *_args: self.config_actions.update_enabled())
        self._pending_select: bytes | None = None
        self._quick_index: QuickOpenIndex | None = None  # built on the first Ctrl+K
        self.value_panel.editor.save_requested.connect(self.save)
        self.value_panel.editor.revert_requested.connect(self.revert)
        self.save_flow.saved.connect(self._on_saved)
        self.tree_panel.key_selected.connect(self._on_key_selected)
        self.tree_panel.selection_cleared.connect(self._on_selection_cleared)
        session.changes_about_to_apply.connect(lambda: self._set_model_updating(True))
        session.changes_applied.connect(lambda _change: self._set_model_updating(False))
        self.value_panel.retry_requested.connect(self._on_key_selected)
        session.state_changed.connect(self._on_state_for_history)
        self.history_dock.visibilityChanged.connect(self._on_history_visibility)
        self.history_panel.status_message.connect(
            lambda text: self.statusBar().showMessage(text, 8000)
        )
        self.history_panel.rolled_back.connect(self._on_saved)
        self.history_panel.current_edit = self._current_edit
        self.save_flow.saved.connect(lambda _key, _rev: self._refresh_history())

        self._restore_layout()
        self._apply_colors()
        self.tree_panel.show_message(
            self.tr("Not connected.\nUse Connection › Connect… (Ctrl+O) to open a cluster.")
        )

    # -- construction -----------------------------------------------------------------------

    def _build_actions(self) -> None:
        menu = self.menuBar()
        connection = menu.addMenu(self.tr("&Connection"))
        self.connect_action = QAction(self.tr("&Connect…"), self)
        self.connect_action.setShortcut(QKeySequence.StandardKey.Open)
        self.connect_action.setToolTip(self.tr("Choose or edit a connection profile"))
        self.connect_action.triggered.connect(self.show_connect_dialog)
        self.reload_action = QAction(self.tr("&Reload"), self)
        self.reload_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.reload_action.setToolTip(self.tr("List all keys again and reload the shown value"))
        self.reload_action.triggered.connect(self.reload)
        self.reconnect_action = QAction(self.tr("Re&connect"), self)
        self.reconnect_action.setToolTip(
            self.tr("Reconnect now instead of waiting for the next automatic attempt")
        )
        self.reconnect_action.triggered.connect(self.reconnect)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        quit_action.setToolTip(self.tr("Close the window (asks about unsaved edits)"))
        quit_action.triggered.connect(self.close)
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Comma))
        self.settings_action.setToolTip(self.tr("Language, theme, diff before saving, page sizes"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.show_settings)
        connection.addAction(self.connect_action)
        connection.addAction(self.reload_action)
        connection.addAction(self.reconnect_action)
        connection.addSeparator()
        connection.addAction(self.settings_action)
        connection.addSeparator()
        connection.addAction(quit_action)

        view = menu.addMenu(self.tr("&View"))
        self.filter_action = QAction(self.tr("&Filter keys"), self)
        self.filter_action.setShortcut(QKeySequence.StandardKey.Find)
        self.filter_action.setToolTip(
            self.tr("Show only the tenants and configs whose path contains some text")
        )
        self.filter_action.triggered.connect(self.focus_filter)
        collapse = QAction(self.tr("Collapse all"), self)
        collapse.triggered.connect(self.tree_panel.view.collapseAll)
        self.find_action = QAction(self.tr("Find in &values…"), self)
        self.find_action.setShortcut(
            QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_F)
        )
        self.find_action.setToolTip(
            self.tr("Search the values of every key, or of one tenant, for text or a pattern")
        )
        self.find_action.triggered.connect(self.show_find_in_values)
        self.find_action.setEnabled(False)
        view.addAction(self.filter_action)
        view.addAction(self.find_action)
        view.addAction(collapse)
        view.addSeparator()
        self.history_action = self.history_dock.toggleViewAction()
        self.history_action.setText(self.tr("&History of the selected key"))
        self.history_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_H))
        self.history_action.setToolTip(
            self.tr("Revisions with who, when and why; diff and roll back")
        )
        view.addAction(self.history_action)
        self.addAction(self.history_action)
        self.timeline_action = QAction(self.tr("Tenant &timeline…"), self)
        self.timeline_action.setShortcut(
            QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_H)
        )
        self.timeline_action.setToolTip(
            self.tr("Every revision that touched the selected tenant; roll the tenant back")
        )
        self.timeline_action.triggered.connect(self.show_tenant_timeline)
        self.timeline_action.setEnabled(False)
        view.addAction(self.timeline_action)
        self.addAction(self.timeline_action)
        self.journal_action = QAction(self.tr("Change &journal…"), self)
        self.journal_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_J))
        self.journal_action.setToolTip(
            self.tr("Who changed what and why through etcdesk, filtered by tenant, user and time")
        )
        self.journal_action.triggered.connect(self.show_journal)
        self.journal_action.setEnabled(False)
        view.addAction(self.journal_action)
        self.addAction(self.journal_action)
        view.addSeparator()
        self.preview_action = QAction(self.tr("Preview the diff before saving"), self)
        self.preview_action.setCheckable(True)
        self.preview_action.setChecked(True)
        self.preview_action.toggled.connect(self._on_preview_toggled)
        view.addAction(self.preview_action)

        go = menu.addMenu(self.tr("&Go"))
        self.quick_open_action = QAction(self.tr("&Go to tenant or config…"), self)
        self.quick_open_action.setShortcuts(
            [
                QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_K),
                QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_P),
            ]
        )
        self.quick_open_action.setToolTip(
            self.tr("Type part of a tenant or config path to open it")
        )
        self.quick_open_action.triggered.connect(self.show_quick_open)
        self.next_tenant_action = QAction(self.tr("&Next tenant"), self)
        self.next_tenant_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_PageDown))
        self.next_tenant_action.setToolTip(
            self.tr("The next tenant; the same config there when it has one")
        )
        self.next_tenant_action.triggered.connect(lambda: self.step_tenant(1))
        self.previous_tenant_action = QAction(self.tr("&Previous tenant"), self)
        self.previous_tenant_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_PageUp))
        self.previous_tenant_action.setToolTip(
            self.tr("The previous tenant; the same config there when it has one")
        )
        self.previous_tenant_action.triggered.connect(lambda: self.step_tenant(-1))
        for action in (
            self.quick_open_action,
            self.next_tenant_action,
            self.previous_tenant_action,
        ):
            go.addAction(action)
            self.addAction(action)

        self.config_actions = ConfigActions(self, self.session)
        config = menu.addMenu(self.tr("Con&fig"))
        editor = self.value_panel.editor
        config.addAction(editor.save_action)
        config.addAction(editor.revert_action)
        config.addSeparator()
        for action in (editor.save_action, *self.config_actions.actions):
            config.addAction(action) if action is not editor.save_action else None
            self.addAction(action)
        from etcdesk.qt.bundle_actions import BundleActions

        self.bundle_actions = BundleActions(self, self.session)
        config.addSeparator()
        for action in self.bundle_actions.actions:
            config.addAction(action)
        self.session.state_changed.connect(lambda *_a: self.bundle_actions.update_enabled())
        self.bundle_actions.written.connect(lambda _rev: self._after_group_write())

        help_menu = menu.addMenu(self.tr("&Help"))
        self.shortcuts_action = QAction(self.tr("&Keyboard shortcuts"), self)
        self.shortcuts_action.setShortcuts(
            [
                QKeySequence(Qt.Key.Key_F1),
                QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Slash),
            ]
        )
        self.shortcuts_action.setToolTip(self.tr("Every keyboard shortcut of the window"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.about_action = QAction(self.tr("&About etcdesk"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)
        for action in (
            self.connect_action,
            self.reload_action,
            self.filter_action,
            self.find_action,
            self.settings_action,
            self.shortcuts_action,
            quit_action,
        ):
            self.addAction(action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.state_label = QLabel()
        self.endpoint_label = QLabel()
        self.revision_label = QLabel()
        self.live_label = QLabel()
        self.mode_label = QLabel()
        bar.addWidget(self.state_label, 1)
        bar.addPermanentWidget(self.mode_label)
        bar.addPermanentWidget(self.live_label)
        bar.addPermanentWidget(self.endpoint_label)
        bar.addPermanentWidget(self.revision_label)
        self._on_state_changed(State.DISCONNECTED, "")

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        splitter = self.settings.splitter
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([440, 760])
        state = self.settings.window_state
        if state is not None:
            self.restoreState(state)

    # -- connecting -------------------------------------------------------------------------

    def show_connect_dialog(self) -> None:
        dialog = ProfileDialog(self.profiles, self.vault, self.session.runner, self)
        if dialog.exec() and dialog.chosen is not None:
            self.open_profile(dialog.chosen)

    def _ask_password(self, profile: Profile) -> str | None:
        text, ok = QInputDialog.getText(
            self,
            self.tr("Password"),
            self.tr("Password for {user} on {profile}:").format(
                user=profile.user, profile=profile.name
            ),
            QLineEdit.EchoMode.Password,
        )
        return text if ok else None

    def open_profile(self, profile: Profile) -> bool:
        """Connect to ``profile``; asks for a password when it needs one and none is known."""
        if not self.confirm_leave():
            return False
        password = None
        if profile.user:
            password = os.environ.get(PASSWORD_ENV) or self.vault.get(profile.name)
            if password is None:
                password = self.ask_password(profile)
                if password is None:
                    return False
                self.vault.set(profile.name, password, remember=False)
        try:
            layout = load_layout(profile.layout or None)
        except ConfigError as exc:
            QMessageBox.warning(self, self.tr("Bad layout"), str(exc))
            return False
        self.profile = profile
        read_only = profile.read_only or self.force_read_only
        self.mode_label.setText(self.tr("Audit mode: read only") if read_only else "")
        self.show_audit_banner(read_only)
        self.setWindowTitle(f"{profile.name} — etcdesk")
        self.endpoint_label.setText(", ".join(profile.endpoints))
        self.revision_label.clear()
        self.value_panel.show_empty()
        self._open(profile, password, layout, read_only)
        return True

    def show_audit_banner(self, read_only: bool, warning: str = "") -> None:
        """The audit-mode banner: says nothing can be written (and any warning about the user)."""
        text = self.tr(
            "🔒 Audit mode: read only. This window cannot write to etcd: the connection refuses "
            "every write before it is sent, and no editing control is offered."
        )
        if warning:
            text += "\n⚠ " + warning
        self.audit_banner.setText(text)
        self.audit_banner.setVisible(read_only)

    def _open(self, profile: Profile, password: str | None, layout: Layout, ro: bool) -> None:
        self.session.open(profile.spec(password), layout, read_only=ro)

    def reconnect(self) -> None:
        """Restart the watch if the connection is up; otherwise connect again."""
        if self.session.store is not None and self.session.view_revision:
            self.session.reconnect_watch()
        elif self.profile is not None:
            self.open_profile(self.profile)

    def reload(self) -> None:
        if self.session.store is None:
            self.reconnect()
            return
        self.session.reload()
        key = self.value_panel.key
        if key is not None:
            self._on_key_selected(key)

    def focus_filter(self) -> None:
        self.tree_panel.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.tree_panel.filter.selectAll()

    # -- session events ---------------------------------------------------------------------

    def _on_state_changed(self, state: State, detail: str) -> None:
        texts = {
            State.DISCONNECTED: self.tr("Not connected"),
            State.CONNECTING: self.tr("Connecting to {detail}…").format(detail=detail),
            State.LOADING: self.tr("Connected · loading keys…"),
            State.CONNECTED: self.tr("Connected"),
            State.FAILED: self.tr("Error: {detail}").format(detail=detail),
        }
        self.state_label.setText(texts[state])
        self.state_label.setToolTip(detail)
        colors = {State.CONNECTED: "ok", State.FAILED: "error"}
        self.state_label.setStyleSheet(
            f"color: {theme.color(colors[state])};" if state in colors else ""
        )
        if state is State.FAILED and self.session.store is None:
            self.tree_panel.progress.hide()
            self.tree_panel.show_message(
                self.tr(
                    "Could not connect.\n\n{detail}\n\n"
                    "Use Connection › Reconnect to retry, or Connection › Connect… (Ctrl+O)"
                    " to pick another profile."
                ).format(detail=detail)
            )
        elif state is State.FAILED:
            self.tree_panel.progress.hide()
            if self.session.model.rowCount() == 0:
                self.tree_panel.show_message(
                    self.tr("Could not list keys.\n\n{detail}").format(detail=detail)
                )

    def _on_status_received(self, status: ClusterStatus) -> None:
        self.endpoint_label.setText(
            self.tr("etcd {version} at {endpoint}").format(
                version=status.version, endpoint=status.endpoint
            )
        )
        self.revision_label.setToolTip(
            self.tr("Cluster revision {rev} at the last status check").format(rev=status.revision)
        )

    def _on_view_revision(self, revision: int) -> None:
        self.revision_label.setText(self.tr("view at revision {rev}").format(rev=revision))

    def _on_watch_status(self, status: WatchStatus) -> None:
        since = time.strftime("%H:%M:%S", time.localtime(status.since))
        texts = {
            WatchState.CONNECTING: (self.tr("● connecting"), "muted"),
            WatchState.LIVE: (self.tr("● live"), "ok"),
            WatchState.RECONNECTING: (
                self.tr("● reconnecting since {since}").format(since=since),
                "warning",
            ),
            WatchState.FAILED: (
                self.tr("● not live: {reason}").format(reason=status.reason),
                "error",
            ),
            WatchState.STOPPED: (self.tr("● not live"), "muted"),
        }
        text, color = texts[status.state]
        self.live_label.setText(text)
        self.live_label.setStyleSheet(f"color: {theme.color(color)};")
        tip = self.tr("Live updates through {endpoint}").format(endpoint=status.endpoint)
        self.live_label.setToolTip(f"{tip}\n{status.reason}" if status.reason else tip)

    def _on_keys_changed(self, keys: frozenset[bytes], resynced: bool) -> None:
        """Refresh the shown value when someone else changed or deleted it."""
        key = self.value_panel.key
        if key is not None and (resynced or key in keys):
            self.session.load_value(key)
            self._refresh_history()

    # -- history ----------------------------------------------------------------------------

    def _on_state_for_history(self, state: State, _detail: str) -> None:
        store = self.session.store
        if state in (State.LOADING, State.CONNECTED) and store is not None:
            writable = (
                store if isinstance(store, EtcdStore) and not self.session.read_only else None
            )
            self.history_panel.set_connection(
                store, writable, self.session.layout, self.session.journal, self.session.registry
            )
        elif state is State.DISCONNECTED:
            self.history_panel.set_connection(None, None, None, None)
            self.history_panel.show_key(None)

    def _secrets_for(self, key: bytes) -> tuple[tuple[str | int, ...], ...]:
        found = self.session.schema_for(key)
        return all_secret_paths(self.session.registry, found[1]) if found else ()

    def _on_history_visibility(self, visible: bool) -> None:
        if visible and self.history_panel.key != self.value_panel.key:
            self._refresh_history(force=True)

    def _refresh_history(self, force: bool = False) -> None:
        """Follow the shown key while the history is visible (no reads for a hidden panel)."""
        if not (self.history_dock.isVisible() or force):
            return
        key = self.value_panel.key
        self.history_panel.registry = self.session.registry
        self.history_panel.show_key(key, self._secrets_for(key) if key is not None else ())

    def show_history(self, key: bytes, deleted_at: int = 0) -> None:
        """Open the history of ``key`` (also a deleted one, from a timeline or the journal)."""
        self.history_dock.show()
        self.history_dock.raise_()
        self.history_panel.show_key(key, self._secrets_for(key), deleted_at)

    def _update_timeline_action(self) -> None:
        group = self.config_actions.current_group
        self.timeline_action.setEnabled(self.session.store is not None and bool(group))
        self.journal_action.setEnabled(
            self.session.store is not None and self.session.layout.journal is not None
        )
        self.find_action.setEnabled(self.session.store is not None)

    def show_journal(self) -> None:
        """The change journal of the connected cluster, in a window of its own."""
        from etcdesk.qt.journal_dialog import JournalDialog

        reader, prefix = self.session.store, self.session.layout.journal
        if reader is None or prefix is None:
            return
        groups = [
            display(group.name) for group in self.session.tree.top_groups() if not group.other
        ]
        dialog = JournalDialog(self.session.runner, reader, prefix, groups, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.key_requested.connect(lambda key: self._on_timeline_key(key, 0))
        self.journal_dialog = dialog
        dialog.show()

    def show_tenant_timeline(self) -> None:
        """The timeline of the selected tenant, in a window of its own."""
        from etcdesk.qt.timeline_dialog import TenantTimelineDialog

        reader, group = self.session.store, self.config_actions.current_group
        if reader is None or not group:
            return
        layout = self.session.layout
        writable = reader if isinstance(reader, EtcdStore) and not self.session.read_only else None
        dialog = TenantTimelineDialog(
            self.session.runner,
            reader,
            writable,
            layout,
            self.session.journal,
            layout.group_prefix(group),
            "/".join(display(part) for part in group),
            self._secrets_for,
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.key_requested.connect(self._on_timeline_key)
        dialog.rolled_back.connect(lambda _revision: self._after_group_write())
        self.timeline_dialog = dialog
        dialog.show()

    def _on_timeline_key(self, key: bytes, deleted_at: int) -> None:
        if not deleted_at and self.tree_panel.select_key(key):
            self.history_dock.show()
            return
        self.show_history(key, deleted_at)

    def _after_group_write(self) -> None:
        key = self.value_panel.key
        if key is not None and not self.value_panel.editor.dirty:
            self.session.load_value(key)
        self._refresh_history()

    def _current_edit(self) -> bytes | None:
        editor = self.value_panel.editor
        return editor.current_text().encode("utf-8") if editor.dirty else None

    def _on_listing_finished(self, revision: int, count: int, seconds: float) -> None:
        self.tree_panel.listing_finished()
        self.statusBar().showMessage(
            self.tr("Listed {count} keys at revision {rev} in {secs:.2f} s").format(
                count=f"{count:,}", rev=revision, secs=seconds
            ),
            8000,
        )
        key = self.value_panel.key
        if key is not None:
            self.tree_panel.select_key(key)

    def _on_preview_toggled(self, on: bool) -> None:
        self.settings.diff_before_save = on
        if hasattr(self, "save_flow"):
            self.save_flow.preview_diff = on

    def _set_model_updating(self, updating: bool) -> None:
        self._model_updating = updating

    def _on_selection_cleared(self) -> None:
        # A remote delete removes the selected row; keep the panel, which then says the key
        # no longer exists, instead of jumping to the empty state.
        if self._model_updating:
            return
        current = self.value_panel.key
        if current is not None and not self.confirm_leave():
            self._reselect(current)  # clicking a tenant row must not drop unsaved edits
            return
        self.value_panel.show_empty()

    def _reselect(self, key: bytes) -> None:
        selection = self.tree_panel.view.selectionModel()
        selection.blockSignals(True)
        try:
            self.tree_panel.select_key(key)
        finally:
            selection.blockSignals(False)

    def _select_when_listed(self, key: bytes) -> None:
        """Select a key just created, as soon as the watch has put it in the tree."""
        if not self.tree_panel.select_key(key):
            self._pending_select = key

    def _on_changes_applied(self, _change: object) -> None:
        key = self._pending_select
        if key is not None and self.tree_panel.select_key(key):
            self._pending_select = None

    def _on_key_selected(self, key: bytes) -> None:
        path = self.session.layout.parse(key)
        self.config_actions.set_current(key, path.groups if path and not path.other else ())
        self._update_timeline_action()
        current = self.value_panel.key
        if key != current and current is not None and not self.confirm_leave():
            if self.value_panel.editor.dirty:  # stay on the edited key
                self._reselect(current)
            return
        self.value_panel.show_loading(key)
        self.session.load_value(key)
        self._refresh_history()

    def confirm_leave(self) -> bool:
        """Ask before unsaved edits are lost; True when it is fine to go on."""
        editor = self.value_panel.editor
        if not editor.dirty:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Your edits to {key} are not saved.").format(
                key=display(self.value_panel.key or b"")
            ),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Discard:
            return True
        if answer == QMessageBox.StandardButton.Save:
            self.save()
        return False

    def save(self) -> None:
        if self.session.read_only:
            return
        self.save_flow.save()

    def revert(self) -> None:
        key = self.value_panel.key
        if key is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Revert"), self.tr("Drop your edits and reload the value from etcd?")
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.value_panel.show_loading(key)
            self.session.load_value(key)

    def _on_saved(self, key: bytes, _revision: int) -> None:
        if key == self.value_panel.key:
            self.session.load_value(key)

    def _on_value_loaded(self, loaded: LoadedValue) -> None:
        panel = self.value_panel
        if loaded.key != panel.key:
            return
        if panel.editor.dirty and panel.loaded is not None:
            # A refresh while editing: keep the edits, say what happened remotely.
            if loaded.kv is None or (
                panel.loaded.kv is not None
                and loaded.kv.mod_revision != panel.loaded.kv.mod_revision
            ):
                panel.show_remote_change(
                    loaded.revision if loaded.kv is None else loaded.kv.mod_revision,
                    loaded.kv is None,
                )
            return
        writable = not self.session.read_only and isinstance(self.session.store, EtcdStore)
        reveal = self.profile is not None and self.profile.reveal_allowed(self.session.read_only)
        panel.show_value(
            loaded,
            self.session.schema_for(loaded.key),
            self.session.registry,
            editable=writable,
            allow_reveal=reveal,
        )
        self.save_flow.set_loaded(loaded)

    # -- keyboard navigation and tools ------------------------------------------------------

    def show_quick_open(self) -> None:
        """Ctrl+K / Ctrl+P: type part of any tenant or config path; Enter opens it."""
        from etcdesk.qt.quick_open import QuickOpen

        if self._quick_index is None:
            self._quick_index = QuickOpenIndex(self.session)
        popup = QuickOpen(self._quick_index.get(), self)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.chosen.connect(self.open_candidate)
        self.quick_open = popup
        popup.popup()

    def open_candidate(self, candidate: Candidate) -> None:
        from etcdesk.qt.navigation import reveal

        if not reveal(self.tree_panel, candidate):
            self.statusBar().showMessage(
                self.tr("{path} is no longer listed").format(path=candidate.label), 8000
            )
            return
        self.tree_panel.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def step_tenant(self, step: int) -> None:
        """Next (1) or previous (-1) tenant; keeps the open config when that tenant has it."""
        from etcdesk.qt.navigation import step_tenant

        if not step_tenant(self.tree_panel, step):
            self.statusBar().showMessage(
                self.tr("No next tenant") if step > 0 else self.tr("No previous tenant"), 4000
            )

    def show_find_in_values(self) -> None:
        """Ctrl+Shift+F: search the values under the root, or the selected tenant."""
        from etcdesk.qt.find_dialog import FindInValuesDialog, Scope

        reader = self.session.store
        if reader is None:
            return
        layout, tree = self.session.layout, self.session.tree
        root = layout.root
        scopes = [
            Scope(self.tr("Every key under {root}").format(root=display(root)), root, len(tree))
        ]
        group = self.config_actions.current_group
        node = tree.group(group) if group else None
        if group and node is not None:
            name = "/".join(display(part) for part in group)
            scopes.append(
                Scope(
                    self.tr("Tenant {name}").format(name=name),
                    layout.group_prefix(group),
                    node.count,
                )
            )
        readable = self.session.readable or [(root, prefix_range_end(root))]
        dialog = FindInValuesDialog(
            self.session.runner,
            reader,
            root,
            scopes,
            readable,
            secrets_lookup(layout, self.session.registry),
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.key_requested.connect(self._on_found_key)
        self.find_dialog = dialog
        dialog.show()

    def _on_found_key(self, key: bytes) -> None:
        from etcdesk.qt.navigation import reveal

        if not reveal(self.tree_panel, Candidate(display(key), key=key)):
            self.statusBar().showMessage(
                self.tr("{key} is no longer listed").format(key=display(key)), 8000
            )

    def show_settings(self) -> None:
        from etcdesk.qt.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        self.settings_dialog = dialog
        if not dialog.exec():
            return
        dialog.apply()
        self.apply_settings()

    def apply_settings(self) -> None:
        """Apply the stored preferences that take effect at once (the listing page size with
        the next listing). The language waits for a restart."""
        settings = self.settings
        self.preview_action.setChecked(settings.diff_before_save)
        self.session.page_size = settings.page_size
        self.history_panel.page_size = settings.history_page_size
        if self.themes is not None:
            self.themes.apply(settings.theme)

    def show_shortcuts(self) -> None:
        """F1: every shortcut of the window, read from its actions."""
        from etcdesk.qt.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        self.shortcuts_dialog = dialog
        dialog.exec()

    def _apply_colors(self) -> None:
        """Colors set in code, for the current palette (again after a theme change)."""
        self.audit_banner.setStyleSheet(
            "QLabel#auditBanner {"
            f" background: {theme.color('banner_bg')}; color: {theme.color('banner_fg')};"
            f" padding: 6px 10px; border-bottom: 1px solid {theme.color('banner_border')};"
            " font-weight: bold; }"
        )
        self.mode_label.setStyleSheet(f"color: {theme.color('warning')}; font-weight: bold;")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # A new application palette (a theme applied, the system's scheme changed) reaches the
        # window as PaletteChange once its own palette is resolved again.
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "mode_label"):
            self._apply_colors()
            self._on_state_changed(self.session.state, self.state_label.toolTip())
            if self.session.watch_status is not None:
                self._on_watch_status(self.session.watch_status)
            self.session.model.refresh_icons()  # icons for the new palette
            highlighter = self.value_panel.highlighter
            highlighter.set_palette(theme.is_dark())
            highlighter.rehighlight()

    # -- misc -------------------------------------------------------------------------------

    def show_about(self) -> None:
        from etcdesk.qt.about_dialog import AboutDialog, runtime_versions

        status = self.session.status
        if status is not None:
            server = self.tr("{version} at {endpoint}").format(
                version=status.version, endpoint=status.endpoint
            )
        else:
            server = self.tr("not connected")
        facts = [
            *runtime_versions(),
            (self.tr("etcd server"), server),
            (self.tr("Profiles"), str(self.profiles.path)),
            (self.tr("Settings"), self.settings.file_name()),
            (self.tr("Crash log"), str(log_path())),
        ]
        dialog = AboutDialog(facts, self)
        self.about_dialog = dialog
        dialog.exec()

    def save_layout(self) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.splitter = self.splitter.saveState()
        self.settings.window_state = self.saveState()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_leave():
            event.ignore()
            return
        self.save_layout()
        super().closeEvent(event)

    def connect_later(self, profile: Profile | None) -> None:
        """After the window shows: open ``profile``, or the connect dialog when there is none."""
        if profile is not None:
            QTimer.singleShot(0, lambda: self.open_profile(profile))
        else:
            QTimer.singleShot(0, self.show_connect_dialog)
