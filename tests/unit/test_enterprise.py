"""The firm-deployment templates in installer/firm-policy-templates: each parses, names ecflink's pinned IDs and
host, and says the same thing in every format (Linux JSON, Windows .reg, macOS profile, Firefox)."""

import json
import plistlib
import re
from pathlib import Path

import pytest

from ecflink import identity
from ecflink.identity import HOST_NAME

ROOT = Path(__file__).resolve().parents[2]
ENTERPRISE = ROOT / "installer" / "firm-policy-templates"
# The Chrome-family ID is the firm's to fill in (the store's, or its own build's); the Firefox add-on
# ID is the published one (data/extension-ids.json).
CHROMIUM_ID = "ECFLINK_EXTENSION_ID"
[GECKO_ID] = identity.published().of("firefox")


def test_no_template_names_the_development_extension():
    [dev] = identity.development().of("chromium")
    for template in (p for p in ENTERPRISE.rglob("*") if p.is_file()):
        assert dev not in template.read_text(), template.name


def canonical() -> dict:
    return json.loads((ENTERPRISE / "chromium-family-policy.json").read_text())


def test_the_chromium_family_policy_says_what_a_firm_needs():
    policy = canonical()
    assert policy["NativeMessagingUserLevelHosts"] is False
    assert policy["NativeMessagingAllowlist"] == [HOST_NAME]
    assert "NativeMessagingBlocklist" not in policy  # blocking every other host is the firm's own choice
    install = policy["ExtensionSettings"][CHROMIUM_ID]
    assert install["installation_mode"] == "force_installed" and install["update_url"].startswith("https://")
    assert set(policy["ExtensionSettings"]) == {CHROMIUM_ID}
    assert set(policy["3rdparty"]["extensions"]) == {CHROMIUM_ID}


def test_managed_storage_matches_the_extension_schema():
    schema = json.loads((ROOT / "extension" / "managed_schema.json").read_text())
    firefox = json.loads((ENTERPRISE / "firefox-policies.json").read_text())["policies"]["3rdparty"]["Extensions"]
    for storage in (canonical()["3rdparty"]["extensions"][CHROMIUM_ID], firefox[GECKO_ID]):
        assert set(storage) <= set(schema["properties"])
        names = storage["sharedPacerUsernames"]
        assert schema["properties"]["sharedPacerUsernames"]["type"] == "array"
        assert names and all(isinstance(n, str) and n for n in names)
    assert firefox[GECKO_ID] == canonical()["3rdparty"]["extensions"][CHROMIUM_ID]


def test_firefox_policy_force_installs_our_add_on():
    policies = json.loads((ENTERPRISE / "firefox-policies.json").read_text())["policies"]
    install = policies["ExtensionSettings"][GECKO_ID]
    assert install["installation_mode"] == "force_installed" and install["install_url"].endswith(".xpi")
    assert set(policies) == {"ExtensionSettings", "3rdparty"}


def parse_reg(text: str) -> dict:
    """A .reg file as {key: {name: value}}: REG_SZ strings and dwords, the forms these templates use."""
    assert text.startswith("Windows Registry Editor Version 5.00\r\n")
    keys: dict = {}
    current = None
    for line in text.split("\r\n")[1:]:
        if not line or line.startswith(";"):
            continue
        if line.startswith("["):
            current = keys.setdefault(line.strip("[]"), {})
            continue
        name, value = re.fullmatch(r'"([^"]+)"=(.+)', line).groups()
        if value.startswith("dword:"):
            current[name] = int(value[6:], 16)
        else:
            assert value.startswith('"') and value.endswith('"')
            current[name] = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return keys


def policy_from_reg(keys: dict, base: str) -> dict:
    """Chrome's reading of the policy keys: lists from numbered values, JSON-string dicts, dwords."""
    top = keys.pop(base)
    policy = {
        "ExtensionSettings": json.loads(top.pop("ExtensionSettings")),
        "NativeMessagingUserLevelHosts": bool(top.pop("NativeMessagingUserLevelHosts")),
    }
    assert top == {}
    numbered = lambda values: [values[str(i)] for i in range(1, len(values) + 1)]  # noqa: E731
    policy["NativeMessagingAllowlist"] = numbered(keys.pop(base + r"\NativeMessagingAllowlist"))
    storage = keys.pop(base + rf"\3rdparty\extensions\{CHROMIUM_ID}\policy\sharedPacerUsernames")
    policy["3rdparty"] = {"extensions": {CHROMIUM_ID: {"sharedPacerUsernames": numbered(storage)}}}
    assert keys == {}
    return policy


@pytest.mark.parametrize(
    "file, vendor", [("chrome-windows.reg", r"Google\Chrome"), ("edge-windows.reg", r"Microsoft\Edge")]
)
def test_windows_registry_files_say_the_same(file, vendor):
    text = (ENTERPRISE / file).read_bytes().decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")  # regedit wants CRLF lines
    keys = parse_reg(text)
    assert policy_from_reg(keys, rf"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\{vendor}") == canonical()


def test_macos_profile_says_the_same_for_chrome_and_edge():
    profile = plistlib.loads((ENTERPRISE / "chrome-edge-macos.mobileconfig").read_bytes())
    assert profile["PayloadType"] == "Configuration" and profile["PayloadScope"] == "System"
    payloads = {
        p["PayloadType"]: {k: v for k, v in p.items() if not k.startswith("Payload")} for p in profile["PayloadContent"]
    }
    expected = canonical()
    storage = expected.pop("3rdparty")["extensions"][CHROMIUM_ID]
    assert payloads == {
        "com.google.Chrome": expected,
        f"com.google.Chrome.extensions.{CHROMIUM_ID}": storage,
        "com.microsoft.Edge": expected,
        f"com.microsoft.Edge.extensions.{CHROMIUM_ID}": storage,
    }
    uuids = [p["PayloadUUID"] for p in profile["PayloadContent"]] + [profile["PayloadUUID"]]
    assert len(set(uuids)) == len(uuids)


ADMX_NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}


def test_the_admx_templates_write_what_the_registry_files_write():
    """ecflink's own policy as administrative templates: each policy writes the managed-storage key
    the .reg files write, as a numbered list (as Chrome and Edge read lists), and every string and
    presentation it names is in the ADML."""
    import xml.etree.ElementTree as ET

    admx = ET.parse(ENTERPRISE / "windows-admx" / "ecflink.admx").getroot()
    adml = ET.parse(ENTERPRISE / "windows-admx" / "en-US" / "ecflink.adml").getroot()
    strings = {s.get("id") for s in adml.iterfind(".//p:string", ADMX_NS)}
    presentations = {p.get("id"): p for p in adml.iterfind(".//p:presentation", ADMX_NS)}
    keys = {}
    for policy in admx.iterfind(".//p:policy", ADMX_NS):
        assert policy.get("class") == "Machine"
        for attribute in ("displayName", "explainText"):
            assert re.fullmatch(r"\$\(string\.(\w+)\)", policy.get(attribute)).group(1) in strings
        presentation = presentations[re.fullmatch(r"\$\(presentation\.(\w+)\)", policy.get("presentation")).group(1)]
        [element] = policy.find("p:elements", ADMX_NS)
        assert element.tag.endswith("list") and element.get("valuePrefix") == ""
        assert presentation.find("p:listBox", ADMX_NS).get("refId") == element.get("id")
        keys[policy.get("name")] = policy.get("key")
    for name, vendor, file in (
        ("ChromeSharedPacerUsernames", r"Google\Chrome", "chrome-windows.reg"),
        ("EdgeSharedPacerUsernames", r"Microsoft\Edge", "edge-windows.reg"),
    ):
        reg = parse_reg((ENTERPRISE / file).read_bytes().decode("utf-8"))
        storage = [k for k in reg if k.endswith(r"\sharedPacerUsernames")]
        assert storage == [
            rf"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\{vendor}\3rdparty\extensions\{CHROMIUM_ID}\policy\sharedPacerUsernames"
        ]
        assert keys.pop(name).lower() == storage[0].removeprefix("HKEY_LOCAL_MACHINE\\").lower()
    assert keys == {}
    recipe = (ENTERPRISE / "intune.md").read_text()
    assert (
        "ecflink~Policy~ecflink/ChromeSharedPacerUsernames" in recipe and 'data id="SharedPacerUsernamesList"' in recipe
    )


def test_the_admin_guide_names_every_template():
    guide = (ENTERPRISE / "README.md").read_text()
    for template in (p for p in ENTERPRISE.rglob("*") if p.is_file()):
        if template.name != "README.md":
            assert template.relative_to(ENTERPRISE).as_posix() in guide, template
