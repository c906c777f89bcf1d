// ecflink setup page: opened when the helper app cannot be started (once, until it is found
// again) and from the popup, the options page or the overlay. Says how to install the helper app
// for this computer and browser, with this extension's own ID, and checks again on a click.
"use strict";

(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const $ = (id) => document.getElementById(id);

  // The browser, as `ecflink install --browser` names it.
  function browserName() {
    if (typeof api.runtime.getBrowserInfo === "function") return "firefox";
    const brands = (navigator.userAgentData?.brands ?? []).map((b) => b.brand);
    if (brands.includes("Microsoft Edge")) return "edge";
    if (brands.includes("Brave")) return "brave";
    if (brands.includes("Google Chrome")) return "chrome";
    return "chromium";
  }

  const { os } = await api.runtime.getPlatformInfo();
  $("which").dataset.os = os;
  const version = api.runtime.getManifest().version;
  const browser = browserName();
  $("commands").textContent = [
    `pipx install ecflink-${version}-py3-none-any.whl`,
    `ecflink install --browser ${browser} --extension-id ${api.runtime.id}`,
    "ecflink doctor",
  ].join("\n");
  $("which").textContent = words("setupWhich", browser, api.runtime.id);

  $("check").addEventListener("click", async () => {
    $("check").disabled = true;
    $("result").textContent = words("working");
    const found = await api.runtime.sendMessage({ type: "setup_check" }).catch(() => null);
    $("result").textContent = found?.found
      ? words("setupFound", found.version)
      : words("setupNotFound", found?.reason ?? words("helperUnreachable"));
    $("result").dataset.found = String(Boolean(found?.found));
    $("check").disabled = false;
  });
})();
