"""The API's readable page (/api/v1/) in the reader's language: what each route does, who
may use it, and what each problem code means. The OpenAPI document stays in English."""

from flask_babel import gettext

from ..access import PUBLIC, RULES
from ..errors import N_
from ..i18n import role_label
from . import problems

# operationId -> what the route does, for people.
ROUTES = {
    "docs": N_("Deze pagina: elk adres van de API, wie het mag gebruiken en de antwoorden."),
    "openapi": N_("Het OpenAPI-document van de API, voor programma's."),
    "contracts": N_(
        "De contracten die de gebruiker van de sleutel mag zien, op kenmerk; "
        "?archived=1 geeft de gearchiveerde."
    ),
    "contract": N_("Eén contract met zijn verplichtingen, zoals het contractbestand ze geeft."),
    "figures": N_(
        "De cijfers van elke verplichting per de datum van de laatste controle, zoals "
        "srtracker check --json ze geeft."
    ),
    "clause": N_(
        "De cijfers van één verplichting met hun uitleg: de rijen die meetellen, en bij elke "
        "andere rij waarom die niet meetelt."
    ),
    "review": N_(
        "Het bureau keurt een kandidaat onder een verplichting goed, wijst hem af (met een "
        "reden) of trekt zijn besluit in; het contract wordt meteen opnieuw gecontroleerd."
    ),
    "contract_flags": N_(
        "De open en geziene signalen van het contract, zoals zijn pagina ze toont."
    ),
    "reports": N_("Elke rapportage van het contract, nieuwste eerst, geaccepteerd of afgewezen."),
    "upload": N_(
        "Een voortgangsrapportage (Excel) controleren en opslaan, precies zoals de uploadpagina "
        "doet; het antwoord is het machineleesbare resultaat."
    ),
    "flags": N_(
        "De signalen van de contracten die de gebruiker mag zien: open en gezien, of "
        "?state=all of één stand; ?kind= één soort."
    ),
    "flag": N_("Eén signaal met zijn geschiedenis: elke wijziging en opmerking, oudste eerst."),
    "report": N_("Het resultaat van een opgeslagen rapportage, zoals de upload het gaf."),
    "reviews": N_(
        "Kandidaten die wachten op het besluit van het bureau, in de contracten die de "
        "gebruiker mag zien, oudste eerst."
    ),
}
# Codes of problems more specific than their status.
PROBLEMS = {
    "unknown_period": N_("de periode is geen rapportageperiode van dit contract"),
    "contract_archived": N_("het contract is gearchiveerd"),
    "no_file": N_("er is geen bestand meegestuurd"),
    "invalid_body": N_("de inhoud van de vraag is niet te lezen, of een veld klopt niet"),
    "unknown_candidate": N_("deze kandidaat komt niet voor onder deze verplichting"),
    "missing_reason": N_("een afwijzing vraagt een reden"),
    "nothing_to_withdraw": N_("er is geen besluit om in te trekken"),
}


def routes(document: dict) -> list[dict]:
    """Every route of the document with its words and its roles, as the page lists them."""
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            name = operation["operationId"]
            roles = RULES["api." + name]
            found.append(
                {
                    "id": name,
                    "method": method.upper(),
                    "path": "/api/v1" + path,
                    "what": gettext(ROUTES[name]),
                    "who": gettext("iedereen, zonder sleutel")
                    if roles == PUBLIC
                    else ", ".join(role_label(role) for role in roles),
                    "answers": ", ".join(operation["responses"]),
                }
            )
    return found


def problem_codes() -> list[tuple[str, str]]:
    """Every code a problem may carry, with what it means."""
    by_code = {code: status for status, code in problems.CODES.items()}
    return [
        (code, gettext(PROBLEMS[code]) if code in PROBLEMS else problems.title_of(by_code[code]))
        for code in problems.PROBLEM_CODES
    ]
