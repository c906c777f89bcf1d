// ecflink fill: puts a stored CM/ECF login into the link form, under password-manager rules.
// The checks run before the login is requested (so a refused page never receives it) and again
// just before filling. It never submits: the user reviews and clicks Submit.
"use strict";

const ecflinkFill = (() => {
  const MIN_SIZE = 4; // px: smaller fields are treated as hidden

  function reallyVisible(element) {
    if (!ecflinkProbes.isVisible(element)) return false;
    const box = element.getBoundingClientRect();
    if (box.width < MIN_SIZE || box.height < MIN_SIZE) return false;
    if (box.right <= 0 || box.bottom <= 0 || box.left + scrollX < 0 || box.top + scrollY < 0) return false;
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.visibility !== "visible" || Number(style.opacity) < 0.9 || style.display === "none") return false;
    }
    return true;
  }

  const usable = (input, type) =>
    input instanceof HTMLInputElement && input.type === type && !input.disabled && !input.readOnly && reallyVisible(input);

  function sameOrigin(address) {
    try {
      return new URL(address, location.href).origin === location.origin;
    } catch {
      return false;
    }
  }

  // The link form's fields, or a plain-English reason to refuse.
  function locate(formProbe) {
    if (window.top !== window || self.origin === "null" || location.protocol !== "https:") {
      return { reason: "this is not the court's own page (https, top frame)." };
    }
    const form = formProbe ? ecflinkProbes.first(formProbe) : null;
    if (!(form instanceof HTMLFormElement)) return { reason: "the link form is not on this page." };
    const password = [...form.querySelectorAll("input[type=password]")];
    const login = [...form.querySelectorAll("input")].filter((i) => i.type === "text");
    if (password.length !== 1 || login.length < 1 || !usable(password[0], "password") || !usable(login[0], "text")) {
      return { reason: "its CM/ECF login and password fields are not both plainly visible and editable." };
    }
    if (!sameOrigin(form.action)) return { reason: "the form would send your login to another site." };
    for (const button of form.querySelectorAll("button, input[type=submit], input[type=image]")) {
      if (button.hasAttribute("formaction") && !sameOrigin(button.formAction)) {
        return { reason: "a button in the form would send your login to another site." };
      }
    }
    return { login: login[0], password: password[0] };
  }

  function put(input, value) {
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // Checks the page again, then fills; returns null on success or the reason it refused.
  function fill(formProbe, credentials) {
    const fields = locate(formProbe);
    if (fields.reason) return fields.reason;
    put(fields.login, credentials.login);
    put(fields.password, credentials.password);
    return null;
  }

  return { locate, fill };
})();
