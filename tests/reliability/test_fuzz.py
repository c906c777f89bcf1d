"""Protocol fuzzing against the real host process: whatever arrives, stdout carries only well-formed
frames, no traceback escapes, each frame gets a reply (an error for bad input), a broken stream ends
the host cleanly, and the host stays responsive. A quick profile; bench/soak runs 100,000 frames."""

import json
import random
import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecflink.framing import MAX_INCOMING
from ecflink.messages import Reply
from tests.hostio import frame
from tests.reliability.frames import ODD_VALUES, REPLY_TYPES, VALID, HostProcess, check_reply, random_payload

pytestmark = pytest.mark.reliability
QUICK = settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@st.composite
def broken_messages(draw) -> bytes:
    """A valid message with fields replaced, dropped or added, as JSON."""
    message = dict(draw(st.sampled_from(VALID)))
    for _ in range(draw(st.integers(1, 3))):
        field = draw(st.sampled_from(sorted(message) + ["extra", "__proto__"]))
        if draw(st.booleans()):
            message[field] = draw(st.sampled_from(ODD_VALUES) | json_values)
        else:
            message.pop(field, None)
    return json.dumps(message).encode()


payloads = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    json_values.map(lambda v: json.dumps(v).encode()),
    broken_messages(),
    st.sampled_from(VALID).map(lambda m: json.dumps(m).encode()),
)


def test_the_oracle_knows_every_reply_type():
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    assert REPLY_TYPES == {sub.model_fields["type"].default for sub in subclasses(Reply)}


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    process = HostProcess(
        tmp_path_factory.mktemp("fuzz-data"), env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    )
    yield process
    code, stderr = process.close()
    assert code == 0 and "Traceback" not in stderr


@QUICK
@given(payload=payloads)
def test_any_frame_gets_one_well_formed_reply(host, payload):
    reply = host.ask(payload)
    check_reply(reply)
    if reply["type"] != "error":
        assert json.loads(payload)["type"] in {m["type"] for m in VALID}


def test_the_host_still_answers_after_the_fuzzing(host):
    assert host.ask({"type": "ping", "id": 424242})["reply_to"] == 424242
    assert host.proc.poll() is None


@st.composite
def streams(draw) -> bytes:
    """A whole input: good and bad frames, then maybe a frame cut short, an oversized length, or junk."""
    parts = [frame(draw(payloads)) for _ in range(draw(st.integers(0, 5)))]
    ending = draw(st.sampled_from(["none", "truncated_header", "truncated_body", "oversize", "junk"]))
    if ending == "truncated_header":
        parts.append(draw(st.binary(min_size=1, max_size=3)))
    elif ending == "truncated_body":
        parts.append(struct.pack("=I", draw(st.integers(5, 10_000))) + draw(st.binary(max_size=4)))
    elif ending == "oversize":
        parts.append(struct.pack("=I", draw(st.integers(MAX_INCOMING + 1, 2**32 - 1))))
    elif ending == "junk":
        parts.append(draw(st.binary(min_size=4, max_size=64)))
    return b"".join(parts)


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stdin=streams())
def test_any_stream_ends_cleanly_with_only_frames_on_stdout(run_host, stdin):
    code, frames, stderr, _ = run_host(stdin)  # run_host's frame parsing fails on any stray byte
    assert code in (0, 1) and "Traceback" not in stderr
    for reply in frames:
        check_reply(reply)
    if code == 1:  # the stream broke: the last word is why
        assert frames and frames[-1]["code"] in {"truncated_frame", "frame_too_large", "bad_frame"}


def test_a_seeded_run_of_every_kind_of_bad_frame(tmp_path):
    """The soak's generator, on a fresh host: one reply per frame, of each error kind it can cause."""
    rng = random.Random(9)
    host = HostProcess(tmp_path, env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    codes = set()
    for _ in range(2000):
        reply = host.ask(random_payload(rng))
        check_reply(reply)
        codes.add(reply.get("code", reply["type"]))
    code, stderr = host.close()
    assert code == 0 and "Traceback" not in stderr
    assert {"bad_utf8", "bad_json", "not_an_object", "unknown_type", "invalid_message", "pong"} <= codes
