"""Which court a browser-attested URL belongs to, by one strict anchored rule."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_ECF_HOST = re.compile(r"ecf\.([a-z0-9]{2,12})\.uscourts\.gov")


def court_from_url(url: str) -> str | None:
    """`txwd` for `https://ecf.txwd.uscourts.gov/...`; None for anything else.

    Only https on the default port, no user-info, and the whole host name must match:
    `ecf.txwd.uscourts.gov.evil.example`, `xecf.txwd...` and `ecf-txwd.uscourts.gov` are not courts.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme != "https" or port not in (None, 443) or parts.username is not None:
        return None
    match = _ECF_HOST.fullmatch(parts.hostname or "")
    return match.group(1) if match else None
