"""Shared test helpers: a real host process spoken to over its stdio."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

OUR_ORIGIN = "chrome-extension://dnoemiijmalcmkkakcjacpiboohkbigg/"


def frame(obj) -> bytes:
    payload = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
    return struct.pack("=I", len(payload)) + payload


def parse_frames(data: bytes) -> list[dict]:
    """Split a host's whole stdout into frames; fails the test on any byte that is not a frame."""
    frames, pos = [], 0
    while pos < len(data):
        assert len(data) - pos >= 4, f"stray bytes on stdout: {data[pos:]!r}"
        (length,) = struct.unpack("=I", data[pos:pos + 4])
        payload = data[pos + 4:pos + 4 + length]
        assert len(payload) == length, "truncated frame on stdout"
        frames.append(json.loads(payload))
        pos += 4 + length
    return frames


@pytest.fixture
def run_host(tmp_path):
    """Run `python -m ecflink.host ARGS` with `stdin` bytes; returns (exit code, frames, stderr, log text)."""

    def run(stdin: bytes, args=(OUR_ORIGIN,), timeout=30):
        env = {**os.environ, "ECFLINK_DATA_DIR": str(tmp_path / "data")}
        proc = subprocess.run([sys.executable, "-P", "-m", "ecflink.host", *args], input=stdin,
                              capture_output=True, env=env, timeout=timeout)
        log = tmp_path / "data" / "logs" / "host.log"
        return proc.returncode, parse_frames(proc.stdout), proc.stderr.decode(), log.read_text() if log.exists() else ""

    return run
