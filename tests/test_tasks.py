"""The task runner: results land on the GUI thread; the latest request of a channel wins."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from etcdesk.qt.tasks import TaskRunner


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def test_result_arrives_on_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: list[tuple[int, bool]] = []
    gui = threading.get_ident()
    worker: list[int] = []

    def work() -> int:
        worker.append(threading.get_ident())
        return 42

    runner.submit(work, on_done=lambda v: seen.append((v, threading.get_ident() == gui)))
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(42, True)]
    assert worker and worker[0] != gui


def test_error_is_delivered(qtbot: QtBot, runner: TaskRunner) -> None:
    errors: list[BaseException] = []

    def fail() -> None:
        raise ValueError("boom")

    runner.submit(fail, on_done=lambda _v: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)


def test_latest_request_wins(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    delivered: list[int] = []

    def slow(n: int) -> int:
        release.wait(5)
        return n

    for n in range(10):
        runner.submit(lambda n=n: slow(n), on_done=delivered.append, channel="value")
    release.set()
    qtbot.waitUntil(lambda: delivered == [9])
    qtbot.wait(50)
    assert delivered == [9]


def test_stream_delivers_items_in_order_and_can_be_cancelled(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    items: list[int] = []
    done: list[bool] = []

    def numbers(cancelled: object) -> Iterator[int]:
        yield from range(5)

    runner.stream(numbers, on_item=items.append, on_done=lambda: done.append(True), channel="s")
    qtbot.waitUntil(lambda: bool(done))
    assert items == [0, 1, 2, 3, 4]

    gate = threading.Event()
    stopped = threading.Event()
    late: list[int] = []

    def endless(cancelled: object) -> Iterator[int]:
        n = 0
        while not cancelled():  # type: ignore[operator]
            gate.wait(5)
            yield n
            n += 1
        stopped.set()

    runner.stream(endless, on_item=late.append, channel="t")
    runner.cancel("t")
    gate.set()
    assert stopped.wait(5)
    qtbot.wait(20)
    assert late == []


def test_shutdown_drops_results_and_joins(qtbot: QtBot) -> None:
    runner = TaskRunner()
    got: list[int] = []
    runner.submit(lambda: 1, on_done=got.append)
    runner.shutdown()
    qtbot.wait(20)
    assert not [t for t in threading.enumerate() if t.name.startswith("etcdesk") and t.is_alive()]
