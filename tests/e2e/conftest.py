"""Real headless Chromium and Firefox ESR, extension loaded, host installed by the real installer,
against the simulated court at real court host names."""

from __future__ import annotations

import pytest

from ecflink.browsers import BROWSERS, Session, launch
from ecflink.sim import court
from ecflink.sim.network import SimulatedNetwork
from tests.e2e.helpers import require_browser


@pytest.fixture(scope="session")
def network(tmp_path_factory):
    with SimulatedNetwork(court.app, court.hosts(), tmp_path_factory.mktemp("pki")) as net:
        yield net


@pytest.fixture(params=BROWSERS)
def browser(request, network, tmp_path) -> Session:
    name = request.param
    require_browser(name)
    with launch(name, tmp_path / name, network) as session:
        yield session
