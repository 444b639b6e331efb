"""The templates of one plan, indexed once by phase, locale and scope keys.

A template is filed under every combination of its scope values (crisis type,
stakeholder, channel), an empty scope list being filed under `ANY`; a
`Target` looks up the keys that may serve it, most specific first, so that a
selection looks at a handful of buckets, never at every template. The index
also knows the plan's locales by language: the tiers of locales a reader
accepts (`LocaleMatch`).

The templates that answer a claim (their key is a claim's `rebuttal_key`)
are kept apart: they are never a target's ordinary statement, only what a
selection asks for by key (`Index.keyed`).
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Iterator
from typing import final

import attrs
import babel

from crisiscomms._selection._approvals import approver_roles
from crisiscomms._selection._kept import Kept, kept_for
from crisiscomms.model._base import Phase
from crisiscomms.model._elements import Channel, MessageTemplate, Stakeholder
from crisiscomms.model._plan import Plan

__all__ = ["ANY", "INDEXES", "Buckets", "Index", "LocaleMatch", "ScopeKey", "Target", "index_of"]


@final
class LocaleMatch(enum.StrEnum):
    """How the locale of a selected template relates to the reader's.

    >>> [m.value for m in LocaleMatch]
    ['exact', 'language', 'default']
    """

    #: The reader's own locale.
    EXACT = "exact"
    #: Another locale of the reader's language (``fr_FR`` for a ``fr_CA`` reader).
    LANGUAGE = "language"
    #: The plan's default locale, in another language: the last resort.
    DEFAULT = "default"


ANY = "*"  # never a slug, so never a scope value
ScopeKey = tuple[str, str, str]


def _scope_keys(template: MessageTemplate) -> Iterator[ScopeKey]:
    return itertools.product(
        template.crisis_types or (ANY,),
        template.stakeholders or (ANY,),
        template.channels or (ANY,),
    )


class Buckets:
    """Some templates by phase and locale, then scope key; and all of them by scope key."""

    def __init__(self, templates: Iterable[MessageTemplate]) -> None:
        self.by_phase_locale: dict[tuple[Phase, str], dict[ScopeKey, list[MessageTemplate]]] = {}
        self.by_scope: dict[ScopeKey, list[MessageTemplate]] = {}
        for template in templates:
            bucket = self.by_phase_locale.setdefault((template.phase, template.locale), {})
            for key in _scope_keys(template):
                bucket.setdefault(key, []).append(template)
                self.by_scope.setdefault(key, []).append(template)


class Index(Buckets):
    """The ordinary templates of one plan by phase, locale and scope keys, built once."""

    def __init__(self, plan: Plan) -> None:
        self.rebuttal_keys = frozenset(c.rebuttal_key for c in plan.claims if c.rebuttal_key)
        rebuttals = self.rebuttal_keys
        super().__init__(t for t in plan.templates if t.key not in rebuttals)
        languages: dict[str, set[str]] = {}
        for template in plan.templates:
            languages.setdefault(template.language, set()).add(template.locale)
        self.locales_by_language = {lang: sorted(locs) for lang, locs in languages.items()}
        self.default_locale = plan.default_locale
        self.roles = {s.id: approver_roles(plan, s) for s in plan.severities}
        self._tiers: dict[str, tuple[tuple[str, LocaleMatch], ...]] = {}
        self._templates = plan.templates
        self._keyed: dict[str, Buckets] = {}

    def keyed(self, key: str | None) -> Buckets:
        """The templates of one key (None: the ordinary ones), built on first use."""
        if key is None:
            return self
        found = self._keyed.get(key)
        if found is None:
            found = self._keyed[key] = Buckets(t for t in self._templates if t.key == key)
        return found

    def tiers(self, locale: str) -> tuple[tuple[str, LocaleMatch], ...]:
        """The locales a reader of `locale` accepts, best first."""
        cached = self._tiers.get(locale)
        if cached is not None:
            return cached
        tiers = [(locale, LocaleMatch.EXACT)]
        language = locale.split("_", 1)[0]
        same = [loc for loc in self.locales_by_language.get(language, ()) if loc != locale]
        if same:
            best = babel.negotiate_locale([locale, language], same)
            # babel's choice first, then the bare language, then the others by name.
            same.sort(key=lambda loc: (loc != best, loc != language, loc))
            tiers.extend((loc, LocaleMatch.LANGUAGE) for loc in same)
        if all(loc != self.default_locale for loc, _ in tiers):
            tiers.append((self.default_locale, LocaleMatch.DEFAULT))
        result = tuple(tiers)
        self._tiers[locale] = result
        return result


INDEXES: Kept[Index] = {}


def index_of(plan: Plan) -> Index:
    """The index of `plan`, built on first use and kept while the plan lives."""
    return kept_for(plan, INDEXES, Index)


@attrs.frozen
class Target:
    """One stakeholder, on one channel, in one locale: what a selection is for."""

    stakeholder: Stakeholder
    channel: Channel
    locale: str

    def lookup_keys(self, crisis_type: str) -> Iterator[tuple[ScopeKey, tuple[int, int, int]]]:
        """The index keys that may serve this target, most specific first, with their ranks."""
        channel_keys = [(self.channel.id, 0)]
        if self.channel.platform.value != self.channel.id:
            channel_keys.append((self.channel.platform.value, 1))
        channel_keys.append((ANY, 2))
        for (ct, ct_rank), (sh, sh_rank), (ch, ch_rank) in itertools.product(
            ((crisis_type, 0), (ANY, 1)),
            ((self.stakeholder.id, 0), (ANY, 1)),
            channel_keys,
        ):
            yield (ct, sh, ch), (ct_rank, sh_rank, ch_rank)
