// Benchmark only (see cost_hook.js): runs after content.js.
"use strict";

ecflinkCost.ready([ecflinkProbes, ecflinkOverlay, ecflinkFill, ecflinkSnapshot]);
