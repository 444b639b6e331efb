"""``python -m crisiscomms``: the command line."""

from crisiscomms._cli import main

main()
