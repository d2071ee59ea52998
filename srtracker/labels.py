"""Labels for the codes a user would otherwise read, in one place, in the reader's language.

Roles, audit actions and subjects, who did something, contribution types and target
groups. A code without a label is shown as it is: it may be one a newer version added.
"""

from flask import current_app
from flask_babel import get_locale, gettext


def N_(text):
    return text


ROLES = {
    "officer": N_("inkoper"),
    "supplier": N_("opdrachtnemer"),
    "bureau": N_("social return bureau"),
    "admin": N_("beheerder"),
}
AUDIT_ACTIONS = {
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
}
AUDIT_SUBJECTS = {
    "contract": N_("contract"),
    "clause": N_("verplichting"),
    "report": N_("rapportage"),
    "flag": N_("signaal"),
    "flag_suppression": N_("onderdrukt signaal"),
    "candidate_review": N_("beoordeling van een kandidaat"),
    "user": N_("gebruiker"),
    "organisation": N_("organisatie"),
    "check_run": N_("controle"),
}
ACTORS = {
    "cli": N_("opdrachtregel"),
    "scheduler": N_("geplande taak"),
    "demo": N_("demogegevens"),
    "anonymous": N_("niet ingelogd"),
    "import": N_("import"),
}
# The fields of an audit entry's changes that a reader may meet.
FIELDS = {
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


def _label(table: dict, code) -> str:
    return gettext(table[code]) if code in table else str(code or "")


def role_label(code: str) -> str:
    return _label(ROLES, code)


def action_label(code: str) -> str:
    return _label(AUDIT_ACTIONS, code)


def subject_label(code: str) -> str:
    return _label(AUDIT_SUBJECTS, code)


def actor_label(code: str) -> str:
    return _label(ACTORS, code)


def field_label(code: str) -> str:
    return _label(FIELDS, code)


def _reference_label(items: dict, code: str) -> str:
    item = items.get(code)
    if item is None:
        return code
    return item.label_en if str(get_locale()) == "en" else item.label_nl


def type_label(code: str) -> str:
    """A contribution type as the reader's language names it (config's reference data)."""
    return _reference_label(current_app.config["REFERENCE"].types, code)


def group_label(code: str) -> str:
    return _reference_label(current_app.config["REFERENCE"].groups, code)


def init_app(app):
    app.jinja_env.globals.update(
        role_label=role_label,
        action_label=action_label,
        subject_label=subject_label,
        field_label=field_label,
        type_label=type_label,
        group_label=group_label,
    )
