"""Whether an element of a saved page is rendered, judged from its markup as the browser would.

Live, the extension asks the browser (probes.js: `checkVisibility` with opacity and visibility, and
a box of some size). On saved HTML this module approximates it from what the page itself says: the
`hidden` attribute and the browser's own defaults, inline styles, the rules of the page's own
<style> elements, and the hiding rules of the frameworks the court and PACER pages use, listed
with their sources in data/hiding.json. Stylesheets the page loads from elsewhere are not read, and
specificity is not weighed (later rules win): where that matters the browser is right. A redacted
snapshot (reports.py) carries the browser's own answer on every element, and is read as is.
"""

from __future__ import annotations

import json
import re
from functools import cache

from bs4 import BeautifulSoup, NavigableString, Tag
from soupsieve import SelectorSyntaxError

from ecflink.paths import package_data

HIDDEN_MARK = "data-ecflink-hidden"  # set by a snapshot on each element the browser did not render
SNAPSHOT_MARK = "data-ecflink-snapshot"
_PROPERTIES = ("display", "visibility", "opacity")
_NEVER_RENDERED = frozenset({"head", "script", "style", "template", "noscript", "title", "meta", "link", "base"})
_REPLACED = frozenset(
    {
        "img",
        "input",
        "button",
        "select",
        "textarea",
        "iframe",
        "video",
        "canvas",
        "svg",
        "object",
        "embed",
        "meter",
        "progress",
    }
)
# Elements drawn as blocks by default, whose width and height apply (an inline element's do not).
_BLOCK_BOXES = frozenset(
    {
        "div",
        "p",
        "form",
        "table",
        "section",
        "dialog",
        "ul",
        "ol",
        "li",
        "dl",
        "dd",
        "dt",
        "fieldset",
        "td",
        "th",
        "tr",
        "center",
        "header",
        "footer",
        "main",
        "nav",
        "article",
    }
)
_DECLARATION = re.compile(r"^\s*([a-z-]+)\s*:\s*(.*?)\s*(!\s*important)?\s*$", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_ZERO_SIZE = re.compile(
    r"(?:^|;)\s*(?:width|height)\s*:\s*0(?:px|em|rem|%)?\s*(?:!\s*important)?\s*(?:;|$)", re.IGNORECASE
)
# Selectors that depend on state a saved page does not have (hover, focus...) never match here.
_DYNAMIC = re.compile(
    r":(?:hover|focus|active|visited|target|checked|focus-within|focus-visible)|::?"
    r"(?:before|after|first-line|first-letter|placeholder|selection|marker)"
)
MAX_RULES = 500


def attr(element: Tag, name: str) -> str:
    """An attribute's value as text: "" when absent, a multi-valued one (such as class) joined."""
    value = element.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def declarations(text: str) -> dict[str, tuple[str, bool]]:
    """The display, visibility and opacity a CSS declaration block sets: {property: (value, important)}."""
    found = {}
    for part in text.split(";"):
        match = _DECLARATION.match(part)
        if match and match.group(1).lower() in _PROPERTIES:
            found[match.group(1).lower()] = (match.group(2).strip().lower(), bool(match.group(3)))
    return found


def style_rules(css: str) -> list[tuple[str, dict[str, tuple[str, bool]]]]:
    """(selector, declarations) for the plain rules of a stylesheet that set display, visibility or
    opacity; at-rules (@media print...) and their blocks are left out."""
    css = _COMMENT.sub("", css)
    rules, depth, start, prelude = [], 0, 0, ""
    for i, char in enumerate(css):
        if char == "{":
            if depth == 0:
                prelude, start = css[start:i].strip(), i + 1
            depth += 1
        elif char == "}" and depth:
            depth -= 1
            if depth == 0:
                if not prelude.startswith("@"):
                    found = declarations(css[start:i])
                    if found:
                        rules += [(s.strip(), found) for s in prelude.split(",") if s.strip()]
                start = i + 1
    return rules


@cache
def framework_rules() -> tuple[tuple[str, dict[str, tuple[str, bool]]], ...]:
    """The browser's defaults that matter here, then the frameworks' hiding rules (data/hiding.json)."""
    table = json.loads(package_data("hiding.json"))
    return tuple((rule["selector"], declarations(rule["css"])) for rule in table["rules"])


class Rendering:
    """Answers `rendered(element)` for one parsed page, with the page's own rules read once."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.soup = soup
        root = soup.find("html")
        self.snapshot = root is not None and root.has_attr(SNAPSHOT_MARK)
        self._declared: dict[int, dict[str, tuple[tuple[bool, int], str]]] | None = None
        self._rendered: dict[int, bool] = {}

    def _rules(self) -> dict[int, dict[str, tuple[tuple[bool, int], str]]]:
        """Per element id, per property: the winning (importance, order) and value among the rules."""
        if self._declared is None:
            self._declared = {}
            sheets = ("".join(map(str, style.contents)) for style in self.soup.find_all("style"))
            page = [rule for sheet in sheets for rule in style_rules(sheet)]
            for order, (selector, found) in enumerate((list(framework_rules()) + page)[:MAX_RULES]):
                if _DYNAMIC.search(selector):
                    continue
                try:
                    matched = self.soup.select(selector)
                except (SelectorSyntaxError, NotImplementedError, ValueError):
                    continue
                for element in matched:
                    mine = self._declared.setdefault(id(element), {})
                    for prop, (value, important) in found.items():
                        rank = (important, order)
                        if prop not in mine or rank >= mine[prop][0]:
                            mine[prop] = (rank, value)
        return self._declared

    def declared(self, element: Tag, prop: str) -> str | None:
        """The value `prop` is given on the element itself (inline style beats rules unless a rule
        is !important), or None."""
        best = self._rules().get(id(element), {}).get(prop)
        inline = declarations(attr(element, "style")).get(prop)
        if inline and (best is None or inline[1] or not best[0][0]):
            return inline[0]
        return best[1] if best else None

    def rendered(self, element: Tag) -> bool:
        """Whether the browser would draw this element: displayed, not transparent, visible, and
        with a box of some size."""
        key = id(element)
        if key not in self._rendered:
            self._rendered[key] = self._judge(element)
        return self._rendered[key]

    def _judge(self, element: Tag) -> bool:
        if self.snapshot:
            return not element.has_attr(HIDDEN_MARK)
        if element.name == "input" and attr(element, "type").strip().lower() == "hidden":
            return False
        if self.declared(element, "display") == "contents":
            return False
        child = None
        for node in [element, *element.parents]:
            if not isinstance(node, Tag) or node.name == "[document]":
                break
            if node.name in _NEVER_RENDERED or self.declared(node, "display") == "none":
                return False
            if _transparent(self.declared(node, "opacity")):
                return False
            if (
                node.name == "details"
                and not node.has_attr("open")
                and child is not None
                and child is not node.find("summary", recursive=False)
            ):
                return False
            child = node
        for node in [element, *element.parents]:
            if isinstance(node, Tag) and node.name != "[document]":
                visibility = self.declared(node, "visibility")
                if visibility:
                    if visibility in ("hidden", "collapse"):
                        return False
                    break
        return _has_box(element)


def _transparent(opacity: str | None) -> bool:
    if not opacity:
        return False
    try:
        return float(opacity[:-1]) / 100 <= 0 if opacity.endswith("%") else float(opacity) <= 0
    except ValueError:
        return False


def _has_box(element: Tag) -> bool:
    """A box of some size: a block given an inline width or height of 0 has none; otherwise a
    control, an image, or an element with some text or image in it has one."""
    if element.name in _BLOCK_BOXES and _ZERO_SIZE.search(attr(element, "style")):
        return False
    if element.name in _REPLACED:
        return True
    for node in element.descendants:
        if isinstance(node, NavigableString):
            if node.strip() and not any(p.name in _NEVER_RENDERED for p in node.parents):
                return True
        elif isinstance(node, Tag) and node.name in _REPLACED:
            return True
    return False
