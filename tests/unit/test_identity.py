import base64
import hashlib
import json
from pathlib import Path

import pytest

from ecflink import identity
from ecflink.identity import identify_caller
from ecflink.installer.manifests import template

ROOT = Path(__file__).resolve().parents[2]
OUR_ORIGIN = "chrome-extension://dnoemiijmalcmkkakcjacpiboohkbigg/"


def chromium_id_from_key(key_b64: str) -> str:
    digest = hashlib.sha256(base64.b64decode(key_b64)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def test_the_development_ids_match_the_extension_manifest():
    manifest = json.loads((ROOT / "extension" / "manifest.json").read_text())
    assert [chromium_id_from_key(manifest["key"])] == identity.development().of("chromium")
    gecko = manifest["browser_specific_settings"]["gecko"]["id"]
    assert [gecko] == identity.development().of("firefox") == identity.published().of("firefox")


def test_host_manifest_template_names_our_host_and_leaves_the_ids_to_the_installer():
    top_level = json.loads((ROOT / "manifest.json").read_text())
    assert template() == top_level
    assert top_level["name"] == identity.HOST_NAME
    assert top_level["allowed_origins"] == [] and top_level["allowed_extensions"] == []


def test_background_uses_the_host_name():
    assert f'"{identity.HOST_NAME}"' in (ROOT / "extension" / "background.js").read_text()


@pytest.mark.parametrize(
    "args, family",
    [
        ([OUR_ORIGIN], "chromium"),
        ([OUR_ORIGIN, "--parent-window=0"], "chromium"),
        (["/home/u/.mozilla/native-messaging-hosts/org.ecflink.host.json", "ecflink@ecflink.org"], "firefox"),
    ],
)
def test_our_extension_is_accepted(args, family):
    caller = identify_caller(args, identity.development())
    assert caller is not None and caller.browser_family == family


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/"],
        ["chrome-extension://dnoemiijmalcmkkakcjacpiboohkbigg"],
        ["chrome-extension://dnoemiijmalcmkkakcjacpiboohkbigg/x"],
        ["chrome-extension://DNOEMIIJMALCMKKAKCJACPIBOOHKBIGG/"],
        ["CHROME-EXTENSION://dnoemiijmalcmkkakcjacpiboohkbigg/"],
        ["moz-extension://dnoemiijmalcmkkakcjacpiboohkbigg/"],
        [" chrome-extension://dnoemiijmalcmkkakcjacpiboohkbigg/"],
        [OUR_ORIGIN, OUR_ORIGIN],
        ["/path/manifest.json", "evil@example.com"],
        ["/path/manifest.json", "ecflink@ecflink.org.evil"],
        ["ecflink@ecflink.org"],
        ["/path/manifest.json", "ecflink@ecflink.org", "extra"],
    ],
)
def test_anything_else_is_refused(args):
    assert identify_caller(args, identity.development()) is None
