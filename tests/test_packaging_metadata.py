"""The wheel must ship every package and resource: the package list is explicit."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT / "gui").parts)
        for init in (ROOT / "gui" / "etcdesk").rglob("__init__.py")
    }
    assert found <= listed, f"missing from [tool.setuptools] packages: {sorted(found - listed)}"
    assert "etcdesk.resources" in listed


def test_resources_are_found_through_the_package() -> None:
    from etcdesk.core.resources import resource

    for folder in ("layouts", "schemas", "icons"):
        assert any(entry.name for entry in resource(folder).iterdir())
    assert resource("layouts", "default.yaml").is_file()
