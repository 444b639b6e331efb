"""Consistency: where a set of messages disagrees with itself or with the facts.

Every message is read with `extract_values` in its own locale. Each value
is then tied to a fact of the plan, and the values tied to one fact are
compared, after time zones, with the facts and with each other. The rules,
and their limits, are in ``docs/explanation/consistency.md``; in short:

- **Tying.** A value is tied to the fact whose cue (``FactSpec.cues`` in
  the message's language) stands next to it: within 40 characters, in the
  same sentence, with no other value of its family in between ("12 000
  clients", "Prochain point : 12:00"). A link, e-mail address or phone
  number without a cue is tied to the only fact of its kind (a link only
  when it is that fact's link or a look-alike of it). A number or a time
  without a cue is tied to a fact that holds exactly its value. Values of
  no fact are grouped by the word next to them ("clients") and compared
  within the language.
- **Times without a date** are placed on the date of the fact they are
  tied to, in the zone they are read in; else on the earliest date of the
  facts; else on the first full date the message, then the set, states.
  A time without a zone is read in its audience's zone: the message's
  ``timezone``, else its stakeholder's, else the plan's.
- **Public messages** are those whose channel (a channel id of the plan, or
  a platform name, which takes the audience of the plan's channels on that
  platform) has the audience ``public``. The phase of a message is its
  own `phase`, else its template's; a message with neither counts in every
  phase.

One concept per module, each importing only those above it in this list:
``_inputs`` (the arguments checked, the specs of the facts), ``_report``
(`ConsistencyReport`, `StatedFact`), ``_reading`` (the messages as read),
``_comparison`` (whether two values say the same), ``_tying`` (values tied
to facts), ``_rules`` (the CON rules), ``_check`` (`check_consistency`: one
run, from the inputs to the report). The text mechanics they use (look-alike
domains, words next to a value) are on the text floor.
"""

from crisiscomms._consistency._check import check_consistency
from crisiscomms._consistency._report import ConsistencyReport, StatedFact

__all__ = ["ConsistencyReport", "StatedFact", "check_consistency"]
