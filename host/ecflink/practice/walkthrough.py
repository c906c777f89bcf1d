"""A scripted user linking a CM/ECF account on the simulated court, one page at a time, in a real
browser with the extension: used by `./run demo` and the end-to-end tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ecflink.guide import texts
from ecflink.practice.browsers import Session, open_extension_page, press_panel_shortcut, read_hint
from ecflink.practice.sim import totp
from ecflink.practice.sim.court import COURTS, SimulatedCourts

# The link pages' fields and Submit, in any of the simulated courts' layouts.
LOGIN_FIELD = "#cmecfMainContent input:is([type=text], :not([type]))"
PASSWORD_FIELD = "#cmecfMainContent input[type=password]"
SUBMIT = "#cmecfMainContent input[type=submit]"


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    kind: str
    hint: dict
    screenshot: Path | None


@dataclass(frozen=True)
class Filer:
    pacer_username: str
    pacer_password: str
    ecf_login: str
    ecf_password: str


def demo_filer(world: SimulatedCourts, court: str, pacer_username: str = "jdoe2024") -> Filer:
    """Jane Doe's CM/ECF login in the simulated world, with her own PACER account or another one
    (such as the firm's shared `smithlaw1`)."""
    pacer = world.pacer[pacer_username]
    ecf = next(a for a in world.ecf.values() if a.court == court and a.name == "Jane Doe" and "&" not in a.login)
    return Filer(pacer.username, pacer.password, ecf.login, ecf.password)


class Walker:
    """Drives one browser session through the pages, recording what the overlay said on each.
    With `keyboard`, as a user without a pointer: Tab to each control, Enter or Space on it, typed
    keys into fields, and ecflink's shortcut into its panel."""

    TAB_LIMIT = 120  # more Tabs than any page of the procedure needs to reach one control

    def __init__(
        self,
        session: Session,
        world: SimulatedCourts,
        shots: Path | None = None,
        on_step: Callable[[Step], None] | None = None,
        keyboard: bool = False,
    ) -> None:
        self.session, self.world, self.shots, self.on_step = session, world, shots, on_step
        self.keyboard = keyboard
        self.driver = session.driver
        self.steps: list[Step] = []

    def expect(self, title: str, kind: str) -> dict:
        """Wait for the overlay to show a hint for this page kind; record it as a step."""
        hint = read_hint(self.driver, kind=kind)
        shot = None
        if self.shots:
            self.shots.mkdir(parents=True, exist_ok=True)
            shot = self.shots / f"{len(self.steps) + 1:02d}-{kind}-{self.session.name}.png"
            self.driver.save_screenshot(str(shot))
        step = Step(len(self.steps) + 1, title, kind, hint, shot)
        self.steps.append(step)
        if self.on_step:
            self.on_step(step)
        return hint

    def find(self, css: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def keys(self, *keys: str) -> None:
        """Keys pressed on whatever has the focus."""
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.driver).send_keys(*keys).perform()

    def tab_to(self, element) -> None:
        """Press Tab until the focus is on `element`, as a keyboard user reaches it: Shift+Tab if
        it comes before the focus in the page (the way a user sees it is nearer; Tab past the page's
        end would reach the browser's own toolbar, which WebDriver's keys cannot cross back from)."""
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        where = (
            "const [target] = arguments; const focus = document.activeElement;"
            "if (focus === target) return 'there';"
            "const before = focus && focus !== document.body &&"
            "  focus.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING;"
            "return before ? 'before' : 'after';"
        )
        for _ in range(self.TAB_LIMIT):
            direction = self.driver.execute_script(where, element)
            if direction == "there":
                return
            keys = ActionChains(self.driver)
            if direction == "before":
                keys.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
            else:
                keys.send_keys(Keys.TAB).perform()
        raise AssertionError(f"Tab never reached {element.tag_name} {element.get_attribute('outerHTML')[:120]}")

    def activate(self, element) -> None:
        """Click `element`, or by keyboard: Tab to it and press Enter (Space on a checkbox)."""
        from selenium.webdriver.common.keys import Keys

        if not self.keyboard:
            element.click()
            return
        self.tab_to(element)
        self.keys(Keys.SPACE if element.get_attribute("type") == "checkbox" else Keys.ENTER)

    def click(self, css: str) -> None:
        self.activate(self.find(css))

    def click_link(self, text: str) -> None:
        """Follow the first link whose text contains `text` (case-insensitive)."""
        from selenium.webdriver.common.by import By

        wanted = text.lower()
        for link in self.driver.find_elements(By.CSS_SELECTOR, "a[href]"):
            if wanted in " ".join(link.text.split()).lower():
                self.activate(link)
                return
        raise AssertionError(f"no link with text {text!r}")

    def choose(self, css: str, value: str) -> None:
        """Choose the option `value` of a select; by keyboard, with the arrow keys."""
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.support.ui import Select

        select = self.find(css)
        if not self.keyboard:
            Select(select).select_by_value(value)
            return
        self.tab_to(select)
        self.keys(Keys.HOME)
        for _ in range(len(Select(select).options)):
            if select.get_attribute("value") == value:
                return
            self.keys(Keys.ARROW_DOWN)
        raise AssertionError(f"no option {value!r} in {css}")

    def type_into(self, css: str, value: str) -> None:
        from selenium.webdriver.common.keys import Keys

        field = self.find(css)
        if not self.keyboard:
            field.clear()
            field.send_keys(value)
            return
        from selenium.webdriver.common.action_chains import ActionChains

        self.tab_to(field)
        ActionChains(self.driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).perform()
        self.keys(Keys.DELETE, value)

    # -- the procedure, one page at a time ---------------------------------------------------------

    def open_court(self, court: str) -> None:
        self.driver.get(f"https://ecf.{court}.uscourts.gov/")
        self.expect("The court's CM/ECF home page", "court_home")
        self.click_link("Document Filing System")

    def log_in(self, username: str, password: str) -> None:
        self.expect("PACER login", "pacer_login")
        self.type_into("#loginForm\\:loginName", username)
        self.type_into("#loginForm\\:password", password)
        self.click("#loginForm\\:fbtnLogin")

    def acknowledge_redaction(self) -> None:
        self.expect("Redaction acknowledgement", "redaction_notice")
        self.click("#regmsg\\:chkRedact_input")
        self.click("#regmsg\\:bpmConfirm")

    def pass_mfa(self, username: str) -> None:
        """The one-time code step or, for an account not enrolled in MFA, PACER's notice asking to
        enrol: Skip while it offers Skip."""
        if not self.world.pacer[username].mfa_enrolled:
            self.expect("PACER asks to enrol in MFA", "pacer_prompt")
            self.click("#frmUserUpdate\\:bpmSkip")
            return
        self.expect("One-time code", "mfa")
        self.type_into("#mfaForm\\:mfaInput", totp.code(self.world.pacer[username].totp_secret))
        self.click("#mfaForm\\:btnOk")

    def open_link_form(self) -> None:
        self.expect("Logged in, no filing menus yet", "ecf_unlinked")
        self.click("#topmenu a[href*='DisplayMenu.pl?Utilities']")
        self.expect("Utilities", "utilities")
        self.click_link("Link a CM/ECF account to my PACER account")

    def overlay_button(self):
        from selenium.webdriver.common.by import By

        return self.find("[data-ecflink=overlay]").shadow_root.find_element(By.CSS_SELECTOR, ".action")

    def overlay_label(self) -> str:
        """The overlay button's label ('' while it is hidden), read again if the overlay is rebuilt."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait

        def read(_):
            try:
                button = self.overlay_button()
                return [button.text if button.is_displayed() else ""]
            except WebDriverException:
                return False

        return WebDriverWait(self.driver, 15, poll_frequency=0.05).until(read)[0]

    def overlay_note(self) -> str:
        from selenium.webdriver.common.by import By

        return self.find("[data-ecflink=overlay]").shadow_root.find_element(By.CSS_SELECTOR, ".note").text

    def press(self, label: str) -> None:
        """Click the overlay's button once it shows `label` and is active (after its short dwell)."""
        from selenium.common.exceptions import (
            DetachedShadowRootException,
            NoSuchElementException,
            StaleElementReferenceException,
        )
        from selenium.webdriver.support.ui import WebDriverWait

        def ready(_):
            try:
                button = self.overlay_button()
                return button.text == label and button.get_attribute("aria-disabled") == "false" and button
            except (NoSuchElementException, StaleElementReferenceException, DetachedShadowRootException):
                return False  # the overlay is being rebuilt by a new page

        self.use_panel_button(WebDriverWait(self.driver, 15, poll_frequency=0.05).until(ready))

    def use_panel_button(self, button) -> None:
        """Click the panel's button or, by keyboard, ecflink's shortcut into the panel and Enter."""
        from selenium.webdriver.common.keys import Keys

        if not self.keyboard:
            button.click()
            return
        press_panel_shortcut(self.session)
        self.keys(Keys.ENTER)

    def save_login(self, court: str, login: str, password: str) -> None:
        """Store a court's CM/ECF login from the extension's options page, as a user would."""
        from selenium.webdriver.support.ui import WebDriverWait

        open_extension_page(self.session, "options.html")
        WebDriverWait(self.driver, 15).until(lambda d: d.find_elements("css selector", "#court option"))
        self.choose("#court", court)
        self.type_into("#login", login)
        self.type_into("#password", password)
        self.click("#save")
        WebDriverWait(self.driver, 15).until(
            lambda d: d.find_elements("css selector", f"#saved tr[data-court='{court}']")
        )

    def save_pacer_accounts(self, mine: str, shared: list[str]) -> None:
        """Set the user's own and the known shared PACER usernames in the extension's options page."""
        from selenium.webdriver.support.ui import WebDriverWait

        open_extension_page(self.session, "options.html")
        WebDriverWait(self.driver, 15).until(lambda d: d.find_elements("css selector", "#court option"))
        self.type_into("#my-username", mine)
        self.type_into("#shared", "\n".join(shared))
        self.click("#save-accounts")
        WebDriverWait(self.driver, 15).until(lambda d: "Saved your PACER" in self.find("#message").text)

    def fill_with_button(self) -> None:
        """On the link form: click "Fill CM/ECF login" once it is active, and wait for the fields."""
        from selenium.webdriver.support.ui import WebDriverWait

        hint = self.expect("Link form: fill from the keyring", "link_form")
        assert hint["text"], hint
        WebDriverWait(self.driver, 15).until(lambda d: self.overlay_button().get_attribute("aria-disabled") == "false")
        self.use_panel_button(self.overlay_button())
        WebDriverWait(self.driver, 15).until(lambda d: self.overlay_note().startswith("Filled."))

    def reach_link_form(self, court: str, pacer_username: str, pacer_password: str) -> None:
        """From the court's home page, through PACER's login, to the link form."""
        self.open_court(court)
        self.log_in(pacer_username, pacer_password)
        self.acknowledge_redaction()
        self.pass_mfa(pacer_username)
        self.open_link_form()

    def submit_link_form(self, login: str, password: str) -> None:
        self.expect("Link form", "link_form")
        self.type_into(LOGIN_FIELD, login)
        self.type_into(PASSWORD_FIELD, password)
        self.click(SUBMIT)

    def confirm_link(self, filer: Filer | None = None) -> None:
        """Submit the verify page and open a menu; with `filer`, the menus may stay missing and
        ecflink's fixes are followed (logging in again as `filer` if asked to)."""
        self.expect("Verify both accounts", "link_verify")
        self.click(SUBMIT)
        self.expect("Link confirmed", "link_done")
        self.click("#topmenu a[href*='DisplayMenu.pl?Reports']")
        if filer:
            self.recover_menus(filer.pacer_username, filer.pacer_password)
        else:
            self.expect("Filing menus appear", "ecf_linked")

    def submit_held(self) -> bool:
        """On a verify page that warned of a shared account: click Submit; True if it was held (the
        hold's listener, which runs before the page's, says so in the panel; a submission that got
        past it replaces the page, and the panel with it)."""
        from selenium.common.exceptions import TimeoutException, WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait

        hint = self.expect("Verify both accounts: shared account warned", "link_verify")
        assert hint["tone"] == "problem", hint
        url = self.driver.current_url
        self.click(SUBMIT)
        try:
            WebDriverWait(self.driver, 10, 0.05, ignored_exceptions=(WebDriverException,)).until(
                lambda _: "Submit is held" in self.overlay_note()
            )
        except TimeoutException:
            return False
        return self.driver.current_url == url

    def recover_menus(self, username: str, password: str, rungs: int = 5) -> list[str]:
        """On a linked court whose filing menus do not appear, follow ecflink's ladder until they
        do; returns the rungs followed (hard_reload, relogin, clear_court_data)."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait

        followed: list[str] = []
        for _ in range(rungs):
            if read_hint(self.driver)["kind"] == "ecf_linked":
                self.expect("Filing menus appear", "ecf_linked")
                return followed
            hint = self.expect("Filing menus missing: ecflink's next fix", "ecf_unlinked")
            page = self.driver.execute_script("return performance.timeOrigin")  # a new one for each document
            label = self.overlay_label()
            if label == texts()["buttons"]["hard_reload"]["label"]:
                followed.append("hard_reload")
                self.press(label)
            elif label == texts()["buttons"]["clear_court_data"]["label"]:
                followed.append("clear_court_data")
                self.press(label)
                self.press(texts()["buttons"]["clear_court_data"]["confirm_label"])
            elif hint["target"] == "logout_link":
                followed.append("relogin")
                self.click("#topmenu a[href*='login.pl?logout']")
                WebDriverWait(self.driver, 15).until(lambda d: "logged out" in d.find_element("tag name", "body").text)
                self.click_link("Document Filing System")
                self.log_in(username, password)
                self.acknowledge_redaction()
                self.pass_mfa(username)
            else:
                raise AssertionError(f"no fix to follow in: {hint['text']}")
            # A new document, not a stale element: chromedriver may answer a question about an element of
            # the page that is going away with an error other than "stale".
            WebDriverWait(self.driver, 15, 0.05, ignored_exceptions=(WebDriverException,)).until(
                lambda d: d.execute_script("return performance.timeOrigin") != page
            )
        raise AssertionError(f"the filing menus did not come back after {followed}")

    def link(self, court: str, filer: Filer, fill: bool = False, stale_menus: bool = False) -> list[Step]:
        """The whole procedure for one court; returns the steps seen. With `fill`, the CM/ECF login
        is saved in the options page first and the link form is filled with the overlay's button;
        with `stale_menus`, missing filing menus are recovered with ecflink's fixes."""
        if fill:
            self.save_login(court, filer.ecf_login, filer.ecf_password)
        self.reach_link_form(court, filer.pacer_username, filer.pacer_password)
        if fill:
            self.fill_with_button()
            self.click(SUBMIT)
        else:
            self.submit_link_form(filer.ecf_login, filer.ecf_password)
        self.confirm_link(filer if stale_menus else None)
        return self.steps


def court_name(court: str) -> str:
    return COURTS[court].name
