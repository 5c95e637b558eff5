"""Guards the Qt binding version: the watch bridge emits signals all day long."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(object)
    pinged = Signal()


def test_signal_emit_does_not_leak_or_drop_references(qapp: object) -> None:
    # PySide6 6.12.0 drops a reference to True on every emit and then aborts the interpreter.
    emitter = _Emitter()
    received: list[object] = []
    emitter.fired.connect(received.append)
    emitter.pinged.connect(lambda: None)
    before = sys.getrefcount(True)
    for n in range(200):
        emitter.fired.emit(n)
        emitter.pinged.emit()
    assert received == list(range(200))
    assert abs(sys.getrefcount(True) - before) < 10
