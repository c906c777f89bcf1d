"""The installer against a temporary HOME: what it writes, where, and that uninstall undoes exactly that."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.hostio import frame, parse_frames

from ecflink.identity import HOST_NAME
from ecflink.installer.install import Layout, install, uninstall
from ecflink.installer.locations import UnsupportedTarget, manifest_dir

HOME = Path("/home/u")


@pytest.mark.parametrize(
    "browser, platform, expected",
    [
        ("chromium", "linux", HOME / ".config/chromium/NativeMessagingHosts"),
        ("chrome", "linux", HOME / ".config/google-chrome/NativeMessagingHosts"),
        ("firefox", "linux", HOME / ".mozilla/native-messaging-hosts"),
        ("chromium", "darwin", HOME / "Library/Application Support/Chromium/NativeMessagingHosts"),
        ("chrome", "darwin", HOME / "Library/Application Support/Google/Chrome/NativeMessagingHosts"),
        ("firefox", "darwin", HOME / "Library/Application Support/Mozilla/NativeMessagingHosts"),
    ],
)
def test_user_level_locations(browser, platform, expected):
    assert manifest_dir(browser, home=HOME, platform=platform) == expected


def test_user_data_dir_is_for_chromium_family_only():
    assert manifest_dir("chrome", home=HOME, user_data_dir=Path("/p")) == Path("/p/NativeMessagingHosts")
    with pytest.raises(UnsupportedTarget):
        manifest_dir("firefox", home=HOME, user_data_dir=Path("/p"))
    with pytest.raises(UnsupportedTarget):
        manifest_dir("chromium", home=HOME, platform="win32")
    with pytest.raises(UnsupportedTarget):
        manifest_dir("netscape", home=HOME)


def snapshot(root: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None) for p in sorted(root.rglob("*"))}


@pytest.fixture
def layout(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    # Someone else's files where ours go: they must survive install and uninstall.
    (home / ".mozilla" / "native-messaging-hosts").mkdir(parents=True)
    (home / ".mozilla" / "native-messaging-hosts" / "other.host.json").write_text("{}")
    (home / ".local" / "share").mkdir(parents=True)
    return Layout(home=home, data_dir=home / ".local" / "share" / "ecflink")


def test_manifests_per_browser_family(layout):
    chromium = json.loads(install("chromium", layout).read_text())
    firefox = json.loads(install("firefox", layout).read_text())
    assert chromium == {"name": HOST_NAME, "description": chromium["description"], "path": str(layout.launcher_path),
                        "type": "stdio", "allowed_origins": ["chrome-extension://dnoemiijmalcmkkakcjacpiboohkbigg/"]}
    assert firefox == {"name": HOST_NAME, "description": firefox["description"], "path": str(layout.launcher_path),
                       "type": "stdio", "allowed_extensions": ["ecflink@ecflink.org"]}
    assert os.path.isabs(chromium["path"])


def test_files_land_where_each_browser_looks(layout, tmp_path):
    profile = tmp_path / "profile"
    paths = {
        install("chromium", layout),
        install("chrome", layout),
        install("firefox", layout),
        install("chromium", layout, user_data_dir=profile),
    }
    assert paths == {
        layout.home / ".config/chromium/NativeMessagingHosts/org.ecflink.host.json",
        layout.home / ".config/google-chrome/NativeMessagingHosts/org.ecflink.host.json",
        layout.home / ".mozilla/native-messaging-hosts/org.ecflink.host.json",
        profile / "NativeMessagingHosts/org.ecflink.host.json",
    }
    assert os.access(layout.launcher_path, os.X_OK)


def test_uninstall_leaves_home_exactly_as_it_was(layout, tmp_path):
    before = snapshot(tmp_path)
    for browser in ("chromium", "chrome", "firefox", "firefox"):
        install(browser, layout)
    install("chromium", layout, user_data_dir=tmp_path / "profile")
    assert snapshot(tmp_path) != before
    assert uninstall(layout) == []
    assert snapshot(tmp_path) == before


def test_uninstall_one_browser_keeps_the_rest(layout, tmp_path):
    chromium, firefox = install("chromium", layout), install("firefox", layout)
    assert uninstall(layout, ["firefox"]) == []
    assert chromium.exists() and layout.launcher_path.exists() and not firefox.exists()
    assert (layout.home / ".mozilla/native-messaging-hosts/other.host.json").exists()
    uninstall(layout, ["chromium"])
    assert not layout.launcher_path.exists() and not layout.record_path.exists()


def test_partial_uninstalls_in_any_order_leave_home_as_it_was(layout, tmp_path):
    before = snapshot(tmp_path)
    for browser in ("chromium", "chrome", "firefox"):
        install(browser, layout)
    for browser in ("chromium", "firefox", "chrome"):
        assert uninstall(layout, [browser]) == []
    assert snapshot(tmp_path) == before


def test_uninstall_leaves_a_file_changed_since_install(layout):
    manifest = install("chromium", layout)
    manifest.write_text('{"edited": true}')
    problems = uninstall(layout)
    assert len(problems) == 1 and "changed since install" in problems[0]
    assert manifest.read_text() == '{"edited": true}'


def test_uninstall_with_nothing_installed_is_harmless(layout, tmp_path):
    before = snapshot(tmp_path)
    assert uninstall(layout) == []
    assert snapshot(tmp_path) == before


def test_installed_launcher_starts_the_host(layout):
    """The launcher the manifest names answers a ping exactly as a browser would launch it."""
    install("chromium", layout)
    manifest = json.loads(install("firefox", layout).read_text())
    env = {**os.environ, "ECFLINK_DATA_DIR": str(layout.data_dir)}
    chromium = subprocess.run([manifest["path"], "chrome-extension://dnoemiijmalcmkkakcjacpiboohkbigg/"],
                              input=frame({"type": "ping"}), capture_output=True, env=env, timeout=30, cwd="/")
    firefox = subprocess.run([manifest["path"], "/x/org.ecflink.host.json", "ecflink@ecflink.org"],
                             input=frame({"type": "ping"}), capture_output=True, env=env, timeout=30, cwd="/")
    foreign = subprocess.run([manifest["path"], "chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/"],
                             input=frame({"type": "ping"}), capture_output=True, env=env, timeout=30, cwd="/")
    assert [parse_frames(p.stdout)[0]["type"] for p in (chromium, firefox)] == ["pong", "pong"]
    assert foreign.returncode == 2 and foreign.stdout == b""


def test_launcher_ignores_modules_in_the_working_folder(layout, tmp_path):
    """Browsers choose the host's working folder; a planted `ecflink` package there must not load."""
    install("chromium", layout)
    planted = tmp_path / "cwd" / "ecflink"
    planted.mkdir(parents=True)
    (planted / "__init__.py").write_text("raise SystemExit('planted module ran')")
    proc = subprocess.run([str(layout.launcher_path), "chrome-extension://dnoemiijmalcmkkakcjacpiboohkbigg/"],
                          input=frame({"type": "ping"}), capture_output=True, timeout=30, cwd=planted.parent,
                          env={**os.environ, "ECFLINK_DATA_DIR": str(layout.data_dir)})
    assert parse_frames(proc.stdout)[0]["type"] == "pong"


def test_cli_install_and_uninstall(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path), "ECFLINK_DATA_DIR": ""}
    env.pop("XDG_DATA_HOME", None)
    cli = [sys.executable, "-m", "ecflink.cli"]
    out = subprocess.run([*cli, "install", "--browser", "chromium", "--browser", "firefox"], env=env,
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / ".config/chromium/NativeMessagingHosts/org.ecflink.host.json").exists()
    assert (tmp_path / ".local/share/ecflink/host/ecflink-host").exists()
    bad = subprocess.run([*cli, "install", "--browser", "firefox", "--user-data-dir", str(tmp_path / "p")],
                         env=env, capture_output=True, text=True, timeout=30)
    assert bad.returncode == 2 and "Chromium-family" in bad.stderr
    out = subprocess.run([*cli, "uninstall"], env=env, capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert list(tmp_path.rglob("*")) == []
