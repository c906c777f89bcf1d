"""The extension reaches exactly the courts' CM/ECF sites and PACER's login (security audit F14)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

from court_hosts import match_patterns, synced  # noqa: E402

MANIFEST = json.loads((ROOT / "extension" / "manifest.json").read_text("utf-8"))


def test_the_manifest_and_the_court_table_agree():
    assert MANIFEST == synced(MANIFEST), "run: python packaging/court_hosts.py"
    assert len(match_patterns()) == len(set(match_patterns())) > 180


def test_nothing_of_uscourts_gov_beyond_them():
    reach = set(MANIFEST["host_permissions"])
    for entry in MANIFEST["content_scripts"]:
        reach |= set(entry["matches"])
    assert not [p for p in reach if "*." in p or p.startswith(("https://www.", "https://pacer.uscourts"))]
    assert {p.split("/")[2].split(".")[0] for p in reach} == {"ecf", "pacer"}
    assert MANIFEST["externally_connectable"] == {"ids": [], "matches": []}
    assert "tabs" not in MANIFEST["permissions"] and "<all_urls>" not in json.dumps(MANIFEST)
