"""The installer: where each browser × OS × level registers the host, what it writes, and that
uninstall undoes exactly that. Linux, macOS and Windows run against a temporary root and a recording
registry; Linux also for real, in a temporary HOME."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from tests.hostio import frame, parse_frames

from ecflink.identity import HOST_NAME
from ecflink.installer.install import HOST_ENTRY, Layout, install, launcher_script, uninstall
from ecflink.installer.locations import BROWSERS, UnsupportedTarget, install_place, installed_browsers, lookup_order
from ecflink.installer.machine import Machine, RecordingRegistry, RegKey
from ecflink.identity import development

DEV = development()  # the unpacked extension, as `ecflink install --dev` accepts it

NAME = f"{HOST_NAME}.json"
CHROMIUM_ORIGINS = ["chrome-extension://dnoemiijmalcmkkakcjacpiboohkbigg/"]

# Where each browser reads our manifest, written out by hand from the browsers' documentation.
POSIX = {
    ("chrome", "linux", "user"): "/home/u/.config/google-chrome/NativeMessagingHosts",
    ("chrome", "linux", "system"): "/etc/opt/chrome/native-messaging-hosts",
    ("chromium", "linux", "user"): "/home/u/.config/chromium/NativeMessagingHosts",
    ("chromium", "linux", "system"): "/etc/chromium/native-messaging-hosts",
    ("edge", "linux", "user"): "/home/u/.config/microsoft-edge/NativeMessagingHosts",
    ("edge", "linux", "system"): "/etc/opt/edge/native-messaging-hosts",
    ("brave", "linux", "user"): "/home/u/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts",
    ("brave", "linux", "system"): "/etc/brave/native-messaging-hosts",
    ("vivaldi", "linux", "user"): "/home/u/.config/vivaldi/NativeMessagingHosts",
    ("vivaldi", "linux", "system"): "/etc/opt/vivaldi/native-messaging-hosts",
    ("firefox", "linux", "user"): "/home/u/.mozilla/native-messaging-hosts",
    ("firefox", "linux", "system"): "/usr/lib/mozilla/native-messaging-hosts",
    ("chrome", "darwin", "user"): "/home/u/Library/Application Support/Google/Chrome/NativeMessagingHosts",
    ("chrome", "darwin", "system"): "/Library/Google/Chrome/NativeMessagingHosts",
    ("chromium", "darwin", "user"): "/home/u/Library/Application Support/Chromium/NativeMessagingHosts",
    ("chromium", "darwin", "system"): "/Library/Application Support/Chromium/NativeMessagingHosts",
    ("edge", "darwin", "user"): "/home/u/Library/Application Support/Microsoft Edge/NativeMessagingHosts",
    ("edge", "darwin", "system"): "/Library/Microsoft/Edge/NativeMessagingHosts",
    ("brave", "darwin", "user"): "/home/u/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts",
    ("brave", "darwin", "system"): "/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts",
    ("vivaldi", "darwin", "user"): "/home/u/Library/Application Support/Vivaldi/NativeMessagingHosts",
    ("vivaldi", "darwin", "system"): "/Library/Application Support/Vivaldi/NativeMessagingHosts",
    ("firefox", "darwin", "user"): "/home/u/Library/Application Support/Mozilla/NativeMessagingHosts",
    ("firefox", "darwin", "system"): "/Library/Application Support/Mozilla/NativeMessagingHosts",
}
WINDOWS = {
    "chrome": r"Software\Google\Chrome\NativeMessagingHosts",
    "chromium": r"Software\Chromium\NativeMessagingHosts",
    "edge": r"Software\Microsoft\Edge\NativeMessagingHosts",
    "brave": r"Software\BraveSoftware\Brave-Browser\NativeMessagingHosts",
    "vivaldi": r"Software\Vivaldi\NativeMessagingHosts",
    "firefox": r"Software\Mozilla\NativeMessagingHosts",
}
SYSTEM_BASE = {
    "linux": "/usr/local/lib/ecflink",
    "darwin": "/Library/Application Support/ecflink",
    "win32": r"C:\Program Files\ecflink",
}


def machine(os_name: str, root: Path | None = None, **env) -> Machine:
    home = PureWindowsPath(r"C:\Users\u") if os_name == "win32" else PurePosixPath("/home/u")
    if root is not None:
        root.mkdir(parents=True, exist_ok=True)
    return Machine(
        os=os_name, home=home, env=env, root=root, registry=RecordingRegistry() if os_name == "win32" else None
    )


def test_the_table_covers_every_browser_os_and_level():
    assert set(BROWSERS) == {"chrome", "chromium", "edge", "brave", "vivaldi", "firefox"}
    assert {(b, o, lvl) for b, o, lvl in POSIX} == {
        (b, o, lvl) for b in BROWSERS for o in ("linux", "darwin") for lvl in ("user", "system")
    }


@pytest.mark.parametrize("browser, os_name, level", sorted(POSIX))
def test_posix_locations(browser, os_name, level):
    place = install_place(machine(os_name), browser, level)
    assert place.key is None and place.level == level
    assert place.file == PurePosixPath(POSIX[browser, os_name, level]) / NAME


@pytest.mark.parametrize("browser", sorted(WINDOWS))
@pytest.mark.parametrize("level, hive", [("user", "HKCU"), ("system", "HKLM")])
def test_windows_registry_keys(browser, level, hive):
    place = install_place(machine("win32"), browser, level)
    assert place.file is None
    assert place.key == RegKey(hive, WINDOWS[browser] + "\\" + HOST_NAME, 64)


def test_lookup_order_is_user_then_system_and_32_bit_view_first():
    assert [str(p) for p in lookup_order(machine("win32"), "edge")] == [
        rf"HKCU\{WINDOWS['edge']}\{HOST_NAME} (32-bit view)",
        rf"HKCU\{WINDOWS['edge']}\{HOST_NAME}",
        rf"HKLM\{WINDOWS['edge']}\{HOST_NAME} (32-bit view)",
        rf"HKLM\{WINDOWS['edge']}\{HOST_NAME}",
    ]
    assert [str(p) for p in lookup_order(machine("linux"), "firefox")] == [
        f"/home/u/.mozilla/native-messaging-hosts/{NAME}",
        f"/usr/lib/mozilla/native-messaging-hosts/{NAME}",
        f"/usr/lib64/mozilla/native-messaging-hosts/{NAME}",
    ]


def test_xdg_config_home_and_user_data_dir():
    m = machine("linux", XDG_CONFIG_HOME="/home/u/cfg")
    assert install_place(m, "chrome", "user").file == PurePosixPath(
        "/home/u/cfg/google-chrome/NativeMessagingHosts", NAME
    )
    assert install_place(m, "firefox", "user").file == PurePosixPath("/home/u/.mozilla/native-messaging-hosts", NAME)
    assert install_place(m, "brave", "user", PurePosixPath("/p")).file == PurePosixPath("/p/NativeMessagingHosts", NAME)
    for browser, level in [("firefox", "user"), ("chrome", "system")]:
        with pytest.raises(UnsupportedTarget):
            install_place(m, browser, level, PurePosixPath("/p"))
    with pytest.raises(UnsupportedTarget):
        install_place(m, "netscape", "user")
    with pytest.raises(UnsupportedTarget):
        install_place(Machine(os="sunos5", home=PurePosixPath("/h")), "chrome", "user")


def snapshot(root: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None) for p in sorted(root.rglob("*"))}


@pytest.mark.parametrize("os_name", ["linux", "darwin", "win32"])
@pytest.mark.parametrize("level", ["user", "system"])
def test_install_every_browser_then_uninstall_leaves_the_machine_as_it_was(tmp_path, os_name, level):
    m = machine(os_name, tmp_path)
    m.real(m.home).mkdir(parents=True)
    before = snapshot(tmp_path)
    layout = Layout(m, level, python="/opt/py/bin/python3" if os_name != "win32" else r"C:\Python312\python.exe")
    for browser in BROWSERS:
        place = install(browser, layout, DEV)
        manifest_file = place.file if os_name != "win32" else PureWindowsPath(m.registry.get(place.key))
        manifest = json.loads(m.real(manifest_file).read_text())
        assert manifest["path"] == str(layout.launcher_path)
        assert m.path(manifest["path"]).is_absolute()
        assert str(layout.launcher_path).startswith(SYSTEM_BASE[os_name] if level == "system" else str(m.home))
        if BROWSERS[browser].family == "chromium":
            assert manifest["allowed_origins"] == CHROMIUM_ORIGINS and "allowed_extensions" not in manifest
        else:
            assert manifest["allowed_extensions"] == ["ecflink@ecflink.org"] and "allowed_origins" not in manifest
    if os_name == "win32":
        hive = "HKCU" if level == "user" else "HKLM"
        assert {k for _, k, _ in m.registry.log} == {RegKey(hive, f"{WINDOWS[b]}\\{HOST_NAME}", 64) for b in BROWSERS}
    assert uninstall(layout) == []
    assert snapshot(tmp_path) == before
    assert m.registry is None or m.registry.values == {}


def test_launchers():
    accept = "--accept chromium:dnoemiijmalcmkkakcjacpiboohkbigg --accept firefox:ecflink@ecflink.org --"
    posix = launcher_script("linux", "/opt/it's here/python3", DEV).decode()
    assert posix.startswith("#!/bin/sh\n")
    assert posix.endswith(f"cd / || exit 1\nexec '/opt/it'\"'\"'s here/python3' -I -c '{HOST_ENTRY}' {accept} \"$@\"\n")
    windows = launcher_script("win32", r"C:\100%\python.exe", DEV).decode()
    assert windows.startswith("@echo off\r\n") and "\n" not in windows.replace("\r\n", "")
    assert windows.endswith(f'cd /d "%~dp0"\r\n"C:\\100%%\\python.exe" -I -c "{HOST_ENTRY}" {accept} %*\r\n')


def test_system_level_folders_are_readable_by_everyone_whatever_the_umask(tmp_path):
    old = os.umask(0o077)
    try:
        layout = Layout(machine("linux", tmp_path), "system")
        place = install("chromium", layout, DEV)
    finally:
        os.umask(old)
    for folder in (place.file.parent, layout.launcher_path.parent):
        assert layout.machine.real(folder).stat().st_mode & 0o777 == 0o755
    assert layout.machine.real(place.file).stat().st_mode & 0o777 == 0o644
    assert layout.machine.real(layout.launcher_path).stat().st_mode & 0o777 == 0o755


def test_uninstall_leaves_what_changed_since_install(tmp_path):
    linux = Layout(machine("linux", tmp_path / "l"))
    manifest = linux.machine.real(install("chromium", linux, DEV).file)
    manifest.write_text('{"edited": true}')
    problems = uninstall(linux)
    assert len(problems) == 1 and "changed since install" in problems[0]
    assert manifest.read_text() == '{"edited": true}'

    windows = Layout(machine("win32", tmp_path / "w"))
    key = install("edge", windows, DEV).key
    windows.machine.registry.set(key, r"C:\elsewhere\other.json")
    problems = uninstall(windows)
    assert problems == [f"{key} now names C:\\elsewhere\\other.json; left in place"]
    assert windows.machine.registry.get(key) == r"C:\elsewhere\other.json"


def test_uninstall_one_browser_keeps_the_rest(tmp_path):
    layout = Layout(machine("linux", tmp_path))
    chromium, firefox = (layout.machine.real(install(b, layout, DEV).file) for b in ("chromium", "firefox"))
    assert uninstall(layout, ["firefox"]) == []
    assert chromium.exists() and layout.machine.real(layout.launcher_path).exists() and not firefox.exists()
    assert uninstall(layout, ["chromium"]) == []
    assert not layout.machine.real(layout.launcher_path).exists()
    assert not layout.machine.real(layout.record_path).exists()


def test_levels_are_recorded_apart(tmp_path):
    m = machine("win32", tmp_path)
    user, system = Layout(m, "user"), Layout(m, "system")
    install("chrome", user, DEV)
    install("chrome", system, DEV)
    assert uninstall(system) == []
    assert [k.hive for k in m.registry.values] == ["HKCU"]
    assert uninstall(user) == [] and m.registry.values == {}


def test_browsers_found_by_their_files(tmp_path):
    linux = machine("linux", tmp_path / "l")
    assert installed_browsers(linux) == []
    for path in ("/usr/lib/firefox-esr/firefox-esr", "/home/u/.config/BraveSoftware/Brave-Browser/Default"):
        real = linux.real(PurePosixPath(path))
        real.parent.mkdir(parents=True)
        real.write_text("")
    assert installed_browsers(linux) == ["brave", "firefox"]
    windows = machine("win32", tmp_path / "w", LOCALAPPDATA=r"D:\Local")
    edge = windows.real(PureWindowsPath(r"D:\Local\Microsoft\Edge\User Data"))
    edge.mkdir(parents=True)
    assert edge == tmp_path / "w" / "D" / "Local" / "Microsoft" / "Edge" / "User Data"
    assert installed_browsers(windows) == ["edge"]
    mac = machine("darwin", tmp_path / "m")
    mac.real(PurePosixPath("/Applications/Google Chrome.app")).mkdir(parents=True)
    assert installed_browsers(mac) == ["chrome"]


# -- Linux, for real --------------------------------------------------------------------------------


@pytest.fixture
def home(tmp_path):
    home = tmp_path / "home"
    # Someone else's files where ours go: they must survive install and uninstall.
    (home / ".mozilla" / "native-messaging-hosts").mkdir(parents=True)
    (home / ".mozilla" / "native-messaging-hosts" / "other.host.json").write_text("{}")
    (home / ".local" / "share").mkdir(parents=True)
    return home


def real_layout(home: Path) -> Layout:
    return Layout(Machine(os="linux", home=home, env={}))


def test_installed_launcher_starts_the_host(home):
    """The launcher the manifest names answers a ping exactly as a browser would launch it."""
    layout = real_layout(home)
    install("chromium", layout, DEV)
    manifest = json.loads(Path(install("firefox", layout, DEV).file).read_text())
    env = {**os.environ, "ECFLINK_DATA_DIR": str(home / "data")}

    def start(*args):
        return subprocess.run(
            [manifest["path"], *args], input=frame({"type": "ping"}), capture_output=True, env=env, timeout=30, cwd="/"
        )

    chromium, firefox = start(*CHROMIUM_ORIGINS), start("/x/org.ecflink.host.json", "ecflink@ecflink.org")
    foreign = start("chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/")
    assert [parse_frames(p.stdout)[0]["type"] for p in (chromium, firefox)] == ["pong", "pong"]
    assert foreign.returncode == 2 and foreign.stdout == b""


def test_launcher_ignores_modules_in_the_working_folder(home, tmp_path):
    """Browsers choose the host's working folder; a planted `ecflink` package there must not load."""
    layout = real_layout(home)
    install("chromium", layout, DEV)
    planted = tmp_path / "cwd" / "ecflink"
    planted.mkdir(parents=True)
    (planted / "__init__.py").write_text("raise SystemExit('planted module ran')")
    proc = subprocess.run(
        [str(layout.launcher_path), *CHROMIUM_ORIGINS],
        input=frame({"type": "ping"}),
        capture_output=True,
        timeout=30,
        cwd=planted.parent,
        env={**os.environ, "ECFLINK_DATA_DIR": str(tmp_path / "data")},
    )
    assert parse_frames(proc.stdout)[0]["type"] == "pong"


def test_launcher_ignores_pythonpath_and_the_users_own_site_packages(home, tmp_path):
    """PYTHONPATH (an empty entry in it once put the working folder back) and the user's own
    site-packages cannot put code in the host: the launcher runs Python isolated (-I)."""
    layout = real_layout(home)
    install("chromium", layout, DEV)
    user_site = subprocess.run(
        [sys.executable, "-c", "import site; print(site.getusersitepackages())"],
        env={**os.environ, "HOME": str(home)},
        capture_output=True,
        text=True,
    ).stdout.strip()
    for folder in (tmp_path / "path", Path(user_site)):
        (folder / "ecflink").mkdir(parents=True)
        (folder / "ecflink" / "__init__.py").write_text("raise SystemExit('planted module ran')")
    env = {
        **os.environ,
        "HOME": str(home),
        "ECFLINK_DATA_DIR": str(tmp_path / "data"),
        "PYTHONPATH": f":{tmp_path / 'path'}",
        "PYTHONSTARTUP": str(tmp_path / "path" / "x.py"),
        "PYTHONINSPECT": "1",
    }
    proc = subprocess.run(
        [str(layout.launcher_path), *CHROMIUM_ORIGINS],
        input=frame({"type": "ping"}),
        capture_output=True,
        timeout=30,
        cwd=tmp_path / "path",
        env=env,
    )
    assert parse_frames(proc.stdout)[0]["type"] == "pong", proc.stderr


def test_partial_uninstalls_in_any_order_leave_home_as_it_was(home, tmp_path):
    layout = real_layout(home)
    before = snapshot(tmp_path)
    for browser in ("chromium", "chrome", "firefox", "firefox"):
        install(browser, layout, DEV)
    install("chromium", layout, DEV, user_data_dir=tmp_path / "profile")
    assert snapshot(tmp_path) != before
    for browser in ("chromium", "firefox", "chrome"):
        assert uninstall(layout, [browser]) == []
    assert snapshot(tmp_path) == before
    assert uninstall(layout) == []  # nothing left to remove is harmless


def cli(*args, home: Path, **extra):
    env = {**os.environ, "HOME": str(home), "ECFLINK_DATA_DIR": "", **extra}
    env.pop("XDG_DATA_HOME", None)
    env.pop("XDG_CONFIG_HOME", None)
    return subprocess.run(
        [sys.executable, "-m", "ecflink.cli", *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_cli_install_and_uninstall(tmp_path):
    out = cli("install", "--dev", "--browser", "chromium", "--browser", "firefox", "--browser", "edge", home=tmp_path)
    assert out.returncode == 0, out.stderr
    for folder in (
        ".config/chromium/NativeMessagingHosts",
        ".mozilla/native-messaging-hosts",
        ".config/microsoft-edge/NativeMessagingHosts",
    ):
        assert (tmp_path / folder / NAME).exists()
    assert (tmp_path / ".local/share/ecflink/host/ecflink-host").exists()
    bad = cli("install", "--dev", "--browser", "firefox", "--user-data-dir", str(tmp_path / "p"), home=tmp_path)
    assert bad.returncode == 2 and "Chromium-family" in bad.stderr
    out = cli("uninstall", home=tmp_path)
    assert out.returncode == 0, out.stderr
    assert list(tmp_path.rglob("*")) == []


def test_cli_install_defaults_to_the_browsers_found(tmp_path):
    (tmp_path / ".config" / "vivaldi").mkdir(parents=True)
    out = cli("install", "--dev", home=tmp_path)
    assert out.returncode == 0, out.stderr
    on_this_machine = {
        b for b in BROWSERS if any(Path(p).exists() for p in BROWSERS[b].evidence["linux"] if p.startswith("/"))
    }
    expected = {"vivaldi"} | on_this_machine
    registered = {
        line.split(":")[0] for line in out.stdout.splitlines() if not line.startswith(("launcher", "accepts"))
    }
    assert registered == expected


def test_cli_system_install_without_rights_says_so():
    """As an ordinary user (root drops to nobody for this), a system-wide install fails clearly."""
    drop = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("setpriv is needed to run the command as an unprivileged user")
        drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    env = {"PATH": os.environ["PATH"], "HOME": "/nonexistent", "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run(
        [*drop, sys.executable, "-m", "ecflink.cli", "install", "--system", "--browser", "chrome"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd="/",
    )
    assert out.returncode == 1, out.stderr
    assert "must run as root" in out.stderr
