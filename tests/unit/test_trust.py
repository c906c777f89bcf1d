"""A system-wide host runs only code root alone can change; the doctor, as root, runs nothing a
user could have put in place (security audit F6, F8). Root runs these tests (it owns the files
here and can give them away); an ordinary user skips them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ecflink.identity import HOST_NAME
from ecflink.installer import doctor
from ecflink.installer.install import Layout, UnsafeInterpreter, check_system_python, install
from ecflink.installer.machine import Machine
from ecflink.installer.trust import admin_only_problems, interpreter_problems
from ecflink.identity import development

DEV = development()  # the unpacked extension, as `ecflink install --dev` accepts it

pytestmark = pytest.mark.skipif(os.name == "nt" or os.geteuid() != 0, reason="needs root, to own and give away files")
NOBODY = 65534


def test_root_only_paths_pass_and_each_way_out_is_named(tmp_path):
    tmp_path.chmod(0o755)
    safe = tmp_path / "safe" / "lib.py"
    safe.parent.mkdir(mode=0o755)
    safe.write_text("")
    safe.chmod(0o644)
    assert admin_only_problems([safe]) == []  # under /tmp: sticky, and root owns what is below it
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    group = tmp_path / "group"
    group.mkdir()
    os.chown(group, 0, NOBODY)
    group.chmod(0o775)
    theirs = tmp_path / "theirs.py"
    theirs.write_text("")
    os.chown(theirs, NOBODY, 0)
    link = tmp_path / "link"
    link.symlink_to(shared)
    problems = admin_only_problems([shared / "x", group / "y", theirs, link])
    assert any(f"{shared} can be changed by any user" in p for p in problems)
    assert any(f"{group} can be changed by group {NOBODY}" in p for p in problems)
    assert any(f"{theirs} belongs to uid {NOBODY}" in p for p in problems)


def test_this_interpreter_is_trusted_only_if_root_alone_can_change_it(tmp_path):
    """This test's own Python passes (root owns it); a virtual environment any user can write to
    (here, one reaching ecflink through a .pth file) is refused for a system-wide install."""
    assert interpreter_problems(sys.executable) == []
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    site = next(venv.glob("lib/python*/site-packages"))
    import ecflink

    (site / "ecflink-source.pth").write_text(str(Path(ecflink.__file__).parents[1]) + "\n")
    (site / "ecflink-source.pth").chmod(0o666)
    problems = interpreter_problems(str(venv / "bin" / "python"))
    assert any("ecflink-source.pth can be changed by any user" in p for p in problems)
    with pytest.raises(UnsafeInterpreter) as refused:
        check_system_python(Layout(Machine.current(), "system", python=str(venv / "bin" / "python")))
    assert refused.value.problems == problems
    # A temporary root is not this computer's system: nothing of it is run, nothing checked.
    assert (
        check_system_python(
            Layout(
                Machine(os="linux", home=tmp_path, env={}, root=tmp_path), "system", python=str(venv / "bin" / "python")
            )
        )
        == []
    )


def test_the_doctor_as_root_runs_no_launcher_a_user_could_have_planted(tmp_path):
    """`sudo ecflink doctor` with a user's HOME kept: the user's manifest and launcher are not
    root's, so the launcher is not run (it would have left a mark)."""
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "ECFLINK_DATA_DIR": str(tmp_path / "data")}
    layout = Layout(Machine(os="linux", home=home, env=env))
    install("chromium", layout, DEV)
    manifest_file = home / ".config" / "chromium" / "NativeMessagingHosts" / f"{HOST_NAME}.json"
    launcher = Path(json.loads(manifest_file.read_text())["path"])
    mark = tmp_path / "ran"
    launcher.write_text(f"#!/bin/sh\ntouch '{mark}'\nexit 1\n")
    for path in (launcher, manifest_file):
        os.chown(path, NOBODY, NOBODY)
    findings = doctor.run(layout.machine, ["chromium"], keyring=False)
    ping = next(f for f in findings if f.check == "ping")
    assert ping.status == "skip" and "not run as root" in ping.detail and not mark.exists()
