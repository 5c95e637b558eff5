"""Translations: the Simplified Chinese .ts is complete and keeps every placeholder, the window
reads Chinese with it installed, and a checkout without a compiled .qm still gets it."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "etcdesk_zh_CN.ts"
# {name}, {n:,}, {{ and }} (a text formatted twice), %n %1 %v %m (Qt's own)
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{[^{}]*\}|%[0-9nvmL]")


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def _translations(message: ET.Element) -> list[str]:
    element = message.find("translation")
    assert element is not None
    forms = element.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [element.text or ""]


def test_every_message_is_translated_with_its_placeholders() -> None:
    messages = _messages(TS)
    assert len(messages) > 800
    problems = []
    for context, source, message in messages:
        element = message.find("translation")
        kind = element.get("type") if element is not None else "missing"
        if kind in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{context}: {source!r} is {kind}")
            continue
        for text in _translations(message):
            if not text.strip():
                problems.append(f"{context}: {source!r} has an empty translation")
            elif sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                problems.append(f"{context}: {source!r} -> {text!r} changes the placeholders")
    assert not problems, "\n".join(problems)


def test_the_ts_has_every_text_of_the_code(tmp_path: Path) -> None:
    """What `make translations` would extract now is already in the .ts (and translated, by
    the test above): a new tr() text fails here until the .ts is refreshed and translated."""
    import PySide6

    lupdate = Path(PySide6.__file__).resolve().parent / "lupdate"
    if not lupdate.is_file():
        pytest.skip("PySide6's lupdate is not installed")
    fresh = tmp_path / "fresh_zh_CN.ts"
    sources = sorted(str(p) for p in (ROOT / "gui" / "etcdesk").rglob("*.py"))
    subprocess.run(
        [str(lupdate), "-silent", "-no-obsolete", *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    have = {(c, s) for c, s, _ in _messages(TS)}
    wanted = {(c, s) for c, s, _ in _messages(fresh)}
    missing = sorted(wanted - have)
    assert not missing, f"not in {TS.name} (run `make translations`): {missing[:20]}"
    assert all(c for c, _ in wanted), "a tr() call lupdate cannot give a context to"


@pytest.fixture
def chinese(qapp: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    """The zh_CN translation installed (compiled into a temporary cache if need be), then
    English again."""
    from etcdesk.qt.i18n import LANGUAGE_ENV, install_translators

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    loaded = install_translators(qapp, "zh_CN")
    yield loaded or ""
    install_translators(qapp, "en")


def test_the_window_reads_chinese(chinese: str, make_window: Any) -> None:
    assert chinese == "zh_CN"
    window = make_window()
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[0] == "连接(&C)"
    assert "视图(&V)" in titles and "帮助(&H)" in titles
    assert window.state_label.text() == "未连接"
    assert window.history_dock.windowTitle() == "历史"
    assert window.tree_panel.model.headerData(0, _horizontal()) == "名称"


def test_dialogs_read_chinese_and_qt_buttons_too(chinese: str, qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from etcdesk.core.profiles import PasswordVault, ProfileStore
    from etcdesk.qt.profile_dialog import ProfileDialog
    from etcdesk.qt.tasks import TaskRunner

    runner = TaskRunner()
    try:
        dialog = ProfileDialog(
            ProfileStore(tmp_path / "profiles.json"), PasswordVault(use_keyring=False), runner
        )
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "连接到 etcd"
        cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None and "取消" in cancel.text()  # Qt's own qtbase translation
    finally:
        runner.shutdown()


def test_core_messages_and_bundled_schemas_follow_the_language(chinese: str) -> None:
    from etcdesk.core.history import summarize
    from etcdesk.core.schemas import SchemaRegistry

    assert summarize(b"{}", None) == "已删除"
    schema = SchemaRegistry.bundled().get("ratelimit.schema.yaml")
    assert schema is not None
    assert schema["title"] == "限流"
    assert schema["properties"]["burst"]["title"] == "突发量"
    issues = SchemaRegistry.bundled().validate(schema, {"mode": "enforce"})
    assert [i.message for i in issues] == ["为必填项"]


def test_english_without_a_translation(qapp: Any) -> None:
    from etcdesk.core.history import summarize
    from etcdesk.core.schemas import SchemaRegistry
    from etcdesk.qt.i18n import install_translators

    assert install_translators(qapp, "en") is None
    assert summarize(b"{}", None) == "deleted"
    schema = SchemaRegistry.bundled().get("ratelimit.schema.yaml")
    assert schema is not None and schema["title"] == "Rate limit"


def test_environment_overrides_the_setting(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from etcdesk.qt.i18n import LANGUAGE_ENV, install_translators

    monkeypatch.setenv(LANGUAGE_ENV, "en")
    assert install_translators(qapp, "zh_CN") is None
    monkeypatch.setenv(LANGUAGE_ENV, "zh_CN")
    try:
        assert install_translators(qapp, "en") == "zh_CN"
    finally:
        monkeypatch.delenv(LANGUAGE_ENV)
        install_translators(qapp, "en")


def test_simplified_chinese_locales_get_zh_cn() -> None:
    from etcdesk.qt.i18n import _candidates

    assert _candidates("zh_CN")[0] == "zh_CN"
    assert "zh_CN" in _candidates("zh_SG")
    assert "zh_CN" not in _candidates("zh_TW")  # Traditional Chinese: no translation yet


def test_a_missing_qm_is_compiled_from_the_ts(
    qapp: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A checkout nobody ran `make` in, or a package built without lrelease: the .ts is
    compiled once into the user cache."""
    from PySide6.QtCore import QTranslator

    import etcdesk.qt.i18n as i18n

    shipped = tmp_path / "resources"
    (shipped / "i18n").mkdir(parents=True)
    shutil.copy(TS, shipped / "i18n" / TS.name)
    monkeypatch.setattr(i18n, "resource", lambda *parts: shipped.joinpath(*parts))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    compiled = i18n.translation_file("zh_CN")
    assert compiled is not None and compiled.is_relative_to(tmp_path / "cache")
    translator = QTranslator()
    assert translator.load(str(compiled))
    assert translator.translate("MainWindow", "&Connection") == "连接(&C)"
    assert i18n.translation_file("zh_CN") == compiled  # once: named by the .ts content


def _horizontal() -> Any:
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal
