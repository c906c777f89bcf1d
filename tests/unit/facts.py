"""Probe counts of typical CM/ECF pages, as the browser reports them, for the host's unit tests."""

from ecflink import pages

ECF_PROBES = pages.table()["probes"]["ecf"]
ECF_COUNTS = {name: 0 for name, probe in ECF_PROBES.items() if not probe.get("extract")}  # counted probes only
FORM_URL = "https://ecf.txwd.uscourts.gov/cgi-bin/LinkAcct.pl"
ORIGIN = "https://ecf.txwd.uscourts.gov"
LINK_FORM = {name: 0 for name in ECF_PROBES} | {
    "menubar": 1,
    "logout_link": 1,
    "password_field": 1,
    "link_password": 1,
    "link_login": 1,
    "utilities_menu": 1,
    "reports_menu": 1,
    "verify_submit": 1,
}
VERIFY = ECF_COUNTS | {
    "menubar": 1,
    "logout_link": 1,
    "cmecf_label": 1,
    "pacer_label": 1,
    "cmecf_mention": 1,
    "pacer_mention": 1,
    "verify_submit": 1,
}
