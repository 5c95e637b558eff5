"""Integer and number fields: a spin box over Python numbers, and a slider for bounded ranges.

QSpinBox is 32-bit and QDoubleSpinBox rounds to a fixed number of decimals, and neither can be
empty; JSON numbers are neither bounded nor rounded, and optional ones may be absent. So the
spin box here keeps its value as text parsed to ``int``/``float``: empty means absent, the arrows
step by ``multipleOf`` (or 1) and stop at the bounds, and typing an out-of-range number is allowed
so validation can say what is wrong instead of the editor silently refusing keys.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QLabel, QSlider, QWidget

from etcdesk.qt.form.base import BuildContext
from etcdesk.qt.form.fields import _LeafField
from etcdesk.qt.form.keywords import (
    INT32_MAX,
    INT32_MIN,
    MISSING,
    Schema,
    json_type,
    number_bounds,
    ui,
)

_PARTIAL = re.compile(r"^[+-]?(\d+\.?\d*([eE][+-]?)?|\.)?$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_INTEGER = re.compile(r"^[+-]?\d+$")


def format_number(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return f"{value:.1f}"
    return repr(value) if isinstance(value, float) else str(value)


def parse_number(text: str, integer: bool) -> int | float | None:
    """The number a person typed; ``None`` if it is not (yet) one. ``5`` stays an int even for a
    ``number`` field (so the document keeps ``5``, not ``5.0``)."""
    text = text.strip()
    if _INTEGER.match(text):
        return int(text)
    if not integer and _NUMBER.match(text):
        number = float(text)
        return number if math.isfinite(number) else None
    if integer and _NUMBER.match(text):  # "5.0" or "1e3" for an integer: fine if whole
        number = float(text)
        if math.isfinite(number) and number.is_integer():
            return int(number)
    return None


class NumberSpinBox(QAbstractSpinBox):
    """A spin box over Python ``int``/``float`` that may be empty (see the module docstring)."""

    number_edited = Signal()  # the user typed or stepped (not emitted by set_number)

    def __init__(self, schema: Schema, integer: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.integer = integer
        self.low, self.high, self.low_ex, self.high_ex = number_bounds(schema)
        step = schema.get("multipleOf")
        self.multiple = step if isinstance(step, (int, float)) and step > 0 else None
        self.step = self.multiple or 1
        self._step_key: tuple[str, bool] | None = None
        self._step_flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        self.setAccelerated(True)
        self.setKeyboardTracking(True)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.lineEdit().textEdited.connect(self._on_text_edited)

    # -- value -------------------------------------------------------------------------------

    def number(self) -> int | float | None:
        return parse_number(self.text(), self.integer)

    def set_number(self, value: int | float | None) -> None:
        self.lineEdit().setText("" if value is None else format_number(value))

    # -- QAbstractSpinBox ----------------------------------------------------------------------

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        stripped = text.strip()
        if not stripped or parse_number(stripped, self.integer) is not None:
            return QValidator.State.Acceptable, text, pos
        if _PARTIAL.match(stripped):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def fixup(self, text: str) -> str:
        return text

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        # Qt asks on every paint and key; answer from a cache keyed by the text.
        key = (self.text(), self.isReadOnly())
        if key != self._step_key:
            self._step_key, self._step_flags = key, self._step_enabled()
        return self._step_flags

    def _step_enabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self.isReadOnly():
            return flags
        value = self.number()
        if value is None or self._allowed(self._stepped(value, 1)):
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        if value is None or self._allowed(self._stepped(value, -1)):
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags

    def stepBy(self, steps: int) -> None:
        value = self.number()
        new: int | float | None
        if value is None:
            new = self._start()
        else:
            new = self._stepped(value, steps)
            if not self._allowed(new):
                new = self._clamped(new)
        if new is None or new == value:
            return
        self.set_number(new)
        self.lineEdit().selectAll()
        self.number_edited.emit()

    # -- stepping ----------------------------------------------------------------------------

    def _start(self) -> int | float:
        """The first value the arrows give an empty box: the lowest allowed, else 0."""
        if self.low is not None:
            start = self._snap_up(self.low)
            if self.low_ex and start == self.low:
                start = self._add(start, self.step)
            return start
        if self.high is not None and self.high < 0:
            return self._snap_down(self.high)
        return 0

    def _add(self, value: int | float, delta: int | float) -> int | float:
        if isinstance(value, int) and isinstance(delta, int):
            return value + delta
        try:  # decimal arithmetic: 0.1 + 0.2 steps give 0.3, not 0.30000000000000004
            result = float(Decimal(repr(value)) + Decimal(repr(delta)))
        except InvalidOperation:
            result = value + delta
        return int(result) if self.integer else result

    def _stepped(self, value: int | float, steps: int) -> int | float:
        if self.multiple is not None:
            snapped = self._snap_up(value) if steps > 0 else self._snap_down(value)
            if snapped != value:  # off the grid: the first step lands on it
                steps -= 1 if steps > 0 else -1
            value = snapped
        return self._add(value, self.step * steps)

    def _snap_down(self, value: int | float) -> int | float:
        if self.multiple is None:
            return value
        return self._grid(math.floor(value / self.multiple + 1e-9))

    def _snap_up(self, value: int | float) -> int | float:
        if self.multiple is None:
            return math.ceil(value) if self.integer else value
        return self._grid(math.ceil(value / self.multiple - 1e-9))

    def _grid(self, count: int) -> int | float:
        assert self.multiple is not None
        if isinstance(self.multiple, int):
            return count * self.multiple
        value = float(Decimal(count) * Decimal(repr(self.multiple)))
        return int(value) if self.integer and value.is_integer() else value

    def _allowed(self, value: int | float) -> bool:
        if self.low is not None and (value < self.low or (self.low_ex and value == self.low)):
            return False
        return not (
            self.high is not None and (value > self.high or (self.high_ex and value == self.high))
        )

    def _clamped(self, value: int | float) -> int | float | None:
        if self.low is not None and value < self.low:
            return self._start()
        if self.high is not None and value > self.high:
            top = self._snap_down(self.high)
            if self.high_ex and top == self.high:
                top = self._add(top, -self.step)
            return top if self._allowed(top) else None
        return None

    @Slot(str)
    def _on_text_edited(self, _text: str) -> None:
        self.number_edited.emit()


def _range_hint(schema: Schema) -> str:
    low, high, low_ex, high_ex = number_bounds(schema)
    if low is not None and high is not None:
        return f"{format_bound(low)} – {format_bound(high)}"
    if low is not None:
        return f"{'>' if low_ex else '≥'} {format_bound(low)}"
    if high is not None:
        return f"{'<' if high_ex else '≤'} {format_bound(high)}"
    return ""


def format_bound(value: int | float) -> str:
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u202f")
    return format_number(value)


class NumberField(_LeafField):
    """``integer`` / ``number``: a NumberSpinBox with the allowed range as its placeholder."""

    def __init__(self, ctx: BuildContext, schema: Schema, value: Any, **kw: Any) -> None:
        super().__init__(ctx, schema, value, **kw)
        self.integer = schema.get("type") == "integer" or (
            isinstance(schema.get("type"), list) and "integer" in schema["type"]
        )
        self.spin = NumberSpinBox(schema, self.integer)
        self.spin.setAccessibleName(self.title)
        self.spin.setReadOnly(self.read_only)
        self.spin.lineEdit().setPlaceholderText(
            ui(schema).get("placeholder") or _range_hint(schema)
        )
        self.spin.setMinimumWidth(140)
        self.spin.setMaximumWidth(220)
        self.spin.number_edited.connect(self._on_number_edited)
        self._editor_line(self.spin, stretch=False)
        self._add_help()
        self.set_value(value)

    def editor(self) -> QWidget:
        return self.spin

    def accepts(self, value: Any) -> bool:
        return value is MISSING or value is None or json_type(value) in ("integer", "number")

    def set_value(self, value: Any) -> None:
        self._value = value
        number = value if json_type(value) in ("integer", "number") else None
        self.spin.set_number(number)

    @Slot()
    def _on_number_edited(self) -> None:
        text = self.spin.text().strip()
        if not text:
            self._user_set(self._empty_value())
            return
        number = self.spin.number()
        if number is not None:
            self._user_set(number)


class SliderField(_LeafField):
    """x-ui ``widget: slider`` for a bounded integer: a slider snapping to ``multipleOf`` and the
    number beside it. (An unbounded or fractional one gets a spin box instead.)"""

    @staticmethod
    def fits(schema: Schema) -> bool:
        low, high, low_ex, high_ex = number_bounds(schema)
        step = schema.get("multipleOf", 1)
        return (
            ui(schema).get("widget") == "slider"
            and isinstance(low, int)
            and isinstance(high, int)
            and not low_ex
            and not high_ex
            and isinstance(step, int)
            and step > 0
            and INT32_MIN <= low < high <= INT32_MAX
        )

    def __init__(self, ctx: BuildContext, schema: Schema, value: Any, **kw: Any) -> None:
        super().__init__(ctx, schema, value, **kw)
        low, high, _, _ = number_bounds(schema)
        assert isinstance(low, int) and isinstance(high, int)
        self.step = int(schema.get("multipleOf", 1))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(low, high)
        self.slider.setSingleStep(self.step)
        self.slider.setPageStep(max(self.step, (high - low) // 10 // self.step * self.step))
        self.slider.setTickInterval(max(self.step, (high - low) // 10))
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setAccessibleName(self.title)
        self.slider.setEnabled(not self.read_only)
        self.slider.setMinimumWidth(200)
        self.slider.valueChanged.connect(self._on_value_changed)
        self.number = QLabel()
        width = self.number.fontMetrics().horizontalAdvance(str(high)) + 12
        self.number.setMinimumWidth(width)
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._editor_row(self.slider, self.number)
        self._add_help()
        self.set_value(value)

    def editor(self) -> QWidget:
        return self.slider

    def accepts(self, value: Any) -> bool:
        return value is MISSING or json_type(value) == "integer"

    def set_value(self, value: Any) -> None:
        self._value = value
        self._loading = True
        shown = value if isinstance(value, int) else self.slider.minimum()
        self.slider.setValue(shown)
        self.number.setText(str(value) if isinstance(value, int) else "–")
        self._loading = False

    @Slot(int)
    def _on_value_changed(self, position: int) -> None:
        if self._loading:
            return
        snapped = round(position / self.step) * self.step
        snapped = min(max(snapped, self.slider.minimum()), self.slider.maximum())
        if snapped != position:
            self._loading = True
            self.slider.setValue(snapped)
            self._loading = False
        self.number.setText(str(snapped))
        self._user_set(snapped)
