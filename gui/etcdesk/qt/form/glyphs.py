"""Small line icons for the form's tool buttons (add, remove, move, duplicate), drawn with
QPainter in the palette's text colour: crisp at any scale, no font or icon theme needed."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

SIZE = 16
SCALE = 3  # drawn at 48 px and scaled down: sharp on high-DPI screens too


def _up(path: QPainterPath) -> None:
    path.moveTo(4, 10)
    path.lineTo(8, 6)
    path.lineTo(12, 10)


def _down(path: QPainterPath) -> None:
    path.moveTo(4, 6)
    path.lineTo(8, 10)
    path.lineTo(12, 6)


def _remove(path: QPainterPath) -> None:
    path.moveTo(4.5, 4.5)
    path.lineTo(11.5, 11.5)
    path.moveTo(11.5, 4.5)
    path.lineTo(4.5, 11.5)


def _add(path: QPainterPath) -> None:
    path.moveTo(8, 3.5)
    path.lineTo(8, 12.5)
    path.moveTo(3.5, 8)
    path.lineTo(12.5, 8)


def _duplicate(path: QPainterPath) -> None:
    path.addRoundedRect(QRectF(6, 6, 7, 7), 1.2, 1.2)
    path.moveTo(10, 3.5)
    path.lineTo(4.5, 3.5)
    path.quadTo(QPointF(3.5, 3.5), QPointF(3.5, 4.5))
    path.lineTo(3.5, 10)


_SHAPES: dict[str, Callable[[QPainterPath], None]] = {
    "up": _up,
    "down": _down,
    "remove": _remove,
    "add": _add,
    "duplicate": _duplicate,
}


@cache
def _icon(name: str, color: str, disabled: str) -> QIcon:
    icon = QIcon()
    for mode, tint in ((QIcon.Mode.Normal, color), (QIcon.Mode.Disabled, disabled)):
        pixmap = QPixmap(SIZE * SCALE, SIZE * SCALE)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(SCALE, SCALE)
        pen = QPen(QColor(tint), 1.5)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        path = QPainterPath()
        _SHAPES[name](path)
        painter.drawPath(path)
        painter.end()
        icon.addPixmap(pixmap, mode)
    return icon


def glyph(name: str) -> QIcon:
    palette = QApplication.palette()
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText).name()
    muted = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText).name()
    return _icon(name, text, muted)


def tool_button(name: str, tip: str, parent: QWidget | None = None) -> QToolButton:
    """A compact, flat icon button with a tooltip (which is also its accessible name)."""
    button = QToolButton(parent)
    button.setIcon(glyph(name))
    button.setAutoRaise(True)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return button
