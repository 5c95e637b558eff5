"""Run blocking work off the GUI thread and deliver results on it (DESIGN.md §6).

Callers pass ``on_done``/``on_error``; both run on the GUI thread. A task submitted with a
``channel`` supersedes earlier tasks of the same channel: their results are dropped, so
arrowing through 50 keys paints one value, not 50 (STYLE.md, "Latest request wins").
The executor is injected so tests can run tasks synchronously.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)


class _Bridge(QObject):
    """Lives on the GUI thread; a signal emitted from a worker is queued to it."""

    posted = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.posted.connect(self._on_posted)

    @Slot(object)
    def _on_posted(self, call: Callable[[], None]) -> None:
        call()


class TaskRunner:
    def __init__(self, executor: Executor | None = None) -> None:
        self._executor = executor or ThreadPoolExecutor(max_workers=4, thread_name_prefix="etcdesk")
        self._bridge = _Bridge()
        self._generations: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stopped = False

    def _next_generation(self, channel: str | None) -> int:
        if channel is None:
            return 0
        with self._lock:
            generation = self._generations.get(channel, 0) + 1
            self._generations[channel] = generation
            return generation

    def current(self, channel: str | None, generation: int) -> bool:
        if self._stopped:
            return False
        if channel is None:
            return True
        with self._lock:
            return self._generations.get(channel) == generation

    def cancel(self, channel: str) -> None:
        """Drop any pending result of ``channel``."""
        self._next_generation(channel)

    def _post(self, channel: str | None, generation: int, call: Callable[[], None]) -> None:
        def guarded() -> None:
            if self.current(channel, generation):
                call()

        if not self._stopped:
            self._bridge.posted.emit(guarded)

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        channel: str | None = None,
    ) -> None:
        generation = self._next_generation(channel)

        def work() -> None:
            if not self.current(channel, generation):
                return
            try:
                result = fn()
            except Exception as exc:
                if on_error is not None:
                    self._post(channel, generation, partial(on_error, exc))
                else:
                    log.exception("background task failed")
                return
            if on_done is not None:
                self._post(channel, generation, partial(on_done, result))

        if not self._stopped:
            self._executor.submit(work)

    def stream(
        self,
        fn: Callable[[Callable[[], bool]], Iterator[Any]],
        on_item: Callable[[Any], None],
        on_done: Callable[[], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        channel: str | None = None,
    ) -> None:
        """Run a generator in the background and deliver each item on the GUI thread.

        ``fn`` receives a ``cancelled()`` callable so it can stop early.
        """
        generation = self._next_generation(channel)

        def cancelled() -> bool:
            return not self.current(channel, generation)

        def work() -> None:
            try:
                for item in fn(cancelled):
                    if cancelled():
                        return
                    self._post(channel, generation, partial(on_item, item))
            except Exception as exc:
                if on_error is not None:
                    self._post(channel, generation, partial(on_error, exc))
                else:
                    log.exception("background stream failed")
                return
            if on_done is not None:
                self._post(channel, generation, on_done)

        if not self._stopped:
            self._executor.submit(work)

    def shutdown(self) -> None:
        """Stop delivering results and wait for running tasks to finish."""
        self._stopped = True
        self._executor.shutdown(wait=True, cancel_futures=True)
