"""Speaking the native-messaging protocol to a real host process from tests."""

from __future__ import annotations

import json
import struct

from ecflink.identity import development

OUR_ORIGIN = "chrome-extension://dnoemiijmalcmkkakcjacpiboohkbigg/"
# What the launcher of an `ecflink install --dev` passes before the browser's own arguments.
DEV_ACCEPT = [*development().as_args(), "--"]


def frame(obj) -> bytes:
    payload = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
    return struct.pack("=I", len(payload)) + payload


def parse_frames(data: bytes) -> list[dict]:
    """Split a host's whole stdout into frames; fails the test on any byte that is not a frame."""
    frames, pos = [], 0
    while pos < len(data):
        assert len(data) - pos >= 4, f"stray bytes on stdout: {data[pos:]!r}"
        (length,) = struct.unpack("=I", data[pos : pos + 4])
        payload = data[pos + 4 : pos + 4 + length]
        assert len(payload) == length, "truncated frame on stdout"
        frames.append(json.loads(payload))
        pos += 4 + length
    return frames
