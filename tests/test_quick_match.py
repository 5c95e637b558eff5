"""Quick open ranking (core): words anywhere in the path, best at a segment start; letters in
order as a fallback."""

from __future__ import annotations

from etcdesk.core.keytree import KeyTree
from etcdesk.core.layout import layout_from_mapping
from etcdesk.core.quick_match import candidates, rank


def _tree() -> KeyTree:
    layout = layout_from_mapping({"root": "/t/", "pattern": "{tenant}/{config...}"})
    tree = KeyTree(layout)
    keys = [
        "acme-corp/ratelimit",
        "acme-corp/routing/eu-west",
        "acme-corp/quota",
        "globex/ratelimit",
        "globex/routing/us-east",
        "华东物流/quota",
    ]
    tree.add_keys([*sorted(("/t/" + k).encode() for k in keys), b"/t/odd"])
    return tree


def test_candidates_are_groups_then_keys() -> None:
    index = candidates(_tree())
    assert index.labels[:3] == ["acme-corp", "globex", "华东物流"]  # tenants, not "Other keys"
    first = index.candidate(0)
    assert first.is_group and first.group == (b"acme-corp",)
    assert "odd" in index.labels and "globex/routing/us-east" in index.labels
    assert rank(index, "odd")[0].key == b"/t/odd"


def test_rank_words_segments_and_fuzzy() -> None:
    items = candidates(_tree())
    labels = lambda query: [c.label for c in rank(items, query)]  # noqa: E731
    assert labels("acme rate") == ["acme-corp/ratelimit"]
    assert labels("globex")[0] == "globex"  # the tenant before its configs
    assert labels("rate") == ["acme-corp/ratelimit", "globex/ratelimit"]  # by name
    assert labels("west") == ["acme-corp/routing/eu-west"]
    assert labels("物流") == ["华东物流", "华东物流/quota"]
    assert labels("QUOTA") == ["acme-corp/quota", "华东物流/quota"]  # case-insensitive
    assert labels("r")[:3] == [
        "acme-corp/ratelimit",
        "globex/ratelimit",
        "acme-corp/routing/eu-west",
    ]
    assert labels("acrl") == ["acme-corp/ratelimit"]  # letters in order, no word matches
    assert labels("zzz") == []
    assert len(rank(items, "")) == len(items)
    assert len(rank(items, "", limit=3)) == 3
