"""What to tell the user on a page: the next step of the link procedure, from the page kind, the
court's recorded progress and what this tab showed before. The words live in data/guide.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ecflink.courts import Court
from ecflink.pages import holds

FILING_MENUS = {"district": "Civil and Criminal", "bankruptcy": "Bankruptcy and Adversary"}


@cache
def texts() -> dict:
    return json.loads(resources.files("ecflink").joinpath("data/guide.json").read_text("utf-8"))


@dataclass(frozen=True)
class Advice:
    text: str | None
    target: str | None = None
    tone: str = "step"
    warnings: list[dict] = field(default_factory=list)


def warnings_for(facts: dict[str, int]) -> list[dict]:
    """A warning for each warning fact that fired, with its code and what it means."""
    return [{"code": code, "message": message} for code, message in texts()["warnings"].items() if facts.get(code)]


def advise(kind: str, court: Court | None, facts: dict[str, int], state: str | None = None,
           previous: str | None = None, linked_on: str | None = None) -> Advice:
    """The hint for this page, or Advice(None) where ecflink has nothing certain to say."""
    variants = texts()["steps"].get(kind)
    if not variants or (court is None and kind != "pacer_login"):
        return Advice(None)
    for variant in variants:
        if "state" in variant and variant["state"] != state:
            continue
        if "previous" in variant and variant["previous"] != previous:
            continue
        if not all(holds(cond, facts.get(name)) for name, cond in variant.get("facts", {}).items()):
            continue
        values = {
            "court_name": court.name if court else "this court",
            "filing_menus": FILING_MENUS.get(court.type, "filing") if court else "filing",
            "linked_on": linked_on or "an earlier date",
        }
        return Advice(variant["text"].format(**values), variant.get("target"), variant.get("tone", "step"),
                      warnings_for(facts))
    return Advice(None)
