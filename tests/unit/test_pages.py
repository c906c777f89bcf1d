"""Page recognition: every kind on the project's own pages, the real saved pages, lookalikes, and the CLI."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ecflink.cli import classify_html
from ecflink.pages import KINDS, PROMPTS, classify, probes_for, table
from tests.sim_pages import own_fixtures, sim_pages
from tests.variants import all_variants

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "real"

# The real pages and what they are (filer menus -> ecf_linked, PACER-only menus -> ecf_unlinked).
REAL_PAGES = {
    "filer_menu_district_txnd_currentgen_civil_criminal.html": ("txnd", "ecf_linked"),
    "filer_menu_district_mied_currentgen_civil_criminal.html": ("mied", "ecf_linked"),
    "filer_menu_district_njd_error_unable_to_create_pdf.html": ("njd", "ecf_linked"),
    "filer_menu_district_mnd_nextgen_civil_criminal.html": ("mnd", "ecf_linked"),
    "filer_menu_bankruptcy_arwb_currentgen.html": ("arwb", "ecf_linked"),
    "filer_menu_bankruptcy_alsb_currentgen_docket_query.html": ("alsb", "ecf_linked"),
    "filer_menu_bankruptcy_wiwb_nextgen_1.5.3.html": ("wiwb", "ecf_linked"),
    "filer_menu_bankruptcy_cacb_nextgen_1.7.1.1.html": ("cacb", "ecf_linked"),
    "pacer_only_menu_district_txwd.html": ("txwd", "ecf_unlinked"),
    "pacer_only_menu_district_ctd_nextgen.html": ("ctd", "ecf_unlinked"),
    "pacer_only_menu_district_dcd_currentgen.html": ("dcd", "ecf_unlinked"),
    "pacer_only_menu_bankruptcy_txeb_nextgen_1.7.1.1.html": ("txeb", "ecf_unlinked"),
    "pacer_only_menu_bankruptcy_txwb_currentgen_2017.html": ("txwb", "ecf_unlinked"),
    "error_district_ilnd_no_permission_to_view.html": ("ilnd", "ecf_unlinked"),
    "error_district_dcd_incomplete_request.html": ("dcd", "ecf_unlinked"),
    "error_district_mad_408_request_timeout.html": ("mad", "unknown"),
    "login_currentgen_cand_loginpl_redaction_checkbox.html": ("cand", "unknown"),
    "redirect_to_cso_login_ca1_appellate.html": ("ca1", "unknown"),
    "appellate_ca5_docket_menu_attorneyfiling_logout.html": ("ca5", "unknown"),
}


HOMES = REAL / "court_home"
# Real court roots that are not a court's welcome page: appellate courts run another CM/ECF (not
# guided), and a root that only refreshes to /cgi-bin/ShowIndex.pl has no way in of its own.
REAL_HOMES = {f"ca{n}": "unknown" for n in range(1, 12)} | {"cadc": "unknown", "cafc": "unknown"}


def real_court_homes() -> list[tuple[str, Path]]:
    """(court id, saved root page) for the real court roots in ../shared."""
    return [(path.stem.removeprefix("ecf."), path) for path in sorted(HOMES.glob("ecf.*.html"))]


def require_real() -> None:
    """Skip when ../shared's real pages are not here; under CI=true, where they always are, fail."""
    if not REAL.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"real fixtures are required in CI: {REAL}")
        pytest.skip(f"real fixtures not present at {REAL}")


def real_page(name: str) -> bytes:
    require_real()
    return (REAL / name).read_bytes()


OWN = sim_pages() + own_fixtures()


def test_own_pages_cover_every_kind():
    assert {kind for *_, kind in OWN} == set(KINDS)


@pytest.mark.parametrize("name, url, html, kind", OWN, ids=[p[0] for p in OWN])
def test_own_pages(name, url, html, kind):
    result = classify_html(url, html.encode())
    assert result["page"] == kind
    assert (result["instruction"] is None) == (kind == "unknown")


@pytest.mark.parametrize("name", sorted(REAL_PAGES))
def test_real_pages(name):
    court, kind = REAL_PAGES[name]
    result = classify_html(f"https://ecf.{court}.uscourts.gov/cgi-bin/DktRpt.pl?1", real_page(name))
    assert (result["court"], result["page"]) == (court, kind)
    assert (result["instruction"] is None) == (kind == "unknown")


def _real_homes() -> list[tuple[str, str]]:
    return [(court, path) for court, _ in real_court_homes() for path in ("/", "/cgi-bin/ShowIndex.pl")] or [
        ("none", "/")
    ]


@pytest.mark.parametrize("court, path", _real_homes())
def test_real_court_homes(court, path):
    """Every real court root: the court's welcome page at / and at /cgi-bin/ShowIndex.pl, with its
    court and the way in quoted; a root that only refreshes to ShowIndex.pl gets no hint itself."""
    if court == "none":
        require_real()
    html = (HOMES / f"ecf.{court}.html").read_bytes()
    refresh_only = len(html) < 200 and b"url=/cgi-bin/ShowIndex.pl" in html
    result = classify_html(f"https://ecf.{court}.uscourts.gov{path}", html)
    expected = "unknown" if refresh_only else REAL_HOMES.get(court, "court_home")
    assert (result["page"], result["court"]) == (expected, court)
    if expected == "court_home":
        assert "“" in result["instruction"] and result["target"] == "way_in"


def test_real_fixture_table_is_complete():
    require_real()
    assert {p.name for p in REAL.glob("*.html")} == set(REAL_PAGES)


@pytest.mark.parametrize(
    "url",
    [
        "https://ecf-txwd.uscourts.gov/cgi-bin/showpage.pl?16",
        "https://xecf.txwd.uscourts.gov/cgi-bin/showpage.pl?16",
        "https://ecf.txwd.uscourts.gov.evil.example/cgi-bin/showpage.pl?16",
        "http://ecf.txwd.uscourts.gov/cgi-bin/showpage.pl?16",
        "https://ecf.txwd.uscourts.gov:8443/cgi-bin/showpage.pl?16",
    ],
)
def test_lookalike_hosts_get_no_page_and_no_instruction(url):
    html = next(h for name, _, h, _ in OWN if name == "txwd_link_form")
    result = classify_html(url, html.encode())
    assert (result["page"], result["court"], result["instruction"], result["facts"]) == ("unknown", None, None, {})


def test_pacer_login_court_comes_from_psc_court_id():
    html = next(h for name, _, h, _ in OWN if name == "cso_login")
    url = "https://pacer.login.uscourts.gov/csologin/login.jsf?pscCourtId=TXWBK"
    assert classify_html(url, html.encode())["court"] == "txwb"
    assert (
        classify_html("https://pacer.login.uscourts.gov.evil.example/csologin/login.jsf", html.encode())["page"]
        == "unknown"
    )


@pytest.mark.parametrize(
    "name, code, signal",
    [
        ("cso_legacy_username", "legacy_username", None),
        ("txwd_special_characters", "login_special_characters", None),
        ("txwd_verify_smithlaw1", "shared_account", "firm_like_name"),
        ("ilnd_verify_rroe2019", "shared_account", "name_mismatch"),
    ],
)
def test_warnings(name, code, signal):
    url, html = next((u, h) for n, u, h, _ in OWN if n == name)
    warnings = classify_html(url, html.encode())["warnings"]
    assert [(w["code"], w.get("signal")) for w in warnings] == [(code, signal)]


def test_an_individual_account_on_the_verify_page_passes_silently():
    url, html = next((u, h) for n, u, h, _ in OWN if n == "txwd_verify")
    result = classify_html(url, html.encode())
    assert result["warnings"] == [] and result["instruction"].startswith("Check before you submit")


def test_shared_account_instruction_says_what_why_and_what_to_do():
    url, html = next((u, h) for n, u, h, _ in OWN if n == "txwd_verify_smithlaw1")
    text = classify_html(url, html.encode())["instruction"]
    assert "Smith & Associates LLP" in text and "locks out" in text and "cannot be undone" in text
    assert "individual PACER account" in text and "held" in text


def test_a_missing_fact_gives_unknown():
    url = "https://ecf.txwd.uscourts.gov/cgi-bin/showpage.pl?16"
    facts = {name: 0 for name in probes_for(url)} | {"menubar": 1, "logout_link": 1}
    assert classify(url, facts).kind == "ecf_unlinked"
    del facts["filer_menu"]
    assert classify(url, facts).kind == "unknown"


def test_every_rule_names_a_kind_and_known_probes():
    for rule in table()["pages"]:
        assert rule["kind"] in KINDS
        assert set(rule["when"]) <= set(table()["probes"][rule["site"]])
        assert rule.get("prompt") in (None, *PROMPTS) and (rule["kind"] == "pacer_prompt") == ("prompt" in rule)
    assert len({rule["id"] for rule in table()["pages"]}) == len(table()["pages"])


def test_every_probe_says_why_and_every_rule_where_it_was_seen():
    for site, probes in table()["probes"].items():
        for name, probe in probes.items():
            assert len(probe.get("why", "")) > 20, (site, name)
    for rule in table()["pages"]:
        assert rule["seen_on"] and isinstance(rule.get("assumed", False), bool), rule["id"]


def examples() -> dict[str, tuple[str, bytes]]:
    """Every page a rule may name as its evidence, by the name pages.json uses: (url, html)."""
    found = {f"sim:{name}": (url, html.encode()) for name, url, html, _ in sim_pages()}
    found |= {f"fixture:{name}": (url, html.encode()) for name, url, html, _ in own_fixtures()}
    found |= {f"variant:{v.name}": (v.url, v.html.encode()) for v in all_variants()}
    if REAL.exists():
        found |= {
            f"real:{name}": (f"https://ecf.{court}.uscourts.gov/cgi-bin/DktRpt.pl?1", (REAL / name).read_bytes())
            for name, (court, _) in REAL_PAGES.items()
        }
        found |= {
            f"real:court_home/{path.name}": (
                f"https://ecf.{court}.uscourts.gov/cgi-bin/ShowIndex.pl",
                path.read_bytes(),
            )
            for court, path in real_court_homes()
        }
    return found


@pytest.mark.parametrize("rule", table()["pages"], ids=[rule["id"] for rule in table()["pages"]])
def test_each_rules_examples_are_named_by_that_rule(rule):
    pages = examples()
    for example in rule["seen_on"]:
        if example.startswith("real:") and not REAL.exists():
            require_real()
        url, html = pages[example]
        result = classify_html(url, html)
        assert (result["page"], result["rule"]) == (rule["kind"], rule["id"]), example


def test_cli_contract(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(next(h for name, _, h, _ in OWN if name == "txwb_utilities"))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ecflink.cli",
            "classify",
            "--url",
            "https://ecf.txwb.uscourts.gov/cgi-bin/DisplayMenu.pl?Utilities",
            str(page),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["page"] == "utilities" and result["court"] == "txwb"
    assert result["instruction"].startswith("Choose “Link a CM/ECF account")
    assert result["warnings"] == []
    missing = subprocess.run(
        [sys.executable, "-m", "ecflink.cli", "classify", "--url", "https://x", str(tmp_path / "no")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 2 and "cannot read" in missing.stderr
