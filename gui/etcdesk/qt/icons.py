"""Icons from resources/icons, loaded once.

They are SVG and go through Qt's SVG icon engine, which renders each size at the screen's
device pixel ratio, so they stay sharp on high-DPI screens. The drawings are dark strokes on
transparency; on a dark palette they are recolored to lighter shades (written once per process
to a temporary directory, so the same SVG engine renders them).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

from etcdesk.core.resources import resource

# Stroke colors of the drawings and what they become on a dark background.
DARK_RECOLOR = {"#5A6B80": "#AEB9C7", "#3A78C2": "#6EA8FE"}

_state = {"dark": False}
_dark_dir: list[Path] = []


def set_dark(dark: bool) -> None:
    """Use the variants for a dark palette from now on (views repaint to pick them up)."""
    _state["dark"] = dark


def is_dark() -> bool:
    return _state["dark"]


def icon(name: str) -> QIcon:
    return _icon(name, _state["dark"])


def svg_text(name: str, dark: bool) -> str | None:
    """The SVG of ``name`` as drawn for a light (or dark) background, None when absent."""
    path = resource("icons", f"{name}.svg")
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    if dark:
        for old, new in DARK_RECOLOR.items():
            text = text.replace(old, new).replace(old.lower(), new)
    return text


@cache
def _icon(name: str, dark: bool) -> QIcon:
    path = resource("icons", f"{name}.svg")
    if not path.is_file():
        return QIcon()
    if not dark:
        return QIcon(str(path))
    text = svg_text(name, dark=True)
    assert text is not None
    if not _dark_dir:
        folder = Path(tempfile.mkdtemp(prefix="etcdesk-icons-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _dark_dir.append(folder)
    target = _dark_dir[0] / f"{name}.svg"
    target.write_text(text, encoding="utf-8")
    return QIcon(str(target))
