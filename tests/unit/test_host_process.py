"""The real host process, as a browser launches it, over real pipes."""

import shutil
import struct
import subprocess
import sys

from tests.hostio import DEV_ACCEPT, OUR_ORIGIN, frame, parse_frames

from ecflink import __version__
from ecflink.framing import MAX_INCOMING


def test_ping_pong_then_clean_exit_on_eof(run_host):
    code, frames, _, log = run_host(frame({"type": "ping"}))
    assert code == 0
    assert frames == [
        {"type": "pong", "version": 1, "reply_to": None, "host_version": __version__, "protocol_version": 1}
    ]
    assert "started for chromium extension dnoemiijmalcmkkakcjacpiboohkbigg" in log
    assert "input closed" in log


def test_firefox_style_arguments_are_accepted(run_host):
    args = ("/tmp/home/.mozilla/native-messaging-hosts/org.ecflink.host.json", "ecflink@ecflink.org")
    code, frames, _, _ = run_host(frame({"type": "ping", "id": 1}), args=args)
    assert code == 0 and frames[0]["type"] == "pong" and frames[0]["reply_to"] == 1


def test_survives_junk_and_keeps_answering(run_host):
    junk = [
        b"\xff\xfe\xfd",
        b"not json",
        b"[1,2]",
        b"{}",
        frame({"type": "page"})[4:],
        b'{"type":"ping","version":9}',
        b'{"type":"ping","extra":true}',
        b'{"type":"' + b"x" * 5000 + b'"}',
    ]
    stdin = b"".join(frame(j) for j in junk) + frame({"type": "ping", "id": 77})
    code, frames, _, _ = run_host(stdin)
    assert code == 0
    assert [f["type"] for f in frames] == ["error"] * len(junk) + ["pong"]
    assert [f["code"] for f in frames[:-1]] == [
        "bad_utf8",
        "bad_json",
        "not_an_object",
        "unknown_type",
        "invalid_message",
        "unsupported_version",
        "invalid_message",
        "unknown_type",
    ]
    assert all(f["message"] for f in frames[:-1])
    assert frames[-1]["reply_to"] == 77


def test_foreign_origin_is_refused(run_host):
    code, frames, stderr, log = run_host(
        frame({"type": "ping"}), args=("chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/",)
    )
    assert code == 2 and frames == []
    assert "refused" in stderr
    assert "refused to start: caller 'chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/'" in log


def test_no_arguments_is_refused(run_host):
    code, frames, _, log = run_host(frame({"type": "ping"}), args=())
    assert code == 2 and frames == [] and "(no arguments)" in log


def test_oversize_frame_gets_an_error_then_exit(run_host):
    code, frames, _, log = run_host(frame({"type": "ping"}) + struct.pack("=I", MAX_INCOMING + 1) + b"{}")
    assert code == 1
    assert frames[0]["type"] == "pong"
    assert frames[1]["type"] == "error" and frames[1]["code"] == "frame_too_large"
    assert "closing" in log


def test_truncated_frame_gets_an_error_then_exit(run_host):
    code, frames, _, _ = run_host(struct.pack("=I", 100) + b'{"type":')
    assert code == 1 and frames[0]["code"] == "truncated_frame"


def test_log_holds_no_message_content(run_host):
    secret = "S3cret-passw0rd"
    code, frames, stderr, log = run_host(frame({"type": "ping", "password": secret}) + frame(secret.encode()))
    assert code == 0 and [f["code"] for f in frames] == ["invalid_message", "bad_json"]
    assert secret not in log and secret not in stderr
    assert secret not in str(frames)


def test_stray_output_cannot_reach_the_frame_channel(tmp_path):
    """After claim_stdout, print(), sys.stdout and raw fd-1 writes (even by a child) go to stderr."""
    script = (
        "import os, subprocess, sys\n"
        "from ecflink.channel import claim_stdout\n"
        "from ecflink.framing import write_frame\n"
        "out = claim_stdout()\n"
        "print('stray print')\n"
        "sys.stdout.write('stray write')\n"
        "os.write(1, b'stray fd write')\n"
        "subprocess.run(['echo', 'stray child'])\n"
        "write_frame(out, {'type': 'pong'})\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert parse_frames(proc.stdout) == [{"type": "pong"}]
    for stray in (b"stray print", b"stray write", b"stray fd write", b"stray child"):
        assert stray in proc.stderr


def test_unwritable_data_dir_still_serves(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    proc = subprocess.run(
        [sys.executable, "-I", "-m", "ecflink.host", *DEV_ACCEPT, OUR_ORIGIN],
        input=frame({"type": "ping"}),
        capture_output=True,
        env={"ECFLINK_DATA_DIR": str(blocker / "data"), "PATH": "/usr/bin"},
        timeout=30,
    )
    assert proc.returncode == 0
    assert b"pong" in proc.stdout
    assert b"cannot write the log folder" in proc.stderr


def test_after_its_ports_first_answer_the_host_readies_a_pages_report(run_host, tmp_path):
    """Once it has answered its port's first message (the background's policy, sent as a court page
    starts loading, which with a kept probe table is all the host hears before the page's facts), the
    host opens what the page's report will need (the progress store among it) before reading on; a
    ping alone, a one-off check, opens nothing."""
    store = tmp_path / "data" / "progress.sqlite3"
    code, frames, _, _ = run_host(frame({"type": "ping", "id": 1}))
    assert code == 0 and frames[0]["type"] == "pong" and not store.exists()
    policy = {"type": "policy", "version": 1, "id": 2, "shared_usernames": []}
    code, frames, _, log = run_host(frame(policy))
    assert code == 0 and frames[0]["type"] == "settings" and store.exists()
    assert "warming up failed" not in log
    shutil.rmtree(store.parent)  # the store with its write-ahead log, and the log: the next host starts afresh
    url = "https://ecf.txwd.uscourts.gov/"
    page = {"type": "page", "id": 3, "tab_id": 1, "frame_id": 0, "url": url, "origin": url[:-1]}
    code, frames, _, log = run_host(frame(page))
    assert code == 0 and frames[0]["type"] == "probes" and store.exists()
    assert "warming up failed" not in log
