"""The ``crisiscomms`` command line: plans kept as code, linted, drafted and checked.

The one edge of the project that does I/O: it reads plan and situation files
(JSON, or YAML with the ``cli`` extra), reads the clock when ``--now`` is not
given, and prints. Everything else is the library. Exit status: 0 when all is
well, 1 when there are error findings (or the plan does not load), 2 for a
usage mistake (a missing file, a file that does not parse, a bad option).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from crisiscomms._cli._documents import Document, DocumentError, read_document, subject_line

_F = TypeVar("_F", bound=Callable[..., Any])


def _fail(message: str, status: int = 2) -> NoReturn:
    click.echo(f"crisiscomms: {message}", err=True)
    sys.exit(status)


def _now(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        _fail(f"--now: expected an ISO 8601 instant such as 2026-11-24T09:00+01:00, got {value!r}")
    if moment.utcoffset() is None:
        _fail(f"--now: {value!r} has no time zone; add one, e.g. {value}+01:00 or {value}Z")
    return moment


def _document(path: str) -> Document:
    try:
        return read_document(Path(path))
    except DocumentError as error:
        _fail(str(error))


def _plan(path: str) -> tuple[Any, Document]:
    from crisiscomms import PlanError, load_plan

    document = _document(path)
    try:
        return load_plan(document.data), document
    except PlanError as error:
        lines = [f"{path}: the plan does not load: {len(error.problems)} problem(s)"]
        for problem in error.problems:
            line = document.line_of(problem.path)
            where = f"{path}:{line}" if line else path
            lines.append(f"{where}: {problem.path}: {problem.message}")
        click.echo("\n".join(lines), err=True)
        sys.exit(1)


def _situation(path: str, plan: Any) -> Any:
    from crisiscomms import CrisisCommsError, ModelError, Situation

    document = _document(path)
    try:
        situation = Situation.model_validate(document.data)
        plan.check_situation(situation)
    except ModelError as error:
        lines = [f"{path}: the situation is not valid:"]
        for problem in error.problems:
            line = document.line_of(problem.path)
            where = f"{path}:{line}" if line else path
            lines.append(f"{where}: {problem.path}: {problem.message}")
        _fail("\n".join(lines), 1)
    except CrisisCommsError as error:
        _fail(f"{path}: {error}", 1)
    return situation


def _print_findings(findings: Sequence[Any]) -> None:
    for finding in findings:
        click.echo(str(finding))


def _status(findings: Sequence[Any]) -> int:
    return 1 if any(f.is_error for f in findings) else 0


def _format_option(*choices: str) -> Callable[[_F], _F]:
    return click.option(
        "--format",
        "output",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="How to print the result.",
    )


_NOW = click.option(
    "--now", default=None, help="The instant to judge at (ISO 8601 with a zone); default: now."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="crisiscomms", prog_name="crisiscomms")
def cli() -> None:
    """An organisation's crisis communication plan as typed, executable logic."""


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a plan document (for editors and CI)."""
    from crisiscomms import Plan

    click.echo(json.dumps(Plan.json_schema(), indent=2, ensure_ascii=False))


@cli.command()
@click.argument("text")
@click.option("--channel", required=True, help="A platform name, or a channel id of --plan.")
@click.option("--plan", "plan_path", default=None, help="A plan file, for channel ids and links.")
@_format_option("text", "json")
def check(text: str, channel: str, plan_path: str | None, output: str) -> None:
    """Check TEXT as a post on a channel: length, SMS parts, unsafe text, links."""
    from crisiscomms import CrisisCommsError, check_message, measure

    plan = _plan(plan_path)[0] if plan_path else None
    target: Any = (
        plan.channel(channel) if plan is not None and _has_channel(plan, channel) else channel
    )
    try:
        findings = check_message(text, target, plan=plan)
        measurement = measure(text, target)
    except CrisisCommsError as error:
        _fail(str(error))
    if output == "json":
        click.echo(
            json.dumps(
                {
                    "length": measurement.length,
                    "limit": measurement.limit,
                    "unit": str(measurement.unit),
                    "fits": measurement.fits,
                    "findings": [_finding_json(f) for f in findings],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        click.echo(f"{measurement.length} of {measurement.limit} {measurement.unit}")
        _print_findings(findings)
    sys.exit(_status(findings))


def _has_channel(plan: Any, channel: str) -> bool:
    return any(c.id == channel for c in plan.channels)


def _finding_json(finding: Any) -> dict[str, Any]:
    return {
        "code": finding.code,
        "level": finding.level.value,
        "message": finding.message,
        "subject": finding.subject,
        "span": list(finding.span) if finding.span else None,
    }


@cli.command()
@click.argument("plan_path", metavar="PLAN")
@click.argument("situation_path", metavar="SITUATION")
@_NOW
@_format_option("text", "json")
def draft(plan_path: str, situation_path: str, now: str | None, output: str) -> None:
    """Draft every message of a crisis: selected, rendered, measured and checked."""
    from crisiscomms import draft_responses

    plan, _ = _plan(plan_path)
    situation = _situation(situation_path, plan)
    drafts = draft_responses(plan, situation, now=_now(now))
    if output == "json":
        click.echo(json.dumps(drafts.to_records(), ensure_ascii=False, indent=2, default=str))
    else:
        for item in drafts.drafts:
            click.echo(f"== {item.target} [{item.status}]")
            click.echo(item.message.text)
            _print_findings(item.findings)
        for gap in drafts.gaps:
            click.echo(f"== {gap.target} [gap]")
            click.echo(gap.message)
    sys.exit(_status(drafts.findings))


@cli.command()
@click.argument("plan_path", metavar="PLAN")
@click.argument("situation_path", metavar="SITUATION")
@_NOW
@_format_option("text", "json")
def deadlines(plan_path: str, situation_path: str, now: str | None, output: str) -> None:
    """List every deadline of a crisis (first statements, obligations, updates)."""
    from crisiscomms import evaluate_timeliness

    plan, _ = _plan(plan_path)
    situation = _situation(situation_path, plan)
    report = evaluate_timeliness(plan, situation, [], now=_now(now))
    rows = [
        {
            "deadline": state.deadline.id,
            "kind": str(state.deadline.kind),
            "due": state.deadline.due_at.isoformat(),
            "status": str(state.status),
        }
        for state in report.states
    ]
    if output == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            click.echo(f"{row['due']}  {row['status']:<8} {row['deadline']}")
        _print_findings(report.findings)
    sys.exit(_status(report.findings))


@cli.command()
@click.argument("plan_path", metavar="PLAN")
@_NOW
@_format_option("text", "json", "sarif")
def lint(plan_path: str, now: str | None, output: str) -> None:
    """Lint a plan for readiness: everything that would fail during a crisis (PLN codes)."""
    from crisiscomms import lint_plan

    plan, document = _plan(plan_path)
    report = lint_plan(plan, now=_now(now))
    if output == "sarif":
        from crisiscomms._cli._sarif import to_sarif

        click.echo(json.dumps(to_sarif(report.findings, document), indent=2, ensure_ascii=False))
    elif output == "json":
        click.echo(
            json.dumps(
                {
                    "ok": report.ok,
                    "readiness": report.readiness,
                    "findings": [_finding_json(f) for f in report.findings],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        for finding in report.findings:
            line = subject_line(document, finding.subject)
            where = f"{plan_path}:{line}: " if line else ""
            click.echo(f"{where}{finding}")
        errors = sum(f.is_error for f in report.findings)
        click.echo(
            f"{len(report.findings)} findings ({errors} errors); readiness {report.readiness:.0%}"
        )
    sys.exit(_status(report.findings))


@cli.command()
@click.argument("plan_path", metavar="PLAN")
@click.argument("situation_path", metavar="SITUATION")
@click.option("--sender", required=True, help="The alert's sender, e.g. alerts@example.org.")
@click.option("--identifier", required=True, help="The alert's identifier, unique per sender.")
@click.option("--area", default=None, help="The area description (areaDesc).")
@_NOW
def cap(
    *,
    plan_path: str,
    situation_path: str,
    sender: str,
    identifier: str,
    area: str | None,
    now: str | None,
) -> None:
    """Print the crisis as an OASIS CAP 1.2 alert, one info block per language."""
    from crisiscomms import CrisisCommsError, draft_responses
    from crisiscomms.cap import to_cap_xml

    plan, _ = _plan(plan_path)
    situation = _situation(situation_path, plan)
    moment = _now(now)
    try:
        drafts = draft_responses(plan, situation, now=moment)
        xml = to_cap_xml(
            plan, situation, drafts, sender=sender, identifier=identifier, sent=moment, area=area
        )
    except CrisisCommsError as error:
        _fail(str(error), 1)
    click.echo(xml)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line (the ``crisiscomms`` console script)."""
    # pydantic looks for plugins (observability hooks) through every installed
    # package's entry points when it builds its first validator: a scan of the
    # environment's metadata that costs a short command a tenth of its run. The
    # command line runs none; a caller who wants them sets the variable itself.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    cli.main(args=list(argv) if argv is not None else None, prog_name="crisiscomms")
