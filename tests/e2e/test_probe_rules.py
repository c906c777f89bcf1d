"""Each probe rule decided in the browser as in Python: every small page of tests/probe_cases.py is
loaded in the browser, the extension's own probes.js is run on it with the same probes, and its
answer must be Python's (which tests/unit/test_htmlfacts.py checks against the expected one)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecflink.htmlfacts import evaluate
from ecflink.practice.sim.network import Response
from tests.probe_cases import FRAMEWORK_CSS, URL, all_cases

pytestmark = pytest.mark.e2e
PROBES_JS = (Path(__file__).resolve().parents[2] / "extension" / "probes.js").read_text()


def test_the_extensions_probes_agree_with_python_on_every_rule(browser, network):
    cases = all_cases()
    framework = '<link rel="stylesheet" href="/framework.css">'
    pages = {f"{URL}?case={name}": (framework + markup).encode() for name, markup, _ in cases}
    pages["https://ecf.txwd.uscourts.gov/framework.css"] = FRAMEWORK_CSS.encode()

    def app(request):
        url = f"https://{request.host}{request.path}"
        kind = "text/css" if url.endswith(".css") else "text/html; charset=utf-8"
        return Response(body=pages.get(url, b"not found"), content_type=kind)

    network.app = app
    different = []
    for name, markup, probes in cases:
        browser.driver.get(f"{URL}?case={name}")
        # As JSON text: WebDriver would sort the keys, and probes are evaluated in their order.
        live = browser.driver.execute_script(
            PROBES_JS
            + "\nconst r = ecflinkProbes.evaluate(JSON.parse(arguments[0])); return {...r.facts, ...r.texts};",
            json.dumps(probes),
        )
        saved = evaluate(markup, probes, URL)
        if live != saved:
            different.append((name, live, saved))
    assert different == [], "\n".join(map(str, different))
