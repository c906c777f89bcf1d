"""`ecflink doctor`: passes on a good install, and names each fault, with its fix. Linux for real
in a temporary HOME (the launchers run); firm policy, macOS and Windows layouts on a temporary root
and a recording registry."""

import json
import os
import subprocess
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from ecflink.identity import HOST_NAME
from ecflink.installer import doctor
from ecflink.installer.install import Layout, install
from ecflink.installer.machine import Machine, RecordingRegistry, RegKey
from ecflink.identity import development


DEV = development()  # the unpacked extension, as `ecflink install --dev` accepts it


@pytest.fixture
def real(tmp_path) -> Layout:
    """Chromium and Firefox registered for real in a temporary HOME."""
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "ECFLINK_DATA_DIR": str(tmp_path / "data")}
    layout = Layout(Machine(os="linux", home=home, env=env))
    for browser in ("chromium", "firefox"):
        install(browser, layout, DEV)
    return layout


def failures(findings):
    return [f for f in findings if f.status == "fail"]


def run(layout: Layout, browsers=("chromium", "firefox")):
    return doctor.run(layout.machine, list(browsers), keyring=False)


def test_a_good_install_passes_and_changes_nothing(real, tmp_path):
    before = sorted(p for p in tmp_path.rglob("*"))
    findings = run(real)
    assert failures(findings) == []
    assert [(f.subject, f.check) for f in findings] == [
        ("chromium", "manifest"),
        ("chromium", "launcher"),
        ("chromium", "ping"),
        ("firefox", "manifest"),
        ("firefox", "launcher"),
        ("firefox", "ping"),
        ("data folder", "writable"),
    ]
    assert all("answered a ping" in f.detail for f in findings if f.check == "ping")
    assert sorted(p for p in tmp_path.rglob("*")) == before


def manifest_path(layout: Layout, browser: str) -> Path:
    folder = {"chromium": ".config/chromium/NativeMessagingHosts", "firefox": ".mozilla/native-messaging-hosts"}
    return Path(layout.machine.home) / folder[browser] / f"{HOST_NAME}.json"


def edit_manifest(layout, browser, **changes):
    path = manifest_path(layout, browser)
    manifest = json.loads(path.read_text())
    manifest.update(changes)
    path.write_text(json.dumps(manifest))


def write_launcher(layout, text):
    path = Path(layout.launcher_path)
    path.write_text(text)
    path.chmod(0o755)


FAULTS = {
    "launcher removed": (lambda lay: Path(lay.launcher_path).unlink(), "launcher", "does not exist"),
    "launcher not executable": (lambda lay: Path(lay.launcher_path).chmod(0o644), "launcher", "is not executable"),
    "wrong extension id": (
        lambda lay: edit_manifest(
            lay, "chromium", allowed_origins=["chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/"]
        ),
        "manifest",
        "which the helper app installed here does not accept",
    ),
    "wrong add-on id": (
        lambda lay: edit_manifest(lay, "firefox", allowed_extensions=["evil@example.com"]),
        "manifest",
        "which the helper app installed here does not accept",
    ),
    "firefox manifest with origins": (
        lambda lay: edit_manifest(lay, "firefox", allowed_origins=[]),
        "manifest",
        "makes Firefox reject it",
    ),
    "bad json": (lambda lay: manifest_path(lay, "chromium").write_text('{"name": '), "manifest", "not valid JSON"),
    "relative path": (
        lambda lay: edit_manifest(lay, "chromium", path="ecflink-host"),
        "manifest",
        "path is not an absolute path",
    ),
    "manifest missing": (
        lambda lay: manifest_path(lay, "firefox").unlink(),
        "manifest",
        "no ecflink host manifest where Firefox looks",
    ),
    "launcher fails": (
        lambda lay: write_launcher(lay, "#!/bin/sh\necho 'No module named ecflink' >&2\nexit 1\n"),
        "ping",
        "exit code 1, no pong; it said: No module named ecflink",
    ),
    "launcher babbles": (lambda lay: write_launcher(lay, "#!/bin/sh\necho hello\n"), "ping", "no pong"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_doctor_names_each_fault_with_its_fix(real, fault):
    breaker, check, words = FAULTS[fault]
    breaker(real)
    found = failures(run(real))
    assert found and all(f.check == check and words in f.detail and f.fix for f in found), found
    if check == "launcher" or check == "ping":  # both browsers share the launcher
        assert {f.subject for f in found} == {"chromium", "firefox"}
    else:
        assert len(found) == 1
    assert "ecflink install --browser" in found[0].fix or "chmod 755" in found[0].fix


def test_a_host_that_never_answers_times_out(real, monkeypatch):
    monkeypatch.setattr(doctor, "PING_TIMEOUT_S", 1.0)
    write_launcher(real, "#!/bin/sh\nexec sleep 30\n")
    found = failures(run(real, ["chromium"]))
    assert [(f.check, f.detail.endswith("no answer within 1 s")) for f in found] == [("ping", True)]


def test_unwritable_data_folder(tmp_path):
    blocked = tmp_path / "ro"
    blocked.mkdir()
    blocked.chmod(0o500)
    machine = Machine(os="linux", home=tmp_path, env={"ECFLINK_DATA_DIR": str(blocked / "ecflink")})
    finding = doctor.check_data_dir(machine)
    if os.geteuid() == 0:  # root writes anywhere: the folder is fine for root
        assert finding.status == "ok"
    else:
        assert finding.status == "fail" and "ECFLINK_DATA_DIR" in finding.fix
    assert (
        doctor.check_data_dir(
            Machine(os="linux", home=tmp_path, env={"ECFLINK_DATA_DIR": str(tmp_path / "file" / "ecflink")})
        ).status
        == "ok"
    )
    (tmp_path / "afile").write_text("")
    finding = doctor.check_data_dir(
        Machine(os="linux", home=tmp_path, env={"ECFLINK_DATA_DIR": str(tmp_path / "afile" / "ecflink")})
    )
    assert finding.status == "fail" and "afile" in finding.detail


# -- firm policy, and other OSes, on a temporary root -----------------------------------------------


def rooted(os_name: str, root: Path) -> Machine:
    root.mkdir(parents=True, exist_ok=True)
    home = PureWindowsPath(r"C:\Users\u") if os_name == "win32" else PurePosixPath("/home/u")
    return Machine(
        os=os_name, home=home, env={}, root=root, registry=RecordingRegistry() if os_name == "win32" else None
    )


def set_policy(machine: Machine, folder: str, policy: dict) -> None:
    path = machine.real(PurePosixPath(folder) / "ecflink.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(policy))


def test_policy_turning_off_user_level_hosts_needs_a_system_install(tmp_path):
    m = rooted("linux", tmp_path)
    install("chrome", Layout(m, "user"), DEV)
    assert failures(doctor.run(m, ["chrome"], keyring=False)) == []
    set_policy(m, "/etc/opt/chrome/policies/managed", {"NativeMessagingUserLevelHosts": False})
    findings = doctor.run(m, ["chrome"], keyring=False)
    assert findings[0].check == "policy" and findings[0].status == "ok"
    [fault] = failures(findings)
    assert "/etc/opt/chrome/native-messaging-hosts" in fault.detail and ".config" not in fault.detail
    install("chrome", Layout(m, "system"), DEV)
    findings = doctor.run(m, ["chrome"], keyring=False)
    assert failures(findings) == []
    assert [f.status for f in findings if f.check == "ping"] == ["skip"]  # not this computer's files


def test_policy_blocking_all_hosts_is_named(tmp_path):
    m = rooted("linux", tmp_path)
    install("edge", Layout(m, "system"), DEV)
    set_policy(m, "/etc/opt/edge/policies/managed", {"NativeMessagingBlocklist": ["*"]})
    [fault] = failures(doctor.run(m, ["edge"], keyring=False))
    assert fault.check == "policy" and HOST_NAME in fault.fix
    set_policy(
        m,
        "/etc/opt/edge/policies/managed",
        {"NativeMessagingBlocklist": ["*"], "NativeMessagingAllowlist": [HOST_NAME]},
    )
    assert failures(doctor.run(m, ["edge"], keyring=False)) == []


def test_windows_follows_the_registry_as_the_browser_does(tmp_path):
    m = rooted("win32", tmp_path)
    install("brave", Layout(m, "system"), DEV)
    assert failures(doctor.run(m, ["brave"], keyring=False)) == []
    # A stale per-user key, read before HKLM, names a file that is gone: that is what Brave uses.
    stale = RegKey("HKCU", rf"Software\BraveSoftware\Brave-Browser\NativeMessagingHosts\{HOST_NAME}", 32)
    m.registry.set(stale, r"C:\old\ecflink.json")
    [fault] = failures(doctor.run(m, ["brave"], keyring=False))
    assert fault.detail == r"the registry names C:\old\ecflink.json, which does not exist"


def test_macos_system_install_found(tmp_path):
    m = rooted("darwin", tmp_path)
    install("firefox", Layout(m, "system"), DEV)
    findings = doctor.run(m, ["firefox"], keyring=False)
    assert failures(findings) == []
    assert findings[0].detail.startswith("/Library/Application Support/Mozilla/NativeMessagingHosts/")


def test_snap_and_flatpak_browsers_are_named_with_what_to_do(tmp_path):
    """Fake installs in a temporary root: Ubuntu's Snap Firefox (works through the desktop portal),
    a user's Flatpak Firefox (works with xdg-native-messaging-proxy), and a Snap Chromium and a
    system Flatpak Chrome (nothing can be installed for them)."""
    m = rooted("linux", tmp_path)
    for folder in (
        "/snap/firefox/current",
        "/snap/chromium/current",
        "/var/lib/flatpak/app/com.google.Chrome/current",
        "/home/u/.local/share/flatpak/app/org.mozilla.firefox/current",
    ):
        m.real(PurePosixPath(folder)).mkdir(parents=True)
    install("firefox", Layout(m, "user"), DEV)
    findings = [f for f in doctor.run(m, ["firefox"], keyring=False) if f.check == "sandbox"]
    seen = {(f.subject, f.status, f.detail.split(" (")[0]) for f in findings}
    assert seen == {
        ("firefox", "note", "installed as a Snap"),
        ("firefox", "note", "installed as a Flatpak"),
        ("chromium", "fail", "installed as a Snap"),
        ("chrome", "fail", "installed as a Flatpak"),
    }
    fixes = {(f.subject, f.detail.split(" (")[0]): f.fix for f in findings}
    assert "WebExtensions portal" in fixes[("firefox", "installed as a Snap")]
    assert "xdg-native-messaging-proxy" in fixes[("firefox", "installed as a Flatpak")]
    assert "snap remove chromium" in fixes[("chromium", "installed as a Snap")]
    assert "flatpak uninstall com.google.Chrome" in fixes[("chrome", "installed as a Flatpak")]
    report = doctor.report_text(findings)
    assert "NOTE  sandbox" in report and "FAIL  sandbox" in report


def test_no_sandboxed_browser_is_reported_elsewhere(tmp_path):
    m = rooted("darwin", tmp_path)
    m.real(PurePosixPath("/snap/firefox/current")).mkdir(parents=True)
    assert [f for f in doctor.run(m, ["firefox"], keyring=False) if f.check == "sandbox"] == []


def test_no_browser_found(tmp_path):
    [fault] = failures(doctor.run(rooted("linux", tmp_path), keyring=False))
    assert fault.subject == "browsers" and "--browser" in fault.fix


# -- the command ------------------------------------------------------------------------------------


def doctor_cli(home: Path, *args, **env):
    full = {**os.environ, "HOME": str(home), "ECFLINK_DATA_DIR": "", **env}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        full.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "ecflink.cli", "doctor", *args], env=full, capture_output=True, text=True, timeout=120
    )


def test_cli_report_and_json(tmp_path, keyring_daemon):
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "ECFLINK_DATA_DIR": ""}
    subprocess.run(
        [sys.executable, "-m", "ecflink.cli", "install", "--dev", "--browser", "chromium", "--browser", "firefox"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    out = doctor_cli(home, "--browser", "chromium", "--browser", "firefox", "--json")
    assert out.returncode == 0, out.stdout + out.stderr
    report = json.loads(out.stdout)
    assert report["ok"] is True and report["os"] == "linux"
    assert {(f["subject"], f["check"], f["status"]) for f in report["findings"]} >= {
        ("chromium", "ping", "ok"),
        ("firefox", "ping", "ok"),
        ("keyring", "answers", "ok"),
    }
    (home / ".local/share/ecflink/host/ecflink-host").unlink()
    out = doctor_cli(home, "--browser", "chromium")
    assert out.returncode == 1
    assert "FAIL  launcher" in out.stdout and "fix:      reinstall: ecflink install --browser chromium" in out.stdout
    assert out.stdout.rstrip().endswith("1 problem found.")


def test_cli_without_a_keyring(tmp_path):
    out = doctor_cli(
        tmp_path,
        "--browser",
        "chromium",
        "--json",
        DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    keyring = [f for f in json.loads(out.stdout)["findings"] if f["subject"] == "keyring"]
    assert out.returncode == 1
    assert keyring[0]["status"] == "fail" and "No system keyring" in keyring[0]["detail"]
