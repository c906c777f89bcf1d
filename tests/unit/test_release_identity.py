"""Release identities: the host answers the extensions it was installed for. The published IDs
always; a firm's build with --extension-id; the development extension only with --dev. Checked by
running the launcher `ecflink install` wrote, as a browser would."""

import json
import os
import subprocess
import sys

import pytest

from ecflink import identity
from tests.hostio import frame, parse_frames

FIRM_ID = "abcdefghijklmnopabcdefghijklmnop"
DEV_ID = identity.development().of("chromium")[0]


def cli(home, *args):
    env = {**os.environ, "HOME": str(home), "ECFLINK_DATA_DIR": ""}
    env.pop("XDG_DATA_HOME", None)
    return subprocess.run(
        [sys.executable, "-m", "ecflink.cli", *args], env=env, capture_output=True, text=True, timeout=60
    )


def launch(home, *browser_args) -> tuple[int, list]:
    """Run the installed launcher with the browser's arguments and one ping."""
    env = {**os.environ, "HOME": str(home), "ECFLINK_DATA_DIR": str(home / "data")}
    launcher = home / ".local/share/ecflink/host/ecflink-host"
    proc = subprocess.run(
        [str(launcher), *browser_args], input=frame({"type": "ping", "id": 1}), capture_output=True, env=env, timeout=60
    )
    return proc.returncode, parse_frames(proc.stdout)


def chromium_manifest(home) -> dict:
    return json.loads((home / ".config/chromium/NativeMessagingHosts/org.ecflink.host.json").read_text())


def test_a_firms_build_is_answered_and_the_development_extension_refused(tmp_path):
    done = cli(tmp_path, "install", "--browser", "chromium", "--extension-id", FIRM_ID)
    assert done.returncode == 0, done.stderr
    assert f"accepts chromium extensions: {FIRM_ID}" in done.stdout
    assert chromium_manifest(tmp_path)["allowed_origins"] == [f"chrome-extension://{FIRM_ID}/"]
    code, frames = launch(tmp_path, f"chrome-extension://{FIRM_ID}/")
    assert code == 0 and frames[0]["type"] == "pong"
    assert launch(tmp_path, f"chrome-extension://{DEV_ID}/") == (2, [])
    doctor = json.loads(cli(tmp_path, "doctor", "--browser", "chromium", "--json").stdout)
    manifest = next(f for f in doctor["findings"] if f["check"] == "manifest")
    assert FIRM_ID in manifest["detail"] and DEV_ID not in manifest["detail"]
    assert next(f for f in doctor["findings"] if f["check"] == "ping")["status"] == "ok"


def test_with_dev_the_reverse(tmp_path):
    assert cli(tmp_path, "install", "--browser", "chromium", "--dev").returncode == 0
    assert chromium_manifest(tmp_path)["allowed_origins"] == [f"chrome-extension://{DEV_ID}/"]
    assert launch(tmp_path, f"chrome-extension://{DEV_ID}/")[0] == 0
    assert launch(tmp_path, f"chrome-extension://{FIRM_ID}/") == (2, [])


def test_installs_at_a_level_add_up_and_uninstall_starts_afresh(tmp_path):
    assert cli(tmp_path, "install", "--browser", "chromium", "--dev").returncode == 0
    assert cli(tmp_path, "install", "--browser", "chromium", "--extension-id", FIRM_ID).returncode == 0
    assert launch(tmp_path, f"chrome-extension://{DEV_ID}/")[0] == 0
    assert launch(tmp_path, f"chrome-extension://{FIRM_ID}/")[0] == 0
    assert len(chromium_manifest(tmp_path)["allowed_origins"]) == 2
    assert cli(tmp_path, "uninstall").returncode == 0
    assert cli(tmp_path, "install", "--browser", "chromium", "--extension-id", FIRM_ID).returncode == 0
    assert launch(tmp_path, f"chrome-extension://{DEV_ID}/") == (2, [])


def test_without_a_store_id_a_chrome_family_install_says_what_to_do(tmp_path):
    refused = cli(tmp_path, "install", "--browser", "chromium")
    assert refused.returncode == 2 and "--extension-id ID" in refused.stderr and "--dev" in refused.stderr
    firefox = cli(tmp_path, "install", "--browser", "firefox")  # the add-on ID is the manifest's own
    assert firefox.returncode == 0 and "accepts firefox extensions: ecflink@ecflink.org" in firefox.stdout


@pytest.mark.parametrize("text", ["chrome-extension://abc/", "ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP", "x y", ""])
def test_an_id_of_neither_shape_is_refused(tmp_path, text):
    refused = cli(tmp_path, "install", "--browser", "chromium", "--extension-id", text)
    assert refused.returncode == 2 and "neither a Chrome-family extension ID" in refused.stderr
    assert not (tmp_path / ".local").exists()


def test_the_host_without_accept_answers_the_published_ids_only():
    accepted, rest = identity.split_args(["chrome-extension://x/"])
    assert accepted is None and rest == ["chrome-extension://x/"]
    accepted, rest = identity.split_args(["--accept", f"chromium:{FIRM_ID}", "--", "--accept", "firefox:evil@x"])
    assert accepted == identity.Accepted(chromium=frozenset({FIRM_ID})) and rest == ["--accept", "firefox:evil@x"]
    assert identity.identify_caller([f"chrome-extension://{DEV_ID}/"], identity.published()) is None
    assert identity.identify_caller(["/m.json", "ecflink@ecflink.org"], identity.published()) is not None
