"""Read-only views of a change: a coloured unified text diff and a list of changed paths."""

from __future__ import annotations

import difflib
import html
from typing import Any

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QTextBrowser, QTreeWidget, QTreeWidgetItem, QWidget

from etcdesk.core.merge import structural_diff
from etcdesk.core.schemas import JsonPath

MAX_DIFF_LINES = 4000


def json_path(path: JsonPath) -> str:
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def unified_html(old: str, new: str, old_name: str, new_name: str) -> str:
    """A unified diff with three lines of context, coloured, as HTML."""
    lines = list(
        difflib.unified_diff(
            old.splitlines(), new.splitlines(), old_name, new_name, lineterm="", n=3
        )
    )
    if not lines:
        return "<p><i>No differences.</i></p>"
    rows = []
    for line in lines[:MAX_DIFF_LINES]:
        text = html.escape(line) or "&nbsp;"
        if line.startswith(("+++", "---")):
            style = "color:#57606a;font-weight:bold"
        elif line.startswith("@@"):
            style = "color:#8250df"
        elif line.startswith("+"):
            style = "background:#dafbe1;color:#116329"
        elif line.startswith("-"):
            style = "background:#ffebe9;color:#82071e"
        else:
            style = ""
        rows.append(f'<div style="{style};white-space:pre">{text}</div>')
    if len(lines) > MAX_DIFF_LINES:
        rows.append(f"<p><i>… {len(lines) - MAX_DIFF_LINES} more lines</i></p>")
    return "".join(rows)


class TextDiffView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setOpenLinks(False)

    def show_diff(
        self, old: str, new: str, old_name: str = "before", new_name: str = "after"
    ) -> None:
        self.setHtml(unified_html(old, new, old_name, new_name))


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 80 else text[:77] + "…"


class PathDiffView(QTreeWidget):
    """Added, removed and changed paths of a JSON/YAML document."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(
            [self.tr("Change"), self.tr("Path"), self.tr("Before"), self.tr("After")]
        )
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)

    def show_diff(self, old: Any, new: Any, secret_paths: tuple[JsonPath, ...] = ()) -> None:
        self.clear()
        names = {
            "added": self.tr("added"),
            "removed": self.tr("removed"),
            "changed": self.tr("changed"),
        }
        for kind, path, before, after in structural_diff(old, new):
            hidden = any(path[: len(s)] == s for s in secret_paths)
            item = QTreeWidgetItem(
                [
                    names.get(kind, kind),
                    json_path(path),
                    "••••••"
                    if hidden and kind != "added"
                    else ("" if kind == "added" else _short(before)),
                    "••••••"
                    if hidden and kind != "removed"
                    else ("" if kind == "removed" else _short(after)),
                ]
            )
            self.addTopLevelItem(item)
        for column in range(4):
            self.resizeColumnToContents(column)
