"""Stands between a browser and ecflink's host, as the host: relays every byte both ways unchanged
and keeps a copy of each direction (OUT.in: what the browser sent; OUT.out: what the host answered),
so a test can read what the native messages carried.

Usage (as a host manifest's launcher): frame_recorder.py REAL_LAUNCHER OUT [the browser's arguments]"""

from __future__ import annotations

import subprocess
import sys
import threading
from typing import BinaryIO


def relay(source: BinaryIO, target: BinaryIO, copy: str) -> None:
    with open(copy, "ab") as kept:
        while chunk := source.read1(65536):  # type: ignore[attr-defined]
            kept.write(chunk)
            kept.flush()
            target.write(chunk)
            target.flush()
    target.close()


def main() -> int:
    real, out, *arguments = sys.argv[1:]
    host = subprocess.Popen([real, *arguments], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert host.stdin is not None and host.stdout is not None
    threading.Thread(target=relay, args=(sys.stdin.buffer, host.stdin, out + ".in"), daemon=True).start()
    relay(host.stdout, sys.stdout.buffer, out + ".out")
    return host.wait()


if __name__ == "__main__":
    sys.exit(main())
