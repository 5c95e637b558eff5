from __future__ import annotations

import json

from etcdesk.core.masking import MASK, mask_data, masked_text


def test_mask_data_replaces_present_secret_fields_only() -> None:
    data = {"tls": {"key": "PRIVATE", "cert": "PUBLIC"}, "token": "t0k", "n": 1}
    masked = mask_data(data, (("tls", "key"), ("token",), ("absent", "x")))
    assert masked == {"tls": {"key": MASK, "cert": "PUBLIC"}, "token": MASK, "n": 1}
    assert data["token"] == "t0k"  # the original is untouched
    assert mask_data(data, ()) is data


def test_masked_text_rerenders_json_and_yaml_and_withholds_the_rest() -> None:
    raw = json.dumps({"password": "hunter2", "user": "svc"}).encode()
    text = masked_text(raw, (("password",),))
    assert "hunter2" not in text and MASK in text and "svc" in text
    yaml_text = masked_text(b"password: hunter2\nuser: svc\n", (("password",),))
    assert "hunter2" not in yaml_text and "user: svc" in yaml_text
    withheld = masked_text(b"password=hunter2", (("password",),))
    assert "hunter2" not in withheld and "withheld" in withheld
    assert masked_text(b"plain", ()) == "plain" and masked_text(None, ()) == ""


def test_all_secret_paths_follow_refs_branches_and_conditions() -> None:
    from etcdesk.core.schemas import SchemaRegistry, all_secret_paths, secret_paths

    schema = {
        "type": "object",
        "$defs": {"secret": {"type": "string", "x-secret": True}},
        "properties": {
            "password": {"$ref": "#/$defs/secret"},
            "nested": {"type": "object", "properties": {"tok": {"$ref": "#/$defs/secret"}}},
            "alt": {
                "oneOf": [
                    {"type": "object", "properties": {"k": {"type": "string", "x-secret": True}}},
                    {"type": "string"},
                ]
            },
            "cond": {
                "if": {"properties": {"a": {"const": 1}}},
                "then": {"properties": {"s": {"type": "string", "x-secret": True}}},
            },
        },
    }
    assert secret_paths(schema) == []  # the plain walk misses all of them
    found = set(all_secret_paths(SchemaRegistry.bundled(), schema))
    assert found == {("password",), ("nested", "tok"), ("alt", "k"), ("cond", "s")}
    text = masked_text(
        json.dumps({"password": "hunter2", "alt": {"k": "z9"}}).encode(), tuple(found)
    )
    assert "hunter2" not in text and "z9" not in text
