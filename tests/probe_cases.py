"""Small pages on which each probe rule is decided: the Python evaluator (tests/unit/test_htmlfacts.py)
and the extension's (tests/e2e/test_probe_rules.py) must give the same answer on every one."""

URL = "https://ecf.txwd.uscourts.gov/cgi-bin/ShowIndex.pl"
# The hiding rules of the frameworks these sites use, as their own stylesheets write them
# (data/hiding.json names the sources). The browser loads them; the Python side never reads a
# stylesheet from elsewhere and relies on data/hiding.json instead.
FRAMEWORK_CSS = """
.ui-dialog { position: fixed; display: none; }
.ui-dialog.ui-overlay-hidden { display: block; }
.ui-overlay-hidden { visibility: hidden; }
.ui-overlay-hidden * { visibility: hidden !important; }
.ui-helper-hidden { display: none; }
.yui-overlay, .yui-panel-container { visibility: hidden; position: absolute; }
"""

# (markup, whether #t is rendered)
VISIBILITY = [
    ('<a id="t">x</a>', True),
    ('<a id="t" hidden>x</a>', False),
    ('<div hidden style="display:block"><a id="t">x</a></div>', True),  # an author's display beats [hidden]
    ('<div aria-hidden="true"><a id="t">x</a></div>', True),  # hidden from screen readers, still drawn
    ('<div style="DISPLAY : none"><a id="t">x</a></div>', False),
    ('<div style="visibility:hidden"><a id="t">x</a></div>', False),
    ('<div style="visibility:hidden"><a id="t" style="visibility: visible">x</a></div>', True),
    ('<div style="opacity: 0"><a id="t">x</a></div>', False),
    ('<div style="opacity: 0.5"><a id="t">x</a></div>', True),
    ('<div style="display:block"><a id="t">x</a></div>', True),
    (
        '<style>.off { display: none } @media print { #t { display: none } }</style><div class="off"><a id="t">x</a></div>',
        False,
    ),
    ('<style>@media print { #t { display: none } }</style><a id="t">x</a>', True),
    ('<style>a:hover { display: none }</style><a id="t">x</a>', True),
    ('<style>.off { display: none } .off.on { display: block }</style><div class="off on"><a id="t">x</a></div>', True),
    ('<div class="ui-dialog ui-hidden-container"><a id="t">x</a></div>', False),  # PrimeFaces, before it is shown
    ('<div class="ui-dialog ui-hidden-container" style="display: block"><a id="t">x</a></div>', True),
    ('<div class="ui-overlay-hidden" style="display: block"><a id="t">x</a></div>', False),
    ('<div class="ui-helper-hidden"><a id="t">x</a></div>', False),
    ('<div class="yuimenu yui-overlay"><a id="t">x</a></div>', False),
    ('<div class="yuimenubar yui-overlay visible" style="visibility: visible"><a id="t">x</a></div>', True),
    ('<details><summary>More</summary><a id="t">x</a></details>', False),
    ('<details open><summary>More</summary><a id="t">x</a></details>', True),
    ('<dialog><a id="t">x</a></dialog>', False),
    ('<dialog open><a id="t">x</a></dialog>', True),
    ('<a id="t"></a>', False),  # no box
    ('<a id="t" style="height: 0">x</a>', True),  # an inline element has no height of its own
    ('<div id="t" style="height: 0; overflow: hidden">x</div>', False),
    (
        '<a id="t"><img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==" alt="" width="20" '
        'height="10"></a>',
        True,
    ),
    ('<input id="t" type="hidden">', False),
    ('<input id="t" type="text">', True),
]

# (markup, whether #f is labelled "CM/ECF login")
NEAR = [
    ('<label for="f">CM/ECF login</label><input id="f">', True),
    ('<label>CM/ECF login <input id="f"></label>', True),
    ('<table><tr><td>CM/ECF&nbsp;Login:</td><td><input id="f"></td></tr></table>', True),
    ('<dl><dt>CM/ECF LOGIN</dt><dd><input id="f"></dd></dl>', True),
    ('<div><div><span>CM/ECF login</span></div><div><input id="f"></div></div>', True),
    ('<input id="f" placeholder="CM/ECF login">', True),
    ('<h1>CM/ECF login</h1><div><div><div><div><div><input id="f"></div></div></div></div></div>', False),  # too far
    ('<label for="f">Case number</label><input id="f">', False),
]
NEAR_PROBE = {"selector": "#f", "near": "cm ?/ ?ecf log ?in"}

# (markup, whether the link or button leads to the court's login script)
TARGET = [
    ('<a href="/cgi-bin/login.pl">Login</a>', True),
    ('<a href="login.pl">Login</a>', True),  # relative to /cgi-bin/ShowIndex.pl
    ('<a href="https://ecf.txwd.uscourts.gov/cgi-bin/login.pl">Document Filing System</a>', True),
    ('<a href="https://ecf-train.txwd.uscourts.gov/cgi-bin/login.pl">Train</a>', False),  # another site
    ('<a href="http://ecf.txwd.uscourts.gov/cgi-bin/login.pl">Login</a>', True),  # an old http link to its own login
    ('<a href="https://ecf.txwd.uscourts.gov:8443/cgi-bin/login.pl">Login</a>', False),
    ('<a href="/cgi-bin/login.pl?logout">Log Out</a>', False),
    ('<input type="button" value="Click Here to Login" onclick="window.location=\'/cgi-bin/login.pl\'">', True),
    ("<a href=\"javascript:go('/cgi-bin/login.pl')\">Login</a>", True),
    ('<form action="/cgi-bin/login.pl"><input type="submit" value="Log in"></form>', True),
    ('<base href="https://elsewhere.example/"><a href="/cgi-bin/login.pl">Login</a>', False),
]
TARGET_PROBE = {
    "selector": "a[href], input:is([type=button], [type=submit])",
    "target": "^/cgi-bin/login\\.pl(\\?(?!logout)|$)",
}

# (markup, whether #t belongs to the password field's form)
SAME_FORM = [
    ('<form><input type="password"><input id="t"></form>', True),
    ('<form><input type="password"></form><form><input id="t"></form>', False),
    ('<table><form><tr><td><input type="password"></td><td><input id="t"></td></tr></form></table>', True),  # hoisted
    ('<form id="f"></form><input form="f" type="password"><input form="f" id="t">', True),
    ('<form id="f"></form><input form="f" type="password"><input id="t">', False),
]
SAME_FORM_PROBES = {
    "password": {"selector": "input[type=password]"},
    "p": {"selector": "#t", "same_form_as": "password"},
}

SCAN_HTML = (
    '<div id="main">You have <b>successfully</b> linked your account.<br>Other text'
    "<table><tr><th>PACER account</th><td>jdoe2024 (Jane Doe)</td></tr></table>"
    '<p><b>CM/ECF account:</b> jdoe (Jane Doe)</p><p style="display:none">successfully linked</p></div>'
)
SCAN_PROBES = {
    "done": {"scan": "#main", "text": ["successfully linked"], "visible": True},
    "pacer": {"scan": "#main", "text": ["^pacer account\\b"], "extract": "after"},
    "cmecf": {"scan": "#main", "text": ["^cm/ecf account\\b"], "extract": "after"},
    "small": {"scan": "#main", "text": ["successfully"], "limit": 8},  # #main holds 11 elements
}
SCAN_RESULT = {"done": 1, "pacer": "jdoe2024 (Jane Doe)", "cmecf": "jdoe (Jane Doe)", "small": 0}

ONLY_IF_PROBES = {
    "password_field": {"selector": "input[type=password]"},
    "text_fields": {"selector": "input[type=text]", "only_if": "password_field"},
    "unless_password": {"selector": "input[type=text]", "only_if": "!password_field"},
    "first_label": {"selector": "label", "extract": "text", "only_if": "password_field"},
    "named": {"from": "text_fields", "value": "^jdoe$"},
}
# The same table with its names sorted, as Chromium's storage gives back a table the background
# kept: every probe that reads another still comes after it.
ONLY_IF_PROBES_SORTED = dict(sorted(ONLY_IF_PROBES.items()))
ONLY_IF = [
    (
        "<form><label>Name</label><input type=text><input type=text></form>",
        {"password_field": 0, "text_fields": 0, "unless_password": 2, "first_label": "", "named": 0},
    ),
    (
        "<form><label>Name</label><input type=text value=jdoe><input type=password></form>",
        {"password_field": 1, "text_fields": 1, "unless_password": 0, "first_label": "Name", "named": 1},
    ),
]

# An element's name: one run for an element without child elements (comments are not text), runs
# joined by a space otherwise.
TEXT_HTML = (
    '<a id="leaf" href="#"> Link&nbsp;a\n CM/ECF <!-- a comment --> account </a>'
    '<a id="runs" href="#">Link <b>a</b><br>CM/<i>ECF</i></a>'
)
TEXT_PROBES = {
    "leaf": {"selector": "#leaf", "extract": "name"},
    "runs": {"selector": "#runs", "extract": "name"},
}
TEXT_RESULT = {"leaf": "Link a CM/ECF account", "runs": "Link a CM/ECF"}

# `max_elements`: the page below holds 16 elements (html, head, body, p and 12 links).
SIZE_HTML = "<p>" + '<a href="#">x</a>' * 12 + "</p>"
SIZE_PROBES = {
    "small_page": {"selector": "a", "max_elements": 50},
    "large_page": {"selector": "a", "max_elements": 8},
}
SIZE_RESULT = {"small_page": 12, "large_page": 0}

# `at_end`: only the page's last elements are searched (a page ends with table, tbody, tr, th, b).
AT_END_HTML = (
    "<table><tr><th>first</th></tr></table>" + "<p>x</p>" * 10 + "<table><tr><th><b>last</b></th></tr></table>"
)
AT_END_PROBES = {
    "near_end": {"selector": "th", "at_end": 8},
    "last_th": {"selector": "th", "at_end": 8, "extract": "text"},
    "everywhere": {"selector": "th", "at_end": 100},
}
AT_END_RESULT = {"near_end": 1, "last_th": "last", "everywhere": 2}


def all_cases() -> list[tuple[str, str, dict]]:
    """(name, markup, probes) for every case above."""
    cases = [(f"visible_{i}", m, {"p": {"selector": "#t", "visible": True}}) for i, (m, _) in enumerate(VISIBILITY)]
    cases += [(f"near_{i}", m, {"p": NEAR_PROBE}) for i, (m, _) in enumerate(NEAR)]
    cases += [(f"target_{i}", m, {"p": TARGET_PROBE}) for i, (m, _) in enumerate(TARGET)]
    cases += [(f"same_form_{i}", m, SAME_FORM_PROBES) for i, (m, _) in enumerate(SAME_FORM)]
    cases += [("scan", SCAN_HTML, SCAN_PROBES), ("text", TEXT_HTML, TEXT_PROBES), ("size", SIZE_HTML, SIZE_PROBES)]
    cases += [("at_end", AT_END_HTML, AT_END_PROBES)]
    cases += [(f"only_if_{i}", m, ONLY_IF_PROBES) for i, (m, _) in enumerate(ONLY_IF)]
    cases += [(f"only_if_sorted_{i}", m, ONLY_IF_PROBES_SORTED) for i, (m, _) in enumerate(ONLY_IF)]
    return cases
