"""The words for the domain's codes, in one place (Dutch msgids, translated where shown).

Pages, explanations, messages and the council export all say a status, a flag, its
state, a measure, a reporting frequency, a role, a review decision or an audit entry's
words with these: the export's words are the interface's words. A code without a label
is shown as it is (i18n.label_of): it may be one a newer version added.
"""

from .enforcement import STEP_LABELS
from .flag_rules import FLAG_LABELS, FLAG_STATE_LABELS
from .signoff import STATE_LABELS as CANDIDATE_STATE_LABELS
from .status import STATUS_LABELS
from .text import N_

MEASURE_LABELS = {
    "persons": N_("personen"),
    "hours": N_("uren"),
    "euros": N_("euro"),
    "all_of": N_("alle onderdelen"),
    "any_of": N_("één van de onderdelen"),
}
REPORTING_LABELS = {
    "monthly": N_("maandelijks"),
    "quarterly": N_("per kwartaal"),
    "half-yearly": N_("per halfjaar"),
    "yearly": N_("jaarlijks"),
}
# The supplier's step on the PSO ladder (Prestatieladder Socialer Ondernemen; valuation.md).
PSO_STEP_LABELS = {
    "aspirant": N_("aspirant"),
    "basistrede": N_("basistrede"),
    "trede_1": N_("trede 1"),
    "trede_2": N_("trede 2"),
    "trede_3": N_("trede 3"),
}
DECISION_LABELS = {"verified": N_("geverifieerd"), "rejected": N_("afgewezen")}
# How a progress report came in (issue 20): a report is a report whatever its channel.
CHANNEL_LABELS = {
    "upload": N_("geüpload"),
    "browser": N_("ingevoerd in de browser"),
    "api": N_("via de API"),
}
# Roles, and the words of the audit log: what was done to what, by whom (a word for the
# actors that are no user), and the fields of an entry's changes.
ROLE_LABELS = {
    "officer": N_("inkoper"),
    "supplier": N_("opdrachtnemer"),
    "bureau": N_("social return bureau"),
    "admin": N_("beheerder"),
}
AUDIT_ACTION_LABELS = {
    "create": N_("aangemaakt"),
    "update": N_("gewijzigd"),
    "archive": N_("gearchiveerd"),
    "unarchive": N_("teruggezet uit het archief"),
    "upload": N_("rapportage geüpload"),
    "login": N_("ingelogd"),
    "login_failed": N_("inloggen mislukt"),
    "logout": N_("uitgelogd"),
    "deactivate": N_("gedeactiveerd"),
    "reactivate": N_("weer actief gemaakt"),
    "role": N_("rol gewijzigd"),
    "open": N_("signaal geopend"),
    "resolve": N_("signaal opgelost"),
    "close": N_("signaal gesloten"),
    "acknowledge": N_("signaal gezien"),
    "comment": N_("opmerking geplaatst"),
    "remedial_deadline": N_("hersteltermijn afgesproken"),
    "clear": N_("onderdrukking opgeheven"),
    "suppress": N_("signaal onderdrukt"),
    "status": N_("status veranderd"),
    "check": N_("controle uitgevoerd"),
    "verify": N_("kandidaat geverifieerd"),
    "reject": N_("kandidaat afgewezen"),
    "withdraw": N_("beoordeling ingetrokken"),
    "revoke": N_("ingetrokken"),
    "policy": N_("telbeleid gewijzigd"),
    "record": N_("bewijs genoteerd"),
    "attach": N_("bewijsstuk bewaard"),
    "download": N_("bewijsstuk gedownload"),
    "delete": N_("verwijderd"),
    "answer": N_("vervolgvraag beantwoord"),
    "decide_count": N_("dubbeltelling beslist"),
    "amount": N_("bedrag handhaving herberekend"),
    **STEP_LABELS,  # a step of an enforcement case is recorded under its own name
}
AUDIT_SUBJECT_LABELS = {
    "contract": N_("contract"),
    "clause": N_("verplichting"),
    "report": N_("rapportage"),
    "flag": N_("signaal"),
    "flag_suppression": N_("onderdrukt signaal"),
    "candidate_review": N_("beoordeling van een kandidaat"),
    "user": N_("gebruiker"),
    "organisation": N_("organisatie"),
    "check_run": N_("controle"),
    "api_token": N_("API-sleutel"),
    "evidence": N_("bewijs"),
    "evidence_file": N_("bewijsstuk"),
    "follow_up": N_("vervolgvraag"),
    "count_decision": N_("besluit over een dubbeltelling"),
    "enforcement_case": N_("handhavingszaak"),
}
ACTOR_LABELS = {
    "cli": N_("opdrachtregel"),
    "scheduler": N_("geplande taak"),
    "demo": N_("demogegevens"),
    "anonymous": N_("niet ingelogd"),
    "import": N_("import"),
}
# The fields of an audit entry's changes that a reader may meet.
FIELD_LABELS = {
    "state": N_("stand"),
    "reason": N_("reden"),
    "remedial_deadline": N_("hersteltermijn"),
    "text": N_("tekst"),
    "archived_at": N_("gearchiveerd op"),
    "status": N_("status"),
    "decision": N_("beslissing"),
    "language": N_("taal"),
    "password": N_("wachtwoord"),
    "email": N_("e-mailadres"),
    "role": N_("rol"),
    "active": N_("actief"),
    "organisation": N_("organisatie"),
    "name": N_("naam"),
    "serves": N_("bedient"),
    "title": N_("omschrijving"),
    "contract": N_("contract"),
    "clause": N_("verplichting"),
    "clauses": N_("verplichtingen"),
    "period": N_("periode"),
    "kind": N_("soort"),
    "rows": N_("regels"),
    "last_login_at": N_("laatst ingelogd"),
}

LABELS = {
    "status": STATUS_LABELS,
    "flag": FLAG_LABELS,
    "flag_state": FLAG_STATE_LABELS,
    "measure": MEASURE_LABELS,
    "reporting": REPORTING_LABELS,
    "pso_step": PSO_STEP_LABELS,
    "decision": DECISION_LABELS,
    "channel": CHANNEL_LABELS,
    "candidate_state": CANDIDATE_STATE_LABELS,
    "role": ROLE_LABELS,
    "audit_action": AUDIT_ACTION_LABELS,
    "audit_subject": AUDIT_SUBJECT_LABELS,
    "actor": ACTOR_LABELS,
    "field": FIELD_LABELS,
}
"""Each set by the name templates use: ``label("measure", clause.measure)``."""

__all__ = [
    "CANDIDATE_STATE_LABELS",
    "CHANNEL_LABELS",
    "DECISION_LABELS",
    "FLAG_LABELS",
    "FLAG_STATE_LABELS",
    "MEASURE_LABELS",
    "PSO_STEP_LABELS",
    "REPORTING_LABELS",
    "STATUS_LABELS",
]
