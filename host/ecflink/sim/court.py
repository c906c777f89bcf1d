"""The simulated courts' web pages, by host name."""

from __future__ import annotations

from html import escape

from ecflink.sim.network import Request, Response

# Simulated courts: id -> (court name, kind). Pages are served at https://ecf.<id>.uscourts.gov/.
COURTS = {
    "txwd": ("U.S. District Court for the Western District of Texas", "Western District of Texas"),
    "txwb": ("U.S. Bankruptcy Court for the Western District of Texas", "Western District of Texas Bankruptcy"),
}

# Hosts that look like a court but are not one, and hosts of other sites, to prove the
# extension and host tell them apart.
LOOKALIKE_HOSTS = ["ecf-txwd.uscourts.gov", "xecf.txwd.uscourts.gov", "ecf.txwd.uscourts.gov.evil.example"]
OTHER_HOSTS = ["www.uscourts.gov", "www.example-firm.test"]


def hosts() -> list[str]:
    return [f"ecf.{court}.uscourts.gov" for court in COURTS] + LOOKALIKE_HOSTS + OTHER_HOSTS


def _page(title: str, body: str) -> Response:
    html = (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{escape(title)}</title></head>"
            f"<body>{body}</body></html>\n")
    return Response(body=html.encode())


def _welcome(court: str) -> Response:
    name, short = COURTS[court]
    return _page(
        f"{short} - CM/ECF",
        f"<h2>Welcome to the {escape(name)}</h2>"
        f"<p><a href=\"/cgi-bin/login.pl\">{escape(short)} - Document Filing System</a></p>"
        "<p>The Court's CM/ECF system is for registered e-filers and PACER users.</p>",
    )


def app(request: Request) -> Response:
    """Route a request to the page its host and path name; 404 for anything else."""
    host, path = request.host, request.path.split("?", 1)[0]
    court = host[4:-len(".uscourts.gov")] if host.startswith("ecf.") and host.endswith(".uscourts.gov") else None
    if court in COURTS and path == "/":
        return _welcome(court)
    if host in LOOKALIKE_HOSTS and path == "/":
        return _welcome("txwd")  # a phishing copy of the real page
    if host == "www.uscourts.gov" and path == "/":
        return _page("United States Courts", "<h1>United States Courts</h1><p>Court news and information.</p>")
    if host == "www.example-firm.test" and path == "/":
        return _page("Example Firm LLP", "<h1>Example Firm LLP</h1>")
    return Response(404, b"<h1>Not Found</h1>")
