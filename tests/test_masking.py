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
