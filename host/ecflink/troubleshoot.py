"""When a court confirmed the link but its filing menus do not appear: the ladder of fixes, one
rung at a time, each tried and the page checked again before the next is offered.

1. choose any menu except Log Out (the court's own advice; also what the confirmation page says)
2. hard reload: the extension reloads the tab past the cache
3. log out, close the browser, log back in
4. clear this court's cookies and cache: the extension clears only the court's own hosts
5. contact the court's CM/ECF help desk

What was offered and done is kept in the progress store (`fixes`), so the ladder survives a
closed browser, which rung 3 asks for.
"""

from __future__ import annotations

from dataclasses import dataclass

LADDER = ("choose_menu", "hard_reload", "relogin", "clear_court_data", "help_desk")
ACTIONS = ("hard_reload", "clear_court_data")  # rungs the extension carries out on a click
LOGIN_KINDS = ("pacer_login", "redaction_notice", "mfa", "pacer_prompt")  # PACER's login steps


@dataclass(frozen=True, slots=True)
class Fix:
    step: str
    outcome: str  # offered, done, failed or recovered


def open_fixes(history: list[Fix]) -> list[Fix]:
    """The fixes since the menus last came back (all of them if they never did)."""
    for index in range(len(history) - 1, -1, -1):
        if history[index].outcome == "recovered":
            return history[index + 1 :]
    return history


def _tried(fixes: list[Fix], step: str) -> bool:
    return any(f.step == step and f.outcome == "done" for f in fixes)


def current_step(history: list[Fix]) -> str | None:
    """The rung offered last, while the menus have not come back."""
    offered = [f.step for f in open_fixes(history) if f.outcome == "offered"]
    return offered[-1] if offered else None


def next_step(history: list[Fix]) -> str:
    """The rung to offer on a page that still has no filing menus, given what was offered and done."""
    fixes = open_fixes(history)
    offered = [f.step for f in fixes if f.outcome == "offered"]
    if not offered:
        return LADDER[0]
    current = offered[-1]
    # A rung the user carries out (choose a menu) counts as tried when the next page still lacks the
    # menus; an action or a fresh login counts once it was done.
    if current == "choose_menu" or (current != "help_desk" and _tried(fixes, current)):
        return LADDER[LADDER.index(current) + 1]
    return current


def after_page(history: list[Fix], kind: str, stuck: bool) -> list[Fix]:
    """What to record for a page: `stuck` means a linked court's CM/ECF page without filing menus.
    Returns the new entries (possibly none)."""
    fixes = open_fixes(history)
    offered = [f.step for f in fixes if f.outcome == "offered"]
    if kind == "link_done":  # the confirmation page itself says to choose a menu: rung 1 is offered
        return [] if offered else [Fix("choose_menu", "offered")]
    if kind == "ecf_linked" and offered:
        tried = [f.step for f in fixes if f.outcome == "done"] or offered
        return [Fix(tried[-1], "recovered")]
    if kind in LOGIN_KINDS and offered and offered[-1] == "relogin" and not _tried(fixes, "relogin"):
        return [Fix("relogin", "done")]
    if stuck:
        step = next_step(history)
        return [] if offered and offered[-1] == step else [Fix(step, "offered")]
    return []
