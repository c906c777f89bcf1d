"""Firefox: where ecflink's content script spends the 5 MB docket's main-thread time, read from the
Gecko profiler, which WebDriver cannot start but an environment can (MOZ_PROFILER_STARTUP; the
profile is written when the browser quits). Not a judged figure: the profiler slows the page and
the scripts it samples (at 0.2 ms, with JavaScript stacks), so its milliseconds run higher than a
filer's. What it shows is the split: by ecflink's script and function, and by the innermost named
frame under them (a DOM call, the extension API's own code, a compilation).

    .venv/bin/python bench/firefox_profile.py [--loads 11] [--interval-ms 0.2]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import COURT_HOME, DOCKET, TOKEN_VAR, Hosts, answered, bench_app, installed_python, timed_extension  # noqa: E402
from docket import docket_html  # noqa: E402

from ecflink.practice.browsers import FIREFOX_EXTENSION_UUID, launch  # noqa: E402
from ecflink.practice.sim.court import SimulatedCourts, hosts  # noqa: E402
from ecflink.practice.sim.network import SimulatedNetwork  # noqa: E402

CONTENT_SCRIPTS = {"words.js", "probes.js", "snapshot.js", "fill.js", "overlay.js", "content.js", "hold.js"}
OURS = f"moz-extension://{FIREFOX_EXTENSION_UUID}/"


def profiler_env(out: Path, interval_ms: float) -> dict[str, str]:
    """The environment that has Firefox profile its processes' main threads from its start."""
    return {
        "MOZ_PROFILER_STARTUP": "1",
        "MOZ_PROFILER_STARTUP_INTERVAL": str(interval_ms),
        "MOZ_PROFILER_STARTUP_ENTRIES": "100000000",
        "MOZ_PROFILER_STARTUP_FEATURES": "js,stackwalk",
        "MOZ_PROFILER_STARTUP_FILTERS": "GeckoMain",
        "MOZ_PROFILER_SHUTDOWN": str(out),
    }


def docket_loads(folder: Path, loads: int, interval_ms: float) -> tuple[dict, list[tuple[float, float, float]]]:
    """Profile `loads` loads of the not-yet-linked docket: the profile, and each load's time window
    (epoch ms from its navigation to 0.3 s after its answer) with its DOMContentLoaded time."""
    world = SimulatedCourts.with_demo_accounts()
    token = os.urandom(8).hex()
    docket = docket_html()
    python = installed_python(folder)
    timed = timed_extension(folder)
    out = folder / "profile.json"
    windows = []
    with SimulatedNetwork(bench_app(world, docket, docket), hosts(), folder / "pki") as network:
        env = {TOKEN_VAR: token, **profiler_env(out, interval_ms)}
        with launch("firefox", folder / "firefox", network, extension_dir=timed, extra_env=env) as session:
            switch = Hosts(session, folder, token, python)
            driver = session.driver
            driver.get(COURT_HOME)
            answered(driver, DOCKET)  # not counted: the first load of the docket
            for _ in range(loads):
                driver.get(COURT_HOME)  # the same site, as bench.py does
                answered(driver, DOCKET)
                time.sleep(0.3)
                origin, now, dcl = driver.execute_script(
                    "return [performance.timeOrigin, performance.now(),"
                    " performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd];"
                )
                windows.append((origin, origin + now, dcl))
            switch.stop_all()
    deadline = time.monotonic() + 60
    while not out.exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    raw = out.read_bytes()
    return json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw), windows


def main_threads(profile: dict):
    """Every process's main thread, with its process's start (epoch ms)."""
    for thread in profile.get("threads", []):
        if thread.get("name") == "GeckoMain":
            yield profile["meta"]["startTime"], thread
    for process in profile.get("processes", []):
        yield from main_threads(process)


def split(profile: dict, windows: list[tuple[float, float, float]]):
    """ms under ecflink's content scripts in each window (each sample charged the time since the one
    before, as bench.py's Chromium figure); and, over all windows, by function and by the innermost
    named frame under it."""
    per_load = [0.0 for _ in windows]
    by_function: collections.Counter[str] = collections.Counter()
    by_frame: collections.Counter[str] = collections.Counter()
    for start, thread in main_threads(profile):
        strings = thread["stringTable"]
        frame_field = thread["frameTable"]["schema"]["location"]
        frames = thread["frameTable"]["data"]
        prefix, frame_of = (thread["stackTable"]["schema"][k] for k in ("prefix", "frame"))
        stacks = thread["stackTable"]["data"]
        stack_field, time_field = (thread["samples"]["schema"][k] for k in ("stack", "time"))

        def location(stack: int) -> str:
            return strings[frames[stacks[stack][frame_of]][frame_field]]

        def ours(stack: int | None) -> tuple[str, str] | None:
            """The innermost frame of ecflink's content scripts: (script, function), or None."""
            while stack is not None:
                where = location(stack)
                if OURS in where:
                    script = where.split(OURS, 1)[1].split(":")[0].split("[")[0]
                    return (script, where.split(" (")[0]) if script in CONTENT_SCRIPTS else None
                stack = stacks[stack][prefix]
            return None

        def named(stack: int) -> str:
            """The innermost frame with a name (native frames are bare addresses)."""
            while location(stack).startswith("0x") and stacks[stack][prefix] is not None:
                stack = stacks[stack][prefix]
            return location(stack).split(" (moz-extension")[0][:80]

        before = None
        for sample in thread["samples"]["data"]:
            stack, at = sample[stack_field], sample[time_field]
            spent, before = (at - before if before is not None else 0.0), at
            found = ours(stack) if stack is not None else None
            if found is None:
                continue
            for i, (begin, end, _) in enumerate(windows):
                if begin <= start + at <= end:
                    per_load[i] += spent
                    by_function[f"{found[0]} {found[1]}"] += spent / len(windows)
                    by_frame[f"{found[0]}: {named(stack)}"] += spent / len(windows)
    return per_load, by_function, by_frame


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/firefox_profile.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--loads", type=int, default=11)
    parser.add_argument("--interval-ms", type=float, default=0.2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ecflink-gecko-") as tmp:
        profile, windows = docket_loads(Path(tmp), args.loads, args.interval_ms)
    per_load, by_function, by_frame = split(profile, windows)
    dcl = [w[2] for w in windows]
    print(
        f"ecflink's content scripts on the docket, {args.loads} loads, sampled every {args.interval_ms} ms: "
        f"median {statistics.median(per_load):.1f} ms of a median {statistics.median(dcl):.0f} ms to DOMContentLoaded"
    )
    for title, counts in (("by function (ms a load)", by_function), ("by innermost named frame", by_frame)):
        print(title)
        for name, ms in counts.most_common(15):
            print(f"  {ms:6.2f}  {name}")


if __name__ == "__main__":
    main()
