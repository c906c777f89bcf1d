"""Redacted snapshots (reports.py): what the host takes out again, names it knows, files it keeps,
and the host and command-line sides (the browser side: tests/e2e/test_snapshot.py)."""

import subprocess
import sys

import pytest

from ecflink import reports
from ecflink.cli import classify_html
from ecflink.dispatch import answer

PAGE = """<html data-ecflink-snapshot><head><title>CM/ECF</title><script>var t = "script-secret";</script>
<style>.x { background: url(/a.png?sid=style-secret) }</style><meta name="csrf" content="meta-secret"></head><body>
<div id="topmenu"><a href="/cgi-bin/login.pl?logout">Log Out</a></div><div id="cmecfMainContent">
<!-- comment-secret --><p>Welcome, Jane Q. Doe. Mail jane.doe@example-firm.test</p>
<form action="/cgi-bin/Link.pl?step=2&sid=query-secret-1" method="post">
<input type="hidden" name="token" value="hidden-secret">
<table><tr><th>CM/ECF account</th><td>jdoe (Jane Q. Doe)</td></tr><tr><th>PACER account:</th><td>jdoe2024</td></tr></table>
<p>CM/ECF login <input name="login" value="value-secret"></p><p>CM/ECF password <input type="password"
 value="password-secret"></p><textarea>textarea-secret</textarea><select><option selected>Chosen</option></select>
<p style="color: red">A1B2C3D4E5F6G7H8I9J0K1L2 session</p>
<a href="javascript:go('/cgi-bin/x.pl?sid=js-secret')" onclick="track('onclick-secret')">x</a>
<input type="submit" value="Submit"></form><table><tr><th>PACER Login:</th><td>receipt-user</td>
<th>Client Code:</th><td>client-secret</td></tr></table></div></body></html>"""
SECRETS = [
    "script-secret",
    "style-secret",
    "meta-secret",
    "comment-secret",
    "Jane",
    "jane.doe@",
    "query-secret",
    "hidden-secret",
    "jdoe2024",
    "value-secret",
    "password-secret",
    "textarea-secret",
    "A1B2C3D4E5F6G7H8I9J0",
    "js-secret",
    "onclick-secret",
    "receipt-user",
    "client-secret",
    "selected",
]


def test_nothing_personal_survives():
    redacted = reports.redact(PAGE, known=["Jane Q. Doe", "jdoe"])
    assert [s for s in SECRETS if s in redacted] == []
    assert "jdoe " not in redacted and "(jdoe" not in redacted  # a known login, wherever it stands
    # What recognition needs is kept: labels, the page's shape, the buttons' words, the pages links lead to.
    for kept in (
        "CM/ECF account",
        "PACER account:",
        "CM/ECF password",
        'value="Submit"',
        "login.pl?logout",
        'action="/cgi-bin/Link.pl?step=&amp;sid="',
        "javascript:location='/cgi-bin/x.pl?sid='",
    ):
        assert kept in redacted


def test_the_page_is_judged_the_same_after_redaction():
    url = "https://ecf.txwd.uscourts.gov/cgi-bin/Link.pl"
    assert classify_html(url, reports.redact(PAGE, [])).get("page") == classify_html(url, PAGE.encode())["page"]


@pytest.mark.parametrize(
    "address, kept",
    [
        (
            "https://ecf.txwd.uscourts.gov/cgi-bin/DktRpt.pl?591030040473392-L_1_0-1",
            "https://ecf.txwd.uscourts.gov/cgi-bin/DktRpt.pl",
        ),
        (
            "https://ecf.txwd.uscourts.gov/cgi-bin/DisplayMenu.pl?Utilities&id=-1",
            "https://ecf.txwd.uscourts.gov/cgi-bin/DisplayMenu.pl?Utilities&id=",
        ),
        (
            "https://pacer.login.uscourts.gov/csologin/login.jsf?pscCourtId=TXWDC&appurl=https%3A%2F%2Fecf.txwd.uscourts.gov%2F",
            "https://pacer.login.uscourts.gov/csologin/login.jsf?pscCourtId=TXWDC&appurl=",
        ),
    ],
)
def test_query_values_go_bare_words_and_court_codes_stay(address, kept):
    assert reports.without_query_values(address) == kept


def test_saved_files_are_private_named_and_capped(tmp_path):
    data = tmp_path / "data"
    first = reports.save(
        data, PAGE, "https://ecf.txwd.uscourts.gov/cgi-bin/Link.pl?sid=x", {"court": "txwd", "kind": "unknown"}, []
    )
    assert (
        oct(first.path.stat().st_mode & 0o777) == "0o600"
        and oct(reports.folder(data).stat().st_mode & 0o777) == "0o700"
    )
    assert first.header["url"] == "https://ecf.txwd.uscourts.gov/cgi-bin/Link.pl?sid="
    assert reports.read_header(first.path)["kind"] == "unknown"
    for _ in range(reports.KEEP + 3):
        reports.save(data, "<p>x</p>", "https://ecf.txwd.uscourts.gov/", {"court": "txwd", "kind": "court_home"}, [])
    kept = reports.listing(data)
    assert len(kept) == reports.KEEP and first.name not in [r.name for r in kept]
    assert reports.find(data, kept[-1].name[:22]) is not None


def test_the_host_saves_snapshots_of_court_and_pacer_pages_only(isolated_data_dir):
    page = {"type": "snapshot", "id": 3, "tab_id": 7, "frame_id": 0, "html": PAGE, "reason": "user_report"}
    saved = answer(
        {**page, "url": "https://ecf.txwd.uscourts.gov/cgi-bin/Link.pl", "origin": "https://ecf.txwd.uscourts.gov"}
    )
    assert saved.type == "snapshot_saved" and saved.name in saved.text
    elsewhere = answer({**page, "url": "https://www.example-firm.test/", "origin": "https://www.example-firm.test"})
    framed = answer(
        {**page, "frame_id": 2, "url": "https://ecf.txwd.uscourts.gov/", "origin": "https://ecf.txwd.uscourts.gov"}
    )
    assert elsewhere.code == framed.code == "snapshot_refused"
    assert [r.header["reason"] for r in reports.listing(isolated_data_dir)] == ["user_report"]


def test_reports_command_lists_shows_and_classifies(tmp_path):
    env_data = tmp_path / "data"
    saved = reports.save(
        env_data, PAGE, "https://ecf.txwd.uscourts.gov/cgi-bin/Link.pl", {"court": "txwd", "kind": "link_form"}, []
    )
    env = {"ECFLINK_DATA_DIR": str(env_data), "PATH": "/usr/bin:/bin"}

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "ecflink.cli", *args], capture_output=True, text=True, env=env, timeout=60
        )

    assert saved.name in run("reports").stdout
    assert run("reports", "show", saved.name).stdout.startswith("<!-- ecflink snapshot")
    assert '"page": "link_form"' in run("classify", str(saved.path)).stdout  # the snapshot records its address
    assert run("reports", "show", "nothing").returncode == 1


@pytest.mark.parametrize(
    "url, facts, offered",
    [
        (
            "https://ecf.txwd.uscourts.gov/cgi-bin/Sealed.pl",
            {"menubar": 1, "logout_link": 1, "password_field": 1},
            True,
        ),
        ("https://ecf.txwd.uscourts.gov/", {"meta_refresh": 0}, True),  # a welcome page without a way in found
        ("https://ecf.txwd.uscourts.gov/", {"meta_refresh": 1}, False),  # only moves on to ShowIndex.pl
        (
            "https://ecf.txwd.uscourts.gov/cgi-bin/DktRpt.pl",
            {"meta_refresh": 0},
            False,
        ),  # no menu bar: not CM/ECF's own
        ("https://pacer.login.uscourts.gov/csologin/login.jsf", {"any_dialog": 1}, True),
    ],
)
def test_unrecognised_court_and_pacer_pages_offer_a_snapshot(url, facts, offered):
    from ecflink import pages

    site = pages.site_of(url)
    counts = {name: 0 for name, p in pages.table()["probes"][site].items() if not p.get("extract")} | facts
    origin = "/".join(url.split("/")[:3])
    hint = answer({"type": "facts", "tab_id": 1, "frame_id": 0, "url": url, "origin": origin, "facts": counts})
    assert hint.kind == "unknown"
    assert (hint.button is not None and hint.button.id == "save_snapshot") == offered
    assert (hint.text is not None) == offered


def test_a_saved_snapshot_opened_in_a_browser_runs_and_fetches_nothing(tmp_path):
    """Markup can carry script past the redaction (an SVG link's xlink:href); the saved file's own
    policy, at the head of the document, forbids script, remote loads, forms and <base>."""
    from bs4 import BeautifulSoup

    page = (
        '<html><head><title>x</title></head><body><svg><a xlink:href="javascript:alert(1)"><text>go</text>'
        '</a></svg><img src="https://tracker.example/p.gif"><base href="https://evil.example/"></body></html>'
    )
    saved = reports.save(tmp_path, page, "https://ecf.txwd.uscourts.gov/cgi-bin/x.pl", {"court": "txwd"}, [])
    text = saved.path.read_text()
    head = BeautifulSoup(text, "html5lib").head
    policy = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert head.find("meta") is policy  # the first thing in the head, before any of the page's own
    assert {d.strip() for d in policy["content"].split(";")} == {
        "default-src 'none'",
        "img-src data:",
        "style-src 'unsafe-inline'",
        "form-action 'none'",
        "base-uri 'none'",
    }
    assert reports.read_header(saved.path)["court"] == "txwd"
