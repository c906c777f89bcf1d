"""The privacy policy: the extension's copy is made from PRIVACY.md and current; it and the store
texts justify every permission the extension asks for; the options page links to it."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import privacy_page  # noqa: E402

MANIFEST = json.loads((ROOT / "extension" / "manifest.json").read_text())


def test_the_extensions_copy_is_made_from_privacy_md():
    assert (ROOT / "extension" / "privacy.html").read_text() == privacy_page.render((ROOT / "PRIVACY.md").read_text())


def test_every_permission_is_justified_in_the_policy_and_the_store_texts():
    policy = (ROOT / "PRIVACY.md").read_text()
    listing = (ROOT / "docs" / "store" / "listing.md").read_text()
    for permission in MANIFEST["permissions"]:
        assert f"| `{permission}` |" in policy and f"- **{permission}**:" in listing, permission
    assert "pacer.login.uscourts.gov" in policy and "ecf.<court>.uscourts.gov" in policy
    assert not MANIFEST.get("optional_permissions") and "tabs" not in MANIFEST["permissions"]


def test_the_options_page_links_to_it():
    assert 'href="privacy.html"' in (ROOT / "extension" / "options.html").read_text()


def test_the_renderer_reads_the_markdown_the_policy_uses():
    page = privacy_page.render("# T\n\nA `b` <c>\nd.\n\n- one\n- two `x`\n\n| a | b |\n|---|---|\n| `c` | d |\n")
    assert "<h1>T</h1>" in page and "<p>A <code>b</code> &lt;c&gt; d.</p>" in page
    assert "<ul><li>one</li><li>two <code>x</code></li></ul>" in page
    assert "<th>a</th><th>b</th>" in page and "<td><code>c</code></td><td>d</td>" in page
