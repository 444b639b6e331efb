"""Drills: exercise marking, scenarios generated from the plan, and scoring.

The exercise marking itself is the single-concept capability
`crisiscomms._marking`, below this package: checking, drafting and
consistency use it, and the scoring here uses them.

- `_generation`: `generate_scenario`, a deterministic drill from the plan.
- `_scoring`: `score_exercise` and the `ExerciseScore` it returns.
"""
