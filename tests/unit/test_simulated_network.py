"""The simulated network (practice world): a browser hanging up is not reported as an error."""

from __future__ import annotations

import pytest

from ecflink.practice.sim.network import Response, SimulatedNetwork


@pytest.mark.parametrize(
    ("error", "reported"),
    [(BrokenPipeError(), False), (ConnectionResetError(), False), (ValueError("a bug in a handler"), True)],
)
def test_only_real_errors_are_printed(tmp_path, capsys, error, reported):
    """Chromium asks the proxy for hosts outside the simulated network and hangs up before the
    refusal is written; that is printed as nothing. A handler's own bug still is."""
    with SimulatedNetwork(lambda request: Response(), ["ecf.txwd.uscourts.gov"], tmp_path) as network:
        try:
            raise error
        except Exception:
            network._server.handle_error(None, ("127.0.0.1", 1))
    assert ("Traceback" in capsys.readouterr().err) is reported
