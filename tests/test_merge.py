"""Three-way merge for the conflict view, changed paths and the structural diff.

Plain data in, plain data out: these functions never touch etcd (the save flow that calls them
is tested on a real server in test_edits.py)."""

from __future__ import annotations

from typing import Any

import pytest

from etcdesk.core.merge import changed_paths, strict_equal, structural_diff, three_way_merge

BASE: dict[str, Any] = {
    "requests_per_second": 100,
    "burst": 200,
    "mode": "enforce",
    "per_endpoint": [{"path": "/v1/orders", "rps": 10}, {"path": "/v1/search", "rps": 5}],
    "whitelist_ips": ["10.0.0.1"],
    "tls": {"cert": "A", "key": "K"},
}
REMOVE = object()


def edit(**changes: Any) -> dict[str, Any]:
    data = {k: v for k, v in BASE.items() if k not in changes or changes[k] is not REMOVE}
    data.update({k: v for k, v in changes.items() if v is not REMOVE})
    return data


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ({"a": 1, "b": [1, 2]}, {"b": [1, 2], "a": 1}, True),
        (1, True, False),
        (0, False, False),
        (1, 1.0, False),
        ([1, 2], [2, 1], False),
        (float("nan"), float("nan"), True),
        ({"a": None}, {}, False),
        ("1", 1, False),
    ],
)
def test_strict_equal(a: Any, b: Any, equal: bool) -> None:
    assert strict_equal(a, b) is equal
    assert strict_equal(b, a) is equal


def test_changed_paths_are_leaf_level_in_document_order() -> None:
    new = edit(
        burst=300,
        per_endpoint=[{"path": "/v1/orders", "rps": 20}, {"path": "/v1/search", "rps": 5}],
        whitelist_ips=["10.0.0.1", "10.0.0.2"],
        tls={"cert": "B"},
        mode=REMOVE,
        extra=True,
    )
    assert changed_paths(BASE, new) == [
        ("burst",),
        ("mode",),
        ("per_endpoint", 0, "rps"),
        ("whitelist_ips",),  # a list of scalars is one value
        ("tls", "cert"),
        ("tls", "key"),
        ("extra",),
    ]
    shorter = edit(per_endpoint=[{"path": "/v1/orders", "rps": 10}])
    assert changed_paths(BASE, shorter) == [("per_endpoint",)]
    assert changed_paths(BASE, dict(BASE)) == []
    assert changed_paths(1, 2) == [()]
    assert changed_paths({"a": 1}, {"a": True}) == [("a",)]


def test_changes_to_different_fields_merge_cleanly() -> None:
    mine = edit(requests_per_second=150, tls={"cert": "A", "key": "K2"})
    theirs = edit(burst=500, mode="shadow", tls={"cert": "B", "key": "K"})
    result = three_way_merge(BASE, mine, theirs)
    assert result.clean and result.conflicts == ()
    assert result.merged == edit(
        requests_per_second=150, burst=500, mode="shadow", tls={"cert": "B", "key": "K2"}
    )


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    both = edit(burst=999, whitelist_ips=["10.0.0.9"])
    assert three_way_merge(BASE, both, both) == three_way_merge(BASE, both, dict(both))
    result = three_way_merge(BASE, both, both)
    assert result.clean and result.merged == both


def test_different_changes_to_one_field_conflict_and_keep_theirs() -> None:
    mine = edit(burst=300, requests_per_second=1)
    theirs = edit(burst=400)
    result = three_way_merge(BASE, mine, theirs)
    assert result.conflicts == (("burst",),)
    assert result.merged == edit(burst=400, requests_per_second=1)


def test_an_edit_inside_something_the_other_side_removed_conflicts() -> None:
    mine = edit(tls={"cert": "NEW", "key": "K"})
    theirs = edit(tls=REMOVE)
    result = three_way_merge(BASE, mine, theirs)
    assert result.conflicts == (("tls", "cert"),)
    assert "tls" not in result.merged
    reverse = three_way_merge(BASE, theirs, mine)  # I removed it, they edited inside
    assert reverse.conflicts == (("tls",),)
    assert reverse.merged["tls"] == {"cert": "NEW", "key": "K"}


def test_removals_and_additions_merge() -> None:
    mine = edit(mode=REMOVE, note="mine")
    theirs = edit(whitelist_ips=REMOVE, owner="ops")
    result = three_way_merge(BASE, mine, theirs)
    assert result.clean
    assert result.merged == edit(mode=REMOVE, whitelist_ips=REMOVE, owner="ops", note="mine")
    clash = three_way_merge(BASE, edit(note="mine"), edit(note="theirs"))
    assert clash.conflicts == (("note",),) and clash.merged["note"] == "theirs"


def test_lists_of_objects_merge_item_by_item_other_lists_as_a_whole() -> None:
    rows = BASE["per_endpoint"]
    mine = edit(per_endpoint=[{**rows[0], "rps": 11}, rows[1]])
    theirs = edit(per_endpoint=[rows[0], {**rows[1], "methods": ["GET"]}])
    result = three_way_merge(BASE, mine, theirs)
    assert result.clean
    assert result.merged["per_endpoint"] == [
        {**rows[0], "rps": 11},
        {**rows[1], "methods": ["GET"]},
    ]
    grown = edit(per_endpoint=[*rows, {"path": "/v2", "rps": 1}])
    clash = three_way_merge(BASE, mine, grown)
    assert clash.conflicts == (("per_endpoint", 0, "rps"),)
    assert clash.merged == grown
    ips = three_way_merge(BASE, edit(whitelist_ips=["1.1.1.1"]), edit(whitelist_ips=["2.2.2.2"]))
    assert ips.conflicts == (("whitelist_ips",),)


def test_merge_never_changes_its_inputs() -> None:
    mine, theirs = edit(tls={"cert": "M", "key": "K"}), edit(burst=1)
    snapshot = (repr(BASE), repr(mine), repr(theirs))
    result = three_way_merge(BASE, mine, theirs)
    result.merged["tls"]["cert"] = "changed after"
    assert (repr(BASE), repr(mine), repr(theirs)) == snapshot


def test_a_type_change_is_a_change() -> None:
    result = three_way_merge({"on": 1}, {"on": True}, {"on": 1, "x": 2})
    assert result.clean and result.merged == {"on": True, "x": 2}
    assert type(result.merged["on"]) is bool


def test_structural_diff() -> None:
    new = edit(burst=250, mode=REMOVE, extra=None)
    assert structural_diff(BASE, new) == [
        ("changed", ("burst",), 200, 250),
        ("removed", ("mode",), "enforce", None),
        ("added", ("extra",), None, None),
    ]
    assert structural_diff(BASE, BASE) == []
    assert structural_diff("a", "b") == [("changed", (), "a", "b")]
