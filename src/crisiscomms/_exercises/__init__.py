"""Drills: exercise marking, scenarios generated from the plan, and scoring.

The exercise marking itself is the single-concept capability
`crisiscomms._marking`, below this package: checking, drafting and
consistency use it, and the scoring here uses them.

- `_generation`: `generate_scenario`, a deterministic drill from the plan: its
  injects and the actions expected of the team.
- `_feed`: the posts of a burst, written from a claim's keyword sets and drawn
  from the scenario's seed.
- `_scoring`: `score_exercise`, which weighs the parts reckoned by:
  - `_log`: reading the team's log (what does not fit is reported, ``EXR009``, ``EXR010``);
  - `_actions`: the expected actions, met, late or missed (``EXR005``, ``EXR006``);
  - `_messages`: each message sent: timeliness, approval at send time,
    consistency with the facts then, exercise marking, channel outages
    (``EXR007``, ``EXR008``, ``EXR011``);
  - `_coverage`: the stakeholders, channels and languages reached (``EXR012``).
- `_score`: the values returned: `ExerciseScore`, `ScorePart`, `ActionResult`,
  `ActionStatus`, and the default weights `SCORE_WEIGHTS`.
"""
