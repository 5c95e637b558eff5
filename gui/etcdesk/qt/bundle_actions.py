"""Bundles from the window: export tenants, import a bundle, clone a tenant (issue 8).

Every read and write runs on the session's task runner; dialogs only show plans the core made.
An import or a clone always goes through a preview, is blocked while any config it would write
is invalid, and writes one guarded transaction per tenant. Import and clone do not exist in
read-only audit mode. Export does: it masks every x-secret field there, and for a profile that
may not reveal secrets, and such a bundle is for reading only (importing it is refused).
"""

from __future__ import annotations

import glob
import logging
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMessageBox

from etcdesk.core.bundle_import import (
    ClonePlan,
    ImportPlan,
    TenantResult,
    apply_clone,
    apply_import,
    plan_clone,
    plan_import,
)
from etcdesk.core.bundles import (
    Bundle,
    export_bundle,
    key_from_text,
    read_bundle,
    tenant_name,
    write_bundle,
)
from etcdesk.core.errors import ConfigError, StoreError
from etcdesk.core.etcd_store import EtcdReader, EtcdStore
from etcdesk.core.i18n import QT_TRANSLATE_NOOP
from etcdesk.core.keytree import Group, KeyTree
from etcdesk.core.layout import display
from etcdesk.core.schemas import JsonPath, all_secret_paths
from etcdesk.qt.bundle_dialogs import BundlePreviewDialog, CloneDialog, ExportDialog, describe_plan

log = logging.getLogger(__name__)
BUNDLE_FILTER = QT_TRANSLATE_NOOP("BundleActions", "etcdesk bundles (*.yaml *.yml);;All files (*)")
STATUSES = {  # TenantResult.status, as shown
    "applied": QT_TRANSLATE_NOOP("BundleActions", "applied"),
    "unchanged": QT_TRANSLATE_NOOP("BundleActions", "unchanged"),
    "refused": QT_TRANSLATE_NOOP("BundleActions", "refused"),
    "failed": QT_TRANSLATE_NOOP("BundleActions", "failed"),
    "conflict": QT_TRANSLATE_NOOP("BundleActions", "conflict"),
    "unknown": QT_TRANSLATE_NOOP("BundleActions", "unknown"),
}


def tenant_groups(tree: KeyTree, levels: int) -> list[Group]:
    """The groups that are tenants (all group levels deep), in tree order; no "Other keys"."""
    found: list[Group] = []

    def walk(group: Group) -> None:
        for child in group.children():
            if isinstance(child, Group) and not child.other and not child.locked:
                if child.depth >= levels:
                    found.append(child)
                else:
                    walk(child)

    walk(tree.root)
    return found


class BundleActions(QObject):
    """The Export, Import and Clone actions; add ``actions`` to a menu."""

    exported = Signal(str)  # the file written
    written = Signal(int)  # the last revision an import or clone wrote
    failed = Signal(str)

    def __init__(self, window: QMainWindow, session: Any) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.current_group: tuple[bytes, ...] | None = None  # None: ask the window
        self.export_action = QAction(self.tr("E&xport tenants…"), self)
        self.export_action.setToolTip(self.tr("Write tenants to a YAML bundle file"))
        self.export_action.triggered.connect(self.export)
        self.import_action = QAction(self.tr("&Import bundle…"), self)
        self.import_action.setToolTip(self.tr("Preview and import a bundle, tenant by tenant"))
        self.import_action.triggered.connect(self.import_bundle)
        self.clone_action = QAction(self.tr("C&lone tenant…"), self)
        self.clone_action.setToolTip(self.tr("Copy every config of a tenant to a new tenant id"))
        self.clone_action.triggered.connect(self.clone)
        self.update_enabled()

    @property
    def actions(self) -> list[QAction]:
        return [self.export_action, self.import_action, self.clone_action]

    def update_enabled(self) -> None:
        read_only = bool(self.session.read_only)
        writable = isinstance(self.session.store, EtcdStore) and not read_only
        self.export_action.setEnabled(self._reader() is not None)  # masked in audit mode
        for action in (self.import_action, self.clone_action):
            action.setVisible(not read_only)
            action.setEnabled(writable)

    def set_current(self, group: tuple[bytes, ...]) -> None:
        self.current_group = group

    # -- helpers ----------------------------------------------------------------------------

    def _store(self) -> EtcdStore | None:
        store = self.session.store
        return store if isinstance(store, EtcdStore) and not self.session.read_only else None

    def _reader(self) -> EtcdReader | None:
        store = self.session.store
        return store if isinstance(store, EtcdReader) else None

    def masks_secrets(self) -> bool:
        """Whether an export masks x-secret fields: always in audit mode, and whenever the
        window's profile may not reveal secrets (or there is no profile to ask)."""
        read_only = bool(self.session.read_only)
        profile = getattr(self.window, "profile", None)
        return read_only or profile is None or not profile.reveal_allowed(read_only)

    def _current(self) -> tuple[bytes, ...]:
        if self.current_group is not None:
            return self.current_group
        actions = getattr(self.window, "config_actions", None)
        return tuple(getattr(actions, "current_group", ()) or ())

    def _tenants(self) -> list[Group]:
        return tenant_groups(self.session.tree, len(self.session.layout.level_names))

    def _secrets_for(self, key: bytes) -> tuple[JsonPath, ...]:
        where = self.session.layout.parse(key)
        if where is None or where.other:
            return ()
        found = self.session.registry.for_config(self.session.layout, display(where.leaf))
        return all_secret_paths(self.session.registry, found[1]) if found else ()

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10000)

    def _fail(self, title: str, error: BaseException) -> None:
        if not isinstance(error, (StoreError, ConfigError, ValueError, OSError)):
            log.error("%s", title, exc_info=error)
        QMessageBox.warning(self.window, title, str(error))
        self.failed.emit(str(error))

    def _submit(self, work: Any, on_done: Any, title: str, *, write: bool = False) -> None:
        """Reads and plans share a channel (a newer one supersedes an older one); a write has
        none, so it always runs and its result is always reported."""
        self.session.runner.submit(
            work,
            on_done=on_done,
            on_error=lambda error: self._fail(title, error),
            channel=None if write else "bundle",
        )

    # -- export -----------------------------------------------------------------------------

    def export(self) -> None:
        store = self._reader()
        if store is None:
            return
        layout = self.session.layout
        registry = self.session.registry if self.masks_secrets() else None
        tenants = [(g.path, g.count) for g in self._tenants()]
        dialog = ExportDialog(
            tenants,
            self._current(),
            display(layout.root),
            self.window,
            secrets_masked=registry is not None,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = dialog.tenants
        name = tenant_name(chosen[0]) if chosen and len(chosen) == 1 else "tenants"
        path, _filter = QFileDialog.getSaveFileName(
            self.window, self.tr("Export to bundle"), f"{name}.yaml", self.tr(BUNDLE_FILTER)
        )
        if not path:
            return
        source = ",".join(self.session.spec.endpoints) if self.session.spec else ""

        def work() -> Bundle:
            bundle = export_bundle(store, layout, chosen, source=source, mask_secrets=registry)
            write_bundle(bundle, path)
            return bundle

        def done(bundle: Bundle) -> None:
            message = (
                self.tr(
                    "Exported {n} keys of {t} tenant(s) at revision {rev} to {path}, "
                    "secret fields masked"
                )
                if bundle.secrets_masked
                else self.tr("Exported {n} keys of {t} tenant(s) at revision {rev} to {path}")
            )
            self._status(
                message.format(
                    n=bundle.key_count,
                    t=sum(1 for t in bundle.tenants if not t.other),
                    rev=bundle.revision,
                    path=path,
                )
            )
            self.exported.emit(path)

        self._submit(work, done, self.tr("Export failed"))

    # -- import -----------------------------------------------------------------------------

    def import_bundle(self) -> None:
        store = self._store()
        if store is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self.window, self.tr("Import a bundle"), "", self.tr(BUNDLE_FILTER)
        )
        if path:
            self._plan_import(path, delete_missing=False)

    def _plan_import(self, path: str, delete_missing: bool) -> None:
        store, layout, registry = self._store(), self.session.layout, self.session.registry
        if store is None:
            return

        def work() -> tuple[Bundle, ImportPlan]:
            bundle = read_bundle(path)
            return bundle, plan_import(
                store, bundle, layout, registry, delete_missing=delete_missing
            )

        self._submit(
            work,
            lambda result: self._preview_import(path, *result),
            self.tr("Cannot import {path}").format(path=path),
        )

    def _preview_import(self, path: str, bundle: Bundle, plan: ImportPlan) -> None:
        dialog = BundlePreviewDialog(
            self.tr("Import {file}?").format(file=path),
            describe_plan(plan.tenants, plan.revision),
            plan.tenants,
            plan.problems,
            self._secrets_for,
            action=self.tr("Import {n} change(s)"),
            delete_missing=plan.delete_missing,
            parent=self.window,
        )
        replan: list[bool] = []

        def on_toggled(checked: bool) -> None:
            replan.append(checked)
            dialog.reject()

        dialog.delete_missing_toggled.connect(on_toggled)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if replan:  # the preview changes with the option: plan again and show it again
            self._plan_import(path, replan[-1])
            return
        store = self._store()
        if not accepted or store is None or plan.blocked:
            return
        journal, comment = self.session.journal, dialog.comment
        self._submit(
            lambda: apply_import(store, plan, journal=journal, comment=comment),
            lambda results: self._report(self.tr("Import"), results),
            self.tr("Import failed"),
            write=True,
        )

    def _report(self, what: str, results: tuple[TenantResult, ...]) -> None:
        lines = []
        for r in results:
            status = self.tr(STATUSES[r.status]) if r.status in STATUSES else r.status
            line = f"{r.tenant}: {status}"
            if r.revision:
                line += self.tr(" (revision {rev})").format(rev=r.revision)
            lines.append(line + (f": {r.message}" if r.message else ""))
        written = [r.revision for r in results if r.status == "applied"]
        if written:
            self.written.emit(max(written))
        if all(r.ok for r in results):
            self._status(self.tr("{what}: {lines}").format(what=what, lines="; ".join(lines)))
            return
        QMessageBox.warning(
            self.window,
            self.tr("{what}: not every tenant was written").format(what=what),
            "\n\n".join(lines),
        )
        self.failed.emit("\n".join(lines))

    # -- clone ------------------------------------------------------------------------------

    def clone(self) -> None:
        store = self._store()
        if store is None:
            return
        groups = self._tenants()
        if not groups:
            QMessageBox.information(self.window, self.tr("Clone tenant"), self.tr("No tenants."))
            return
        by_path = {g.path: g for g in groups}

        def configs_of(path: tuple[bytes, ...]) -> list[str]:
            group = by_path.get(path)
            return sorted(display(rel) for rel in group.leaves) if group is not None else []

        dialog = CloneDialog(list(by_path), self._current(), configs_of, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        layout, registry = self.session.layout, self.session.registry
        source = dialog.source_path
        text = dialog.new_id.text().strip()
        if not text or "/" in text:
            QMessageBox.warning(
                self.window, self.tr("Clone tenant"), self.tr("Give the new tenant id without '/'.")
            )
            return
        target = (*source[:-1], key_from_text(text))  # the levels above stay the source's
        without = [glob.escape(name) for name in dialog.left_out]
        self._submit(
            lambda: plan_clone(store, layout, registry, source, target, without),
            self._preview_clone,
            self.tr("Cannot clone tenant {name}").format(name=tenant_name(source)),
        )

    def _preview_clone(self, plan: ClonePlan) -> None:
        store = self._store()
        dialog = BundlePreviewDialog(
            self.tr("Clone {source} to {target}?").format(
                source=tenant_name(plan.source), target=tenant_name(plan.target)
            ),
            describe_plan([plan.tenant], plan.tenant.revision),
            [plan.tenant],
            plan.problems,
            self._secrets_for,
            action=self.tr("Create {n} config(s)"),
            parent=self.window,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or store is None or plan.problems:
            return
        journal, comment = self.session.journal, dialog.comment
        self._submit(
            lambda: (apply_clone(store, plan, journal=journal, comment=comment),),
            lambda results: self._report(self.tr("Clone"), results),
            self.tr("Clone failed"),
            write=True,
        )
