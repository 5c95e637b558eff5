"""The packaging files agree with each other and with the code, without running PyInstaller.

The real build and the bundled executables are checked by `make package-check`
(packaging/check_bundle.py); these tests catch the cheap mistakes first: a version bumped in
one place only, an icon name with no icon, a resource folder or a Qt module the bundle would
miss, a desktop file and metainfo that do not point at each other.
"""

from __future__ import annotations

import configparser
import importlib.util
import re
import struct
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import etcdesk

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str) -> ModuleType:
    # packaging/ is not a package: importing it as one would shadow the `packaging` library.
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


bc = _load("bundle_contents")


def _pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(bc.DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def _metainfo() -> ET.Element:
    return ET.parse(bc.METAINFO_FILE).getroot()


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_version_is_the_same_everywhere() -> None:
    assert bc.app_version() == etcdesk.__version__
    releases = _metainfo().findall("releases/release")
    assert releases, "the metainfo has no <release>"
    assert releases[0].get("version") == etcdesk.__version__, (
        "the newest <release> in the metainfo must be etcdesk.__version__"
    )
    dates = [release.get("date") or "" for release in releases]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in dates), dates
    assert dates == sorted(dates, reverse=True), "releases are listed newest first"


def test_desktop_file_and_metainfo_name_each_other() -> None:
    root = _metainfo()
    assert bc.DESKTOP_FILE.name == f"{bc.APP_ID}.desktop"
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == bc.APP_ID
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == bc.DESKTOP_FILE.name
    assert root.findtext("name") == _desktop_entry()["Name"] == "etcdesk"
    assert root.find("content_rating") is not None
    assert root.findtext("project_license") == _pyproject()["project"]["license"]


def test_desktop_file_launches_the_installed_command_with_the_shipped_icon() -> None:
    entry = _desktop_entry()
    scripts = _pyproject()["project"]["scripts"]
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "etcdesk" and scripts["etcdesk"] == "etcdesk.app:main"
    assert entry["Terminal"] == "false"
    assert entry["GenericName"] == "etcd configuration browser"
    assert entry["Comment"]
    assert entry["Icon"] == bc.ICON_NAME
    assert entry["Categories"].endswith(";") and "Development" in entry["Categories"].split(";")
    assert entry["Keywords"].endswith(";") and "etcd" in entry["Keywords"].split(";")
    for key in ("GenericName[zh_CN]", "Comment[zh_CN]", "Keywords[zh_CN]"):
        assert re.search(r"[\u4e00-\u9fff]", entry[key]), f"{key} is not Chinese"


def test_metainfo_provides_every_command_and_shows_existing_screenshots() -> None:
    root = _metainfo()
    provided = {b.text for b in root.findall("provides/binary")}
    assert set(_pyproject()["project"]["scripts"]) <= provided <= {"etcdesk", "etcdesk-cli"}
    screenshots = root.findall("screenshots/screenshot")
    assert [s.get("type") for s in screenshots].count("default") == 1
    for screenshot in screenshots:
        url = screenshot.findtext("image") or ""
        assert url.startswith("https://"), url
        name = url.rsplit("/docs/", 1)[-1]
        assert (ROOT / "docs" / name).is_file(), f"{url}: docs/{name} does not exist"
        assert screenshot.findtext("caption")
    summary = root.findtext("summary") or ""
    assert summary and not summary.endswith("."), "an AppStream summary has no final period"
    assert root.find("description/p") is not None


def test_icon_exists_as_svg_and_every_png_size() -> None:
    assert bc.ICON_SVG.is_file()
    assert ET.parse(bc.ICON_SVG).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    assert set(bc.ICON_SIZES) >= {16, 32, 48, 64, 128, 256, 512}
    for size in bc.ICON_SIZES:
        assert _png_size(bc.icon_png(size)) == (size, size)
    # share/ gets one hicolor icon per size plus the scalable SVG, under the .desktop Icon name.
    icons = [dest for _, dest in bc.share_files() if dest.startswith("icons/")]
    assert len(icons) == len(bc.ICON_SIZES) + 1
    names = {dest.rsplit("/", 1)[-1] for dest in icons}
    assert names == {f"{bc.ICON_NAME}.png", f"{bc.ICON_NAME}.svg"}
    assert all(source.is_file() for source, _ in bc.share_files())


def test_bundle_ships_every_resource_the_wheel_ships() -> None:
    """Same files as the wheel's etcdesk.resources package data, at the same package path."""
    globs = _pyproject()["tool"]["setuptools"]["package-data"]["etcdesk.resources"]
    wheel = {
        path.relative_to(bc.RESOURCES).as_posix()
        for pattern in globs
        for path in bc.RESOURCES.glob(pattern)
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".qm"
    }  # compiled translations are made fresh for the bundle: see the next test
    bundled = {
        Path(dest, Path(src).name).relative_to("etcdesk/resources").as_posix()
        for src, dest in bc.resource_datas()
    }
    assert wheel <= bundled, f"not in the bundle: {sorted(wheel - bundled)}"
    assert "__init__.py" in bundled  # importlib.resources needs the package itself
    folders = {entry.name for entry in bc.RESOURCES.iterdir() if entry.is_dir()} - {"__pycache__"}
    assert {"layouts", "schemas", "icons"} <= folders
    for folder in folders:
        if any(p.is_file() for p in (bc.RESOURCES / folder).rglob("*")):
            assert any(b.startswith(f"{folder}/") for b in bundled), f"{folder}/ not bundled"


def test_spec_builds_from_bundle_contents() -> None:
    spec = (ROOT / "packaging" / "etcdesk.spec").read_text(encoding="utf-8")
    assert spec.count("Analysis(") == spec.count("datas=DATAS,") >= 1
    assert "bc.resource_datas()" in spec and "bc.DATA_PACKAGES" in spec
    assert 'name="etcdesk"' in spec and 'name="etcdesk-cli"' in spec
    assert bc.GUI_ENTRY.is_file()
    assert "from etcdesk.cli import main" in bc.CLI_ENTRY.read_text(encoding="utf-8")
    assert "from etcdesk.app import main" in bc.GUI_ENTRY.read_text(encoding="utf-8")


def test_every_qt_module_the_app_imports_is_bundled() -> None:
    used = {
        match
        for path in (ROOT / "gui" / "etcdesk").rglob("*.py")
        for match in re.findall(r"\bPySide6\.(Qt\w+)", path.read_text(encoding="utf-8"))
    }
    assert used, "found no PySide6 import at all"
    hidden = {name.removeprefix("PySide6.") for name in bc.QT_HIDDEN_IMPORTS}
    excluded = {name.removeprefix("PySide6.") for name in bc.QT_EXCLUDES}
    assert used <= hidden, f"add to QT_HIDDEN_IMPORTS in bundle_contents.py: {used - hidden}"
    assert not (hidden & excluded)
    heavy = {"QtWebEngineCore", "QtWebEngineWidgets", "QtQuick", "QtQml", "Qt3DCore"}
    assert heavy <= excluded


def test_translations_are_compiled_for_the_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = tmp_path / "i18n"
    sources.mkdir()
    (sources / "etcdesk_zh_CN.ts").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="zh_CN"><context><name>MainWindow</name>'
        "<message><source>Quit</source><translation>退出</translation></message>"
        "</context></TS>\n",
        encoding="utf-8",
    )
    (sources / "etcdesk_zh_CN.qm").write_bytes(b"stale")  # a checkout's .qm is not bundled
    monkeypatch.setattr(bc, "RESOURCES", tmp_path)
    monkeypatch.setattr(bc, "TRANSLATIONS", sources)
    assert all(not src.endswith(".qm") for src, _ in bc.resource_datas())
    datas = bc.compile_translations(tmp_path / "build")
    assert datas == [(str(tmp_path / "build" / "etcdesk_zh_CN.qm"), "etcdesk/resources/i18n")]
    compiled = Path(datas[0][0]).read_bytes()
    assert compiled.startswith(bytes.fromhex("3cb86418caef9c95"))  # the .qm magic number
    assert "退出".encode("utf-16-be") in compiled
