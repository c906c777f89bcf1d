"""The README's main job, `ecflink demo`, as a user runs it."""

import subprocess
import sys

import pytest

from ecflink.browsers import BROWSERS
from tests.e2e.helpers import require_browser

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("name", BROWSERS)
def test_demo_walks_every_step(name, tmp_path):
    require_browser(name)
    out = tmp_path / "shots"
    proc = subprocess.run([sys.executable, "-m", "ecflink.cli", "demo", "--browser", name, "--out", str(out)],
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("hint: ecflink is connected for this court") == 2
    shots = sorted(out.glob("*.png"))
    assert [s.name for s in shots] == [f"01-{name}.png", f"02-{name}.png"]
    assert all(s.read_bytes().startswith(b"\x89PNG") for s in shots)
