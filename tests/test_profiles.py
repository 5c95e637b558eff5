"""Connection profiles: saved per user as JSON, passwords never in the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etcdesk.core.errors import ConfigError
from etcdesk.core.profiles import (
    PROFILES_VERSION,
    PasswordVault,
    Profile,
    ProfileStore,
    config_dir,
    split_endpoints,
)


def _prod() -> Profile:
    return Profile(
        name="prod-eu",
        endpoints=("10.0.0.1:2379", "https://10.0.0.2:2379"),
        user="ops",
        cacert="/etc/etcd/ca.pem",
        read_only=True,
        layout="/home/ops/layout.yaml",
        timeout=3.5,
    )


def test_default_path_is_in_the_test_config_dir() -> None:
    # conftest points ETCDESK_CONFIG_DIR at a temp dir: tests never touch the user's files.
    assert ProfileStore().path == config_dir() / "profiles.json"
    assert "etcdesk-test-home-" in str(config_dir())


def test_save_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "profiles.json"
    store = ProfileStore(path)
    store.put(_prod())
    store.put(Profile(name="Demo"))
    store.put(Profile(name="生产-华东", endpoints=("[::1]:2379",)))
    store.last_used = "prod-eu"
    store.save()

    loaded = ProfileStore.load(path)
    assert loaded.path == path
    assert loaded.profiles == store.profiles
    prod = loaded.get("prod-eu")
    assert prod == _prod()
    assert prod is not None
    assert isinstance(prod.endpoints, tuple)
    assert prod.read_only is True
    assert prod.layout == "/home/ops/layout.yaml"
    assert loaded.get("Demo") == Profile(name="Demo")
    assert loaded.last_used == "prod-eu"
    assert list(loaded.names()) == ["Demo", "prod-eu", "生产-华东"]  # case-insensitive order
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["version"] == PROFILES_VERSION
    assert "生产-华东" in path.read_text(encoding="utf-8")  # kept readable, not \\u-escaped


def test_save_replaces_the_file_atomically(tmp_path: Path) -> None:
    path = tmp_path / "profiles.json"
    store = ProfileStore(path)
    store.put(Profile(name="a"))
    store.save()
    store.put(Profile(name="b"))
    store.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profiles.json"]  # no temp files left
    assert set(ProfileStore.load(path).profiles) == {"a", "b"}


def test_load_missing_file_is_empty(tmp_path: Path) -> None:
    store = ProfileStore.load(tmp_path / "none.json")
    assert store.profiles == {}
    assert store.last_used == ""


def test_rename_keeps_last_used(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "p.json")
    store.put(Profile(name="old"))
    store.put(Profile(name="other"))
    store.last_used = "old"
    store.put(Profile(name="new", user="u"), old_name="old")
    assert set(store.profiles) == {"new", "other"}
    assert store.last_used == "new"
    store.put(Profile(name="other", read_only=True), old_name="other")  # edit in place
    assert store.get("other").read_only
    assert store.last_used == "new"
    store.save()
    again = ProfileStore.load(store.path)
    assert set(again.profiles) == {"new", "other"}
    assert again.last_used == "new"


def test_put_needs_a_name(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "p.json")
    with pytest.raises(ConfigError, match="needs a name"):
        store.put(Profile(name="   "))
    assert store.profiles == {}


def test_remove(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "p.json")
    store.put(Profile(name="a"))
    store.put(Profile(name="b"))
    store.last_used = "a"
    store.remove("a")
    store.remove("does-not-exist")
    assert list(store.names()) == ["b"]
    assert store.last_used == ""
    store.last_used = "b"
    store.remove("a")
    assert store.last_used == "b"


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "",
        "[1, 2, 3]",
        '"just a string"',
        '{"profiles": "nope"}',
        "\udcff",  # not UTF-8 once written below
    ],
)
def test_corrupt_file_is_ignored(tmp_path: Path, text: str) -> None:
    path = tmp_path / "profiles.json"
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    store = ProfileStore.load(path)
    assert store.profiles == {}
    assert store.last_used == ""
    store.put(Profile(name="fresh"))
    store.save()  # and the next save repairs the file
    assert set(ProfileStore.load(path).profiles) == {"fresh"}


def test_bad_entries_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "profiles.json"
    path.write_text(
        json.dumps(
            {
                "last_used": 7,
                "profiles": [
                    {"name": "good", "endpoints": "a:1, b:2,", "future_field": 1},
                    {"endpoints": ["x:1"]},  # no name
                    "not a mapping",
                    {"name": "bad-type", "timeout": 1, "unexpected": 2, "read_only": True},
                    {"name": "no-endpoints", "endpoints": []},
                ],
            }
        ),
        encoding="utf-8",
    )
    store = ProfileStore.load(path)
    assert set(store.profiles) == {"good", "bad-type", "no-endpoints"}
    assert store.get("good").endpoints == ("a:1", "b:2")
    assert store.get("no-endpoints").endpoints == ("127.0.0.1:2379",)
    assert store.last_used == ""


def test_saved_file_never_contains_the_password(tmp_path: Path) -> None:
    secret = "correct-horse-battery-staple"
    vault = PasswordVault(use_keyring=False)
    store = ProfileStore(tmp_path / "profiles.json")
    profile = _prod()
    store.put(profile)
    vault.set(profile.name, secret)
    store.last_used = profile.name
    store.save()
    text = store.path.read_text(encoding="utf-8")
    assert secret not in text
    assert "password" not in text.lower()
    assert '"user": "ops"' in text
    # The password only lives in the vault (memory, for this session).
    assert vault.get(profile.name) == secret
    assert ProfileStore.load(store.path).get(profile.name).spec(vault.get(profile.name)).password


def test_password_vault_in_memory() -> None:
    vault = PasswordVault(use_keyring=False)
    assert not vault.persistent
    assert vault.get("prod") is None
    vault.set("prod", "pw1")
    vault.set("dev", "pw2", remember=False)
    assert vault.get("prod") == "pw1"
    assert vault.get("dev") == "pw2"
    vault.set("prod", "pw3")
    assert vault.get("prod") == "pw3"
    vault.forget("prod")
    assert vault.get("prod") is None
    assert vault.get("dev") == "pw2"
    vault.forget("never-set")  # no error
    # A second vault shares nothing: memory only, per session.
    assert PasswordVault(use_keyring=False).get("dev") is None


def test_password_vault_without_keyring_in_tests() -> None:
    # ETCDESK_NO_KEYRING (set by conftest) keeps the OS keyring out even when asked for it.
    assert not PasswordVault(use_keyring=True).persistent


@pytest.mark.parametrize(
    ("text", "endpoints"),
    [
        ("127.0.0.1:2379", ("127.0.0.1:2379",)),
        ("a:1,b:2", ("a:1", "b:2")),
        (" a:1 ; b:2 ,, c:3 ", ("a:1", "b:2", "c:3")),
        (
            "https://etcd-1:2379, https://etcd-2:2379",
            ("https://etcd-1:2379", "https://etcd-2:2379"),
        ),
        ("", ()),
        (" , ; ", ()),
    ],
)
def test_split_endpoints(text: str, endpoints: tuple[str, ...]) -> None:
    assert split_endpoints(text) == endpoints


def test_spec_drops_password_without_user() -> None:
    anonymous = Profile(name="local", endpoints=("127.0.0.1:2379",))
    spec = anonymous.spec("left-over-password")
    assert spec.user is None
    assert spec.password is None
    assert spec.cacert is None and spec.cert is None and spec.key is None


def test_spec_with_user() -> None:
    spec = _prod().spec("pw")
    assert spec.endpoints == ("10.0.0.1:2379", "https://10.0.0.2:2379")
    assert spec.user == "ops"
    assert spec.password == "pw"
    assert spec.cacert == "/etc/etcd/ca.pem"
    assert spec.cert is None
    assert spec.timeout == 3.5
    assert spec.secure
