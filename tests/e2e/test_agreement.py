"""The extension (JavaScript, live DOM) and `ecflink classify` (Python, saved HTML) evaluate the
same signature table; on every page they must measure the same facts and name the same kind."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from ecflink.cli import classify_html
from ecflink.sim.network import Response
from tests.e2e.helpers import reports, wait_for
from tests.sim_pages import own_fixtures, sim_pages
from tests.unit.test_pages import REAL, REAL_PAGES

pytestmark = pytest.mark.e2e


def all_pages() -> list[tuple[str, str, bytes]]:
    """(name, url, html) for the project's own pages and, when present, the real saved pages."""
    pages = [(name, url, html.encode()) for name, url, html, _ in sim_pages() + own_fixtures()]
    if REAL.exists():
        for name, (court, _) in sorted(REAL_PAGES.items()):
            pages.append((name, f"https://ecf.{court}.uscourts.gov/cgi-bin/DktRpt.pl?1", (REAL / name).read_bytes()))
    return pages


def saved_site(pages: dict[str, bytes]):
    """Serves each saved page at its own address, with page scripts blocked, so the live DOM is the
    parsed HTML (extension content scripts are not subject to the page's policy)."""

    def app(request):
        url = f"https://{request.host}{request.path}"
        if url not in pages:
            return Response(404, b"not found")
        return Response(body=pages[url], headers=[("Content-Security-Policy", "script-src 'none'")])

    return app


def test_browser_and_python_agree_on_every_page(browser, network):
    pages = all_pages()
    if not REAL.exists():
        pytest.skip(f"real fixtures not present at {REAL}; own pages alone are not the whole check")
    served = {}
    for name, url, html in pages:
        # A page-specific query keeps each address unique; it changes no rule (paths are matched, not queries).
        address = f"{url}{'&' if '?' in url else '?'}saved={quote(name)}"
        served[address] = (name, html)
    network.app = saved_site({address: html for address, (_, html) in served.items()})
    disagreements = []
    for address, (name, html) in served.items():
        before = len(reports(browser))
        browser.driver.get(address)
        report = wait_for(lambda: reports(browser)[before:] and reports(browser)[-1], what=f"the report for {name}")
        python = classify_html(address, html)
        browser_facts = report["facts"]
        if browser_facts != python["facts"] or report["kind"] != python["page"]:
            disagreements.append((name, report["kind"], python["page"],
                                  {k: (browser_facts.get(k), v) for k, v in python["facts"].items()
                                   if browser_facts.get(k) != v}))
    assert disagreements == []
    assert len(served) == len(pages) >= 55
