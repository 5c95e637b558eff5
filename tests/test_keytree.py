"""KeyTree: keys grouped by the layout's levels, counts, order, filtering; and row_ops."""

from __future__ import annotations

import random

import pytest

from etcdesk.core.keytree import OTHER_LABEL, Group, KeyTree, Leaf, Row, row_ops
from etcdesk.core.layout import Layout, layout_from_mapping, load_layout


def _tree(layout: Layout, rels: list[bytes]) -> KeyTree:
    tree = KeyTree(layout)
    tree.add_keys(sorted(layout.root + rel for rel in rels))
    return tree


def _labels(rows: list[Row]) -> list[str]:
    return [row.label for row in rows]


def _shape(group: Group) -> tuple[object, ...]:
    """Everything a view shows of a group, recursively: labels, counts, keys."""
    rows = group.children()
    return (
        group.label,
        group.count,
        tuple(_shape(r) if isinstance(r, Group) else (r.label, r.key) for r in rows),
    )


def test_counts_per_tenant_and_root(layout: Layout) -> None:
    tree = _tree(
        layout,
        [b"acme/ratelimit", b"acme/quota", b"acme/routing/eu", b"beta/quota", b"README"],
    )
    assert len(tree) == 5
    assert tree.root.count == 5
    assert tree.group((b"acme",)).count == 3
    assert tree.group((b"beta",)).count == 1
    assert _labels(tree.root.children()) == ["acme", "beta", OTHER_LABEL]
    assert _labels(tree.group((b"acme",)).children()) == ["quota", "ratelimit", "routing/eu"]


def test_repeated_and_foreign_keys_are_not_counted(layout: Layout) -> None:
    tree = KeyTree(layout)
    tree.add_keys([layout.root + b"a/x", layout.root + b"a/y"])
    tree.add_keys([layout.root + b"a/x", b"/elsewhere/a/x", layout.root[:-1]])
    assert len(tree) == 2
    assert tree.root.count == 2
    assert tree.group((b"a",)).count == 2
    assert b"/elsewhere/a/x" not in tree


def test_other_keys_group_sorts_last(layout: Layout) -> None:
    # Other keys' names sort before every tenant byte-wise; the group still comes last.
    tree = _tree(layout, [b"\x01odd", b"zzz/config", b"aaa", b"b/", b"//x", b"\x00/x"])
    top = tree.top_groups()
    assert _labels(top) == ["\x00", "zzz", OTHER_LABEL]
    other = top[-1]
    assert other.other
    assert other.count == 4
    assert [leaf.rel for leaf in other.children()] == [b"\x01odd", b"//x", b"aaa", b"b/"]
    assert all(isinstance(row, Leaf) for row in other.children())


def test_group_order_is_by_bytes_and_one_group_per_tenant(layout: Layout) -> None:
    # etcd order: "a-b/x" < "a.b/x" < "a/x" ('-' and '.' sort before '/'), so tenant a's keys
    # come after a-b's; page sizes on both sides of the "runs" threshold.
    for per_tenant in (2, 40):
        rels = [
            b"%s/c%03d" % (t, i) for t in (b"a", b"a-b", b"a.b", b"b") for i in range(per_tenant)
        ]
        keys = sorted(layout.root + rel for rel in rels)
        assert keys.index(layout.root + b"a-b/c000") < keys.index(layout.root + b"a/c000")
        tree = KeyTree(layout)
        half = len(keys) // 2
        tree.add_keys(keys[:half])
        tree.add_keys(keys[half:])
        top = tree.top_groups()
        assert [g.name for g in top] == [b"a", b"a-b", b"a.b", b"b"]
        assert [g.count for g in top] == [per_tenant] * 4
        assert len(top[0].children()) == per_tenant


def test_sorted_pages_and_shuffled_keys_build_the_same_tree(layout: Layout) -> None:
    rng = random.Random(7)
    alphabet = [b"a", b"b", b"-", b".", b"/", "中".encode(), b"\xff"]
    rels = {b"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(600)}
    keys = sorted(layout.root + rel for rel in rels)
    paged = KeyTree(layout)
    for start in range(0, len(keys), 100):
        paged.add_keys(keys[start : start + 100])
    shuffled = list(keys)
    rng.shuffle(shuffled)
    one_by_one = KeyTree(layout)
    for key in shuffled:
        one_by_one.add_keys([key])
    assert paged.keys() == one_by_one.keys() == set(keys)
    assert _shape(paged.root) == _shape(one_by_one.root)
    assert paged.root.count == len(keys)


def test_children_subgroups_before_leaves() -> None:
    root = Group(b"", None)
    for name in (b"zeta", b"alpha"):
        root.groups[name] = Group(name, root)
    root.groups[b"\x00other"] = Group(b"\x00other", root, other=True)
    root.leaves[b"aaa"] = b"/r/aaa"
    root.leaves[b"0"] = b"/r/0"
    rows = root.children()
    assert _labels(rows) == ["alpha", "zeta", OTHER_LABEL, "0", "aaa"]
    assert [row.row for row in rows] == list(range(5))
    assert rows[0].depth == 1 and rows[0].path == (b"alpha",)
    assert root.children() is rows  # built once, then kept


def test_desired_rows_reuses_leaf_objects(layout: Layout) -> None:
    tree = _tree(layout, [b"t/a", b"t/c"])
    group = tree.group((b"t",))
    before = group.children()
    group.leaves[b"b"] = layout.root + b"t/b"
    after = group.desired_rows()
    assert [leaf.rel for leaf in after] == [b"a", b"b", b"c"]
    assert after[0] is before[0] and after[2] is before[1]


def test_multi_level_layout_builds_nested_groups() -> None:
    layout = layout_from_mapping(
        {"root": "/cfg/", "pattern": "{env}/tenants/{tenant}/{config...}"}, "multi"
    )
    rels = [
        b"prod/tenants/acme/ratelimit",
        b"prod/tenants/acme/quota",
        b"prod/tenants/beta/quota",
        b"dev/tenants/acme/quota",
        b"dev/tenant/acme/quota",  # literal mismatch: other
    ]
    tree = _tree(layout, rels)
    assert tree.root.count == 5
    top = tree.top_groups()
    assert _labels(top) == ["dev", "prod", OTHER_LABEL]
    dev, prod, other = top
    assert (dev.count, prod.count, other.count) == (1, 3, 1)
    assert _labels(prod.children()) == ["acme", "beta"]
    acme = tree.group((b"prod", b"acme"))
    assert acme is not None and acme.count == 2 and acme.depth == 2
    assert acme.path == (b"prod", b"acme")
    assert _labels(acme.children()) == ["quota", "ratelimit"]
    assert all(isinstance(r, Group) for r in prod.children())
    leaf = tree.find(b"/cfg/dev/tenants/acme/quota")
    assert leaf is not None and leaf.parent is tree.group((b"dev", b"acme"))
    assert tree.find(b"/cfg/dev/tenant/acme/quota").parent is other


@pytest.fixture
def mixed_tree(layout: Layout) -> KeyTree:
    return _tree(
        layout,
        [
            b"acme-corp/ratelimit",
            b"acme-corp/routing/eu",
            b"Beta/Quota",
            "华东电力/限流".encode(),
            "华东电力/quota".encode(),
            "华南/限流".encode(),
            b"bad\xff/ratelimit",
            b"README",
        ],
    )


def _filtered_keys(tree: KeyTree, text: str) -> set[bytes]:
    filtered = tree.filtered(text)
    assert filtered.layout is tree.layout
    keys = filtered.keys()  # a set; KeyTree itself is not iterable
    return {k[len(tree.layout.root) :] for k in keys}


def test_filter_matches_tenants_and_configs_case_insensitively(mixed_tree: KeyTree) -> None:
    assert _filtered_keys(mixed_tree, "ACME") == {b"acme-corp/ratelimit", b"acme-corp/routing/eu"}
    assert _filtered_keys(mixed_tree, "quota") == {b"Beta/Quota", "华东电力/quota".encode()}
    assert _filtered_keys(mixed_tree, "RateLimit") == {
        b"acme-corp/ratelimit",
        b"bad\xff/ratelimit",
    }
    assert _filtered_keys(mixed_tree, "routing/E") == {b"acme-corp/routing/eu"}
    assert _filtered_keys(mixed_tree, "readme") == {b"README"}
    assert _filtered_keys(mixed_tree, "nothing-like-this") == set()


def test_filter_chinese_and_escaped(mixed_tree: KeyTree) -> None:
    assert _filtered_keys(mixed_tree, "华东") == {
        "华东电力/限流".encode(),
        "华东电力/quota".encode(),
    }
    assert _filtered_keys(mixed_tree, "限流") == {"华东电力/限流".encode(), "华南/限流".encode()}
    assert _filtered_keys(mixed_tree, "\\xff") == {b"bad\xff/ratelimit"}


def test_filter_result_is_a_full_tree(mixed_tree: KeyTree) -> None:
    mixed_tree.revision = 42
    filtered = mixed_tree.filtered("  华 ")  # surrounding blanks ignored
    assert filtered is not mixed_tree
    assert filtered.revision == 42
    names = sorted(["华南".encode(), "华东电力".encode()])  # by UTF-8 bytes
    assert [g.name for g in filtered.top_groups()] == names
    assert filtered.root.count == 3
    assert len(mixed_tree) == 8  # the original is untouched


def test_filter_sees_keys_added_later(mixed_tree: KeyTree, layout: Layout) -> None:
    assert _filtered_keys(mixed_tree, "gamma") == set()
    mixed_tree.add_keys([layout.root + b"gamma/quota"])
    assert _filtered_keys(mixed_tree, "GAMMA") == {b"gamma/quota"}


def test_empty_filter_keeps_everything(mixed_tree: KeyTree) -> None:
    filtered = mixed_tree.filtered("")
    assert filtered.keys() == mixed_tree.keys()
    assert _shape(filtered.root) == _shape(mixed_tree.root)


def test_find(mixed_tree: KeyTree, layout: Layout) -> None:
    key = layout.root + b"acme-corp/routing/eu"
    leaf = mixed_tree.find(key)
    assert leaf is not None
    assert leaf.key == key and leaf.rel == b"routing/eu" and leaf.label == "routing/eu"
    assert leaf.parent is mixed_tree.group((b"acme-corp",))
    assert leaf.parent.children()[leaf.row] is leaf
    other = mixed_tree.find(layout.root + b"README")
    assert other is not None and other.parent.other
    bad = mixed_tree.find(layout.root + b"bad\xff/ratelimit")
    assert bad is not None and bad.parent.label == "bad\\xff"
    assert mixed_tree.find(layout.root + b"acme-corp/missing") is None
    assert mixed_tree.find(b"/elsewhere/acme-corp/ratelimit") is None


# -- row_ops ----------------------------------------------------------------------------------


def _rows(n: int) -> list[Row]:
    parent = Group(b"p", None)
    return [Leaf(parent, b"/k/%04d" % i, b"%04d" % i) for i in range(n)]


def _apply(old: list[Row], new: list[Row]) -> list[Row]:
    removals, insertions = row_ops(old, new)
    rows = list(old)
    previous_first = len(rows) + 1
    for first, last in removals:
        assert 0 <= first <= last < previous_first - 1  # highest first, not adjacent
        previous_first = first
        del rows[first : last + 1]
    previous_end = -1
    for position, run in insertions:
        assert run and position > previous_end  # ascending, not adjacent
        previous_end = position + len(run)
        assert position <= len(rows)
        rows[position:position] = run
    return rows


def _same(a: list[Row], b: list[Row]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


def test_row_ops_pure_insertions() -> None:
    r = _rows(8)
    old = [r[1], r[4], r[5]]
    new = [r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]]
    removals, insertions = row_ops(old, new)
    assert removals == []
    assert [(pos, [x.rel for x in run]) for pos, run in insertions] == [
        (0, [b"0000"]),
        (2, [b"0002", b"0003"]),
        (6, [b"0006", b"0007"]),
    ]
    assert _same(_apply(old, new), new)


def test_row_ops_pure_removals() -> None:
    r = _rows(8)
    old = list(r)
    new = [r[1], r[4], r[5]]
    removals, insertions = row_ops(old, new)
    assert removals == [(6, 7), (2, 3), (0, 0)]
    assert insertions == []
    assert _same(_apply(old, new), new)


def test_row_ops_mixed() -> None:
    r = _rows(8)
    old = [r[0], r[2], r[3], r[6]]
    new = [r[1], r[2], r[4], r[5], r[6], r[7]]
    removals, insertions = row_ops(old, new)
    assert removals == [(2, 2), (0, 0)]
    assert [(pos, len(run)) for pos, run in insertions] == [(0, 1), (2, 2), (5, 1)]
    assert _same(_apply(old, new), new)


def test_row_ops_identity_not_equality() -> None:
    r = _rows(2)
    twin = Leaf(r[0].parent, r[0].key, r[0].rel)  # same key, another object
    removals, insertions = row_ops([r[0], r[1]], [twin, r[1]])
    assert removals == [(0, 0)]
    assert len(insertions) == 1 and insertions[0][1][0] is twin


def test_row_ops_unchanged_and_empty() -> None:
    r = _rows(5)
    assert row_ops(r, list(r)) == ([], [])
    assert row_ops([], []) == ([], [])
    assert _same(_apply([], r), r)
    assert _same(_apply(r, []), [])


def test_row_ops_random() -> None:
    rng = random.Random(20240611)
    for _ in range(500):
        universe = _rows(rng.randint(0, 30))
        old = [row for row in universe if rng.random() < 0.5]
        new = [row for row in universe if rng.random() < 0.5]
        assert _same(_apply(old, new), new), (old, new)


def test_remove_keys_updates_counts_and_prunes_empty_groups() -> None:

    layout = layout_from_mapping({"root": "/r/", "pattern": "{env}/{tenant}/{config...}"})
    tree = KeyTree(layout)
    keys = sorted(
        [b"/r/prod/acme/a", b"/r/prod/acme/b", b"/r/prod/beta/a", b"/r/dev/acme/a", b"/r/odd"]
        + [b"/r/prod/gamma/c%03d" % i for i in range(40)]
    )
    tree.add_keys(keys)
    tree.remove_keys([b"/r/prod/acme/a", b"/r/dev/acme/a", b"/r/odd", b"/r/missing/x/y"])
    assert len(tree) == len(keys) - 3
    assert b"/r/prod/acme/a" not in tree and b"/r/prod/acme/b" in tree
    prod = tree.group((b"prod",))
    assert prod is not None and prod.count == 2 + 40
    assert tree.group((b"dev",)) is None  # emptied, so gone
    assert b"\x00other" not in tree.root.groups
    assert tree.root.count == len(tree)
    tree.remove_keys([b"/r/prod/gamma/c%03d" % i for i in range(40)])
    assert tree.group((b"prod", b"gamma")) is None
    assert sorted(tree.keys()) == [b"/r/prod/acme/b", b"/r/prod/beta/a"]


def test_filtered_tree_knows_its_filter() -> None:
    tree = KeyTree(load_layout())
    tree.add_keys([b"/tenants/acme/quota", "/tenants/华东/ratelimit".encode()])
    filtered = tree.filtered("RATE")
    assert sorted(filtered.keys()) == ["/tenants/华东/ratelimit".encode()]
    assert filtered.filter_matches(b"/tenants/zeta/ratelimit/api")
    assert not filtered.filter_matches(b"/tenants/zeta/quota")
    assert tree.filter_matches(b"/tenants/anything/at-all")
