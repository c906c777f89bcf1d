"""Courts as they are (issue 36): the 2nd and 9th Circuits open new cases in ACMS, where a filer signs
in with PACER and has nothing to link; `ecflink courts` and the popup's data say so, and ecflink
never gives a CM/ECF hint on a site that is not CM/ECF."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ecflink.courts import all_courts, system_of
from ecflink.dispatch import answer
from ecflink.paths import package_data


def courts(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ecflink.cli", "courts", *args], capture_output=True, text=True, timeout=60
    )


def test_the_second_and_ninth_circuits_file_new_cases_in_acms_and_every_other_court_in_cmecf():
    systems = {court: system_of(c).name for court, c in all_courts().items()}
    assert {court for court, name in systems.items() if name == "acms"} == {"ca2", "ca9"}
    assert set(systems.values()) == {"cmecf", "acms"}
    table = json.loads(package_data("court-systems.json"))["courts"]
    assert all(entry["evidence"] and entry["since"] for entry in table.values())  # each with its source
    assert "Veterans Claims" in json.loads(package_data("court-systems.json"))["_about"]


def test_courts_show_and_list_say_acms_and_nothing_to_link():
    shown = json.loads(courts("show", "ca9", "--json").stdout)
    assert (shown["system"], shown["system_since"]) == ("acms", "2023-10-01")
    assert "nothing to link" in shown["system_note"] and "PACER account" in shown["system_note"]
    plain = json.loads(courts("show", "txwd", "--json").stdout)
    assert (plain["system"], plain["system_note"]) == ("cmecf", None)
    listed = {line.split()[0]: line for line in courts("list").stdout.splitlines()[1:]}
    assert (
        "ACMS, some new cases" in listed["ca2"] and "ACMS, new cases" in listed["ca9"] and "ACMS" not in listed["ca5"]
    )
    second = json.loads(courts("show", "ca2", "--json").stdout)["system_note"]
    assert "agency cases" in second and "other cases are in CM/ECF" in second  # only some of its cases


def test_the_popups_data_names_the_acms_courts_apart_from_the_courts_to_link():
    status = answer({"type": "status", "id": 1})
    assert [(c.id, c.system) for c in status.elsewhere] == [("ca2", "acms"), ("ca9", "acms")]
    assert all("nothing to link" in c.note for c in status.elsewhere)
    assert not {"ca2", "ca9"} & {c.id for c in status.courts}  # never a court to link


def test_no_cmecf_hint_on_an_acms_court_or_its_acms_sites():
    for url in ("https://ecf.ca9.uscourts.gov/n/beam", "https://ca9-showdoc.azurewebsites.us/"):
        origin = url.split("/n/")[0].rstrip("/")
        reply = answer({"type": "page", "tab_id": 1, "frame_id": 0, "url": url, "origin": origin})
        assert reply.type == "hint" and reply.text is None
    manifest = json.loads((Path(__file__).resolve().parents[2] / "extension" / "manifest.json").read_text())
    reach = {m for script in manifest["content_scripts"] for m in script["matches"]}
    acms = ("azurewebsites", "fedcourts", "powerappsportals", "ecf.ca2.", "ecf.ca9.")
    assert not [m for m in reach if any(site in m for site in acms)]  # no content script on an ACMS site
