"""The data folder is private (F9 of the security audit), and no secret reaches a file the host
writes, even a stored password longer than the one reply that may carry it (F3)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from ecflink.credentials import SERVICE
from tests.hostio import frame
from tests.unit.facts import FORM_URL, LINK_FORM, ORIGIN

PAGE = {"tab_id": 4, "frame_id": 0, "url": FORM_URL, "origin": ORIGIN}


def modes(folder) -> dict[str, int]:
    """Every file and folder under `folder` (itself included) with its permission bits."""
    found = {".": stat.S_IMODE(folder.stat().st_mode)}
    for path in folder.rglob("*"):
        found[str(path.relative_to(folder))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def test_the_host_keeps_its_data_folder_to_this_user(run_host, tmp_path):
    data = tmp_path / "data"
    # Left open by an earlier version: the folder, the progress store and the log.
    (data / "logs").mkdir(parents=True, mode=0o755)
    data.chmod(0o755)
    (data / "logs").chmod(0o755)
    for name in ("progress.sqlite3", "logs/host.log"):
        (data / name).touch()
        (data / name).chmod(0o644)
    os.symlink("/etc/hostname", data / "elsewhere")
    messages = [
        {"type": "facts", "id": 1, **PAGE, "facts": LINK_FORM},
        {"type": "settings_set", "id": 2, "my_pacer_username": "jdoe2024", "shared_usernames": []},
        {
            "type": "snapshot",
            "id": 3,
            **PAGE,
            "reason": "user_report",
            "html": "<html><body><p>Link a CM/ECF account</p></body></html>",
        },
    ]
    (data / "progress.sqlite3").unlink()  # the host makes a new one, private from the start
    code, frames, _, _ = run_host(b"".join(frame(m) for m in messages))
    assert code == 0 and [f["type"] for f in frames] == ["hint", "settings", "snapshot_saved"]
    found = modes(data)
    assert {"progress.sqlite3", "settings.json", "logs/host.log"} <= set(found)
    assert any(name.startswith("reports/") for name in found)
    opened = {name: oct(mode) for name, mode in found.items() if mode & 0o077 and name != "elsewhere"}
    assert opened == {}
    assert stat.S_IMODE(os.stat("/etc/hostname").st_mode) & 0o004  # a link is never followed


def test_the_cli_keeps_the_data_folder_private(keyring_daemon, isolated_data_dir):
    isolated_data_dir.mkdir(mode=0o755)
    out = subprocess.run(
        [sys.executable, "-m", "ecflink.cli", "creds", "set", "txwd", "--login", "jdoe", "--password-stdin"],
        input="Ecf-S3cret!\n",
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ},
    )
    assert out.returncode == 0, out.stderr
    assert {name: oct(mode) for name, mode in modes(isolated_data_dir).items() if mode & 0o077} == {}
    subprocess.run(
        [sys.executable, "-m", "ecflink.cli", "creds", "delete", "txwd"],
        env={**os.environ},
        capture_output=True,
        timeout=60,
        check=True,
    )


@pytest.mark.parametrize("length", [257, 300])
def test_a_stored_password_too_long_to_carry_leaves_no_trace(keyring_daemon, run_host, tmp_path, length):
    """Another tool (or an older ecflink) left a password longer than the fill reply can carry: the
    fill is refused with a plain reason, and no 8-character slice of it is in any file the host wrote."""
    import keyring

    password = "".join(chr(0x41 + (i * 7919) % 26) + str(i % 10) for i in range(length))[:length]
    data = tmp_path / "data"
    data.mkdir()
    (data / "credentials.json").write_text(
        json.dumps({"version": 1, "courts": {"txwd": {"login": "jdoe", "saved_at": "2026-12-01T00:00:00Z"}}})
    )
    keyring.set_password(SERVICE, "txwd", json.dumps({"login": "jdoe", "password": password}))
    try:
        messages = [{"type": "facts", "id": 1, **PAGE, "facts": LINK_FORM}, {"type": "fill", "id": 2, **PAGE}]
        code, frames, stderr, _ = run_host(b"".join(frame(m) for m in messages))
    finally:
        keyring.delete_password(SERVICE, "txwd")
    assert code == 0 and frames[0]["button"]["id"] == "fill"
    assert frames[1]["type"] == "error" and frames[1]["code"] == "bad_credentials" and "256" in frames[1]["message"]
    written = b"".join(p.read_bytes() for p in data.rglob("*") if p.is_file())
    written += json.dumps(frames).encode() + stderr.encode()
    slices = {password[i : i + 8] for i in range(len(password) - 7)}
    assert not [s for s in slices if s.encode() in written]


def test_errors_and_failures_never_quote_the_input(host_log, monkeypatch):
    from ecflink import dispatch
    from ecflink.messages import CredsSet

    secret = "Zq7-" + "Secret-Password-" * 20
    invalid = dispatch.answer({"type": "creds_set", "id": 1, "court": "txwd", "login": "jdoe", "password": secret})
    try:
        CredsSet.model_validate({"type": "creds_set", "court": "txwd", "login": "jdoe", "password": secret})
    except ValueError as exc:
        shown = str(exc)

    def broken(request):
        raise ValueError(f"could not use {request.password}")

    monkeypatch.setitem(dispatch.HANDLERS, CredsSet, broken)
    failed = dispatch.answer({"type": "creds_set", "id": 2, "court": "txwd", "login": "jdoe", "password": "Zq7-short"})
    assert invalid.code == "invalid_message" and failed.code == "internal_error"
    assert "ValueError at test_private_data.py" in host_log.text and "broken" in host_log.text
    for text in (host_log.text, invalid.message, failed.message, shown):
        assert "Zq7-" not in text and "Secret-P" not in text


def test_the_host_leaves_no_core_file(tmp_path):
    """The host runs with a core-size limit of 0, so a crash cannot write its memory to disk."""
    script = (
        "import resource, sys; from ecflink import host; "
        "host.serve = lambda *a: print(resource.getrlimit(resource.RLIMIT_CORE), file=sys.stderr) or 0; "
        "sys.exit(host.main(['--accept', 'chromium:dnoemiijmalcmkkakcjacpiboohkbigg', '--', "
        "'chrome-extension://dnoemiijmalcmkkakcjacpiboohkbigg/']))"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "ECFLINK_DATA_DIR": str(tmp_path / "data")},
        input="",
    )
    assert out.returncode == 0 and out.stderr.strip() == "(0, 0)", out.stderr
