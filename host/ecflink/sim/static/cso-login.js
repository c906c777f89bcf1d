// The simulated PACER Central Sign-On page's behaviour: like the real PrimeFaces page, the login,
// the redaction acknowledgement and the MFA step are AJAX exchanges that re-render parts of one page.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const viewState = () => document.querySelector("[name='javax.faces.ViewState']").value;

  function show(element, visible) {
    element.style.display = visible ? "" : "none";
    element.setAttribute("aria-hidden", visible ? "false" : "true");
  }

  function message(container, text) {
    container.replaceChildren();
    if (!text) return;
    const box = document.createElement("div");
    box.className = "ui-messages-error ui-corner-all";
    const summary = document.createElement("span");
    summary.className = "ui-messages-error-summary";
    summary.textContent = text;
    box.append(summary);
    container.append(box);
  }

  async function post(fields) {
    const body = new URLSearchParams({ ...fields, "javax.faces.ViewState": viewState() });
    const response = await fetch("/csologin/login.jsf", { method: "POST", body, credentials: "include" });
    return response.json();
  }

  $("loginForm").addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = await post({ action: "login", username: $("loginForm:loginName").value,
                                password: $("loginForm:password").value });
    if (answer.next === "error") return message($("loginForm:pclLoginMessages"), answer.message);
    message($("loginForm:pclLoginMessages"), "");
    if (answer.next === "redaction") show($("redactionConfirmation"), true);
  });

  $("regmsg:chkRedact_input").addEventListener("change", (event) => {
    const button = $("regmsg:bpmConfirm");
    button.disabled = !event.target.checked;
    button.setAttribute("aria-disabled", String(!event.target.checked));
  });

  $("regmsg:bpmConfirm").addEventListener("click", async () => {
    const answer = await post({ action: "redaction" });
    if (answer.next !== "mfa") return;
    show($("redactionConfirmation"), false);
    show($("pscLoginPanel"), false);
    show($("mfaPanel"), true);
  });

  $("mfaForm").addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = await post({ action: "mfa", code: $("mfaForm:mfaInput").value });
    if (answer.next === "error") return message($("mfaForm:mfaMessages"), answer.message);
    if (answer.next === "done") location.href = answer.location;
  });
})();
