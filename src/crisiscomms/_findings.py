"""`Finding`: what every check of crisiscomms returns.

A finding is a value, never an exception: checks (`check_message`,
`check_consistency`, `approval_status`, `evaluate_timeliness`, ...) return
them and never raise for a finding. Codes are stable API, documented one by
one in ``docs/findings.md``; the family is the three letters (``LEN``,
``TPL``, ``APR``, ``SEC``, ``CON``, ``TIM``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import final

import attrs

__all__ = ["Finding", "Level", "has_errors"]


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


def _check_span(
    instance: Finding, attribute: attrs.Attribute[tuple[int, int] | None], value: object
) -> None:
    if value is None:
        return
    if (
        not isinstance(value, tuple)
        or len(value) != 2
        or not all(isinstance(v, int) for v in value)
        or not 0 <= value[0] <= value[1]
    ):
        raise ValueError(f"span: expected (start, end) with 0 <= start <= end, got {value!r}")


@final
@attrs.frozen
class Finding:
    """One thing a check found: a stable code, a level, and what to do.

    Args:
        code: stable identifier such as ``LEN001``; see ``docs/findings.md``.
        level: error, warning or info.
        message: what is wrong and what to do about it, in one sentence or two.
        subject: the template, channel, message or plan element concerned.
        span: ``(start, end)`` character offsets in the checked text, if any.

    >>> f = Finding("LEN001", Level.ERROR, "312 of 280: cut 32", subject="x")
    >>> f.family, f.is_error
    ('LEN', True)
    >>> print(f)
    error LEN001 [x]: 312 of 280: cut 32
    """

    code: str
    level: Level = attrs.field(converter=Level)
    message: str
    subject: str = ""
    span: tuple[int, int] | None = attrs.field(default=None, validator=_check_span)

    @property
    def family(self) -> str:
        """The three-letter family of the code (``LEN``, ``CON``, ...)."""
        return self.code[:3]

    @property
    def is_error(self) -> bool:
        """True when the level is error."""
        return self.level is Level.ERROR

    def __str__(self) -> str:
        where = f" [{self.subject}]" if self.subject else ""
        return f"{self.level} {self.code}{where}: {self.message}"


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when at least one of `findings` is an error.

    >>> has_errors([Finding("LEN002", "warning", "long")])
    False
    """
    return any(f.level is Level.ERROR for f in findings)
