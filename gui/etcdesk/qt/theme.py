"""Light and dark themes: Qt's Fusion style with a palette of our own, following the system's
color scheme unless the user picked one (issue 7).

Fusion draws every widget from the palette, so one palette gives a consistent look on every
platform. "system" reads ``QStyleHints.colorScheme()`` and follows ``colorSchemeChanged``.
Widgets that color text themselves (status labels, banners) ask ``color()`` for a shade that
reads on the current palette, and re-ask on ``QEvent.PaletteChange``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from etcdesk.qt import icons

THEMES = ("system", "light", "dark")

# Text colors by role, for a light and a dark background.
_COLORS = {
    "ok": ("#1a7f37", "#56d364"),
    "error": ("#b42318", "#ff7b72"),
    "warning": ("#9a6700", "#e3b341"),
    "muted": ("#6e7781", "#8b949e"),
    "banner_bg": ("#fff4ce", "#3d3000"),
    "banner_fg": ("#5c4400", "#f2d675"),
    "banner_border": ("#e6c35c", "#7a6100"),
}


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the current (or given) palette has a dark window background."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def color(role: str) -> str:
    """A text color for ``role`` that reads on the current palette."""
    light, dark = _COLORS[role]
    return dark if is_dark() else light


def dark_palette() -> QPalette:
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    window, base, text = QColor("#2b2d30"), QColor("#1e1f22"), QColor("#dfe1e5")
    for r, c in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, base),
        (role.AlternateBase, QColor("#26282b")),
        (role.ToolTipBase, QColor("#3c3f41")),
        (role.ToolTipText, text),
        (role.PlaceholderText, QColor("#8b8e94")),
        (role.Text, text),
        (role.Button, QColor("#35373b")),
        (role.ButtonText, text),
        (role.BrightText, QColor("#ff6b6b")),
        (role.Light, QColor("#45484d")),
        (role.Midlight, QColor("#3a3d41")),
        (role.Mid, QColor("#2f3134")),
        (role.Dark, QColor("#1b1c1f")),
        (role.Shadow, QColor("#000000")),
        (role.Highlight, QColor("#2f65ca")),
        (role.HighlightedText, QColor("#ffffff")),
        (role.Link, QColor("#6ea8fe")),
        (role.LinkVisited, QColor("#b392f0")),
    ):
        p.setColor(r, c)
    disabled = QColor("#7a7d83")
    for r in (role.WindowText, role.Text, role.ButtonText, role.HighlightedText):
        p.setColor(group.Disabled, r, disabled)
    p.setColor(group.Disabled, role.Highlight, QColor("#3a3d41"))
    p.setColor(group.Disabled, role.Base, window)
    return p


def light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    p = style.standardPalette()
    p.setColor(QPalette.ColorRole.Highlight, QColor("#2f6db5"))
    p.setColor(QPalette.ColorRole.Link, QColor("#1f5fae"))
    return p


def system_prefers_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


class ThemeManager(QObject):
    """Applies a theme to the application and follows the system while the theme is "system"."""

    theme_applied = Signal(bool)  # True when the applied palette is dark

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.mode = "system"
        self._original_style = app.style().name()
        self._original_palette = app.palette()
        app.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)

    def apply(self, mode: str) -> None:
        self.mode = mode if mode in THEMES else "system"
        dark = self.mode == "dark" or (self.mode == "system" and system_prefers_dark())
        if self.app.style().name().casefold() != "fusion":
            self.app.setStyle("Fusion")
        self.app.setPalette(dark_palette() if dark else light_palette())
        icons.set_dark(dark)
        self.theme_applied.emit(dark)

    @property
    def dark(self) -> bool:
        return is_dark(self.app.palette())

    def _on_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.mode == "system":
            self.apply("system")

    def restore(self) -> None:
        """Back to the style and palette the application had (tests share one QApplication)."""
        self.app.styleHints().colorSchemeChanged.disconnect(self._on_scheme_changed)
        self.app.setStyle(self._original_style)
        self.app.setPalette(self._original_palette)
        icons.set_dark(False)
