"""The post-crisis review: metrics of a finished crisis, and lessons that are plan changes.

- `_context`: the record read against the plan once (what was in force when);
- `_timing`, `_content`, `_monitoring`: the metrics by theme;
- `_lessons`: paths and JSON Patch operations; `_apply`: `apply_lessons`;
- `_values`, `_report`: `Metric`, `Lesson`, `Theme` and `Review`.
"""

from crisiscomms._review._apply import apply_lessons
from crisiscomms._review._report import Review
from crisiscomms._review._review import review_crisis
from crisiscomms._review._values import Lesson, Metric, Theme

__all__ = ["Lesson", "Metric", "Review", "Theme", "apply_lessons", "review_crisis"]
