"""Locate bundled resource files (layouts, schemas, icons, demo data).

The top-level ``resources/`` folder is installed as the package ``etcdesk.resources``; an editable
install maps it back to the checkout, so the same lookup works from a wheel and a dev tree.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def resource_root() -> Traversable:
    try:
        return resources.files("etcdesk.resources")
    except ModuleNotFoundError:  # running from a source tree without installing
        return Path(__file__).resolve().parents[3] / "resources"


def resource(*parts: str) -> Traversable:
    node = resource_root()
    for part in parts:
        node = node / part
    return node


def read_text(*parts: str) -> str:
    return resource(*parts).read_text(encoding="utf-8")
