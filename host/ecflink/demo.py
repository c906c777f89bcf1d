"""`ecflink demo`: the walkthrough on the simulated court, in a real headless browser.

Today it walks the skeleton: a court's CM/ECF home page, the hint the host sends for it, and a
screenshot per step. It exits 0 only when every step showed the host's hint.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

STEPS = [
    ("Western District of Texas: CM/ECF home", "https://ecf.txwd.uscourts.gov/"),
    ("Western District of Texas Bankruptcy: CM/ECF home", "https://ecf.txwb.uscourts.gov/"),
]


def run_demo(browser: str, out_dir: Path) -> int:
    from selenium.common.exceptions import WebDriverException

    from ecflink.browsers import BrowserUnavailable, check_available, launch, read_overlay
    from ecflink.sim import court
    from ecflink.sim.network import SimulatedNetwork

    try:
        check_available(browser)
    except BrowserUnavailable as exc:
        print(f"cannot run the demo: {exc}", file=sys.stderr)
        return 2
    out_dir.mkdir(parents=True, exist_ok=True)
    print(f"ecflink demo in headless {browser}; screenshots go to {out_dir.resolve()}")
    with tempfile.TemporaryDirectory(prefix="ecflink-demo-") as tmp, \
            SimulatedNetwork(court.app, court.hosts(), Path(tmp) / "pki") as network, \
            launch(browser, Path(tmp) / browser, network) as session:
        for number, (title, url) in enumerate(STEPS, 1):
            print(f"step {number}: {title}\n  url:  {url}")
            session.driver.get(url)
            try:
                hint = read_overlay(session.driver)
            except WebDriverException:  # includes the wait's TimeoutException
                print(f"  no hint appeared at {url}", file=sys.stderr)
                return 1
            shot = out_dir / f"{number:02d}-{browser}.png"
            session.driver.save_screenshot(str(shot))
            print(f"  hint: {hint}\n  screenshot: {shot}")
    print("demo finished: every step showed the host's hint")
    return 0
