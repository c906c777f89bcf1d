// ecflink fill: puts a stored CM/ECF login into the link form, under password-manager rules.
// The checks run before the login is requested (so a refused page never receives it) and again
// just before filling. It never submits: the user reviews and clicks Submit.
"use strict";

const ecflinkFill = (() => {
  const MIN_SIZE = 4; // px: smaller fields are treated as hidden

  function reallyVisible(element) {
    if (!ecflinkProbes.rendered(element)) return false;
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

  // The link form's fields, or a plain-English reason to refuse. The fields are those the host's
  // probes recognise as the link form's (measured again now): the password field labelled CM/ECF
  // password and the login field of the same form.
  function locate(probes) {
    if (window.top !== window || self.origin === "null" || location.protocol !== "https:") {
      return { reason: "this is not the court's own page (https, top frame)." };
    }
    const { found } = ecflinkProbes.evaluate(probes);
    const passwordField = found.link_password?.[0];
    const form = passwordField?.form;
    if (!(form instanceof HTMLFormElement)) return { reason: "the link form is not on this page." };
    const fields = [...form.elements].filter((e) => e instanceof HTMLInputElement);
    const password = fields.filter((i) => i.type === "password");
    const login = (found.link_login ?? []).filter((i) => i.form === form);
    if (password.length !== 1 || login.length < 1 || !usable(password[0], "password") ||
        !["text", "email"].includes(login[0].type) || !usable(login[0], login[0].type)) {
      return { reason: "its CM/ECF login and password fields are not both plainly visible and editable." };
    }
    if (!sameOrigin(form.action)) return { reason: "the form would send your login to another site." };
    // The form's own elements, wherever they stand in the page (a form opened inside a table owns
    // fields that are not its descendants).
    for (const button of [...form.elements].filter((e) => ["submit", "image"].includes(e.type))) {
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
  function fill(probes, credentials) {
    const fields = locate(probes);
    if (fields.reason) return fields.reason;
    put(fields.login, credentials.login);
    put(fields.password, credentials.password);
    return null;
  }

  return { locate, fill };
})();
