"""One-click fill of the link form from the OS keyring, in both browsers."""

from __future__ import annotations

import time

import pytest

from ecflink.progress import ProgressStore
from ecflink.walkthrough import Walker, demo_filer
from tests.e2e.helpers import host_log

pytestmark = pytest.mark.e2e


def test_fill_button_fills_both_fields_and_submits_nothing(browser, world, keyring_daemon):
    filer = demo_filer(world, "txwd")
    walker = Walker(browser, world)
    walker.save_login("txwd", filer.ecf_login, filer.ecf_password)
    walker.open_court("txwd")
    walker.log_in(filer.pacer_username, filer.pacer_password)
    walker.acknowledge_redaction()
    walker.pass_mfa(filer.pacer_username)
    walker.open_link_form()
    # Nothing is filled on load.
    form = "form:has(input[type=password])"
    assert walker.find(f"{form} input[type=text]").get_attribute("value") == ""
    url = browser.driver.current_url
    walker.fill_with_button()
    assert walker.find(f"{form} input[type=text]").get_property("value") == filer.ecf_login
    assert walker.find(f"{form} input[type=password]").get_property("value") == filer.ecf_password
    time.sleep(1)
    assert browser.driver.current_url == url and not world.pending  # nothing submitted
    assert "fill: released the txwd CM/ECF login" in host_log(browser)
    # The user submits, and the procedure goes on.
    walker.find(f"{form} input[type=submit]").click()
    walker.confirm_link()
    assert ProgressStore(browser.data_dir / "progress.sqlite3").get("txwd").state == "linked"


def test_without_a_stored_login_the_hint_says_how_to_add_one(browser, world, keyring_daemon):
    walker = Walker(browser, world)
    walker.open_court("txwb")
    walker.log_in("jdoe2024", "Pacer-Pass-2024")
    walker.acknowledge_redaction()
    walker.pass_mfa("jdoe2024")
    walker.open_link_form()
    walker.expect("Link form", "link_form")
    assert "options" in walker.overlay_note() and not walker.overlay_button().is_displayed()
