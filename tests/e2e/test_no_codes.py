"""ecflink never holds a code (issue 36): the MFA codes a filer types on PACER's sign-in chain, a
wrong one and a backup code among them, are found in no file of ecflink's data folder (its log and
progress store included), in no native message either way, in none of the extension's storage, and
in no snapshot taken at the code step; in both browsers."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from ecflink.installer.locations import install_place
from ecflink.installer.machine import Machine, os_name
from ecflink.practice.browsers import Session, host_processes, open_extension_page
from ecflink.practice.sim import totp
from ecflink.practice.walkthrough import Walker
from tests.e2e.helpers import wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.own_browser("its helper app is launched through a frame recorder")]

RECORDER = Path(__file__).with_name("frame_recorder.py")
WRONG_CODE, BACKUP_CODE = "917304", "K7QX-29MD-4TRW"  # typed, refused by the simulated PACER
# The extension's storage, local and per session, as one JSON text (read in one of its own pages).
_STORAGE = """
const done = arguments[arguments.length - 1];
const api = globalThis.browser ?? globalThis.chrome;
Promise.all([api.storage.local.get(null), api.storage.session.get(null)])
  .then((both) => done(JSON.stringify(both)), (e) => done(String(e)));
"""


def record_frames(session: Session, out: Path) -> tuple[Path, Path]:
    """Point the browser's host manifest at the frame recorder, in front of ecflink's own launcher, and
    end any host already running so the next connection goes through it."""
    machine = Machine(os=os_name(), home=session.folder / "home", env={})
    manifest = Path(install_place(machine, session.name, "user", session.user_data_dir).file)
    registered = json.loads(manifest.read_text())
    launcher = session.folder / "recording-host"
    launcher.write_text(f"#!/bin/sh\nexec '{sys.executable}' '{RECORDER}' '{registered['path']}' '{out}' \"$@\"\n")
    launcher.chmod(0o755)
    manifest.write_text(json.dumps({**registered, "path": str(launcher)}))
    for pid in host_processes(session):
        os.kill(pid, signal.SIGTERM)
    wait_for(lambda: not host_processes(session), what="the helper app started before the switch to end")
    return Path(f"{out}.in"), Path(f"{out}.out")


def test_no_code_typed_on_the_sign_in_chain_is_kept_anywhere(browser, world, tmp_path):
    frames = record_frames(browser, tmp_path / "frames")
    walker = Walker(browser, world)
    driver = browser.driver
    walker.open_court("txwd")
    walker.log_in("jdoe2024", "Pacer-Pass-2024")
    walker.acknowledge_redaction()
    walker.expect("One-time code", "mfa")
    for refused in (WRONG_CODE, BACKUP_CODE):
        walker.type_into("#mfaForm\\:mfaInput", refused)
        walker.click("#mfaForm\\:btnOk")
        wait_for(lambda: walker.expect("A code refused", "mfa")["tone"] == "problem", what="the refused-code hint")
    secret = world.pacer["jdoe2024"].totp_secret
    code = totp.code(secret)
    walker.type_into("#mfaForm\\:mfaInput", code)
    # A snapshot of the code step, with the code in its field, from the popup.
    page = driver.current_window_handle
    driver.switch_to.new_window("tab")
    open_extension_page(browser, "popup.html")
    wait_for(lambda: driver.find_elements(By.ID, "snapshot"), what="the popup")[0].click()
    wait_for(lambda: driver.find_element(By.ID, "snapshot-result").text.startswith("Saved as"), what="the snapshot")
    storage = driver.execute_async_script(_STORAGE)
    driver.close()
    driver.switch_to.window(page)
    planted = [WRONG_CODE, BACKUP_CODE, code]
    if not totp.verify(secret, code):  # the snapshot took the code's 30 seconds and more: a fresh one
        planted.append(totp.code(secret))
        walker.type_into("#mfaForm\\:mfaInput", planted[-1])
    walker.click("#mfaForm\\:btnOk")
    walker.expect("Logged in, no filing menus yet", "ecf_unlinked")
    written = {str(p): p.read_bytes() for p in browser.data_dir.rglob("*") if p.is_file()}
    assert any("reports" in name for name in written) and any(name.endswith("host.log") for name in written)
    sent, answered = (frame.read_bytes() for frame in frames)
    assert b'"type": "facts"' in sent or b'"type":"facts"' in sent  # the recorder saw the page reports
    assert b'"mfa"' in answered  # and the hints of the code step
    places = {**written, "messages to the helper app": sent, "its replies": answered, "storage": storage.encode()}
    found = {
        (secret_code, place)
        for secret_code in planted
        for place, data in places.items()
        if secret_code.encode() in data
    }
    assert found == set()
