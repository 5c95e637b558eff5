"""Window state and preferences kept between runs, over QSettings.

Keys: ``window/geometry``, ``window/state``, ``window/splitter``, ``editing/diff_before_save``,
``ui/language`` (system, en, zh_CN), ``ui/theme`` (system, light, dark),
``listing/page_size`` (keys per listing page after the first), ``history/page_size``
(revisions per history page).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_VERSION = 1
LANGUAGES = ("system", "en", "zh_CN")
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}  # each in its own language
THEMES = ("system", "light", "dark")
LISTING_PAGE = (1_000, 1_000_000, 200_000)  # min, max, default (core.etcd_store.PAGE)
HISTORY_PAGE = (10, 1_000, 50)  # min, max, default (qt.history_panel.PAGE)


class UiSettings:
    """Typed access to the few values the window remembers."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings or QSettings("etcdesk", "etcdesk")
        if int(str(self._s.value("version", 0))) != SETTINGS_VERSION:
            self._s.clear()
            self._s.setValue("version", SETTINGS_VERSION)

    def _bytes(self, name: str) -> QByteArray | None:
        value = self._s.value(name)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._s.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._s.setValue("window/state", value)

    @property
    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self._s.setValue("window/splitter", value)

    @property
    def diff_before_save(self) -> bool:
        """Show the diff preview before each save (on unless the user turned it off)."""
        return str(self._s.value("editing/diff_before_save", "true")).lower() == "true"

    @diff_before_save.setter
    def diff_before_save(self, value: bool) -> None:
        self._s.setValue("editing/diff_before_save", "true" if value else "false")

    def _choice(self, name: str, choices: tuple[str, ...]) -> str:
        value = str(self._s.value(name, choices[0]))
        return value if value in choices else choices[0]

    def _int(self, name: str, bounds: tuple[int, int, int]) -> int:
        low, high, default = bounds
        try:
            value = int(str(self._s.value(name, default)))
        except ValueError:
            return default
        return min(max(value, low), high)

    @property
    def language(self) -> str:
        """The UI language: "system" (the system locale), "en" or "zh_CN"; used at start-up."""
        return self._choice("ui/language", LANGUAGES)

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("ui/language", value if value in LANGUAGES else "system")

    @property
    def theme(self) -> str:
        """The look: "system" follows the system's light or dark scheme; "light", "dark" do not."""
        return self._choice("ui/theme", THEMES)

    @theme.setter
    def theme(self, value: str) -> None:
        self._s.setValue("ui/theme", value if value in THEMES else "system")

    @property
    def page_size(self) -> int:
        """Keys per page when listing, after a small first page (DESIGN §3: keep them large)."""
        return self._int("listing/page_size", LISTING_PAGE)

    @page_size.setter
    def page_size(self, value: int) -> None:
        self._s.setValue("listing/page_size", min(max(value, LISTING_PAGE[0]), LISTING_PAGE[1]))

    @property
    def history_page_size(self) -> int:
        """Revisions read per page as the history is scrolled."""
        return self._int("history/page_size", HISTORY_PAGE)

    @history_page_size.setter
    def history_page_size(self, value: int) -> None:
        self._s.setValue("history/page_size", min(max(value, HISTORY_PAGE[0]), HISTORY_PAGE[1]))

    def file_name(self) -> str:
        return self._s.fileName()

    def sync(self) -> None:
        self._s.sync()
