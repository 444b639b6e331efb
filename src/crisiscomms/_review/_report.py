"""`Review`: the metrics, strengths and lessons of one crisis, and its after-action report."""

from __future__ import annotations

from datetime import datetime
from typing import final

import attrs

from crisiscomms._errors import InputError
from crisiscomms._findings import Finding
from crisiscomms._records import MetricRecord
from crisiscomms._review._values import Lesson, Metric, Theme, show
from crisiscomms._tables import html_table

__all__ = ["Review"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


@final
@attrs.frozen
class Review:
    """The post-crisis review of one crisis: metrics by theme, strengths, lessons.

    Args:
        plan: the plan's name.
        crisis: the record's label, or the crisis type.
        detected_at: when the crisis was detected, in the plan's zone.
        end: the last event of the record, in the plan's zone.
        timeline: ``(instant, event)`` for each change and message, in order.
        metrics: every measurement, theme by theme (see `Theme`).
        strengths: what went well, in words (the targets that were met).
        lessons: what went wrong, each with the plan element it points at
            and, where a concrete change follows, its JSON Patch.

    >>> from crisiscomms import Theme, review_crisis
    >>> from crisiscomms.samples import demo_plan, demo_record
    >>> review = review_crisis(demo_plan(), demo_record())
    >>> review.metric(Theme.FIRST_STATEMENT, "first statement", "media").met
    False
    >>> "## Lessons and improvement plan" in review.to_markdown()
    True
    """

    plan: str
    crisis: str
    detected_at: datetime
    end: datetime
    timeline: tuple[tuple[datetime, str], ...]
    metrics: tuple[Metric, ...]
    strengths: tuple[str, ...]
    lessons: tuple[Lesson, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The ``REV`` finding of each lesson, most serious first."""
        return tuple(
            sorted((lesson.finding for lesson in self.lessons), key=lambda f: -f.level.rank)
        )

    def of(self, theme: Theme, /) -> tuple[Metric, ...]:
        """The metrics of one theme, in order."""
        return tuple(m for m in self.metrics if m.theme is theme)

    def metric(self, theme: Theme, name: str, subject: str = "", /) -> Metric:
        """The metric of this theme, name and subject.

        Raises:
            InputValueError: when the review has none; the message lists the theme's.
        """
        for candidate in self.metrics:
            if (
                candidate.theme is theme
                and candidate.name == name
                and candidate.subject == subject
            ):
                return candidate
        known = sorted({f"{m.name} [{m.subject}]" for m in self.of(theme)})
        raise InputError.for_value(
            "metric", f"a {theme.value} metric of the review", f"{name} [{subject}]",
            hint="known: " + (", ".join(known[:10]) or "none"),
        )  # fmt: skip

    def lesson(self, id: str, /) -> Lesson:
        """The lesson with this id (`Lesson.id`).

        Raises:
            InputValueError: when the review has none; the message lists a few.
        """
        for candidate in self.lessons:
            if candidate.id == id:
                return candidate
        raise InputError.for_value(
            "id", "the id of one of the review's lessons", id,
            hint="known: " + (", ".join(repr(x.id) for x in self.lessons[:10]) or "none"),
        )  # fmt: skip

    def to_records(self) -> list[MetricRecord]:
        """One plain dict per metric, ready for ``pandas.DataFrame`` or a CSV writer.

        >>> from crisiscomms import review_crisis
        >>> from crisiscomms.samples import demo_plan, demo_record
        >>> review_crisis(demo_plan(), demo_record()).to_records()[0]["metric"]
        'first public statement'
        """
        return [metric.to_record() for metric in self.metrics]

    def __str__(self) -> str:
        lines = [
            f"Review of {self.crisis} ({self.plan}): {show(self.detected_at)} to {show(self.end)}",
        ]
        for theme in Theme:
            metrics = self.of(theme)
            if not metrics:
                continue
            lines.append(f"{theme.heading}:")
            lines.extend(f"  {metric}" for metric in metrics)
        lines.append(f"Strengths: {len(self.strengths)}; lessons: {len(self.lessons)}")
        lines.extend(f"  {lesson.finding}" for lesson in self.lessons)
        return "\n".join(lines)

    def __repr__(self) -> str:
        """A short summary; `str`, `to_markdown` and `to_records` give every metric."""
        met = sum(m.met is True for m in self.metrics)
        missed = sum(m.met is False for m in self.metrics)
        return (
            f"<Review of {self.crisis!r} ({self.plan!r}): {len(self.metrics)} metrics,"
            f" {met} targets met, {missed} missed, {len(self.lessons)} lessons>"
        )

    def _repr_html_(self) -> str:
        """The metrics table and the lessons table, every value escaped."""
        marks = {True: "✓", False: "✗", None: ""}
        metrics = html_table(
            [
                {
                    "theme": m.theme.heading,
                    "metric": m.name,
                    "subject": m.subject,
                    "value": show(m.value),
                    "target": show(m.target),
                    "met": marks[m.met],
                    "detail": m.detail,
                }
                for m in self.metrics
            ],
            caption=f"Review of {self.crisis} ({self.plan}): {show(self.detected_at)}"
            f" to {show(self.end)}",
        )
        lessons = html_table(
            [
                {
                    "plan element": lesson.path,
                    "finding": str(lesson.finding),
                    "suggestion": lesson.suggestion,
                    "change": lesson.patch if lesson.has_patch else "in words only",
                }
                for lesson in self.lessons
            ],
            caption=f"{len(self.lessons)} lessons",
        )
        return f"<div>{metrics}{lessons}</div>"

    def to_markdown(self) -> str:
        """The after-action report as Markdown text, in the shape of an AAR/IP.

        Sections: summary, timeline, one metrics table per theme, strengths,
        areas for improvement, and the improvement plan (each lesson with the
        plan element it points at and its JSON Patch). Nothing is written
        anywhere: the caller saves or renders the text.
        """
        met = sum(m.met is True for m in self.metrics)
        missed = sum(m.met is False for m in self.metrics)
        lines = [
            f"# After-action report: {self.crisis}",
            "",
            "## Summary",
            "",
            f"- Plan: {self.plan}",
            f"- Detected: {show(self.detected_at)}; last event: {show(self.end)}",
            f"- Targets met: {met}; missed: {missed}; lessons: {len(self.lessons)}",
            "",
            "## Timeline",
            "",
            "| when | event |",
            "|---|---|",
            *(f"| {show(at)} | {_cell(event)} |" for at, event in self.timeline),
            "",
        ]
        for theme in Theme:
            metrics = self.of(theme)
            if not metrics:
                continue
            lines += [
                f"## {theme.heading}",
                "",
                "| metric | subject | value | target | met | detail |",
                "|---|---|---|---|---|---|",
            ]
            marks = {True: "yes", False: "**no**", None: ""}
            lines.extend(
                f"| {m.name} | {_cell(m.subject)} | {show(m.value)} | {show(m.target)} |"
                f" {marks[m.met]} | {_cell(m.detail)} |"
                for m in metrics
            )
            lines.append("")
        lines += ["## Strengths", ""]
        lines += [f"- {_cell(s)}" for s in self.strengths] or ["- (none recorded)"]
        lines += ["", "## Areas for improvement", ""]
        lines += [f"- {_cell(str(lesson.finding))}" for lesson in self.lessons] or ["- none"]
        lines += [
            "",
            "## Lessons and improvement plan",
            "",
            "| # | plan element | finding | suggestion | change |",
            "|---|---|---|---|---|",
        ]
        for number, lesson in enumerate(self.lessons, 1):
            change = f"`{lesson.patch}`" if lesson.has_patch else "in words only"
            lines.append(
                f"| {number} | `{lesson.path}` | {lesson.finding.code}:"
                f" {_cell(lesson.finding.message)} | {_cell(lesson.suggestion)} | {change} |"
            )
        return "\n".join(lines) + "\n"
