"""etcdesk-cli commands that only read: profiles, ls, get, history, diff, validate, journal."""

from __future__ import annotations

import sys
from typing import Any

from etcdesk.cli_context import (
    NO,
    OK,
    Context,
    Failed,
    err,
    key_arg,
    out,
    relative,
    secrets_for,
    tenant_keys,
)
from etcdesk.cli_output import (
    format_time,
    parse_time,
    print_json,
    print_table,
    text_diff,
    value_json,
)
from etcdesk.core.bundles import (
    parse_tenant,
    read_prefix,
    tenant_name,
    tenant_of,
)
from etcdesk.core.errors import (
    Compacted,
)
from etcdesk.core.history import (
    KeyHistory,
    load_history_page,
    summarize,
)
from etcdesk.core.journal import JournalQuery, read_journal
from etcdesk.core.layout import display
from etcdesk.core.masking import masked_text
from etcdesk.core.merge import structural_diff
from etcdesk.core.profiles import ProfileStore
from etcdesk.core.schema_messages import show
from etcdesk.core.schemas import json_path
from etcdesk.core.validation import check_configs, parse_config, schema_name_for


def cmd_profiles(ctx: Context) -> int:
    store = ProfileStore.load()
    profiles = store.sorted()
    if ctx.json:
        print_json({"last_used": store.last_used, "profiles": [p.to_json() for p in profiles]})
        return OK
    if not profiles:
        err(f"no saved profiles in {store.path}; save them from the window (Ctrl+O)")
        return OK
    rows = [
        [
            p.name,
            ",".join(p.endpoints),
            p.user or "-",
            "read-only" if p.read_only else "read-write",
            p.layout or "(default layout)",
        ]
        for p in profiles
    ]
    print_table(["PROFILE", "ENDPOINTS", "USER", "MODE", "LAYOUT"], rows)
    return OK


def _ls_tenant(ctx: Context, text: str) -> int:
    layout = ctx.layout
    tenant = parse_tenant(layout, text)
    revision, kvs = tenant_keys(ctx, tenant)
    if not kvs:
        raise Failed(f"tenant {text} has no keys", NO)
    prefix = layout.group_prefix(tenant)
    rows: list[dict[str, Any]] = [
        {
            "config": relative(kv.key, prefix),
            "key": display(kv.key),
            "mod_revision": kv.mod_revision,
            "version": kv.version,
            "size": len(kv.value),
            "schema": schema_name_for(layout, kv.key) or "",
        }
        for kv in kvs
    ]
    if ctx.json:
        print_json({"revision": revision, "tenant": text, "configs": rows})
        return OK
    columns = ("config", "mod_revision", "version", "size", "schema")
    print_table(
        ["CONFIG", "REVISION", "VERSION", "SIZE", "SCHEMA"],
        [[r[c] if r[c] != "" else "-" for c in columns] for r in rows],
    )
    return OK


def cmd_ls(ctx: Context) -> int:
    if ctx.args.tenant:
        return _ls_tenant(ctx, ctx.args.tenant)
    layout = ctx.layout
    counts: dict[tuple[bytes, ...], int] = {}
    revision = 0
    for page in ctx.reader().list_keys(layout.root):
        if page.restarted:
            counts.clear()
        revision = page.revision
        for key in page.keys:
            found = tenant_of(layout, key)
            if found is not None:
                counts[found] = counts.get(found, 0) + 1
    other = counts.pop((), 0)
    tenants = sorted(counts.items())
    if ctx.json:
        listed = [{"tenant": tenant_name(t), "configs": n} for t, n in tenants]
        print_json({"revision": revision, "tenants": listed, "other_keys": other})
        return OK
    rows: list[list[Any]] = [[tenant_name(t), n] for t, n in tenants]
    if other:
        rows.append(["(other keys)", other])
    print_table(["TENANT", "CONFIGS"], rows)
    return OK


def cmd_get(ctx: Context) -> int:
    key = key_arg(ctx, ctx.args.key)
    result = ctx.reader().get(key)
    if result.kv is None:
        raise Failed(f"no key {display(key)} at revision {result.revision}", NO)
    kv, secrets = result.kv, secrets_for(ctx, key)
    if ctx.json:
        body: dict[str, Any] = {
            "key": display(kv.key),
            "revision": result.revision,
            "mod_revision": kv.mod_revision,
            "create_revision": kv.create_revision,
            "version": kv.version,
            "lease": kv.lease,
        }
        print_json(body | value_json(kv.value, secrets))
        return OK
    text = masked_text(kv.value, secrets)
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    return OK


def cmd_history(ctx: Context) -> int:
    key = key_arg(ctx, ctx.args.key)
    layout = ctx.layout
    history = KeyHistory(ctx.reader(), key)
    page = load_history_page(
        history,
        ctx.args.limit,
        journal_prefix=layout.journal,
        layout=layout,
        secrets=secrets_for(ctx, key),
    )
    if not page.rows:
        raise Failed(f"no key {display(key)} and no history of it", NO)
    rows: list[dict[str, Any]] = []
    for row in page.rows:
        entry = page.entries.get(row.revision)
        rows.append(
            {
                "revision": row.revision,
                "version": row.version,
                "deleted": row.deleted,
                "size": row.size,
                "change": page.summaries.get(row.revision, ""),
                "time": format_time(entry.time) if entry else "",
                "who": entry.who if entry else "",
                "action": entry.action if entry else "",
                "comment": entry.comment if entry else "",
                "journaled": entry is not None,
            }
        )
    if ctx.json:
        print_json(
            {
                "key": display(key),
                "rows": rows,
                "complete": page.done,
                "compacted_before": page.compacted_before,
            }
        )
        return OK
    print_table(
        ["REVISION", "VERSION", "CHANGE", "WHEN", "WHO", "WHY"],
        [
            [
                r["revision"],
                "deleted" if r["deleted"] else r["version"],
                r["change"],
                r["time"] or "-",
                r["who"] or "changed outside etcdesk",
                r["comment"] or r["action"],
            ]
            for r in rows
        ],
    )
    if page.compacted_before:
        err(f"history before revision {page.compacted_before} is not retained by this cluster")
    elif not page.done:
        err(f"older revisions exist; show more with --limit {ctx.args.limit * 2}")
    return OK


def cmd_diff(ctx: Context) -> int:
    key = key_arg(ctx, ctx.args.key)
    reader = ctx.reader()
    sides = []
    for revision in (ctx.args.rev_a, ctx.args.rev_b):
        try:
            kv = reader.get(key, revision).kv
        except Compacted as exc:
            raise Failed(f"revision {revision} is no longer kept by this cluster", NO) from exc
        sides.append(kv.value if kv is not None else None)
    old, new = sides
    secrets = secrets_for(ctx, key)
    old_text, new_text = masked_text(old, secrets), masked_text(new, secrets)
    names = [
        f"{display(key)}@{rev}" + ("" if value is not None else " (absent)")
        for rev, value in zip((ctx.args.rev_a, ctx.args.rev_b), sides, strict=True)
    ]
    unified = text_diff(old_text, new_text, names[0], names[1])
    changes: list[dict[str, Any]] = []
    if old is not None and new is not None:
        try:
            before, after = parse_config(old), parse_config(new)
        except ValueError:
            before = after = None
        if isinstance(before, (dict, list)) and isinstance(after, (dict, list)):
            for kind, path, was, now in structural_diff(before, after):
                hidden = any(path[: len(s)] == s for s in secrets)
                changes.append(
                    {
                        "kind": kind,
                        "path": json_path(path),
                        "old": "(secret)" if hidden and kind != "added" else was,
                        "new": "(secret)" if hidden and kind != "removed" else now,
                    }
                )
    if ctx.json:
        print_json(
            {
                "key": display(key),
                "a": {"revision": ctx.args.rev_a, "exists": old is not None},
                "b": {"revision": ctx.args.rev_b, "exists": new is not None},
                "summary": summarize(old, new, secrets),
                "changes": changes,
                "unified": unified,
            }
        )
        return OK
    out(f"{display(key)}: {summarize(old, new, secrets)}")
    for change in changes:
        kind, old_value, new_value = change["kind"], show(change["old"]), show(change["new"])
        if kind == "added":
            out(f"  + {change['path']}: {new_value}")
        elif kind == "removed":
            out(f"  - {change['path']}: {old_value}")
        else:
            out(f"  ~ {change['path']}: {old_value} → {new_value}")
    if unified:
        sys.stdout.write(unified)
    return OK


def cmd_validate(ctx: Context) -> int:
    layout, registry = ctx.layout, ctx.registry()
    if ctx.args.tenant:
        revision = 0
        kvs = []
        for text in ctx.args.tenant:
            revision, found = tenant_keys(ctx, parse_tenant(layout, text), revision)
            if not found:
                raise Failed(f"tenant {text} has no keys", NO)
            kvs += found
    else:
        revision, listed = read_prefix(ctx.reader(), layout.root)
        kvs = [kv for kv in listed if tenant_of(layout, kv.key) is not None]
    problems = check_configs(registry, layout, [(kv.key, kv.value) for kv in kvs])
    with_schema = sum(1 for kv in kvs if schema_name_for(layout, kv.key))
    if ctx.json:
        print_json(
            {
                "revision": revision,
                "checked": len(kvs),
                "with_schema": with_schema,
                "valid": not problems,
                "problems": [p.to_json() for p in problems],
            }
        )
    else:
        for problem in problems:
            out(str(problem))
        bad = len({p.key for p in problems})
        err(
            f"{len(kvs)} key(s) at revision {revision}, {with_schema} with a schema: "
            + (f"{bad} invalid ({len(problems)} problem(s))" if problems else "all valid")
        )
    return NO if problems else OK


def cmd_journal(ctx: Context) -> int:
    layout = ctx.layout
    if layout.journal is None:
        raise Failed(f"layout {layout.source} has no journal (add 'journal: /prefix/' to it)")
    group = b"/".join(parse_tenant(layout, ctx.args.tenant)) if ctx.args.tenant else None
    try:
        since = parse_time(ctx.args.since) if ctx.args.since else None
        until = parse_time(ctx.args.until) if ctx.args.until else None
    except ValueError as exc:
        raise Failed(str(exc)) from exc
    query = JournalQuery(
        group=group, user=ctx.args.user_filter or "", since=since, until=until, limit=ctx.args.limit
    )
    entries = read_journal(ctx.reader(), layout.journal, query)
    rows: list[dict[str, Any]] = [
        {
            "revision": e.revision,
            "time": format_time(e.time),
            "who": e.who,
            "etcd_user": e.author.etcd_user,
            "action": e.action,
            "tenant": e.group,
            "keys": [{"key": display(k.key), "op": k.op, "base": k.base} for k in e.keys],
            "comment": e.comment,
            **({"rollback_to": e.rollback_to} if e.rollback_to else {}),
        }
        for e in entries
    ]
    if ctx.json:
        print_json({"entries": rows})
        return OK
    print_table(
        ["REVISION", "WHEN", "WHO", "ACTION", "TENANT", "KEYS", "WHY"],
        [
            [r["revision"], r["time"], r["who"], r["action"], r["tenant"], len(r["keys"]),
             r["comment"]]
            for r in rows
        ],
    )  # fmt: skip
    return OK
