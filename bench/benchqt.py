"""Qt bits the benchmarks share (imported only by the GUI side of each script)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QMessageLogContext, QtMsgType


def quiet_offscreen(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Drop the offscreen platform's one harmless warning; pass every other message on."""
    if "does not support propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")
