"""RFC 6238 one-time codes (30-second steps, 6 digits, HMAC-SHA1), for the simulated PACER MFA step."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time


def code(secret_b32: str, at: float | None = None, step: int = 30) -> str:
    counter = int((time.time() if at is None else at) // step)
    key = base64.b32decode(secret_b32.upper())
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def verify(secret_b32: str, candidate: str, at: float | None = None) -> bool:
    """Accept the current code or its neighbours (clock drift), compared in constant time."""
    now = time.time() if at is None else at
    return any(hmac.compare_digest(code(secret_b32, now + drift), candidate) for drift in (-30, 0, 30))
