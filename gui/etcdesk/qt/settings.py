"""Window state kept between runs (geometry, splitter sizes), over QSettings."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_VERSION = 1


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

    def sync(self) -> None:
        self._s.sync()
