"""Imports only go down: text -> model -> capabilities -> the public face.

The test reads the real import statements of every module (with ``ast``,
lazy imports inside functions and ``TYPE_CHECKING`` imports included), so a
new module is held to the arrows without editing this test. The arrows
between capabilities are the table of ``docs/explanation/design.md``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "src" / "crisiscomms"
DESIGN = ROOT / "docs" / "explanation" / "design.md"

#: The ground under every floor: the error tree, the registry of codes, the Finding value,
#: the rows of `to_records` and the HTML tables of notebooks.
BASE = frozenset({"_errors", "_codes", "_findings", "_records", "_tables"})
#: The command line, the one edge that does I/O, and `python -m crisiscomms`.
EDGE = frozenset({"_cli", "__main__"})


def _unit(module: str) -> str:
    """The part of the package a module belongs to: 'face', 'text', 'model', or a capability."""
    parts = module.split(".")
    return "face" if len(parts) == 1 else parts[1]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every crisiscomms module that `path` imports, relative imports resolved."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""
            found.add(name)
    return {name for name in found if name.split(".")[0] == "crisiscomms"}


def _edges() -> set[tuple[str, str, str]]:
    """(importing module, importing unit, imported unit) for every import across units."""
    edges = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        for imported in _imports(path):
            if _unit(imported) != _unit(module):
                edges.add((module, _unit(module), _unit(imported)))
    return edges


def _arrows() -> dict[str, frozenset[str]]:
    """The table 'capability | may use' of the design explanation."""
    text = DESIGN.read_text(encoding="utf-8")
    section = text.split("<!-- arrows -->")[1].split("<!-- end of arrows -->")[0]
    arrows: dict[str, frozenset[str]] = {}
    for row in re.findall(r"^\| `([\w.]+)` \| (.*?) \|$", section, re.M):
        name, uses = row
        arrows[name] = frozenset(re.findall(r"`([\w.]+)`", uses))
    return arrows


def test_the_design_table_lists_every_capability() -> None:
    """Each capability module or package of the package has its row, and no other."""
    units = {_unit(_module_name(p)) for p in PACKAGE.rglob("*.py")}
    capabilities = units - BASE - EDGE - {"face", "text", "model"}
    assert set(_arrows()) == capabilities


@pytest.mark.parametrize(
    ("floor", "allowed"),
    [
        ("_errors", frozenset()),
        ("_codes", frozenset()),
        ("_tables", frozenset()),
        ("_records", frozenset()),
        ("_findings", frozenset({"_codes", "_errors"})),
        ("text", BASE),
        ("model", BASE | {"text"}),
    ],
)
def test_the_lower_floors_import_only_below(floor: str, allowed: frozenset[str]) -> None:
    """Text knows no plan, the model knows no capability, the base knows nothing."""
    wrong = sorted(
        (module, imported)
        for module, unit, imported in _edges()
        if unit == floor and imported not in allowed
    )
    assert wrong == []


def test_capabilities_use_each_other_only_along_the_arrows() -> None:
    """A capability imports the floors below and the capabilities its row names."""
    arrows = _arrows()
    below = BASE | {"text", "model"}
    wrong = sorted(
        (module, imported)
        for module, unit, imported in _edges()
        if unit in arrows and imported not in below | arrows[unit]
    )
    assert wrong == []


def test_capabilities_use_each_other_only_through_the_package() -> None:
    """A capability imports another's package (its __init__), never one of its modules."""
    arrows = _arrows()
    wrong = sorted(
        (module, imported)
        for path in PACKAGE.rglob("*.py")
        for module in [_module_name(path)]
        if _unit(module) in arrows
        for imported in _imports(path)
        if _unit(imported) in arrows
        and _unit(imported) != _unit(module)
        and imported != f"crisiscomms.{_unit(imported)}"
    )
    assert wrong == []


def test_the_package_rule_sees_a_module_import() -> None:
    """The reader tells a package import from a module import (the rule can fail)."""
    lint = PACKAGE / "_lint" / "_approvals.py"
    assert "crisiscomms._selection" in _imports(lint)
    assert all(not name.startswith("crisiscomms._selection._") for name in _imports(lint))


def test_nothing_imports_the_face_or_the_command_line() -> None:
    """The public face and the command line sit on top: no module of the library imports them."""
    wrong = sorted(
        (module, imported)
        for module, unit, imported in _edges()
        if unit not in EDGE and (imported == "face" or imported in EDGE)
    )
    assert wrong == []


def test_the_edges_are_read() -> None:
    """The reader sees the imports that are known to exist (it cannot pass by reading nothing)."""
    edges = _edges()
    assert any(unit == "model" and imported == "text" for _m, unit, imported in edges)
    assert any(unit == "face" and imported == "model" for _m, unit, imported in edges)
