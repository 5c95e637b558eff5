"""Syntax colouring for JSON and YAML values in the read-only viewer."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from etcdesk.core.values import ValueFormat
from etcdesk.qt.theme import is_dark

MAX_HIGHLIGHT_BYTES = 512 * 1024  # beyond this, colouring costs more than it helps


def _fmt(color: str, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    return fmt


class ValueHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, dark: bool | None = None) -> None:
        super().__init__(document)
        self._format = ValueFormat.TEXT
        self.set_palette(is_dark() if dark is None else dark)  # None: the app's palette

    def set_palette(self, dark: bool) -> None:
        if dark:
            key, string, number, keyword, comment = (
                "#9cdcfe",
                "#ce9178",
                "#b5cea8",
                "#569cd6",
                "#6a9955",
            )
        else:
            key, string, number, keyword, comment = (
                "#0b5cad",
                "#a3152a",
                "#098658",
                "#7b30d0",
                "#6a737d",
            )
        self._key = _fmt(key, bold=True)
        self._string = _fmt(string)
        self._number = _fmt(number)
        self._keyword = _fmt(keyword, bold=True)
        self._comment = _fmt(comment, italic=True)
        self._punct = _fmt("#808080")

    def set_format(self, value_format: ValueFormat) -> None:
        self._format = value_format
        self.rehighlight()

    _JSON_TOKENS = re.compile(
        r'(?P<key>"(?:[^"\\]|\\.)*"(?=\s*:))|(?P<string>"(?:[^"\\]|\\.)*")'
        r"|(?P<number>-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)|(?P<keyword>\b(?:true|false|null)\b)"
        r"|(?P<punct>[{}\[\],:])"
    )
    _YAML_KEY = re.compile(r"^(\s*(?:-\s+)?)([^\s#:][^#:]*?)(\s*:)(?=\s|$)")
    _YAML_SCALAR = re.compile(
        r"(?P<string>\"(?:[^\"\\]|\\.)*\"|'[^']*')"
        r"|(?P<number>(?<![\w.-])-?\d+(?:\.\d+)?(?![\w.-]))"
        r"|(?P<keyword>\b(?:true|false|null|yes|no|on|off|~)\b)"
    )

    def highlightBlock(self, text: str) -> None:
        if self._format is ValueFormat.JSON:
            for match in self._JSON_TOKENS.finditer(text):
                kind = match.lastgroup or ""
                self.setFormat(match.start(), match.end() - match.start(), self._style(kind))
        elif self._format is ValueFormat.YAML:
            self._highlight_yaml(text)

    def _style(self, kind: str) -> QTextCharFormat:
        return {
            "key": self._key,
            "string": self._string,
            "number": self._number,
            "keyword": self._keyword,
            "punct": self._punct,
        }.get(kind, self._punct)

    def _highlight_yaml(self, text: str) -> None:
        stripped = text.lstrip()
        if stripped.startswith("#") or stripped.startswith("---"):
            self.setFormat(0, len(text), self._comment)
            return
        code_end = len(text)
        comment = re.search(r"(^|\s)#", text)
        if comment:
            code_end = comment.start()
            self.setFormat(code_end, len(text) - code_end, self._comment)
        key = self._YAML_KEY.match(text[:code_end])
        start = 0
        if key:
            self.setFormat(key.start(2), key.end(2) - key.start(2), self._key)
            start = key.end()
        for match in self._YAML_SCALAR.finditer(text, start, code_end):
            self.setFormat(
                match.start(), match.end() - match.start(), self._style(match.lastgroup or "")
            )
