import io
import struct

import pytest

from ecflink import framing


def frame(payload: bytes) -> bytes:
    return struct.pack("=I", len(payload)) + payload


class Trickle(io.RawIOBase):
    """A pipe that hands out at most one byte per read, as a slow pipe may."""

    def __init__(self, data: bytes):
        self._data = io.BytesIO(data)

    def readable(self):
        return True

    def read(self, n=-1):
        return self._data.read(min(n, 1) if n and n > 0 else 1)


def test_reads_consecutive_frames_then_clean_eof():
    stream = io.BytesIO(frame(b'{"a":1}') + frame(b"{}"))
    assert framing.read_frame(stream) == b'{"a":1}'
    assert framing.read_frame(stream) == b"{}"
    assert framing.read_frame(stream) is None


def test_reads_exactly_from_a_trickling_pipe():
    stream = Trickle(frame(b'{"type":"ping"}') + frame(b"{}"))
    assert framing.read_frame(stream) == b'{"type":"ping"}'
    assert framing.read_frame(stream) == b"{}"


def test_header_is_native_endian():
    assert framing.HEADER.pack(1) == (1).to_bytes(4, "little" if __import__("sys").byteorder == "little" else "big")


@pytest.mark.parametrize("partial", [b"\x05", b"\x05\x00", b"\x05\x00\x00"])
def test_truncated_header(partial):
    with pytest.raises(framing.TruncatedFrame):
        framing.read_frame(io.BytesIO(partial))


def test_truncated_payload():
    with pytest.raises(framing.TruncatedFrame, match="3 of 10"):
        framing.read_frame(io.BytesIO(struct.pack("=I", 10) + b"abc"))


def test_oversize_length_refused_without_reading_the_body():
    stream = io.BytesIO(struct.pack("=I", framing.MAX_INCOMING + 1) + b"x" * 100)
    with pytest.raises(framing.FrameTooLarge):
        framing.read_frame(stream)
    assert stream.tell() == 4


def test_largest_allowed_length_is_accepted():
    assert framing.MAX_INCOMING == 64 * 1024 * 1024
    stream = io.BytesIO(struct.pack("=I", 0) + frame(b"{}"))
    assert framing.read_frame(stream) == b""


def test_outgoing_limit():
    framing.encode_frame({"s": "x" * (framing.MAX_OUTGOING - 10)})
    with pytest.raises(framing.FrameTooLarge):
        framing.encode_frame({"s": "x" * framing.MAX_OUTGOING})


def test_outgoing_frames_are_ascii_json_even_for_lone_surrogates():
    data = framing.encode_frame({"text": "caf\u00e9 \ud800"})
    (length,) = struct.unpack("=I", data[:4])
    assert length == len(data) - 4
    data[4:].decode("ascii")


def test_write_frame_writes_one_whole_frame():
    out = io.BytesIO()
    framing.write_frame(out, {"type": "pong"})
    assert framing.read_frame(io.BytesIO(out.getvalue())) == b'{"type":"pong"}'


@pytest.mark.parametrize(
    "payload, code",
    [
        (b"\xff\xfe{}", "bad_utf8"),
        (b'{"type": "ping"', "bad_json"),
        (b"", "bad_json"),
        (b'{"n": NaN}', "bad_json"),
        (b'{"n": Infinity}', "bad_json"),
        (b"[" * 100_000 + b"]" * 100_000, "bad_json"),
        (b"[]", "not_an_object"),
        (b'"ping"', "not_an_object"),
        (b"null", "not_an_object"),
    ],
)
def test_bad_payloads(payload, code):
    with pytest.raises(framing.PayloadError) as info:
        framing.decode_payload(payload)
    assert info.value.code == code


def test_good_payload():
    assert framing.decode_payload('{"type":"ping","x":"é"}'.encode()) == {"type": "ping", "x": "é"}
