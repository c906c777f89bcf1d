"""The extension's reach, from the court table: its content scripts and host permissions list
exactly the CM/ECF host of every court ecflink guides and PACER's login host, nothing else of
uscourts.gov (security audit F14). Run after the court table changes; a test checks they agree.

    python packaging/court_hosts.py      (rewrites extension/manifest.json in place)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "extension" / "manifest.json"


def match_patterns() -> list[str]:
    """Every guided court's CM/ECF site, then PACER's login, as WebExtension match patterns."""
    from ecflink.courts import CSO_HOST, all_courts

    ecf = sorted(f"https://{court.ecf_host}/*" for court in all_courts().values() if court.guided)
    return [*ecf, f"https://{CSO_HOST}/*"]


def synced(manifest: dict) -> dict:
    """`manifest` with its host permissions and every content script's matches set from the table
    (the Submit hold, hold.js, on the CM/ECF sites only: nothing is linked on PACER's login)."""
    patterns = match_patterns()
    ecf = [p for p in patterns if p.startswith("https://ecf.")]
    manifest = {**manifest, "host_permissions": patterns}
    manifest["content_scripts"] = [
        {**entry, "matches": ecf if entry["js"] == ["hold.js"] else patterns} for entry in manifest["content_scripts"]
    ]
    return manifest


def main() -> int:
    manifest = json.loads(MANIFEST.read_text("utf-8"))
    MANIFEST.write_text(json.dumps(synced(manifest), indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"{MANIFEST.relative_to(ROOT)}: {len(match_patterns())} hosts", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
