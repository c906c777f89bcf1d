"""Real headless Chromium and Firefox ESR, extension loaded, host installed by the real installer,
against the simulated court at real court host names.

Each worker starts each browser once and hands it to test after test, reset to a fresh state in
between (`reset`: about a second, against two to seven for a new browser). A test that needs a
browser of its own says why with `@pytest.mark.own_browser("why")`; a test that failed, or a reset
that did, has the next test start a new browser."""

from __future__ import annotations

from contextlib import ExitStack

import pytest

from ecflink.practice.browsers import BROWSERS, Session, launch, reset
from ecflink.practice.sim.court import SimulatedCourts, hosts
from ecflink.practice.sim.network import SimulatedNetwork
from tests.e2e.helpers import require_browser


@pytest.fixture(scope="session")
def network(tmp_path_factory):
    with SimulatedNetwork(SimulatedCourts.with_demo_accounts().app, hosts(), tmp_path_factory.mktemp("pki")) as net:
        yield net


@pytest.fixture
def world(network) -> SimulatedCourts:
    """A fresh simulated world (accounts, sessions, links) for this test."""
    fresh = SimulatedCourts.with_demo_accounts()
    network.app = fresh.app
    return fresh


class RunningBrowsers:
    """The worker's browsers, launched at first use and kept until the worker ends."""

    def __init__(self, network: SimulatedNetwork, folder) -> None:
        self.network, self.folder = network, folder
        self.sessions: dict[str, tuple[Session, ExitStack]] = {}
        self.launches = 0

    def fresh(self, name: str) -> Session:
        """The running `name`, reset; a new one if there is none or its reset failed."""
        if name in self.sessions:
            session, _ = self.sessions[name]
            try:
                reset(session)
                return session
            except Exception as exc:  # noqa: BLE001 - any failure: this browser is not trusted again
                print(f"reset of {name} failed ({exc!r}); launching a new one")
                self.discard(name)
        self.launches += 1
        running = ExitStack()
        session = running.enter_context(launch(name, self.folder / f"{name}-{self.launches}", self.network))
        self.sessions[name] = (session, running)
        return session

    def discard(self, name: str) -> None:
        """Quit `name`'s browser (after a failed test: the next test gets a new one)."""
        _, running = self.sessions.pop(name)
        running.close()

    def close(self) -> None:
        for name in list(self.sessions):
            self.discard(name)


@pytest.fixture(scope="session")
def running_browsers(network, keyring_daemon, tmp_path_factory):
    """Launched after the keyring, whose address the browsers (and so their hosts) inherit."""
    browsers = RunningBrowsers(network, tmp_path_factory.mktemp("browsers"))
    yield browsers
    browsers.close()


@pytest.fixture(params=BROWSERS)
def browser(request, running_browsers, network, world, keyring_daemon, tmp_path) -> Session:
    """The browser, with the private keyring's address in its environment (the host inherits it):
    the worker's running one, reset; or, for an `own_browser` test, one launched for it alone."""
    name = request.param
    require_browser(name)
    if request.node.get_closest_marker("own_browser"):
        with launch(name, tmp_path / name, network) as session:
            yield session
        return
    session = running_browsers.fresh(name)
    yield session
    if not getattr(request.node, "call_passed", False):  # failed, or skipped before its end
        running_browsers.discard(name)
