import json
import re
from pathlib import Path

import pytest

from ecflink.courts import all_courts, court_for

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "real"

CSO = "https://pacer.login.uscourts.gov/csologin/login.jsf"


@pytest.mark.parametrize(
    "url, court",
    [
        ("https://ecf.txwd.uscourts.gov/", "txwd"),
        ("https://ecf.txwd.uscourts.gov/cgi-bin/DisplayMenu.pl?Utilities", "txwd"),
        ("https://ECF.TXWB.USCOURTS.GOV/", "txwb"),
        ("https://ecf.ca5.uscourts.gov/n/beam/servlet/TransportRoom", "ca5"),
        ("https://ecf.txwd.uscourts.gov:443/", "txwd"),
        (f"{CSO}?pscCourtId=TXWDC&appurl=https%3A%2F%2Fecf.txwd.uscourts.gov%2Fcgi-bin%2Fshowpage.pl%3F16", "txwd"),
        (f"{CSO}?pscCourtId=TXWBK", "txwb"),
        (f"{CSO}?pscCourtId=01CA&appurl=https%3A%2F%2Fecf.ca1.uscourts.gov%2Fn%2Fbeam", "ca1"),
        (f"{CSO}?appurl=https%3A%2F%2Fecf.txwb.uscourts.gov%2Fcgi-bin%2Fshowpage.pl%3F16", "txwb"),
        # lookalikes and everything that is not exactly a court's https host
        ("https://ecf.txwd.uscourts.gov.evil.example/", None),
        ("https://xecf.txwd.uscourts.gov/", None),
        ("https://ecf-txwd.uscourts.gov/", None),
        ("https://ecf.txwd.uscourts.gov./", None),
        ("https://ecf.zzzz.uscourts.gov/", None),
        ("https://ecf.tx.wd.uscourts.gov/", None),
        ("https://www.uscourts.gov/", None),
        ("http://ecf.txwd.uscourts.gov/", None),
        ("https://ecf.txwd.uscourts.gov:8443/", None),
        ("https://user@ecf.txwd.uscourts.gov/", None),
        ("https://evil.example/?u=https://ecf.txwd.uscourts.gov/", None),
        ("https://evil.example/#ecf.txwd.uscourts.gov", None),
        ("https://ecf.txwd.uscourts.gov:99999/", None),
        ("javascript:alert(1)//ecf.txwd.uscourts.gov", None),
        ("not a url", None),
        ("", None),
        # the PACER login page: only the real host, and court code and target must agree
        (f"{CSO}?pscCourtId=TXWDC&appurl=https%3A%2F%2Fecf.txwb.uscourts.gov%2F", None),
        (f"{CSO}?appurl=https%3A%2F%2Fecf.txwd.uscourts.gov.evil.example%2F", None),
        (f"{CSO}?pscCourtId=PCL", None),
        ("https://pacer.login.uscourts.gov.evil.example/csologin/login.jsf?pscCourtId=TXWDC", None),
        ("http://pacer.login.uscourts.gov/csologin/login.jsf?pscCourtId=TXWDC", None),
    ],
)
def test_court_for(url, court):
    found = court_for(url)
    assert (found.id if found else None) == court


@pytest.mark.parametrize(
    "row", ["txwd,district,U.S. District Court, Texas,ecf.txwd.uscourts.gov,TXWDC", "txwd,district"]
)
def test_a_row_with_a_field_too_many_or_too_few_is_refused(monkeypatch, row):
    import ecflink.courts

    monkeypatch.setattr(ecflink.courts, "package_data", lambda name: f"id,type,name,ecf_host,pacer_code\n{row}\n")
    with pytest.raises(ValueError):
        all_courts.__wrapped__()


def test_table_covers_every_court_type():
    courts = all_courts().values()
    counts = {kind: sum(c.type == kind for c in courts) for kind in ("district", "bankruptcy", "appellate")}
    assert counts == {"district": 94, "bankruptcy": 94, "appellate": 13}
    for court in courts:
        assert court.ecf_host == f"ecf.{court.id}.uscourts.gov"
        suffix = {"district": "C", "bankruptcy": "K"}.get(court.type)
        if suffix:
            assert court.pacer_code == court.id.upper() + suffix
    assert court_for("https://ecf.txwd.uscourts.gov/").name == "U.S. District Court for the Western District of Texas"


def test_table_agrees_with_the_2016_pacer_list():
    listing = REAL / "pacer_court_list_2016_juriscraper.json"
    if not listing.exists():
        pytest.skip(f"real fixtures not present at {REAL}")
    data = json.loads(listing.read_text())
    courts = all_courts()
    checked = 0
    for section, kind in [("U.S. District Courts", "district"), ("U.S. Bankruptcy Courts", "bankruptcy")]:
        for row in data[section]["courts"]:
            host = re.search(r"ecf\.([a-z0-9]+)\.uscourts\.gov", row["court_link"]).group(1)
            code = re.search(r"court=[EN]_([A-Z0-9]+)", row["info_link"]).group(1)
            assert courts[host].type == kind and courts[host].pacer_code == code, row
            checked += 1
    # The appellate rows of that list pair names and codes out of step; check the hosts only.
    for row in data["U.S. Courts of Appeals"]["courts"]:
        host = re.search(r"ecf\.([a-z0-9]+)\.uscourts\.gov", row["court_link"]).group(1)
        if host.startswith("ca"):
            assert courts[host].type == "appellate"
    assert checked == 187
