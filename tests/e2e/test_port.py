"""The helper app starts at a court navigation's first sign, before the court answers, and exits
when the filer works elsewhere: the background closes the port when no court or PACER page has been
open for the host's idle time; the next court page starts a new helper app and still gets its hint."""

import time

import pytest

from ecflink.practice.browsers import BROWSERS, host_processes, launch, read_hint
from ecflink.practice.sim.network import Request, Response
from tests.e2e.helpers import host_log, require_browser, wait_for

TXWD_HOME = "https://ecf.txwd.uscourts.gov/"
IDLE_S = 1  # the host's idle time in these tests (ECFLINK_PORT_IDLE_S); 600 s otherwise

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("name", BROWSERS)
def test_the_port_closes_once_no_court_page_is_open_and_the_next_court_page_starts_it_again(
    name, network, world, keyring_daemon, tmp_path
):
    """A browser of its own: the host's idle time comes from its environment, which a running
    browser's host has already inherited."""
    require_browser(name)
    with launch(name, tmp_path / name, network, extra_env={"ECFLINK_PORT_IDLE_S": str(IDLE_S)}) as session:
        driver = session.driver
        driver.get(TXWD_HOME)
        assert read_hint(driver, "court_home")["kind"] == "court_home"
        (first,) = host_processes(session)
        # A court page left open in one tab while the filer works in another: the helper app stays.
        court_tab = driver.current_window_handle
        driver.switch_to.new_window("tab")
        driver.get("about:blank")
        time.sleep(3 * IDLE_S)  # the idle time passing is what is tested here
        assert host_processes(session) == [first]
        driver.close()
        driver.switch_to.window(court_tab)
        driver.get("about:blank")  # no court page anywhere now
        wait_for(lambda: not host_processes(session), timeout=20, what="the helper app to exit")
        assert host_log(session).count("input closed; exiting") == 1
        driver.get(TXWD_HOME)
        assert read_hint(driver, "court_home")["kind"] == "court_home"
        assert [pid for pid in host_processes(session) if pid != first]


@pytest.mark.parametrize("name", BROWSERS)
def test_the_helper_app_starts_while_the_court_is_still_answering(name, network, world, keyring_daemon, tmp_path):
    """The court's first page after the browser starts, and again after the port closed while idle:
    the court answers only once a helper app of this browser is running (or after 10 s), so only a
    start at the navigation's request, before any page script of ecflink can run, lets it answer at once."""
    require_browser(name)
    seen: list[bool] = []
    browser = []  # this test's browser, once launched

    def court(request: Request) -> Response:
        if request.path == "/?early" and browser:
            try:
                seen.append(bool(wait_for(lambda: host_processes(browser[0]), timeout=10, what="a helper app")))
            except AssertionError:  # none came: answered anyway, and the test says so below
                seen.append(False)
        return world.app(request)

    network.app = court
    with launch(name, tmp_path / name, network, extra_env={"ECFLINK_PORT_IDLE_S": str(IDLE_S)}) as session:
        browser.append(session)
        driver = session.driver
        driver.get("about:blank")
        assert not host_processes(session)
        driver.get(TXWD_HOME + "?early")
        assert read_hint(driver, "court_home")["kind"] == "court_home"
        driver.get("about:blank")
        wait_for(lambda: not host_processes(session), timeout=20, what="the helper app to exit")
        driver.get(TXWD_HOME + "?early")
        assert read_hint(driver, "court_home")["kind"] == "court_home"
    assert seen == [True, True]
