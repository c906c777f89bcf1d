"""The practice world: a simulated NextGen court served at real court host names on this machine
(`sim`), the browser driver that loads the extension into headless Chromium and Firefox
(`browsers`), the walkthrough that links a court as a filer would (`walkthrough`) and the demo that
runs it (`demo`). A development tool, run from a checkout (`./run demo`, the tests, the
benchmarks): the product never imports it and the wheel does not carry it (docs/decisions.md)."""
