"""Find in values (core): a paged scan at one revision on a real etcd; secrets never match."""

from __future__ import annotations

import json

import pytest

from etcdesk.core.etcd_store import EtcdStore
from etcdesk.core.layout import Layout, layout_from_mapping, prefix_range_end
from etcdesk.core.schemas import SchemaRegistry
from etcdesk.core.search import (
    MAX_LINES_PER_KEY,
    SearchError,
    SearchProgress,
    SearchQuery,
    clip_ranges,
    search_values,
    secrets_lookup,
)

PEM = "-----BEGIN PRIVATE KEY-----\nMIIsecretMARKER42\n-----END PRIVATE KEY-----\n"


def _all(progress: list[SearchProgress]) -> list[tuple[bytes, int, str]]:
    return [(m.key, m.line, m.text) for p in progress for m in p.matches]


def _schema_layout(prefix: bytes) -> Layout:
    return layout_from_mapping(
        {
            "root": prefix.decode(),
            "pattern": "{tenant}/{config...}",
            "schemas": [{"match": "certificate", "schema": "certificate.schema.yaml"}],
        },
        source="test",
    )


def test_search_pages_through_values_at_one_revision(store: EtcdStore, prefix: bytes) -> None:
    # 250 small values (more than the first page), a binary one and a multi-line YAML one.
    for n in range(250):
        store.put_guarded(prefix + f"t{n:03}/quota".encode(), f"plan: p{n}\n".encode(), 0)
    store.put_guarded(prefix + b"t000/logo", b"\x89PNG\x00\x01plan: p7", 0)
    store.put_guarded(prefix + b"t001/notes", "intro\nplan: p7 again\n计划 p7\n".encode(), 0)
    ranges = [(prefix, prefix_range_end(prefix))]

    progress = list(search_values(store, ranges, SearchQuery("p7")))
    assert progress[-1].done and not progress[-1].truncated
    assert len(progress) > 2  # paged: a small first page, then bigger ones
    assert progress[-1].scanned == 252 and progress[-1].skipped == 1  # the binary value
    revisions = {p.revision for p in progress}
    assert len(revisions) == 1  # every page at the first page's revision
    found = _all(progress)
    keys = {key for key, _line, _text in found}
    assert prefix + b"t007/quota" in keys and prefix + b"t070/quota" in keys
    assert prefix + b"t000/logo" not in keys
    assert (prefix + b"t001/notes", 2, "plan: p7 again") in found
    assert (prefix + b"t001/notes", 3, "计划 p7") in found
    match = next(m for p in progress for m in p.matches if m.key == prefix + b"t001/notes")
    assert match.text[match.start : match.start + match.length] == "p7"

    # Case and regular expressions.
    assert not _all(list(search_values(store, ranges, SearchQuery("P7", case_sensitive=True))))
    regex = _all(list(search_values(store, ranges, SearchQuery(r"^plan: p24\d$", regex=True))))
    assert sorted(k for k, _l, _t in regex) == [
        prefix + f"t{n}/quota".encode() for n in range(240, 250)
    ]
    with pytest.raises(SearchError, match="not a valid regular expression"):
        list(search_values(store, ranges, SearchQuery("plan: (", regex=True)))
    with pytest.raises(SearchError):
        SearchQuery("").compile()

    # A cap on results: the scan stops and says so.
    capped = list(search_values(store, ranges, SearchQuery("plan"), max_results=30))
    assert capped[-1].truncated and len(_all(capped)) == 30

    # One tenant's prefix only; and cancelling between pages.
    tenant = prefix + b"t001/"
    only = _all(list(search_values(store, [(tenant, prefix_range_end(tenant))], SearchQuery("p"))))
    assert {k for k, _l, _t in only} == {prefix + b"t001/quota", prefix + b"t001/notes"}
    pages = search_values(store, ranges, SearchQuery("plan"), cancelled=lambda: True)
    assert list(pages) == []


def test_secret_fields_never_match_and_are_masked(store: EtcdStore, prefix: bytes) -> None:
    layout = _schema_layout(prefix)
    secrets_for = secrets_lookup(layout, SchemaRegistry.bundled())
    cert = (
        "domain: acme.example.com\n"
        "cert_pem: |\n  -----BEGIN CERTIFICATE-----\n  MIIpublic\n  -----END CERTIFICATE-----\n"
        "private_key_pem: |\n" + "".join(f"  {line}\n" for line in PEM.splitlines())
    )
    store.put_guarded(prefix + b"acme/certificate", cert.encode(), 0)
    # Not YAML or JSON but a secret is expected there: skipped whole, never searched.
    store.put_guarded(prefix + b"odd/certificate", b"MIIsecretMARKER42 as plain text", 0)
    # No schema: no secrets expected, searched as is.
    store.put_guarded(prefix + b"acme/notes", json.dumps({"hint": "MIIpublic"}).encode(), 0)
    ranges = [(prefix, prefix_range_end(prefix))]

    assert _all(list(search_values(store, ranges, SearchQuery("MARKER42"), secrets_for))) == []
    progress = list(search_values(store, ranges, SearchQuery("MIIpublic"), secrets_for))
    assert {k for k, _l, _t in _all(progress)} == {
        prefix + b"acme/certificate",
        prefix + b"acme/notes",
    }
    assert progress[-1].skipped == 1
    masked = _all(list(search_values(store, ranges, SearchQuery("private_key"), secrets_for)))
    assert masked and all("MIIsecret" not in text for _k, _l, text in masked)
    assert "••••••" in masked[0][2]


def test_long_lines_are_cut_around_the_match_and_lines_per_key_capped(
    store: EtcdStore, prefix: bytes
) -> None:
    line = "x" * 1000 + "needle" + "y" * 1000
    store.put_guarded(prefix + b"a/long", line.encode(), 0)
    store.put_guarded(prefix + b"a/many", "\n".join(["needle"] * 100).encode(), 0)
    ranges = [(prefix, prefix_range_end(prefix))]
    progress = list(search_values(store, ranges, SearchQuery("needle")))
    long = next(m for p in progress for m in p.matches if m.key == prefix + b"a/long")
    assert len(long.text) < 300 and long.text.startswith("…") and long.text.endswith("…")
    assert long.text[long.start : long.start + long.length] == "needle"
    many = [m for p in progress for m in p.matches if m.key == prefix + b"a/many"]
    assert len(many) == MAX_LINES_PER_KEY


def test_clip_ranges_to_a_prefix() -> None:
    readable = [(b"/t/a/", b"/t/a0"), (b"/t/c", b"/t/e"), (b"/x", b"\x00")]
    assert clip_ranges(readable, b"/t/", b"/t0") == [(b"/t/a/", b"/t/a0"), (b"/t/c", b"/t/e")]
    assert clip_ranges(readable, b"/t/d/", b"/t/d0") == [(b"/t/d/", b"/t/d0")]
    assert clip_ranges(readable, b"/t/b/", b"/t/b0") == []
    assert clip_ranges(readable, b"/y/", b"/y0") == [(b"/y/", b"/y0")]
