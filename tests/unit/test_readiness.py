"""The readiness check before linking a court, its hint on the court's home page, your courts and
their export (`ecflink status --json/--csv`)."""

import csv
import io
import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ecflink import courtdata, dispatch, pages, settings
from ecflink.accounts import LEGACY_USERNAME
from ecflink.dispatch import answer
from ecflink.paths import data_dir
from ecflink.readiness import account, check
from ecflink.settings import Settings
from ecflink.yourcourts import EXPORT_FIELDS

TXWD = dispatch.all_courts()["txwd"]
DATA = courtdata.shipped()
INFO = DATA.courts["TXWDC"]
READY = Settings(my_pacer_username="jdoe2024", mfa_ready=True)


def outcomes(points):
    return [(p.id, p.ok, p.outcome) for p in points]


def test_all_ready():
    points = check(TXWD, INFO, DATA.date, READY, "jdoe_txwd")
    assert outcomes(points) == [
        ("nextgen", True, "ok"),
        ("pacer_username", True, "ok"),
        ("cmecf_login", True, "ok"),
    ]
    assert "release 1.6.3, PACER's court list of 2023-01-10" in points[0].text


def test_a_court_not_on_nextgen_gets_no_nextgen_step():
    old = replace(INFO, software_version="CM/ECF Version 6.3.3")
    points = check(TXWD, old, DATA.date, Settings(), None)
    assert outcomes(points) == [("nextgen", False, "not_nextgen")]
    assert "log in with your CM/ECF login as before" in points[0].text and "“CM/ECF Version 6.3.3”" in points[0].text


def test_a_court_pacer_does_not_list_is_unknown_not_a_failure():
    points = check(TXWD, None, DATA.date, READY, "jdoe_txwd")
    assert points[0].ok is None and "does not say whether" in points[0].text


@pytest.mark.parametrize(
    "known, outcome",
    [
        (Settings(mfa_ready=True), "missing"),
        (Settings(my_pacer_username="jd1234", mfa_ready=True), "legacy"),
        (Settings(my_pacer_username="SmithLaw", shared_usernames=["smithlaw"], mfa_ready=True), "shared"),
        (Settings(my_pacer_username="smithlaw", firm_shared_usernames=["SMITHLAW"], mfa_ready=True), "shared"),
    ],
)
def test_the_pacer_username_must_be_individual_and_upgraded(known, outcome):
    points = {p.id: p for p in check(TXWD, INFO, DATA.date, known, "jdoe_txwd")}
    assert (points["pacer_username"].ok, points["pacer_username"].outcome) == (False, outcome)


def test_the_legacy_rule_is_the_login_page_probe_s():
    probe = pages.table()["probes"]["cso"]["legacy_username"]["value"]
    assert probe == f"^{LEGACY_USERNAME}$"


@pytest.mark.parametrize(
    "login, outcome, words", [(None, "missing", "Store your CM/ECF login"), ("j&doe", "characters", "&")]
)
def test_the_cmecf_login_must_be_stored_and_linkable(login, outcome, words):
    points = {p.id: p for p in check(TXWD, INFO, DATA.date, READY, login)}
    assert (points["cmecf_login"].ok, points["cmecf_login"].outcome) == (False, outcome)
    assert words in points["cmecf_login"].text


# -- the PACER account ------------------------------------------------------------------------------

TODAY = date(2026, 12, 8)
SAID_ALL = Settings(
    my_pacer_username="jdoe2024",
    mfa_ready=True,
    backup_codes_saved=True,
    email_checked=True,
    password_changed_on="2026-10-01",
)


def test_the_account_is_ready_when_the_user_said_so_and_the_password_is_young():
    points = account(SAID_ALL, {}, TODAY)
    assert outcomes(points) == [
        ("mfa", True, "ok"),
        ("backup_codes", True, "ok"),
        ("email", True, "ok"),
        ("password_age", True, "ok"),
    ]
    assert points[-1].text == "Your PACER password changed on 2026-10-01: 112 of PACER's 180 days are left."


def test_what_the_user_has_not_said_is_to_do():
    points = {p.id: p for p in account(Settings(), {}, TODAY)}
    assert [(p.ok, p.outcome) for p in points.values()] == [(False, "missing")] * 3 + [(None, "unknown")]
    assert "Manage MFA Settings" in points["backup_codes"].text and "offline" in points["backup_codes"].text
    assert "security code" in points["email"].text and "ecflink config email-checked yes" in points["email"].text
    assert "every 180 days" in points["password_age"].text


@pytest.mark.parametrize(
    "changed, outcome, words",
    [
        ("2026-06-20", "due", "9 days from now"),
        ("2026-06-12", "due", "1 day from now"),
        ("2026-06-11", "over", "180 days ago"),  # the day it falls due
        ("2026-06-01", "over", "may ask at any sign-in"),
        ("2027-01-01", "unknown", "does not know"),  # a day still to come is no day ecflink can count from
    ],
)
def test_the_password_age_is_counted_against_pacers_180_days(changed, outcome, words):
    (point,) = [p for p in account(replace(SAID_ALL, password_changed_on=changed), {}, TODAY) if p.id == "password_age"]
    assert point.outcome == outcome and words in point.text and point.ok is (None if outcome == "unknown" else False)


def test_the_skips_seen_are_said_until_mfa_is_set_up():
    skips = {"mfa_enrolment": 2, "password_update": 1}
    points = {(p.id, p.outcome): p for p in account(replace(SAID_ALL, mfa_ready=False), skips, TODAY)}
    assert "notice on this computer: 2. PACER allows three in all" in points[("skips", "mfa")].text
    assert points[("skips", "password")].ok is False
    assert ("skips", "mfa") not in {(p.id, p.outcome) for p in account(SAID_ALL, skips, TODAY)}
    used = {(p.id, p.outcome): p for p in account(Settings(), {"mfa_enrolment": 3, "password_update": 3}, TODAY)}
    assert "all that PACER allows" in used[("skips", "mfa_used")].text and "before they run out" not in str(used)
    assert ("skips", "password_used") in used


# -- on the court's home page ---------------------------------------------------------------------

HOME = {
    "type": "facts",
    "tab_id": 3,
    "frame_id": 0,
    "url": "https://ecf.txwd.uscourts.gov/",
    "origin": "https://ecf.txwd.uscourts.gov",
}
HOME_FACTS = {name: 0 for name in pages.table()["probes"]["ecf"]} | {"way_in": 1}


def store_login(court: str, login: str) -> None:
    """The credentials index as the keyring call leaves it (readiness reads only the index)."""
    index = data_dir() / "credentials.json"
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text(
        json.dumps({"version": 1, "courts": {court: {"login": login, "saved_at": "2026-11-30T00:00:00Z"}}})
    )


def test_the_home_page_says_what_is_missing_in_its_second_line():
    hint = answer({**HOME, "facts": HOME_FACTS})
    assert hint.kind == "court_home" and hint.target == "way_in" and "individual PACER account" in hint.text
    assert hint.note.startswith("Before you link: Tell ecflink your own individual PACER username")
    assert hint.note.endswith("(4 more in ecflink's popup.)")  # the login, then MFA, backup codes, e-mail
    settings.save_own("jdoe2024", [], mfa_ready=True, backup_codes_saved=True, email_checked=True)
    hint = answer({**HOME, "tab_id": 4, "facts": HOME_FACTS})
    assert hint.note.startswith("Before you link: Store your CM/ECF login for U.S. District Court")
    assert not hint.note.endswith("popup.)")
    store_login("txwd", "jdoe_txwd")
    hint = answer({**HOME, "tab_id": 5, "facts": HOME_FACTS})
    assert hint.note is None and "individual PACER account" in hint.text  # the password's age unknown: not a failure


def test_a_linked_courts_home_page_says_only_what_the_pacer_account_still_needs():
    dispatch.progress().record("txwd", "ecf_linked")
    settings.save_own("jdoe2024", [], mfa_ready=True)  # no CM/ECF login stored: no longer a question
    hint = answer({**HOME, "facts": HOME_FACTS})
    assert hint.text.startswith("Choose") and hint.note.startswith("Your PACER account: Get PACER's backup codes")
    settings.save_own(
        "jdoe2024", [], backup_codes_saved=True, email_checked=True, password_changed_on=str(date.today())
    )
    assert answer({**HOME, "tab_id": 4, "facts": HOME_FACTS}).note is None


def test_the_home_page_of_a_court_not_on_nextgen_gives_no_nextgen_step(monkeypatch):
    old = replace(DATA, courts={**DATA.courts, "TXWDC": replace(INFO, software_version="CM/ECF Version 6.3.3")})
    monkeypatch.setattr(courtdata, "current", lambda: old)
    hint = answer({**HOME, "facts": HOME_FACTS})
    assert hint.text.startswith("PACER's court list of 2023-01-10 shows U.S. District Court")
    assert "PACER account" not in hint.text and hint.target is None and hint.note is None and hint.button is None


# -- your courts and the export -------------------------------------------------------------------


def ecflink(*args):
    env = {**os.environ, "ECFLINK_DATA_DIR": str(data_dir())}
    return subprocess.run(
        [sys.executable, "-m", "ecflink.cli", *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_your_courts_come_from_logins_visits_and_choices():
    store_login("txwb", "jdoe_txwb")
    dispatch.progress().record("txwd", "court_home")
    dispatch.progress().record("ilnd", "ecf_linked")
    assert ecflink("courts", "add", "cofc").returncode == 0
    listed = json.loads(ecflink("status", "--json").stdout)
    assert {c["id"]: c["yours_because"] for c in listed["courts"]} == {
        "txwb": ["login"],
        "txwd": ["visited"],
        "ilnd": ["visited"],
        "cofc": ["added"],
    }
    assert ecflink("courts", "remove", "txwd").returncode == 0
    kept = ecflink("courts", "remove", "txwb")
    assert kept.returncode == 0 and "stays in your courts while its CM/ECF login is stored" in kept.stderr
    listed = json.loads(ecflink("status", "--json").stdout)
    assert [c["id"] for c in listed["courts"]] == ["txwb", "cofc", "ilnd"]  # by name


def test_the_export_has_every_documented_field_and_no_secret():
    store_login("txwd", "jdoe_txwd")
    dispatch.progress().record("txwd", "ecf_linked")
    dispatch.progress().note_pacer_username("txwd", "jdoe2024")
    as_json = json.loads(ecflink("status", "--json").stdout)
    row = as_json["courts"][0]
    assert tuple(row) == EXPORT_FIELDS and as_json["format"] == 1
    assert (row["id"], row["state"], row["pacer_username"], row["login_stored"]) == ("txwd", "linked", "jdoe2024", True)
    as_csv = list(csv.DictReader(io.StringIO(ecflink("status", "--csv").stdout)))
    assert tuple(as_csv[0]) == EXPORT_FIELDS and as_csv[0]["state"] == "linked"
    for text in (json.dumps(as_json), str(as_csv)):
        assert "jdoe_txwd" not in text  # the CM/ECF login's name stays in the index
    documented = re.findall(r"^\| `(\w+)` \|", (Path(__file__).parents[2] / "docs" / "court-data.md").read_text(), re.M)
    assert tuple(documented) == EXPORT_FIELDS


def test_a_stuck_link_needs_attention():
    store = dispatch.progress()
    store.record("txwd", "link_done")
    assert json.loads(ecflink("status", "--json").stdout)["courts"][0]["state"] == "linked"
    store.add_fixes("txwd", [dispatch.Fix("hard_reload", "offered")])
    row = json.loads(ecflink("status", "--json").stdout)["courts"][0]
    assert row["state"] == "needs_attention" and "filing menus did not appear" in row["next_action"]


def test_courts_show_follows_the_cli_contract():
    shown = ecflink("courts", "show", "jpml", "--json")
    facts = json.loads(shown.stdout)
    assert shown.returncode == 0
    assert {"id", "name", "type", "ecf_host", "nextgen", "release", "go_live", "help_desk", "data_date"} <= facts.keys()
    assert (facts["id"], facts["type"], facts["nextgen"], facts["help_desk"]) == ("jpml", "national", True, [])
    assert json.loads(ecflink("courts", "show", "ILND", "--json").stdout)["help_desk"] == ["312-582-8727"]
    every = json.loads(ecflink("courts", "list", "--json").stdout)
    assert len(every) == 204 and every[0].keys() == facts.keys()
    unknown = ecflink("courts", "show", "xxxx", "--json")
    assert unknown.returncode == 2 and "no court with the id 'xxxx'" in unknown.stderr and not unknown.stdout


def test_the_pacer_account_is_said_and_checked_from_the_command_line():
    assert ecflink("config", "backup-codes-saved", "yes").returncode == 0
    assert ecflink("config", "email-checked", "yes").returncode == 0
    shown = ecflink("config", "password-changed", "today")
    assert shown.returncode == 0 and f"PACER password last changed: {date.today()}" in shown.stdout
    for bad in ("2999-01-01", "yesterday", "2026-02-30"):
        refused = ecflink("config", "password-changed", bad)
        assert refused.returncode == 2 and "YYYY-MM-DD" in refused.stderr
    assert settings.load().password_changed_on == str(date.today())
    checked = ecflink("check", "txwd")
    lines = checked.stdout.splitlines()
    assert lines[0] == "Your PACER account" and checked.returncode == 1  # MFA not said, and txwd's points
    assert lines[1].startswith("  [to do] Set up multifactor authentication")
    assert "of PACER's 180 days are left" in checked.stdout and "U.S. District Court for the Western" in checked.stdout


def test_the_options_page_says_the_account_through_the_settings_message():
    reply = answer(
        {
            "type": "settings_set",
            "my_pacer_username": "jdoe2024",
            "backup_codes_saved": True,
            "email_checked": True,
            "password_changed_on": "2026-11-30",
        }
    )
    assert (reply.backup_codes_saved, reply.email_checked, reply.password_changed_on, reply.mfa_ready) == (
        True,
        True,
        "2026-11-30",
        False,
    )
    kept = answer({"type": "settings_set", "my_pacer_username": "jdoe2024"})  # not given: unchanged
    assert kept.backup_codes_saved and kept.password_changed_on == "2026-11-30"
    assert answer({"type": "settings_set", "password_changed_on": "30/11/2026"}).code == "invalid_message"
