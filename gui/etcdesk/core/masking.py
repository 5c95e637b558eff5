"""Secret fields kept secret in views, diffs, history and exports (DESIGN §8, issue 6).

Fields marked ``x-secret`` are replaced by a fixed mask before any text is shown or
written out. A value that cannot be parsed has no fields to find, so it is shown as is only
when no secrets are expected; otherwise it is withheld whole.
"""

from __future__ import annotations

import copy
from typing import Any, Final

from etcdesk.core.documents import render
from etcdesk.core.i18n import translate
from etcdesk.core.schemas import JsonPath
from etcdesk.core.values import ValueFormat, decode_value

MASK: Final = "••••••"


def mask_data(data: Any, secrets: tuple[JsonPath, ...]) -> Any:
    """A copy of ``data`` with every present secret field replaced by the mask."""
    if not secrets:
        return data
    masked = copy.deepcopy(data)
    for path in secrets:
        if not path:
            return MASK
        node = masked
        for part in path[:-1]:
            node = node.get(part) if isinstance(node, dict) else None
            if node is None:
                break
        if isinstance(node, dict) and path[-1] in node and node[path[-1]] is not None:
            node[path[-1]] = MASK
    return masked


def masked_text(raw: bytes | None, secrets: tuple[JsonPath, ...]) -> str:
    """The value as text for display or export, secrets masked.

    JSON and YAML are re-rendered from the masked data; a value of another format with
    secrets expected is withheld.
    """
    if raw is None:
        return ""
    decoded = decode_value(raw)
    if not secrets:
        return decoded.text
    if decoded.format in (ValueFormat.JSON, ValueFormat.YAML) and isinstance(
        decoded.data, (dict, list)
    ):
        return render(mask_data(decoded.data, secrets), decoded.format)
    message = translate("Masking", "(value withheld: {n} bytes that may contain secrets)")
    return message.format(n=len(raw))
