"""Redacted snapshots of pages ecflink misread or did not recognise, saved in the data folder when
the user asks (one click in the overlay or the popup) and never sent anywhere.

The extension sends the page as the browser renders it, each element the browser does not draw
marked (`rendering.HIDDEN_MARK`), with field values, hidden fields, scripts, styles, comments and
URL query values already taken out (extension/snapshot.js). Here the same is done again, and the
names and usernames ecflink knows (the settings, each court's progress, the stored logins' index),
the values that follow a person or account label, e-mail addresses and long tokens are replaced by
placeholders. `ecflink reports` lists and prints them; `ecflink classify` reads one as the browser
saw it.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bs4 import Comment, NavigableString

from ecflink.htmlfacts import QUOTED_URL, normalise, parse, runs
from ecflink.rendering import attr

KEEP = 50  # snapshots kept; the oldest go first
_REMOVED = "script, noscript, template, style, link, meta, iframe, object, embed, input[type=hidden]"
_LABEL_INPUTS = ("submit", "button", "reset", "image")
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "background", "poster", "cite")
_KEPT_QUERY = ("pscCourtId",)  # a court's public code, which names the court
# A run of text that begins with one of these labels: what follows it names a person or an account.
_LABELS = re.compile(
    r"^(?:your |the )?(?:(?:cm ?/ ?ecf|pacer|filer|attorney|e-?filer) (?:account|log ?in|user ?"
    r"(?:name|id))\b\s*:?|(?:account|log ?in|user ?(?:name|id)|name|client code|e-?mail(?: address)?)"
    r"\s*:)",
    re.IGNORECASE,
)
# A run that is itself a label (of a field, or the next line of a list), never a value to replace.
_LABEL_LIKE = re.compile(r":$|pass ?word|log ?in|user ?name|account", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TOKEN = re.compile(r"\b(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{16,}\b")
_HEADER = re.compile(r"^<!--\s*ecflink snapshot\n(.*?)\n-->", re.DOTALL)
_NAME = re.compile(r"^[0-9]{8}T[0-9]{6}\.[0-9]{6}Z-[a-z0-9_]+-[a-z_]+(?:-[0-9]+)?\.html$")


@dataclass(frozen=True, slots=True)
class Report:
    name: str
    path: Path
    header: dict[str, str]


def folder(data: Path) -> Path:
    return data / "reports"


def without_query_values(address: str) -> str:
    """An address with each query value taken out; bare words (?Utilities) name pages and stay."""
    try:
        parts = urlsplit(address)
    except ValueError:
        return ""
    if not parts.query:
        return address
    kept = []
    for pair in parts.query.split("&"):
        key, has_value, value = pair.partition("=")
        if not has_value:
            kept.append(key if re.fullmatch(r"[A-Za-z]+", key) else "")
        else:
            kept.append(pair if key in _KEPT_QUERY else f"{key}=")
    return urlunsplit(parts._replace(query="&".join(k for k in kept if k)))


def redact(html: str, known: list[str]) -> str:
    """The page with everything personal taken out (see the module's docstring); `known`: names and
    usernames to replace wherever they stand."""
    soup = parse(html)
    for element in soup.select(_REMOVED):
        element.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for element in soup.find_all(True):
        for name in list(element.attrs):
            value = attr(element, name)
            handler = name.startswith("on")
            script = handler or (name in _URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"))
            if name == "style" or (handler and _script_target(value) is None):
                del element[name]
            elif script:
                # Script: only where it leads (a court's login) is kept, without its query.
                element[name] = ("" if handler else "javascript:") + (_script_target(value) or "")
            elif name in _URL_ATTRIBUTES:
                element[name] = without_query_values(value)
            elif (
                name == "value"
                and element.name != "button"
                and not (element.name == "input" and attr(element, "type").lower() in _LABEL_INPUTS)
            ):
                element[name] = ""
        if element.name == "textarea":
            element.clear()
        if element.name == "option" and element.has_attr("selected"):
            del element["selected"]
    _replace_labelled_values(soup)
    _replace_known(soup, known)
    return str(soup)


def _script_target(script: str) -> str | None:
    """`location='…'` for the address a script snippet leads to, without its query values."""
    target = QUOTED_URL.search(script)
    return f"location='{without_query_values(target.group(1))}'" if target else None


def _replace_labelled_values(soup) -> None:
    """After a label that names a person or an account ('PACER account:', 'Name:', 'Client Code:'),
    the text of the same run, or else of the next run, becomes a placeholder."""
    body = soup.body or soup
    found = runs(body)
    for i, run in enumerate(found):
        text = normalise("".join(run))
        label = _LABELS.match(text)
        if not label:
            continue
        if text[label.end() :].strip(" :"):
            _set_run(run, text[: label.end()] + " [redacted]")
        elif i + 1 < len(found) and not _LABEL_LIKE.search(normalise("".join(found[i + 1]))):
            _set_run(found[i + 1], "[redacted]")


def _set_run(run: list[NavigableString], text: str) -> None:
    run[0].replace_with(NavigableString(text))
    for node in run[1:]:
        node.replace_with(NavigableString(""))


def _replace_known(soup, known: list[str]) -> None:
    words = sorted({k.strip() for k in known if len(k.strip()) >= 3}, key=len, reverse=True)
    patterns = [re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE) for word in words]

    def clean(text: str) -> str:
        for pattern in patterns:
            text = pattern.sub("[redacted]", text)
        return _TOKEN.sub("[token]", _EMAIL.sub("[email]", text))

    for node in soup.find_all(string=True):
        if isinstance(node, NavigableString) and not isinstance(node, Comment):
            cleaned = clean(str(node))
            if cleaned != str(node):
                node.replace_with(NavigableString(cleaned))
    for element in soup.find_all(True):
        for name in ("title", "alt", "aria-label", "placeholder", "value", "href", "action", "src"):
            if isinstance(element.get(name), str):
                element[name] = clean(element[name])


# Opened in a browser, a snapshot runs nothing and fetches nothing: no script (a page's markup may
# carry script past the redaction, such as an SVG link's xlink:href), no image, frame or font from
# the network, no form, no <base>. The parser puts this tag at the head of the document.
VIEWING_POLICY = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    "img-src data:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'\">"
)


def save(data: Path, html: str, url: str, seen: dict[str, str | None], known: list[str]) -> Report:
    """Redact and write a snapshot; `seen`: what ecflink made of the page (court, kind, rule),
    recorded in its header. The oldest snapshots beyond KEEP are removed."""
    place = folder(data)
    place.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(place, 0o700)
    now = time.time()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now)) + f".{int(now * 1e6) % 1_000_000:06d}Z"  # sorts by time
    label = re.sub(r"[^a-z0-9_]", "", seen.get("court") or "pacer") or "page"
    kind = re.sub(r"[^a-z_]", "", seen.get("kind") or "unknown")
    name, n = f"{stamp}-{label}-{kind}.html", 1
    while (place / name).exists():
        n += 1
        name = f"{stamp}-{label}-{kind}-{n}.html"
    header = {"url": without_query_values(url), **{k: v for k, v in seen.items() if v}, "saved": stamp}
    lines = "\n".join(f"{key}: {value}" for key, value in header.items() if "\n" not in str(value))
    text = f"<!-- ecflink snapshot\n{lines}\n-->\n{VIEWING_POLICY}\n{redact(html, known)}"
    fd = os.open(place / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    for old in listing(data)[:-KEEP]:
        old.path.unlink(missing_ok=True)
    return Report(name, place / name, header)


def read_header(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8", errors="replace") as f:
        match = _HEADER.match(f.read(4096))
    if not match:
        return {}
    return dict(line.split(": ", 1) for line in match.group(1).splitlines() if ": " in line)


def listing(data: Path) -> list[Report]:
    """The saved snapshots, oldest first."""
    place = folder(data)
    if not place.is_dir():
        return []
    return [Report(p.name, p, read_header(p)) for p in sorted(place.iterdir()) if _NAME.match(p.name)]


def find(data: Path, name: str) -> Report | None:
    return next((r for r in listing(data) if r.name == name or r.name.startswith(name)), None)
