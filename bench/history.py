"""Key history and big diffs, against the raw etcd floor measured in the same run.

Starts its own etcd and measures:

  (a) first rows: a key with 5,000 revisions (every other one journaled, as etcdesk writes
      them); the time from ``HistoryPanel.show_key()`` until the first 50 rows are in the
      model: 50 reads walking back, the journal join, the one-line summaries, delivery to the
      GUI thread. Floor: the same 50 reads with python3-etcd3's raw ``KVStub.Range``.
  (b) diff of two 1 MB JSON values: what the panel does when a revision is selected
      (``prepare_diff``: decode, mask, side-by-side text diff with inline spans) plus
      rendering it into the ``DiffWidget`` (changed-fields tab and text tab). Floor: reading
      the two values from etcd raw.

Targets: (a) <= 200 ms, (b) <= 300 ms. The last line is machine readable:
``RESULT history first_rows_ms=<a> diff_1mb_ms=<b>``.

    .venv/bin/python bench/history.py [--revisions 5000 --runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported

_GUI = Path(__file__).resolve().parent.parent / "gui"
if str(_GUI) not in sys.path:
    sys.path.insert(0, str(_GUI))

from etcd3 import etcdrpc  # noqa: E402
from PySide6.QtCore import qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchqt import quiet_offscreen  # noqa: E402
from etcdesk.core.etcd_process import EtcdMember  # noqa: E402
from etcdesk.core.etcd_store import ConnectionSpec, EtcdStore  # noqa: E402
from etcdesk.core.journal import Author, Journal, JournalKey, group_of  # noqa: E402
from etcdesk.core.layout import layout_from_mapping  # noqa: E402
from etcdesk.qt.history_panel import HistoryPanel, prepare_diff, show_prepared  # noqa: E402
from etcdesk.qt.tasks import TaskRunner  # noqa: E402

TARGET_FIRST_ROWS_MS = 200.0
TARGET_DIFF_MS = 300.0
ROWS = 50


def _seed_history(store: EtcdStore, key: bytes, revisions: int, journal: Journal) -> int:
    layout = layout_from_mapping({"root": "/tenants/", "pattern": "{tenant}/{config...}"})
    mod = 0
    for i in range(revisions):
        value = json.dumps({"requests_per_second": 100 + i, "burst": i % 50, "mode": "enforce"})
        extra = []
        if i % 2 == 0:
            keys = [JournalKey(key, mod, "put")]
            extra.append(journal.entry("save", group_of(layout, key), keys, f"step {i}"))
        mod = store.put_guarded(key, value.encode(), mod, 0, extra)
    return mod


def _big_json(rng: random.Random, items: int) -> dict[str, object]:
    return {
        "tenants": [
            {
                "id": f"tenant-{i:05}",
                "plan": rng.choice(["free", "team", "business", "enterprise"]),
                "storage_gb": rng.randint(1, 2000),
                "users": rng.randint(1, 1500),
                "region": rng.choice(["eu-west-1", "us-east-1", "cn-east-2"]),
                "flags": {"sso": rng.random() < 0.5, "beta": rng.random() < 0.2},
                "contact": f"ops+{i}@example.com",
            }
            for i in range(items)
        ]
    }


def _one_mb_pair(rng: random.Random) -> tuple[bytes, bytes]:
    items = 10
    doc = _big_json(rng, items)
    while len(json.dumps(doc, indent=2)) < 1_000_000:
        items = int(items * 1_000_000 / len(json.dumps(doc, indent=2))) + 1
        doc = _big_json(random.Random(1), items)
    old = json.dumps(doc, indent=2)
    tenants = doc["tenants"]
    assert isinstance(tenants, list)
    for index in rng.sample(range(len(tenants)), 20):  # 20 scattered edits
        tenants[index]["users"] += 1
    tenants.insert(len(tenants) // 2, {"id": "tenant-new", "plan": "team"})
    del tenants[-3]
    return old.encode(), json.dumps(doc, indent=2).encode()


def _raw_walk(store: EtcdStore, key: bytes, count: int) -> float:
    stub = etcdrpc.KVStub(store._client.channel)
    start = time.perf_counter()
    response = stub.Range(etcdrpc.RangeRequest(key=key), 5)
    kv = response.kvs[0]
    for _ in range(count - 1):
        response = stub.Range(etcdrpc.RangeRequest(key=key, revision=kv.mod_revision - 1), 5)
        kv = response.kvs[0]
    return time.perf_counter() - start


def _raw_two_reads(store: EtcdStore, key: bytes, revisions: tuple[int, int]) -> float:
    stub = etcdrpc.KVStub(store._client.channel)
    start = time.perf_counter()
    for revision in revisions:
        stub.Range(etcdrpc.RangeRequest(key=key, revision=revision), 10)
    return time.perf_counter() - start


def _panel_first_rows(app: QApplication, panel: HistoryPanel, key: bytes) -> float:
    start = time.perf_counter()
    panel.show_key(key)
    deadline = start + 30
    while len(panel.model.rows) < ROWS:
        app.processEvents()
        if time.perf_counter() > deadline:
            raise RuntimeError("the history did not load within 30 s")
        time.sleep(0.0005)
    return time.perf_counter() - start


def _panel_diff(app: QApplication, panel: HistoryPanel, old: bytes, new: bytes) -> float:
    start = time.perf_counter()
    prepared = prepare_diff(old, new, ())
    show_prepared(panel.diff, prepared, "revision A", "revision B")
    app.processEvents()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--revisions", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    qInstallMessageHandler(quiet_offscreen)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory(prefix="etcdesk-bench-history-") as tmp:
        member = EtcdMember("bench", Path(tmp) / "etcd")
        member.start()
        store = EtcdStore(ConnectionSpec((member.endpoint,), timeout=10))
        runner = TaskRunner()
        try:
            key = b"/tenants/acme/ratelimit"
            journal = Journal(b"/etcdesk/journal/", Author("bench", "bench", "localhost"))
            t0 = time.perf_counter()
            _seed_history(store, key, args.revisions, journal)
            print(f"seeded {args.revisions:,} revisions in {time.perf_counter() - t0:.1f} s")
            big = b"/tenants/acme/big"
            old, new = _one_mb_pair(random.Random(7))
            r_old = store.put_guarded(big, old, 0)
            r_new = store.put_guarded(big, new, r_old)
            print(f"1 MB pair: {len(old):,} and {len(new):,} bytes")

            layout = layout_from_mapping({"root": "/tenants/", "pattern": "{tenant}/{config...}"})
            panel = HistoryPanel(runner)
            panel.resize(1200, 400)
            panel.show()
            panel.set_connection(store, store, layout, journal)
            _panel_first_rows(app, panel, key)  # warm-up
            _raw_walk(store, key, ROWS)
            floors, firsts, diff_floors, diffs = [], [], [], []
            for _ in range(args.runs):
                floors.append(_raw_walk(store, key, ROWS))
                firsts.append(_panel_first_rows(app, panel, key))
                diff_floors.append(_raw_two_reads(store, big, (r_old, r_new)))
                diffs.append(_panel_diff(app, panel, old, new))
            journaled = sum(1 for r in panel.model.rows if r.revision in panel.model.entries)
            assert journaled >= ROWS // 2 - 1, "the journal join found too few entries"
        finally:
            runner.shutdown()
            store.close()
            member.stop()

    floor_ms, first_ms = min(floors) * 1000, statistics.median(firsts) * 1000
    diff_floor_ms, diff_ms = min(diff_floors) * 1000, statistics.median(diffs) * 1000
    print()
    print(f"{'':34} {'floor ms':>9} {'etcdesk ms':>11} {'ratio':>7} {'target':>9}")
    print(
        f"{'first 50 rows of 5,000 revisions':34} {floor_ms:9.1f} {first_ms:11.1f}"
        f" {first_ms / floor_ms:7.2f} {'<= 200':>9}"
    )
    print(
        f"{'diff of two 1 MB JSON values':34} {diff_floor_ms:9.1f} {diff_ms:11.1f}"
        f" {diff_ms / diff_floor_ms:7.2f} {'<= 300':>9}"
    )
    print(
        "(etcdesk: median of the runs; floor: best. first rows include the journal join and"
        " summaries; the diff includes rendering both tabs)"
    )
    ok = first_ms <= TARGET_FIRST_ROWS_MS and diff_ms <= TARGET_DIFF_MS
    print("targets met" if ok else "TARGET MISSED")
    print(f"RESULT history first_rows_ms={first_ms:.1f} diff_1mb_ms={diff_ms:.1f}")


if __name__ == "__main__":
    main()
