"""The extension (JavaScript, live DOM, the browser's own rendering) and `ecflink classify` (Python,
saved HTML, rendering judged from markup) evaluate the same signature table; on every page they
must measure the same facts and name the same kind, and that kind must be the page's own: the
simulated court's pages, the project's fixtures, every layout variant (tests/variants.py) and,
when ../shared is there, the real pages and real court homes."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from ecflink.cli import classify_html
from ecflink.practice.sim.court import SimulatedCourts
from ecflink.practice.sim.network import Response
from tests.e2e.helpers import extension_reach, reports, wait_for
from tests.sim_pages import own_fixtures, sim_pages
from tests.unit.test_pages import REAL, REAL_HOMES, REAL_PAGES, real_court_homes, require_real
from tests.variants import all_variants

pytestmark = pytest.mark.e2e

# Where the browser is right and the saved HTML cannot tell: a rule in a stylesheet the page loads
# from elsewhere, which the Python side never reads. Each case: page name -> (why, what Python reads).
STALE = '<p class="stale">You have successfully linked your account.</p>'
REACH = extension_reach()
SITE_CSS = (".stale { display: none }", "https://ecf.txwd.uscourts.gov/css/site.css")
BROWSER_ONLY = {
    "browser_only/success_hidden_by_site_css": (
        "the site's stylesheet hides an old success message on the verify page",
        "link_done",
    ),
}


def browser_only_pages() -> list[tuple[str, str, bytes, str]]:
    verify = next(v for v in all_variants() if v.name == "link_verify/table_in_form")
    head = '<link rel="stylesheet" href="/css/site.css">'
    html = verify.html.replace("</head>", head + "</head>").replace(
        '<div id="cmecfMainContent">', '<div id="cmecfMainContent">' + STALE
    )
    return [("browser_only/success_hidden_by_site_css", verify.url, html.encode(), "link_verify")]


def all_pages() -> list[tuple[str, str, bytes, str | None]]:
    """(name, url, html, expected kind or None) for every page both sides must agree on."""
    pages = [(name, url, html.encode(), kind) for name, url, html, kind in sim_pages() + own_fixtures()]
    pages += [(v.name, v.url, v.html.encode(), v.kind) for v in all_variants()] + browser_only_pages()
    if REAL.exists():
        for name, (court, kind) in sorted(REAL_PAGES.items()):
            pages.append(
                (name, f"https://ecf.{court}.uscourts.gov/cgi-bin/DktRpt.pl?1", (REAL / name).read_bytes(), kind)
            )
        for court, path in real_court_homes():
            html = path.read_bytes()
            if len(html) < 200:  # only a refresh to /cgi-bin/ShowIndex.pl, which a browser follows at once
                continue
            url = f"https://ecf.{court}.uscourts.gov/cgi-bin/ShowIndex.pl"
            pages.append((f"court_home/{path.name}", url, html, REAL_HOMES.get(court, "court_home")))
    return pages


def saved_site(pages: dict[str, bytes]):
    """Serves each saved page at its own address, with page scripts blocked, so the live DOM is the
    parsed HTML (extension content scripts are not subject to the page's policy). Anything else
    (the PACER login's stylesheet) comes from the simulated court."""
    sim = SimulatedCourts().app

    def app(request):
        url = f"https://{request.host}{request.path}"
        if url == SITE_CSS[1]:
            return Response(body=SITE_CSS[0].encode(), content_type="text/css")
        if url not in pages:
            return sim(request)
        return Response(body=pages[url], headers=[("Content-Security-Policy", "script-src 'none'")])

    return app


def test_browser_and_python_agree_on_every_page(browser, network):
    require_real()  # own pages alone are not the whole check
    pages = all_pages()
    served = {}
    for name, url, html, kind in pages:
        # A page-specific query keeps each address unique; it changes no rule (paths are matched, not queries).
        address = f"{url}{'&' if '?' in url else '?'}saved={quote(name, safe='')}"
        served[address] = (name, html, kind)
    network.app = saved_site({address: html for address, (_, html, _) in served.items()})
    disagreements, wrong = [], []
    for address, (name, html, kind) in served.items():
        if urlsplit(address).hostname not in REACH:
            # Outside the extension's reach (an appellate court's CM/ECF): no content script runs
            # there, and Python, asked anyway, has no step to name.
            assert classify_html(address, html)["page"] == "unknown" and kind in (None, "unknown"), name
            continue
        before = len(reports(browser))
        browser.driver.get(address)
        report = wait_for(lambda: reports(browser)[before:] and reports(browser)[-1], what=f"the report for {name}")
        python = classify_html(address, html)
        browser_facts = report["facts"]
        if name in BROWSER_ONLY:
            assert python["page"] == BROWSER_ONLY[name][1], name  # the case is real: Python reads otherwise
        elif browser_facts != python["facts"] or report["kind"] != python["page"]:
            disagreements.append(
                (
                    name,
                    report["kind"],
                    python["page"],
                    {k: (browser_facts.get(k), v) for k, v in python["facts"].items() if browser_facts.get(k) != v},
                )
            )
        if kind is not None and report["kind"] != kind:
            wrong.append((name, report["kind"], kind))
    assert disagreements == [], "\n".join(map(str, disagreements))
    assert wrong == []
    assert len(served) == len(pages) >= 170
