"""``format: date``, ``time`` and ``date-time`` strings edited with Qt's date and time editors.

The value stays the RFC 3339 string: the editor shows its wall-clock time in the string's own
offset (shown beside it, "UTC" for ``Z``), and an edit writes the same offset back, so nothing is
converted to the machine's time zone. A string the editors cannot show (not RFC 3339) is edited as
text and left for validation to report. An empty optional value shows "not set"; clicking or
typing into it starts from the current time.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, QTimeZone, Slot
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QDateEdit,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QToolButton,
    QWidget,
)

from etcdesk.qt.form.base import BuildContext
from etcdesk.qt.form.fields import _LeafField
from etcdesk.qt.form.keywords import MISSING, Schema

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = r"\d{2}:\d{2}:\d{2}(?:\.\d+)?"
_OFFSET = r"(?P<offset>[Zz]|[+-]\d{2}:\d{2})"
_DATE_TIME = re.compile(rf"^\d{{4}}-\d{{2}}-\d{{2}}[Tt ]{_TIME}{_OFFSET}$")
_FULL_TIME = re.compile(rf"^{_TIME}{_OFFSET}?$")
_FLOOR = QDate(1900, 1, 1)  # the editors' minimum, shown as "not set"
_NAVIGATION_KEYS = {Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape}
FORMATS = ("date", "time", "date-time")


def _offset_of(text: str) -> str | None:
    match = _DATE_TIME.match(text) or _FULL_TIME.match(text)
    if match is None:
        return None
    offset = match.group("offset")
    return "Z" if offset in ("Z", "z") else offset


def parse_moment(kind: str, text: str) -> datetime | None:
    """The wall-clock moment in ``text`` (naive, in the string's own offset); ``None`` if the
    editors cannot show it."""
    try:
        if kind == "date" and _DATE.match(text):
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day)
        if kind == "date-time" and _DATE_TIME.match(text):
            moment = datetime.fromisoformat(text.replace("z", "Z").replace("t", "T"))
            return moment.replace(tzinfo=None)
        if kind == "time" and _FULL_TIME.match(text):
            clock = time.fromisoformat(text.replace("z", "Z"))
            return datetime.combine(date(2000, 1, 1), clock.replace(tzinfo=None))
    except ValueError:
        return None
    return None


def format_moment(kind: str, moment: datetime, offset: str | None) -> str:
    if kind == "date":
        return moment.strftime("%Y-%m-%d")
    suffix = offset or ""
    if kind == "time":
        return moment.strftime("%H:%M:%S") + suffix
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + (offset or "Z")


class DateTimeField(_LeafField):
    def __init__(self, ctx: BuildContext, schema: Schema, value: Any, **kw: Any) -> None:
        super().__init__(ctx, schema, value, **kw)
        self.kind = schema.get("format", "date-time")
        self.offset: str | None = None
        self.picker: QDateTimeEdit
        if self.kind == "date":
            self.picker = QDateEdit()
            self.picker.setDisplayFormat("yyyy-MM-dd")
        elif self.kind == "time":
            self.picker = QTimeEdit()
            self.picker.setDisplayFormat("HH:mm:ss")
        else:
            self.picker = QDateTimeEdit()
            self.picker.setDisplayFormat("yyyy-MM-dd  HH:mm:ss")
        self.picker.setTimeZone(QTimeZone.utc())  # wall clock as written; no local DST gaps
        if self.kind != "time":
            self.picker.setCalendarPopup(True)
            self.picker.setMinimumDate(_FLOOR)
        self.picker.setSpecialValueText(self.tr("not set"))
        self.picker.setAccessibleName(self.title)
        self.picker.setReadOnly(self.read_only)
        self.picker.setMinimumWidth(200 if self.kind == "date-time" else 130)
        self.picker.dateTimeChanged.connect(self._on_date_time_changed)
        self.picker.installEventFilter(self)
        self.picker.lineEdit().installEventFilter(self)
        self.zone = QLabel()
        self.zone.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.clear_button = QToolButton()
        self.clear_button.setText("✕")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setToolTip(self.tr("Clear"))
        self.clear_button.setAccessibleName(self.tr("Clear {field}").format(field=self.title))
        self.clear_button.clicked.connect(self._on_clear_clicked)
        if self.required or self.read_only:
            self.clear_button.hide()
        self.text = QLineEdit()  # for strings the editors cannot show
        self.text.setAccessibleName(self.title)
        self.text.setReadOnly(self.read_only)
        self.text.textEdited.connect(self._on_text_edited)
        self.text.hide()
        row = self._editor_row(self.picker, self.zone, self.clear_button, stretch=False)
        row.insertWidget(1, self.text, 1)
        self._add_help()
        self.set_value(value)

    def editor(self) -> QWidget:
        return self.text if self.text.isVisibleTo(self) else self.picker

    def accepts(self, value: Any) -> bool:
        return value is MISSING or value is None or isinstance(value, str)

    def _is_empty(self) -> bool:
        return self.picker.dateTime() == self.picker.minimumDateTime()

    def set_value(self, value: Any) -> None:
        self._value = value
        self._loading = True
        text = value if isinstance(value, str) else ""
        moment = parse_moment(self.kind, text) if text else None
        as_text = bool(text) and moment is None
        self.text.setVisible(as_text)
        self.picker.setVisible(not as_text)
        self.text.setText(text if as_text else "")
        if moment is None:
            self.picker.setDateTime(self.picker.minimumDateTime())
        else:
            self.picker.setDateTime(_to_qt(moment))
        self.offset = _offset_of(text) if text else None
        self._show_zone()
        self._loading = False

    def _show_zone(self) -> None:
        offset = self.offset
        if self.kind == "date" or (offset is None and self.kind == "time"):
            self.zone.hide()
            return
        self.zone.setText("UTC" if offset in (None, "Z", "+00:00") else f"UTC{offset}")
        self.zone.show()

    # -- user edits -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Typing into or clicking an empty ("not set") editor starts from now, not 1900."""
        kind = event.type()
        starts = kind == QEvent.Type.MouseButtonPress or (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and Qt.Key(event.key()) not in _NAVIGATION_KEYS
        )
        if starts and not self.read_only and not self.text.isVisible() and self._is_empty():
            now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
            if self.kind == "date-time":
                now = now.replace(second=0)
            self._loading = True
            self.picker.setDateTime(_to_qt(now))
            self._loading = False
            if self.offset is None and self.kind != "date":
                self.offset = "Z"
                self._show_zone()
            self._user_set(format_moment(self.kind, now, self.offset))
        return False

    @Slot(QDateTime)
    def _on_date_time_changed(self, value: QDateTime) -> None:
        if self._loading:
            return
        if self._is_empty():
            self._user_set(self._empty_value())
            return
        self._user_set(format_moment(self.kind, _from_qt(value), self.offset))

    @Slot(str)
    def _on_text_edited(self, text: str) -> None:
        self._user_set(text if text else self._empty_value())

    @Slot()
    def _on_clear_clicked(self) -> None:
        self.set_value(MISSING)
        self._user_set(self._empty_value())


def _to_qt(moment: datetime) -> QDateTime:
    return QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute, moment.second),
        QTimeZone.utc(),
    )


def _from_qt(value: QDateTime) -> datetime:
    day, clock = value.date(), value.time()
    return datetime(
        day.year(), day.month(), day.day(), clock.hour(), clock.minute(), clock.second()
    )
