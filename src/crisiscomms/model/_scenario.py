"""The drill model: a `Scenario` of timed `Inject`s, and the `ExerciseLog` of what the team did.

A scenario follows HSEEP's Master Scenario Events List: each inject has a
number (its place), a scenario time (`Inject.at`, from the start), a kind,
who it comes from and who receives it, a description, and the actions
expected of the players with their deadlines (`ExpectedAction`). Times
inside a scenario are offsets from `Scenario.starts_at`, so a scenario can
be replayed on any day; times in the log are instants, as tools record them.
"""

import bisect
import enum
import functools
from datetime import datetime, timedelta
from typing import Annotated, Any, Self, final

from pydantic import AwareDatetime, Field, model_validator

from crisiscomms._errors import InputError
from crisiscomms._records import InjectRecord
from crisiscomms._tables import html_table
from crisiscomms.model._base import Mode, Model, Phase, PositiveDuration, Slug
from crisiscomms.model._elements import Approval
from crisiscomms.model._facts import Facts
from crisiscomms.model._mention import Mention
from crisiscomms.model._plan import Situation
from crisiscomms.model._sent import Instant, SentMessage

__all__ = [
    "ActionKind",
    "ExerciseLog",
    "ExerciseMessage",
    "ExpectedAction",
    "Inject",
    "InjectKind",
    "Rebuttal",
    "Scenario",
    "SeverityChange",
    "TemplateApproval",
]

#: A time from the start of the scenario: zero or more.
Offset = Annotated[timedelta, Field(ge=timedelta(0))]


@final
class InjectKind(enum.StrEnum):
    """What an inject does to the drill.

    >>> InjectKind("mention_burst")
    <InjectKind.MENTION_BURST: 'mention_burst'>
    """

    FACT_CHANGE = "fact_change"
    SEVERITY_CHANGE = "severity_change"
    MENTION_BURST = "mention_burst"
    MEDIA_INQUIRY = "media_inquiry"
    STAKEHOLDER_QUESTION = "stakeholder_question"
    REGULATOR_REQUEST = "regulator_request"
    CHANNEL_OUTAGE = "channel_outage"
    PHASE_CHANGE = "phase_change"


@final
class ActionKind(enum.StrEnum):
    """What the players are expected to do.

    - ``first_statement``: the first message to a stakeholder;
    - ``answer``: a message to the stakeholder who asked (a journalist, a customer);
    - ``notification``: a message that fulfils a legal or contractual obligation;
    - ``rebuttal``: an answer to a false or misleading claim;
    - ``escalation``: raise the severity to at least a level.

    >>> ActionKind("rebuttal")
    <ActionKind.REBUTTAL: 'rebuttal'>
    """

    FIRST_STATEMENT = "first_statement"
    ANSWER = "answer"
    NOTIFICATION = "notification"
    REBUTTAL = "rebuttal"
    ESCALATION = "escalation"


@final
class ExpectedAction(Model):
    """One thing the players must do, by when, and why (the plan's rule it comes from).

    `counts_from` and `due` are offsets from the scenario's start: the action
    counts when done at or after `counts_from`, and is on time when done by
    `due`.

    >>> from datetime import timedelta
    >>> ExpectedAction(id="first-statement-media", kind="first_statement",
    ...                description="First statement to the media", stakeholder="media",
    ...                counts_from=timedelta(0), due=timedelta(hours=1)).due
    datetime.timedelta(seconds=3600)
    """

    id: Slug
    kind: ActionKind
    description: Annotated[str, Field(min_length=1)]
    counts_from: Offset
    due: Offset
    stakeholder: Slug | None = None
    claim: Slug | None = None
    severity: Slug | None = None
    obligation: Slug | None = None
    rule: Slug | None = None
    objective: str = ""

    @model_validator(mode="after")
    def _target(self) -> Self:
        needed = {
            ActionKind.FIRST_STATEMENT: "stakeholder",
            ActionKind.ANSWER: "stakeholder",
            ActionKind.NOTIFICATION: "obligation",
            ActionKind.REBUTTAL: "claim",
            ActionKind.ESCALATION: "severity",
        }[self.kind]
        if getattr(self, needed) is None:
            raise ValueError(
                f"a {self.kind.value} action needs '{needed}'; say which {needed} it concerns"
            )
        if self.due < self.counts_from:
            raise ValueError(
                f"due ({self.due}) is before counts_from ({self.counts_from}); an action cannot"
                " be due before it counts"
            )
        return self


@final
class Inject(Model):
    """One event of the scenario: what happens, when, to whom, and what is expected.

    Its payload depends on its `kind`: `facts` for a fact change, `severity`
    for a severity change, `phase` for a phase change, `mentions` for a
    burst, `question` (from the stakeholder `source`) for an inquiry, a
    question or a request, `channel` for an outage. `to` is the role of the
    plan that receives it (None in a plan without roles).

    >>> from datetime import timedelta
    >>> Inject(id="inject-02", at=timedelta(minutes=40), kind="fact_change",
    ...        description="More customers affected", facts={"affected_customers": 18000}).kind
    <InjectKind.FACT_CHANGE: 'fact_change'>
    """

    id: Slug
    at: Offset
    kind: InjectKind
    description: Annotated[str, Field(min_length=1)]
    to: Slug | None = None
    source: Slug | None = None
    facts: Facts = Field(default_factory=dict)
    severity: Slug | None = None
    phase: Phase | None = None
    mentions: tuple[Mention, ...] = ()
    question: str = ""
    channel: Slug | None = None
    expected: tuple[ExpectedAction, ...] = ()

    @model_validator(mode="after")
    def _payload(self) -> Self:
        needed = {
            InjectKind.FACT_CHANGE: ("facts", bool(self.facts)),
            InjectKind.SEVERITY_CHANGE: ("severity", self.severity is not None),
            InjectKind.PHASE_CHANGE: ("phase", self.phase is not None),
            InjectKind.MENTION_BURST: ("mentions", bool(self.mentions)),
            InjectKind.MEDIA_INQUIRY: ("question", bool(self.question)),
            InjectKind.STAKEHOLDER_QUESTION: ("question", bool(self.question)),
            InjectKind.REGULATOR_REQUEST: ("question", bool(self.question)),
            InjectKind.CHANNEL_OUTAGE: ("channel", self.channel is not None),
        }[self.kind]
        if not needed[1]:
            raise ValueError(f"a {self.kind.value} inject needs '{needed[0]}'; give its payload")
        return self


@final
class Scenario(Model):
    """A drill: a crisis that starts at `starts_at` and the injects that drive it.

    Build one with `crisiscomms.generate_scenario` (deterministic, from the
    plan), or write one by hand. `situation_at` gives the `Situation` as the
    injects have made it by a time, so a notebook can step through the drill
    and draft at each step; its mode is always ``exercise``.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms import generate_scenario
    >>> from crisiscomms.samples import demo_plan
    >>> drill = generate_scenario(demo_plan(), seed=7, crisis_type="data-breach",
    ...                           starts_at=datetime(2026, 12, 3, 9, tzinfo=timezone.utc))
    >>> drill.situation_at(drill.duration).mode.value
    'exercise'
    """

    id: Slug
    seed: int
    crisis_type: Slug
    starts_at: AwareDatetime
    duration: PositiveDuration = timedelta(hours=4)
    severity: Slug
    phase: Phase = Phase.INITIAL
    facts: Facts = Field(default_factory=dict)
    injects: tuple[Inject, ...] = ()

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        ids = [inject.id for inject in self.injects]
        if len(set(ids)) != len(ids):
            raise ValueError("inject ids must be unique; number them (inject-01, inject-02, ...)")
        actions = [action.id for inject in self.injects for action in inject.expected]
        if len(set(actions)) != len(actions):
            raise ValueError("expected action ids must be unique across the scenario")
        times = [inject.at for inject in self.injects]
        if times != sorted(times):
            raise ValueError("injects must be in time order (by 'at'); sort them")
        return self

    @property
    def ends_at(self) -> datetime:
        """The instant the drill ends: `starts_at` + `duration`."""
        return self.starts_at + self.duration

    @property
    def expected_actions(self) -> tuple[ExpectedAction, ...]:
        """Every expected action of every inject, in inject order."""
        return tuple(action for inject in self.injects for action in inject.expected)

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """Every mention of every burst, in inject order."""
        return tuple(m for inject in self.injects for m in inject.mentions)

    def offset(self, value: object, /) -> timedelta:
        """`value` as an offset from the start: a timedelta as is, an aware datetime from it.

        Raises:
            InputError: neither a timedelta nor an aware datetime.
        """
        if isinstance(value, timedelta):
            return value
        if isinstance(value, datetime) and value.utcoffset() is not None:
            return value - self.starts_at
        raise InputError.for_type(
            "offset", "a timedelta from the start, or an aware datetime", value
        )

    def situation_at(self, offset: timedelta | datetime, /) -> Situation:
        """The situation as the injects up to `offset` (included) have made it.

        Fact changes update the facts (and `facts_version`), severity and
        phase changes set them; detection is the start of the drill.

        >>> from datetime import datetime, timedelta, timezone
        >>> from crisiscomms import generate_scenario
        >>> from crisiscomms.samples import demo_plan
        >>> drill = generate_scenario(demo_plan(), seed=7, crisis_type="data-breach",
        ...                           starts_at=datetime(2026, 12, 3, 9, tzinfo=timezone.utc))
        >>> start = drill.situation_at(timedelta(0))
        >>> later = drill.situation_at(drill.duration)
        >>> start.facts_version < later.facts_version
        True

        Raises:
            InputError: `offset` is neither a timedelta nor an aware datetime.
        """
        when = self.offset(offset)
        return self._situations[bisect.bisect_right(self._times, when)]

    @functools.cached_property
    def _times(self) -> list[timedelta]:
        return [inject.at for inject in self.injects]

    @functools.cached_property
    def _situations(self) -> list[Situation]:
        # The situation after each prefix of the injects, built once: scoring asks for
        # the situation of every message sent.
        return [self._situation_after(count) for count in range(len(self.injects) + 1)]

    def _situation_after(self, count: int) -> Situation:
        facts: dict[str, Any] = dict(self.facts)
        severity, phase, version = self.severity, self.phase, 1
        for inject in self.injects[:count]:
            if inject.kind is InjectKind.FACT_CHANGE:
                facts.update(inject.facts)
                version += 1
            elif inject.kind is InjectKind.SEVERITY_CHANGE and inject.severity is not None:
                severity = inject.severity
            elif inject.kind is InjectKind.PHASE_CHANGE and inject.phase is not None:
                phase = inject.phase
        return Situation(
            crisis_type=self.crisis_type,
            severity=severity,
            phase=phase,
            detected_at=self.starts_at,
            facts=facts,
            mode=Mode.EXERCISE,
            facts_version=version,
        )

    def to_records(self) -> list[InjectRecord]:
        """The Master Scenario Events List: one flat dict per inject.

        ``at`` is the inject's instant, ``after`` its time from the start.

        >>> from datetime import datetime, timezone
        >>> from crisiscomms import generate_scenario
        >>> from crisiscomms.samples import demo_plan
        >>> rows = generate_scenario(demo_plan(), seed=7, crisis_type="data-breach",
        ...     starts_at=datetime(2026, 12, 3, 9, tzinfo=timezone.utc)).to_records()
        >>> list(rows[0])
        ['number', 'id', 'at', 'after', 'kind', 'to', 'source', 'description', 'expected']
        """
        return [
            InjectRecord(
                number=number,
                id=inject.id,
                at=self.starts_at + inject.at,
                after=inject.at,
                kind=inject.kind.value,
                to=inject.to,
                source=inject.source,
                description=inject.description,
                expected="; ".join(
                    f"{a.description} by T+{_clock(a.due)}" for a in inject.expected
                ),
            )
            for number, inject in enumerate(self.injects, start=1)
        ]

    def __repr__(self) -> str:
        """A short summary; `to_records` and the notebook table list every inject."""
        return (
            f"Scenario({self.id!r}: {self.crisis_type}, {len(self.injects)} injects,"
            f" starts {self.starts_at.isoformat()})"
        )

    def _repr_html_(self) -> str:
        """The inject list as an HTML table, every value escaped."""
        rows = [
            {**row, "after": f"T+{_clock(row['after'])}"}  # the offset as drills write it
            for row in self.to_records()
        ]
        return html_table(
            rows,
            caption=f"Scenario {self.id}: {self.crisis_type}, {len(self.injects)} injects,"
            f" starts {self.starts_at.isoformat()}",
        )


def _clock(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


@final
class ExerciseMessage(Model):
    """One message the team sent during the drill: the `SentMessage` record and its text.

    `rebuts` names the claims it answers (a message from a template whose key
    is a claim's `rebuttal_key` answers that claim without saying so).

    >>> from datetime import datetime, timezone
    >>> sent = SentMessage(stakeholder="media", channel="press", phase="initial",
    ...                    sent_at=datetime(2026, 12, 3, 9, 40, tzinfo=timezone.utc))
    >>> ExerciseMessage(sent=sent, text="EXERCICE: communiqué").sent.stakeholder
    'media'
    """

    sent: SentMessage
    text: str
    rebuts: tuple[Slug, ...] = ()


@final
class SeverityChange(Model):
    """A severity the team declared, and when.

    >>> from datetime import datetime, timezone
    >>> SeverityChange(severity="critical", at=datetime(2026, 12, 3, 10, tzinfo=timezone.utc)).by
    ''
    """

    severity: Slug
    at: Instant
    by: str = ""


@final
class Rebuttal(Model):
    """A rebuttal of a known claim the team posted, and when (outside the messages logged).

    >>> from datetime import datetime, timezone
    >>> Rebuttal(claim="data-for-sale", at=datetime(2026, 12, 3, 10, tzinfo=timezone.utc)).claim
    'data-for-sale'
    """

    claim: Slug
    at: Instant
    message: str = ""


@final
class TemplateApproval(Model):
    """An approval the team gave to a template during the drill.

    From its `approved_at` it replaces the template's approval in the plan
    when messages sent from it are judged.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms.samples import demo_plan
    >>> template = demo_plan().template("breach-sms-fr")
    >>> given = TemplateApproval(template_id=template.id, approval=Approval(
    ...     approved_by=["amelie-durand", "thomas-leroy"], digest=template.digest,
    ...     approved_at=datetime(2026, 12, 3, 9, 20, tzinfo=timezone.utc)))
    >>> given.approval.approved_by
    ('amelie-durand', 'thomas-leroy')
    """

    template_id: Slug
    approval: Approval


@final
class ExerciseLog(Model):
    """What the team did during a drill, with times: what `score_exercise` scores.

    Entries may come in any order; `score_exercise` reads them in time order
    and reports (never drops silently) the ones that do not fit the plan or
    the scenario.

    >>> ExerciseLog().messages
    ()
    """

    messages: tuple[ExerciseMessage, ...] = ()
    severity_changes: tuple[SeverityChange, ...] = ()
    rebuttals: tuple[Rebuttal, ...] = ()
    approvals: tuple[TemplateApproval, ...] = ()
    participants: tuple[Slug, ...] = ()
