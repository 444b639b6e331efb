"""Every example in a method's docstring runs, as the docs promise.

pytest's doctest collection finds a module's functions and classes, but not
the methods of a class that the package re-exports under its public name: the
finder looks for them in `crisiscomms`, where their globals do not live. This
test finds every method docstring with an example in the source and runs it in
its own module's namespace, as the collection does for the rest.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src"
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


def _method_examples() -> list[tuple[str, str, str, int]]:
    """(module, qualified name, docstring, line) of each method docstring with an example."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        module = ".".join(path.with_suffix("").relative_to(SOURCE).parts).removesuffix(".__init__")
        if module.endswith("__main__"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            for member in node.body:
                if not isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                docstring = ast.get_docstring(member, clean=False)
                if docstring and ">>>" in docstring:
                    name = f"{node.name}.{member.name}"
                    found.append((module, name, docstring, member.lineno))
    return found


EXAMPLES = _method_examples()


def test_the_source_has_method_examples() -> None:
    """The search finds the methods that document themselves with examples."""
    names = {f"{module}.{name}" for module, name, _, _ in EXAMPLES}
    assert "crisiscomms._monitoring._claims.ClaimMatch.to_records" in names
    assert len(names) >= 30


@pytest.mark.parametrize(
    ("module", "name", "docstring", "line"),
    EXAMPLES,
    ids=[f"{module}.{name}" for module, name, _, _ in EXAMPLES],
)
def test_method_example_runs(module: str, name: str, docstring: str, line: int) -> None:
    """The method's examples give what its docstring says."""
    namespace = dict(vars(importlib.import_module(module)))
    test = doctest.DocTestParser().get_doctest(
        inspect.cleandoc(docstring), namespace, f"{module}.{name}", module, line
    )
    report: list[str] = []
    result = doctest.DocTestRunner(optionflags=FLAGS).run(test, out=report.append)
    assert result.failed == 0, "".join(report)
