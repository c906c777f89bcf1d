"""The extension's copy of the privacy policy (`extension/privacy.html`, linked from the options
page), made from the one source, `PRIVACY.md`. Run after changing the policy; a test checks the
copy is current.

    python packaging/privacy_page.py

Reads the little Markdown the policy uses: headings, paragraphs, "- " lists, one table, `code`.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "PRIVACY.md"
TARGET = ROOT / "extension" / "privacy.html"


def inline(text: str) -> str:
    """Escaped text with `code` spans."""
    parts = re.split(r"`([^`]*)`", text)
    return "".join(f"<code>{html.escape(p)}</code>" if i % 2 else html.escape(p) for i, p in enumerate(parts))


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def render(markdown: str) -> str:
    blocks = re.split(r"\n\s*\n", markdown.strip())
    body = []
    for block in blocks:
        lines = block.splitlines()
        if lines[0].startswith("#"):
            level = len(lines[0]) - len(lines[0].lstrip("#"))
            body.append(f"<h{level}>{inline(lines[0].lstrip('#').strip())}</h{level}>")
            lines = lines[1:]
            if not lines:
                continue
        if lines[0].startswith("|"):
            head, rows = cells(lines[0]), [cells(line) for line in lines[2:]]
            body.append(
                "<table><thead><tr>"
                + "".join(f"<th>{inline(c)}</th>" for c in head)
                + "</tr></thead><tbody>"
                + "".join("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in row) + "</tr>" for row in rows)
                + "</tbody></table>"
            )
            continue
        items = re.split(r"\n(?=- )", "\n".join(lines))
        lead = [] if items[0].startswith("- ") else [items.pop(0)]
        if lead:
            body.append(f"<p>{inline(' '.join(lead[0].split()))}</p>")
        if items:
            body.append("<ul>" + "".join(f"<li>{inline(' '.join(i[2:].split()))}</li>" for i in items) + "</ul>")
    return (
        '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8" />\n'
        "    <title>ecflink privacy policy</title>\n"
        '    <link rel="stylesheet" href="popup.css" />\n  </head>\n'
        '  <body class="page">\n    <!-- Made from PRIVACY.md by packaging/privacy_page.py: edit that, not this. -->\n'
        "    <main>\n      " + "\n      ".join(body) + "\n    </main>\n  </body>\n</html>\n"
    )


def main() -> int:
    TARGET.write_text(render(SOURCE.read_text("utf-8")), "utf-8")
    print(f"{TARGET.relative_to(ROOT)} made from {SOURCE.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
