"""Talking to a real host process for reliability tests and bench/soak: start, send, read replies
with a timeout, kill; the frames to throw at it; and what every reply must look like."""

from __future__ import annotations

import json
import os
import random
import select
import signal
import struct
import subprocess
import sys
from pathlib import Path

from ecflink import pages
from tests.hostio import DEV_ACCEPT, OUR_ORIGIN, frame

REPLY_TYPES = {
    "pong",
    "probes",
    "hint",
    "action_grant",
    "recorded",
    "fill_credentials",
    "creds",
    "status",
    "error",
    "settings",
    "snapshot_saved",
}
COURT_URL = "https://ecf.txwd.uscourts.gov/cgi-bin/iquery.pl"
UNLINKED = {name: 0 for name in pages.table()["probes"]["ecf"]} | {
    "menubar": 1,
    "logout_link": 1,
    "utilities_menu": 1,
    "reports_menu": 1,
}


def facts_message(message_id: int, tab_id: int = 1) -> dict:
    """A court page without filing menus: the host classifies it and records a progress event (each
    message is a page of its own: the same page reporting again would not be a new event)."""
    return {
        "type": "facts",
        "version": 1,
        "id": message_id,
        "tab_id": tab_id,
        "frame_id": 0,
        "url": f"{COURT_URL}?page={message_id}",
        "origin": "https://ecf.txwd.uscourts.gov",
        "facts": UNLINKED,
        "texts": {},
    }


# Valid messages of each kind, the seeds that mutations start from.
VALID = [
    {"type": "ping", "version": 1, "id": 1},
    {
        "type": "page",
        "version": 1,
        "id": 2,
        "tab_id": 3,
        "frame_id": 0,
        "url": COURT_URL,
        "origin": "https://ecf.txwd.uscourts.gov",
    },
    facts_message(3),
    {"type": "status", "version": 1, "id": 4},
    {"type": "settings_get", "version": 1, "id": 5},
    {"type": "settings_set", "version": 1, "id": 6, "my_pacer_username": "jdoe2024", "shared_usernames": ["firm1"]},
    {"type": "policy", "version": 1, "id": 7, "shared_usernames": ["smithlaw1"]},
    {
        "type": "fill",
        "version": 1,
        "id": 8,
        "tab_id": 3,
        "frame_id": 0,
        "url": COURT_URL,
        "origin": "https://ecf.txwd.uscourts.gov",
    },
    {
        "type": "action",
        "version": 1,
        "id": 9,
        "action": "hard_reload",
        "tab_id": 3,
        "frame_id": 0,
        "url": COURT_URL,
        "origin": "https://ecf.txwd.uscourts.gov",
    },
    {
        "type": "snapshot",
        "version": 1,
        "id": 10,
        "tab_id": 3,
        "frame_id": 0,
        "url": COURT_URL,
        "origin": "https://ecf.txwd.uscourts.gov",
        "html": "<p>PACER Login: jdoe2024</p>",
        "reason": "user_report",
    },
]
ODD_VALUES = [
    None,
    True,
    -1,
    2**63,
    1.5,
    float("inf"),
    "",
    "x" * 10_000,
    "\u202e\ud7ff",
    [],
    {},
    [1, [2, [3]]],
    {"a": {"b": {}}},
    "javascript:alert(1)",
    "https://ecf.txwd.uscourts.gov.evil.com/",
]


def check_reply(reply: dict) -> None:
    """What every reply must be: a JSON object of a known type; errors carry a code and a message."""
    assert isinstance(reply, dict) and reply.get("type") in REPLY_TYPES, reply
    if reply["type"] == "error":
        assert reply.get("code") and reply.get("message"), reply


def random_payload(rng: random.Random) -> bytes:
    """One frame's payload of a random kind: bytes, bad UTF-8, bad JSON, not an object, an unknown
    type, a valid message with one field broken, or a valid message."""
    kind = rng.randrange(7)
    if kind == 0:
        return rng.randbytes(rng.randrange(0, 300))
    if kind == 1:
        return b'{"type": "ping", "x": "\xff\xfe"}'
    if kind == 2:
        text = json.dumps(rng.choice(VALID))
        return text[: rng.randrange(len(text))].encode()
    if kind == 3:
        return json.dumps(rng.choice([[], 1, "ping", None, [rng.choice(VALID)]])).encode()
    if kind == 4:
        return json.dumps({"type": rng.choice(["pong", "PING", "hint", "", "__class__", "x" * 100]), "id": 1}).encode()
    message = dict(rng.choice(VALID))
    if kind == 5:
        field = rng.choice(list(message) + ["extra"])
        message[field] = rng.choice(ODD_VALUES)
    return json.dumps(message, allow_nan=True).encode()


class HostProcess:
    """A real host (`python -I -m ecflink.host`, as the launcher runs it) over pipes."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None) -> None:
        full = {**os.environ, "ECFLINK_DATA_DIR": str(data_dir), **(env or {})}
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-m", "ecflink.host", *DEV_ACCEPT, OUR_ORIGIN],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=full,
        )
        self.buffer = b""

    def send(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send_quietly(self, data: bytes) -> None:
        """Send, stopping without complaint if the host has gone (it is being killed)."""
        try:
            self.send(data)
        except (BrokenPipeError, ValueError):
            pass

    def ask(self, message: dict | bytes, timeout: float = 30) -> dict:
        self.send(frame(message))
        return self.reply(timeout)

    def _fill(self, size: int, timeout: float) -> bool:
        fd = self.proc.stdout.fileno()
        while len(self.buffer) < size:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                raise TimeoutError(f"no reply within {timeout} s")
            chunk = os.read(fd, 65536)
            if not chunk:
                return False
            self.buffer += chunk
        return True

    def reply(self, timeout: float = 30) -> dict:
        """The next frame the host sent; fails on anything on stdout that is not a whole frame."""
        if not self._fill(4, timeout):
            raise EOFError("the host closed stdout")
        (length,) = struct.unpack("=I", self.buffer[:4])
        assert length <= 1024 * 1024, f"reply of {length} bytes"
        assert self._fill(4 + length, timeout), "truncated frame on stdout"
        payload, self.buffer = self.buffer[4 : 4 + length], self.buffer[4 + length :]
        return json.loads(payload)

    def replies_until_exit(self, timeout: float = 30) -> list[dict]:
        """Every frame still to come, until the host has exited and closed stdout."""
        found = []
        while True:
            try:
                found.append(self.reply(timeout))
            except EOFError:
                assert self.buffer == b"", f"stray bytes on stdout: {self.buffer[:100]!r}"
                return found

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def close(self) -> tuple[int, str]:
        """End of input; the exit code and stderr."""
        self.proc.stdin.close()
        code = self.proc.wait(timeout=30)
        return code, self.proc.stderr.read().decode("utf-8", "replace")

    def peak_rss_kb(self) -> int:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return 0
