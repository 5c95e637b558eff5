"""History and journal exports: CSV for spreadsheets, a self-contained HTML report for people.

An export leaves the program and is read by others, so two rules hold everywhere here:

* Secret (``x-secret``) fields never appear. Values are masked with ``masked_text``, and change
  summaries are computed on masked data: ``history.summarize`` hides a secret field's own
  change, but prints a whole object whose type changed (``tls: {'key': ...} → none``), secrets
  and all, so the data is masked before it gets that far.
* Cells hold other people's text. A CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` is a
  formula to a spreadsheet, so it gets a leading apostrophe (the OWASP "CSV injection" advice);
  everything in HTML is escaped, and the report has no scripts and loads nothing.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from etcdesk import __version__
from etcdesk.core.documents import render
from etcdesk.core.history import HistoryRow, Timeline, summarize
from etcdesk.core.i18n import QT_TRANSLATE_NOOP, translate
from etcdesk.core.journal import OTHER_GROUP, Author, JournalEntry, action_label, op_label
from etcdesk.core.layout import display
from etcdesk.core.masking import MASK, mask_data, masked_text
from etcdesk.core.merge import strict_equal
from etcdesk.core.schemas import JsonPath, get_path
from etcdesk.core.textdiff import DiffRow, Span, TextDiff, side_by_side
from etcdesk.core.values import DecodedValue, ValueFormat, decode_value

OUTSIDE = QT_TRANSLATE_NOOP("Export", "changed outside etcdesk")
NOT_LOADED = QT_TRANSLATE_NOOP("Export", "(earlier history not loaded)")
KEY_HISTORY_COLUMNS = (
    QT_TRANSLATE_NOOP("Export", "key"),
    QT_TRANSLATE_NOOP("Export", "revision"),
    QT_TRANSLATE_NOOP("Export", "version"),
    QT_TRANSLATE_NOOP("Export", "size"),
    QT_TRANSLATE_NOOP("Export", "change"),
    QT_TRANSLATE_NOOP("Export", "deleted"),
    QT_TRANSLATE_NOOP("Export", "etcd user"),
    QT_TRANSLATE_NOOP("Export", "os user@host"),
    QT_TRANSLATE_NOOP("Export", "time"),
    QT_TRANSLATE_NOOP("Export", "action"),
    QT_TRANSLATE_NOOP("Export", "comment"),
)
TIMELINE_COLUMNS = (
    QT_TRANSLATE_NOOP("Export", "revision"),
    QT_TRANSLATE_NOOP("Export", "put"),
    QT_TRANSLATE_NOOP("Export", "deleted"),
    QT_TRANSLATE_NOOP("Export", "etcd user"),
    QT_TRANSLATE_NOOP("Export", "os user@host"),
    QT_TRANSLATE_NOOP("Export", "time"),
    QT_TRANSLATE_NOOP("Export", "action"),
    QT_TRANSLATE_NOOP("Export", "comment"),
)
JOURNAL_COLUMNS = (
    QT_TRANSLATE_NOOP("Export", "revision"),
    QT_TRANSLATE_NOOP("Export", "time"),
    QT_TRANSLATE_NOOP("Export", "tenant"),
    QT_TRANSLATE_NOOP("Export", "etcd user"),
    QT_TRANSLATE_NOOP("Export", "os user@host"),
    QT_TRANSLATE_NOOP("Export", "app"),
    QT_TRANSLATE_NOOP("Export", "action"),
    QT_TRANSLATE_NOOP("Export", "keys"),
    QT_TRANSLATE_NOOP("Export", "comment"),
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CHANGED_MASK = MASK + "′"  # a secret that differs between two revisions, masked on one side


# -- shared pieces ----------------------------------------------------------------------------


def safe_cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text, never evaluates."""
    text = "" if value is None else str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([translate("Export", h) for h in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def _iso(when: datetime | None) -> str:
    if when is None:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _readable_time(when: datetime | None) -> str:
    return _iso(when).replace("T", " ").replace("Z", " UTC")


def _person(author: Author) -> str:
    return f"{author.os_user}@{author.host}" if author.os_user or author.host else ""


def _action(entry: JournalEntry) -> str:
    if entry.rollback_to:
        return translate("Export", "{action} (to revision {rev})").format(
            action=action_label(entry.action), rev=entry.rollback_to
        )
    return action_label(entry.action)


def _group(entry: JournalEntry) -> str:
    return "" if entry.group == display(OTHER_GROUP) else entry.group


def _journal_keys(entry: JournalEntry) -> str:
    parts = []
    for k in entry.keys:
        if k.base:
            base = translate("Export", " (base {rev})").format(rev=k.base)
        else:
            base = translate("Export", " (new)") if k.op == "put" else ""
        parts.append(f"{op_label(k.op)} {display(k.key)}{base}")
    return "; ".join(parts)


def _structured(value: DecodedValue) -> bool:
    return value.format in (ValueFormat.JSON, ValueFormat.YAML) and isinstance(
        value.data, (dict, list)
    )


def _masked_pair(
    before: DecodedValue, after: DecodedValue, secrets: tuple[JsonPath, ...]
) -> tuple[Any, Any]:
    """Both values' data with secrets masked; a secret that differs gets another mask on the
    newer side, so summaries and diffs still show that it changed, never its value."""
    masked_old = mask_data(before.data, secrets)
    masked_new = mask_data(after.data, secrets)
    for path in secrets:
        try:
            differs = not strict_equal(get_path(before.data, path), get_path(after.data, path))
        except (KeyError, IndexError):
            continue  # added or removed: the mask is on one side only
        parent = masked_new
        for part in path[:-1]:
            parent = parent.get(part) if isinstance(parent, dict) else None
        if differs and isinstance(parent, dict) and path[-1] in parent:
            parent[path[-1]] = _CHANGED_MASK
    return masked_old, masked_new


def _maskable(secrets: tuple[JsonPath, ...], before: DecodedValue, after: DecodedValue) -> bool:
    return bool(secrets) and () not in secrets and _structured(before) and _structured(after)


def change_summary(old: bytes | None, new: bytes | None, secrets: tuple[JsonPath, ...]) -> str:
    """``history.summarize`` on masked data, so no secret value can reach the summary."""
    if not secrets or () in secrets or old is None or new is None or old == new:
        return summarize(old, new, secrets)
    before, after = decode_value(old), decode_value(new)
    if not _maskable(secrets, before, after):
        return summarize(old, new, secrets)  # a text summary: sizes and line counts only
    masked_old, masked_new = _masked_pair(before, after, secrets)
    old_json, new_json = _json_bytes(masked_old), _json_bytes(masked_new)
    if old_json == new_json:
        return translate("History", "formatting only")
    return summarize(old_json, new_json, secrets)


def masked_texts(old: bytes, new: bytes, secrets: tuple[JsonPath, ...]) -> tuple[str, str]:
    """Two values as text to diff, secrets masked (a changed secret shows as a changed line)."""
    before, after = decode_value(old), decode_value(new)
    if not _maskable(secrets, before, after):
        return masked_text(old, secrets), masked_text(new, secrets)
    masked_old, masked_new = _masked_pair(before, after, secrets)
    return render(masked_old, before.format), render(masked_new, after.format)


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8", "surrogateescape")


# -- a key's history --------------------------------------------------------------------------


@dataclass(frozen=True)
class _KeyRow:
    row: HistoryRow
    older: HistoryRow | None
    summary: str
    entry: JournalEntry | None


def _key_rows(
    rows: Sequence[HistoryRow], entries: Mapping[int, JournalEntry], secrets: tuple[JsonPath, ...]
) -> list[_KeyRow]:
    out = []
    for i, row in enumerate(rows):
        older = rows[i + 1] if i + 1 < len(rows) else None
        if older is not None:
            summary = change_summary(older.value, row.value, secrets)
        elif row.deleted:
            summary = translate("History", "deleted")
        elif row.version == 1:
            summary = translate("History", "created")
        else:
            summary = translate("Export", NOT_LOADED)
        out.append(_KeyRow(row, older, summary, entries.get(row.revision)))
    return out


def _journal_cells(entry: JournalEntry | None) -> list[str]:
    """etcd user, os user@host, time, action, comment."""
    if entry is None:
        return ["", "", "", translate("Export", OUTSIDE), ""]
    a = entry.author
    return [a.etcd_user, _person(a), _iso(entry.time), _action(entry), entry.comment]


def key_history_csv(
    key: bytes,
    rows: Sequence[HistoryRow],
    entries: Mapping[int, JournalEntry],
    secrets: tuple[JsonPath, ...] = (),
) -> str:
    """One line per revision of ``key``, newest first (``rows`` as KeyHistory gives them)."""
    name = display(key)
    return _csv(
        KEY_HISTORY_COLUMNS,
        (
            [
                name,
                r.row.revision,
                r.row.version,
                r.row.size,
                r.summary,
                translate("Export", "yes") if r.row.deleted else translate("Export", "no"),
                *_journal_cells(r.entry),
            ]
            for r in _key_rows(rows, entries, secrets)
        ),
    )


def key_history_html(
    key: bytes,
    rows: Sequence[HistoryRow],
    entries: Mapping[int, JournalEntry],
    secrets: tuple[JsonPath, ...] = (),
    generated_at: datetime | None = None,
    compacted_before: int = 0,
) -> str:
    """A report of the history of ``key``: a table, then each revision's value and diff."""
    name = display(key)
    items = _key_rows(rows, entries, secrets)
    heading = translate("Export", "History of {name}")
    count = translate("Export", "{n} revisions").format(n=len(rows))
    parts = [
        "<h1>{}</h1>".format(_e(heading).format(name=f"<code>{_e(name)}</code>")),
        _meta(generated_at, _e(count), bool(secrets)),
    ]
    if compacted_before > 0:
        parts.append(_compacted_note(compacted_before))
    table_rows = []
    for r in items:
        cells: list[str] = [
            f'<a href="#rev-{r.row.revision}">{r.row.revision}</a>',
            str(r.row.version),
            str(r.row.size),
            _e(r.summary),
            *_journal_html_cells(r.entry),
        ]
        table_rows.append((cells, "outside" if r.entry is None else ""))
    parts.append(
        _table(
            (
                QT_TRANSLATE_NOOP("Export", "Revision"),
                QT_TRANSLATE_NOOP("Export", "Version"),
                QT_TRANSLATE_NOOP("Export", "Size"),
                QT_TRANSLATE_NOOP("Export", "Change"),
                QT_TRANSLATE_NOOP("Export", "Who"),
                QT_TRANSLATE_NOOP("Export", "Time"),
                QT_TRANSLATE_NOOP("Export", "Action"),
                QT_TRANSLATE_NOOP("Export", "Comment"),
            ),
            table_rows,
            numeric=(0, 1, 2),
        )
    )
    if items:
        parts.append("<h2>{}</h2>".format(_e(translate("Export", "Revisions"))))
    parts.extend(_revision_details(r, secrets) for r in items)
    return _document(heading.format(name=name), parts)


def _journal_html_cells(entry: JournalEntry | None) -> list[str]:
    """Who, time, action, comment; pre-escaped."""
    if entry is None:
        outside = _e(translate("Export", OUTSIDE))
        return ["", "", f'<span class="muted">{outside}</span>', ""]
    return [_e(entry.who), _e(_readable_time(entry.time)), _e(_action(entry)), _e(entry.comment)]


def _revision_details(item: _KeyRow, secrets: tuple[JsonPath, ...]) -> str:
    row, older, entry = item.row, item.older, item.entry
    who = entry.who if entry is not None else translate("Export", OUTSIDE)
    when = f" · {_readable_time(entry.time)}" if entry is not None and entry.time else ""
    body: list[str] = []
    if entry is not None and entry.comment:
        body.append(f'<p class="comment">{_e(entry.comment)}</p>')
    if row.deleted:
        body.append(_muted(translate("Export", "The key was deleted in this revision.")))
    else:
        value = translate("Export", "Value (version {version}, {size} bytes)")
        body.append(f"<h4>{_e(value.format(version=row.version, size=row.size))}</h4>")
        body.append(f'<pre class="value">{_e(masked_text(row.value, secrets))}</pre>')
    if row.value is None:
        pass
    elif older is None:
        body.append(_muted(translate("Export", "No earlier revision in this report.")))
    elif older.value is None:
        again = translate("Export", "Created again after the deletion at {rev}.")
        body.append(_muted(again.format(rev=older.revision)))
    else:
        changes = translate("Export", "Changes from revision {rev}").format(rev=older.revision)
        body.append(f"<h4>{_e(changes)}</h4>")
        body.append(_diff_html(*masked_texts(older.value, row.value, secrets)))
    revision = translate("Export", "Revision {rev}").format(rev=row.revision)
    return (
        f'<details id="rev-{row.revision}"><summary><b>{_e(revision)}</b> · '
        f"{_e(item.summary)} · {_e(who)}{_e(when)}</summary>"
        f'<div class="body">{"".join(body)}</div></details>'
    )


def _diff_html(old: str, new: str) -> str:
    diff = side_by_side(old, new)
    if diff.identical:
        return _muted(translate("Export", "Same text as the earlier revision."))
    notes = _diff_notes(diff)
    if not diff.hunks:
        return "".join(notes) or _muted(translate("Export", "Only formatting differs."))
    lines = ['<table class="diff">']
    for hunk in diff.hunks:
        if hunk.skipped_before:
            lines.append(_skip_row(hunk.skipped_before))
        lines.extend(_diff_row(row) for row in hunk.rows)
    if diff.skipped_after and not diff.truncated:
        lines.append(_skip_row(diff.skipped_after))
    lines.append("</table>")
    if diff.truncated:
        cut = translate("Export", "Diff cut off after {shown} of {total} changed lines.")
        notes.append(_muted(cut.format(shown=diff.shown_rows, total=diff.total_rows)))
    return "".join(lines + notes)


def _diff_notes(diff: TextDiff) -> list[str]:
    notes = []
    if diff.line_endings[0] != diff.line_endings[1] and all(diff.line_endings):
        left, right = diff.line_endings
        endings = translate("Export", "Line endings changed: {old} → {new}.")
        notes.append(_muted(endings.format(old=left, new=right)))
    if diff.final_newline[0] != diff.final_newline[1]:
        if diff.final_newline[1]:
            notes.append(_muted(translate("Export", "Final line break added.")))
        else:
            notes.append(_muted(translate("Export", "Final line break removed.")))
    return notes


def _muted(text: str) -> str:
    return f'<p class="muted">{_e(text)}</p>'


def _skip_row(count: int) -> str:
    if count == 1:
        text = translate("Export", "⋯ {n} unchanged line")
    else:
        text = translate("Export", "⋯ {n} unchanged lines")
    return f'<tr class="skip"><td colspan="4">{_e(text.format(n=count))}</td></tr>'


def _diff_row(row: DiffRow) -> str:
    left = ' class="del"' if row.kind in ("delete", "replace") else ""
    right = ' class="ins"' if row.kind in ("insert", "replace") else ""
    return (
        f'<tr><td class="no">{row.left_no or ""}</td>'
        f"<td{left}>{_spans(row.left, row.left_spans)}</td>"
        f'<td class="no">{row.right_no or ""}</td>'
        f"<td{right}>{_spans(row.right, row.right_spans)}</td></tr>"
    )


def _spans(text: str, spans: tuple[Span, ...]) -> str:
    out, at = [], 0
    for start, end in spans:
        out.append(_e(text[at:start]))
        out.append(f'<span class="hl">{_e(text[start:end])}</span>')
        at = end
    out.append(_e(text[at:]))
    return "".join(out)


# -- a tenant's timeline ----------------------------------------------------------------------


def timeline_csv(timeline: Timeline, entries: Mapping[int, JournalEntry]) -> str:
    """One line per revision that changed the tenant, with the keys put and deleted."""
    lines = []
    for row in timeline.rows:
        put = "; ".join(display(c.key) for c in row.changes if not c.deleted)
        deleted = "; ".join(display(c.key) for c in row.changes if c.deleted)
        lines.append([row.revision, put, deleted, *_journal_cells(entries.get(row.revision))])
    return _csv(TIMELINE_COLUMNS, lines)


def timeline_html(
    timeline: Timeline,
    entries: Mapping[int, JournalEntry],
    title: str = "",
    generated_at: datetime | None = None,
) -> str:
    """A report of every revision that changed the tenant; keys are named below its prefix."""
    name = display(timeline.prefix)
    heading = title or translate("Export", "History of {name}").format(name=name)
    what = translate("Export", "{n} revisions under {prefix}, read up to revision {rev}")
    parts = [
        f"<h1>{_e(heading)}</h1>",
        _meta(
            generated_at,
            _e(what).format(
                n=len(timeline.rows), prefix=f"<code>{_e(name)}</code>", rev=timeline.revision
            ),
            False,
        ),
    ]
    if timeline.compacted_before > 0:
        parts.append(_compacted_note(timeline.compacted_before))
    rows = []
    for row in timeline.rows:
        keys = "<br>".join(
            (
                '<span class="del">{}</span>'.format(
                    _e(
                        translate("Export", "{key} (deleted)").format(
                            key=_below(c.key, timeline.prefix)
                        )
                    )
                )
                if c.deleted
                else _e(_below(c.key, timeline.prefix))
            )
            for c in row.changes
        )
        entry = entries.get(row.revision)
        who, when, action, comment = _journal_html_cells(entry)
        rows.append(
            ([str(row.revision), keys, who, when, action, comment], "" if entry else "outside")
        )
    parts.append(
        _table(
            (
                QT_TRANSLATE_NOOP("Export", "Revision"),
                QT_TRANSLATE_NOOP("Export", "Keys"),
                QT_TRANSLATE_NOOP("Export", "Who"),
                QT_TRANSLATE_NOOP("Export", "Time"),
                QT_TRANSLATE_NOOP("Export", "Action"),
                QT_TRANSLATE_NOOP("Export", "Comment"),
            ),
            rows,
            numeric=(0,),
        )
    )
    return _document(heading, parts)


def _below(key: bytes, prefix: bytes) -> str:
    return display(key[len(prefix) :] if key.startswith(prefix) and key != prefix else key)


# -- the journal ------------------------------------------------------------------------------


def journal_csv(entries: Sequence[JournalEntry]) -> str:
    return _csv(
        JOURNAL_COLUMNS,
        (
            [
                e.revision,
                _iso(e.time),
                _group(e),
                e.author.etcd_user,
                _person(e.author),
                e.author.app,
                _action(e),
                _journal_keys(e),
                e.comment,
            ]
            for e in entries
        ),
    )


def journal_html(
    entries: Sequence[JournalEntry],
    title: str = "",
    filters_text: str = "",
    generated_at: datetime | None = None,
) -> str:
    title = title or translate("Export", "Change journal")
    count = translate("Export", "{n} entries").format(n=len(entries))
    parts = [f"<h1>{_e(title)}</h1>", _meta(generated_at, _e(count), False)]
    if filters_text:
        filters = translate("Export", "Filters: {filters}").format(filters=filters_text)
        parts.append(f'<p class="meta">{_e(filters)}</p>')
    outside = translate("Export", "Changes made with other tools than etcdesk are not journaled.")
    parts.append(f'<p class="meta">{_e(outside)}</p>')
    rows = []
    for e in entries:
        keys = "<br>".join(
            f'<span class="{"del" if k.op == "delete" else ""}">{_e(op_label(k.op))} '
            f"<code>{_e(display(k.key))}</code></span>"
            for k in e.keys
        )
        cells = [
            _e(_readable_time(e.time)),
            str(e.revision),
            _e(_group(e)),
            _e(e.who),
            _e(_action(e)),
            keys,
            _e(e.comment),
        ]
        rows.append((cells, ""))
    parts.append(
        _table(
            (
                QT_TRANSLATE_NOOP("Export", "Time"),
                QT_TRANSLATE_NOOP("Export", "Revision"),
                QT_TRANSLATE_NOOP("Export", "Tenant"),
                QT_TRANSLATE_NOOP("Export", "Who"),
                QT_TRANSLATE_NOOP("Export", "Action"),
                QT_TRANSLATE_NOOP("Export", "Keys"),
                QT_TRANSLATE_NOOP("Export", "Comment"),
            ),
            rows,
            numeric=(1,),
        )
    )
    return _document(title, parts)


# -- HTML -------------------------------------------------------------------------------------


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _meta(generated_at: datetime | None, what: str, masked: bool) -> str:
    """``what`` is pre-escaped."""
    when = _readable_time(generated_at or datetime.now(UTC))
    generated = translate("Export", "{what}. Generated {when} by etcdesk {version}.")
    text = _e(generated).format(what=what, when=_e(when), version=_e(__version__))
    if masked:
        text += _e(translate("Export", " Secret fields are masked."))
    return f'<p class="meta">{text}</p>'


def _compacted_note(revision: int) -> str:
    note = translate(
        "Export", "History before revision {rev} is not retained by this cluster (compacted)."
    )
    return f'<p class="note">{_e(note.format(rev=revision))}</p>'


def _table(
    header: Sequence[str], rows: Sequence[tuple[Sequence[str], str]], numeric: tuple[int, ...]
) -> str:
    """A table of pre-escaped cells; each row comes with its CSS class."""
    head = "".join(f"<th>{_e(translate('Export', h))}</th>" for h in header)
    body = []
    for cells, css in rows:
        tds = "".join(
            f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
            for i, c in enumerate(cells)
        )
        body.append(f'<tr class="{css}">{tds}</tr>' if css else f"<tr>{tds}</tr>")
    if not body:
        return _muted(translate("Export", "Nothing to show."))
    return (
        f'<table class="list"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;
margin:2em auto;max-width:1200px;padding:0 1em}
h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.2em;margin:1.5em 0 .5em}
h4{margin:.8em 0 .3em;font-size:1em}
code,pre,.diff{font-family:ui-monospace,"SF Mono",Menlo,Consolas,monospace;font-size:12.5px}
.meta,.muted{color:#59636e}.muted{font-style:italic}
.note{background:#fff8c5;border:1px solid #d4a72c66;padding:.5em .8em;border-radius:4px}
table.list{border-collapse:collapse;width:100%}
table.list th,table.list td{border-bottom:1px solid #d1d9e0;padding:.35em .6em;text-align:left;
vertical-align:top}
table.list th{background:#f6f8fa;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.outside td{color:#59636e}
details{border:1px solid #d1d9e0;border-radius:6px;margin:.5em 0}
summary{cursor:pointer;padding:.5em .8em;background:#f6f8fa}
details .body{padding:.2em .8em .8em}
pre.value{background:#f6f8fa;padding:.6em;overflow:auto;max-height:40em;white-space:pre-wrap;
word-break:break-all}
.comment{border-left:3px solid #0969da;padding-left:.6em}
table.diff{border-collapse:collapse;width:100%;table-layout:fixed}
table.diff td{padding:0 .4em;white-space:pre-wrap;word-break:break-all;vertical-align:top}
table.diff td.no{width:3.5em;color:#59636e;text-align:right;user-select:none}
td.del,span.del{background:#ffebe9}td.ins{background:#dafbe1}
td.del .hl{background:#ffaba8}td.ins .hl{background:#6fdd8b}
tr.skip td{color:#59636e;background:#f6f8fa;text-align:center}
@media print{details{break-inside:avoid}table.list th{position:static}}
"""


def _document(title: str, parts: Sequence[str]) -> str:
    # The report's HTML language code, "en" for the English texts (a translation names its own).
    lang = translate("Export", "en")
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="generator" content="etcdesk {_e(__version__)}">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(parts)
        + "\n</body>\n</html>\n"
    )
