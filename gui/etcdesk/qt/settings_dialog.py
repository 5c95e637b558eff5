"""Preferences (Ctrl+,): language, theme, diff before save, page sizes (issue 7)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from etcdesk.qt.settings import HISTORY_PAGE, LANGUAGE_NAMES, LISTING_PAGE, UiSettings


class SettingsDialog(QDialog):
    """Edits a copy of the preferences; ``apply`` writes them to ``settings``."""

    def __init__(self, settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))

        self.language = QComboBox()
        self.language.addItem(self.tr("System default"), "system")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.restart_note = QLabel(self.tr("A new language applies when etcdesk starts again."))
        self.restart_note.setWordWrap(True)
        self.restart_note.setEnabled(False)  # a hint, drawn in the disabled (muted) color

        self.theme = QComboBox()
        self.theme.addItem(self.tr("Follow the system"), "system")
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))

        self.diff_before_save = QCheckBox(self.tr("Show the diff before saving"))
        self.diff_before_save.setChecked(settings.diff_before_save)

        self.page_size = QSpinBox()
        self.page_size.setRange(LISTING_PAGE[0], LISTING_PAGE[1])
        self.page_size.setSingleStep(10_000)
        self.page_size.setGroupSeparatorShown(True)
        self.page_size.setValue(settings.page_size)
        self.page_size.setToolTip(
            self.tr(
                "Keys per page when listing, after a small first page. Large pages are faster: "
                "on etcd 3.6 and older every page also walks the rest of the range."
            )
        )
        self.history_page_size = QSpinBox()
        self.history_page_size.setRange(HISTORY_PAGE[0], HISTORY_PAGE[1])
        self.history_page_size.setValue(settings.history_page_size)
        self.history_page_size.setToolTip(
            self.tr("Revisions read at a time as you scroll a key's history")
        )

        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow("", self.restart_note)
        form.addRow(self.tr("&Theme:"), self.theme)
        form.addRow("", self.diff_before_save)
        form.addRow(self.tr("Listing &page size (keys):"), self.page_size)
        form.addRow(self.tr("&History page size (revisions):"), self.history_page_size)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def apply(self) -> None:
        """Write the choices to the settings."""
        s = self.settings
        s.language = str(self.language.currentData())
        s.theme = str(self.theme.currentData())
        s.diff_before_save = self.diff_before_save.isChecked()
        s.page_size = self.page_size.value()
        s.history_page_size = self.history_page_size.value()
        s.sync()
