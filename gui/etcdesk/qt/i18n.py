"""UI language: installs etcdesk's and Qt's translations at start-up (issue 7).

etcdesk's translations are ``resources/i18n/etcdesk_<lang>.ts`` (the sources, kept in git),
compiled to ``.qm`` when the package is built (``setup.py``) or by ``make``. A checkout or an
install without the ``.qm`` (or with one older than its ``.ts``) still gets its translation:
the ``.ts`` is compiled once into the user cache with PySide6's ``lrelease``. A missing
translation simply leaves the English texts. A change of language applies on the next start,
since every widget reads its texts when it is built.

``ETCDESK_LANG`` (``zh_CN``, ``en``, ``system``) overrides the setting, for screenshots and
tests.
"""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
from importlib.resources.abc import Traversable
from pathlib import Path

import PySide6
from platformdirs import user_cache_dir
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from etcdesk.core import i18n as core_i18n
from etcdesk.core.resources import resource

log = logging.getLogger(__name__)

LANGUAGE_ENV = "ETCDESK_LANG"
# language setting -> name shown in the settings dialog (each in its own language)
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}

_installed: list[QTranslator] = []  # kept alive: Qt does not own installed translators


def language_code(setting: str) -> str:
    """The locale name for a language setting ("system" -> the system locale, e.g. zh_CN)."""
    return QLocale.system().name() if setting == "system" else setting


def _candidates(code: str) -> list[str]:
    """zh_CN -> [zh_CN, zh]; any Simplified Chinese locale (zh_SG, zh_Hans) -> zh_CN too."""
    names = [code]
    if "_" in code:
        names.append(code.split("_", 1)[0])
    locale = QLocale(code)
    if (
        locale.language() == QLocale.Language.Chinese
        and locale.script() == QLocale.Script.SimplifiedHanScript
    ):
        names.append("zh_CN")
    return list(dict.fromkeys(names))


def _path(node: Traversable) -> Path | None:
    return node if isinstance(node, Path) else None


def lrelease_program() -> str | None:
    """PySide6's ``lrelease`` (a runtime dependency, so always there unless frozen away)."""
    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    program = Path(PySide6.__file__).resolve().parent / name
    return str(program) if program.is_file() else None


def _compile_into_cache(source: Path) -> Path | None:
    """Compile a ``.ts`` into the user cache, named by its content so an edit recompiles."""
    program = lrelease_program()
    if program is None:
        return None
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    target = Path(user_cache_dir("etcdesk")) / "i18n" / f"{source.stem}-{digest}.qm"
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.part")
    try:
        subprocess.run(
            [program, "-silent", str(source), "-qm", str(partial)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        partial.replace(target)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not compile the translation %s: %s", source, exc)
        partial.unlink(missing_ok=True)
        return None
    return target


def translation_file(name: str) -> Path | None:
    """The compiled translation for ``name`` (e.g. zh_CN): the shipped ``.qm`` when it is at
    least as new as its ``.ts``, else the ``.ts`` compiled into the user cache."""
    shipped = _path(resource("i18n", f"etcdesk_{name}.qm"))
    source = _path(resource("i18n", f"etcdesk_{name}.ts"))
    has_qm = shipped is not None and shipped.is_file()
    if source is None or not source.is_file():
        return shipped if has_qm else None
    # A wheel writes both files at install time, in either order: only a .ts edited well after
    # the .qm was compiled (a checkout without `make`) makes it stale.
    if has_qm and shipped is not None and shipped.stat().st_mtime + 2 >= source.stat().st_mtime:
        return shipped
    return _compile_into_cache(source) or (shipped if has_qm else None)


def install_translators(app: QCoreApplication, setting: str) -> str | None:
    """Install the translators for ``setting`` (or ``$ETCDESK_LANG``); returns the language
    loaded, or None when the UI stays in English (asked for, or no translation file)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    core_i18n.set_translator(None)
    code = language_code(os.environ.get(LANGUAGE_ENV) or setting)
    if code.startswith("en") or code == "C":
        return None
    loaded = None
    for name in _candidates(code):
        path = translation_file(name)
        if path is None:
            continue
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded = name
            break
        log.warning("could not load the translation %s", path)
    if loaded is None:
        return None
    core_i18n.set_translator(QCoreApplication.translate, loaded)
    qt = QTranslator(app)  # Qt's own texts: standard buttons, context menus
    if qt.load(
        QLocale(loaded), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt)
        _installed.append(qt)
    return loaded
