"""Firm deployment for real in Chromium: the enterprise policy template (per-user hosts off, our
host allowed, the firm's shared usernames) with the host installed system-wide by `--system`'s code,
in a private mount namespace so the machine's /etc and /usr stay untouched.

The template's `ExtensionSettings` (force-install from the firm's update URL) is left out here: it
makes Chromium replace the unpacked extension with one fetched from that URL, which would have to be
signed with the extension's private key, and that key is not kept. tests/unit/test_enterprise.py
checks it statically; every other policy of the template is applied as written."""

import json
import os
from pathlib import Path

import pytest

from ecflink.identity import development

from ecflink.practice.browsers import BrowserUnavailable, launch, read_hint
from ecflink.installer import doctor
from ecflink.installer.machine import Machine
from ecflink.practice.walkthrough import Walker
from tests.e2e.helpers import host_log, require_browser, wait_for

TEMPLATE = Path(__file__).resolve().parents[2] / "installer" / "firm-policy-templates" / "chromium-family-policy.json"
pytestmark = pytest.mark.e2e


@pytest.fixture
def firm_launch(network, world, keyring_daemon, tmp_path):
    """launch() for Chromium under the firm's template (its own browser: Chromium reads policy as it
    starts); a machine that cannot make a private /etc skips (fails under CI=true)."""
    require_browser("chromium")
    # As a firm fills it in, with the ID of the extension it deploys (here the development build's).
    [extension_id] = development().of("chromium")
    policy = json.loads(TEMPLATE.read_text().replace("ECFLINK_EXTENSION_ID", extension_id))
    del policy["ExtensionSettings"]

    def start(**options):
        try:
            return launch("chromium", tmp_path / "chromium", network, chromium_policy=policy, **options)
        except BrowserUnavailable as exc:
            if os.environ.get("CI") == "true":
                pytest.fail(f"firm deployment must be tested in CI: {exc}")
            pytest.skip(f"cannot apply a firm policy here: {exc}")

    return start


def test_template_with_a_system_wide_host_works_and_applies_the_firm_list(firm_launch, world):
    with firm_launch(system_host=True) as session:
        walker = Walker(session, world)
        walker.open_court("txwd")
        walker.log_in("smithlaw1", "Firm-Pass-1")
        hint = wait_for(
            lambda: (h := read_hint(session.driver, kind="redaction_notice")) and "your firm lists" in h["text"] and h,
            what="the firm-list warning at login",
        )
        assert "smithlaw1" in hint["text"]
        assert "firm policy: 2 shared PACER usernames" in host_log(session)
        # The doctor, pointed at the same files, follows the policy to the system-wide manifest.
        machine = Machine(os="linux", home=session.folder / "home", env={}, root=session.folder / "system-root")
        findings = doctor.run(machine, ["chromium"], keyring=False)
        assert [f for f in findings if f.status == "fail"] == []
        assert findings[0].check == "policy" and "system-wide hosts only" in findings[0].detail
        assert findings[1].detail.startswith("/etc/chromium/native-messaging-hosts/org.ecflink.host.json")


def test_template_ignores_a_per_user_host(firm_launch):
    with firm_launch() as session:  # the host registered in the profile only
        session.driver.get("https://ecf.txwd.uscourts.gov/")
        hint = read_hint(session.driver)
        assert hint["text"].startswith("ecflink’s setup is not finished: its helper app is not installed")
        assert "started for" not in host_log(session)
