"""The three layers use only the layer below: the core (`newsfacts`, `schemas`) imports neither the
store nor the flows and never reads the environment; the store never imports the flows."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ENTRY_POINTS = {"newsfacts/__main__.py"}  # `python -m newsfacts` runs the command line, like the script
FORBIDDEN = {
    "newsfacts": ("store", "flows", "prefect"),
    "schemas": ("store", "flows", "newsfacts", "prefect"),
    "store": ("flows", "prefect"),
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_module_imports_a_layer_above_it(package: str) -> None:
    bad = [
        f"{path.relative_to(REPO)} imports {name}"
        for path in sorted((REPO / package).rglob("*.py"))
        if path.relative_to(REPO).as_posix() not in ENTRY_POINTS
        for name in _imports(path)
        if name.split(".")[0] in FORBIDDEN[package]
    ]
    assert not bad, bad


def test_the_core_never_reads_the_environment() -> None:
    readers = [
        str(path.relative_to(REPO))
        for package in ("newsfacts", "schemas", "store")
        for path in sorted((REPO / package).rglob("*.py"))
        if "os.environ" in path.read_text(encoding="utf-8") or "getenv(" in path.read_text(encoding="utf-8")
    ]
    assert not readers, f"configuration is read at the edge (flows/config.py), not in {readers}"
