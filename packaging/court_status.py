"""The court list shipped with ecflink (`host/ecflink/data/court-status.json`): the fields ecflink
uses of PACER's Court CM/ECF Lookup feed (US federal judiciary data), checked as
`ecflink courts update` checks a fetched one. Run when a newer feed is at hand:

    python packaging/court_status.py FEED.json
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "host" / "ecflink" / "data" / "court-status.json"


def main(feed: Path) -> int:
    from ecflink.courtdata import FeedError, parse_feed
    from ecflink.courts import all_courts

    try:
        snapshot = parse_feed(feed.read_bytes(), {c.pacer_code for c in all_courts().values()})
    except FeedError as exc:
        print(f"{feed}: {exc.reason}", file=sys.stderr)
        return 1
    TARGET.write_text(snapshot.to_json(), "utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {len(snapshot.courts)} courts, dated {snapshot.date}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
