// The extension's own words: the few things it says by itself (the helper app unreachable,
// working, filled, a click or a fill refused and why) are in _locales/en/messages.json, read
// through the i18n API. Every other word the user reads comes from the host (guide.json).
"use strict";

const words = (name, ...substitutions) =>
  (globalThis.browser ?? globalThis.chrome).i18n.getMessage(name, substitutions);
