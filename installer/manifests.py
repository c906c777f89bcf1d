"""The host manifest each browser family accepts, made from the template `manifest.json`: the
launcher's path and the accepted extensions filled in."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path, PurePath

from ecflink.identity import Accepted

# In a checkout (an editable install) the template is the top-level manifest.json beside this folder;
# the wheel carries a copy as ecflink/installer/host-manifest.json (setup.py's build hook).
CHECKOUT_TEMPLATE = Path(__file__).resolve().parent.parent / "manifest.json"


def template() -> dict:
    """The project's host-manifest template (top-level `manifest.json`)."""
    packaged = resources.files("ecflink.installer").joinpath("host-manifest.json")
    source = packaged if packaged.is_file() else CHECKOUT_TEMPLATE
    return json.loads(source.read_text("utf-8"))


def host_manifest(family: str, launcher: PurePath, accepted: Accepted) -> dict:
    """Chromium family: `allowed_origins` only; Firefox: `allowed_extensions` only.

    Firefox rejects (silently) a manifest that also carries `allowed_origins`.
    """
    manifest = template()
    manifest["path"] = str(launcher)
    manifest["allowed_origins"] = [f"chrome-extension://{i}/" for i in accepted.of("chromium")]
    manifest["allowed_extensions"] = accepted.of("firefox")
    drop = "allowed_extensions" if family == "chromium" else "allowed_origins"
    del manifest[drop]
    return manifest
