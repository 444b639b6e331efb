"""The built-in demo: Lumea, a French energy supplier, and a data breach.

`demo_plan` is a complete, realistic plan built in code (nothing is read from
disk): four severity levels, six stakeholders, ten channels, four crisis
types, a crisis team with backups, fact specs with cues in four languages,
and pre-approved templates in French and English. It is the embedded default
of the demo and the fixture of many tests, so it also holds, on purpose, the
kind of gaps a real plan has:

- the Instagram post for a data breach was edited after it was approved, so
  its approval no longer counts (tampered);
- the English investor update expired at the end of October 2026;
- the data protection officer has no backup.

Every approval is signed (Ed25519) by each of its approvers, with keys made
from fixed seeds (`demo_private_key`), and each person carries the public
key: a demo key is public knowledge, never a key to use for real.

`demo_situation` is the crisis the demo answers: unauthorised access to the
customer area, detected on Tuesday 24 November 2026 at 08:40 in Paris.

>>> plan = demo_plan()
>>> plan.name
'Lumea — plan de communication de crise'
>>> [s.id for s in plan.severities]
['low', 'moderate', 'high', 'critical']
>>> demo_situation().facts["affected_customers"]
12000
"""

from __future__ import annotations

import functools
import hashlib
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from crisiscomms._rendering import render
from crisiscomms._selection import public_key_of, sign_approval
from crisiscomms.model._digest import scope_digest
from crisiscomms.model._elements import Approval
from crisiscomms.model._loading import load_plan
from crisiscomms.model._mention import Mention
from crisiscomms.model._plan import Plan, Situation
from crisiscomms.model._record import CrisisRecord
from crisiscomms.model._sent import SentMessage

__all__ = ["demo_plan", "demo_private_key", "demo_record", "demo_situation"]

_PARIS = ZoneInfo("Europe/Paris")


def _at(text: str) -> str:
    """An ISO instant in Paris time, for approvals written as people say them."""
    return datetime.fromisoformat(text).replace(tzinfo=_PARIS).isoformat()


def demo_private_key(person_id: str, /) -> bytes:
    """The demo's private Ed25519 key of `person_id` (32 bytes from a fixed seed).

    Anyone can compute it: it makes the demo's signatures reproducible, and
    must never sign a real approval.

    >>> from crisiscomms import public_key_of
    >>> plan = demo_plan()
    >>> key = public_key_of(demo_private_key("amelie-durand"))
    >>> key in plan.person("amelie-durand").public_keys
    True
    """
    return hashlib.sha256(f"crisiscomms demo key: {person_id}".encode()).digest()


def _approval(
    template: dict[str, Any], approved_text: str, by: list[str], at: str, expires: str
) -> dict[str, Any]:
    """The approval of `template` as it was approved, signed by each approver."""
    approved = {**template, "text": approved_text}
    approval = Approval.model_validate(
        {
            "approved_by": by,
            "approved_at": _at(at),
            "expires_at": _at(expires),
            "digest": scope_digest(
                text=approved_text,
                **{
                    field: approved.get(field, ())
                    for field in (
                        "key",
                        "locale",
                        "phase",
                        "crisis_types",
                        "severities",
                        "stakeholders",
                        "channels",
                    )
                },
            ),
        }
    )
    for person_id in by:
        approval = sign_approval(approval, by=person_id, private_key=demo_private_key(person_id))
    return approval.model_dump(mode="json")


_SEVERITIES = [
    {
        "id": "low",
        "label": "Mineure",
        "first_statement_within": timedelta(hours=24),
        "update_every": timedelta(hours=24),
        "approvals_required": 1,
        "cap_severity": "Minor",
    },
    {
        "id": "moderate",
        "label": "Modérée",
        "first_statement_within": timedelta(hours=4),
        "update_every": timedelta(hours=4),
        "approvals_required": 1,
        "cap_severity": "Moderate",
    },
    {
        "id": "high",
        "label": "Grave",
        "first_statement_within": timedelta(hours=1),
        "update_every": timedelta(hours=2),
        "approvals_required": 2,
        "approver_roles": ["crisis-lead", "comms-director", "legal-counsel"],
        "cap_severity": "Severe",
    },
    {
        "id": "critical",
        "label": "Critique",
        "first_statement_within": timedelta(minutes=30),
        "update_every": timedelta(hours=1),
        "approvals_required": 2,
        "approver_roles": ["crisis-lead", "comms-director", "legal-counsel"],
        "cap_severity": "Extreme",
    },
]

_CHANNELS = [
    {"id": "x-fr", "label": "X @Lumea_FR", "platform": "x"},
    {"id": "bluesky", "label": "Bluesky @lumea.fr", "platform": "bluesky"},
    {"id": "linkedin", "label": "LinkedIn Lumea", "platform": "linkedin"},
    {"id": "facebook", "label": "Facebook Lumea", "platform": "facebook"},
    {"id": "instagram", "label": "Instagram @lumea_energie", "platform": "instagram"},
    {"id": "sms", "label": "SMS aux clients", "platform": "sms", "audience": "direct"},
    {
        "id": "email",
        "label": "E-mail (clients, partenaires, investisseurs, autorités)",
        "platform": "email",
        "audience": "direct",
        "markup": "html",
    },
    {
        "id": "status-page",
        "label": "Page d'état status.lumea.fr",
        "platform": "web",
        "markup": "html",
    },
    {"id": "press", "label": "Communiqué de presse", "platform": "press"},
    {
        "id": "slack-crisis",
        "label": "Slack #cellule-crise",
        "platform": "slack",
        "audience": "internal",
        "markup": "slack",
    },
]

_STAKEHOLDERS = [
    {
        "id": "customers",
        "label": "Clients particuliers",
        "kind": "customers",
        "channels": ["status-page", "sms", "email", "x-fr", "facebook", "instagram", "bluesky"],
        "locales": ["fr_FR"],
        "timezone": "Europe/Paris",
        "min_severity": "moderate",
    },
    {
        "id": "employees",
        "label": "Collaborateurs",
        "kind": "employees",
        "channels": ["slack-crisis"],
        "locales": ["fr_FR"],
        "internal": True,
    },
    {
        "id": "media",
        "label": "Journalistes",
        "kind": "media",
        "channels": ["press", "x-fr", "linkedin"],
        "locales": ["fr_FR", "en_GB"],
        "min_severity": "high",
    },
    {
        "id": "regulators",
        "label": "CNIL (autorité de contrôle)",
        "kind": "regulators",
        "channels": ["email"],
        "locales": ["fr_FR"],
        "min_severity": "moderate",
    },
    {
        "id": "investors",
        "label": "Investisseurs",
        "kind": "investors",
        "channels": ["email", "linkedin"],
        "locales": ["fr_FR", "en_GB"],
        "min_severity": "high",
    },
    {
        "id": "partners",
        "label": "Partenaires (fournisseurs, distributeurs au Royaume-Uni)",
        "kind": "partners",
        "channels": ["email"],
        "locales": ["en_GB"],
        "timezone": "Europe/London",
        "min_severity": "high",
    },
]

_ROLES = [
    {
        "id": "crisis-lead",
        "label": "Directrice de crise",
        "responsibilities": ["convoque la cellule de crise", "arbitre le niveau de gravité"],
        "can_approve": True,
        "required": True,
    },
    {
        "id": "comms-director",
        "label": "Directeur de la communication",
        "responsibilities": ["valide les messages", "coordonne les canaux"],
        "can_approve": True,
        "required": True,
    },
    {
        "id": "legal-counsel",
        "label": "Juriste",
        "responsibilities": ["valide les messages engageant l'entreprise", "obligations légales"],
        "can_approve": True,
        "required": True,
    },
    {
        "id": "spokesperson",
        "label": "Porte-parole",
        "responsibilities": ["répond à la presse"],
        "required": True,
    },
    {
        "id": "dpo",
        "label": "Délégué à la protection des données",
        "responsibilities": ["notifie la CNIL sous 72 heures"],
        "required": True,
    },
    {
        "id": "social-media",
        "label": "Community manager",
        "responsibilities": ["publie sur les réseaux", "surveille les mentions"],
        "required": True,
    },
]

_PEOPLE = [
    {"id": "amelie-durand", "name": "Amélie Durand", "roles": ["crisis-lead"]},
    {"id": "karim-benali", "name": "Karim Benali", "roles": ["crisis-lead", "comms-director"]},
    {"id": "sophie-martin", "name": "Sophie Martin", "roles": ["comms-director", "spokesperson"]},
    {"id": "thomas-leroy", "name": "Thomas Leroy", "roles": ["legal-counsel"]},
    {"id": "ines-garcia", "name": "Inès Garcia", "roles": ["legal-counsel"]},
    {"id": "julien-moreau", "name": "Julien Moreau", "roles": ["spokesperson"]},
    {"id": "claire-petit", "name": "Claire Petit", "roles": ["dpo"]},
    {"id": "lucas-bernard", "name": "Lucas Bernard", "roles": ["social-media"]},
    {"id": "emma-roux", "name": "Emma Roux", "roles": ["social-media"]},
]

_CRISIS_TYPES = [
    {
        "id": "data-breach",
        "label": "Violation de données personnelles",
        "default_severity": "high",
        "cap_category": "Security",
    },
    {
        "id": "service-outage",
        "label": "Panne de l'espace client",
        "default_severity": "moderate",
        "cap_category": "Infra",
    },
    {
        "id": "product-recall",
        "label": "Rappel du thermostat Lumea Box",
        "default_severity": "high",
        "cap_category": "Safety",
    },
    {
        "id": "false-rumour",
        "label": "Fausse rumeur virale",
        "default_severity": "moderate",
        "cap_category": "Other",
    },
]

_FACTS = [
    {
        "name": "affected_customers",
        "label": "Clients concernés",
        "kind": "number",
        "cues": {
            "fr": ["clients", "comptes", "abonnés"],
            "en": ["customers", "accounts"],
            "de": ["Kunden", "Konten"],
            "es": ["clientes", "cuentas"],
        },
        "max_length": 9,
    },
    {
        "name": "incident_start",
        "label": "Début de l'incident",
        "kind": "datetime",
        "cues": {"fr": ["depuis", "détecté"], "en": ["since", "detected"]},
        "max_length": 40,
    },
    {
        "name": "next_update",
        "label": "Prochain point",
        "kind": "datetime",
        "cues": {"fr": ["prochain point", "prochaine mise à jour"], "en": ["next update"]},
        "required_in": ["initial", "update"],
        "max_length": 40,
    },
    {
        "name": "restored_at",
        "label": "Rétablissement",
        "kind": "datetime",
        "cues": {"fr": ["depuis", "rétabli"], "en": ["since", "restored"]},
        "max_length": 40,
    },
    {
        "name": "status_url",
        "label": "Page de suivi",
        "kind": "url",
        "required": True,
        "max_length": 48,
    },
    {"name": "contact_email", "label": "Adresse de contact", "kind": "email", "max_length": 40},
    {"name": "hotline", "label": "Numéro d'assistance", "kind": "phone", "max_length": 20},
    {"name": "service", "label": "Service touché", "kind": "text", "max_length": 40},
    {"name": "batch", "label": "Lot rappelé", "kind": "text", "max_length": 20},
]

_BY_LEADS = ["amelie-durand", "sophie-martin"]
_BY_LEGAL = ["sophie-martin", "thomas-leroy"]

# (id, key, locale, phase, scope, text, approvers, approved at)
_TEXTS: list[tuple[str, str, str, str, dict[str, list[str]], str, list[str], str]] = [
    # -- data breach: social posts ------------------------------------------
    (
        "breach-social-fr",
        "breach-initial-social",
        "fr_FR",
        "initial",
        {"crisis_types": ["data-breach"], "channels": ["x", "bluesky", "facebook", "linkedin"]},
        "Lumea a détecté un accès non autorisé à l’espace client. {affected_customers, plural,"
        " one {# client est concerné} other {# clients sont concernés}}. Nous les prévenons"
        " directement. Prochain point : {next_update, time, short}. Suivi : {status_url}",
        _BY_LEADS,
        "2026-09-14T10:00",
    ),
    (
        "breach-social-en",
        "breach-initial-social",
        "en_GB",
        "initial",
        {"crisis_types": ["data-breach"], "channels": ["x", "bluesky", "linkedin"]},
        "Lumea has detected unauthorised access to its customer area. {affected_customers,"
        " plural, one {# customer is affected} other {# customers are affected}}, and we are"
        " contacting them directly. Next update: {next_update, time, short}. Updates:"
        " {status_url}",
        _BY_LEADS,
        "2026-09-14T10:00",
    ),
    (
        # Edited after approval: "Infos" became "Toutes les infos". The approval is void.
        "breach-instagram-fr",
        "breach-initial-social",
        "fr_FR",
        "initial",
        {"crisis_types": ["data-breach"], "channels": ["instagram"]},
        "Accès non autorisé à l’espace client Lumea : {affected_customers, number, integer}"
        " clients concernés. Toutes les infos sur {status_url} #Lumea",
        _BY_LEADS,
        "2026-09-14T10:00",
    ),
    (
        "breach-sms-fr",
        "breach-initial-sms",
        "fr_FR",
        "initial",
        {"crisis_types": ["data-breach"], "stakeholders": ["customers"], "channels": ["sms"]},
        "Lumea: acces non autorise a l'espace client detecte. Par precaution, changez votre"
        " mot de passe. Infos: {status_url}",
        _BY_LEGAL,
        "2026-09-14T11:00",
    ),
    (
        "breach-long-fr",
        "breach-initial-long",
        "fr_FR",
        "initial",
        {"crisis_types": ["data-breach"], "channels": ["status-page", "email", "press"]},
        "Le {incident_start, date, long} à {incident_start, time, short}, Lumea a détecté un"
        " accès non autorisé à son espace client. {affected_customers, plural,"
        " one {# client est concerné} other {# clients sont concernés}} ; chacun est prévenu"
        " directement. Nous avons coupé l’accès en cause, informé la CNIL et porté plainte."
        " Par précaution, changez votre mot de passe. Questions : {contact_email} ou"
        " {hotline}. Prochain point : {next_update, time, short}. Suivi : {status_url}",
        _BY_LEGAL,
        "2026-09-14T11:00",
    ),
    (
        "breach-long-en",
        "breach-initial-long",
        "en_GB",
        "initial",
        {"crisis_types": ["data-breach"], "channels": ["email", "press"]},
        "On {incident_start, date, long} at {incident_start, time, short}, Lumea detected"
        " unauthorised access to its customer area. {affected_customers, plural,"
        " one {# customer is affected} other {# customers are affected}}; each is being"
        " contacted directly. We have closed the access, informed the French data protection"
        " authority (CNIL) and filed a complaint. Questions: {contact_email} or {hotline}."
        " Next update: {next_update, time, short}. Updates: {status_url}",
        _BY_LEGAL,
        "2026-09-14T11:00",
    ),
    (
        "breach-regulator-fr",
        "breach-notification",
        "fr_FR",
        "initial",
        {"crisis_types": ["data-breach"], "stakeholders": ["regulators"]},
        "Objet : notification de violation de données (article 33 du RGPD). Le"
        " {incident_start, date, long} à {incident_start, time, short}, Lumea a détecté un"
        " accès non autorisé à son espace client concernant {affected_customers, number,"
        " integer} clients. Contact du délégué à la protection des données : {contact_email}."
        " Suivi public : {status_url}",
        _BY_LEGAL,
        "2026-09-14T11:00",
    ),
    (
        "breach-staff-fr",
        "breach-initial-staff",
        "fr_FR",
        "initial",
        {"crisis_types": ["data-breach"], "stakeholders": ["employees"]},
        "Cellule de crise activée : accès non autorisé à l’espace client détecté à"
        " {incident_start, time, short}, {affected_customers, number, integer} clients"
        " concernés. Ne commentez pas à l’extérieur ; renvoyez la presse vers le porte-parole."
        " Suivi : {status_url}",
        ["amelie-durand", "karim-benali"],
        "2026-09-14T11:00",
    ),
    (
        "breach-update-fr",
        "breach-update",
        "fr_FR",
        "update",
        {"crisis_types": ["data-breach"]},
        "Point d’étape Lumea : l’enquête se poursuit. {affected_customers, plural,"
        " one {# client est concerné} other {# clients sont concernés}}. Prochain point :"
        " {next_update, time, short}. Suivi : {status_url}",
        _BY_LEADS,
        "2026-09-14T10:00",
    ),
    (
        "breach-update-en",
        "breach-update",
        "en_GB",
        "update",
        {"crisis_types": ["data-breach"]},
        "Lumea update: our investigation continues. {affected_customers, plural,"
        " one {# customer is affected} other {# customers are affected}}. Next update:"
        " {next_update, time, short}. Updates: {status_url}",
        _BY_LEADS,
        "2026-09-14T10:00",
    ),
    (
        "breach-resolved-fr",
        "breach-resolved",
        "fr_FR",
        "resolved",
        {"crisis_types": ["data-breach"]},
        "Incident résolu : l’accès non autorisé à l’espace client Lumea est clos. Les"
        " {affected_customers, number, integer} clients concernés ont été prévenus. Bilan"
        " complet : {status_url}",
        _BY_LEADS,
        "2026-09-14T10:00",
    ),
    (
        "breach-resolved-en",
        "breach-resolved",
        "en_GB",
        "resolved",
        {"crisis_types": ["data-breach"]},
        "Resolved: the unauthorised access to the Lumea customer area is closed. All"
        " {affected_customers, number, integer} affected customers have been informed. Full"
        " report: {status_url}",
        _BY_LEADS,
        "2026-09-14T10:00",
    ),
    # -- service outage -----------------------------------------------------
    (
        "outage-fr",
        "outage-initial",
        "fr_FR",
        "initial",
        {"crisis_types": ["service-outage"]},
        "{service} est indisponible depuis {incident_start, time, short}. Nos équipes sont"
        " mobilisées. Prochain point : {next_update, time, short}. Suivi : {status_url}",
        ["sophie-martin"],
        "2026-06-02T09:00",
    ),
    (
        "outage-en",
        "outage-initial",
        "en_GB",
        "initial",
        {"crisis_types": ["service-outage"]},
        "{service} has been unavailable since {incident_start, time, short}. Our teams are on"
        " it. Next update: {next_update, time, short}. Updates: {status_url}",
        ["sophie-martin"],
        "2026-06-02T09:00",
    ),
    (
        "outage-sms-fr",
        "outage-initial-sms",
        "fr_FR",
        "initial",
        {"crisis_types": ["service-outage"], "channels": ["sms"]},
        "Lumea: {service} indisponible depuis {incident_start, time, short}. Suivi: {status_url}",
        ["sophie-martin"],
        "2026-06-02T09:00",
    ),
    (
        "outage-update-fr",
        "outage-update",
        "fr_FR",
        "update",
        {"crisis_types": ["service-outage"]},
        "{service} : le rétablissement est en cours. Prochain point :"
        " {next_update, time, short}. Suivi : {status_url}",
        ["sophie-martin"],
        "2026-06-02T09:00",
    ),
    (
        "outage-resolved-fr",
        "outage-resolved",
        "fr_FR",
        "resolved",
        {"crisis_types": ["service-outage"]},
        "Résolu : {service} fonctionne de nouveau depuis {restored_at, time, short}. Merci de"
        " votre patience. Détails : {status_url}",
        ["sophie-martin"],
        "2026-06-02T09:00",
    ),
    (
        "outage-resolved-en",
        "outage-resolved",
        "en_GB",
        "resolved",
        {"crisis_types": ["service-outage"]},
        "Resolved: {service} has been working again since {restored_at, time, short}. Thank"
        " you for your patience. Details: {status_url}",
        ["sophie-martin"],
        "2026-06-02T09:00",
    ),
    # -- product recall -----------------------------------------------------
    (
        "recall-fr",
        "recall-initial",
        "fr_FR",
        "initial",
        {"crisis_types": ["product-recall"]},
        "Rappel de sécurité : les thermostats Lumea Box du lot {batch} peuvent surchauffer."
        " Débranchez-les et demandez un échange gratuit sur {status_url} ou au {hotline}.",
        _BY_LEGAL,
        "2026-05-20T15:00",
    ),
    (
        "recall-en",
        "recall-initial",
        "en_GB",
        "initial",
        {"crisis_types": ["product-recall"]},
        "Safety recall: Lumea Box thermostats from batch {batch} may overheat. Unplug them and"
        " request a free replacement at {status_url} or on {hotline}.",
        _BY_LEGAL,
        "2026-05-20T15:00",
    ),
    # -- false rumour -------------------------------------------------------
    (
        "rumour-rebuttal-fr",
        "rumour-rebuttal",
        "fr_FR",
        "initial",
        {"crisis_types": ["false-rumour"]},
        "Faux : Lumea ne vend pas les données de ses clients et n’en a jamais vendu. Nos"
        " engagements : {status_url}",
        _BY_LEGAL,
        "2026-04-10T09:30",
    ),
    (
        "rumour-rebuttal-en",
        "rumour-rebuttal",
        "en_GB",
        "initial",
        {"crisis_types": ["false-rumour"]},
        "False: Lumea does not sell its customers' data and never has. Our commitments:"
        " {status_url}",
        _BY_LEGAL,
        "2026-04-10T09:30",
    ),
    # -- investors: expired approval on purpose -------------------------------
    (
        "breach-investors-en",
        "breach-initial-investors",
        "en_GB",
        "initial",
        {"crisis_types": ["data-breach"], "stakeholders": ["investors"]},
        "Lumea informs its investors that unauthorised access to its customer area was"
        " detected on {incident_start, date, long}, affecting {affected_customers, number,"
        " integer} customers. The financial impact is being assessed. Updates: {status_url}",
        _BY_LEGAL,
        "2025-10-31T12:00",
    ),
    # The holding statement of a rumour crisis; the rebuttals above answer the
    # claim itself and are selected by their key only.
    (
        "rumour-statement-fr",
        "rumour-statement",
        "fr_FR",
        "initial",
        {"crisis_types": ["false-rumour"]},
        "Une information inexacte circule au sujet de Lumea. Nous publions les faits et"
        " répondons à vos questions sur {status_url}",
        _BY_LEGAL,
        "2026-04-10T09:30",
    ),
    (
        "rumour-statement-en",
        "rumour-statement",
        "en_GB",
        "initial",
        {"crisis_types": ["false-rumour"]},
        "Inaccurate information about Lumea is circulating. We publish the facts and answer"
        " your questions at {status_url}",
        _BY_LEGAL,
        "2026-04-10T09:30",
    ),
]

_EXPIRING = {"breach-investors-en": "2026-10-31T12:00"}
# The Instagram post as it was approved, before someone edited it.
_APPROVED_BEFORE_EDIT = {
    "breach-instagram-fr": (
        "Accès non autorisé à l’espace client Lumea : {affected_customers, number, integer}"
        " clients concernés. Infos sur {status_url} #Lumea"
    ),
}


def _templates() -> list[dict[str, Any]]:
    templates = []
    for template_id, key, locale, phase, scope, text, by, at in _TEXTS:
        approved_text = _APPROVED_BEFORE_EDIT.get(template_id, text)
        expires = _EXPIRING.get(template_id, "2027-09-30T18:00")
        template: dict[str, Any] = {
            "id": template_id,
            "key": key,
            "locale": locale,
            "phase": phase,
            "text": text,
            **scope,
        }
        template["approval"] = _approval(template, approved_text, by, at, expires)
        templates.append(template)
    return templates


_OBLIGATIONS = [
    {
        "id": "gdpr-art33",
        "label": "Notifier la violation à la CNIL",
        "stakeholder": "regulators",
        "crisis_types": ["data-breach"],
        "within": timedelta(hours=72),
        "reference": "RGPD / GDPR Art. 33",
    },
    {
        "id": "nis2-early-warning",
        "label": "Alerte précoce au CSIRT (ANSSI)",
        "stakeholder": "regulators",
        "crisis_types": ["data-breach", "service-outage"],
        "min_severity": "high",
        "within": timedelta(hours=24),
        "reference": "NIS2 Art. 23(4)(a)",
    },
    {
        "id": "nis2-notification",
        "label": "Notification d'incident au CSIRT (ANSSI)",
        "stakeholder": "regulators",
        "crisis_types": ["data-breach", "service-outage"],
        "min_severity": "high",
        "within": timedelta(hours=72),
        "reference": "NIS2 Art. 23(4)(b)",
    },
    {
        "id": "nis2-final-report",
        "label": "Rapport final au CSIRT (ANSSI)",
        "stakeholder": "regulators",
        "crisis_types": ["data-breach", "service-outage"],
        "min_severity": "high",
        "within_months": 1,
        "after": "nis2-notification",
        "reference": "NIS2 Art. 23(4)(d)",
    },
    {
        "id": "partner-contract",
        "label": "Informer les distributeurs (clause de sécurité du contrat)",
        "stakeholder": "partners",
        "crisis_types": ["data-breach", "product-recall"],
        "within_business_days": 2,
        "reference": "Contrat de distribution, art. 12.3",
    },
]

_CLAIMS = [
    {
        "id": "data-for-sale",
        "statement": "Lumea vend les données de ses clients",
        "verdict": "false",
        "patterns": {
            "fr": [["lumea", "vend", "données"], ["lumea", "revend", "données"]],
            "en": [["lumea", "sell", "data"], ["lumea", "selling", "data"]],
        },
        "rebuttal_key": "rumour-rebuttal",
    },
    {
        "id": "bank-details-leaked",
        "statement": "Les coordonnées bancaires des clients ont fuité",
        "verdict": "unverified",
        "patterns": {
            "fr": [["lumea", "iban"], ["lumea", "coordonnées", "bancaires"]],
            "en": [["lumea", "bank", "details"]],
        },
    },
]

_RULES = [
    {
        "id": "rumour-spreading",
        "to_severity": "high",
        "window": timedelta(hours=1),
        "min_mentions": 50,
        "min_claim_matches": 20,
    },
    {
        "id": "viral-anger",
        "to_severity": "critical",
        "window": timedelta(hours=1),
        "min_mentions": 500,
        "min_growth": 3.0,
        "min_negative_share": 0.6,
    },
]


def _document() -> dict[str, Any]:
    return {
        "name": "Lumea — plan de communication de crise",
        "default_locale": "fr_FR",
        "timezone": "Europe/Paris",
        "severities": _SEVERITIES,
        "stakeholders": _STAKEHOLDERS,
        "channels": _CHANNELS,
        "roles": _ROLES,
        "people": [
            {**person, "public_keys": [public_key_of(demo_private_key(str(person["id"])))]}
            for person in _PEOPLE
        ],
        "crisis_types": _CRISIS_TYPES,
        "facts": _FACTS,
        "templates": _templates(),
        "obligations": _OBLIGATIONS,
        "claims": _CLAIMS,
        "escalation_rules": _RULES,
        "allowed_domains": ["lumea.fr", "status.lumea.fr"],
        "holidays": [date(2026, 12, 25), date(2027, 1, 1)],
        "training": {
            "every": timedelta(days=180),
            "exercises": [
                {
                    "held_at": _at("2026-03-12T09:00"),
                    "label": "Exercice rançongiciel",
                    "crisis_type": "data-breach",
                    "participants": ["amelie-durand", "sophie-martin", "thomas-leroy"],
                },
            ],
        },
    }


@functools.cache
def demo_plan() -> Plan:
    """The demo plan of Lumea, a French energy supplier (see the module docstring).

    The plan is immutable, so every call returns the same object.

    >>> plan = demo_plan()
    >>> len(plan.stakeholders), len(plan.channels), len(plan.templates) > 20
    (6, 10, True)
    >>> plan.stakeholder("partners").locales
    ('en_GB',)
    """
    return load_plan(_document())


def demo_situation() -> Situation:
    """The demo crisis: unauthorised access to Lumea's customer area.

    Detected on Tuesday 24 November 2026 at 08:40 in Paris; severity high,
    initial phase, with the fact sheet the templates need.

    >>> s = demo_situation()
    >>> s.crisis_type, s.severity, s.phase.value
    ('data-breach', 'high', 'initial')
    >>> s.detected_at.isoformat()
    '2026-11-24T08:40:00+01:00'
    """
    return Situation(
        crisis_type="data-breach",
        severity="high",
        phase="initial",
        detected_at=datetime(2026, 11, 24, 8, 40, tzinfo=_PARIS),
        facts={
            "affected_customers": 12000,
            "incident_start": datetime(2026, 11, 24, 7, 55, tzinfo=_PARIS),
            "next_update": datetime(2026, 11, 24, 12, 0, tzinfo=_PARIS),
            "status_url": "https://status.lumea.fr/incident/2411",
            "contact_email": "securite@lumea.fr",
            "hotline": "+33 9 70 80 90 00",
            "service": "L’espace client",
        },
    )


# -- the demo crisis as it was recorded ----------------------------------------------

# (id, stakeholder, channel, Paris time, template, locale, obligations, text or None to render)
_LOG: list[tuple[str, str, str, str, str | None, str, tuple[str, ...], str | None]] = [
    ("staff-1", "employees", "slack-crisis", "09:00", "breach-staff-fr", "fr_FR", (), None),
    ("status-1", "customers", "status-page", "09:25", "breach-long-fr", "fr_FR", (), None),
    ("cnil-1", "regulators", "email", "09:30", "breach-regulator-fr", "fr_FR",
     ("gdpr-art33", "nis2-early-warning"), None),
    ("instagram-1", "customers", "instagram", "09:35", "breach-instagram-fr", "fr_FR", (), None),
    # Typed by hand on X: a digit lost, 1 200 for 12 000.
    ("x-1", "customers", "x-fr", "09:50", None, "fr_FR", (),
     "Lumea a détecté un accès non autorisé à l’espace client : 1 200 clients concernés."
     " Prochain point : 12:00. Suivi : https://status.lumea.fr/incident/2411"),
    ("press-1", "media", "press", "09:55", "breach-long-fr", "fr_FR", (), None),
    ("x-2", "customers", "x-fr", "10:10", "breach-social-fr", "fr_FR", (), None),
    # The distributors read English; the French notice went out to them.
    ("partners-1", "partners", "email", "10:20", "breach-long-fr", "fr_FR",
     ("partner-contract",), None),
    ("rebuttal-1", "customers", "x-fr", "11:20", "rumour-rebuttal-fr", "fr_FR", (), None),
    ("status-2", "customers", "status-page", "11:55", "breach-update-fr", "fr_FR", (), None),
    ("resolved-1", "customers", "status-page", "15:10", "breach-resolved-fr", "fr_FR", (), None),
    ("resolved-2", "media", "press", "15:20", "breach-resolved-fr", "fr_FR", (), None),
]  # fmt: skip


def _today(hhmm: str) -> datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime(2026, 11, 24, hour, minute, tzinfo=_PARIS)


def _mentions() -> list[dict[str, Any]]:
    """A rumour that grows, then turns viral and angry; and a few posts about bank details."""
    mentions: list[dict[str, Any]] = []
    start = _today("09:10")
    for n in range(120):  # one every 30 s for an hour, a third repeating the claim
        text = "Lumea vend les données de ses clients ?!" if n % 3 == 0 else "Panne Lumea ce matin"
        mentions.append(
            {"id": f"m{n}", "text": text, "at": start + timedelta(seconds=30 * n),
             "source": "x", "locale": "fr", "reach": 150, "sentiment": -0.4}
        )  # fmt: skip
    start = _today("10:10")
    for n in range(720):  # one every 5 s for the next hour, three quarters angry
        mentions.append(
            {"id": f"v{n}", "text": f"Lumea vend les données de ses clients, honteux #{n % 40}",
             "at": start + timedelta(seconds=5 * n), "source": "x", "locale": "fr",
             "reach": 400, "sentiment": -0.8 if n % 4 else 0.2}
        )  # fmt: skip
    for n in range(6):
        mentions.append(
            {"id": f"b{n}", "text": "Les coordonnées bancaires Lumea ont fuité ?",
             "at": _today("10:30") + timedelta(minutes=7 * n), "source": "forum",
             "locale": "fr", "reach": 40}
        )  # fmt: skip
    return mentions


def demo_record() -> CrisisRecord:
    """The demo crisis as the team's tools recorded it, from detection to resolution.

    The messages of the deadlines example with their text, and what followed:
    a hand-typed post that said 1 200 customers instead of 12 000 (corrected
    at 10:10), a rumour that the team rebutted at 11:20 with a template meant
    for another crisis type, viral anger from 10:10 on that the escalation
    rules saw before the team raised the severity to critical at 11:30, a
    revised figure of 15,000 at 11:40, the French notice sent to the English
    reading distributors, nothing at all to the investors, and the
    resolution at 15:10.

    >>> record = demo_record()
    >>> len(record.sent), len(record.mentions), record.changes[0].severity
    (12, 846, 'critical')
    >>> record.facts_at(record.sent[-1].sent_at)["affected_customers"]
    15000
    """
    plan, situation = demo_plan(), demo_situation()
    changes = [
        {"id": "escalation-1", "at": _today("11:30"), "severity": "critical",
         "reason": "viral anger over the rumour"},
        {"id": "figure-1", "at": _today("11:40"), "phase": "update",
         "facts": {"affected_customers": 15000, "next_update": _today("14:00")},
         "reason": "the investigation counted 15,000 accounts"},
        {"id": "resolved", "at": _today("15:00"), "phase": "resolved",
         "facts": {"restored_at": _today("14:50")}},
    ]  # fmt: skip
    record: dict[str, Any] = {"situation": situation, "changes": changes, "label": "Fuite 2411"}
    interim = CrisisRecord.model_validate(record)
    sent = []
    for ident, stakeholder, channel, hhmm, template_id, locale, obligations, typed in _LOG:
        at = _today(hhmm)
        text = typed
        if text is None and template_id is not None:
            text = render(
                plan.template(template_id),
                interim.facts_at(at),
                locale=locale,
                timezone=plan.stakeholder_timezone(stakeholder),
                channel=plan.channel(channel),
            )
        sent.append(
            SentMessage(
                id=ident, stakeholder=stakeholder, channel=channel, sent_at=at,
                template_id=template_id, phase=None if template_id else "initial",
                locale=locale, obligations=obligations, text=text,
            )
        )  # fmt: skip
    return CrisisRecord.model_validate(
        {**record, "sent": sent, "mentions": [Mention.model_validate(m) for m in _mentions()]}
    )
