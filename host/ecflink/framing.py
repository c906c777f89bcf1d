"""Native-messaging framing: a 4-byte native-endian length, then that many bytes of UTF-8 JSON.

Written here rather than taken from the `nativemessaging` package (see docs/decisions.md):
reads are exact, an incoming length over 64 MiB is refused, an outgoing frame over 1 MiB is never
sent, and a frame cut short by end-of-file is reported instead of half-parsed.
"""

from __future__ import annotations

import json
import struct
from typing import Any, BinaryIO, Literal, get_args

HEADER = struct.Struct("=I")
MAX_INCOMING = 64 * 1024 * 1024  # Chrome's own cap on a browser-to-host message
MAX_OUTGOING = 1024 * 1024  # browsers drop a host-to-browser message over 1 MiB


FrameCode = Literal["bad_frame", "truncated_frame", "frame_too_large"]
PayloadCode = Literal["bad_utf8", "bad_json", "not_an_object"]
FRAME_CODES: tuple[FrameCode, ...] = get_args(FrameCode)
PAYLOAD_CODES: tuple[PayloadCode, ...] = get_args(PayloadCode)


class FrameError(Exception):
    """The byte stream broke the framing rules; nothing after it can be trusted."""

    code: FrameCode = "bad_frame"


class TruncatedFrame(FrameError):
    code: FrameCode = "truncated_frame"


class FrameTooLarge(FrameError):
    code: FrameCode = "frame_too_large"


class PayloadError(ValueError):
    """A whole frame arrived, but its payload is not a UTF-8 JSON object."""

    def __init__(self, code: PayloadCode, message: str) -> None:
        super().__init__(message)
        self.code = code


def read_frame(stream: BinaryIO) -> bytes | None:
    """Read one frame's payload; None on a clean end of input between frames."""
    header = _read_exactly(stream, HEADER.size)
    if not header:
        return None
    if len(header) < HEADER.size:
        raise TruncatedFrame(f"input ended inside a frame header ({len(header)} of 4 bytes)")
    (length,) = HEADER.unpack(header)
    if length > MAX_INCOMING:
        raise FrameTooLarge(f"incoming frame of {length} bytes is over the {MAX_INCOMING}-byte limit")
    payload = _read_exactly(stream, length)
    if len(payload) < length:
        raise TruncatedFrame(f"input ended inside a frame ({len(payload)} of {length} bytes)")
    return payload


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    """Read `size` bytes, or fewer only when the input ends."""
    chunks = []
    remaining = size
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def decode_payload(payload: bytes) -> dict[str, Any]:
    """Strict UTF-8, strict JSON (no NaN/Infinity), and an object at the top."""
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PayloadError("bad_utf8", f"message is not valid UTF-8 (byte {exc.start})") from None
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as exc:
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise PayloadError("bad_json", f"message is not valid JSON: {reason}") from None
    if not isinstance(value, dict):
        raise PayloadError("not_an_object", f"message must be a JSON object, not {type(value).__name__}")
    return value


def encode_frame(message: dict[str, Any]) -> bytes:
    """Header plus JSON payload; ASCII-escaped so any str (even a lone surrogate) encodes."""
    payload = json.dumps(message, ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode("ascii")
    if len(payload) > MAX_OUTGOING:
        raise FrameTooLarge(f"outgoing frame of {len(payload)} bytes is over the {MAX_OUTGOING}-byte limit")
    return HEADER.pack(len(payload)) + payload


def write_frame(stream: BinaryIO, message: dict[str, Any]) -> None:
    """Encode and send one frame in a single write, then flush."""
    stream.write(encode_frame(message))
    stream.flush()
