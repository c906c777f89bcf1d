"""The page probes evaluated on saved HTML, with the rules the extension applies live (probes.js).

The HTML is parsed by html5lib, which follows the HTML standard's parsing algorithm as browsers do,
and selectors are matched by soupsieve. Live, `visible` is the browser's own rendering; here it is
approximated from markup (rendering.py). docs/pages-format.md describes every probe field.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import soupsieve
from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from ecflink.rendering import Rendering, attr

EXTRACT_LIMIT = 200  # characters, as in probes.js and the facts message
NEAR_LEVELS = 4  # ancestors whose text may label a field
SCAN_LIMIT = 1500  # elements under a scan probe's root, at most, as in probes.js
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
# The whitespace JavaScript's \s matches, so both evaluators collapse exactly the same characters.
_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_SPACES = re.compile(f"[{_SPACE}]+")
# Elements that start a new run of text (see `runs`).
BLOCKS = frozenset(
    """address article aside blockquote body button caption center dd details dialog div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html input legend li main nav ol p pre
    section select summary table tbody td textarea tfoot th thead tr ul""".split()
)
_SKIPPED = frozenset({"script", "style", "template", "noscript", "head", "title"})
# A quoted address in a script snippet (onclick="window.location='/cgi-bin/login.pl'", javascript: links).
QUOTED_URL = re.compile(
    r"""["']((?:https?://|/|\.{1,2}/)[^"']*|[\w.-]+\.(?:pl|html?|jsf|xhtml|php|aspx?|cgi)"""
    r"""(?:\?[^"']*)?)["']"""
)
_SUBMITTERS = ("button", "input")
_TABLE_PARTS = ("table", "tbody", "thead", "tfoot", "tr")  # where the parser leaves a <form> it empties


def parse(html: str | bytes) -> BeautifulSoup:
    return BeautifulSoup(html, "html5lib")


def normalise(text: str) -> str:
    """Whitespace (non-breaking spaces included) collapsed to one space, trimmed."""
    return _SPACES.sub(" ", text).strip(" ")


def text_of(element: Tag) -> str:
    """What a person reads in an element: its runs of text (see `runs`) joined by a space, so that
    words in separate cells or lines do not run together; scripts and styles are left out."""
    return " ".join(normalise("".join(run)) for run in runs(element))


def runs(root: Tag) -> list[list[NavigableString]]:
    """The runs of text under `root`, in document order: a run ends at a <br>, where a block
    element starts (BLOCKS), or where the nearest block changes; so "C<u>i</u>vil" is one run and
    two table cells are two. Scripts, styles and templates are skipped."""
    found: list[list[NavigableString]] = []
    current: list[NavigableString] = []
    block, broken = None, False
    for node in _walk(root):
        if isinstance(node, Tag):
            broken = broken or node.name == "br" or node.name in BLOCKS  # (a skipped element is neither)
            continue
        owner = next((p for p in node.parents if p.name in BLOCKS), None)
        if broken or owner is not block:
            found.append(current)
            current, block, broken = [], owner, False
        current.append(node)
    found.append(current)
    return [run for run in found if normalise("".join(run))]


def name_of(element: Tag) -> str:
    """What a person reads on an element: its text, or for a control or image without text its
    value, aria-label, title or alt."""
    text = text_of(element)
    if text:
        return text
    for attribute in ("value", "aria-label", "title", "alt"):
        if attr(element, attribute).strip() and not (attribute == "value" and element.name != "input"):
            return normalise(attr(element, attribute))
    image = element.find("img", alt=True)
    return normalise(attr(image, "alt")) if isinstance(image, Tag) else ""


class Page:
    """One parsed page and what its probes need: the URL it was served at, rendering, form owners."""

    def __init__(self, html: str | bytes, url: str = "") -> None:
        self.soup = parse(html)
        base = self.soup.find("base", href=True)
        self.url = url
        self.base = urljoin(url, attr(base, "href")) if isinstance(base, Tag) else url
        self.rendering = Rendering(self.soup)
        self.found: dict[str, list[Tag]] = {}  # probe name -> the elements it found
        self.scanned: dict[tuple[str, int], list | None] = {}  # (root, limit) -> its runs, read once

    # -- what an element leads to, and which form it belongs to --------------------------------

    def target_of(self, element: Tag) -> str | None:
        """The path (and ?query) on this page's own host a link or button leads to, else None."""
        raw = None
        if element.get("href") is not None:
            raw = attr(element, "href").strip()
            if raw.lower().startswith("javascript:"):
                found = QUOTED_URL.search(raw)
                raw = found.group(1) if found else None
        elif element.get("formaction") is not None:
            raw = attr(element, "formaction")
        elif element.get("onclick"):
            found = QUOTED_URL.search(attr(element, "onclick"))
            raw = found.group(1) if found else None
        elif element.name in _SUBMITTERS and (
            attr(element, "type") or ("submit" if element.name == "button" else "")
        ).lower() in ("submit", "image"):
            form = self.form_owner(element)
            raw = attr(form, "action") if form is not None else None
        if raw is None:
            return None
        try:
            absolute = urlsplit(urljoin(self.base, raw))
            if not _same_site(absolute, urlsplit(self.url)):
                return None
        except ValueError:
            return None
        return (absolute.path or "/") + (f"?{absolute.query}" if absolute.query else "")

    def form_owner(self, element: Tag) -> Tag | None:
        """The form a field belongs to, as the browser decides: its `form` attribute, else its
        form ancestor, else a form the parser emptied out of a table before the field."""
        if element.get("form") is not None:
            owner = self.soup.find(id=element["form"])
            return owner if owner is not None and owner.name == "form" else None
        owner = element.find_parent("form")
        if owner is not None:
            return owner
        form = element.find_previous("form")
        if (
            form is not None
            and not form.find(True)
            and form.parent is not None
            and form.parent.name in _TABLE_PARTS
            and any(parent is form.parent for parent in element.parents)
        ):
            return form
        return None

    def label_text(self, element: Tag) -> list[str]:
        """The texts that may label a field: its <label>s, aria-label, placeholder and title, and
        the text of its nearest ancestors."""
        texts = []
        if element.get("id"):
            texts += [text_of(label) for label in self.soup.find_all("label", attrs={"for": element["id"]})]
        texts += [normalise(attr(element, a)) for a in ("aria-label", "placeholder", "title") if element.get(a)]
        for level, ancestor in enumerate(element.parents):
            if level >= NEAR_LEVELS or ancestor.name in ("body", "html", "[document]"):
                break
            texts.append(text_of(ancestor))
        return [t.lower() for t in texts if t]

    # -- probes ---------------------------------------------------------------------------------

    def passes(self, element: Tag, probe: dict, patterns: dict) -> bool:
        if "target" in probe:
            target = self.target_of(element)
            if target is None or not patterns["target"].search(target):
                return False
        if "value" in probe and not patterns["value"].search(element.get("value", "")):
            return False
        if (patterns["text"] or patterns["not_text"] or "max_chars" in probe) and not _matches(
            name_of(element).lower(), patterns
        ):
            return False
        if "has" in probe and element.select_one(probe["has"]) is None:
            return False
        if "near" in probe and not any(patterns["near"].search(t) for t in self.label_text(element)):
            return False
        if "same_form_as" in probe:
            owner = self.form_owner(element)
            if owner is None or not any(self.form_owner(e) is owner for e in self.found.get(probe["same_form_as"], [])):
                return False
        return not probe.get("visible") or self.rendering.rendered(element)

    def select(self, probe: dict) -> list[Tag]:
        """The elements a probe finds, in document order: among the first `limit` matches of its
        selector (in the page's last `at_end` elements), or among the elements another probe found
        (`from`); none on a page of more than `max_elements` elements."""
        if "max_elements" in probe and _more_than(self.soup, probe["max_elements"]):
            return []
        patterns = compiled(probe)
        limit = probe.get("limit", 100)
        if "from" in probe:
            candidates = self.found.get(probe["from"], [])
        elif "at_end" in probe:
            tail = self.soup.find_all(True)[-probe["at_end"] :]
            candidates = [e for e in tail if soupsieve.match(probe["selector"], e)][:limit]
        else:
            candidates = self.soup.select(probe["selector"], limit=limit)
        return [e for e in candidates if self.passes(e, probe, patterns)]

    def scan(self, probe: dict) -> tuple[int, str]:
        """(runs matching, the text after the first match) for a scan probe; nothing when the root
        holds more than `limit` elements: a page that large is not this step."""
        key = (probe["scan"], probe.get("limit", SCAN_LIMIT))
        if key not in self.scanned:
            root = self.soup.select_one(probe["scan"]) or self.soup.body or self.soup
            self.scanned[key] = None if _more_than(root, key[1]) else runs(root)
        found = self.scanned[key]
        if found is None:
            return 0, ""
        patterns = compiled(probe)
        count, after = 0, None
        for i, run in enumerate(found):
            text = normalise("".join(run)).lower()
            if not _matches(text, patterns):
                continue
            if probe.get("visible"):
                text = normalise("".join(s for s in run if self.rendering.rendered(s.parent))).lower()
                if not _matches(text, patterns):
                    continue
            count += 1
            if after is None and probe.get("extract") == "after":
                whole = normalise("".join(run))
                end = patterns["text"][0].search(whole.lower()).end() if patterns["text"] else 0
                after = whole[end:].strip(" :") or (normalise("".join(found[i + 1])) if i + 1 < len(found) else "")
        return count, (after or "")[:EXTRACT_LIMIT]

    def extracted(self, element: Tag, how: str) -> str:
        """What an extract probe reads from its first element."""
        if how == "value":
            found = attr(element, "value")
        elif how == "next":
            following = element.find_next_sibling()
            found = text_of(following) if following is not None else ""
        elif how == "name":
            found = name_of(element)
        else:
            found = text_of(element)
        return found[:EXTRACT_LIMIT]

    def evaluate(self, name: str, probe: dict) -> int | str:
        if "scan" in probe:
            count, after = self.scan(probe)
            return after if probe.get("extract") else count
        found = self.select(probe)
        self.found[name] = found
        if probe.get("extract"):
            return self.extracted(found[0], probe["extract"]) if found else ""
        return len(found)


def _same_site(target, page) -> bool:
    """The page's own host, over http or https on a default port (an old page's http link to its
    own login script still leads there: browsers upgrade uscourts.gov to https)."""
    return target.scheme in ("http", "https") and target.hostname == page.hostname and target.port in (None, 80, 443)


def _more_than(root: Tag, limit: int) -> bool:
    """Whether `root` holds more than `limit` elements."""
    return len(root.find_all(True, limit=limit + 1)) > limit


def _walk(root: Tag):
    """Elements (on entry) and text nodes under `root`, in document order, as a DOM TreeWalker
    gives them; what is inside elements never read as text (scripts, styles...) is skipped."""
    stack = [iter(root.children)]
    while stack:
        for child in stack[-1]:
            if isinstance(child, Tag):
                yield child
                if child.name not in _SKIPPED:
                    stack.append(iter(child.children))
                    break
            elif isinstance(child, NavigableString) and not isinstance(child, _NOT_TEXT):
                yield child
        else:
            stack.pop()


def _matches(text: str, patterns: dict) -> bool:
    return (
        all(p.search(text) for p in patterns["text"])
        and not any(p.search(text) for p in patterns["not_text"])
        and len(text) <= patterns["max_chars"]
    )


def compiled(probe: dict) -> dict:
    """A probe's regular expressions, compiled."""
    return {
        "text": [re.compile(p) for p in probe.get("text", [])],
        "not_text": [re.compile(p) for p in probe.get("not_text", [])],
        "value": re.compile(probe["value"]) if "value" in probe else None,
        "target": re.compile(probe["target"]) if "target" in probe else None,
        "near": re.compile(probe["near"]) if "near" in probe else None,
        "max_chars": probe.get("max_chars", 10**9),
    }


def evaluate(html: str | bytes, probes: dict[str, dict], url: str = "") -> dict[str, int | str]:
    """Every probe's result on this HTML served at `url`: a count, or for an `extract` probe a text.
    A probe is evaluated after the probes it reads (`only_if`, `from`, `same_form_as`), whatever
    order the table's names come in, as the extension does."""
    page = Page(html, url)
    found: dict[str, int | str] = {}
    done: set[str] = set()

    def run(name: str) -> None:
        if name in done or name not in probes:
            return
        done.add(name)
        probe = probes[name]
        for other in (probe.get("only_if", "").lstrip("!"), probe.get("from"), probe.get("same_form_as")):
            if other:
                run(other)
        found[name] = ("" if probe.get("extract") else 0) if skipped(probe, found) else page.evaluate(name, probe)

    for name in probes:
        run(name)
    return {name: found[name] for name in probes}


def skipped(probe: dict, found: dict) -> bool:
    """`only_if: "p"` skips a probe unless probe p counted something; `only_if: "!p"` skips it if p did."""
    condition = probe.get("only_if")
    if not condition:
        return False
    if condition.startswith("!"):
        return bool(found.get(condition[1:]))
    return not found.get(condition)
