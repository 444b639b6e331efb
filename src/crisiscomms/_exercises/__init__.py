"""Drills: exercise marking, scenarios generated from the plan, and scoring.

Nothing is imported here: `crisiscomms._checking` and `crisiscomms._drafting`
import the marking module alone, and the scoring module imports them, so this
package's ``__init__`` must not pull either in (it would be a cycle).

- `_marking`: the exercise marker of each language, put into drill drafts and
  checked on every message (``EXR001`` to ``EXR004``).
- `_generation`: `generate_scenario`, a deterministic drill from the plan.
- `_scoring`: `score_exercise` and the `ExerciseScore` it returns.
"""
