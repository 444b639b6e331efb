"""Findings as SARIF 2.1.0, so that a code-scanning service shows them on the plan's lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crisiscomms._cli._documents import Document, subject_line

#: SARIF's names for the levels of a finding.
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def to_sarif(findings: Sequence[Any], document: Document) -> dict[str, Any]:
    """One SARIF run of crisiscomms over one plan file."""
    from crisiscomms import FINDING_CODES

    codes = sorted({f.code for f in findings})
    rules = [
        {
            "id": code,
            "shortDescription": {"text": FINDING_CODES[code].summary},
            "defaultConfiguration": {"level": _LEVELS[FINDING_CODES[code].level.value]},
        }
        for code in codes
        if code in FINDING_CODES
    ]
    results = []
    for finding in findings:
        location: dict[str, Any] = {"artifactLocation": {"uri": document.path.as_posix()}}
        line = subject_line(document, finding.subject)
        if line is not None:
            location["region"] = {"startLine": line}
        results.append(
            {
                "ruleId": finding.code,
                "level": _LEVELS[finding.level.value],
                "message": {"text": f"[{finding.subject}] {finding.message}"},
                "locations": [{"physicalLocation": location}],
            }
        )
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "crisiscomms", "rules": rules}},
                "results": results,
            }
        ],
    }
