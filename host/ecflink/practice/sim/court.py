"""A simulated NextGen CM/ECF: PACER Central Sign-On and several courts' CM/ECF sites, with
server-side accounts and links, modelled on the real markup described in the project notes.

Each court differs, as real courts do: where the link item sits on the Utilities page, its
capitalisation and access keys, the script names behind it, and the layout of the link form, the
verify page and the confirmation (markup.Layout), none of which ecflink may rely on.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from html import escape
from http.cookies import SimpleCookie
from importlib import resources
from urllib.parse import parse_qs, quote, urlsplit

from ecflink.practice.sim import markup, totp
from ecflink.practice.sim.markup import CSO_HOST, Layout
from ecflink.practice.sim.network import Request, Response

COOKIE = "NextGenCSO"
MENU_COOKIE = "CMECFMenus"  # the court's own, host-only: the menus granted when the session began
# (on the PACER login host?, path) -> file in static/ and its type
STATIC = {
    (True, "/csologin/cso-login.js"): ("cso-login.js", "text/javascript"),
    (True, "/csologin/cso.css"): ("cso.css", "text/css"),
    (False, "/css/default.css"): ("cmecf.css", "text/css"),
}


@dataclass(frozen=True)
class CourtSite:
    id: str
    name: str
    short: str  # "Western District of Texas"
    type: str  # district or bankruptcy
    pacer_code: str
    link_path: str  # the link form's address: differs per court on purpose
    link_section: str  # the Utilities heading the link item sits under
    link_label: str  # the link item's markup (access keys, capitalisation)
    layout: Layout  # how the link form, the verify page and the confirmation are drawn


COURTS = {
    "txwd": CourtSite(
        "txwd",
        "U.S. District Court for the Western District of Texas",
        "Western District of Texas",
        "district",
        "TXWDC",
        "/cgi-bin/LinkAcct.pl",
        "NextGen Release 1.1 Menu Items",
        "Link a CM/ECF account to my PACER account",
        Layout("labels", "table_in_form", "heading"),
    ),
    "txwb": CourtSite(
        "txwb",
        "U.S. Bankruptcy Court for the Western District of Texas",
        "Western District of Texas",
        "bankruptcy",
        "TXWBK",
        "/cgi-bin/NGLinkAccount.pl",
        "Your Account",
        "<u>L</u>ink a CM/ECF Account to My PACER Account",
        Layout("hoisted_table", "dl_outside_form", "bare_text"),
    ),
    "ilnd": CourtSite(
        "ilnd",
        "U.S. District Court for the Northern District of Illinois",
        "Northern District of Illinois",
        "district",
        "ILNDC",
        "/cgi-bin/PacerLinkAcct.pl",
        "Your Account",
        "LINK A CM/ECF ACCOUNT TO MY PACER ACCOUNT",
        Layout("divs", "paragraphs", "box"),
    ),
}

# Hosts that look like a court but are not one, and another site, to prove ecflink tells them apart.
LOOKALIKE_HOSTS = ["ecf-txwd.uscourts.gov", "xecf.txwd.uscourts.gov", "ecf.txwd.uscourts.gov.evil.example"]
OTHER_HOSTS = ["www.uscourts.gov", "www.example-firm.test"]


def hosts() -> list[str]:
    """Every host the simulated network answers for: all courts' CM/ECF hosts (the ones not
    simulated answer 404), PACER's login, the lookalikes and another site."""
    from ecflink.courts import all_courts

    return [court.ecf_host for court in all_courts().values()] + [CSO_HOST] + LOOKALIKE_HOSTS + OTHER_HOSTS


@dataclass
class PacerAccount:
    username: str
    password: str
    name: str
    totp_secret: str
    mfa_enrolled: bool = True  # otherwise PACER asks to enrol after the redaction notice
    mfa_skips: int = 3  # how many more times that notice offers Skip


@dataclass
class EcfAccount:
    court: str
    login: str
    password: str
    name: str
    linked_to: str | None = None  # PACER username


@dataclass
class SimulatedCourts:
    """All server-side state. Each instance is a fresh world; `app` serves it."""

    pacer: dict[str, PacerAccount] = field(default_factory=dict)
    ecf: dict[tuple[str, str], EcfAccount] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)  # NextGenCSO cookie -> PACER username
    logins: dict[str, dict] = field(default_factory=dict)  # CSO view state -> login in progress
    pending: dict[str, tuple[str, str]] = field(default_factory=dict)  # verify token -> (court, ecf login)
    # Stale menus after linking, as filers see them: "cache" keeps the old menus until a reload that
    # bypasses the cache; "cookie" draws them from the court's own cookie until it is cleared.
    stale_menus: str | None = None
    stale: set[tuple[str, str]] = field(default_factory=set)  # (court, PACER user) still shown old menus

    @classmethod
    def with_demo_accounts(cls) -> SimulatedCourts:
        """Jane Doe: an individual PACER account and an old CM/ECF login in each court, plus the
        accounts the error paths need."""
        world = cls()
        for account in [
            PacerAccount("jdoe2024", "Pacer-Pass-2024", "Jane Doe", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
            PacerAccount("jd1234", "Legacy-Pass-1", "Jane Doe", "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"),
            # A firm's shared PACER account, and another attorney's individual one.
            PacerAccount("smithlaw1", "Firm-Pass-1", "Smith & Associates LLP", "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK"),
            PacerAccount("rroe2019", "Roe-Pass-1", "Richard Roe", "ONSWG4TFORSXG5DFONSWG4TFORSXG5DF"),
        ]:
            world.pacer[account.username] = account
        for ecf_account in [
            EcfAccount("txwd", "jdoe", "Ecf-Txwd-1", "Jane Doe"),
            EcfAccount("txwb", "jdoe_bk", "Ecf-Txwb-1", "Jane Doe"),
            EcfAccount("ilnd", "janedoe", "Ecf-Ilnd-1", "Jane Doe"),
            EcfAccount("txwd", "rroe", "Ecf-Roe-1", "Richard Roe", linked_to="rroe2019"),
            EcfAccount("txwd", "doe&co", "Ecf-Amp-1", "Jane Doe"),
        ]:
            world.ecf[(ecf_account.court, ecf_account.login)] = ecf_account
        return world

    # -- routing ---------------------------------------------------------------------------

    def app(self, request: Request) -> Response:
        host, path = request.host, request.path.split("?", 1)[0]
        query = request.path.split("?", 1)[1] if "?" in request.path else ""
        if host == CSO_HOST and path == "/csologin/login.jsf":
            return self._cso(request, query)
        static = STATIC.get((host == CSO_HOST, path))
        if static:
            name, content_type = static
            return Response(
                body=resources.files("ecflink.practice.sim").joinpath(f"static/{name}").read_bytes(),
                content_type=content_type,
            )
        court = COURTS.get(host[4 : -len(".uscourts.gov")]) if host.startswith("ecf.") else None
        if court and host == f"ecf.{court.id}.uscourts.gov":
            return self._ecf(court, request, path, query)
        if host in LOOKALIKE_HOSTS and path == "/":
            return _welcome(COURTS["txwd"])  # a phishing copy of a real court's page
        if host == "www.uscourts.gov" and path == "/":
            return _page("United States Courts", "<h1>United States Courts</h1><p>Court news and information.</p>")
        if host == "www.example-firm.test" and path == "/":
            return _page("Example Firm LLP", "<h1>Example Firm LLP</h1>")
        return Response(404, b"<h1>Not Found</h1>")

    # -- PACER Central Sign-On ----------------------------------------------------------------

    def _cso(self, request: Request, query: str) -> Response:
        if request.method == "GET":
            params = parse_qs(query)
            state = secrets.token_hex(8)
            self.logins[state] = {"step": "login", "appurl": params.get("appurl", [""])[0], "username": None}
            return Response(body=markup.cso_login(state).encode())
        form = {k: v[0] for k, v in parse_qs(request.body.decode()).items()}
        state = form.get("jakarta.faces.ViewState", form.get("javax.faces.ViewState", ""))
        login = self.logins.get(state)
        if login is None:
            return _json({"next": "error", "message": "Your session has expired. Reload the page."})
        action, step = form.get("action"), login["step"]
        account = self.pacer.get(login["username"] or "")
        if action == "login":
            account = self.pacer.get(form.get("username", ""))
            if account is None or account.password != form.get("password") or len(account.username) < 8:
                return _json({"next": "error", "message": "Invalid username or password"})
            login.update(step="redaction", username=account.username)
            return _json({"next": "redaction"})
        if account is None:  # a later step with no login before it
            return _json({"next": "error", "message": "Unexpected request."})
        if action == "redaction" and step == "redaction":
            if account.mfa_enrolled:
                login["step"] = "mfa"
                return _json({"next": "mfa"})
            login["step"] = "user_update"
            return _json({"next": "user_update", "skips": account.mfa_skips})
        if action == "skip" and step == "user_update" and account.mfa_skips > 0:
            account.mfa_skips -= 1
            return self._signed_in(state, login, account)
        if action == "enroll" and step == "user_update":
            account.mfa_enrolled = True  # the user added an authentication app for the account's secret
            login["step"] = "mfa"
            return _json({"next": "mfa"})
        if action == "mfa" and step == "mfa":
            if not totp.verify(account.totp_secret, form.get("code", "")):
                return _json({"next": "error", "message": "The verification code is not valid."})
            return self._signed_in(state, login, account)
        return _json({"next": "error", "message": "Unexpected request."})

    def _signed_in(self, state: str, login: dict, account: PacerAccount) -> Response:
        """The login is complete: a NextGenCSO session, and back to the court that asked."""
        token = secrets.token_hex(16)
        self.sessions[token] = account.username
        target = login["appurl"] if _is_court_url(login["appurl"]) else "https://www.uscourts.gov/"
        del self.logins[state]
        cookie = f"{COOKIE}={token}; Domain=.uscourts.gov; Path=/; Secure; HttpOnly; SameSite=Lax"
        return _json({"next": "done", "location": target}, headers=[("Set-Cookie", cookie)])

    # -- a court's CM/ECF -----------------------------------------------------------------------

    def _user(self, request: Request) -> str | None:
        cookie = SimpleCookie(request.headers.get("Cookie", ""))
        return self.sessions.get(cookie[COOKIE].value) if COOKIE in cookie else None

    def _linked(self, court: CourtSite, user: str) -> bool:
        return any(a.court == court.id and a.linked_to == user for a in self.ecf.values())

    def _ecf(self, court: CourtSite, request: Request, path: str, query: str) -> Response:
        if path == "/":
            return _welcome(court)
        if path == "/cgi-bin/menu.pl":
            return Response(
                body=b"/* menus are drawn from the page's own markup here */", content_type="text/javascript"
            )
        user = self._user(request)
        if path == "/cgi-bin/login.pl" and query == "logout":
            expired = f"{COOKIE}=; Domain=.uscourts.gov; Path=/; Max-Age=0; Secure"
            return _page(
                "Logged out",
                "<p>You have been logged out of CM/ECF.</p>"
                f'<p><a href="/cgi-bin/login.pl">{escape(court.short)} - Document Filing System</a></p>',
                headers=[("Set-Cookie", expired)],
            )
        if user is None:
            return _redirect_to_cso(court)
        if path == "/cgi-bin/login.pl":
            return Response(302, headers=[("Location", "/cgi-bin/showpage.pl?16")])
        linked, cookie = self._menus(court, request, user)
        response = self._ecf_page_for(court, request, path, query, user, linked)
        if cookie:
            response.headers.append(("Set-Cookie", cookie))
        return response

    def _menus(self, court: CourtSite, request: Request, user: str) -> tuple[bool, str | None]:
        """Whether this page shows the filing menus, and a cookie to set. Normally the link decides;
        in a stale mode the old menus stay until a cache-bypassing reload or until the court's
        cookie is cleared."""
        linked = self._linked(court, user)
        if self.stale_menus == "cache":
            bypass = "no-cache" in request.headers.get("Cache-Control", "") + request.headers.get("Pragma", "")
            if bypass:
                self.stale.discard((court.id, user))
            return linked and (court.id, user) not in self.stale, None
        if self.stale_menus == "cookie":
            jar = SimpleCookie(request.headers.get("Cookie", ""))
            if MENU_COOKIE in jar:
                return jar[MENU_COOKIE].value == "filer", None
            return linked, f"{MENU_COOKIE}={'filer' if linked else 'pacer'}; Path=/; Secure; HttpOnly"
        return linked, None

    def _ecf_page_for(
        self, court: CourtSite, request: Request, path: str, query: str, user: str, linked: bool
    ) -> Response:
        if path == "/cgi-bin/showpage.pl":
            return _ecf_page(court, linked, "<h3>CM/ECF</h3><p>Welcome to the Electronic Case Filing System.</p>")
        if path == "/cgi-bin/iquery.pl":
            return _ecf_page(
                court,
                linked,
                '<h3>Query</h3><form method="get"><label>Case number '
                '<input type="text" name="case_num"></label> <input type="submit" value="Find"></form>',
            )
        if path == "/cgi-bin/DisplayMenu.pl" and query.split("&")[0] == "Reports":
            return _ecf_page(
                court,
                linked,
                '<h3>Reports</h3><ul><li><a href="/cgi-bin/DktRpt.pl">Docket Sheet</a>'
                '</li><li><a href="/cgi-bin/CaseFiled-Rpt.pl">Cases</a></li></ul>',
            )
        if path == "/cgi-bin/DisplayMenu.pl" and query.split("&")[0] == "Utilities":
            return _ecf_page(court, linked, _utilities(court))
        if path == "/cgi-bin/DisplayMenu.pl" and linked and query.split("&")[0] in _filer_menus(court):
            return _ecf_page(court, linked, f"<h3>{escape(query.split('&')[0])}</h3><p>Choose an event.</p>")
        if path == court.link_path:
            return self._link(court, request, user, linked, query)
        return _ecf_page(court, linked, "<p>Not found.</p>", status=404)

    def _link(self, court: CourtSite, request: Request, user: str, linked: bool, query: str) -> Response:
        def form_page(login: str = "", error: str = "") -> str:
            return markup.link_form(court.link_path, court.layout, login, error)

        if request.method == "GET":
            return _ecf_page(court, linked, form_page())
        form = {k: v[0] for k, v in parse_qs(request.body.decode(), keep_blank_values=True).items()}
        if query == "verify":
            pending = self.pending.pop(form.get("token", ""), None)
            if pending is None or pending[0] != court.id:
                return _ecf_page(court, linked, "<p><b>This request has expired. Start again from Utilities.</b></p>")
            self.ecf[pending].linked_to = user
            if self.stale_menus == "cache":
                self.stale.add((court.id, user))
            # The page is drawn with the menus of the session as it was: they change on the next page.
            return _ecf_page(court, linked, markup.done(court.layout))
        login, password = form.get("ecf_login", ""), form.get("ecf_password", "")
        account = self.ecf.get((court.id, login))
        if any(c in login for c in "&@$*"):
            error = "Invalid CM/ECF login or password. Logins containing special characters cannot be linked."
            return _ecf_page(court, linked, form_page(login, error))
        if account is None or account.password != password:
            return _ecf_page(court, linked, form_page(login, "Invalid CM/ECF login or password."))
        if account.linked_to:
            return _ecf_page(
                court,
                linked,
                "<p><b>This CM/ECF account is already linked to a PACER account.</b></p>" + form_page(login),
            )
        token = secrets.token_hex(8)
        self.pending[token] = (court.id, login)
        pacer = self.pacer[user]
        return _ecf_page(
            court,
            linked,
            markup.verify(
                court.link_path, court.layout, token, (account.login, account.name), (pacer.username, pacer.name)
            ),
        )


# -- markup -------------------------------------------------------------------------------------


def _json(data: dict, headers: list[tuple[str, str]] | None = None) -> Response:
    return Response(body=json.dumps(data).encode(), content_type="application/json", headers=headers or [])


def _page(title: str, body: str, status: int = 200, headers: list[tuple[str, str]] | None = None) -> Response:
    return Response(status, markup.page(title, body).encode(), headers=headers or [])


def _is_court_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "https" and parts.hostname in {f"ecf.{c}.uscourts.gov" for c in COURTS}


def _welcome(court: CourtSite) -> Response:
    return _page(
        f"{court.short} - CM/ECF",
        f"<h2>Welcome to the {escape(court.name)}</h2>"
        f'<p><a href="/cgi-bin/login.pl">{escape(court.short)} - Document Filing System</a></p>'
        "<p>The Court's CM/ECF system is for registered e-filers and PACER users.</p>",
    )


def _redirect_to_cso(court: CourtSite) -> Response:
    """What a NextGen court sends a visitor with no session: a script that moves to the PACER login."""
    target = quote(f"https://ecf.{court.id}.uscourts.gov/cgi-bin/showpage.pl?16", safe="")
    url = f"https://{CSO_HOST}/csologin/login.jsf?pscCourtId={court.pacer_code}&appurl={target}"
    return Response(body=f'<html><head><script>document.location = "{url}";</script></head></html>'.encode())


def _filer_menus(court: CourtSite) -> tuple[str, str]:
    return ("CivilEvents", "CriminalEvents") if court.type == "district" else ("BankruptcyEvents", "AdversaryEvents")


def _ecf_page(court: CourtSite, linked: bool, content: str, status: int = 200) -> Response:
    """The CM/ECF shell: YUI menu bar (filing menus only for a linked account), then main content."""
    menu_id = 4_802_715 if linked else -1
    item = '<li class="yuimenubaritem"><a class="yuimenubaritemlabel" href="{}">{}</a></li>'
    labels = {
        "CivilEvents": "C<u>i</u>vil",
        "CriminalEvents": "Crimi<u>n</u>al",
        "BankruptcyEvents": "Ba<u>n</u>kruptcy",
        "AdversaryEvents": "A<u>d</u>versary",
    }
    suffix = f"&amp;id={menu_id}" if court.type == "bankruptcy" else ""
    items = (
        [item.format(f"/cgi-bin/DisplayMenu.pl?{m}{suffix}", labels[m]) for m in _filer_menus(court)] if linked else []
    )
    items += [
        item.format("/cgi-bin/iquery.pl", "<u>Q</u>uery"),
        item.format(f"/cgi-bin/DisplayMenu.pl?Reports{suffix}", "<u>R</u>eports"),
        item.format(f"/cgi-bin/DisplayMenu.pl?Utilities{suffix}", "<u>U</u>tilities"),
        item.format("/cgi-bin/login.pl?logout", "Log Out"),
    ]
    body = (
        f'<script type="text/javascript" src="/cgi-bin/menu.pl?id={menu_id}"></script>'
        '<div class="noprint"><div id="topmenu" class="yuimenubar"><div class="bd">'
        '<img src="/graphics/logo-cmecf-sm.png" class="cmecfLogo" id="cmecfLogo" alt="CM/ECF">'
        f'<ul class="first-of-type">{"".join(items)}</ul><hr class="hrmenuseparator"></div></div></div>'
        f'<div id="cmecfMainContent">{content}</div>'
    )
    return _page(f"CM/ECF - {court.name} (NextGen - LIVE)", body, status)


def _utilities(court: CourtSite) -> str:
    sections = {
        "Your Account": [
            '<a href="/cgi-bin/MaintainAcct.pl">Maintain Your ECF Account</a>',
            '<a href="/cgi-bin/TransLog.pl">View Your Transaction Log</a>',
        ],
        "NextGen Release 1.1 Menu Items": [],
        "Miscellaneous": ['<a href="/cgi-bin/Calendar.pl">Calendar Events</a>'],
    }
    sections[court.link_section].append(f'<a href="{court.link_path}">{court.link_label}</a>')
    html = "<h3>Utilities</h3>"
    for heading, links in sections.items():
        if links:
            html += f"<h4>{heading}</h4><ul>" + "".join(f"<li>{link}</li>" for link in links) + "</ul>"
    return html
