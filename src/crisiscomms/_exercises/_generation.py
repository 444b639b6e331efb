"""`generate_scenario`: a deterministic drill built from the plan itself.

The scenario uses what the plan holds: its facts (an affected count that
grows, then a corrected figure), its claims (a rumour burst written from a
claim's keyword sets, in its languages, large enough to cross an escalation
rule), its stakeholders and channels (a journalist's question, a
regulator's request, a stakeholder's question, a channel outage), its
severity targets and obligations (the deadlines of the expected actions).
Every random choice goes through one `random.Random(seed)`; nothing reads
the clock, so the same plan, seed and arguments give an equal scenario.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from crisiscomms._arguments import aware, known_id, plan_of
from crisiscomms._errors import InputError
from crisiscomms._exercises._feed import MILD, NEGATIVE, posts, texts_of
from crisiscomms._timeline import Deadline, DeadlineKind, schedule
from crisiscomms.model._base import Audience, Phase, StakeholderKind, Verdict
from crisiscomms.model._elements import SIGNALS, EscalationRule, KnownClaim
from crisiscomms.model._mention import Mention
from crisiscomms.model._plan import Plan, Situation
from crisiscomms.model._scenario import (
    ActionKind,
    ExpectedAction,
    Inject,
    InjectKind,
    Scenario,
)

__all__ = ["generate_scenario"]

_MAX_DURATION = timedelta(days=14)
# The most mentions one burst of a drill holds: a rule that needs more cannot be drilled.
_MAX_BURST = 50_000

# Descriptions in the plan's default language (English for the others).
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "start": "STARTEX: the incident is detected ({crisis}); the crisis team is activated",
        "grow": "The count grows: {fact} is now {value}",
        "correct": "Corrected figure: {fact} is {value}, not {previous}",
        "burst": "{count} posts spread the claim \u201c{claim}\u201d within {minutes} min",
        "anger": "{count} angry posts within {minutes} min",
        "media": "{who} calls the press office and asks for a statement",
        "media_q": "Can you confirm the incident and how many people are affected?",
        "question": "{who} ask what the incident means for them",
        "question_q": "Are we affected, and what should we do?",
        "regulator": "{who} asks for the notification ({obligation})",
        "regulator_q": "When will you send the notification required by {reference}?",
        "outage": "The channel {channel} is unavailable for 30 min",
        "raise": "Management raises the severity to {severity}",
        "resolved": "The incident is resolved",
        "restored": "Service restored: {fact} set",
        "first": "First statement to {who}",
        "answer": "Answer {who}",
        "notify": "Notify {who}: {obligation}",
        "rebut": "Rebut \u201c{claim}\u201d",
        "escalate": "Raise the severity to {severity} (rule {rule})",
    },
    "fr": {
        "start": "STARTEX : incident détecté ({crisis}) ; la cellule de crise est activée",
        "grow": "Le décompte augmente : {fact} vaut maintenant {value}",
        "correct": "Chiffre corrigé : {fact} vaut {value}, et non {previous}",
        "burst": "{count} messages relaient l\u2019affirmation « {claim} » en {minutes} min",
        "anger": "{count} messages en colère en {minutes} min",
        "media": "{who} appelle le service de presse et demande une déclaration",
        "media_q": "Confirmez-vous l\u2019incident et le nombre de personnes concernées ?",
        "question": "{who} demandent ce que l\u2019incident signifie pour eux",
        "question_q": "Sommes-nous concernés, et que devons-nous faire ?",
        "regulator": "{who} demande la notification ({obligation})",
        "regulator_q": "Quand enverrez-vous la notification prévue par {reference} ?",
        "outage": "Le canal {channel} est indisponible pendant 30 min",
        "raise": "La direction relève la gravité à {severity}",
        "resolved": "L\u2019incident est résolu",
        "restored": "Service rétabli : {fact} renseigné",
        "first": "Première déclaration à {who}",
        "answer": "Répondre à {who}",
        "notify": "Notifier {who} : {obligation}",
        "rebut": "Démentir « {claim} »",
        "escalate": "Relever la gravité à {severity} (règle {rule})",
    },
    "de": {
        "start": "STARTEX: der Vorfall wird erkannt ({crisis}); der Krisenstab wird aktiviert",
        "grow": "Die Zahl steigt: {fact} ist jetzt {value}",
        "correct": "Korrigierte Zahl: {fact} ist {value}, nicht {previous}",
        "burst": "{count} Beiträge verbreiten \u201e{claim}\u201c in {minutes} Min.",
        "anger": "{count} wütende Beiträge in {minutes} Min.",
        "media": "{who} ruft die Pressestelle an und bittet um eine Stellungnahme",
        "media_q": "Bestätigen Sie den Vorfall und wie viele Personen betroffen sind?",
        "question": "{who} fragen, was der Vorfall für sie bedeutet",
        "question_q": "Sind wir betroffen, und was sollen wir tun?",
        "regulator": "{who} verlangt die Meldung ({obligation})",
        "regulator_q": "Wann senden Sie die nach {reference} vorgeschriebene Meldung?",
        "outage": "Der Kanal {channel} ist 30 Min. lang nicht verfügbar",
        "raise": "Die Leitung hebt den Schweregrad auf {severity} an",
        "resolved": "Der Vorfall ist behoben",
        "restored": "Dienst wiederhergestellt: {fact} gesetzt",
        "first": "Erste Stellungnahme an {who}",
        "answer": "{who} antworten",
        "notify": "{who} melden: {obligation}",
        "rebut": "\u201e{claim}\u201c widerlegen",
        "escalate": "Schweregrad auf {severity} anheben (Regel {rule})",
    },
    "es": {
        "start": "STARTEX: se detecta el incidente ({crisis}); se activa el comité de crisis",
        "grow": "La cifra aumenta: {fact} es ahora {value}",
        "correct": "Cifra corregida: {fact} es {value}, no {previous}",
        "burst": "{count} mensajes difunden la afirmación «{claim}» en {minutes} min",
        "anger": "{count} mensajes indignados en {minutes} min",
        "media": "{who} llama a prensa y pide una declaración",
        "media_q": "¿Confirman el incidente y cuántas personas están afectadas?",
        "question": "{who} preguntan qué significa el incidente para ellos",
        "question_q": "¿Estamos afectados y qué debemos hacer?",
        "regulator": "{who} pide la notificación ({obligation})",
        "regulator_q": "¿Cuándo enviarán la notificación que exige {reference}?",
        "outage": "El canal {channel} no está disponible durante 30 min",
        "raise": "La dirección eleva la gravedad a {severity}",
        "resolved": "El incidente está resuelto",
        "restored": "Servicio restablecido: {fact} indicado",
        "first": "Primera declaración a {who}",
        "answer": "Responder a {who}",
        "notify": "Notificar a {who}: {obligation}",
        "rebut": "Desmentir «{claim}»",
        "escalate": "Elevar la gravedad a {severity} (regla {rule})",
    },
}


class _Builder:
    def __init__(
        self, plan: Plan, seed: int, crisis_type: str, starts_at: datetime, duration: timedelta
    ) -> None:
        self.plan = plan
        self.rng = random.Random(seed)
        self.seed = seed
        self.crisis_type = crisis_type
        self.starts_at = starts_at
        self.duration = duration
        language = plan.default_locale.split("_", 1)[0]
        self.words = _WORDS.get(language, _WORDS["en"])
        self.severity = plan.crisis_type(crisis_type).default_severity
        self.injects: list[dict[str, Any]] = []
        sid = "m" + str(-seed) if seed < 0 else str(seed)
        self.id = f"drill-{crisis_type}"[:40] + f"-{sid[:20]}"
        words = plan.name.split()
        self.org = words[0] if words else "?"

    def say(self, key: str, **values: object) -> str:
        return self.words[key].format(**values)

    def at(self, fraction: float) -> timedelta:
        # Whole minutes: scenario times read like a Master Scenario Events List.
        return timedelta(minutes=math.floor(self.duration.total_seconds() * fraction / 60))

    def role(self, *hints: str) -> str | None:
        roles = self.plan.roles
        for hint in hints:
            for role in roles:
                if hint in role.id or hint in role.label.lower():
                    return role.id
        required = [r.id for r in roles if r.required]
        return required[0] if required else (roles[0].id if roles else None)

    def add(self, at: timedelta, kind: InjectKind, description: str, **payload: Any) -> None:
        self.injects.append({"at": at, "kind": kind, "description": description, **payload})

    # -- facts ---------------------------------------------------------------

    def facts(self) -> dict[str, Any]:
        plan, rng = self.plan, self.rng
        domain = sorted(plan.allowed_domains, key=lambda d: (-len(d), d))
        host = domain[0] if domain else "example.org"
        zone = self.starts_at.astimezone(_zone(plan.timezone))
        facts: dict[str, Any] = {}
        first_datetime = True
        for spec in plan.facts:
            name = spec.name
            kind = spec.kind.value
            if kind == "number":
                facts[name] = rng.randrange(1_000, 20_000, 100)
            elif kind == "datetime":
                if _is_end(name):
                    continue  # set when the incident is resolved
                if first_datetime:
                    facts[name] = zone - timedelta(minutes=rng.randrange(15, 90, 5))
                    first_datetime = False
                else:
                    facts[name] = zone + self.plan.severity(self.severity).update_every
            elif kind == "date":
                facts[name] = zone.date()
            elif kind == "time":
                facts[name] = zone.time().replace(second=0, microsecond=0, tzinfo=None)
            elif kind == "url":
                facts[name] = f"https://{host}/{self.id}"
            elif kind == "email":
                facts[name] = f"exercise@{host}"
            elif kind == "phone":
                # Ofcom's range for drama: numbers that can never reach anyone.
                facts[name] = f"+44 20 7946 0{rng.randrange(1000):03d}"
            else:
                label = spec.label or name.replace("_", " ")
                facts[name] = label[: spec.max_length] if spec.max_length else label
        return facts

    # -- injects -------------------------------------------------------------

    def start(self, deadlines: Sequence[Deadline]) -> None:
        expected = []
        for deadline in deadlines:
            if deadline.kind is not DeadlineKind.FIRST_STATEMENT:
                continue
            who = self.plan.stakeholder(deadline.stakeholder)
            expected.append(
                ExpectedAction(
                    id=f"first-statement-{who.id}"[:64],
                    kind=ActionKind.FIRST_STATEMENT,
                    description=self.say("first", who=who.label),
                    stakeholder=who.id,
                    counts_from=timedelta(0),
                    due=deadline.due_at - self.starts_at,
                    objective=deadline.reason,
                )
            )
        crisis = self.plan.crisis_type(self.crisis_type).label
        self.add(
            timedelta(0),
            InjectKind.PHASE_CHANGE,
            self.say("start", crisis=crisis),
            phase=Phase.INITIAL,
            to=self.role("crisis", "lead", "director"),
            expected=tuple(expected),
        )

    def counts(self, facts: dict[str, Any]) -> None:
        numbers = [s.name for s in self.plan.facts if s.kind.value == "number" and s.name in facts]
        if not numbers:
            return
        name = numbers[0]
        grown = int(round(facts[name] * self.rng.uniform(1.3, 1.8), -2))
        corrected = int(round(grown * self.rng.uniform(0.85, 0.95), -2))
        label = self.plan.fact(name).label or name
        to = self.role("comms", "communication", "lead")
        self.add(
            self.at(1 / 6),
            InjectKind.FACT_CHANGE,
            self.say("grow", fact=label, value=grown),
            facts={name: grown},
            to=to,
        )
        self.add(
            self.at(2 / 3),
            InjectKind.FACT_CHANGE,
            self.say("correct", fact=label, value=corrected, previous=grown),
            facts={name: corrected},
            to=to,
        )

    def burst(self) -> None:
        plan = self.plan
        rank = plan.severity_rank(self.severity)
        claims = [
            c
            for c in plan.claims
            if c.verdict in {Verdict.FALSE, Verdict.MISLEADING} and c.patterns
        ]
        rules = [
            r
            for r in plan.escalation_rules
            if (not r.crisis_types or self.crisis_type in r.crisis_types)
            and plan.severity_rank(r.to_severity) > rank
            and (r.min_claim_matches is None or claims)
            # A burst cannot show calm: rules with a `max_` condition are not driven by one.
            and not _calm(r)
        ]
        for r in rules:
            needed = max(r.min_mentions or 0, r.min_claim_matches or 0)
            if needed > _MAX_BURST:
                raise InputError.for_value(
                    f"escalation rule {r.id!r}",
                    f"a rule a drill's burst can drive (at most {_MAX_BURST:,} mentions"
                    " in its window)",
                    needed,
                    hint="lower its min_mentions or min_claim_matches, or drill another"
                    " crisis type or severity",
                )
        if not claims and not rules:
            return
        claim = self.rng.choice(claims) if claims else None
        # A rumour drives the rules that count its repetitions, when the plan has some.
        counting = [r for r in rules if r.min_claim_matches is not None and claim is not None]
        rule = self.rng.choice(counting or rules) if rules else None
        at = self.at(1 / 4)
        window = rule.window if rule is not None else timedelta(hours=1)
        mentions, count, span = self.mentions(claim, rule, at, window)
        end = at + span
        expected = []
        first_within = plan.severity(self.severity).first_statement_within
        if claim is not None:
            expected.append(
                ExpectedAction(
                    id=f"rebut-{claim.id}"[:64],
                    kind=ActionKind.REBUTTAL,
                    description=self.say("rebut", claim=claim.statement),
                    claim=claim.id,
                    counts_from=at,
                    due=end + first_within,
                    objective=f"severity {self.severity!r}: a statement within"
                    f" {_minutes(first_within)} min",
                )
            )
        if rule is not None:
            target = plan.severity(rule.to_severity)
            expected.append(
                ExpectedAction(
                    id=f"escalate-{rule.id}"[:64],
                    kind=ActionKind.ESCALATION,
                    description=self.say("escalate", severity=target.label, rule=rule.id),
                    severity=target.id,
                    rule=rule.id,
                    counts_from=end,
                    due=end + rule.window,
                    objective=f"rule {rule.id!r} fires: react within its window"
                    f" ({_minutes(rule.window)} min)",
                )
            )
        minutes = _minutes(span)
        description = (
            self.say("burst", count=count, claim=claim.statement, minutes=minutes)
            if claim is not None
            else self.say("anger", count=count, minutes=minutes)
        )
        self.add(
            at,
            InjectKind.MENTION_BURST,
            description,
            mentions=tuple(mentions),
            to=self.role("social", "community", "comms"),
            expected=tuple(expected),
        )

    def mentions(
        self,
        claim: KnownClaim | None,
        rule: EscalationRule | None,
        at: timedelta,
        window: timedelta,
    ) -> tuple[list[Mention], int, timedelta]:
        wanted = 30
        if rule is not None:
            wanted = max(wanted, rule.min_mentions or 0, rule.min_claim_matches or 0)
        count = wanted + max(3, wanted // 20)
        baseline = 0
        if rule is not None and rule.min_growth is not None:
            baseline = max(1, math.floor(count / (rule.min_growth * 1.1)))
        reach = 0
        if rule is not None and rule.min_reach is not None:
            reach = math.ceil(rule.min_reach / count)
        span = window / 2
        start = self.starts_at + at
        languages = sorted(claim.patterns) if claim is not None else [self._language()]
        texts = texts_of(languages, claim, self.org)
        # The baseline lies in the first half of the window before the burst, the burst
        # after it: both are built in time order, so the feed needs no sort.
        mentions = posts(
            self.rng,
            baseline,
            first=start - window,
            step=(window / 2) / max(1, baseline),
            prefix=f"{self.id}-b",
            width=4,
            texts=[(language, texts[language, False]) for language in languages],
            sentiments=MILD,
            reach=reach,
        )
        mentions += posts(
            self.rng,
            count,
            first=start,
            step=span / count,
            prefix=f"{self.id}-",
            width=5,
            texts=[(language, texts[language, claim is not None]) for language in languages],
            sentiments=NEGATIVE,
            reach=reach,
        )
        return mentions, count, span

    def _language(self) -> str:
        return self.plan.default_locale.split("_", 1)[0]

    def media(self) -> None:
        media = [s for s in self.plan.stakeholders if s.kind is StakeholderKind.MEDIA]
        if not media:
            return
        who = self.rng.choice(media)
        at = self.at(1 / 3)
        self._question(
            at,
            InjectKind.MEDIA_INQUIRY,
            who.id,
            self.say("media", who=who.label),
            self.say("media_q"),
            self.role("press", "spokes", "comms"),
        )

    def question(self) -> None:
        kinds = {StakeholderKind.INVESTORS, StakeholderKind.PARTNERS, StakeholderKind.CUSTOMERS}
        asking = [s for s in self.plan.stakeholders if s.kind in kinds]
        if not asking:
            return
        who = self.rng.choice(asking)
        self._question(
            self.at(7 / 12),
            InjectKind.STAKEHOLDER_QUESTION,
            who.id,
            self.say("question", who=who.label),
            self.say("question_q"),
            self.role("comms", "communication", "lead"),
        )

    def _question(  # noqa: PLR0917 - one private helper for three kinds of question
        self,
        at: timedelta,
        kind: InjectKind,
        source: str,
        text: str,
        question: str,
        to: str | None,
    ) -> None:
        who = self.plan.stakeholder(source)
        within = self.plan.severity(self.severity).first_statement_within
        answer = ExpectedAction(
            id=f"answer-{kind.value.replace('_', '-')}-{source}"[:64],
            kind=ActionKind.ANSWER,
            description=self.say("answer", who=who.label),
            stakeholder=source,
            counts_from=at,
            due=at + within,
            objective=f"severity {self.severity!r}: a statement within {_minutes(within)} min",
        )
        self.add(at, kind, text, source=source, question=question, to=to, expected=(answer,))

    def regulator(self, deadlines: Sequence[Deadline]) -> None:
        obligations = [d for d in deadlines if d.kind is DeadlineKind.OBLIGATION]
        if not obligations:
            return
        deadline = obligations[0]  # the earliest: the clock that runs out first
        obligation = self.plan.obligations[
            [o.id for o in self.plan.obligations].index(deadline.obligation or "")
        ]
        who = self.plan.stakeholder(obligation.stakeholder)
        at = self.at(5 / 12)
        notify = ExpectedAction(
            id=f"notify-{obligation.id}"[:64],
            kind=ActionKind.NOTIFICATION,
            description=self.say("notify", who=who.label, obligation=obligation.label),
            stakeholder=who.id,
            obligation=obligation.id,
            counts_from=timedelta(0),
            due=deadline.due_at - self.starts_at,
            objective=deadline.reason,
        )
        self.add(
            at,
            InjectKind.REGULATOR_REQUEST,
            self.say("regulator", who=who.label, obligation=obligation.reference or obligation.id),
            source=who.id,
            question=self.say("regulator_q", reference=obligation.reference or obligation.label),
            to=self.role("legal", "jurist", "dpo", "lead"),
            expected=(notify,),
        )

    def outage(self) -> None:
        public = [c for c in self.plan.channels if c.audience is Audience.PUBLIC]
        if not public:
            return
        channel = self.rng.choice(public)
        self.add(
            self.at(1 / 2),
            InjectKind.CHANNEL_OUTAGE,
            self.say("outage", channel=channel.label or channel.id),
            channel=channel.id,
            to=self.role("social", "community", "comms"),
        )

    def raise_severity(self) -> None:
        # Without a rule that could escalate, the exercise control raises the level itself.
        if any(
            i["kind"] is InjectKind.MENTION_BURST
            and i.get("expected")
            and any(a.kind is ActionKind.ESCALATION for a in i["expected"])
            for i in self.injects
        ):
            return
        rank = self.plan.severity_rank(self.severity)
        if rank + 1 >= len(self.plan.severities):
            return
        target = self.plan.severities[rank + 1]
        self.add(
            self.at(1 / 2),
            InjectKind.SEVERITY_CHANGE,
            self.say("raise", severity=target.label),
            severity=target.id,
            to=self.role("crisis", "lead", "director"),
        )

    def end(self) -> None:
        at = self.at(11 / 12)
        zone = (self.starts_at + at).astimezone(_zone(self.plan.timezone))
        ends = {
            s.name: zone for s in self.plan.facts if s.kind.value == "datetime" and _is_end(s.name)
        }
        to = self.role("crisis", "lead", "director")
        if ends:
            self.add(
                at,
                InjectKind.FACT_CHANGE,
                self.say("restored", fact=", ".join(sorted(ends))),
                facts=ends,
                to=to,
            )
        self.add(at, InjectKind.PHASE_CHANGE, self.say("resolved"), phase=Phase.RESOLVED, to=to)

    def build(self) -> Scenario:
        facts = self.facts()
        # The plan's deadlines at the start: the first statements and the obligations.
        deadlines = schedule(self.plan, _situation(self, facts)).deadlines
        self.start(deadlines)
        self.counts(facts)
        self.burst()
        self.media()
        self.regulator(deadlines)
        self.outage()
        self.raise_severity()
        self.question()
        self.end()
        ordered = sorted(enumerate(self.injects), key=lambda pair: (pair[1]["at"], pair[0]))
        injects = tuple(
            Inject(id=f"inject-{number:02d}", **payload)
            for number, (_, payload) in enumerate(ordered, start=1)
        )
        return Scenario(
            id=self.id,
            seed=self.seed,
            crisis_type=self.crisis_type,
            starts_at=self.starts_at,
            duration=self.duration,
            severity=self.severity,
            facts=facts,
            injects=injects,
        )


def _situation(builder: _Builder, facts: dict[str, Any]) -> Situation:
    return Situation(
        crisis_type=builder.crisis_type,
        severity=builder.severity,
        detected_at=builder.starts_at,
        facts=facts,
        mode="exercise",
    )


def _is_end(name: str) -> bool:
    return any(word in name for word in ("restor", "resol", "ended", "closed"))


def _calm(rule: EscalationRule) -> bool:
    """Whether the rule sets a ``max_`` (calm) condition, which a burst of mentions breaks."""
    return any(getattr(rule, f"max_{signal}") is not None for signal in SIGNALS)


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def generate_scenario(
    plan: Plan,
    /,
    *,
    seed: int,
    crisis_type: str | None = None,
    starts_at: datetime,
    duration: timedelta = timedelta(hours=4),
) -> Scenario:
    """A deterministic drill for `plan`: timed injects and the actions expected of the team.

    The same plan, seed and arguments give an equal scenario (equal JSON, byte
    for byte); another seed gives another one. The injects, each at a fixed
    fraction of `duration` (whole minutes), are those the plan allows:

    - T+0: STARTEX, with the first statements due to each stakeholder
      concerned at the crisis type's default severity (the plan's targets);
    - 1/6: the plan's first number fact grows (x1.3 to x1.8);
    - 1/4: a burst of mentions repeating a false or misleading claim, written
      from its keyword sets in its languages, large enough to cross an
      escalation rule that raises the severity (with a baseline before it
      when the rule needs growth); a rebuttal is due within the severity's
      first-statement target after the burst, the escalation within the
      rule's window;
    - 1/3: a journalist's question (a media stakeholder), to answer within
      the first-statement target;
    - 5/12: a regulator's request for the obligation whose deadline comes
      first, due when the plan's obligation is;
    - 1/2: a public channel's outage; and a severity change by the exercise
      control when no rule could escalate;
    - 7/12: a stakeholder's question (investors, partners or customers);
    - 2/3: a corrected figure (5 to 15 % lower);
    - 11/12: the end: resolution (and the plan's "restored" facts).

    Args:
        plan: the plan the drill exercises.
        seed: the seed of every random choice.
        crisis_type: the crisis to drill; by default one of the plan's, drawn.
        starts_at: when the drill starts (its "detection"), aware.
        duration: how long the drill lasts (up to 14 days).

    Raises:
        InputError: a plan without crisis types, an unknown crisis type, a
            seed that is not an int, a naive `starts_at`, a duration that is
            not positive or too long, an escalation rule the burst should
            drive that needs more than 50,000 mentions in its window.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms.samples import demo_plan
    >>> drill = generate_scenario(demo_plan(), seed=7, crisis_type="data-breach",
    ...                           starts_at=datetime(2026, 12, 3, 9, tzinfo=timezone.utc))
    >>> [inject.kind.value for inject in drill.injects][:3]
    ['phase_change', 'fact_change', 'mention_burst']
    >>> drill == generate_scenario(demo_plan(), seed=7, crisis_type="data-breach",
    ...                            starts_at=datetime(2026, 12, 3, 9, tzinfo=timezone.utc))
    True
    """
    plan = plan_of(plan)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InputError.for_type("seed", "an int", seed)
    starts = aware(starts_at, "starts_at")
    if not isinstance(duration, timedelta):
        raise InputError.for_type("duration", "a timedelta", duration)
    if not timedelta(0) < duration <= _MAX_DURATION:
        raise InputError.for_value("duration", "a duration above 0 and up to 14 days", duration)
    if not plan.crisis_types:
        raise InputError.for_value(
            "plan",
            "a plan with at least one crisis type",
            plan.name,
            hint="add the crisis types of the risk register to drill one",
        )
    if crisis_type is None:
        chosen = random.Random(seed).choice(sorted(c.id for c in plan.crisis_types))
    else:
        chosen = known_id(
            crisis_type,
            [c.id for c in plan.crisis_types],
            argument="crisis_type",
            kind="crisis type",
        )
    try:
        starts + duration + _MAX_DURATION
        starts - _MAX_DURATION
    except OverflowError:
        raise InputError.for_value(
            "starts_at", "an instant at least 28 days inside the datetime range", starts
        ) from None
    return _Builder(plan, seed, chosen, starts, duration).build()
