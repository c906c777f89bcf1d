// ecflink options: add, replace and delete a court's CM/ECF login (the password goes straight to
// the host, which keeps it in the OS keyring; this page never stores it and clears the field); add
// and remove your courts; your PACER username, the shared ones, and whether PACER's multifactor
// authentication is set up.
"use strict";

(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const $ = (id) => document.getElementById(id);
  const ask = (message) => api.runtime.sendMessage(message).catch(() => null);
  // No reply at all, or the host's own error for a host it cannot start or that did not answer.
  const unreachable = (reply) => !reply || ["host_unavailable", "host_timeout"].includes(reply.code);

  function say(text) {
    $("message").textContent = text;
  }

  // A table row for one court: its texts, then one button (`label`, named `name` for screen readers).
  function courtRow(court, texts, label, name, onClick) {
    const row = document.createElement("tr");
    row.dataset.court = court;
    const button = Object.assign(document.createElement("button"), { type: "button", textContent: label });
    button.setAttribute("aria-label", name);
    button.addEventListener("click", onClick);
    const cell = document.createElement("td");
    cell.append(button);
    row.append(...texts.map((text) => Object.assign(document.createElement("td"), { textContent: text })), cell);
    return row;
  }

  function render(listing) {
    const rows = listing.entries.map((entry) =>
      courtRow(entry.court, [entry.name, entry.login], words("delete"), words("deleteLoginFor", entry.name), async () =>
        show(await ask({ type: "creds_delete", court: entry.court }), words("deletedLoginFor", entry.name)),
      ),
    );
    $("saved").tBodies[0].replaceChildren(...rows);
  }

  function show(reply, done) {
    $("repair").hidden = reply?.code !== "index_damaged";
    if (reply?.type === "creds") {
      render(reply);
      say([done, ...reply.warnings.map((w) => w.message)].filter(Boolean).join(" "));
    } else {
      say(unreachable(reply) ? words("helperUnreachable") : reply.message);
    }
  }

  // Shown only when the host says its list of stored logins is damaged: rebuilt from the keyring.
  $("repair").addEventListener("click", async () => {
    say(words("working"));
    show(await ask({ type: "creds_repair" }), words("repaired"));
  });

  // Your courts: added and removed here; the host decides which courts are yours (yourcourts.py).
  function showCourts(status) {
    if (status?.type !== "status") return;
    const rows = status.courts
      .filter((court) => court.yours)
      .map((court) =>
        courtRow(
          court.id,
          [court.name, court.state_name],
          words("remove"),
          words("removeCourt", court.name),
          async () => {
            const reply = await ask({ type: "court_choice", court: court.id, choice: "removed" });
            showCourts(reply);
            const stays = reply?.courts?.some((c) => c.id === court.id && c.yours);
            sayCourt(reply, words(stays ? "courtStays" : "courtRemoved", court.name));
          },
        ),
      );
    $("your-courts").tBodies[0].replaceChildren(...rows);
    const others = status.courts.filter((court) => !court.yours);
    $("add-court").replaceChildren(...others.map((court) => new Option(`${court.name} (${court.id})`, court.id)));
  }

  function sayCourt(reply, done) {
    say(reply?.type === "status" ? done : unreachable(reply) ? words("helperUnreachable") : reply.message);
  }

  const status = await ask({ type: "status" });
  if (status?.type === "status") {
    $("court").append(...status.courts.map((court) => new Option(`${court.name} (${court.id})`, court.id)));
    showCourts(status);
  }
  show(await ask({ type: "creds_list" }), "");

  $("courts").addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = $("add-court").selectedOptions[0];
    if (!chosen) return;
    const reply = await ask({ type: "court_choice", court: chosen.value, choice: "added" });
    showCourts(reply);
    sayCourt(reply, words("courtAdded", chosen.text));
  });

  // An older helper app knows only the MFA answer of the PACER account: the others are sent only to
  // one that says them back (it refuses a message with fields it does not know), and can be given
  // only then.
  let accountKnown = false;
  const ACCOUNT_INPUTS = ["backup-codes-saved", "email-checked", "password-changed"];
  for (const id of ACCOUNT_INPUTS) $(id).disabled = true;

  function showSettings(reply) {
    if (reply?.type !== "settings") return;
    accountKnown = "backup_codes_saved" in reply;
    for (const id of ACCOUNT_INPUTS) $(id).disabled = !accountKnown;
    $("my-username").value = reply.my_pacer_username ?? "";
    $("shared").value = reply.shared_usernames.join("\n");
    $("mfa-ready").checked = reply.mfa_ready;
    $("backup-codes-saved").checked = reply.backup_codes_saved;
    $("email-checked").checked = reply.email_checked;
    $("password-changed").value = reply.password_changed_on ?? "";
    const now = new Date();
    $("password-changed").max = new Date(now - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10); // today, here
    const firm = reply.firm_shared_usernames ?? [];
    $("firm-names").replaceChildren(
      ...firm.map((name) => Object.assign(document.createElement("li"), { textContent: name })),
    );
    $("firm").hidden = firm.length === 0;
  }

  showSettings(await ask({ type: "settings_get" }));
  $("accounts").addEventListener("submit", async (event) => {
    event.preventDefault();
    const mine = $("my-username").value.trim();
    const shared = $("shared")
      .value.split("\n")
      .map((u) => u.trim())
      .filter(Boolean);
    const reply = await ask({
      type: "settings_set",
      my_pacer_username: mine || null,
      shared_usernames: shared,
      mfa_ready: $("mfa-ready").checked,
      ...(accountKnown && {
        backup_codes_saved: $("backup-codes-saved").checked,
        email_checked: $("email-checked").checked,
        ...($("password-changed").value && { password_changed_on: $("password-changed").value }),
      }),
    });
    showSettings(reply);
    say(
      reply?.type === "settings"
        ? words("settingsSaved")
        : unreachable(reply)
          ? words("helperUnreachable")
          : (reply.message ?? words("notSaved")),
    );
  });

  $("add").addEventListener("submit", async (event) => {
    event.preventDefault();
    const court = $("court").value;
    const login = $("login").value.trim();
    const password = $("password").value;
    $("password").value = "";
    show(await ask({ type: "creds_set", court, login, password }), words("savedLoginFor", court.toUpperCase()));
  });
})();
