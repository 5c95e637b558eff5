"""Decoding values for display: formats by content, and hostile values refused safely."""

from __future__ import annotations

import json

import pytest

from etcdesk.core.values import (
    HEX_PREVIEW_BYTES,
    MAX_DEPTH,
    MAX_PARSE_BYTES,
    UnsafeValue,
    ValueFormat,
    decode_value,
    hex_dump,
    parse_json,
    parse_yaml,
)


def test_json_object() -> None:
    raw = b'{\n  "limit": 100,\n  "burst": [1, 2]\n}'
    value = decode_value(raw)
    assert value.format is ValueFormat.JSON
    assert value.data == {"limit": 100, "burst": [1, 2]}
    assert value.text == raw.decode()  # already multi-line: kept as is
    assert value.size == len(raw)
    assert value.note == ""
    assert value.editable_as_text


def test_compact_long_json_is_pretty_printed() -> None:
    data = {"tenant": "acme", "limits": {f"route{i}": i for i in range(10)}, "名字": "中"}
    raw = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    assert b"\n" not in raw and len(raw) > 80
    value = decode_value(raw)
    assert value.format is ValueFormat.JSON
    assert value.data == data
    assert value.text == json.dumps(data, indent=2, ensure_ascii=False)
    assert "\n" in value.text and "名字" in value.text
    assert value.size == len(raw)


def test_short_compact_json_is_kept() -> None:
    value = decode_value(b'{"a":1}')
    assert value.format is ValueFormat.JSON
    assert value.text == '{"a":1}'


def test_json_array() -> None:
    value = decode_value(b"  [1, 2, 3]")
    assert value.format is ValueFormat.JSON
    assert value.data == [1, 2, 3]


def test_yaml_mapping_keeps_text_verbatim() -> None:
    raw = "# rate limits for acme\nlimit: 100   # per second\nroutes:\n  - eu\n  - 美国\n".encode()
    value = decode_value(raw)
    assert value.format is ValueFormat.YAML
    assert value.data == {"limit": 100, "routes": ["eu", "美国"]}
    assert value.text == raw.decode()
    assert "# per second" in value.text


def test_yaml_sequence() -> None:
    value = decode_value(b"- a\n- b\n")
    assert value.format is ValueFormat.YAML
    assert value.data == ["a", "b"]


@pytest.mark.parametrize(
    "raw", [b"hello world", "你好".encode(), b"line one\nline two\n", b"tab\tand\r\nCRLF"]
)
def test_plain_text(raw: bytes) -> None:
    value = decode_value(raw)
    assert value.format is ValueFormat.TEXT
    assert value.text == raw.decode()
    assert value.data is None
    assert value.note == ""


@pytest.mark.parametrize("raw", [b"42", b"true", b"3.5", b"null", b'"quoted"'])
def test_scalar_looking_text_is_text(raw: bytes) -> None:
    value = decode_value(raw)
    assert value.format is ValueFormat.TEXT
    assert value.text == raw.decode()
    assert value.data is None


def test_empty() -> None:
    value = decode_value(b"")
    assert value.format is ValueFormat.EMPTY
    assert value.text == ""
    assert value.size == 0
    assert value.editable_as_text


def test_invalid_utf8_is_binary_hex() -> None:
    raw = b"ab\xff\xfecd"
    value = decode_value(raw)
    assert value.format is ValueFormat.BINARY
    assert not value.editable_as_text
    assert "not valid UTF-8" in value.note
    assert value.text == f"00000000  {'61 62 ff fe 63 64':<47}  ab..cd"
    assert value.size == 6


@pytest.mark.parametrize("raw", [b"abc\x00def", b"\x1b[31mred", b"\x01\x02\x03", b"ok\x7f\x08"])
def test_control_characters_are_binary(raw: bytes) -> None:
    value = decode_value(raw)
    assert value.format is ValueFormat.BINARY
    assert value.note == "binary data"
    assert value.text.startswith("00000000  ")


def test_hex_dump_layout() -> None:
    raw = bytes(range(32, 32 + 20))
    lines = hex_dump(raw).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("00000000  20 21 22")
    assert lines[0].endswith(" !\"#$%&'()*+,-./")
    assert lines[1].startswith("00000010  30 31 32 33")
    assert lines[1].endswith("0123")


def test_hex_dump_truncated() -> None:
    extra = 12_345
    raw = b"\xff" * (HEX_PREVIEW_BYTES + extra)
    value = decode_value(raw)
    assert value.format is ValueFormat.BINARY
    lines = value.text.splitlines()
    assert len(lines) == HEX_PREVIEW_BYTES // 16 + 1
    assert lines[-2].startswith(f"{HEX_PREVIEW_BYTES - 16:08x}  ")
    assert lines[-1] == f"… {extra:,} more bytes not shown"
    assert value.size == len(raw)


def test_hex_dump_exact_limit_has_no_more_line() -> None:
    text = hex_dump(b"\x00" * 32, limit=32)
    assert "more bytes" not in text
    assert len(text.splitlines()) == 2


def test_large_json_value_decodes() -> None:
    data = {f"key{i}": "v" * 100 for i in range(14_500)}
    raw = json.dumps(data, indent=1).encode()
    assert 1_500_000 < len(raw) < MAX_PARSE_BYTES
    value = decode_value(raw)
    assert value.format is ValueFormat.JSON
    assert value.data == data


def test_value_over_parse_limit_is_text_with_note() -> None:
    raw = b'{"a": "' + b"x" * (MAX_PARSE_BYTES + 10) + b'"}'
    value = decode_value(raw)
    assert value.format is ValueFormat.TEXT
    assert value.data is None
    assert "too large to parse" in value.note
    assert value.text == raw.decode()


def test_json_nested_very_deep_does_not_crash() -> None:
    raw = b"[" * 100_000 + b"]" * 100_000
    value = decode_value(raw)
    assert value.format is ValueFormat.TEXT
    assert value.data is None
    assert "nested" in value.note and "JSON" in value.note


def test_json_deeper_than_max_depth_is_refused() -> None:
    depth = 70
    assert depth > MAX_DEPTH
    raw = (b'{"a":' * depth) + b"1" + (b"}" * depth)
    value = decode_value(raw)
    assert value.format is ValueFormat.TEXT
    assert value.note == f"JSON nested deeper than {MAX_DEPTH} levels"
    with pytest.raises(UnsafeValue):
        parse_json(raw.decode())


def test_json_at_max_depth_is_accepted() -> None:
    raw = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    value = decode_value(raw.encode())
    assert value.format is ValueFormat.JSON


def _alias_bomb(levels: int = 9, fanout: int = 9) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * fanout) + "]"]
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * fanout)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def test_yaml_alias_bomb_is_refused() -> None:
    value = decode_value(_alias_bomb().encode())  # would expand to 9**9 strings
    assert value.format is ValueFormat.TEXT
    assert value.data is None
    assert "aliases" in value.note
    with pytest.raises(UnsafeValue, match="aliases"):
        parse_yaml(_alias_bomb())


def test_yaml_few_aliases_are_fine() -> None:
    value = decode_value(_alias_bomb(levels=3, fanout=3).encode())
    assert value.format is ValueFormat.YAML
    assert value.data["a2"] == [[["lol"] * 3] * 3] * 3


def test_yaml_nested_deep_flow_sequence() -> None:
    raw = b"[" * 1000 + b"]" * 1000
    # Without a hint it is tried as JSON first; either way it is refused with a note.
    value = decode_value(raw)
    assert value.format is ValueFormat.TEXT
    assert "nested" in value.note
    as_yaml = decode_value(raw, ValueFormat.YAML)
    assert as_yaml.format is ValueFormat.TEXT
    assert as_yaml.note == f"YAML nested deeper than {MAX_DEPTH} levels"


def test_yaml_nested_deep_block_sequence() -> None:
    raw = "".join("  " * i + "-\n" for i in range(200)).encode()
    value = decode_value(raw)
    assert value.format is ValueFormat.TEXT
    assert "YAML nested deeper" in value.note


def test_invalid_json_with_json_hint() -> None:
    value = decode_value(b'{"limit": 100,}', ValueFormat.JSON)
    assert value.format is ValueFormat.TEXT
    assert value.note.startswith("invalid JSON")
    assert value.text == '{"limit": 100,}'


def test_invalid_json_without_hint_is_plain_text() -> None:
    value = decode_value(b"{not: json")
    assert value.format is ValueFormat.TEXT
    assert value.note == ""


def test_invalid_yaml_with_yaml_hint() -> None:
    value = decode_value(b"a: [1, 2\nb: c", ValueFormat.YAML)
    assert value.format is ValueFormat.TEXT
    assert value.note.startswith("invalid YAML")


def test_json_hint_does_not_fall_back_to_yaml() -> None:
    value = decode_value(b"a: 1\n", ValueFormat.JSON)
    assert value.format is ValueFormat.TEXT


def test_yaml_hint_parses_json_as_yaml() -> None:
    value = decode_value(b'{"a": 1}', ValueFormat.YAML)
    assert value.format is ValueFormat.YAML
    assert value.data == {"a": 1}


def test_parse_yaml_raises_unsafe_value_directly() -> None:
    with pytest.raises(UnsafeValue, match="nested deeper"):
        parse_yaml("[" * 100 + "]" * 100)
    with pytest.raises(UnsafeValue, match="aliases"):
        parse_yaml(_alias_bomb())
    assert parse_yaml("a: [1, {b: 2}]") == {"a": [1, {"b": 2}]}


def test_parse_yaml_is_safe() -> None:
    import yaml

    with pytest.raises(yaml.YAMLError):
        parse_yaml("!!python/object/apply:os.system ['true']")
