"""Translatable messages in the Qt-free core.

The core builds messages a person reads (errors, history summaries, validation problems) but
must not import Qt. Those texts go through :func:`translate` with a context, which Qt's
``lupdate`` recognises by name and extracts into ``resources/i18n/*.ts`` like ``tr()`` calls.
The window installs ``QCoreApplication.translate`` with :func:`set_translator` when it loads a
translation; without one (etcdesk-cli, tests) every text stays English.

Placeholders are ``{name}`` fields filled with ``str.format`` *after* translating, so a
translation can move them: ``translate("Store", "key {key} not found").format(key=k)``.
"""

from __future__ import annotations

from collections.abc import Callable

Translator = Callable[[str, str], str]

_translator: Translator | None = None
_language = ""


def set_translator(translator: Translator | None, language: str = "") -> None:
    """Route :func:`translate` through ``translator`` (``None``: English again); ``language``
    (e.g. ``zh_CN``) also picks the localized texts of schemas (see ``schemas.localize``)."""
    global _translator, _language
    _translator = translator
    _language = language if translator is not None else ""


def language() -> str:
    """The UI language when a translation is installed (``zh_CN``), else ``""`` (English)."""
    return _language


def translate(context: str, text: str) -> str:
    """``text`` in the UI language. Thread-safe as long as the translator is (Qt's is)."""
    return text if _translator is None else _translator(context, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for extraction (lupdate knows this name) without translating it: for
    module-level tables, translated where they are shown."""
    return text
