"""The remaining shared-account signals: the firm's list by browser policy, the PACER login on
CM/ECF receipts, and a PACER username already linked in this profile for another person."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ecflink import dispatch, settings
from ecflink.accounts import Account, OtherLink, linked_for_someone_else, login_signals
from ecflink.cli import classify_html
from ecflink.dispatch import answer
from ecflink.paths import in_data_dir
from tests.unit.test_login_accounts import at_login
from tests.unit.facts import ECF_COUNTS, VERIFY

ECF = {
    "tab_id": 7,
    "frame_id": 0,
    "url": "https://ecf.txwd.uscourts.gov/cgi-bin/DktRpt.pl?123",
    "origin": "https://ecf.txwd.uscourts.gov",
}
MENU = ECF_COUNTS | {"menubar": 1, "logout_link": 1, "filer_menu": 1}
REAL = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "real"


def facts(url_court: str, counts: dict, texts: dict, tab: int = 7):
    host = f"ecf.{url_court}.uscourts.gov"
    return answer(
        {
            **ECF,
            "type": "facts",
            "tab_id": tab,
            "url": f"https://{host}/cgi-bin/DktRpt.pl?123",
            "origin": f"https://{host}",
            "facts": counts,
            "texts": texts,
        }
    )


# -- the firm's list, delivered by browser policy ------------------------------------------------


@pytest.mark.parametrize(
    "username, mine, shared, firm, signals",
    [
        ("FirmAdmin", "jdoe2024", [], ["firmadmin"], ["firm_listed_username"]),
        ("smithlaw1", None, ["smithlaw1"], ["smithlaw1"], ["firm_listed_username"]),  # the firm's word first
        ("jdoe2024", "jdoe2024", [], ["firmadmin"], []),
        ("rroe2019", None, [], ["firmadmin"], []),
    ],
)
def test_login_signals_with_the_firm_list(username, mine, shared, firm, signals):
    assert login_signals(username, mine, shared, firm) == signals


def test_policy_sets_the_firm_list_which_the_options_page_cannot_remove():
    reply = answer({"type": "policy", "id": 1, "shared_usernames": [" firmadmin ", "smithlaw1", "firmadmin"]})
    assert (reply.type, reply.reply_to, reply.firm_shared_usernames) == ("settings", 1, ["firmadmin", "smithlaw1"])
    # The options page saves the user's own settings only; the firm's list stays.
    mine = answer({"type": "settings_set", "my_pacer_username": "jdoe2024", "shared_usernames": []})
    assert mine.firm_shared_usernames == ["firmadmin", "smithlaw1"]
    assert answer({"type": "settings_set", "firm_shared_usernames": []}).code == "invalid_message"
    hint = at_login("firmadmin")
    assert [(w.code, w.signal) for w in hint.warnings] == [("shared_account", "firm_listed_username")]
    assert "your firm lists" in hint.text and "locks out" in hint.text and hint.tone == "problem"
    # The policy withdrawn: the extension sends an empty list, and the warning goes.
    assert answer({"type": "policy", "shared_usernames": []}).firm_shared_usernames == []
    assert at_login("firmadmin").warnings[0].signal == "not_my_username"
    assert settings.load().my_pacer_username == "jdoe2024"


def test_policy_limits():
    assert answer({"type": "policy", "shared_usernames": ["x" * 65]}).code == "invalid_message"
    assert answer({"type": "policy", "shared_usernames": ["a"] * 1001}).code == "invalid_message"
    assert answer({"type": "policy", "shared_usernames": "firmadmin"}).code == "invalid_message"


def test_config_shows_the_firm_list_and_will_not_remove_it():
    answer({"type": "policy", "shared_usernames": ["firmadmin"]})
    run = lambda *a: subprocess.run(
        [sys.executable, "-m", "ecflink.cli", "config", *a],  # noqa: E731
        env={**os.environ},
        capture_output=True,
        text=True,
        timeout=60,
    )
    out = run("remove-shared", "FirmAdmin")
    assert "only the firm can remove it" in out.stderr
    assert "set by your firm's browser policy: firmadmin" in out.stdout
    assert settings.load().firm_shared_usernames == ["firmadmin"]


# -- the "PACER Login:" of CM/ECF transaction receipts ------------------------------------------


def test_a_receipt_with_a_listed_shared_login_warns_on_a_cmecf_page():
    answer({"type": "settings_set", "my_pacer_username": "jdoe2024", "shared_usernames": ["smithlaw1"]})
    hint = facts("txwd", MENU, {"receipt_pacer_login": "smithlaw1"})
    assert (hint.kind, hint.tone) == ("ecf_linked", "problem")
    assert [(w.code, w.signal) for w in hint.warnings] == [("shared_account", "listed_shared_username")]
    other = facts("txwd", MENU, {"receipt_pacer_login": "rroe2019"})
    assert [w.signal for w in other.warnings] == ["not_my_username"] and "jdoe2024" in other.text
    own = facts("txwd", MENU, {"receipt_pacer_login": "JDOE2024"})
    assert own.warnings == [] and own.tone == "done"


def test_a_receipt_on_a_page_ecflink_does_not_know_still_warns_but_gives_no_step():
    answer({"type": "policy", "shared_usernames": ["smithlaw1"]})
    hint = facts("txwd", ECF_COUNTS | {"menubar": 0}, {"receipt_pacer_login": "smithlaw1"})
    assert hint.kind == "unknown" and hint.target is None
    assert [w.signal for w in hint.warnings] == ["firm_listed_username"]
    assert facts("txwd", ECF_COUNTS, {"receipt_pacer_login": "jdoe2024"}).text is None


RECEIPT_PAGE = """<html><body><div id="topmenu"><a href="/cgi-bin/login.pl?logout">Log Out</a>
<a href="/cgi-bin/DisplayMenu.pl?CivilEvents">Civil</a></div><div id="cmecfMainContent">
<table><tr><th>Docket</th></tr><tr><td>entries</td></tr></table>
<table><tr><th colspan="4">PACER Service Center</th></tr><tr><th colspan="4">Transaction Receipt</th></tr>
<tr><th align="LEFT"><font> PACER Login: </font></th><td><font> smithlaw1 </font></td>
<th> Client Code: </th><td> 1234 </td></tr></table></div></body></html>"""


def test_classify_reads_the_receipt_login_with_the_users_settings():
    url = "https://ecf.txwd.uscourts.gov/cgi-bin/DktRpt.pl?123"
    assert classify_html(url, RECEIPT_PAGE.encode())["warnings"] == []
    settings.save_own(None, ["SmithLaw1"])
    found = classify_html(url, RECEIPT_PAGE.encode())
    assert found["page"] == "ecf_linked"
    assert [(w["code"], w["signal"]) for w in found["warnings"]] == [("shared_account", "listed_shared_username")]


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/fixtures/real is not beside this checkout")
def test_real_receipts_are_read():
    settings.save_own("jdoe2024", [])
    page = REAL / "filer_menu_bankruptcy_cacb_nextgen_1.7.1.1.html"
    found = classify_html("https://ecf.cacb.uscourts.gov/cgi-bin/DktRpt.pl?1", page.read_bytes())
    # The saved receipt's username was replaced by "[ LOGIN REMOVED ]": not the user's own. The
    # panel quotes it as a name, between isolates (guide.page_text), without the brackets.
    assert [w["signal"] for w in found["warnings"]] == ["not_my_username"]
    assert "“\u2068LOGIN REMOVED\u2069”" in found["warnings"][0]["message"]


# -- a PACER username already linked in this profile for another person -------------------------


def test_linked_for_someone_else_matching():
    links = (OtherLink("U.S. District Court for the Western District of Texas", "smithlaw1", "Jane Doe"),)
    assert linked_for_someone_else(Account("SmithLaw1", ""), Account("rroe", "Richard Roe"), links) == links[0]
    assert linked_for_someone_else(Account("smithlaw1", ""), Account("jdoe", "DOE, JANE Q."), links) is None
    assert linked_for_someone_else(Account("other1", ""), Account("rroe", "Richard Roe"), links) is None
    assert linked_for_someone_else(Account("smithlaw1", ""), Account("rroe", ""), links) is None


def test_verify_page_holds_when_the_pacer_account_was_linked_here_for_another_person():
    listed = {"verify_pacer_account": "smithlaw1", "verify_cmecf_account": "jdoe (Jane Doe)"}
    first = facts("txwd", VERIFY, listed, tab=1)
    assert first.warnings == [] and first.hold is None  # no name on the PACER side: nothing to compare yet
    facts("txwd", ECF_COUNTS | {"menubar": 1, "link_success": 1}, {}, tab=1)  # the court confirmed the link
    assert dispatch.progress().get("txwd").cmecf_holder == "Jane Doe"
    second = facts("ilnd", VERIFY, {**listed, "verify_cmecf_account": "rroe (Richard Roe)"}, tab=2)
    assert (second.tone, second.hold) == ("problem", "verify_submit")
    assert [w.signal for w in second.warnings] == ["linked_for_someone_else"]
    assert "Jane Doe" in second.text and "Western District of Texas" in second.text and "Submit is held" in second.text
    # The same person at another court passes.
    third = facts("txwb", VERIFY, {**listed, "verify_cmecf_account": "jdoe_bk (Doe, Jane)"}, tab=3)
    assert third.warnings == [] and third.hold is None


def test_settings_written_side_by_side_by_several_hosts_stay_whole(tmp_path):
    code = (
        "import sys; from ecflink import settings\n"
        "for i in range(60):\n"
        "    settings.save_own(f'user{sys.argv[1]}', [f'shared{i}'])\n"
        "    settings.save_firm([f'firm{i}'])\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code, str(n)], env={**os.environ}) for n in range(4)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    known = settings.load()
    assert known.my_pacer_username.startswith("user") and len(known.firm_shared_usernames) == 1
    assert not [name for name in os.listdir(in_data_dir()) if name.startswith(".settings.json")]
