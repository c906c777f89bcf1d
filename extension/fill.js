// ecflink fill: puts a stored CM/ECF login into the link form, under password-manager rules.
// The form is judged as the browser will submit it: the fields' form owner, every submitter the
// form owns (wherever it stands in the page, `form=` included), each one's formaction, formmethod
// and formtarget, the action after <base href>. Only a POST to this https court page's own origin
// passes. Form properties are read through the prototypes, so a field named "action" or "elements"
// cannot stand in for them. The checks run before the login is requested (so a refused page never
// receives it), again once both values are set, and again after the page's input events; after a
// fill, a submission that would go elsewhere is stopped and the fields emptied. It never submits.
"use strict";

const ecflinkFill = (() => {
  const MIN_SIZE = 4; // px: smaller fields are treated as hidden
  // A property's getter on an interface's prototype, looked up at its first use: on load it would
  // cost every court page the set-up of the interfaces.
  const getter = (type, name) => {
    let get = null;
    return (element) => (get ??= Object.getOwnPropertyDescriptor(globalThis[type].prototype, name).get).call(element);
  };
  const formOf = { input: getter("HTMLInputElement", "form"), button: getter("HTMLButtonElement", "form") };
  const form = {
    action: getter("HTMLFormElement", "action"),
    method: getter("HTMLFormElement", "method"),
    target: getter("HTMLFormElement", "target"),
    elements: getter("HTMLFormElement", "elements"),
  };
  const typeOf = { input: getter("HTMLInputElement", "type"), button: getter("HTMLButtonElement", "type") };
  const submitterOf = {
    input: {
      action: getter("HTMLInputElement", "formAction"),
      method: getter("HTMLInputElement", "formMethod"),
      target: getter("HTMLInputElement", "formTarget"),
    },
    button: {
      action: getter("HTMLButtonElement", "formAction"),
      method: getter("HTMLButtonElement", "formMethod"),
      target: getter("HTMLButtonElement", "formTarget"),
    },
  };
  const hasAttribute = (element, name) => Element.prototype.hasAttribute.call(element, name);
  const SAME_WINDOW = new Set(["", "_self", "_top", "_parent"]); // in the top frame, all mean this window

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

  const kindOf = (element) =>
    element instanceof HTMLInputElement ? "input" : element instanceof HTMLButtonElement ? "button" : null;
  const ownerOf = (element) => (kindOf(element) ? formOf[kindOf(element)](element) : null);
  const usable = (input, types) =>
    input instanceof HTMLInputElement &&
    types.includes(typeOf.input(input)) &&
    !input.disabled &&
    !input.readOnly &&
    reallyVisible(input);

  // The form's submit buttons, wherever they stand in the page (form.elements holds every control
  // the form owns: inside it, tied to it by form=, or left in it by the parser's table repairs).
  function submitters(owner) {
    return [...form.elements(owner)].filter((element) => {
      const kind = kindOf(element);
      if (kind === "button") return typeOf.button(element) === "submit";
      return kind === "input" && ["submit", "image"].includes(typeOf.input(element));
    });
  }

  // Where a submission by `submitter` (or by the form itself, with none) would go, and why that is
  // refused, or null when it would be a POST to this page's own https origin, in this window.
  function destinationProblem(owner, submitter = null) {
    const own = submitter ? submitterOf[kindOf(submitter)] : null;
    const pick = (attribute, ofSubmitter, ofForm) =>
      own && hasAttribute(submitter, attribute) ? ofSubmitter(submitter) : ofForm(owner);
    const where = submitter ? "a button in the form" : "the form";
    let address;
    try {
      address = new URL(pick("formaction", own?.action, form.action));
    } catch {
      return `${where} would send your login to an address ecflink cannot read.`;
    }
    if (address.protocol !== "https:" || address.origin !== location.origin) {
      return `${where} would send your login to another site.`;
    }
    const method = String(pick("formmethod", own?.method, form.method)).toLowerCase();
    if (method !== "post") return `${where} would put your login in the page address.`;
    if (!SAME_WINDOW.has(String(pick("formtarget", own?.target, form.target)).toLowerCase())) {
      return `${where} would send your login to another window.`;
    }
    return null;
  }

  function submissionProblem(owner) {
    for (const submitter of [null, ...submitters(owner)]) {
      const problem = destinationProblem(owner, submitter);
      if (problem) return problem;
    }
    return null;
  }

  // The link form's fields, or a plain-English reason to refuse. The fields are those the host's
  // probes recognise as the link form's (measured again now): the password field labelled CM/ECF
  // password and the login field the same form owns.
  function locate(probes) {
    if (window.top !== window || self.origin === "null" || location.protocol !== "https:") {
      return { reason: words("fillNotCourtPage") };
    }
    const { found } = ecflinkProbes.evaluate(probes);
    const passwordField = found.link_password?.[0];
    const owner = ownerOf(passwordField);
    if (!(owner instanceof HTMLFormElement)) return { reason: words("fillNoLinkForm") };
    const inputs = [...form.elements(owner)].filter((e) => kindOf(e) === "input");
    const password = inputs.filter((i) => typeOf.input(i) === "password");
    const login = (found.link_login ?? []).filter((i) => kindOf(i) === "input" && ownerOf(i) === owner);
    if (
      password.length !== 1 ||
      password[0] !== passwordField ||
      login.length < 1 ||
      !usable(password[0], ["password"]) ||
      !usable(login[0], ["text", "email"])
    ) {
      return { reason: words("fillFieldsHidden") };
    }
    const problem = submissionProblem(owner);
    if (problem) return { reason: problem };
    return { form: owner, login: login[0], password: password[0] };
  }

  const same = (a, b) => a.form === b.form && a.login === b.login && a.password === b.password;

  function empty(fields) {
    fields.login.value = "";
    fields.password.value = "";
  }

  // After a fill: a submission that would send the login elsewhere (the form or its submitter
  // changed since) is stopped before the page's later listeners see it, and the fields emptied.
  // Page script can still call form.submit(), which fires no event; it could read the fields
  // anyway (see docs/threat-model.md).
  let guarded = null;

  function guard(fields) {
    const first = !guarded;
    guarded = fields;
    if (!first) return;
    addEventListener(
      "submit",
      (event) => {
        if (
          event.target !== guarded.form &&
          !(
            event.target instanceof HTMLFormElement &&
            [guarded.login, guarded.password].some((field) => ownerOf(field) === event.target)
          )
        )
          return;
        const submitter = kindOf(event.submitter) ? event.submitter : null;
        const problem =
          ownerOf(guarded.password) !== guarded.form
            ? words("fillFieldsMoved")
            : destinationProblem(event.target, submitter);
        if (!problem) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        empty(guarded);
        ecflinkOverlay.tell(words("submissionStopped", problem));
      },
      true,
    );
  }

  // Checks the page again, sets both values, checks again, and only then lets the page's own input
  // and change handlers run (checked once more after them); null on success, else the reason.
  function fill(probes, credentials) {
    const fields = locate(probes);
    if (fields.reason) return fields.reason;
    fields.login.value = credentials.login;
    fields.password.value = credentials.password;
    const again = locate(probes);
    if (again.reason || !same(fields, again)) {
      empty(fields);
      return again.reason ?? words("fillPageChanged");
    }
    for (const field of [fields.login, fields.password]) {
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }
    const after = locate(probes);
    if (after.reason || !same(fields, after) || fields.password.value !== credentials.password) {
      empty(fields);
      return after.reason ?? words("fillFormChanged");
    }
    guard(fields);
    return null;
  }

  return { locate, fill };
})();
