"""Ranking for quick open (Ctrl+K / Ctrl+P): find a tenant or a config by typing part of it.

Every word typed must appear in the candidate's path (``acme rate`` finds
``acme-corp/ratelimit``); the best matches start at a path segment and are short. When no
candidate contains the words, the letters are matched in order instead (``acrl`` still finds
``acme-corp/ratelimit``). Plain Python over the listed keys: 100k keys rank in well under a
tenth of a second.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass

from etcdesk.core.keytree import Group, KeyTree
from etcdesk.core.layout import display

LIMIT = 200
_BOUNDARY = "/-_. "


@dataclass(frozen=True)
class Candidate:
    """A tenant (any named group level) or a config key the user can jump to."""

    label: str  # the path under the layout root, as shown
    key: bytes | None = None  # a config key, or None for a group
    group: tuple[bytes, ...] = ()  # the group's path, for a group

    @property
    def is_group(self) -> bool:
        return self.key is None


def candidates(tree: KeyTree) -> list[Candidate]:
    """Every group and every key of ``tree``: groups first, each list sorted by label."""
    groups: list[Candidate] = []
    stack: list[Group] = list(tree.root.groups.values())
    while stack:
        group = stack.pop()
        if group.other or group.locked:
            continue
        groups.append(Candidate("/".join(display(name) for name in group.path), group=group.path))
        stack.extend(group.groups.values())
    root_len = len(tree.layout.root)
    listed = tree.keys()  # a set (KeyTree is not iterable)
    keys = [Candidate(display(key[root_len:]), key=key) for key in listed]
    groups.sort(key=lambda c: c.label)
    keys.sort(key=lambda c: c.label)
    return groups + keys


def _misses(text: str, words: list[str]) -> int:
    """How many of ``words`` do not start a path segment or word of ``text``."""
    misses = 0
    for word in words:
        index = text.find(word)
        while index > 0 and text[index - 1] not in _BOUNDARY:
            index = text.find(word, index + 1)
        if index < 0:
            misses += 1
    return misses


def rank(items: list[Candidate], query: str, limit: int = LIMIT) -> list[Candidate]:
    """The best ``limit`` candidates for ``query`` (all of them, in order, for an empty one)."""
    words = query.casefold().split()
    if not words:
        return items[:limit]
    folded = [(item.label.casefold(), item) for item in items]
    found = [(text, item) for text, item in folded if all(word in text for word in words)]
    if not found:
        letters = "".join(words)
        fuzzy = re.compile(".*?".join(re.escape(c) for c in letters))
        found = [(text, item) for text, item in folded if fuzzy.search(text)]
        best = heapq.nsmallest(limit, found, key=lambda pair: (len(pair[0]), pair[0]))
        return [item for _text, item in best]

    def order(pair: tuple[str, Candidate]) -> tuple[int, int, int, str]:
        # Words at a segment start first, then groups before keys, then the shortest.
        text, item = pair
        return _misses(text, words), 0 if item.is_group else 1, len(text), text

    return [item for _text, item in heapq.nsmallest(limit, found, key=order)]
