"""`check_consistency`: one run, from the inputs to the report.

The steps, each over every message before the next (the code of a step stays
warm): read the messages (`_reading`), tie their values to facts (`_tying`),
compare the values of each fact (`_rules`, with `_comparison`), then the
status words, the zones and the missing facts; the report (`_report`) gathers
what the rules found.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from crisiscomms._arguments import addressed_in_plan
from crisiscomms._consistency._comparison import Comparison
from crisiscomms._consistency._inputs import (
    Spec,
    checked_facts,
    checked_messages,
    checked_plan,
    specs_of,
)
from crisiscomms._consistency._reading import Read, read_messages, reference_date, stated_date
from crisiscomms._consistency._report import ConsistencyReport, StatedFact
from crisiscomms._consistency._rules import STATUS, Rules
from crisiscomms._consistency._tying import COMPATIBLE, Groups, Tying, names_a_text
from crisiscomms._marking import check_marking, exercise_flag
from crisiscomms._message import Message
from crisiscomms.model._facts import FactValue
from crisiscomms.model._plan import Plan
from crisiscomms.text._extraction import ExtractedValue

__all__ = ["check_consistency"]


def check_consistency(
    messages: Iterable[Message],
    /,
    *,
    facts: Mapping[str, object] | None = None,
    plan: Plan | None = None,
    exercise: object = None,
) -> ConsistencyReport:
    """Find where a set of messages disagrees, with itself or with the facts.

    Each message is read in its own locale (numbers, dates, times with their
    zone, links, contacts, status words), each value is tied to a fact of
    the plan by the cue next to it, and the values of one fact are compared
    after time zones. The codes (``docs/findings.md``): ``CON001`` numbers,
    ``CON002`` instants, ``CON003`` links, ``CON004`` contacts, ``CON005`` a
    required fact missing from a public message, ``CON006`` status words,
    ``CON007`` a value that matches no fact (warning), ``CON008`` a time
    without a zone for readers in another zone (warning). How values are
    tied and compared, and the limits of it, are in the explanation page
    "How consistency is decided".

    Args:
        messages: the messages to check together (`Message`).
        facts: the facts they should state (a situation's ``facts``): each
            finding then says which value the facts hold.
        plan: the plan, for the facts' cues, kinds and requirements, the
            channels' audiences, the templates' phases and the time zones.

        exercise: True when the messages are drill messages, each of which
            must carry the exercise marker of its language; False when they
            are real, and must carry none (``EXR`` findings, see
            `check_message`); a `Situation` or `Mode` says it by its mode;
            None (the default) does not check the marking.

    Returns:
        A `ConsistencyReport`; an empty set gives an empty, ok report.

    Raises:
        UnsupportedLocaleError: when a message's locale is not supported.
        InputError: when an argument has the wrong shape.

    >>> from crisiscomms import Message
    >>> from crisiscomms.samples import demo_plan, demo_situation
    >>> report = check_consistency(
    ...     [
    ...         Message("12 000 clients concernés. Suivi : https://status.lumea.fr/incident/2411",
    ...                 channel="x-fr", locale="fr_FR"),
    ...         Message("15,000 customers affected. Updates: https://status.lumea.fr/incident/2411",
    ...                 channel="linkedin", locale="en_GB"),
    ...     ],
    ...     facts=demo_situation().facts,
    ...     plan=demo_plan(),
    ... )
    >>> report.ok
    False
    >>> print(report.findings[0])
    error CON001 [linkedin/en_GB]: linkedin/en_GB says '15,000' for affected_customers at 0-6, \
but the facts hold 12000 (as x-fr/fr_FR says: '12 000'); correct the message
    """
    checked = checked_messages(messages)
    fact_values = checked_facts(facts)
    valid_plan = checked_plan(plan)
    if valid_plan is not None:  # a message to a stakeholder or channel the plan lacks: a typo
        addressed_in_plan(checked, valid_plan, argument="messages")
    return with_marking(_run(checked, fact_values, valid_plan), checked, exercise, valid_plan)


def _run(
    messages: list[Message], facts: dict[str, FactValue], plan: Plan | None
) -> ConsistencyReport:
    specs = specs_of(plan, facts)
    reference = reference_date(facts)
    sender_zone = plan.timezone if plan is not None else None
    reads = read_messages(messages, plan, reference, sender_zone)
    first_date = next((d for read in reads if (d := stated_date(read)) is not None), None)
    comparison = Comparison(facts, reference, first_date)
    tying = Tying(specs, facts, comparison)
    groups = Groups()
    rules = Rules(facts, plan, specs, comparison)
    by_fact: dict[str, list[tuple[Read, ExtractedValue]]] = {}
    for read in reads:
        tying.tie(read)
    for read in reads:
        for position, value in enumerate(read.values):
            if value.kind not in COMPATIBLE:
                continue
            name = read.ties.get(position)
            if name is None and names_a_text(read.message.text, value):
                continue  # "article 33 du RGPD" names a text: it claims nothing
            if name is None and tying.is_own_page(value):
                continue  # another page of the organisation's own site states no fact
            if name is None:
                name = groups.of(read, value)
                if name is None or specs:
                    rules.unmatched(read, value)
            if name is not None:
                by_fact.setdefault(name, []).append((read, value))
            rules.rows.append((read, value, name))
    for name, stated in by_fact.items():
        spec = rules.by_name.get(name)
        if spec is not None and name in facts:
            rules.compare_with_facts(name, stated)
        else:
            rules.compare_with_each_other(name, spec.kind if spec else None, stated)
    rules.statuses(reads)
    for read in reads:
        rules.zone_warnings(read)
        rules.missing(read)
    return _report(rules, specs, facts, reads)


def _report(
    rules: Rules, specs: list[Spec], facts: dict[str, FactValue], reads: list[Read]
) -> ConsistencyReport:
    rules.findings.sort(key=lambda item: item[:3])
    order: dict[str, int] = {spec.name: i for i, spec in enumerate(specs)}
    rows = []
    names: dict[str, None] = {}  # in order of first statement; a set for thousands of links
    for read, value, name in rules.rows:
        held = facts.get(name) if name is not None else None
        rows.append(
            StatedFact(
                read.label,
                name,
                value.kind,
                value.value,
                value.text,
                value.span,
                held,
                rules.agreement.get((read.index, value.span)),
            )
        )
        if name is not None:
            names.setdefault(name)
    names.update(dict.fromkeys(name for _, name in rules.missing_facts))
    ordered = sorted(names, key=lambda n: (order.get(n, len(order)), n == STATUS))
    index = {read.label: read.index for read in reads}
    rows.sort(key=lambda r: (index[r.message], r.span))
    return ConsistencyReport(
        findings=tuple(item[3] for item in rules.findings),
        facts_seen=tuple(rows),
        messages=tuple(read.label for read in reads),
        facts=tuple(ordered),
        expected=tuple((n, facts[n]) for n in ordered if n in facts),
        missing=tuple(rules.missing_facts),
    )


def with_marking(
    report: ConsistencyReport,
    messages: Sequence[Message],
    exercise: object,
    plan: Plan | None,
) -> ConsistencyReport:
    """`report` with the ``EXR`` findings of each message added (none when `exercise` is None)."""
    if exercise_flag(exercise) is None:
        return report
    marking = [
        finding
        for label, message in zip(report.messages, messages, strict=True)
        for finding in check_marking(
            message.text, message.locale, exercise=exercise, plan=plan, subject=label
        )
    ]
    return attrs.evolve(report, findings=(*report.findings, *marking)) if marking else report
