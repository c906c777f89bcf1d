"""bench/soak itself, on a few thousand frames, so the soak cannot rot."""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.reliability
ROOT = Path(__file__).resolve().parents[2]


def test_soak_answers_every_frame():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "soak.py"), "--frames", "3000", "--seed", "5"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    figures = dict(line.split(": ", 1) for line in proc.stdout.splitlines() if ": " in line)
    assert figures["frames"] == figures["replies"] == "3000" and figures["exit_code"] == "0"
    assert proc.stdout.rstrip().endswith("clean exit")
