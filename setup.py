"""Build hook: the top-level `manifest.json` (the native-messaging host-manifest template, one file
in the checkout) goes into the wheel as `ecflink/installer/host-manifest.json`. Everything else
is declared in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

TEMPLATE = Path(__file__).resolve().parent / "manifest.json"


class BuildWithHostManifest(build_py):
    """setuptools' build_py, plus the host-manifest template copied into `ecflink.installer`."""

    def run(self) -> None:
        super().run()
        if not self.editable_mode:  # an editable install reads the checkout's file (installer/manifests.py)
            target = Path(self.build_lib) / "ecflink" / "installer" / "host-manifest.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(TEMPLATE, target)


setup(cmdclass={"build_py": BuildWithHostManifest})
