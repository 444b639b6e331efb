"""The text floor: string mechanics with no domain knowledge.

Platform length rules, ICU MessageFormat, locale-aware fact extraction,
normalisation and Unicode safety. Nothing here imports the model or the
capabilities; the modules are private and their public names are re-exported
by `crisiscomms` and `crisiscomms.platforms`.
"""
