"""Real headless Chromium and Firefox ESR, extension loaded, host installed by the real installer,
against the simulated court at real court host names."""

from __future__ import annotations

import pytest

from ecflink.practice.browsers import BROWSERS, Session, launch
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


@pytest.fixture(params=BROWSERS)
def browser(request, network, world, keyring_daemon, tmp_path) -> Session:
    """The browser, with the private keyring's address in its environment (the host inherits it)."""
    name = request.param
    require_browser(name)
    with launch(name, tmp_path / name, network) as session:
        yield session
