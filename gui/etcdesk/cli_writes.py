"""etcdesk-cli commands around bundles and rollback: export, import, clone, rollback."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import asdict, replace
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
)
from etcdesk.cli_output import (
    print_json,
)
from etcdesk.core.bundle_import import (
    CHANGE,
    CREATE,
    DELETE,
    ImportPlan,
    TenantPlan,
    TenantResult,
    apply_clone,
    apply_import,
    plan_clone,
    plan_import,
)
from etcdesk.core.bundles import (
    Bundle,
    check_importable,
    dumps,
    export_bundle,
    parse_tenant,
    read_bundle,
    write_bundle,
)
from etcdesk.core.errors import (
    Compacted,
    Conflict,
    NotFound,
    StoreError,
    TooLarge,
)
from etcdesk.core.etcd_store import (
    EtcdReader,
)
from etcdesk.core.history import (
    HistoryRow,
    apply_group_rollback,
    plan_group_rollback,
    rollback_key,
    summarize,
)
from etcdesk.core.layout import display, prefix_range_end
from etcdesk.core.validation import Problem

# -- bundles ---------------------------------------------------------------------------------


def cmd_export(ctx: Context) -> int:
    layout = ctx.layout
    tenants = [parse_tenant(layout, t) for t in ctx.args.tenant] or None
    if ctx.json and ctx.args.output in (None, "-"):
        raise Failed("--json prints a summary; give the bundle a file with -o FILE")
    source = ",".join(ctx.profile.endpoints) if ctx.profile else ""
    # Audit mode, or a profile that may not reveal secrets, never exports one in clear.
    masked = None if ctx.reveal_allowed else ctx.registry()
    try:
        bundle = export_bundle(ctx.reader(), layout, tenants, source=source, mask_secrets=masked)
    except NotFound as exc:
        raise Failed(str(exc), NO) from exc
    if ctx.args.output in (None, "-"):
        sys.stdout.write(dumps(bundle))
    else:
        write_bundle(bundle, ctx.args.output)
    names = [t.name for t in bundle.tenants if not t.other]
    summary = {
        "revision": bundle.revision,
        "tenants": names,
        "other_keys": sum(len(t.entries) for t in bundle.tenants if t.other),
        "keys": bundle.key_count,
        "file": ctx.args.output or "-",
        "secrets_masked": bundle.secrets_masked,
    }
    if bundle.secrets_masked:
        err(
            "note: x-secret fields are masked (read-only mode, or a profile that may not "
            "reveal secrets), so this bundle cannot be imported"
        )
    if ctx.json:
        print_json(summary)
    else:
        err(
            f"exported {bundle.key_count} key(s) of {len(names)} tenant(s) at "
            f"revision {bundle.revision}" + (f" to {ctx.args.output}" if ctx.args.output else "")
        )
    return OK


def _plan_json(plan: TenantPlan) -> dict[str, Any]:
    return {
        "tenant": plan.name,
        "changes": [{"key": display(c.key), "kind": c.kind} for c in plan.changes],
        "unchanged": plan.unchanged,
        "refusal": plan.refusal,
    }


def _print_plan(ctx: Context, plan: TenantPlan) -> None:
    counts = ", ".join(
        f"{plan.count(kind)} to {kind}" for kind in (CREATE, CHANGE, DELETE) if plan.count(kind)
    )
    out(f"tenant {plan.name}: {counts or 'no change'}, {plan.unchanged} unchanged")
    for change in plan.changes:
        name = relative(change.key, plan.prefix)
        if change.kind == CHANGE:
            summary = summarize(change.old, change.new, secrets_for(ctx, change.key))
            out(f"  ~ {name}: {summary}")
        else:
            out(f"  {'+' if change.kind == CREATE else '-'} {name}")
    if plan.refusal:
        out(f"  refused: {plan.refusal}")


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        out(f"invalid: {problem}")


def _print_results(results: Sequence[TenantResult]) -> None:
    for result in results:
        line = f"tenant {result.tenant}: {result.status}"
        if result.revision:
            line += f" at revision {result.revision}"
        out(line + (f": {result.message}" if result.message else ""))


def _report_import(
    ctx: Context, plan: ImportPlan, results: Sequence[TenantResult], dry_run: bool
) -> int:
    refused = [t for t in plan.tenants if t.refusal]
    if ctx.json:
        print_json(
            {
                "dry_run": dry_run,
                "revision": plan.revision,
                "tenants": [_plan_json(t) for t in plan.tenants],
                "problems": [p.to_json() for p in plan.problems],
                "results": [asdict(r) for r in results],
            }
        )
    else:
        for tenant in plan.tenants:
            _print_plan(ctx, tenant)
        _print_problems(plan.problems)
        _print_results(results)
        if dry_run:
            err(
                f"dry run at revision {plan.revision}: nothing written. To write exactly this, "
                f"add --at-revision {plan.revision} (refused for any tenant changed since)."
            )
        elif plan.problems:
            err("nothing was written: fix the invalid configs first")
    if plan.problems or refused or any(not r.ok for r in results):
        return NO
    return OK


def cmd_import(ctx: Context) -> int:
    bundle: Bundle = read_bundle(ctx.args.file)
    check_importable(bundle)  # before connecting: a masked bundle is refused even in a dry run
    if ctx.args.tenant:
        bundle = bundle.select(ctx.args.tenant)
    store = None if ctx.args.dry_run else ctx.store("import")
    try:
        plan = plan_import(
            ctx.reader(),
            bundle,
            ctx.layout,
            ctx.registry(),
            delete_missing=ctx.args.delete_missing,
            revision=ctx.args.at_revision,
        )
    except Compacted as exc:
        raise Failed(f"refused: {exc}", NO) from exc
    results: tuple[TenantResult, ...] = ()
    if store is not None and not plan.blocked:
        results = apply_import(store, plan, journal=ctx.journal(), comment=ctx.args.comment)
    return _report_import(ctx, plan, results, store is None)


def cmd_clone(ctx: Context) -> int:
    layout = ctx.layout
    source, target = parse_tenant(layout, ctx.args.tenant), parse_tenant(layout, ctx.args.new)
    store = None if ctx.args.dry_run else ctx.store("clone")
    try:
        plan = plan_clone(ctx.reader(), layout, ctx.registry(), source, target, ctx.args.without)
    except ValueError as exc:
        raise Failed(str(exc)) from exc
    result = None
    if store is not None and not plan.problems:
        result = apply_clone(store, plan, journal=ctx.journal(), comment=ctx.args.comment)
    results = (result,) if result is not None else ()
    if ctx.json:
        print_json(
            {
                "dry_run": store is None,
                "revision": plan.tenant.revision,
                "tenants": [_plan_json(plan.tenant)],
                "problems": [p.to_json() for p in plan.problems],
                "results": [asdict(r) for r in results],
            }
        )
    else:
        _print_plan(ctx, plan.tenant)
        _print_problems(plan.problems)
        _print_results(results)
        if plan.problems:
            err("nothing was copied; leave configs out with --without CONFIG")
    failed = plan.problems or plan.tenant.refusal or (result is not None and not result.ok)
    return NO if failed else OK


# -- rollback --------------------------------------------------------------------------------


def cmd_rollback(ctx: Context) -> int:
    key, target = key_arg(ctx, ctx.args.key), ctx.args.to
    store = None if ctx.args.dry_run else ctx.store("rollback")
    reader = ctx.reader()
    try:
        then = reader.get(key, target).kv
    except Compacted as exc:
        raise Failed(f"revision {target} is no longer kept by this cluster", NO) from exc
    current = reader.get(key).kv
    base = current.mod_revision if current is not None else 0
    since = ctx.args.if_unchanged_since
    if since:
        try:
            seen = reader.get(key, since).kv
        except Compacted as exc:
            raise Failed(f"revision {since} is no longer kept by this cluster", NO) from exc
        if (seen.mod_revision if seen is not None else 0) != base:
            raise Failed(f"refused: {display(key)} changed since revision {since}", NO)
    now = current.value if current is not None else None
    old = then.value if then is not None else None
    summary = summarize(now, old, secrets_for(ctx, key))
    if now == old:
        out(f"{display(key)} is already as it was at revision {target}; nothing to write")
        return OK
    if store is None:
        out(f"{display(key)}: rolling back to revision {target} would write: {summary}")
        return OK
    row = HistoryRow.of(then) if then is not None else HistoryRow.deletion(key, target)
    try:
        revision = rollback_key(
            store,
            row,
            base,
            layout=ctx.layout,
            registry=ctx.registry(),
            journal=ctx.journal(),
            comment=ctx.args.comment,
        )
    except Conflict as exc:
        raise Failed(f"refused: {display(key)}: {exc}; nothing written", NO) from exc
    if ctx.json:
        print_json({"key": display(key), "rolled_back_to": target, "revision": revision})
    else:
        out(f"{display(key)} rolled back to revision {target} at revision {revision}: {summary}")
    return OK


def _changed_since(reader: EtcdReader, prefix: bytes, since: int) -> list[bytes]:
    """Keys under ``prefix`` created, changed or deleted after revision ``since``."""
    end = prefix_range_end(prefix)
    try:
        then = {
            kv.key: kv.mod_revision
            for kv in reader.get_range(prefix, end, since, keys_only=True).kvs
        }
    except Compacted as exc:
        raise Failed(f"revision {since} is no longer kept by this cluster", NO) from exc
    now = {kv.key: kv.mod_revision for kv in reader.get_range(prefix, end, keys_only=True).kvs}
    return sorted(k for k in then.keys() | now.keys() if then.get(k) != now.get(k))


def cmd_rollback_tenant(ctx: Context) -> int:
    layout = ctx.layout
    tenant = parse_tenant(layout, ctx.args.tenant)
    prefix, target = layout.group_prefix(tenant), ctx.args.to
    store = None if ctx.args.dry_run else ctx.store("rollback-tenant")
    reader = ctx.reader()
    since = ctx.args.if_unchanged_since
    if since:
        changed = _changed_since(reader, prefix, since)
        if changed:
            names = ", ".join(relative(k, prefix) for k in changed)
            raise Failed(
                f"refused: tenant {ctx.args.tenant} changed since revision {since}: {names}", NO
            )
    try:
        plan = plan_group_rollback(reader, prefix, target)
    except Compacted as exc:
        raise Failed(str(exc), NO) from exc
    except StoreError as exc:
        if type(exc) is StoreError:  # over etcd's transaction limit: a refusal, not a failure
            raise Failed(str(exc), NO) from exc
        raise
    if since:
        plan = replace(plan, revision=min(plan.revision, since))
    if plan.empty:
        out(f"tenant {ctx.args.tenant} is already as it was at revision {target}")
        return OK
    changes = [(k, CREATE if k in plan.creates else CHANGE) for k, _ in plan.puts]
    changes += [(k, DELETE) for k in plan.deletes]
    revision = 0
    if store is not None:
        try:
            revision = apply_group_rollback(
                store, plan, layout=layout, journal=ctx.journal(), comment=ctx.args.comment
            )
        except (Conflict, TooLarge) as exc:
            raise Failed(f"refused: {exc}; nothing written", NO) from exc
    if ctx.json:
        print_json(
            {
                "dry_run": store is None,
                "tenant": ctx.args.tenant,
                "rolled_back_to": target,
                "planned_at": plan.revision,
                "changes": [{"key": display(k), "kind": kind} for k, kind in sorted(changes)],
                "revision": revision,
            }
        )
        return OK
    targets = dict(plan.puts)
    for key, kind in sorted(changes):
        name = relative(key, prefix)
        if kind == CHANGE:
            summary = summarize(plan.before.get(key), targets[key], secrets_for(ctx, key))
            out(f"  ~ {name}: {summary}")
        else:
            out(f"  {'+' if kind == CREATE else '-'} {name}")
    if store is None:
        err(f"dry run: nothing written (planned at revision {plan.revision})")
    else:
        out(f"tenant {ctx.args.tenant} rolled back to revision {target} at revision {revision}")
    return OK
