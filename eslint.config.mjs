// ESLint for the extension (./run lint): the recommended rules, in the browsers' script scope.
// The content scripts share one scope (manifest order: words, probes, snapshot, fill, overlay,
// content; hold.js at document_start), so each module object is a global for the files after it.
import js from "@eslint/js";
import globals from "globals";

const shared = { words: "readonly", ecflinkProbes: "readonly", ecflinkSnapshot: "readonly", ecflinkFill: "readonly",
                 ecflinkOverlay: "readonly", ecflinkHold: "readonly" };

export default [
  js.configs.recommended,
  {
    files: ["extension/**/*.js"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "script",
      globals: { ...globals.browser, ...globals.webextensions, ...globals.serviceworker, ...shared },
    },
    rules: {
      "no-redeclare": ["error", { builtinGlobals: false }],
      "no-unused-vars": ["error", { vars: "local", args: "after-used", caughtErrors: "none" }],
      eqeqeq: "error",
      "no-implicit-globals": "off",
    },
  },
];
