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
from pathlib import Path

import pytest

from ecflink import courtdata, dispatch, pages, settings
from ecflink.accounts import LEGACY_USERNAME
from ecflink.dispatch import answer
from ecflink.paths import data_dir
from ecflink.readiness import check
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
        ("mfa", True, "ok"),
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


def test_mfa_is_as_the_user_said():
    points = {p.id: p for p in check(TXWD, INFO, DATA.date, replace(READY, mfa_ready=False), "jdoe_txwd")}
    assert (points["mfa"].ok, points["mfa"].outcome) == (False, "missing")


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
    assert hint.note.endswith("(2 more in ecflink's popup.)")
    settings.save_own("jdoe2024", [], mfa_ready=True)
    hint = answer({**HOME, "tab_id": 4, "facts": HOME_FACTS})
    assert hint.note.startswith("Before you link: Store your CM/ECF login for U.S. District Court")
    assert not hint.note.endswith("popup.)")
    store_login("txwd", "jdoe_txwd")
    hint = answer({**HOME, "tab_id": 5, "facts": HOME_FACTS})
    assert hint.note is None and "individual PACER account" in hint.text


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
