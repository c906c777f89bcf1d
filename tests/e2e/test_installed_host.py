"""The browsers run the host the real installer registered in their temporary HOME and profile;
the doctor, looking where each browser looks, agrees; uninstall takes the registration away."""

import pytest

from ecflink.installer import doctor
from ecflink.installer.install import Layout, uninstall
from ecflink.installer.machine import Machine
from ecflink.practice.walkthrough import Walker
from tests.e2e.helpers import host_log

pytestmark = pytest.mark.e2e


@pytest.mark.own_browser("it uninstalls the host that browser uses")
def test_the_installed_host_serves_the_browser_and_the_doctor_agrees(browser, world):
    Walker(browser, world).open_court("txwd")  # the hint comes from the installed host
    assert f"started for {browser.name} extension" in host_log(browser)
    home = browser.folder / "home"
    machine = Machine(os="linux", home=home, env={"ECFLINK_DATA_DIR": str(browser.data_dir)})
    profile = browser.user_data_dir
    findings = doctor.run(machine, [browser.name], user_data_dir=profile)
    assert [f for f in findings if f.status == "fail"] == [], findings
    assert [f.check for f in findings if f.subject == browser.name] == ["manifest", "launcher", "ping"]
    manifest = findings[0].detail.split(" ")[0]
    assert manifest.startswith(str(profile if profile else home / ".mozilla"))

    assert uninstall(Layout(machine)) == []
    assert not list(browser.folder.rglob("org.ecflink.host.json"))
    assert not (browser.data_dir / "host").exists()
    [fault] = [f for f in doctor.run(machine, [browser.name], user_data_dir=profile) if f.status == "fail"]
    assert fault.check == "manifest" and fault.fix == f"ecflink install --browser {browser.name}"
