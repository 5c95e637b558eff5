"""Settings, themes, icons and the UI language (issue 7)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from etcdesk.qt import i18n, icons, theme
from etcdesk.qt.main_window import MainWindow
from etcdesk.qt.settings import UiSettings
from etcdesk.qt.settings_dialog import SettingsDialog
from etcdesk.qt.theme import ThemeManager


@pytest.fixture
def themes(qtbot: QtBot) -> Iterator[ThemeManager]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    manager = ThemeManager(app)
    yield manager
    manager.restore()  # the application is shared by every test


def test_settings_round_trip_and_bounds(tmp_path: Path) -> None:
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    assert (settings.language, settings.theme) == ("system", "system")
    assert (settings.page_size, settings.history_page_size) == (200_000, 50)
    settings.language, settings.theme = "zh_CN", "dark"
    settings.page_size, settings.history_page_size = 5, 10_000  # clamped
    settings.sync()
    again = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    assert (again.language, again.theme) == ("zh_CN", "dark")
    assert (again.page_size, again.history_page_size) == (1_000, 1_000)
    raw = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    raw.setValue("ui/theme", "purple")
    raw.setValue("history/page_size", "lots")
    raw.sync()
    odd = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    assert odd.theme == "system" and odd.history_page_size == 50


def test_settings_dialog_applies_to_the_window(
    qtbot: QtBot, make_window: Callable[..., MainWindow], themes: ThemeManager
) -> None:
    win = make_window(themes=themes)
    model = win.session.model
    model.add_keys((model.tree.layout.root + b"acme/quota",))
    tenant = model.index(0, 0)
    model.fetchMore(tenant)

    def icon_keys() -> tuple[int, int]:
        role = Qt.ItemDataRole.DecorationRole
        return (
            model.data(tenant, role).cacheKey(),
            model.data(model.index(0, 0, tenant), role).cacheKey(),
        )

    assert icon_keys() == (icons.icon("tenant").cacheKey(), icons.icon("config").cacheKey())
    dialog = SettingsDialog(win.settings, win)
    assert dialog.theme.currentData() == "system" and dialog.diff_before_save.isChecked()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.diff_before_save.setChecked(False)
    dialog.page_size.setValue(50_000)
    dialog.history_page_size.setValue(120)
    dialog.apply()
    win.apply_settings()
    settings = win.settings
    assert (settings.language, settings.theme, settings.diff_before_save) == (
        "zh_CN",
        "dark",
        False,
    )
    assert (settings.page_size, settings.history_page_size) == (50_000, 120)
    assert win.history_panel.page_size == 120
    assert win.session.page_size == 50_000  # the next listing pages by it
    assert not win.preview_action.isChecked() and not win.save_flow.preview_diff
    assert themes.dark and theme.is_dark() and icons.is_dark()
    assert QApplication.style().name().casefold() == "fusion"
    # Colors set in code follow the palette (the window hears of it as a PaletteChange).
    qtbot.waitUntil(lambda: "#3d3000" in win.audit_banner.styleSheet())
    # The tree's rows are drawn with the dark theme's icons (light strokes).
    assert icon_keys() == (icons.icon("tenant").cacheKey(), icons.icon("config").cacheKey())
    assert icons.icon("tenant").cacheKey() != icons._icon("tenant", False).cacheKey()
    settings.theme = "light"
    win.apply_settings()
    assert not themes.dark and not icons.is_dark()
    qtbot.waitUntil(lambda: "#fff4ce" in win.audit_banner.styleSheet())


def test_system_theme_follows_the_color_scheme(
    themes: ThemeManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    scheme = {"dark": True}
    monkeypatch.setattr(theme, "system_prefers_dark", lambda: scheme["dark"])
    themes.apply("system")
    assert themes.dark
    scheme["dark"] = False
    themes._on_scheme_changed(theme.Qt.ColorScheme.Light)  # what colorSchemeChanged calls
    assert not themes.dark
    themes.apply("dark")
    scheme["dark"] = False
    themes._on_scheme_changed(theme.Qt.ColorScheme.Light)  # an override ignores the system
    assert themes.dark


def _ink(image: QImage) -> list[QColor]:
    return [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 200
    ]


def test_icons_are_sharp_at_high_dpi_and_light_on_dark(qtbot: QtBot) -> None:
    for name in ("config", "tenant", "other", "locked", "etcdesk"):
        for dark in (False, True):
            icons.set_dark(dark)
            pixmap = icons.icon(name).pixmap(QSize(16, 16), 2.0)
            # Rendered at 32x32 device pixels from the SVG, not a 16 px image scaled up.
            assert pixmap.devicePixelRatio() == 2.0
            assert (pixmap.width(), pixmap.height()) == (32, 32)
    icons.set_dark(False)
    light = _ink(icons.icon("config").pixmap(QSize(32, 32)).toImage())
    icons.set_dark(True)
    dark = _ink(icons.icon("config").pixmap(QSize(32, 32)).toImage())
    icons.set_dark(False)
    assert light and dark
    mean = lambda colors: sum(c.lightness() for c in colors) / len(colors)  # noqa: E731
    assert mean(dark) > mean(light) + 60  # strokes lightened for a dark background


def test_language_loads_a_translation_when_there_is_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    monkeypatch.setattr(i18n, "resource", lambda *parts: tmp_path.joinpath(*parts))
    # No translation files (yet): English, no error.
    assert i18n.install_translators(app, "zh_CN") is None
    assert i18n.install_translators(app, "en") is None
    lrelease = shutil.which("pyside6-lrelease") or shutil.which(
        "pyside6-lrelease", path=str(Path(__import__("sys").executable).parent)
    )
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    (tmp_path / "i18n").mkdir()
    ts = tmp_path / "etcdesk_zh_CN.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">'
        "<context><name>SettingsDialog</name><message><source>Settings</source>"
        "<translation>设置</translation></message></context></TS>",
        encoding="utf-8",
    )
    subprocess.run(
        [lrelease, str(ts), "-qm", str(tmp_path / "i18n" / "etcdesk_zh_CN.qm")],
        check=True,
        capture_output=True,
    )
    try:
        assert i18n.install_translators(app, "zh_CN") == "zh_CN"
        assert QCoreApplication.translate("SettingsDialog", "Settings") == "设置"
    finally:
        i18n.install_translators(app, "en")  # remove it again
    assert QCoreApplication.translate("SettingsDialog", "Settings") == "Settings"
