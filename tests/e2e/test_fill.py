"""One-click fill of the link form from the OS keyring, in both browsers."""

from __future__ import annotations


import pytest

from ecflink.practice.browsers import BROWSERS, launch
from ecflink.credentials import CredentialStore
from ecflink.progress import ProgressStore
from ecflink.practice.walkthrough import LOGIN_FIELD, PASSWORD_FIELD, SUBMIT, Walker, demo_filer
from tests.e2e.helpers import host_log, hosts_exited, left, require_browser, wait_for, watch_leaving

pytestmark = pytest.mark.e2e


def test_fill_button_fills_both_fields_and_submits_nothing(browser, world, keyring_daemon):
    filer = demo_filer(world, "txwd")
    walker = Walker(browser, world)
    walker.save_login("txwd", filer.ecf_login, filer.ecf_password)
    walker.reach_link_form("txwd", filer.pacer_username, filer.pacer_password)
    # Nothing is filled on load.
    assert walker.find(LOGIN_FIELD).get_attribute("value") == ""
    url = browser.driver.current_url
    watch_leaving(browser.driver)
    walker.fill_with_button()  # until the panel says "Filled.", the fill's last step
    assert walker.find(LOGIN_FIELD).get_property("value") == filer.ecf_login
    assert walker.find(PASSWORD_FIELD).get_property("value") == filer.ecf_password
    # Nothing submitted: the page never began to go, and no link form reached the court.
    assert not left(browser.driver)
    assert browser.driver.current_url == url and not world.pending
    assert "fill: released the txwd CM/ECF login" in host_log(browser)
    # The user submits, and the procedure goes on.
    walker.find(SUBMIT).click()
    walker.confirm_link()
    assert ProgressStore(browser.data_dir / "progress.sqlite3").get("txwd").state == "linked"


def test_without_a_stored_login_the_hint_says_how_to_add_one(browser, world, keyring_daemon):
    walker = Walker(browser, world)
    walker.reach_link_form("txwb", "jdoe2024", "Pacer-Pass-2024")
    walker.expect("Link form", "link_form")
    assert "options" in walker.overlay_note() and not walker.overlay_button().is_displayed()


@pytest.mark.security
@pytest.mark.parametrize("name", BROWSERS)
def test_after_a_walkthrough_the_password_is_in_no_file(name, network, world, keyring_daemon, tmp_path):
    """A whole walkthrough with the fill button; then, with the browser closed, every file of the
    profile, the home folder and ecflink's data folder (logs, progress database, index) is searched
    for the password, as text and as UTF-16. A browser of its own: the files searched are those of
    one fresh profile after one walkthrough."""
    require_browser(name)
    filer = demo_filer(world, "txwd")
    folder = tmp_path / name
    with launch(name, folder, network) as session:
        Walker(session, world).link("txwd", filer, fill=True)
        data_dir = session.data_dir
    wait_for(lambda: hosts_exited(session), what="the hosts to exit and close their files")
    needles = [filer.ecf_password.encode(), filer.ecf_password.encode("utf-16-le")]
    searched = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    found = [str(p.relative_to(folder)) for p in searched if any(n in p.read_bytes() for n in needles)]
    assert found == []
    assert (data_dir / "logs" / "host.log") in searched and (data_dir / "progress.sqlite3") in searched
    assert (data_dir / "credentials.json") in searched
    # The browser's own stores were searched: where it keeps form data, history and page storage.
    profile = folder / f"{name}-profile"
    stores = (
        ["formhistory.sqlite", "places.sqlite", "cookies.sqlite"]
        if name == "firefox"
        else ["Default/Web Data", "Default/History", "Default/Login Data"]
    )
    assert [store for store in stores if profile / store in searched] == stores
    assert any(
        path.is_relative_to(profile / ("storage" if name == "firefox" else "Default/Local Storage"))
        for path in searched
    )
    CredentialStore(data_dir / "credentials.json").delete("txwd")


def test_options_page_deletes_a_login(browser, world, keyring_daemon):
    import keyring

    from ecflink.credentials import SERVICE

    walker = Walker(browser, world)
    walker.save_login("txwb", "jdoe_bk", "Ecf-Txwb-1")
    assert keyring.get_password(SERVICE, "txwb")
    walker.find("#saved tr[data-court='txwb'] button").click()
    wait_for(lambda: not browser.driver.find_elements("css selector", "#saved tr"), what="the row to go")
    assert "Deleted" in walker.find("#message").text
    assert keyring.get_password(SERVICE, "txwb") is None
    assert CredentialStore(browser.data_dir / "credentials.json").list() == []


def test_a_keyring_problem_is_shown_in_the_overlay(browser, world, keyring_daemon):
    """The index says a login is stored, but the keyring entry is gone: clicking Fill explains."""
    import keyring

    from ecflink.credentials import SERVICE

    walker = Walker(browser, world)
    walker.save_login("ilnd", "janedoe", "Ecf-Ilnd-1")
    keyring.delete_password(SERVICE, "ilnd")
    walker.reach_link_form("ilnd", "jdoe2024", "Pacer-Pass-2024")
    walker.expect("Link form", "link_form")
    wait_for(lambda: walker.overlay_button().get_attribute("aria-disabled") == "false", what="the active button")
    walker.overlay_button().click()
    wait_for(lambda: "No CM/ECF login is stored for ILND" in walker.overlay_note(), what="the keyring message")
    assert walker.find(PASSWORD_FIELD).get_property("value") == ""
