"""The README's main job, `./run demo` (python -m ecflink.practice.demo), as a user runs it."""

import subprocess
import sys

import pytest

from ecflink.practice.browsers import BROWSERS
from tests.e2e.helpers import PROCEDURE, require_browser

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("name", BROWSERS)
def test_demo_walks_every_step(name, tmp_path):
    require_browser(name)
    out = tmp_path / "shots"
    proc = subprocess.run(
        [sys.executable, "-m", "ecflink.practice.demo", "--browser", name, "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    kinds = [line.split("page: ")[1] for line in proc.stdout.splitlines() if line.startswith("  page: ")]
    assert kinds == PROCEDURE
    assert "step 7: Link form: fill from the keyring" in proc.stdout
    assert proc.stdout.count("  hint: ") == 10
    assert "txwd is recorded as linked" in proc.stdout
    shots = sorted(out.glob("*.png"))
    assert [s.name for s in shots] == [f"{i:02d}-{kind}-{name}.png" for i, kind in enumerate(kinds, 1)]
    assert all(s.read_bytes().startswith(b"\x89PNG") for s in shots)


SCENARIOS = {
    # scenario: what its output must say
    "shared-account": ["Smith & Associates LLP", "held Submit; nothing was linked"],
    "stale-menus": ["hard reload", "Log Out", "clear this court’s cookies and cache", "filing menus appeared"],
    "mfa-enrolment": [
        "page: pacer_prompt",
        "multifactor authentication (MFA)",
        "Skip",
        "authentication app",
        "backup codes",
        "(800) 676-6856",
        "filing menus appeared",
    ],
    "sign-in": [
        "-- the second day",
        "hint: Sign in with your own PACER account.",
        "note: You chose Skip on this notice once on this computer",
        "page: mfa",
        "ecflink counted the one Skip and said so the next day",
    ],
}


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("name", BROWSERS)
def test_demo_scenarios(name, scenario, tmp_path):
    require_browser(name)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ecflink.practice.demo",
            "--scenario",
            scenario,
            "--browser",
            name,
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for words in SCENARIOS[scenario]:
        assert words in proc.stdout, words
