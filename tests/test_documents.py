"""Documents: text <-> data for the raw editor and the form, parse errors with line and column,
and unchanged documents saved byte for byte (YAML comments survive a save through etcd)."""

from __future__ import annotations

import pytest

from etcdesk.core.documents import (
    Document,
    DocumentError,
    ParseError,
    encode_for_save,
    parse_text,
    render,
)
from etcdesk.core.etcd_store import EtcdStore
from etcdesk.core.merge import strict_equal
from etcdesk.core.schemas import SchemaRegistry
from etcdesk.core.values import ValueFormat, decode_value

JSON, YAML = ValueFormat.JSON, ValueFormat.YAML

COMMENTED = """\
# Tenant quota, reviewed by finance every quarter.
plan: business   # upgraded 2025-03
storage_gb: 250
users: 40
"""


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ('{\n  "a": 1\n  "b": 2\n}', JSON, "line 3, column 3: expected ','"),
        ('{"a": 1} x', JSON, "line 1, column 10: unexpected text after the end of the document"),
        ("", JSON, "line 1, column 1: expected a value"),
        ("{'a': 1}", JSON, "line 1, column 2: expected a property name in double quotes"),
        ("a: 1\n  b: 2\n", YAML, "line 2, column 4: mapping values are not allowed in this "
         "context"),
        ("a: 1\nb: [1, 2\nc: 3\n", YAML, "line 3, column 2: did not find expected ',' or ']'"),
        ("a: 1\n---\nb: 2\n", YAML, "line 2, column 1: expected a single document in the "
         "stream, but found another document"),
    ],
)  # fmt: skip
def test_parse_errors_say_where(text: str, fmt: ValueFormat, expected: str) -> None:
    with pytest.raises(DocumentError) as info:
        parse_text(text, fmt)
    assert str(info.value) == expected
    assert str(info.value.error) == expected
    assert isinstance(info.value.error, ParseError)


def test_hostile_values_are_refused_not_built() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n"
        for p, c in zip("abcdef", "bcdefg", strict=True)
    )
    with pytest.raises(DocumentError, match="expands to more than"):
        parse_text(bomb, YAML)
    with pytest.raises(DocumentError, match="nested"):
        parse_text("[" * 100 + "]" * 100, JSON)
    with pytest.raises(DocumentError, match="nested"):
        parse_text("a:\n" + "".join("  " * i + f"- b{i}:\n" for i in range(1, 80)), YAML)


def test_yaml_dates_stay_strings_so_date_time_formats_validate() -> None:
    text = COMMENTED + "since: 2025-01-31\nrenew_at: 2026-01-31T09:30:00Z\nflag: yes\nratio: 1.5\n"
    data = parse_text(text, YAML)
    assert data["since"] == "2025-01-31" and data["renew_at"] == "2026-01-31T09:30:00Z"
    assert data["flag"] is True and data["ratio"] == 1.5  # other YAML scalars as usual
    registry = SchemaRegistry.bundled()
    certificate = registry.get("certificate.schema.yaml") or {}
    unquoted = "not_before: 2025-01-01T00:00:00Z\nnot_after: 2026-01-01T00:00:00Z\n"
    issues = registry.validate(certificate, parse_text(unquoted, YAML))
    assert not [i for i in issues if i.path in (("not_before",), ("not_after",))]


def test_render_is_readable_and_parses_back() -> None:
    data = {"名前": "値", "z": 1, "a": [1, {"b": None}], "when": "2025-01-01", "n": 1.0, "t": True}
    as_json = render(data, JSON)
    assert as_json.startswith('{\n  "名前": "値",\n  "z": 1,') and as_json.endswith("}\n")
    as_yaml = render(data, YAML)
    assert as_yaml.startswith("名前: 値\nz: 1\na:\n- 1\n- b: null\nwhen: '2025-01-01'\n")
    for text, fmt in ((as_json, JSON), (as_yaml, YAML)):
        assert strict_equal(parse_text(text, fmt), data)
        assert list(parse_text(text, fmt)) == list(data)  # key order kept


def test_unchanged_data_keeps_the_original_text() -> None:
    data = parse_text(COMMENTED, YAML)
    reordered = dict(reversed(list(data.items())))
    assert encode_for_save(COMMENTED, data, reordered, YAML) == COMMENTED
    changed = {**data, "users": 41}
    assert encode_for_save(COMMENTED, data, changed, YAML) == render(changed, YAML)


@pytest.mark.parametrize(("before", "after"), [(1, True), (1, 1.0), (0, False), ("1", 1)])
def test_a_change_python_calls_equal_is_still_a_change(before: object, after: object) -> None:
    text = render({"v": before}, JSON)
    saved = encode_for_save(text, {"v": before}, {"v": after}, JSON)
    assert saved != text
    assert strict_equal(parse_text(saved, JSON), {"v": after})


def test_document_views() -> None:
    doc = Document.from_text(COMMENTED, YAML)
    assert doc.data["plan"] == "business"
    assert doc.with_data(dict(doc.data)).text == COMMENTED
    edited = doc.with_data({**doc.data, "plan": "enterprise"})
    assert "# Tenant quota" not in edited.text and edited.data["plan"] == "enterprise"
    assert Document.from_data({"a": 1}, JSON).text == '{\n  "a": 1\n}\n'
    with pytest.raises(DocumentError):
        doc.with_text("plan: [")
    with pytest.raises(ValueError, match="binary"):
        parse_text("x", ValueFormat.BINARY)


def test_a_form_save_without_changes_keeps_comments_in_etcd(
    store: EtcdStore, prefix: bytes
) -> None:
    key = prefix + b"acme/quota"
    revision = store.put_guarded(key, COMMENTED.encode(), 0)
    loaded = store.get(key).kv
    assert loaded is not None and loaded.mod_revision == revision
    decoded = decode_value(loaded.value)
    doc = Document.from_text(decoded.text, decoded.format)
    after_form = doc.with_data(parse_text(render(doc.data, JSON), JSON))  # through the form
    store.put_guarded(key, after_form.to_bytes(), loaded.mod_revision)
    saved = store.get(key).kv
    assert saved is not None and saved.value == COMMENTED.encode()
    assert saved.mod_revision > revision
