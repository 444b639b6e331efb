"""The registry of finding codes: every code a check can report, in one table.

Codes are stable API, like a linter's rules. Each has one level, one family
(its three letters) and a one-line meaning; `crisiscomms.Finding.of` takes
the level from here, so no checker decides a code's level on its own, and
``docs/findings.md`` documents exactly these codes (a test holds it to them).
"""

from __future__ import annotations

import enum
import types
from collections.abc import Iterator, Mapping
from typing import final

import attrs

__all__ = ["FINDING_CODES", "FindingCode", "FindingCodes", "Level"]


@final
class Level(enum.StrEnum):
    """How serious a finding is.

    >>> Level("warning").rank
    1
    """

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error: sort findings by it.

        >>> sorted(["info", "error", "warning"], key=lambda v: Level(v).rank, reverse=True)
        ['error', 'warning', 'info']
        """
        return _RANKS[self]


_RANKS = {Level.INFO: 0, Level.WARNING: 1, Level.ERROR: 2}


@final
@attrs.frozen
class FindingCode:
    """One rule of the registry: a stable code, its level and what it means.

    >>> from crisiscomms import FINDING_CODES
    >>> rule = FINDING_CODES["LEN001"]
    >>> rule.family, rule.level
    ('LEN', <Level.ERROR: 'error'>)
    >>> print(rule)
    LEN001 (error): over the hard limit of the channel or platform
    """

    code: str
    level: Level
    summary: str

    @property
    def family(self) -> str:
        """The three letters that name the family (``LEN``, ``CON``, ...)."""
        return self.code[:3]

    def __str__(self) -> str:
        return f"{self.code} ({self.level}): {self.summary}"


_E, _W, _I = Level.ERROR, Level.WARNING, Level.INFO

# (code, level, meaning). One line a code; docs/findings.md explains each with an example.
_TABLE: tuple[tuple[str, Level, str], ...] = (
    # LEN: platform length and segment rules (check_message)
    ("LEN001", _E, "over the hard limit of the channel or platform"),
    ("LEN002", _W, "over the recommended length, or an SMS sent in more than one part"),
    ("LEN003", _E, "over the byte limit that holds beside the length limit"),
    ("LEN004", _W, "SMS: characters that force UCS-2 and cost extra parts"),
    ("LEN005", _E, "X refuses U+FFFE, U+FEFF and U+FFFF"),
    ("LEN006", _E, "too many links for the platform"),
    ("LEN007", _E, "too many mentions for the platform"),
    ("LEN008", _E, "too many hashtags for the platform"),
    ("LEN009", _E, "the message is empty, or only spaces"),
    ("LEN010", _I, "SMS: characters that force UCS-2 at no extra part"),
    # TPL: templates and placeholders
    ("TPL100", _E, "a placeholder was left in the text"),
    ("TPL201", _E, "the template needs facts the situation lacks"),
    ("TPL202", _E, "a fact has the wrong type for its format"),
    ("TPL203", _E, "the template cannot be rendered for another reason"),
    ("TPL204", _W, "a fact shown as a percent holds more than 1 (62.5 for 62.5 %)"),
    # APR: approvals
    ("APR001", _E, "the template has no approval, or one dated after now"),
    ("APR002", _E, "the approval expired"),
    ("APR003", _E, "the template's text or scope changed after it was approved"),
    ("APR004", _E, "fewer approvers holding an approver role than the severity requires"),
    ("APR005", _E, "the approval names someone who is not among the plan's people"),
    ("APR006", _E, "a target has no valid approved template: a gap"),
    ("APR007", _W, "a reader gets the default locale: nothing valid in their language"),
    ("APR008", _E, "the plan requires signed approvals here and too few approvers signed"),
    ("APR009", _E, "a signature of the approval does not verify with its signer's keys"),
    ("APR010", _I, "the approval counts but is not signed: nothing proves who gave it"),
    # SEC: unsafe Unicode and links
    ("SEC001", _E, "a bidirectional control character"),
    ("SEC002", _W, "an invisible character"),
    ("SEC003", _E, "a lone surrogate"),
    ("SEC004", _E, "a link whose domain is written in punycode"),
    ("SEC005", _E, "a link whose domain mixes scripts in one label"),
    ("SEC006", _E, "a link outside the plan's allowed domains"),
    ("SEC007", _E, "a link whose domain is written in another script's look-alikes of Latin"),
    ("SEC008", _E, "a link whose scheme is not http or https"),
    ("SEC009", _W, "a Slack broadcast that notifies every member of the channel"),
    # CON: consistency between messages and with the facts
    ("CON001", _E, "different numbers for the same fact"),
    ("CON002", _E, "different instants for the same fact"),
    ("CON003", _E, "a link that differs from the fact's link"),
    ("CON004", _E, "a contact that differs from the facts"),
    ("CON005", _E, "a required fact is missing from a public message"),
    ("CON006", _E, "status words disagree"),
    ("CON007", _W, "a value that matches no fact"),
    ("CON008", _W, "a time without a zone for readers in another zone"),
    # TIM: deadlines and cadence
    ("TIM001", _E, "a deadline passed and nothing was sent"),
    ("TIM002", _W, "a deadline was met late"),
    ("TIM003", _W, "an open deadline is due soon"),
    ("TIM004", _I, "a message dated after now meets nothing yet"),
    ("TIM005", _I, "a message sent before detection meets no deadline"),
    # EXR: exercises (marking of drill messages, scoring of drills)
    ("EXR001", _E, "a drill message without its exercise marker"),
    ("EXR002", _E, "a real message that carries an exercise marker"),
    ("EXR003", _W, "the exercise marker is not where the plan puts it"),
    ("EXR004", _W, "a drill message overflows only because of its marker"),
    ("EXR005", _E, "an expected action of the drill was missed"),
    ("EXR006", _W, "an expected action of the drill was done late"),
    ("EXR007", _E, "a drill message from a template not approved at send time"),
    ("EXR008", _I, "a hand-written drill message, counted apart from approvals"),
    ("EXR009", _W, "a log entry or expected action that does not fit, left out of the score"),
    ("EXR010", _I, "log entries out of time order, scored in time order"),
    ("EXR011", _W, "a drill message sent on a channel during its outage"),
    ("EXR012", _W, "a concerned stakeholder, channel or language never reached"),
    # PLN: plan lint (lint_plan): what would fail during a crisis, found before it
    ("PLN001", _E, "a required role that nobody holds"),
    ("PLN002", _W, "a required or approving role held by one person only"),
    ("PLN003", _E, "a severity whose approvals its approvers can never meet"),
    ("PLN004", _E, "the plan names no people"),
    ("PLN010", _E, "no valid approved initial template for a coverage cell"),
    ("PLN011", _W, "no valid approved update or resolved template for a coverage cell"),
    ("PLN012", _W, "a reader's locale served only through the default locale's language"),
    ("PLN013", _E, "the plan has no templates"),
    ("PLN014", _W, "the plan has no stakeholders, or no crisis types"),
    ("PLN020", _E, "a template's approval expired"),
    ("PLN021", _E, "a template changed after it was approved"),
    ("PLN022", _W, "a template's approval expires soon"),
    ("PLN023", _E, "an approver who is not in the plan or holds no approving role"),
    ("PLN024", _W, "a template without an approval, or with one dated after now"),
    ("PLN030", _E, "worst case over the hard length or byte limit of a channel"),
    ("PLN031", _W, "worst case over the recommended length, or in more than one SMS part"),
    ("PLN032", _W, "a branch or literal text that forces an SMS into UCS-2"),
    ("PLN033", _I, "a fact without max_length: a default worst case is used"),
    ("PLN034", _W, "a placeholder names a fact the plan does not specify"),
    ("PLN040", _E, "a public template lacks a fact required in its phase"),
    ("PLN041", _W, "a time without a zone for readers in another time zone"),
    ("PLN050", _E, "unsafe Unicode or a look-alike link in a template's text"),
    ("PLN051", _W, "an invisible character in a template's text"),
    ("PLN052", _E, "a link in a template's text outside the allowed domains"),
    ("PLN060", _E, "a false or misleading claim without an approved rebuttal"),
    ("PLN061", _W, "an escalation rule that can never raise the severity"),
    ("PLN070", _E, "an obligation that no approved template can meet"),
    ("PLN080", _W, "a plural branch the template's locale never selects"),
    ("PLN081", _W, "two templates with the same key, locale, phase and scope"),
    ("PLN082", _W, "first-statement targets that get longer as severity rises"),
    ("PLN083", _W, "a fact with required_in but not required"),
    ("PLN090", _W, "no exercise recorded, or the last one older than the cadence"),
    ("PLN091", _I, "a person in a required role without a recent exercise"),
    ("PLN092", _I, "a crisis type of the register never exercised"),
    ("PLN093", _I, "the plan sets no training cadence"),
    # REV: post-crisis review, one code a kind of lesson (review_crisis)
    ("REV001", _W, "a stakeholder concerned got no message in time"),
    ("REV002", _W, "the first public statement missed the severity's target"),
    ("REV003", _W, "updates to a stakeholder came after the cadence"),
    ("REV004", _W, "an update promised in a message did not come in time"),
    ("REV005", _E, "a legal or contractual obligation was missed"),
    ("REV006", _W, "a template whose approval lapsed or was edited was used or needed"),
    ("REV007", _E, "a message contradicted the facts in force when it was sent"),
    ("REV008", _W, "messages sent under the same facts contradicted each other"),
    ("REV009", _I, "a value stood next to a word that is no cue of its fact"),
    ("REV010", _W, "a known claim was rebutted late or not at all"),
    ("REV011", _W, "a reader got a message in another language than theirs"),
    ("REV012", _W, "the severity was raised later or earlier than the escalation rules"),
)


@final
class FindingCodes(Mapping[str, FindingCode]):
    """The registry: every finding code of the library, in documentation order.

    A read-only mapping from code to `FindingCode`; ``crisiscomms.FINDING_CODES``
    is the one instance. List the rules like a linter's:

    >>> from crisiscomms import FINDING_CODES
    >>> [rule.code for rule in FINDING_CODES.family("TIM")]
    ['TIM001', 'TIM002', 'TIM003', 'TIM004', 'TIM005']
    >>> "CON001" in FINDING_CODES, len(FINDING_CODES) > 30
    (True, True)
    """

    __slots__ = ("_codes",)

    def __init__(self, rules: tuple[tuple[str, Level, str], ...]) -> None:
        self._codes = types.MappingProxyType(
            {code: FindingCode(code, level, summary) for code, level, summary in rules}
        )

    def __getitem__(self, code: str) -> FindingCode:
        return self._codes[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)

    def __repr__(self) -> str:
        return f"<FindingCodes: {len(self)} codes in {len(self.families())} families>"

    def families(self) -> tuple[str, ...]:
        """The families, in documentation order.

        >>> from crisiscomms import FINDING_CODES
        >>> FINDING_CODES.families()[:3]
        ('LEN', 'TPL', 'APR')
        """
        return tuple(dict.fromkeys(rule.family for rule in self._codes.values()))

    def family(self, family: str) -> tuple[FindingCode, ...]:
        """The rules of one family (``"CON"``), in order; empty for an unknown family."""
        return tuple(rule for rule in self._codes.values() if rule.family == family)


#: Every finding code of the library, by code, in documentation order.
FINDING_CODES = FindingCodes(_TABLE)
