"""The page probes evaluated on saved HTML, with the same rules the extension applies live.

The HTML is parsed by html5lib, which follows the HTML standard's parsing algorithm as browsers do,
and selectors are matched by soupsieve.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def parse(html: str | bytes) -> BeautifulSoup:
    return BeautifulSoup(html, "html5lib")


EXTRACT_LIMIT = 200


def text_of(element: Tag) -> str:
    """Like the DOM's textContent (script text included, comments not), with whitespace collapsed."""
    text = "".join(s for s in element.descendants if isinstance(s, NavigableString) and not isinstance(s, _NOT_TEXT))
    return " ".join(text.split())


def is_visible(element: Tag) -> bool:
    """Not hidden by markup: no `hidden`, no aria-hidden="true", no inline display:none or
    visibility:hidden, on the element or any ancestor. (The extension applies the same rule.)"""
    node: Tag | None = element
    while isinstance(node, Tag) and node.name != "[document]":
        if node.has_attr("hidden") or node.get("aria-hidden", "").strip().lower() == "true":
            return False
        if _HIDDEN_STYLE.search(node.get("style", "")):
            return False
        node = node.parent
    return True


def _extracted(element: Tag, how: bool | str, content: str) -> str:
    """What an extract probe reads: the element's text, its field value, or the next element's text."""
    if how == "value":
        return element.get("value", "")
    if how == "next":
        following = element.find_next_sibling()
        return text_of(following) if following is not None else ""
    return content


def evaluate_probe(soup: BeautifulSoup, probe: dict) -> int | str:
    count = 0
    value_pattern = re.compile(probe["value"]) if "value" in probe else None
    texts = [t.lower() for t in probe.get("text", [])]
    prefix = probe.get("prefix", "").lower()
    for element in soup.select(probe["selector"], limit=probe.get("limit", 100)):
        if probe.get("visible") and not is_visible(element):
            continue
        content = text_of(element) if texts or prefix or probe.get("extract") else ""
        if not all(t in content.lower() for t in texts) or not content.lower().startswith(prefix):
            continue
        if "has" in probe and element.select_one(probe["has"]) is None:
            continue
        if value_pattern and not value_pattern.search(element.get("value", "")):
            continue
        if probe.get("extract"):
            return _extracted(element, probe["extract"], content)[:EXTRACT_LIMIT]
        count += 1
    return "" if probe.get("extract") else count


def evaluate(html: str | bytes, probes: dict[str, dict]) -> dict[str, int | str]:
    """Every probe's result on this HTML: a count, or for an `extract` probe a short text."""
    soup = parse(html)
    found: dict[str, int | str] = {}
    for name, probe in probes.items():
        skip = "only_if" in probe and not found.get(probe["only_if"])
        found[name] = ("" if probe.get("extract") else 0) if skip else evaluate_probe(soup, probe)
    return found
