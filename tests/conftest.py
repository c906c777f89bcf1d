"""Shared fixtures: a real host process spoken to over its stdio."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ecflink.practice.browsers import BROWSERS
from tests.hostio import DEV_ACCEPT, OUR_ORIGIN, parse_frames


# On the 2-core machines: beside another busy process, three workers got about one core (docs/decisions.md).
WORKERS = 4


def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto`, pyproject's default: WORKERS (or ECFLINK_TEST_WORKERS) workers, each with its own
    keyring, simulated network, browsers and folders (session fixtures are per worker); none when
    every argument names single tests (path::name), which then run alone in this process."""
    if config.args and all("::" in arg for arg in config.args):
        return 0
    return int(os.environ.get("ECFLINK_TEST_WORKERS", WORKERS))


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--browser",
        choices=BROWSERS,
        help="run the end-to-end tests in this browser only (the tests that need no browser still run)",
    )


# The longest tests (tests/README.md, "Where the time goes"), started first, so that no worker
# starts one of them as the others run out of work.
LONGEST_FIRST = [
    "tests/e2e/test_bench.py",
    "tests/e2e/test_agreement.py",
    "tests/e2e/test_demo.py",
    "tests/e2e/test_bad_pages.py",
    "tests/e2e/test_probe_rules.py",
    "tests/unit/test_deb.py",
    "tests/unit/test_packaging.py",
    "tests/reliability/test_store_under_stress.py",
]


def pytest_collection_modifyitems(config, items) -> None:
    """The longest modules first, in the order of LONGEST_FIRST; with --browser NAME, every test
    parametrized with another browser left out."""
    rank = {path: place for place, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))
    only = config.getoption("--browser")
    if not only:
        return
    others = set(BROWSERS) - {only}
    kept, left_out = [], []
    for item in items:
        params = item.callspec.params.values() if hasattr(item, "callspec") else ()
        (left_out if others & {p for p in params if isinstance(p, str)} else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Notes on the test whether its call passed, for fixtures that keep a browser to decide; a
    failed test's report says how the keyring it used is (running, or how it ended, and its
    daemon's last messages)."""
    report = yield
    if report.when == "call":
        item.call_passed = not report.failed  # a test that skipped itself leaves its browser sound
    if report.failed:
        for name in ("keyring_daemon", "own_keyring"):
            if (daemon := getattr(item, "funcargs", {}).get(name)) is not None:
                report.sections.append((f"the {name.replace('_', ' ')}", daemon.state()))
    return report


@pytest.fixture(scope="session")
def keyring_daemon(tmp_path_factory):
    """A real, unlocked GNOME Keyring on a private bus for the whole session. The tests, the CLI
    they start and the browsers (and so the host) all use it. Missing tools skip the tests that
    need it, except under CI=true, where they fail."""
    from ecflink.practice.sim.keyring import KeyringUnavailable, start_keyring

    try:
        daemon = start_keyring(tmp_path_factory.mktemp("keyring"))
    except KeyringUnavailable as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"a real keyring is required in CI: {exc}")
        pytest.skip(f"no keyring for tests here: {exc}")
    with pytest.MonkeyPatch.context() as mp:
        _use_keyring(daemon, mp)
        yield daemon
    daemon.stop()


@pytest.fixture
def own_keyring(tmp_path_factory, monkeypatch):
    """A keyring of this test's own, used as the worker's is, for a test that does to its keyring
    what the worker's other tests must not meet (stops it, starts it again). Its folder is not
    named after the test: the daemon's control socket in it must fit a socket path (107 bytes)."""
    from ecflink.practice.sim.keyring import start_keyring

    daemon = start_keyring(tmp_path_factory.mktemp("keyring"))
    try:
        _use_keyring(daemon, monkeypatch)
        yield daemon
    finally:
        daemon.stop()


def _use_keyring(daemon, mp: pytest.MonkeyPatch) -> None:
    """This process, and every process it starts, on `daemon`'s keyring."""
    import keyring
    from keyring.backends import SecretService

    for name, value in daemon.env.items():
        mp.setenv(name, value)
    keyring.set_keyring(SecretService.Keyring())  # keyring caches the backend it found first


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """Every test gets its own ecflink data folder, and a fresh in-process host state."""
    from ecflink import dispatch

    monkeypatch.setenv("ECFLINK_DATA_DIR", str(tmp_path / "ecflink-data"))
    monkeypatch.setattr(dispatch, "_store", None)
    dispatch.tabs.reset()
    return tmp_path / "ecflink-data"


@pytest.fixture
def run_host(tmp_path):
    """Run `python -m ecflink.host ARGS` with `stdin` bytes; returns (exit code, frames, stderr, log text)."""

    def run(stdin: bytes, args=(OUR_ORIGIN,), timeout=30):
        env = {**os.environ, "ECFLINK_DATA_DIR": str(tmp_path / "data")}
        proc = subprocess.run(
            [sys.executable, "-I", "-m", "ecflink.host", *DEV_ACCEPT, *args],
            input=stdin,
            capture_output=True,
            env=env,
            timeout=timeout,
        )
        log = tmp_path / "data" / "logs" / "host.log"
        return proc.returncode, parse_frames(proc.stdout), proc.stderr.decode(), log.read_text() if log.exists() else ""

    return run


class _Lines(list):
    @property
    def text(self) -> str:
        return "\n".join(self)


@pytest.fixture
def host_log():
    """The host log's lines written during the test (logs.LOG), as the host writes them, with their `.text`."""
    import logging

    from ecflink.logs import FORMATTER, LOG

    lines = _Lines()

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    keep = Keep()
    keep.setFormatter(FORMATTER)
    LOG.addHandler(keep)
    yield lines
    LOG.removeHandler(keep)
