"""A CM/ECF docket report of about 5 MB (thousands of entries), as NextGen courts serve it: the
menu bar, the case caption, the docket table, and the PACER transaction receipt. The menu bar is a
PACER-only filer's (no filing menus: every probe of a page after login runs), or with
`filing_menus` a linked filer's (Civil and Criminal open the filing events)."""

from __future__ import annotations

import random

WORDS = (
    "MOTION to Dismiss for Failure to State a Claim by Defendant Acme Holdings LLC. "
    "Responses due by 3/14/2026. (Attachments: # 1 Exhibit A, # 2 Exhibit B, # 3 Proposed Order) "
    "ORDER granting in part and denying in part Motion for Extension of Time to File Answer. "
    "Signed by Judge Jane Q. Public. NOTICE of Attorney Appearance by John Smith on behalf of "
    "Plaintiff. RESPONSE in Opposition re Motion for Summary Judgment filed by Plaintiff."
).split()


def entry(number: int, rng: random.Random) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(120, 200)))
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return (
        f'<tr><td width="94" nowrap>{month:02d}/{day:02d}/2025</td>'
        f'<td style="white-space:nowrap" align="right"><a href="https://ecf.txwd.uscourts.gov/doc1/'
        f"{181000000000 + number}\" onclick=\"goDLS('/doc1/{181000000000 + number}','1234','{number}')\">"
        f'{number}</a>&nbsp;<a href="#" class="link-icon"><img src="/graphics/pdf.png" alt=""></a></td>'
        f"<td>{text} (jd) (Entered: {month:02d}/{day:02d}/2025)</td></tr>\n"
    )


def docket_html(target_bytes: int = 5_000_000, seed: int = 8, filing_menus: bool = False) -> bytes:
    rng = random.Random(seed)
    events = "Events" if filing_menus else ""
    head = (
        "<!DOCTYPE html><html><head><title>CM/ECF - U.S. District Court:txwd</title></head><body>"
        f'<div id="topmenu"><ul><li><a href="/cgi-bin/DisplayMenu.pl?Civil{events}">Civil</a></li>'
        f'<li><a href="/cgi-bin/DisplayMenu.pl?Criminal{events}">Criminal</a></li>'
        '<li><a href="/cgi-bin/DisplayMenu.pl?Query">Query</a></li>'
        '<li><a href="/cgi-bin/DisplayMenu.pl?Reports">Reports</a></li>'
        '<li><a href="/cgi-bin/DisplayMenu.pl?Utilities">Utilities</a></li>'
        '<li><a href="/cgi-bin/login.pl?logout">Log Out</a></li></ul></div>'
        '<h3 align="center">U.S. District Court [LIVE]<br>Western District of Texas (Austin)<br>'
        "CIVIL DOCKET FOR CASE #: 1:25-cv-01234-JQP</h3>"
        '<table width="100%" border="0" cellspacing="5"><tr><td>Doe v. Acme Holdings LLC<br>'
        "Assigned to: Judge Jane Q. Public<br>Cause: 28:1332 Diversity-Breach of Contract</td>"
        "<td>Date Filed: 01/06/2025<br>Jury Demand: Both<br>Jurisdiction: Diversity</td></tr></table>"
        '<table width="99%" border="1" cellpadding="5" cellspacing="0"><tr><th>Date Filed</th>'
        "<th>#</th><th>Docket Text</th></tr>\n"
    )
    tail = (
        '</table><br><hr><center><table border="1" bgcolor="white" width="400"><tr><th colspan="4">'
        '<font size="+1" color="DARKRED">PACER Service Center </font></th></tr><tr><th colspan="4">'
        '<font color="DARKBLUE">Transaction Receipt </font></th></tr><tr><th>PACER Login:</th>'
        "<td>jdoe2024</td><th>Client Code:</th><td></td></tr><tr><th>Description:</th><td>Docket Report</td>"
        "<th>Search Criteria:</th><td>1:25-cv-01234-JQP</td></tr><tr><th>Billable Pages:</th><td>30</td>"
        "<th>Cost:</th><td>3.00</td></tr></table></center></body></html>"
    )
    rows, size, number = [], len(head) + len(tail), 0
    while size < target_bytes:
        number += 1
        rows.append(entry(number, rng))
        size += len(rows[-1])
    return (head + "".join(rows) + tail).encode()
