"""The walkthrough notebook runs from top to bottom, as CI and readers run it."""

from __future__ import annotations

import nbclient
import nbformat

from tests.conftest import ROOT

NOTEBOOK = ROOT / "docs" / "notebooks" / "walkthrough.ipynb"


def test_the_walkthrough_executes_without_error() -> None:
    """Every cell runs in a fresh kernel; the tables and plots it promises are there."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    outputs = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    text = "".join(str(out.get("text", "")) + str(out.get("data", {})) for out in outputs)
    assert "readiness 98%" in text
    assert "customers/sms/fr_FR" in text
    assert sum("image/png" in out.get("data", {}) for out in outputs) == 2
