"""The side-by-side diff view and the tabbed diff widget, rendered offscreen."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor
from pytestqt.qtbot import QtBot

from etcdesk.qt.diff_view import SIDE_BY_SIDE_ROWS, DiffWidget, SideBySideDiffView
from test_textdiff import make_json_pair


def lines(n: int, changed: dict[int, str] | None = None) -> str:
    changed = changed or {}
    return "".join(changed.get(i, f"line {i}") + "\n" for i in range(1, n + 1))


def rows(view: SideBySideDiffView) -> list[tuple[str, str]]:
    """(left, right) text of each displayed row."""
    left = view.old_pane.toPlainText().split("\n")
    right = view.new_pane.toPlainText().split("\n")
    assert len(left) == len(right)  # row k of one side is beside row k of the other
    return list(zip(left, right, strict=True))


def _view(qtbot: QtBot) -> SideBySideDiffView:
    view = SideBySideDiffView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    return view


def background_at(view: SideBySideDiffView, side: str, row: int, column: int) -> QColor:
    pane = view.old_pane if side == "old" else view.new_pane
    block = pane.document().findBlockByNumber(row)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + column + 1)  # the format of the character before
    return cursor.charFormat().background().color()


def test_changed_lines_are_shown_side_by_side_with_separators(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.show_diff(lines(30), lines(30, {15: "line fifteen"}), "revision 4", "revision 9")
    assert rows(view) == [
        ("  ⋯ 11 unchanged lines ⋯", "  ⋯ 11 unchanged lines ⋯"),
        ("line 12", "line 12"),
        ("line 13", "line 13"),
        ("line 14", "line 14"),
        ("line 15", "line fifteen"),
        ("line 16", "line 16"),
        ("line 17", "line 17"),
        ("line 18", "line 18"),
        ("  ⋯ 12 unchanged lines ⋯", "  ⋯ 12 unchanged lines ⋯"),
    ]
    assert [line.number for line in view.old_pane.lines] == [None, *range(12, 19), None]
    assert [line.kind for line in view.new_pane.lines] == [
        "gap",
        "",
        "",
        "",
        "ins",
        "",
        "",
        "",
        "gap",
    ]
    assert "revision 4" in view.old_header.text() and "−1" in view.old_header.text()
    assert "revision 9" in view.new_header.text() and "+1" in view.new_header.text()
    assert not view.columns.isHidden() and view.empty.isHidden() and view.note.isHidden()


def test_changed_words_are_highlighted_more_strongly_than_the_line(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.show_diff('{\n  "rps": 100,\n  "x": 1\n}\n', '{\n  "rps": 150,\n  "x": 1\n}\n')
    assert rows(view)[1] == ('  "rps": 100,', '  "rps": 150,')
    changed_word = background_at(view, "new", 1, len('  "rps": '))
    unchanged_word = background_at(view, "new", 1, 3)
    assert changed_word.isValid() and changed_word != unchanged_word
    assert background_at(view, "old", 1, len('  "rps": ')) != changed_word  # red, not green
    line_colour = view.new_pane.document().findBlockByNumber(1).blockFormat().background()
    assert line_colour.color().green() > line_colour.color().red()  # a green line
    plain = view.new_pane.document().findBlockByNumber(0).blockFormat().background()
    assert plain.style() == Qt.BrushStyle.NoBrush


def test_inserted_lines_face_an_empty_row(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.show_diff("a\nb\n", "a\nnew\nb\n")
    assert rows(view) == [("a", "a"), ("", "new"), ("b", "b")]
    assert [line.kind for line in view.old_pane.lines] == ["", "none", ""]
    assert [line.number for line in view.old_pane.lines] == [1, None, 2]
    assert [line.number for line in view.new_pane.lines] == [1, 2, 3]


def test_carriage_returns_inside_a_line_do_not_break_the_rows(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.show_diff("a\rb\nsame\nx\u2029y\n", "a\rB\nsame\nx\u2029z\n")
    assert rows(view) == [("a␍b", "a␍B"), ("same", "same"), ("x¶y", "x¶z")]


def test_identical_texts_say_so(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.show_diff(lines(3), lines(3, {2: "x"}))
    view.show_diff(lines(3), lines(3))
    assert view.columns.isHidden() and not view.empty.isHidden()
    assert view.empty.text() == "No differences."
    assert view.old_pane.toPlainText() == ""  # nothing left over from the previous diff


def test_line_endings_only(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.show_diff("a\r\nb\r\n", "a\nb\n")
    assert view.columns.isHidden()
    assert "only the line breaks differ" in view.empty.text()
    assert not view.note.isHidden() and "CRLF before, LF after" in view.note.text()


def test_columns_scroll_together(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.show_diff(lines(400), lines(400, {i: f"changed {i}" for i in range(1, 400, 2)}))
    right = view.new_pane.verticalScrollBar()
    assert right.maximum() > 50
    right.setValue(50)
    assert view.old_pane.verticalScrollBar().value() == 50
    view.old_pane.verticalScrollBar().setValue(20)
    assert right.value() == 20


def test_too_many_differences_are_cut_off_with_a_note(qtbot: QtBot) -> None:
    view = _view(qtbot)
    old = "".join(f"old {i}\n" for i in range(SIDE_BY_SIDE_ROWS + 500))
    new = "".join(f"new {i}\n" for i in range(SIDE_BY_SIDE_ROWS + 500))
    view.show_diff(old, new)
    assert view.new_pane.blockCount() == SIDE_BY_SIDE_ROWS
    assert not view.note.isHidden() and "Too many differences" in view.note.text()


def test_a_large_value_renders_only_its_hunks(qtbot: QtBot) -> None:
    view = _view(qtbot)
    old, new = make_json_pair(1_000_000, changes=20)
    view.show_diff(old, new)
    shown = rows(view)
    assert sum("unchanged lines" in left for left, _ in shown) == 21
    changed = [(left, right) for left, right in shown if left != right]
    assert len(changed) == 20
    assert all('"rps"' in left and '"rps"' in right for left, right in changed)
    assert view.diff is not None and (view.diff.added, view.diff.removed) == (20, 20)


def test_a_very_long_line_is_shown_around_its_change(qtbot: QtBot) -> None:
    view = _view(qtbot)
    old = json.dumps(list(range(50_000)))
    view.show_diff(old, old.replace(" 40000,", " 40001,"))
    [(left, right)] = rows(view)
    assert left.startswith("… ") and "40000" in left and "more characters" in left
    assert "40001" in right and len(right) < 3200


def test_diff_widget_has_a_fields_tab_for_structured_values(qtbot: QtBot) -> None:
    widget = DiffWidget()
    qtbot.addWidget(widget)
    old = {"rps": 100, "tls": {"key": "secret-1"}, "mode": "enforce"}
    new = {"rps": 150, "tls": {"key": "secret-2"}}
    widget.show_diff(
        json.dumps(old, indent=2),
        json.dumps(new, indent=2).replace("secret-2", "••••••"),
        "revision 3",
        "revision 5",
        old_data=old,
        new_data=new,
        structured=True,
        secret_paths=(("tls", "key"),),
    )
    assert widget.tabs.isTabVisible(0)
    assert widget.tabs.tabText(0) == "Changed fields (3)"
    assert widget.tabs.currentWidget() is widget.fields
    items = [
        [widget.fields.topLevelItem(i).text(c) for c in range(4)]
        for i in range(widget.fields.topLevelItemCount())
    ]
    assert items == [
        ["changed", "$.rps", "100", "150"],
        ["changed", "$.tls.key", "••••••", "••••••"],
        ["removed", "$.mode", "enforce", ""],
    ]
    assert "secret-2" not in widget.text.new_pane.toPlainText()
    assert "revision 5" in widget.text.new_header.text()


def test_diff_widget_shows_only_text_for_unstructured_values(qtbot: QtBot) -> None:
    widget = DiffWidget()
    qtbot.addWidget(widget)
    widget.show_diff("a\nb\n", "a\nc\n", structured=False)
    assert not widget.tabs.isTabVisible(0)
    assert widget.tabs.currentWidget() is widget.text
    assert widget.fields.topLevelItemCount() == 0
    assert ("b", "c") in rows(widget.text)


def test_diff_widget_opens_the_text_tab_when_only_formatting_changed(qtbot: QtBot) -> None:
    widget = DiffWidget()
    qtbot.addWidget(widget)
    data = {"a": 1, "b": [1, 2]}
    widget.show_diff(
        json.dumps(data), json.dumps(data, indent=2), old_data=data, new_data=data, structured=True
    )
    assert widget.tabs.isTabVisible(0) and widget.tabs.tabText(0) == "Changed fields (0)"
    assert widget.tabs.currentWidget() is widget.text


def test_changed_fields_never_show_a_secret_or_an_object_holding_one(qtbot: QtBot) -> None:
    from etcdesk.qt.diff_view import PathDiffView

    view = PathDiffView()
    qtbot.addWidget(view)
    old = {"tls": {"key": "PRIVATE", "cert": "PUB"}, "token": "t0k", "n": 1}
    new = {"tls": "off", "token": "t1k", "n": 2}
    view.show_diff(old, new, (("tls", "key"), ("token",)))
    cells = [
        view.topLevelItem(i).text(c) for i in range(view.topLevelItemCount()) for c in range(4)
    ]
    assert not any("PRIVATE" in c or "t0k" in c or "t1k" in c for c in cells)
    assert "$.n" in cells and "2" in cells  # other fields are shown as usual
