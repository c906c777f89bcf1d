"""Release packages: web-ext lint is clean but for the one dual-manifest warning, the Firefox and
Chrome packages hold the whole extension (Chrome's without the development key), and the wheel
installs with pipx and registers a host that answers the doctor's ping."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.package
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import package  # noqa: E402

EXTENSION_FILES = sorted(
    p.relative_to(ROOT / "extension").as_posix()
    for p in (ROOT / "extension").rglob("*")
    if p.is_file() and p.relative_to(ROOT / "extension").as_posix() not in package.NOT_PACKAGED
)


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    try:
        package._web_ext()
    except package.PackagingError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"web-ext is required in CI: {exc}")
        pytest.skip(str(exc))
    return tmp_path_factory.mktemp("dist")


def test_web_ext_lint_has_only_the_dual_manifest_warning(dist):
    report = package.lint()
    assert report["errors"] == []
    assert [m["code"] for m in report["warnings"]] == ["BACKGROUND_SERVICE_WORKER_IGNORED"]


def test_lint_refuses_anything_else(dist, tmp_path, monkeypatch):
    broken = tmp_path / "extension"
    subprocess.run(["cp", "-r", str(ROOT / "extension"), str(broken)], check=True)
    manifest = json.loads((broken / "manifest.json").read_text())
    manifest["permissions"].append("tabz")  # a misspelt permission
    (broken / "manifest.json").write_text(json.dumps(manifest))
    monkeypatch.setattr(package, "EXTENSION", broken)
    with pytest.raises(package.PackagingError, match="tabz"):
        package.lint()


def test_firefox_package_holds_the_extension_without_the_development_key(dist):
    archive = zipfile.ZipFile(package.firefox_package(dist))
    assert sorted(n for n in archive.namelist() if not n.endswith("/")) == EXTENSION_FILES  # files, not folders
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["browser_specific_settings"]["gecko"]["id"] == "ecflink@ecflink.org" and "key" not in manifest
    assert "update_url" not in manifest["browser_specific_settings"]["gecko"]  # a store-listed build has none


def test_a_self_distributed_firefox_build_carries_its_update_url(dist):
    url = "https://it.example-firm.com/ecflink/updates.json"
    manifest = json.loads(zipfile.ZipFile(package.firefox_package(dist, url)).read("manifest.json"))
    assert manifest["browser_specific_settings"]["gecko"]["update_url"] == url
    with pytest.raises(package.PackagingError, match="https"):
        package.release_manifest("http://it.example-firm.com/updates.json")


def test_signing_stops_before_the_signing_call_without_credentials(dist, monkeypatch):
    """`./run package --sign` with no AMO credentials: every package is built, then a clear stop."""
    calls = []
    monkeypatch.setattr(package.subprocess, "run", lambda *a, **k: calls.append(a) or pytest.fail("ran"))
    with pytest.raises(package.PackagingError, match="WEB_EXT_API_KEY and WEB_EXT_API_SECRET"):
        package.sign(dist, {"WEB_EXT_API_KEY": ""})
    assert calls == []
    command = package.sign_command(dist)
    assert command[1:5] == ["sign", "--channel", "unlisted", "--source-dir"] and command[5].endswith("firefox-release")


def test_the_package_command_builds_everything_then_stops_at_signing(tmp_path, monkeypatch):
    for name in package.AMO_CREDENTIALS:
        monkeypatch.delenv(name, raising=False)
    try:
        package._web_ext()
    except package.PackagingError as exc:
        pytest.skip(str(exc))
    assert package.main(["--out", str(tmp_path), "--sign"]) == 1
    built = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    assert built == [
        "ecflink-0.1.0-py3-none-any.whl",
        "ecflink-chrome-0.1.0.zip",
        "ecflink-firefox-0.1.0.zip",
        "ecflink_0.1.0_amd64.deb",
    ]


def test_chrome_zip_has_no_key_and_is_reproducible(dist, tmp_path):
    first = package.chrome_zip(dist)
    archive = zipfile.ZipFile(first)
    assert sorted(archive.namelist()) == EXTENSION_FILES
    manifest = json.loads(archive.read("manifest.json"))
    source = json.loads((ROOT / "extension" / "manifest.json").read_text())
    assert "key" not in manifest and "key" in source
    assert manifest == {k: v for k, v in source.items() if k != "key"}
    assert archive.read("background.js") == (ROOT / "extension" / "background.js").read_bytes()
    assert package.chrome_zip(tmp_path).read_bytes() == first.read_bytes()


def test_wheel_installs_with_pipx_and_its_host_answers(dist, tmp_path, keyring_daemon):
    wheel = package.wheel(dist)
    names = zipfile.ZipFile(wheel).namelist()
    assert "ecflink/host.py" in names and "ecflink/installer/install.py" in names and "ecflink/data/pages.json" in names
    assert not [n for n in names if n.startswith("ecflink/practice/")]  # the practice world is a development tool
    with zipfile.ZipFile(wheel) as archive:  # the one template, copied in by setup.py's build hook
        assert archive.read("ecflink/installer/host-manifest.json") == (ROOT / "manifest.json").read_bytes()
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "PIPX_HOME": str(tmp_path / "pipx"),
        "PIPX_BIN_DIR": str(tmp_path / "bin"),
        "PIPX_MAN_DIR": str(tmp_path / "man"),
        "HOME": str(home),
        "ECFLINK_DATA_DIR": "",
    }
    env.pop("XDG_DATA_HOME", None)
    env.pop("XDG_CONFIG_HOME", None)
    proc = subprocess.run(
        [sys.executable, "-m", "pipx", "install", str(wheel)], env=env, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    ecflink = tmp_path / "bin" / "ecflink"

    def run(*args):
        return subprocess.run([str(ecflink), *args], env=env, capture_output=True, text=True, timeout=120, cwd="/")

    assert run("--version").stdout.strip() == "ecflink 0.1.0"
    assert " demo " not in run("--help").stdout
    assert run("install", "--dev", "--browser", "chromium", "--browser", "firefox").returncode == 0
    launcher = (home / ".local/share/ecflink/host/ecflink-host").read_text()
    assert str(tmp_path / "pipx" / "venvs" / "ecflink") in launcher  # pipx's own Python, not the test's
    doctor = run("doctor", "--browser", "chromium", "--browser", "firefox", "--json")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert all(f["status"] == "ok" for f in json.loads(doctor.stdout)["findings"])
    assert run("uninstall").returncode == 0
