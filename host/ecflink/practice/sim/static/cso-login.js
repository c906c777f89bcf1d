// The simulated PACER Central Sign-On page's behaviour: like the real PrimeFaces page, the login,
// the redaction acknowledgement, PACER's user-update notice and the MFA step are AJAX exchanges
// that show and hide parts of one page. Dialogs are shown as PrimeFaces shows them: an inline
// display:block over a stylesheet that hides every dialog.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const viewState = () => document.querySelector("[name$='faces.ViewState']");

  function dialog(element, visible) {
    element.style.display = visible ? "block" : "none";
    element.classList.toggle("ui-overlay-visible", visible);
    element.setAttribute("aria-hidden", visible ? "false" : "true");
  }

  function panel(element, visible) {
    element.classList.toggle("ui-helper-hidden", !visible);
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
    const body = new URLSearchParams({ ...fields, [viewState().name]: viewState().value });
    const response = await fetch("/csologin/login.jsf", { method: "POST", body, credentials: "include" });
    return response.json();
  }

  function showMfa() {
    dialog($("redactionConfirmation"), false);
    dialog($("userUpdateDlg"), false);
    panel($("pscLoginPanel"), false);
    panel($("mfaPanel"), true);
  }

  function next(answer) {
    if (answer.next === "mfa") return showMfa();
    if (answer.next === "done") location.href = answer.location;
    if (answer.next === "user_update") {
      dialog($("redactionConfirmation"), false);
      $("frmUserUpdate:skipsLeft").textContent = String(answer.skips);
      if (answer.skips <= 0) {
        $("frmUserUpdate:bpmSkip").remove();
        $("frmUserUpdate:skips").remove();
      }
      dialog($("userUpdateDlg"), true);
    }
  }

  $("loginForm").addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = await post({ action: "login", username: $("loginForm:loginName").value,
                                password: $("loginForm:password").value });
    if (answer.next === "error") return message($("loginForm:pclLoginMessages"), answer.message);
    message($("loginForm:pclLoginMessages"), "");
    if (answer.next === "redaction") dialog($("redactionConfirmation"), true);
  });

  $("regmsg:chkRedact_input").addEventListener("change", (event) => {
    const button = $("regmsg:bpmConfirm");
    button.disabled = !event.target.checked;
    button.setAttribute("aria-disabled", String(!event.target.checked));
  });

  $("regmsg:bpmConfirm").addEventListener("click", async () => next(await post({ action: "redaction" })));
  $("frmUserUpdate:bpmSkip").addEventListener("click", async () => next(await post({ action: "skip" })));
  $("frmUserUpdate:bpmEnroll").addEventListener("click", async () => next(await post({ action: "enroll" })));

  $("mfaForm").addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = await post({ action: "mfa", code: $("mfaForm:mfaInput").value });
    if (answer.next === "error") return message($("mfaForm:mfaMessages"), answer.message);
    next(answer);
  });
})();
