"""`Finding`: what every check of crisiscomms returns.

A finding is a value, never an exception: checks (`check_message`,
`check_consistency`, `approval_status`, `evaluate_timeliness`, ...) return
them and never raise for a finding. Codes are stable API, documented one by
one in ``docs/findings.md``; the family is the three letters (``LEN``,
``TPL``, ``APR``, ``SEC``, ``CON``, ``TIM``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import final

import attrs

from crisiscomms._codes import FINDING_CODES, Level
from crisiscomms._errors import InputError

__all__ = ["Finding", "Level", "has_errors"]


def _check_span(
    instance: Finding, attribute: attrs.Attribute[tuple[int, int] | None], value: object
) -> None:
    if value is None:
        return
    if (
        not isinstance(value, tuple)
        or len(value) != 2
        or not all(isinstance(v, int) for v in value)
    ):
        raise InputError.for_type("span", "a (start, end) tuple of two int, or None", value)
    if not 0 <= value[0] <= value[1]:
        raise InputError.for_value("span", "(start, end) with 0 <= start <= end", value)


def _check_code(instance: Finding, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InputError.for_type("code", "a finding code (str) such as 'LEN001'", value)


def _check_level(instance: Finding, attribute: attrs.Attribute[Level], value: Level) -> None:
    rule = FINDING_CODES.get(instance.code)
    if rule is not None and rule.level is not value:
        raise InputError.for_value(
            "level",
            f"{rule.level.value!r}, the registered level of {rule.code}",
            value.value,
            hint="use Finding.of(code, message), which takes the level from the registry",
        )


def _to_level(value: object) -> Level:
    if isinstance(value, Level):
        return value
    try:
        return Level(str(value)) if isinstance(value, str) else Level(value)  # type: ignore[arg-type]
    except ValueError:
        raise InputError.for_value("level", "one of 'error', 'warning', 'info'", value) from None


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

    code: str = attrs.field(validator=_check_code)
    level: Level = attrs.field(converter=_to_level, validator=_check_level)
    message: str
    subject: str = ""
    span: tuple[int, int] | None = attrs.field(default=None, validator=_check_span)

    @classmethod
    def of(
        cls, code: str, message: str, *, subject: str = "", span: tuple[int, int] | None = None
    ) -> Finding:
        """The finding of a registered `code`, at the level `crisiscomms.FINDING_CODES` gives it.

        >>> print(Finding.of("TIM002", "sent 10 min late", subject="regulators"))
        warning TIM002 [regulators]: sent 10 min late

        Raises:
            InputError: `code` is not in the registry.
        """
        rule = FINDING_CODES.get(code)
        if rule is None:
            raise InputError.for_value(
                "code", "a code of crisiscomms.FINDING_CODES", code, hint="see docs/findings.md"
            )
        return cls(code, rule.level, message, subject, span)

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

    >>> has_errors([Finding.of("LEN002", "long")])
    False
    """
    return any(f.level is Level.ERROR for f in findings)
