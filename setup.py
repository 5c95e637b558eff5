"""Compiles the UI translations (resources/i18n/*.ts -> .qm) when the package is built.

Everything else about the package is in pyproject.toml. The .qm files are build products, not
kept in git: a wheel gets them in its build directory; an editable install (``pip install -e``,
what ``make`` does) gets them next to their .ts in the checkout, which it maps to
``etcdesk.resources``. PySide6's lrelease comes from the build requirements; without it the
build only warns, and the app compiles the .ts itself at first start (etcdesk/qt/i18n.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SOURCES = Path(__file__).resolve().parent / "resources" / "i18n"


def lrelease() -> str | None:
    try:
        import PySide6
    except ImportError:
        return None
    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    program = Path(PySide6.__file__).resolve().parent / name
    return str(program) if program.is_file() else None


class BuildWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        program = lrelease()
        if program is None:
            self.warn("PySide6's lrelease not found: translations are compiled at first start")
            return
        if self.editable_mode:
            target = SOURCES
        else:
            target = Path(self.build_lib) / "etcdesk" / "resources" / "i18n"
            target.mkdir(parents=True, exist_ok=True)
        for source in sorted(SOURCES.glob("*.ts")):
            qm = target / source.with_suffix(".qm").name
            subprocess.run([program, "-silent", str(source), "-qm", str(qm)], check=True)


setup(cmdclass={"build_py": BuildWithTranslations})
