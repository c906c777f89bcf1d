"""Pages built to wear the content script down, served by the simulated court for the benchmark
(bench/bench.py measures the content script's cost on them) and for the tests that check the
instruction on them stays right (tests/e2e/test_bad_pages.py): a 20 MB docket, a page of 3,000
query forms, and a PACER login page that changes every 20 ms and shows its redaction dialog late."""

from __future__ import annotations

from docket import docket_html

MENU = (
    '<div id="topmenu"><a href="/cgi-bin/DisplayMenu.pl?Query">Query</a> '
    '<a href="/cgi-bin/DisplayMenu.pl?Utilities">Utilities</a> <a href="/cgi-bin/login.pl?logout">Log Out</a></div>'
)
FORMS = (
    "<!DOCTYPE html><html><head><title>CM/ECF</title></head><body>"
    + MENU
    + "".join(
        f'<form action="/cgi-bin/iquery.pl" method="post"><label>Case number <input type="text" name="c{i}"></label>'
        f'<label>Party <input type="text" name="p{i}"></label><input type="submit" value="Run Query"></form>'
        for i in range(3000)
    )
    + "</body></html>"
).encode()
NOISY_LOGIN = b"""<!DOCTYPE html><html><head><title>PACER: Login</title></head><body>
<form id="loginForm"><input id="loginForm:loginName" type="text"><input id="loginForm:password" type="password">
<button id="loginForm:fbtnLogin" type="submit">Login</button></form>
<div id="redactionConfirmation" style="display:none"><form id="regmsg"><input id="regmsg:chkRedact" type="checkbox">
I understand that, if I file, I must comply with the redaction rules.</form></div>
<div id="ticker"></div>
<script>
  let n = 0;  // changes the page every 20 ms, forever
  setInterval(() => { const t = document.getElementById("ticker"); t.className = "tick" + (n++ % 2);
                      t.textContent = String(n); }, 20);
  setTimeout(() => { document.getElementById("redactionConfirmation").style.display = "block"; }, 3000);
</script></body></html>"""

BIG_DOCKET = "https://ecf.txwd.uscourts.gov/cgi-bin/DktRpt.pl?99"
MANY_FORMS = "https://ecf.txwd.uscourts.gov/cgi-bin/forms.pl"
NOISY = (
    "https://pacer.login.uscourts.gov/csologin/login.jsf?pscCourtId=TXWDC&noisy=1"
    "&appurl=https%3A%2F%2Fecf.txwd.uscourts.gov%2Fcgi-bin%2Fshowpage.pl"
)
_MAKE = {BIG_DOCKET: lambda: docket_html(20_000_000), MANY_FORMS: lambda: FORMS, NOISY: lambda: NOISY_LOGIN}
_made: dict[str, bytes] = {}


def bad_page(host: str, path: str) -> bytes | None:
    """The bad page at https://`host``path` (path with its query), or None: the court answers."""
    address = f"https://{host}{path}"
    make = _MAKE.get(address)
    if make is None:
        return None
    if address not in _made:
        _made[address] = make()
    return _made[address]
