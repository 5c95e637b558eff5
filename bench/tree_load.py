"""Listing a large cluster into the tenant tree, against the raw python3-etcd3 floor.

Starts its own etcd, seeds ``tenants x configs`` keys under ``/tenants/`` and measures, in one
run and after a warm-up:

  (a) the floor: the fastest raw way to get the same keys with python3-etcd3 (one keys-only
      range with the receive limit raised, and the paged variant; the faster one is the floor);
  (b) the real path the window uses, from ``Session.open()`` to ``listing_finished``: connect,
      task runner streaming pages to the GUI thread, ``KeyTree`` + ``KeyTreeModel`` (and, unless
      ``--no-window``, the real ``MainWindow`` shown offscreen);
  (c) the time from ``open()`` until the first rows are in the model;
  (d) the growth of the process's resident memory for building the session, the window and the
      complete tree.

The last line is machine readable:
``RESULT tree_load ratio=<b/a> first_rows_s=<c> rss_mb=<d> floor_s=<a>``.

    .venv/bin/python bench/tree_load.py [--tenants 1000 --configs 100 --value-bytes 200]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported

_GUI = Path(__file__).resolve().parent.parent / "gui"
if str(_GUI) not in sys.path:
    sys.path.insert(0, str(_GUI))

import etcd3  # noqa: E402
from etcd3 import etcdrpc  # noqa: E402
from PySide6.QtCore import (  # noqa: E402
    QEvent,
    QEventLoop,
    QObject,
    QSettings,
    QTimer,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchqt import quiet_offscreen  # noqa: E402
from etcdesk.core.etcd_process import EtcdMember  # noqa: E402
from etcdesk.core.etcd_store import RECEIVE_LIMIT, ConnectionSpec  # noqa: E402
from etcdesk.core.layout import Layout, layout_from_mapping, prefix_range_end  # noqa: E402
from etcdesk.core.profiles import PasswordVault, ProfileStore  # noqa: E402
from etcdesk.qt.main_window import MainWindow  # noqa: E402
from etcdesk.qt.session import Session, State  # noqa: E402
from etcdesk.qt.settings import UiSettings  # noqa: E402
from etcdesk.qt.tasks import TaskRunner  # noqa: E402

ROOT = b"/tenants/"
TXN_OPS = 128  # etcd's default --max-txn-ops
SEED_IN_FLIGHT = 8
FLOOR_PAGE = 5_000
RUNS = 3
SETTLE_S = 0.5  # quiet time before each timed run, for etcd's Go GC after the previous one
LISTING_TIMEOUT_S = 300.0

TARGET_RATIO = 1.3
TARGET_FIRST_ROWS_S = 0.3
TARGET_RSS_MB = 150.0


# -- helpers ---------------------------------------------------------------------------------


def rss_mb() -> float:
    """Resident set size of this process (VmRSS), in MiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def raw_client(member: EtcdMember) -> Any:
    """A plain python3-etcd3 client with the receive limit raised (options as tuples)."""
    options = [
        ("grpc.max_receive_message_length", RECEIVE_LIMIT),
        ("grpc.max_send_message_length", 64 * 1024 * 1024),
    ]
    return etcd3.client("127.0.0.1", member.client_port, grpc_options=options)


def key_for(tenant: int, config: int) -> bytes:
    """``/tenants/tenant-0042/config-017``; every 25th config one or two levels deeper."""
    base = b"/tenants/tenant-%04d/" % tenant
    if config % 25 == 0:
        return base + b"nested/level-%d/config-%03d" % (config % 3, config)
    return base + b"config-%03d" % config


def value_for(tenant: int, config: int, size: int) -> bytes:
    head = b'{"tenant": "tenant-%04d", "config": %d, "payload": "' % (tenant, config)
    pad = max(0, size - len(head) - 2)
    return head + (b"abcdefghijklmnopqrstuvwxyz0123456789" * (pad // 36 + 1))[:pad] + b'"}'


def seed(client: Any, tenants: int, configs: int, value_bytes: int) -> int:
    """Put every key with raw Txn requests of 128 puts, a few requests in flight at once."""
    stub = client.kvstub
    in_flight: deque[Future[Any]] = deque()
    ops: list[Any] = []
    written = 0

    def send() -> None:
        nonlocal ops, written
        if not ops:
            return
        request = etcdrpc.TxnRequest(success=ops)
        in_flight.append(stub.Txn.future(request, 60))
        written += len(ops)
        ops = []
        while len(in_flight) >= SEED_IN_FLIGHT:
            in_flight.popleft().result()

    for tenant in range(tenants):
        for config in range(configs):
            put = etcdrpc.PutRequest(
                key=key_for(tenant, config), value=value_for(tenant, config, value_bytes)
            )
            ops.append(etcdrpc.RequestOp(request_put=put))
            if len(ops) == TXN_OPS:
                send()
    send()
    while in_flight:
        in_flight.popleft().result()
    return written


# -- (a) the floor -----------------------------------------------------------------------------


def floor_single(stub: Any) -> tuple[float, int]:
    """One keys-only range over the whole prefix; the keys end up in a Python list."""
    start = time.perf_counter()
    request = etcdrpc.RangeRequest(
        key=ROOT, range_end=prefix_range_end(ROOT), keys_only=True, serializable=True
    )
    response = stub.Range(request, 120)
    keys = [kv.key for kv in response.kvs]
    return time.perf_counter() - start, len(keys)


def floor_paged(stub: Any) -> tuple[float, int]:
    """Keys-only pages of 5,000, pinned to the first page's revision, next key = last + NUL."""
    start = time.perf_counter()
    end = prefix_range_end(ROOT)
    key, revision = ROOT, 0
    keys: list[bytes] = []
    while True:
        request = etcdrpc.RangeRequest(
            key=key,
            range_end=end,
            limit=FLOOR_PAGE,
            revision=revision,
            keys_only=True,
            serializable=True,
        )
        response = stub.Range(request, 120)
        if revision == 0:
            revision = response.header.revision
        page = [kv.key for kv in response.kvs]
        keys.extend(page)
        if not response.more or not page:
            break
        key = page[-1] + b"\x00"
    return time.perf_counter() - start, len(keys)


# -- (b), (c), (d) the real path --------------------------------------------------------------


@dataclass
class AppRun:
    total_s: float  # open() -> listing_finished
    first_rows_s: float  # open() -> first rowsInserted on the root with rows
    first_progress_s: float  # open() -> first listing_progressed
    first_paint_s: float  # open() -> first paint of the tree view with rows (window only)
    keys: int
    tenants: int
    rss_before_mb: float
    rss_after_mb: float

    @property
    def rss_growth_mb(self) -> float:
        return self.rss_after_mb - self.rss_before_mb


class _PaintWatch(QObject):
    """Calls ``on_paint`` on each paint event of the watched widget."""

    def __init__(self, on_paint: Callable[[], None]) -> None:
        super().__init__()
        self._on_paint = on_paint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._on_paint()
        return False


def _drain(app: QApplication) -> None:
    for _ in range(3):
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()


def run_app(
    app: QApplication, spec: ConnectionSpec, layout: Layout, home: Path, window: bool
) -> AppRun:
    """One fresh runner + session (+ window): ``open()`` and wait for ``listing_finished``."""
    gc.collect()
    _drain(app)
    rss_before = rss_mb()
    runner = TaskRunner()
    session = Session(runner, layout)
    win: MainWindow | None = None
    if window:
        settings = QSettings(str(home / "ui.ini"), QSettings.Format.IniFormat)
        win = MainWindow(
            session,
            ProfileStore(home / "profiles.json"),
            PasswordVault(use_keyring=False),
            UiSettings(settings),
            ask_password=lambda _profile: None,
        )
        win.show()
        _drain(app)

    marks: dict[str, float] = {}
    failure: list[str] = []
    loop = QEventLoop()
    model = session.model

    def on_rows_inserted(parent: Any, _first: int, _last: int) -> None:
        if "rows" not in marks and not parent.isValid() and model.rowCount() > 0:
            marks["rows"] = time.perf_counter()

    def on_progress(_loaded: int, _total: int) -> None:
        marks.setdefault("progress", time.perf_counter())

    def on_paint() -> None:
        if "paint" not in marks and "rows" in marks:
            marks["paint"] = time.perf_counter()

    def on_finished(_revision: int, _keys: int, _seconds: float) -> None:
        marks["done"] = time.perf_counter()
        loop.quit()

    def on_failed(text: str) -> None:
        failure.append(text)
        loop.quit()

    def on_state(state: State, detail: str) -> None:
        if state is State.FAILED:
            on_failed(detail)

    watch = _PaintWatch(on_paint)
    if win is not None:
        win.tree_panel.view.viewport().installEventFilter(watch)
    model.rowsInserted.connect(on_rows_inserted)
    session.listing_progressed.connect(on_progress)
    session.listing_finished.connect(on_finished)
    session.listing_failed.connect(on_failed)
    session.state_changed.connect(on_state)
    timeout = QTimer()
    timeout.setSingleShot(True)
    timeout.timeout.connect(lambda: on_failed(f"no listing_finished in {LISTING_TIMEOUT_S:g} s"))
    timeout.start(int(LISTING_TIMEOUT_S * 1000))

    started = time.perf_counter()
    session.open(spec, layout)
    loop.exec()
    timeout.stop()
    if failure:
        raise RuntimeError(f"listing failed: {failure[0]}")
    if win is not None:  # let the view paint the finished tree before "after"
        _drain(app)
    rss_after = rss_mb()
    result = AppRun(
        total_s=marks["done"] - started,
        first_rows_s=marks.get("rows", marks["done"]) - started,
        first_progress_s=marks.get("progress", marks["done"]) - started,
        first_paint_s=marks["paint"] - started if "paint" in marks else float("nan"),
        keys=len(session.tree),
        tenants=len(session.tree.root.groups),
        rss_before_mb=rss_before,
        rss_after_mb=rss_after,
    )

    if win is not None:
        win.tree_panel.view.viewport().removeEventFilter(watch)
        win.close()
    runner.shutdown()
    session.close()
    if win is not None:
        win.deleteLater()
    session.deleteLater()
    _drain(app)
    return result


# -- driver -------------------------------------------------------------------------------------


@contextmanager
def etcd_server(base: Path) -> Iterator[EtcdMember]:
    member = EtcdMember("bench", base / "etcd", fast=True, log_file=base / "etcd.log")
    member.start()
    try:
        yield member
    finally:
        member.stop()


def _settle() -> None:
    gc.collect()
    time.sleep(SETTLE_S)


def _fmt(seconds: float) -> str:
    return f"{seconds:8.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tenants", type=int, default=1000)
    parser.add_argument("--configs", type=int, default=100, help="configs per tenant")
    parser.add_argument("--value-bytes", type=int, default=200)
    parser.add_argument("--runs", type=int, default=RUNS, help="timed runs (best is kept)")
    parser.add_argument(
        "--no-window", action="store_true", help="session and model only, no MainWindow"
    )
    args = parser.parse_args(argv)
    expected = args.tenants * args.configs

    with tempfile.TemporaryDirectory(prefix="etcdesk-bench-") as tmp:
        base = Path(tmp)
        # Never the user's settings, profiles or keyring.
        os.environ["ETCDESK_CONFIG_DIR"] = str(base / "config")
        os.environ["ETCDESK_DATA_DIR"] = str(base / "data")
        os.environ["ETCDESK_NO_KEYRING"] = "1"
        os.environ["XDG_CONFIG_HOME"] = str(base / "xdg-config")
        qInstallMessageHandler(quiet_offscreen)
        app = QApplication.instance() or QApplication(["tree_load"])
        assert isinstance(app, QApplication)
        layout = layout_from_mapping({"root": ROOT.decode(), "pattern": "{tenant}/{config...}"})
        with etcd_server(base) as member:
            client = raw_client(member)
            try:
                began = time.perf_counter()
                written = seed(client, args.tenants, args.configs, args.value_bytes)
                seeded_s = time.perf_counter() - began
                spec = ConnectionSpec((member.endpoint,), timeout=10.0)
                stub = client.kvstub

                # Cold: the first session in this process. Its memory growth is (d); its time
                # is a warm-up and not counted.
                cold = run_app(app, spec, layout, base, window=not args.no_window)
                for probe in (floor_single, floor_paged):  # warm-up of the floors
                    _seconds, count = probe(stub)
                    if count != expected:
                        raise RuntimeError(f"{probe.__name__}: {count} keys, expected {expected}")

                singles: list[float] = []
                pages: list[float] = []
                runs: list[AppRun] = []
                for _ in range(args.runs):  # interleaved, so drift hits all three alike
                    _settle()
                    singles.append(floor_single(stub)[0])
                    _settle()
                    pages.append(floor_paged(stub)[0])
                    _settle()
                    runs.append(run_app(app, spec, layout, base, window=not args.no_window))
            finally:
                client.close()

    for run in [cold, *runs]:
        if run.keys != expected:
            raise RuntimeError(f"the tree holds {run.keys} keys, expected {expected}")

    floor_single_s, floor_paged_s = min(singles), min(pages)
    floor_s = min(floor_single_s, floor_paged_s)
    best = min(runs, key=lambda r: r.total_s)
    total_s = best.total_s
    first_rows_s = max(r.first_rows_s for r in runs)  # the worst: a latency promise
    rss_growth = cold.rss_growth_mb
    ratio = total_s / floor_s

    def row(name: str, values: list[float], chosen: float | None = None, note: str = "") -> str:
        cells = " ".join(_fmt(v) for v in values)
        tail = f"   -> {chosen:8.3f} {note}" if chosen is not None else ""
        return f"  {name:<38} {cells}{tail}"

    def ok(good: bool) -> str:
        return "ok" if good else "MISSED"

    print(
        f"tree_load: {written:,} keys ({args.tenants:,} tenants x {args.configs} configs, "
        f"{args.value_bytes} B values) seeded in {seeded_s:.1f} s; "
        f"{os.cpu_count()} CPUs; window={'no' if args.no_window else 'yes'}"
    )
    heads = " ".join(f"{'run ' + str(i + 1):>8}" for i in range(args.runs))
    print(f"  {'seconds':<38} {heads}   -> chosen")
    print(row("(a) floor: one keys-only range", singles, floor_single_s, "(best)"))
    print(row(f"(a) floor: pages of {FLOOR_PAGE:,}", pages, floor_paged_s, "(best)"))
    print(row("(b) open() -> listing_finished", [r.total_s for r in runs], total_s, "(best)"))
    print(
        row(
            "(c) open() -> first rows",
            [r.first_rows_s for r in runs],
            first_rows_s,
            f"(worst) {ok(first_rows_s <= TARGET_FIRST_ROWS_S)}",
        )
    )
    print(row("    open() -> first listing_progressed", [r.first_progress_s for r in runs]))
    if not args.no_window:
        print(row("    open() -> first paint with rows", [r.first_paint_s for r in runs]))
    print(
        f"  cold first session (warm-up, not counted): {cold.total_s:.3f} s, "
        f"first rows {cold.first_rows_s:.3f} s"
    )
    print(
        f"  (d) RSS {cold.rss_before_mb:.1f} -> {cold.rss_after_mb:.1f} MiB in the cold session: "
        f"+{rss_growth:.1f} MiB {ok(rss_growth <= TARGET_RSS_MB)} "
        f"(warm sessions: {', '.join(f'+{r.rss_growth_mb:.1f}' for r in runs)})"
    )
    print(
        f"  ratio (b)/(a) = {total_s:.3f} / {floor_s:.3f} = {ratio:.3f} "
        f"{ok(ratio <= TARGET_RATIO)} (target <= {TARGET_RATIO})"
    )
    print(
        f"RESULT tree_load ratio={ratio:.3f} first_rows_s={first_rows_s:.3f} "
        f"rss_mb={rss_growth:.3f} floor_s={floor_s:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
