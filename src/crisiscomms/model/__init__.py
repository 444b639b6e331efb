"""The model floor: the plan and the situation, as users write them.

pydantic v2 models, frozen, with ``extra="forbid"`` and a JSON Schema. The
model knows the text floor (platform names, template syntax) and nothing of
the capabilities. Its public names are re-exported by `crisiscomms`.
"""
