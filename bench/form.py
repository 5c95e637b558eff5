"""Building the schema form for a 200-field document, and the cost of each keystroke after.

Generates a draft 2020-12 schema with ~200 fields (x-ui groups, formats, bounds, enums, a nested
object, an array of objects with nested arrays, a oneOf with a const discriminator, an
additionalProperties map and a root if/then) and a valid document for it, then measures in one
run, offscreen:

  (a) build: ``SchemaForm(registry, schema, data)`` shown and laid out (best of ``--runs``),
      against the floor: the same number of plain QLineEdits in a QFormLayout in a QScrollArea,
      shown and laid out the same way;
  (b) per keystroke: a key typed into a text field (the form's own handling: signals up the
      tree, the root's if/then re-applied), then what the editor does next, ``form.data()`` +
      ``registry.validate(schema, data)``; against the floor: jsonschema's
      ``Draft202012Validator(...).iter_errors(data)`` on the same data, validator built once.

Targets: build <= 300 ms, data() + validate <= 20 ms per keystroke. The last line is
``RESULT form build_ms=<a> validate_ms=<b>``.

    .venv/bin/python bench/form.py [--runs 5] [--keys 60]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported

_GUI = Path(__file__).resolve().parent.parent / "gui"
if str(_GUI) not in sys.path:
    sys.path.insert(0, str(_GUI))

from jsonschema import Draft202012Validator  # noqa: E402
from PySide6.QtCore import (  # noqa: E402
    Qt,
    qInstallMessageHandler,
)
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QFormLayout,
    QLineEdit,
    QScrollArea,
    QWidget,
)

from benchqt import quiet_offscreen  # noqa: E402
from etcdesk.core.schemas import SchemaRegistry  # noqa: E402
from etcdesk.qt.form import SchemaForm  # noqa: E402
from etcdesk.qt.form.base import Field  # noqa: E402

TARGET_BUILD_MS = 300.0
TARGET_VALIDATE_MS = 20.0
GROUPS = ("Identity", "Network", "Limits", "Storage", "Logging", "Security", "Billing", "Alerts")
PER_GROUP = 15
ROUTES = 6


# -- the document ------------------------------------------------------------------------------


def scalar(kind: int, title: str) -> tuple[dict[str, Any], Any]:
    """A field schema of one of seven kinds, and a valid value for it."""
    if kind == 0:
        return {"type": "string", "title": title, "maxLength": 64}, "value"
    if kind == 1:
        return {"type": "string", "title": title, "format": "hostname"}, "host.example.com"
    if kind == 2:
        return {"type": "integer", "title": title, "minimum": 1, "maximum": 10_000}, 100
    if kind == 3:
        schema = {"type": "number", "title": title, "exclusiveMinimum": 0, "multipleOf": 0.5}
        return schema, 2.5
    if kind == 4:
        return {"type": "string", "title": title, "enum": ["low", "mid", "high", "max"]}, "mid"
    if kind == 5:
        return {"type": "boolean", "title": title}, True
    return {"type": "string", "title": title, "pattern": "^[a-z][a-z0-9-]*$"}, "edge-1"


def bench_schema() -> tuple[dict[str, Any], dict[str, Any]]:
    props: dict[str, Any] = {
        "environment": {"type": "string", "enum": ["dev", "staging", "prod"], "title": "Env"}
    }
    data: dict[str, Any] = {"environment": "staging"}
    order = 0
    for group in GROUPS:
        for i in range(PER_GROUP):
            name = f"{group.lower()}_{i:02d}"
            sub, value = scalar(i % 7, f"{group} setting {i}")
            order += 1
            props[name] = {**sub, "x-ui": {"group": group, "order": order}}
            data[name] = value
    limits: dict[str, Any] = {}
    limit_data: dict[str, Any] = {}
    for part in ("cpu", "memory"):
        fields = {}
        values = {}
        for i in range(10):
            sub, value = scalar((i + 2) % 7, f"{part} {i}")
            fields[f"{part}_{i}"] = sub
            values[f"{part}_{i}"] = value
        limits[part] = {"type": "object", "title": part.upper(), "properties": fields}
        limit_data[part] = values
    props["limits"] = {"type": "object", "title": "Limits", "properties": limits}
    data["limits"] = limit_data
    props["routes"] = {
        "type": "array",
        "title": "Routes",
        "items": {
            "type": "object",
            "title": "Route",
            "required": ["path", "rps"],
            "properties": {
                "path": {"type": "string", "pattern": "^/", "title": "Path"},
                "rps": {"type": "integer", "minimum": 1, "title": "Requests per second"},
                "timeout_ms": {"type": "integer", "minimum": 1, "title": "Timeout (ms)"},
                "methods": {
                    "type": "array",
                    "items": {"enum": ["GET", "POST", "PUT", "DELETE"]},
                    "uniqueItems": True,
                },
                "headers": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"name": {"type": "string"}, "value": {"type": "string"}},
                    },
                },
            },
        },
    }
    data["routes"] = [
        {
            "path": f"/v1/r{i}",
            "rps": 10 + i,
            "timeout_ms": 500,
            "methods": ["GET"],
            "headers": [{"name": "x-a", "value": "1"}, {"name": "x-b", "value": "2"}],
        }
        for i in range(ROUTES)
    ]
    options = []
    for kind in ("s3", "gcs", "disk"):
        fields: dict[str, Any] = {"kind": {"const": kind}}
        for i in range(6):
            sub, _ = scalar(i % 7, f"{kind} {i}")
            fields[f"{kind}_{i}"] = sub
        options.append({"title": kind.upper(), "type": "object", "properties": fields})
    props["backend"] = {"title": "Backend", "oneOf": options}
    backend = {"kind": "gcs"}
    for i in range(6):
        backend[f"gcs_{i}"] = scalar(i % 7, "")[1]
    data["backend"] = backend
    props["labels"] = {
        "type": "object",
        "title": "Labels",
        "additionalProperties": {"type": "string"},
    }
    data["labels"] = {f"label-{i}": f"v{i}" for i in range(10)}
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Benchmark config",
        "type": "object",
        "properties": props,
        "required": ["environment"],
        "if": {"properties": {"environment": {"const": "prod"}}},
        "then": {"required": ["alerts_00"]},
    }
    return schema, data


def leaf_fields(form: SchemaForm) -> list[Field]:
    leaves: list[Field] = []
    stack: list[Field] = [form.root]
    while stack:
        node = stack.pop()
        children = node.children_fields()
        if children:
            stack.extend(children)
        else:
            leaves.append(node)
    return leaves


# -- measurements ------------------------------------------------------------------------------


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def build_form(app: QApplication, registry: SchemaRegistry, schema: Any, data: Any) -> SchemaForm:
    form = SchemaForm(registry, schema, data)
    form.resize(900, 1000)
    form.show()
    settle(app)
    return form


def build_floor(app: QApplication, count: int) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    page = QWidget()
    form = QFormLayout(page)
    for i in range(count):
        form.addRow(f"Field {i}", QLineEdit())
    area.setWidget(page)
    area.resize(900, 1000)
    area.show()
    settle(app)
    return area


def dispose(app: QApplication, widget: QWidget) -> None:
    widget.hide()
    widget.deleteLater()
    settle(app)
    gc.collect()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys", type=int, default=60, help="keystrokes to time")
    args = parser.parse_args()
    qInstallMessageHandler(quiet_offscreen)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    registry = SchemaRegistry()
    schema, data = bench_schema()

    # warm-up: imports, style polish, font and validator caches
    form = build_form(app, registry, schema, data)
    leaves = leaf_fields(form)
    count = len(leaves)
    assert registry.validate(schema, form.data()) == [], "the generated document must be valid"
    assert form.data() == data
    dispose(app, form)
    dispose(app, build_floor(app, count))

    builds: list[float] = []
    floors: list[float] = []
    for _ in range(args.runs):  # interleaved, so drift hits both alike
        gc.collect()
        ms, area = timed(lambda: build_floor(app, count))
        floors.append(ms)
        dispose(app, area)
        gc.collect()
        ms, form = timed(lambda: build_form(app, registry, schema, data))
        builds.append(ms)
        dispose(app, form)

    form = build_form(app, registry, schema, data)
    edited: list[int] = []
    form.edited.connect(lambda: edited.append(1))
    lines = [
        w
        for w in form.findChildren(QLineEdit)
        if w.isVisible() and not w.isReadOnly() and type(w.parent()).__name__ == "TextField"
    ]
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    keys: list[float] = []
    checks: list[float] = []
    bare: list[float] = []
    for n in range(args.keys):
        target = lines[(n * 7) % len(lines)]
        target.setFocus()
        target.end(False)
        ms, _ = timed(lambda target=target: QTest.keyClick(target, Qt.Key.Key_X))  # type: ignore[misc]
        keys.append(ms)
        ms, issues = timed(lambda: registry.validate(schema, form.data()))
        checks.append(ms)
        form.show_issues(issues)
        current = form.data()
        ms, _ = timed(lambda current=current: list(validator.iter_errors(current)))  # type: ignore[misc]
        bare.append(ms)
    assert len(edited) == args.keys, "every keystroke is one edit"

    build_ms, floor_build_ms = min(builds), min(floors)
    check_ms, floor_check_ms = statistics.median(checks), statistics.median(bare)
    key_ms = statistics.median(keys)

    def ok(good: bool) -> str:
        return "ok" if good else "OVER TARGET"

    print(f"form bench: {count} fields ({len(lines)} text fields typed into), offscreen")
    print(
        f"  (a) build + show + layout, best of {args.runs}: {build_ms:.1f} ms "
        f"{ok(build_ms <= TARGET_BUILD_MS)} (target <= {TARGET_BUILD_MS:.0f} ms); "
        f"runs {', '.join(f'{b:.0f}' for b in builds)}"
    )
    print(
        f"      floor, {count} QLineEdits in a QFormLayout: {floor_build_ms:.1f} ms; "
        f"ratio {build_ms / floor_build_ms:.2f}"
    )
    print(
        f"  (b) data() + validate per keystroke, median of {args.keys}: {check_ms:.2f} ms "
        f"{ok(check_ms <= TARGET_VALIDATE_MS)} (target <= {TARGET_VALIDATE_MS:.0f} ms); "
        f"max {max(checks):.2f} ms"
    )
    print(
        f"      floor, Draft202012Validator.iter_errors bare: {floor_check_ms:.2f} ms; "
        f"ratio {check_ms / floor_check_ms:.2f}"
    )
    print(
        f"      the keystroke itself (key event -> form updated, root if/then re-applied): "
        f"median {key_ms:.2f} ms, max {max(keys):.2f} ms"
    )
    print(f"RESULT form build_ms={build_ms:.1f} validate_ms={check_ms:.2f}")
    sys.stdout.flush()
    dispose(app, form)
    return 0


if __name__ == "__main__":
    sys.exit(main())
