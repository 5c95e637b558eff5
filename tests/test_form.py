"""The schema form: every schema feature it renders, driven like a user, checked on data()."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from etcdesk.core.schemas import SchemaRegistry, ValidationIssue
from etcdesk.qt.form import SchemaForm
from etcdesk.qt.form.arrays import ArrayField, MultiSelectField
from etcdesk.qt.form.maps import MapField
from etcdesk.qt.form.objects import ObjectField
from etcdesk.qt.form.secrets import SecretField
from etcdesk.qt.form.variants import VariantField

pytestmark = pytest.mark.qt_log_level_fail("WARNING")

LEFT = Qt.MouseButton.LeftButton

CERTIFICATE = {
    "domain": "shop.example.com",
    "san": ["www.shop.example.com"],
    "issuer": "Example Issuing CA R3",
    "not_before": "2025-01-01T00:00:00Z",
    "not_after": "2025-04-01T00:00:00Z",
    "auto_renew": True,
    "cert_pem": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    "private_key_pem": "-----BEGIN PRIVATE KEY-----\nTOPSECRETKEY\n-----END PRIVATE KEY-----\n",
}
RATELIMIT = {
    "requests_per_second": 100,
    "burst": 200,
    "mode": "enforce",
    "per_endpoint": [
        {"path": "/v1/orders", "rps": 20, "methods": ["POST"]},
        {"path": "/v1/search", "rps": 50},
    ],
    "whitelist_ips": ["10.0.0.1", "10.0.0.2"],
}
FEATURES = {
    "new_billing": True,
    "sso": False,
    "rollout": {"percentage": 25, "cohort": "beta"},
    "beta_reports": True,
}
QUOTA = {"plan": "team", "storage_gb": 50, "users": 10}
DEMO = {
    "certificate.schema.yaml": CERTIFICATE,
    "ratelimit.schema.yaml": RATELIMIT,
    "features.schema.yaml": FEATURES,
    "quota.schema.yaml": QUOTA,
}


@pytest.fixture(scope="module")
def registry() -> SchemaRegistry:
    return SchemaRegistry.bundled()


MakeForm = Callable[..., SchemaForm]


@pytest.fixture
def make(qtbot: QtBot, registry: SchemaRegistry) -> MakeForm:
    def build(schema: dict[str, Any] | str, data: Any, **kw: Any) -> SchemaForm:
        if isinstance(schema, str):
            found = registry.get(schema)
            assert found is not None
            schema = found
        form = SchemaForm(registry, schema, copy.deepcopy(data), **kw)
        qtbot.addWidget(form)
        form.resize(720, 900)
        form.show()
        return form

    return build


def editor(form: SchemaForm, *path: str | int) -> Any:
    widget = form.field(path)
    assert widget is not None, f"no field at {path}"
    return widget


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Select everything in a line edit (or spin box) and type ``text`` like a user."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)


def error_text(form: SchemaForm, *path: str | int) -> str:
    field = form.field_at(path)
    assert field is not None
    return field.error_text()


# -- documents in, documents out --------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(DEMO))
def test_demo_schemas_round_trip_and_validate(
    make: MakeForm, registry: SchemaRegistry, qtbot: QtBot, name: str
) -> None:
    form = make(name, DEMO[name])
    assert form.data() == DEMO[name]
    schema = registry.get(name)
    assert schema is not None
    assert registry.validate(schema, form.data()) == []
    # set_data replaces the document in place and never reports it as an edit
    other = registry.default_for(schema)
    with qtbot.assertNotEmitted(form.edited):
        form.set_data(other)
    assert form.data() == other
    form.set_data(DEMO[name])
    assert form.data() == DEMO[name]


def test_data_is_a_fresh_copy_and_keeps_key_order(make: MakeForm) -> None:
    data = {"mode": "shadow", "requests_per_second": 5, "per_endpoint": []}
    form = make("ratelimit.schema.yaml", data)
    out = form.data()
    assert list(out) == list(data)
    out["per_endpoint"].append("x")
    assert form.data() == data


def test_new_document_starts_from_default_for(make: MakeForm, registry: SchemaRegistry) -> None:
    schema = registry.get("ratelimit.schema.yaml")
    assert schema is not None
    fresh = registry.default_for(schema)
    form = make(schema, fresh)
    assert form.data() == fresh
    assert editor(form, "requests_per_second").text() == "100"
    assert editor(form, "mode").currentText() == "enforce"
    assert registry.validate(schema, form.data()) == []


def test_values_the_widgets_cannot_show_exactly_survive(make: MakeForm) -> None:
    schema = {
        "type": "object",
        "properties": {
            "ratio": {"type": "number"},
            "when": {"type": "string", "format": "date-time"},
            "count": {"type": "integer"},
            "name": {"type": "string"},
        },
    }
    data = {"ratio": 1.0, "when": "2025-01-01T00:00:00.123+02:00", "count": 2**40, "name": 7}
    form = make(schema, data)
    assert form.data() == data
    assert isinstance(form.data()["ratio"], float)
    assert editor(form, "count").text() == str(2**40)
    assert isinstance(editor(form, "name"), QLineEdit)  # wrong type: edited as JSON


# -- strings ----------------------------------------------------------------------------------


def test_string_typing_edits_the_document(make: MakeForm, qtbot: QtBot) -> None:
    form = make("certificate.schema.yaml", CERTIFICATE)
    domain = editor(form, "domain")
    assert isinstance(domain, QLineEdit)
    assert domain.placeholderText() == "shop.example.com"
    with qtbot.waitSignal(form.edited):
        retype(qtbot, domain, "acme.example.org")
    assert form.data()["domain"] == "acme.example.org"
    retype(qtbot, domain, "")
    assert form.data()["domain"] == ""  # required: an empty string, not a missing key
    issuer = editor(form, "issuer")
    retype(qtbot, issuer, "")
    assert "issuer" not in form.data()  # optional: clearing it leaves the key out


def test_string_enum_is_a_combo(make: MakeForm, qtbot: QtBot) -> None:
    form = make("ratelimit.schema.yaml", RATELIMIT)
    mode = editor(form, "mode")
    assert isinstance(mode, QComboBox)
    assert [mode.itemText(i) for i in range(mode.count())] == ["enforce", "shadow", "off"]
    with qtbot.waitSignal(form.edited):
        mode.setCurrentIndex(2)
    assert form.data()["mode"] == "off"


def test_optional_enum_can_be_unset_and_unknown_values_are_kept(make: MakeForm) -> None:
    schema = {"type": "object", "properties": {"tier": {"enum": ["a", "b", 3]}}}
    form = make(schema, {"tier": "zzz"})
    combo = editor(form, "tier")
    assert combo.currentText() == "zzz (not allowed)"
    assert form.data() == {"tier": "zzz"}
    combo.setCurrentIndex(3)
    assert form.data() == {"tier": 3}
    combo.setCurrentIndex(0)  # "(not set)"
    assert form.data() == {}


def test_const_titled_one_of_is_a_labelled_choice(make: MakeForm) -> None:
    schema = {
        "type": "object",
        "properties": {
            "level": {
                "oneOf": [
                    {"const": 1, "title": "Low"},
                    {"const": 5, "title": "High"},
                ]
            }
        },
        "required": ["level"],
    }
    form = make(schema, {"level": 5})
    combo = editor(form, "level")
    assert [combo.itemText(i) for i in range(combo.count())] == ["Low", "High"]
    assert combo.currentText() == "High"
    combo.setCurrentIndex(0)
    assert form.data() == {"level": 1}


def test_date_time_formats_use_date_and_time_editors(make: MakeForm, qtbot: QtBot) -> None:
    schema = {
        "type": "object",
        "properties": {
            "at": {"type": "string", "format": "date-time"},
            "day": {"type": "string", "format": "date"},
            "clock": {"type": "string", "format": "time"},
            "later": {"type": "string", "format": "date-time"},
        },
    }
    data = {"at": "2025-01-31T09:30:00+02:00", "day": "2025-02-28", "clock": "23:15:00Z"}
    form = make(schema, data)
    at = editor(form, "at")
    assert isinstance(at, QDateTimeEdit)
    assert at.dateTime().toString("yyyy-MM-dd HH:mm:ss") == "2025-01-31 09:30:00"
    at.setFocus()
    with qtbot.waitSignal(form.edited):
        qtbot.keyClick(at, Qt.Key.Key_Up)  # the year section
    assert form.data()["at"] == "2026-01-31T09:30:00+02:00"  # same offset written back
    day = editor(form, "day")
    day.setDate(QDate(2024, 2, 29))
    assert form.data()["day"] == "2024-02-29"
    clock = editor(form, "clock")
    clock.setTime(QTime(7, 5, 0))
    assert form.data()["clock"] == "07:05:00Z"
    later = editor(form, "later")  # absent: "not set" until the user starts it
    assert later.text() == "not set"
    assert "later" not in form.data()
    qtbot.mouseClick(later, LEFT)
    assert form.data()["later"].endswith("Z")
    clear = form.field_at(("later",)).clear_button  # type: ignore[union-attr]
    qtbot.mouseClick(clear, LEFT)
    assert "later" not in form.data()


def test_a_date_time_the_editor_cannot_show_is_edited_as_text(make: MakeForm, qtbot: QtBot) -> None:
    schema = {"type": "object", "properties": {"at": {"type": "string", "format": "date-time"}}}
    form = make(schema, {"at": "next tuesday"})
    at = editor(form, "at")
    assert isinstance(at, QLineEdit) and at.text() == "next tuesday"
    retype(qtbot, at, "2025-05-01T00:00:00Z")
    assert form.data() == {"at": "2025-05-01T00:00:00Z"}
    form.set_data({"at": "2025-06-01T12:00:00Z"})  # a value it can show: the picker again
    assert isinstance(editor(form, "at"), QDateTimeEdit)


def test_format_pattern_and_length_problems_show_at_the_field(
    make: MakeForm, registry: SchemaRegistry, qtbot: QtBot
) -> None:
    schema = registry.get("certificate.schema.yaml")
    assert schema is not None
    form = make(schema, CERTIFICATE)
    retype(qtbot, editor(form, "domain"), "not a host!" + "x" * 260)
    text = editor(form, "cert_pem")
    text.setFocus()
    text.selectAll()
    qtbot.keyClicks(text, "garbage")
    form.show_issues(registry.validate(schema, form.data()))
    domain_errors = error_text(form, "domain")
    assert "is not a valid hostname" in domain_errors
    assert "at most 253 characters" in domain_errors
    assert "does not match the expected pattern" in error_text(form, "cert_pem")


def test_textarea_for_x_ui_widget_and_multi_line_values(make: MakeForm, qtbot: QtBot) -> None:
    form = make("certificate.schema.yaml", CERTIFICATE)
    pem = editor(form, "cert_pem")
    assert isinstance(pem, QPlainTextEdit)
    pem.setFocus()
    pem.moveCursor(pem.textCursor().MoveOperation.End)
    with qtbot.waitSignal(form.edited):
        qtbot.keyClicks(pem, "X")
    assert form.data()["cert_pem"] == CERTIFICATE["cert_pem"] + "X"
    lines = make({"type": "object", "properties": {"note": {"type": "string"}}}, {"note": "a\nb"})
    assert isinstance(editor(lines, "note"), QPlainTextEdit)


# -- numbers, booleans, null ------------------------------------------------------------------


def test_number_bounds_and_stepping(make: MakeForm, qtbot: QtBot, registry: SchemaRegistry) -> None:
    schema = registry.get("ratelimit.schema.yaml")
    assert schema is not None
    form = make(schema, {"requests_per_second": 99999, "mode": "off"})
    rps = editor(form, "requests_per_second")
    assert isinstance(rps, QAbstractSpinBox)
    qtbot.keyClick(rps, Qt.Key.Key_Up)
    assert form.data()["requests_per_second"] == 100000
    qtbot.keyClick(rps, Qt.Key.Key_Up)  # at the maximum: stays
    assert form.data()["requests_per_second"] == 100000
    burst = editor(form, "burst")
    assert burst.text() == "" and burst.lineEdit().placeholderText() == "0 – 1\u202f000\u202f000"
    qtbot.keyClick(burst, Qt.Key.Key_Up)  # an empty box starts at the minimum
    assert form.data()["burst"] == 0
    retype(qtbot, rps, "0")  # typing out of range is allowed; validation says why
    assert form.data()["requests_per_second"] == 0
    form.show_issues(registry.validate(schema, form.data()))
    assert error_text(form, "requests_per_second") == "must be at least 1"
    retype(qtbot, rps, "12abc")  # letters are refused
    assert form.data()["requests_per_second"] == 12
    retype(qtbot, burst, "")
    assert "burst" not in form.data()


def test_number_multiple_of_and_exclusive_minimum(make: MakeForm, qtbot: QtBot) -> None:
    schema = {
        "type": "object",
        "properties": {
            "step": {"type": "integer", "multipleOf": 5, "maximum": 20},
            "share": {"type": "number", "exclusiveMinimum": 0, "multipleOf": 0.25},
            "gb": {"type": "number", "exclusiveMinimum": 0},
        },
    }
    form = make(schema, {"step": 7, "gb": 2})
    step = editor(form, "step")
    qtbot.keyClick(step, Qt.Key.Key_Up)
    assert form.data()["step"] == 10  # snapped onto the grid
    qtbot.keyClick(step, Qt.Key.Key_Down)
    assert form.data()["step"] == 5
    retype(qtbot, step, "20")
    qtbot.keyClick(step, Qt.Key.Key_Up)
    assert form.data()["step"] == 20
    share = editor(form, "share")
    qtbot.keyClick(share, Qt.Key.Key_Up)
    assert form.data()["share"] == 0.25  # the first allowed value above 0
    qtbot.keyClick(share, Qt.Key.Key_Up)
    assert form.data()["share"] == 0.5
    gb = editor(form, "gb")
    qtbot.keyClick(gb, Qt.Key.Key_Down)  # 1 is allowed, 0 is not
    qtbot.keyClick(gb, Qt.Key.Key_Down)
    assert form.data()["gb"] == 1
    retype(qtbot, gb, "2.5")
    assert form.data()["gb"] == 2.5


def test_slider_widget_snaps_to_multiple_of(make: MakeForm, qtbot: QtBot) -> None:
    form = make("features.schema.yaml", FEATURES)
    slider = editor(form, "rollout", "percentage")
    assert isinstance(slider, QSlider)
    assert (slider.minimum(), slider.maximum(), slider.value()) == (0, 100, 25)
    with qtbot.waitSignal(form.edited):
        slider.setValue(37)
    assert form.data()["rollout"]["percentage"] == 35
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert form.data()["rollout"]["percentage"] == 40


def test_boolean_is_a_check_box_with_its_title(make: MakeForm, qtbot: QtBot) -> None:
    form = make("features.schema.yaml", FEATURES)
    sso = editor(form, "sso")
    assert isinstance(sso, QCheckBox) and sso.text() == "Single sign-on"
    with qtbot.waitSignal(form.edited):
        qtbot.mouseClick(sso, LEFT)
    assert form.data()["sso"] is True
    dark = editor(form, "dark_launch_search")  # absent: unchecked, and stays absent
    assert not dark.isChecked()
    assert "dark_launch_search" not in form.data()
    qtbot.mouseClick(dark, LEFT)
    assert form.data()["dark_launch_search"] is True


def test_null_values(make: MakeForm) -> None:
    schema = {
        "type": "object",
        "properties": {"nothing": {"type": "null"}, "maybe": {"type": ["string", "null"]}},
        "required": ["nothing"],
    }
    form = make(schema, {"nothing": None, "maybe": None})
    assert form.data() == {"nothing": None, "maybe": None}
    assert editor(form, "nothing").text() == "null"
    fresh = make(schema, {})
    assert fresh.data() == {}


# -- objects ----------------------------------------------------------------------------------


def test_nested_objects_are_groups_with_required_markers(make: MakeForm, qtbot: QtBot) -> None:
    schema = {
        "type": "object",
        "required": ["server"],
        "properties": {
            "server": {
                "title": "Server",
                "description": "Where the service listens.",
                "type": "object",
                "required": ["host"],
                "properties": {
                    "host": {"type": "string", "title": "Host"},
                    "port": {"type": "integer", "title": "Port"},
                    "tls": {
                        "type": "object",
                        "properties": {"enabled": {"type": "boolean"}},
                    },
                },
            }
        },
    }
    form = make(schema, {"server": {"host": "db", "port": 5432}})
    server = form.field_at(("server",))
    assert isinstance(server, ObjectField) and server.frame is not None
    assert server.frame.title() == "Server *"
    host_label = server.labels["host"]
    port_label = server.labels["port"]
    assert host_label.text().startswith("Host") and "*" in host_label.text()
    assert "*" not in port_label.text()
    assert host_label.buddy() is editor(form, "server", "host")
    retype(qtbot, editor(form, "server", "port"), "6543")
    assert form.data() == {"server": {"host": "db", "port": 6543}}
    qtbot.mouseClick(editor(form, "server", "tls", "enabled"), LEFT)
    assert form.data()["server"]["tls"] == {"enabled": True}  # absent object appears on edit


def test_additional_properties_map_add_rename_remove(make: MakeForm, qtbot: QtBot) -> None:
    form = make("features.schema.yaml", FEATURES)
    extra = next(f for f in form.root.children_fields() if isinstance(f, MapField))
    assert [row.key for row in extra.rows] == ["beta_reports"]
    assert isinstance(editor(form, "beta_reports"), QCheckBox)
    with qtbot.waitSignal(form.edited):
        qtbot.mouseClick(extra.add_button, LEFT)
    assert form.data()["new_key"] is False  # default_for({"type": "boolean"})
    key_edit = extra.rows[-1].key_edit
    assert key_edit.hasFocus() or form.focusWidget() is key_edit
    qtbot.keyClicks(key_edit, "canary")  # the new key is selected: typing replaces it
    assert "canary" in form.data() and "new_key" not in form.data()
    qtbot.mouseClick(editor(form, "canary"), LEFT)
    assert form.data()["canary"] is True
    retype(qtbot, key_edit, "beta_reports")  # a duplicate key is flagged, not saved twice
    assert extra.rows[-1].problem == "“beta_reports” is used twice."
    retype(qtbot, key_edit, "sso")  # nor may it shadow a declared property
    assert "field above" in extra.rows[-1].problem
    assert form.data()["sso"] is False
    retype(qtbot, key_edit, "canary")
    qtbot.mouseClick(extra.rows[0].remove, LEFT)
    assert "beta_reports" not in form.data()
    assert form.data()["canary"] is True


def test_unknown_keys_without_additional_properties_are_kept(make: MakeForm) -> None:
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    form = make(schema, {"a": "x", "legacy": {"n": 1}})
    assert form.data() == {"a": "x", "legacy": {"n": 1}}


# -- arrays -----------------------------------------------------------------------------------


def test_array_add_remove_reorder_duplicate(make: MakeForm, qtbot: QtBot) -> None:
    form = make("ratelimit.schema.yaml", RATELIMIT)
    ips = form.field_at(("whitelist_ips",))
    assert isinstance(ips, ArrayField) and not ips.wide
    with qtbot.waitSignal(form.edited):
        qtbot.mouseClick(ips.add_button, LEFT)
    assert form.data()["whitelist_ips"] == ["10.0.0.1", "10.0.0.2", ""]
    qtbot.keyClicks(editor(form, "whitelist_ips", 2), "10.0.0.3")
    assert form.data()["whitelist_ips"][2] == "10.0.0.3"
    qtbot.mouseClick(ips.rows[2].up, LEFT)
    assert form.data()["whitelist_ips"] == ["10.0.0.1", "10.0.0.3", "10.0.0.2"]
    qtbot.mouseClick(ips.rows[0].down, LEFT)
    assert form.data()["whitelist_ips"] == ["10.0.0.3", "10.0.0.1", "10.0.0.2"]
    assert not ips.rows[0].up.isEnabled() and not ips.rows[2].down.isEnabled()
    qtbot.mouseClick(ips.rows[1].remove, LEFT)
    assert form.data()["whitelist_ips"] == ["10.0.0.3", "10.0.0.2"]
    endpoints = form.field_at(("per_endpoint",))
    assert isinstance(endpoints, ArrayField) and endpoints.wide
    qtbot.mouseClick(endpoints.rows[0].duplicate, LEFT)
    data = form.data()["per_endpoint"]
    assert data[0] == data[1] == RATELIMIT["per_endpoint"][0]  # type: ignore[index]
    retype(qtbot, editor(form, "per_endpoint", 1, "path"), "/v2/orders")
    assert form.data()["per_endpoint"][0]["path"] == "/v1/orders"  # a deep copy
    assert form.data()["per_endpoint"][1]["path"] == "/v2/orders"
    qtbot.mouseClick(endpoints.add_button, LEFT)
    assert form.data()["per_endpoint"][3] == {"path": "", "rps": 1}


def test_array_min_and_max_items_disable_buttons(make: MakeForm, qtbot: QtBot) -> None:
    schema = {
        "type": "object",
        "properties": {
            "hosts": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3}
        },
    }
    form = make(schema, {"hosts": ["a"]})
    hosts = form.field_at(("hosts",))
    assert isinstance(hosts, ArrayField)
    assert not hosts.rows[0].remove.isEnabled()
    qtbot.mouseClick(hosts.add_button, LEFT)
    assert hosts.rows[0].remove.isEnabled()
    qtbot.mouseClick(hosts.rows[0].duplicate, LEFT)
    assert len(form.data()["hosts"]) == 3
    assert not hosts.add_button.isEnabled()
    assert not any(row.duplicate.isEnabled() for row in hosts.rows)
    qtbot.mouseClick(hosts.rows[2].remove, LEFT)
    assert hosts.add_button.isEnabled()


def test_enum_array_is_a_multi_select(make: MakeForm, qtbot: QtBot) -> None:
    form = make("ratelimit.schema.yaml", RATELIMIT)
    methods = form.field_at(("per_endpoint", 0, "methods"))
    assert isinstance(methods, MultiSelectField)
    assert [c.text() for c in methods.checks] == ["GET", "POST", "PUT", "DELETE"]
    with qtbot.waitSignal(form.edited):
        qtbot.mouseClick(methods.checks[0], LEFT)
    assert form.data()["per_endpoint"][0]["methods"] == ["GET", "POST"]  # enum order
    other = form.field_at(("per_endpoint", 1, "methods"))
    assert isinstance(other, MultiSelectField)
    qtbot.mouseClick(other.checks[3], LEFT)
    assert form.data()["per_endpoint"][1]["methods"] == ["DELETE"]
    qtbot.mouseClick(other.checks[3], LEFT)  # none left: the optional key goes away again
    assert "methods" not in form.data()["per_endpoint"][1]


# -- combinators ------------------------------------------------------------------------------

STORAGE = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "title": "Name"},
        "backend": {
            "title": "Backend",
            "oneOf": [
                {
                    "title": "S3 bucket",
                    "type": "object",
                    "required": ["kind", "bucket"],
                    "properties": {
                        "kind": {"const": "s3", "title": "Kind"},
                        "bucket": {"type": "string", "title": "Bucket"},
                        "region": {"type": "string", "default": "eu-west-1"},
                    },
                },
                {
                    "title": "Local disk",
                    "type": "object",
                    "required": ["kind", "path"],
                    "properties": {
                        "kind": {"const": "local"},
                        "path": {"type": "string", "title": "Path"},
                        "region": {"type": "string"},
                    },
                },
            ],
        },
    },
}


def test_one_of_selector_follows_the_const_discriminator(make: MakeForm, qtbot: QtBot) -> None:
    data = {"name": "x", "backend": {"kind": "local", "path": "/srv", "region": "home"}}
    form = make(STORAGE, data)
    backend = form.field_at(("backend",))
    assert isinstance(backend, VariantField) and backend.wide
    combo = backend.combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["S3 bucket", "Local disk"]
    assert combo.currentIndex() == 1
    assert backend.selector_label is not None and backend.selector_label.text() == "Kind"
    assert form.field(("backend", "kind")) is not None  # built (its value counts) ...
    assert not form.field(("backend", "kind")).isVisibleTo(form)  # ... but not shown
    assert form.data() == data
    retype(qtbot, editor(form, "backend", "path"), "/data")
    assert form.data()["backend"]["path"] == "/data"
    with qtbot.waitSignal(form.edited):
        combo.setCurrentIndex(0)
    # the option's defaults, with the values both options share carried over
    assert form.data()["backend"] == {"kind": "s3", "bucket": "", "region": "home"}
    assert form.field(("backend", "path")) is None
    assert isinstance(editor(form, "backend", "bucket"), QLineEdit)
    form.set_data(data)
    assert combo.currentIndex() == 1 and form.data() == data


def test_any_of_scalar_options_share_one_row(make: MakeForm, qtbot: QtBot) -> None:
    schema = {
        "type": "object",
        "properties": {"limit": {"anyOf": [{"type": "integer"}, {"type": "string"}]}},
    }
    form = make(schema, {"limit": "unlimited"})
    limit = form.field_at(("limit",))
    assert isinstance(limit, VariantField) and not limit.wide
    assert limit.combo.currentText() == "string"
    limit.combo.setCurrentIndex(0)
    assert form.data() == {"limit": 0}
    qtbot.keyClick(limit.body.editor(), Qt.Key.Key_Up)
    assert form.data() == {"limit": 1}


def test_all_of_is_merged(make: MakeForm) -> None:
    schema = {
        "allOf": [
            {"type": "object", "properties": {"a": {"type": "string", "title": "A"}}},
            {"properties": {"b": {"type": "integer", "title": "B"}}, "required": ["b"]},
        ]
    }
    form = make(schema, {"a": "x", "b": 2})
    root = form.root
    assert isinstance(root, ObjectField)
    assert sorted(root.fields) == ["a", "b"]  # order: core merge_schemas puts later pieces first
    assert "*" in root.labels["b"].text() and "*" not in root.labels["a"].text()
    assert form.data() == {"a": "x", "b": 2}


def test_ref_to_defs_and_to_another_registered_schema(
    make: MakeForm, registry: SchemaRegistry
) -> None:
    schema = {
        "$defs": {"port": {"type": "integer", "minimum": 1, "title": "Port"}},
        "type": "object",
        "properties": {
            "port": {"$ref": "#/$defs/port"},
            "quota": {"$ref": "quota.schema.yaml"},
        },
    }
    form = make(schema, {"port": 80, "quota": QUOTA})
    assert isinstance(form.field_at(("quota",)), ObjectField)
    assert editor(form, "quota", "plan").currentText() == "team"
    assert form.data() == {"port": 80, "quota": QUOTA}


def test_if_then_else_fields_appear_and_disappear(make: MakeForm, qtbot: QtBot) -> None:
    schema = {
        "type": "object",
        "properties": {
            "mode": {"enum": ["basic", "oauth"], "title": "Mode"},
            "user": {"type": "string", "title": "User"},
        },
        "required": ["mode"],
        "if": {"properties": {"mode": {"const": "oauth"}}},
        "then": {
            "properties": {"client_id": {"type": "string", "title": "Client ID"}},
            "required": ["client_id"],
        },
        "else": {"required": ["user"]},
    }
    form = make(schema, {"mode": "basic", "user": "ops"})
    root = form.root
    assert isinstance(root, ObjectField)
    user = editor(form, "user")
    assert "*" in root.labels["user"].text()
    assert form.field(("client_id",)) is None
    editor(form, "mode").setCurrentIndex(1)
    client = editor(form, "client_id")
    assert isinstance(client, QLineEdit) and "*" in root.labels["client_id"].text()
    assert editor(form, "user") is user  # kept, not rebuilt
    assert "*" not in root.labels["user"].text()
    qtbot.keyClicks(client, "abc")
    assert form.data() == {"mode": "oauth", "user": "ops", "client_id": "abc"}
    editor(form, "mode").setCurrentIndex(0)
    assert form.field(("client_id",)) is None
    assert form.data() == {"mode": "basic", "user": "ops"}
    editor(form, "mode").setCurrentIndex(1)  # the typed value comes back with its field
    assert form.data()["client_id"] == "abc"


def test_quota_enterprise_requires_a_support_contact(
    make: MakeForm, registry: SchemaRegistry, qtbot: QtBot
) -> None:
    schema = registry.get("quota.schema.yaml")
    assert schema is not None
    form = make(schema, QUOTA)
    root = form.root
    assert isinstance(root, ObjectField)
    assert "*" not in root.labels["support_contact"].text()
    plan = editor(form, "plan")
    plan.setFocus()
    plan.setCurrentIndex(plan.findText("enterprise"))
    assert "*" in root.labels["support_contact"].text()
    issues = registry.validate(schema, form.data())
    assert [i.path for i in issues] == [("support_contact",)]
    form.show_issues(issues)
    assert error_text(form, "support_contact") == "is required"


def test_nested_conditionals_follow_their_own_data(make: MakeForm, qtbot: QtBot) -> None:
    inner = {
        "type": "object",
        "properties": {"on": {"type": "boolean", "title": "On"}},
        "if": {"properties": {"on": {"const": True}}, "required": ["on"]},
        "then": {"properties": {"level": {"type": "integer", "title": "Level"}}},
    }
    schema = {
        "type": "object",
        "properties": {"x": {"type": "string"}, "inner": inner},
        "if": {"properties": {"x": {"const": "y"}}},
        "then": {"required": ["x"]},
    }
    form = make(schema, {"x": "a", "inner": {"on": False}})
    on = editor(form, "inner", "on")
    assert form.field(("inner", "level")) is None
    qtbot.mouseClick(on, LEFT)
    assert form.field(("inner", "level")) is not None
    assert editor(form, "inner", "on") is on


# -- annotations and x-ui ---------------------------------------------------------------------


def test_read_only_fields_and_read_only_form(make: MakeForm, qtbot: QtBot) -> None:
    schema = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "readOnly": True},
            "size": {"type": "integer", "readOnly": True},
            "on": {"type": "boolean", "readOnly": True},
            "tags": {"type": "array", "items": {"type": "string"}},
        },
    }
    data = {"id": "abc", "size": 3, "on": True, "tags": ["a"]}
    form = make(schema, data)
    ident = editor(form, "id")
    assert ident.isReadOnly()
    qtbot.keyClicks(ident, "zzz")
    assert editor(form, "size").isReadOnly() and not editor(form, "on").isEnabled()
    assert form.data() == data
    locked = make(schema, data, read_only=True)
    tags = locked.field_at(("tags",))
    assert isinstance(tags, ArrayField)
    assert not tags.add_button.isVisibleTo(locked)
    assert not tags.rows[0].remove.isVisibleTo(locked)
    assert editor(locked, "tags", 0).isReadOnly()


def test_titles_descriptions_and_help(make: MakeForm) -> None:
    form = make("ratelimit.schema.yaml", RATELIMIT)
    root = form.root
    assert isinstance(root, ObjectField)
    assert root.labels["burst"].text() == "Burst"
    assert editor(form, "burst").toolTip().startswith("Bucket size")
    help_texts = [label.text() for label in form.findChildren(QLabel)]
    assert "Bucket size; requests allowed at once above the sustained rate." in help_texts
    assert any(t.startswith("Internal monitoring") for t in help_texts)  # x-ui help
    assert any(t.startswith("Request rate limits") for t in help_texts)  # schema description
    plain = make({"type": "object", "properties": {"max_retries": {"type": "integer"}}}, {})
    plain_root = plain.root
    assert isinstance(plain_root, ObjectField)
    assert plain_root.labels["max_retries"].text() == "Max retries"


def test_x_ui_order_group_placeholder_and_widget(make: MakeForm) -> None:
    form = make("certificate.schema.yaml", CERTIFICATE)
    boxes = [b.title() for b in form.findChildren(QGroupBox)]
    assert boxes[:3] == ["Identity", "Validity", "Material"]
    root = form.root
    assert isinstance(root, ObjectField)
    assert root._visible_keys() == [
        "domain", "san", "issuer", "not_before", "not_after", "auto_renew", "cert_pem",
        "private_key_pem",
    ]  # fmt: skip
    identity = next(b for b in form.findChildren(QGroupBox) if b.title() == "Identity")
    assert identity.isAncestorOf(editor(form, "domain"))
    assert editor(form, "domain").placeholderText() == "shop.example.com"
    assert isinstance(editor(form, "cert_pem"), QPlainTextEdit)
    schema = {
        "type": "object",
        "properties": {
            "b": {"type": "string", "x-ui": {"order": 2}},
            "a": {"type": "string", "x-ui": {"order": 1, "widget": "textarea"}},
            "c": {"enum": ["x", "y"], "x-ui": {"widget": "radio"}},
        },
    }
    other = make(schema, {"c": "y"})
    other_root = other.root
    assert isinstance(other_root, ObjectField)
    assert other_root._visible_keys() == ["a", "b", "c"]
    assert isinstance(editor(other, "a"), QPlainTextEdit)
    radio = editor(other, "c")
    assert radio.text() == "y" and radio.isChecked()


# -- secrets ----------------------------------------------------------------------------------


def test_secret_is_masked_and_revealed_on_request(make: MakeForm, qtbot: QtBot) -> None:
    form = make("certificate.schema.yaml", CERTIFICATE)
    secret = form.field_at(("private_key_pem",))
    assert isinstance(secret, SecretField)
    masked = secret.masked
    assert masked.echoMode() == QLineEdit.EchoMode.Password
    assert form.field(("private_key_pem",)) is masked
    assert secret.reveal is not None
    qtbot.mouseClick(secret.reveal, LEFT)
    plain = form.field(("private_key_pem",))
    assert isinstance(plain, QPlainTextEdit) and plain.isVisibleTo(form)
    assert plain.toPlainText() == CERTIFICATE["private_key_pem"]
    assert not masked.isVisibleTo(form)
    plain.setFocus()
    plain.moveCursor(plain.textCursor().MoveOperation.End)
    qtbot.keyClicks(plain, "X")
    assert form.data()["private_key_pem"].endswith("X")
    qtbot.mouseClick(secret.reveal, LEFT)
    assert form.field(("private_key_pem",)) is masked
    retype(qtbot, masked, "new-key")  # replaceable while masked
    assert form.data()["private_key_pem"] == "new-key"
    single = make(
        {"type": "object", "properties": {"token": {"type": "string", "x-secret": True}}},
        {"token": "hunter2"},
    )
    token = single.field_at(("token",))
    assert isinstance(token, SecretField) and token.reveal is not None
    qtbot.mouseClick(token.reveal, LEFT)
    assert token.masked.echoMode() == QLineEdit.EchoMode.Normal


def test_secret_without_reveal_and_never_in_names_or_messages(make: MakeForm, qtbot: QtBot) -> None:
    form = make("certificate.schema.yaml", CERTIFICATE, allow_reveal=False)
    secret = form.field_at(("private_key_pem",))
    assert isinstance(secret, SecretField)
    assert secret.reveal is None
    buttons = [b.text() for b in secret.findChildren(QToolButton)]
    assert "Show" not in buttons
    value = CERTIFICATE["private_key_pem"]
    for widget in form.findChildren(QWidget):
        assert "TOPSECRET" not in widget.toolTip()
        assert "TOPSECRET" not in widget.accessibleName()
        assert "TOPSECRET" not in widget.accessibleDescription()
    form.show_issues(
        [ValidationIssue(("private_key_pem",), f"{value!r} is too long"),
         ValidationIssue((), f"{{'private_key_pem': '{value[:20]}…'}} is not valid")]
    )  # fmt: skip
    shown = secret.error_text() + " ".join(
        form.summary.items.item(i).text() for i in range(form.summary.items.count())
    )
    assert "TOPSECRET" not in shown and "BEGIN PRIVATE" not in shown
    assert "the value is too long" in secret.error_text()


# -- issues -----------------------------------------------------------------------------------


def test_show_issues_inline_and_summary_focuses_the_field(
    make: MakeForm, registry: SchemaRegistry, qtbot: QtBot
) -> None:
    schema = registry.get("ratelimit.schema.yaml")
    assert schema is not None
    data = copy.deepcopy(RATELIMIT)
    data["per_endpoint"][1]["rps"] = 0  # type: ignore[index]
    data["whitelist_ips"] = ["10.0.0.1", "nope"]
    form = make(schema, data)
    issues = registry.validate(schema, form.data())
    assert [i.path for i in issues] == [("per_endpoint", 1, "rps"), ("whitelist_ips", 1)]
    form.show_issues(issues)
    assert error_text(form, "per_endpoint", 1, "rps") == "must be at least 1"
    assert "is not a valid IPv4 address" in error_text(form, "whitelist_ips", 1)
    summary = form.summary
    assert summary.isVisibleTo(form) and summary.items.count() == 2
    first = summary.items.item(0).text()
    assert first == "Per-endpoint limits › Item 2 › Requests per second: must be at least 1"
    target = form.field(("whitelist_ips", 1))
    item = summary.items.item(1)
    rect = summary.items.visualItemRect(item)
    qtbot.mouseClick(summary.items.viewport(), LEFT, pos=rect.center())
    assert form.focusWidget() is target
    assert form.focus_path(("per_endpoint", 1, "rps"))
    assert form.focusWidget() is form.field(("per_endpoint", 1, "rps"))
    retype(qtbot, editor(form, "per_endpoint", 1, "rps"), "5")
    form.show_issues(registry.validate(schema, form.data()))
    assert error_text(form, "per_endpoint", 1, "rps") == ""
    assert summary.items.count() == 1
    form.show_issues([])
    assert not summary.isVisibleTo(form)


def test_issue_below_a_field_goes_to_the_nearest_field(make: MakeForm) -> None:
    form = make("ratelimit.schema.yaml", RATELIMIT)
    form.show_issues([ValidationIssue(("per_endpoint", 0, "methods", 3), "must be one of …")])
    assert error_text(form, "per_endpoint", 0, "methods") == "[3]: must be one of …"
    form.show_issues([ValidationIssue(("nope",), "unknown property 'nope' is not allowed here")])
    assert form.root.error_text() == "nope: unknown property 'nope' is not allowed here"


def test_an_edit_rebuilds_nothing(make: MakeForm, qtbot: QtBot) -> None:
    form = make("ratelimit.schema.yaml", RATELIMIT)
    before = {p: form.field(p) for p in [("burst",), ("per_endpoint", 0, "path"), ("mode",)]}
    retype(qtbot, editor(form, "burst"), "7")
    qtbot.keyClicks(editor(form, "per_endpoint", 0, "path"), "/x")
    editor(form, "mode").setCurrentIndex(1)
    assert {p: form.field(p) for p in before} == before
    assert form.data()["burst"] == 7


def test_edited_is_emitted_once_per_change_and_not_for_no_ops(make: MakeForm, qtbot: QtBot) -> None:
    form = make("ratelimit.schema.yaml", RATELIMIT)
    seen: list[Any] = []
    form.edited.connect(lambda: seen.append(form.data()["mode"]))
    mode = editor(form, "mode")
    mode.setCurrentIndex(1)
    mode.setCurrentIndex(1)
    assert seen == ["shadow"]
    form.set_data({**RATELIMIT, "requests_per_second": 100000})
    with qtbot.assertNotEmitted(form.edited):  # already at the maximum: nothing changes
        qtbot.keyClick(editor(form, "requests_per_second"), Qt.Key.Key_Up)


def test_an_issue_on_a_hidden_discriminator_shows_on_the_variant(make: MakeForm) -> None:
    form = make(STORAGE, {"backend": {"kind": "local", "path": "/srv"}})
    form.show_issues([ValidationIssue(("backend", "kind"), "must be 'local'")])
    backend = form.field_at(("backend",))
    assert isinstance(backend, VariantField)
    assert backend.error_text() == "kind: must be 'local'"
    assert backend._error is not None and backend._error.isVisibleTo(form)


def test_array_of_small_flat_objects_is_a_table(make: MakeForm, qtbot: QtBot) -> None:
    schema = {
        "type": "object",
        "properties": {
            "headers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string", "title": "Name"},
                        "value": {"type": "string", "title": "Value"},
                        "secret": {"type": "boolean", "title": "Secret"},
                    },
                },
            }
        },
    }
    data = {"headers": [{"name": "x-a", "value": "1", "note": "kept"}, {"name": "x-b"}]}
    form = make(schema, data)
    headers = form.field_at(("headers",))
    assert isinstance(headers, ArrayField) and headers.table and not headers.wide
    assert headers.header is not None
    titles = [label.text() for label in headers.header.findChildren(QLabel)]
    assert titles[0].startswith("Name") and "*" in titles[0] and titles[1:] == ["Value", "Secret"]
    row = form.field_at(("headers", 1))
    assert isinstance(row, ObjectField) and row.inline and not row.labels
    check = editor(form, "headers", 1, "secret")
    assert check.text() == "" and check.accessibleName() == "Secret"
    qtbot.keyClicks(editor(form, "headers", 1, "value"), "2")
    qtbot.mouseClick(check, LEFT)
    assert form.data()["headers"][1] == {"name": "x-b", "value": "2", "secret": True}
    assert form.data()["headers"][0] == data["headers"][0]  # type: ignore[index]
    qtbot.mouseClick(headers.rows[1].up, LEFT)
    assert [h["name"] for h in form.data()["headers"]] == ["x-b", "x-a"]
    form.show_issues([ValidationIssue(("headers", 0, "name"), "must not be empty")])
    assert error_text(form, "headers", 0, "name") == "must not be empty"


def test_issues_appearing_after_layout_never_squeeze_rows(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QTabWidget

    registry = SchemaRegistry.bundled()
    schema = registry.get("ratelimit.schema.yaml")
    assert schema is not None
    data = {
        "requests_per_second": 1000,
        "burst": 2000,
        "mode": "enforce",
        "per_endpoint": [],
        "whitelist_ips": ["192.0.2.10", "198.51.100.23"],
    }
    form = SchemaForm(registry, schema, copy.deepcopy(data))
    tabs = QTabWidget()
    tabs.addTab(form, "Form")
    tabs.resize(790, 570)
    qtbot.addWidget(tabs)
    tabs.show()
    qtbot.waitExposed(tabs)
    qtbot.wait(200)  # laid out and painted before the issue appears
    data["requests_per_second"] = 0
    form.set_data(data)
    form.show_issues(registry.validate(schema, data))
    qtbot.wait(300)  # let the layout requests run
    ips = form.field_at(("whitelist_ips",))
    assert isinstance(ips, ArrayField) and ips.rows
    for row in ips.rows:
        assert row.height() >= row.minimumSizeHint().height()
