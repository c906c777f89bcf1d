"""Helpers for end-to-end tests: whether a browser can run, and what the host did, from its log."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from ecflink.practice.browsers import (  # noqa: F401 - host_log, host_pids and hosts_exited for the tests
    BrowserUnavailable,
    Session,
    check_available,
    host_log,
    host_pids,
    hosts_exited,
    open_extension_page,
)

# The page kinds of the whole linking procedure, in the order a filer meets them.
PROCEDURE = [
    "court_home",
    "pacer_login",
    "redaction_notice",
    "mfa",
    "ecf_unlinked",
    "utilities",
    "link_form",
    "link_verify",
    "link_done",
    "ecf_linked",
]


def require_browser(name: str) -> None:
    """Skip when `name` cannot run here; under CI=true a missing browser fails instead."""
    try:
        check_available(name)
    except BrowserUnavailable as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is required in CI: {exc}")
        pytest.skip(f"{name} not available here: {exc}")


_REPORT = re.compile(r"page report from tab \d+: court (\S+) kind (\S+)(?: rule (\S+) facts (\S*))?")


def reports(session: Session) -> list[dict]:
    """Every page report the host answered, in order: court ('none' if none), page kind, facts."""
    return parse_reports(host_log(session))


def parse_reports(text: str) -> list[dict]:
    """The page reports in a piece of the host log."""
    complete = text[: text.rfind("\n") + 1]  # the host may be writing the last line right now
    found = []
    for court, kind, rule, facts in _REPORT.findall(complete):
        counts = dict(pair.split("=") for pair in facts.split(",") if pair) if facts else {}
        found.append(
            {"court": court, "kind": kind, "rule": rule or None, "facts": {k: int(v) for k, v in counts.items()}}
        )
    return found


def page_reports(session: Session) -> list[str]:
    """The court of every page report the host answered, in order ('none' for no court)."""
    return [r["court"] for r in reports(session)]


def wait_for(predicate, timeout: float = 15, what: str = "condition", ignoring: tuple = ()):
    """The predicate's first true value, asked every 50 ms; an exception of a type in `ignoring`
    (the panel being drawn again, say) counts as not yet."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except ignoring:
            value = None
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def watch_leaving(driver) -> None:
    """From now on, note whether the page starts to go (a form submitted, a link followed): the
    browser fires beforeunload as a navigation begins, before any request is sent, and the note is
    kept in the tab's session storage, which the court's next page would share."""
    driver.execute_script(
        "sessionStorage.removeItem('ecflink-test-left');"
        "addEventListener('beforeunload', () => sessionStorage.setItem('ecflink-test-left', '1'), true);"
    )


def left(driver) -> bool:
    """The page began to go since watch_leaving()."""
    return driver.execute_script("return sessionStorage.getItem('ecflink-test-left') === '1'")


def rendered_after_answer(driver) -> None:
    """Once the host has logged its answer to the page: the page has gone through two frames since,
    so the answer (on its way back through the background, a few milliseconds) has reached the
    content script, which draws the panel, if any, in the task that receives it."""
    driver.execute_async_script(
        "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done)));"
    )


def as_shown(text: str) -> str:
    """A hint's text as the panel shows it: the page's own words, which the host sets between
    Unicode isolates (guide.page_text), are drawn apart, without the isolates."""
    return text.replace("\u2068", "").replace("\u2069", "")


def extension_reach() -> set[str]:
    """The hosts the extension's content scripts run on (extension/manifest.json)."""
    import json

    from ecflink.practice.browsers import EXTENSION_DIR

    manifest = json.loads((EXTENSION_DIR / "manifest.json").read_text("utf-8"))
    return {pattern.split("/")[2] for entry in manifest["content_scripts"] for pattern in entry["matches"]}


def panel_speech(driver) -> dict:
    """What the overlay's panel gives assistive technology: the tone's word, and how the hint and
    the panel's own note are announced (WebDriver reaches into the closed shadow root)."""
    from selenium.webdriver.common.by import By

    root = driver.find_element(By.CSS_SELECTOR, "[data-ecflink=overlay]").shadow_root
    return {
        "tone": root.find_element(By.CSS_SELECTOR, ".tone").text,
        "hint": root.find_element(By.CSS_SELECTOR, ".hint").get_attribute("aria-live"),
        "note": root.find_element(By.CSS_SELECTOR, ".note").get_attribute("aria-live"),
    }


# -- axe-core (npm), the accessibility engine, run in the page as a user's browser renders it -----

AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# axe cannot enter a closed shadow root, which is what keeps the page out of ecflink's panel; so the
# panel as WebDriver reaches it (its shadow root, markup, styles and the host's pinned style) is
# copied into an open shadow root drawn at the same place, the original hidden meanwhile, and axe
# checks the copy over the page. The copy's host is in the body: axe 4.11 cannot judge the contrast
# of what is drawn from an element outside the body (it reports "unable to determine").
_COPY_PANEL = """
const [inside] = arguments;
const root = inside.getRootNode();
document.querySelector('[data-axe-copy]')?.remove();
const copy = document.createElement('div');
copy.setAttribute('data-axe-copy', '');
copy.setAttribute('style', root.host.getAttribute('style'));
copy.attachShadow({mode: 'open'}).innerHTML = root.innerHTML;
root.host.style.setProperty('visibility', 'hidden', 'important');
document.body.append(copy);
return copy;
"""

_DROP_COPY = """
const [inside] = arguments;
document.querySelector('[data-axe-copy]')?.remove();
inside.getRootNode().host.style.setProperty('visibility', 'visible', 'important');
"""

# Run after axe's own source, in the same script: WebDriver's scripts are not held to the page's
# Content-Security-Policy, but an eval() inside them would be (the extension's pages forbid it).
_RUN_AXE = """
const [contexts, tags, off, strict, done] = arguments;
const context = contexts.length ? {include: contexts} : document;
const rules = Object.fromEntries(off.map((id) => [id, {enabled: false}]));
// Strict: what axe could not decide counts as a violation too.
const undecided = (result) => (strict ? result.incomplete : []);
window.axe.run(context, {runOnly: {type: 'tag', values: tags}, rules})
  .then((result) => done(result.violations.concat(undecided(result)).map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ') + ': ' +
      n.any.concat(n.all, n.none).map((c) => c.message + (c.data?.messageKey ? ` (${c.data.messageKey})` : '')).join('; ')),
  }))), (error) => done([{id: 'axe-error', help: String(error), nodes: []}]));
"""


# The court page's own document (its language, its title) is the court's, not ecflink's.
PAGE_RULES = ["html-has-lang", "html-lang-valid", "html-xml-lang-mismatch", "document-title"]


def axe_violations(driver, *contexts, off: list[str] | None = None, strict: bool = False) -> list[dict]:
    """axe-core's WCAG 2.2 A and AA violations in the current page, or in the elements given,
    without the rules named in `off`; `strict` counts what axe could not decide as well."""
    if not AXE_SOURCE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"axe-core is required in CI: {AXE_SOURCE} (npm ci)")
        pytest.skip(f"axe-core not installed here: {AXE_SOURCE} (npm ci)")
    script = AXE_SOURCE.read_text("utf-8") + "\n" + _RUN_AXE
    return driver.execute_async_script(script, list(contexts), WCAG_22_AA, off or [], strict)


def panel_violations(driver) -> list[dict]:
    """axe-core's WCAG 2.2 A and AA violations in ecflink's panel as it is drawn now."""
    from selenium.webdriver.common.by import By

    inside = driver.find_element(By.CSS_SELECTOR, "[data-ecflink=overlay]").shadow_root.find_element(
        By.CSS_SELECTOR, ".panel"
    )
    copy = driver.execute_script(_COPY_PANEL, inside)
    try:
        return axe_violations(driver, copy, off=PAGE_RULES, strict=True)
    finally:
        driver.execute_script(_DROP_COPY, inside)


def stored_court_probes(session: Session, value: dict | None = None) -> dict | None:
    """The court pages' probe table the background keeps in the browser's local storage; with
    `value`, replaced by it first. Leaves the current tab on the popup."""
    open_extension_page(session, "popup.html")
    return session.driver.execute_async_script(
        "const [value, done] = arguments; const api = globalThis.browser ?? chrome;"
        "const set = value === null ? Promise.resolve() : api.storage.local.set({courtPageProbes: value});"
        "set.then(() => api.storage.local.get('courtPageProbes')).then((found) => done(found.courtPageProbes ?? null));",
        value,
    )
