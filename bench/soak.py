"""bench/soak: one real host process, N random frames (tests/reliability/frames.py's generator:
random bytes, bad UTF-8, bad JSON, non-objects, unknown types, valid messages with a field broken,
valid messages), each reply checked; then a clean exit on end of input with nothing on stderr but
log-free silence. Prints the figures docs/reliability.md quotes."""

from __future__ import annotations

import argparse
import collections
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostio import frame  # noqa: E402
from tests.reliability.frames import HostProcess, check_reply, random_payload  # noqa: E402


def soak(frames: int, seed: int) -> dict:
    rng = random.Random(seed)
    payloads = [random_payload(rng) for _ in range(frames)]
    with tempfile.TemporaryDirectory(prefix="ecflink-soak-") as data:
        host = HostProcess(Path(data), env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
        started = time.monotonic()
        writer = threading.Thread(target=lambda: [host.send(frame(p)) for p in payloads], daemon=True)
        writer.start()
        kinds: collections.Counter[str] = collections.Counter()
        rss_after_1000 = 0
        for number in range(1, frames + 1):
            reply = host.reply(timeout=60)
            check_reply(reply)
            kinds[reply.get("code") or reply["type"]] += 1
            if number == 1000:
                rss_after_1000 = host.peak_rss_kb()
        elapsed = time.monotonic() - started
        rss_end = host.peak_rss_kb()
        writer.join()
        code, stderr = host.close()
    return {
        "frames": frames,
        "replies": sum(kinds.values()),
        "seconds": round(elapsed, 1),
        "frames_per_second": round(frames / elapsed),
        "exit_code": code,
        "traceback": "Traceback" in stderr,
        "peak_rss_mb_after_1000": round(rss_after_1000 / 1024, 1),
        "peak_rss_mb_at_end": round(rss_end / 1024, 1),
        "replies_by_kind": dict(kinds.most_common()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/soak", description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    result = soak(args.frames, args.seed)
    for name, value in result.items():
        print(f"{name}: {value}")
    ok = result["replies"] == result["frames"] and result["exit_code"] == 0 and not result["traceback"]
    print("PASS: every frame answered with a well-formed reply, clean exit" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
