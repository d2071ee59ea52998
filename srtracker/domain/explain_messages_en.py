"""English for the Dutch msgids of explain.py."""

from .valuation_messages_en import MESSAGES as VALUATION

MESSAGES = {
    "personen": "persons",
    "uur": "hours",
    "euro": "euros",
    "nog niet begonnen: de verplichting start op {start}": "not started: the clause starts on {start}",
    "niet beoordeeld: de waardering in euro volgt later": "not evaluated: valuation in euros will follow later",
    "gehaald: het doel is bereikt": "met: the target has been reached",
    "niet gehaald: de einddatum {deadline} is voorbij en het doel is niet bereikt": "failed: the deadline {deadline} has passed and the target has not been reached",
    "nog geen rapportage die meetelt": "no report counts yet",
    "op schema: gerealiseerd is minstens wat verwacht wordt": "on track: realised is at least what is expected",
    "risico: gerealiseerd blijft iets achter bij wat verwacht wordt": "at risk: realised is a little short of what is expected",
    "achter: gerealiseerd blijft ver achter bij wat verwacht wordt": "behind: realised is well short of what is expected",
    "soort {type} telt niet mee voor deze verplichting": "type {type} does not count for this clause",
    "doelgroep telt niet mee voor deze verplichting": "target group does not count for this clause",
    "begonnen op {start_date}, vóór de start van de verplichting op {clause_start}": "started on {start_date}, before the clause starts on {clause_start}",
    "begonnen op {start_date}, na de einddatum van de verplichting op {deadline}": "started on {start_date}, after the clause's deadline of {deadline}",
    "{hours} uur per week; de verplichting vraagt minstens {min_hours}": "{hours} hours a week; the clause asks at least {min_hours}",
    "kandidaat afgewezen door het bureau voor deze verplichting": "candidate rejected by the bureau for this clause",
    "wacht op goedkeuring door het bureau": "awaiting the bureau's approval",
    "goedkeuring vervallen: soort, doelgroep of startdatum is gewijzigd sinds de goedkeuring": "approval lapsed: type, target group or start date changed since the approval",
    "telt al in een ander contract: het bureau gaf deze dagen aan dat contract": "counted in another contract already: the bureau gave these days to that contract",
    "in afwachting van beoordeling ({unit}): {pending}": "pending review ({unit}): {pending}",
    "{days} dagen gaf het bureau aan een ander contract": "{days} days the bureau gave to another contract",
    "beëindigd binnen een maand; de verplichting vraagt {required}": "ended within a month; the clause asks {required}",
    "beëindigd na 1 maand; de verplichting vraagt {required}": "ended after 1 month; the clause asks {required}",
    "beëindigd na {months} maanden; de verplichting vraagt {required}": "ended after {months} months; the clause asks {required}",
    "doel ({unit}): {target}": "target ({unit}): {target}",
    "verwacht op {date} ({unit}): {expected}": "expected at {date} ({unit}): {expected}",
    "gerealiseerd op {date} ({unit}): {realised}": "realised at {date} ({unit}): {realised}",
    "nog geen rapportage: verwacht en gerealiseerd zijn 0": "no report yet: expected and realised are 0",
    "gerealiseerd en verwacht: nog niet te waarderen": "realised and expected: cannot be valued yet",
    "telt mee: {type}, sinds {start_date}": "counts: {type}, since {start_date}",
    "telt mee: {type}, {start_date} tot en met {end_date}": "counts: {type}, {start_date} to {end_date}",
    "{hours} uur: {hours_per_week} uur per week over {days} dagen": "{hours} hours: {hours_per_week} hours a week over {days} days",
    "onderdelen": "parts",
    "doel ({unit}): {target}, {percent}% van de contractwaarde": "target ({unit}): {target}, {percent}% of the contract value",
    "alle {count} onderdelen moeten gehaald worden; gehaald: {met}": "all {count} parts must be met; met: {met}",
    "één van de {count} onderdelen moet gehaald worden; gehaald: {met}": "one of the {count} parts must be met; met: {met}",
    "{code} ({status}): doel {target} {unit}, gerealiseerd {realised}, nog te gaan {remaining}": "{code} ({status}): target {target} {unit}, realised {realised}, still to go {remaining}",
    "{code} ({status}): doel {target} {unit}, nog niet te waarderen": "{code} ({status}): target {target} {unit}, cannot be valued yet",
    "nog niet begonnen": "not started",
    "niet beoordeeld": "not evaluated",
    "gehaald": "met",
    "niet gehaald": "failed",
    "geen rapportage": "no report",
    "op schema": "on track",
    "risico": "at risk",
    "achter": "behind",
}


def translate(msgid: str) -> str:
    """English for explain.py's msgids and for the valuation lines a row explanation holds."""
    return MESSAGES.get(msgid) or VALUATION.get(msgid, msgid)
