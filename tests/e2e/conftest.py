"""Real headless Chromium and Firefox ESR, extension loaded, host installed by the real installer,
against the simulated court at real court host names."""

from __future__ import annotations

import os
import re
import time

import pytest

from ecflink.browsers import BROWSERS, BrowserUnavailable, Session, check_available, launch
from ecflink.sim import court
from ecflink.sim.network import SimulatedNetwork


@pytest.fixture(scope="session")
def network(tmp_path_factory):
    with SimulatedNetwork(court.app, court.hosts(), tmp_path_factory.mktemp("pki")) as net:
        yield net


@pytest.fixture(params=BROWSERS)
def browser(request, network, tmp_path) -> Session:
    name = request.param
    try:
        check_available(name)
    except BrowserUnavailable as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is required in CI: {exc}")
        pytest.skip(f"{name} not available here: {exc}")
    with launch(name, tmp_path / name, network) as session:
        yield session


def host_log(session: Session) -> str:
    log = session.data_dir / "logs" / "host.log"
    return log.read_text() if log.exists() else ""


def host_pids(session: Session) -> list[int]:
    """Process ids of every host the browser started, in order."""
    return [int(pid) for pid in re.findall(r"pid=(\d+) INFO started for", host_log(session))]


def page_reports(session: Session) -> list[str]:
    """The court of every page report the host answered, in order ('none' for no court)."""
    return re.findall(r"page report from tab \d+: court (\S+)", host_log(session))


def wait_for(predicate, timeout: float = 15, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
