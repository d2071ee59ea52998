"""Each clause's figures in plain words (compliance.md: every figure must be explainable).

Messages are Dutch msgids marked with ``N_`` and rendered through ``translate``
(identity by default: Dutch); ``explain_messages_en.MESSAGES`` is the English
table. Placeholders are filled after translation.
"""

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from . import counting as c
from . import status as s
from .compliance import ClauseResult
from .composite import remaining
from .contributions import Contribution
from .figures import (
    show_date,
    show_number,
)
from .periods import months_completed
from .signoff import ON_APPROVAL
from .valuation import table_part


def N_(msgid: str) -> str:
    """Marks a msgid for extraction; translation happens when rendering."""
    return msgid


Translate = Callable[[str], str]

UNITS = {
    "persons": N_("personen"),
    "hours": N_("uur"),
    "euros": N_("euro"),
    "all_of": N_("onderdelen"),
    "any_of": N_("onderdelen"),
}

STATUS_TEXT = {
    s.NOT_STARTED: N_("nog niet begonnen: de verplichting start op {start}"),
    s.NOT_EVALUATED: N_("niet beoordeeld: de waardering in euro volgt later"),
    s.MET: N_("gehaald: het doel is bereikt"),
    s.FAILED: N_("niet gehaald: de einddatum {deadline} is voorbij en het doel is niet bereikt"),
    s.NO_REPORT: N_("nog geen rapportage die meetelt"),
    s.ON_TRACK: N_("op schema: gerealiseerd is minstens wat verwacht wordt"),
    s.AT_RISK: N_("risico: gerealiseerd blijft iets achter bij wat verwacht wordt"),
    s.BEHIND: N_("achter: gerealiseerd blijft ver achter bij wat verwacht wordt"),
}

REASON_TEXT = {
    c.TYPE_NOT_ACCEPTED: N_("soort {type} telt niet mee voor deze verplichting"),
    c.INELIGIBLE_GROUP: N_("doelgroep telt niet mee voor deze verplichting"),
    c.BEFORE_CLAUSE_START: N_(
        "begonnen op {start_date}, vóór de start van de verplichting op {clause_start}"
    ),
    c.AFTER_DEADLINE: N_(
        "begonnen op {start_date}, na de einddatum van de verplichting op {deadline}"
    ),
    c.BELOW_MIN_HOURS: N_("{hours} uur per week; de verplichting vraagt minstens {min_hours}"),
    c.REJECTED_BY_BUREAU: N_("kandidaat afgewezen door het bureau voor deze verplichting"),
    c.NOT_APPROVED: N_("wacht op goedkeuring door het bureau"),
    c.APPROVAL_LAPSED: N_(
        "goedkeuring vervallen: soort, doelgroep of startdatum is gewijzigd sinds de goedkeuring"
    ),
    c.COUNTED_IN_OTHER_CONTRACT: N_(
        "telt al in een ander contract: het bureau gaf deze dagen aan dat contract"
    ),
}
# A reason in a word or two, for counts per reason (the row's own text says more).
REASON_LABELS = {
    c.TYPE_NOT_ACCEPTED: N_("soort telt niet mee"),
    c.INELIGIBLE_GROUP: N_("doelgroep telt niet mee"),
    c.BEFORE_CLAUSE_START: N_("begonnen vóór de start"),
    c.AFTER_DEADLINE: N_("begonnen na de einddatum"),
    c.BELOW_MIN_HOURS: N_("te weinig uur per week"),
    c.ENDED_EARLY: N_("te vroeg beëindigd"),
    c.REJECTED_BY_BUREAU: N_("afgewezen door het bureau"),
    c.NOT_APPROVED: N_("wacht op goedkeuring"),
    c.APPROVAL_LAPSED: N_("goedkeuring vervallen"),
    c.COUNTED_IN_OTHER_CONTRACT: N_("telt in een ander contract"),
}
ENDED_EARLY_TEXT = {
    0: N_("beëindigd binnen een maand; de verplichting vraagt {required}"),
    1: N_("beëindigd na 1 maand; de verplichting vraagt {required}"),
}
ENDED_EARLY_MONTHS = N_("beëindigd na {months} maanden; de verplichting vraagt {required}")

TARGET = N_("doel ({unit}): {target}")
EXPECTED = N_("verwacht op {date} ({unit}): {expected}")
REALISED = N_("gerealiseerd op {date} ({unit}): {realised}")
PENDING = N_("in afwachting van beoordeling ({unit}): {pending}")
COUNTS_CUT = N_("{days} dagen gaf het bureau aan een ander contract")
NOTHING_YET = N_("nog geen rapportage: verwacht en gerealiseerd zijn 0")
NOT_VALUED = N_("gerealiseerd en verwacht: nog niet te waarderen")
COUNTS_ONGOING = N_("telt mee: {type}, sinds {start_date}")
COUNTS_ENDED = N_("telt mee: {type}, {start_date} tot en met {end_date}")
COUNTS_HOURS = N_("{hours} uur: {hours_per_week} uur per week over {days} dagen")
TARGET_PERCENT = N_("doel ({unit}): {target}, {percent}% van de contractwaarde")
TARGET_PERCENT_INVOICED = N_(
    "doel ({unit}): {target}, {percent}% van de tot nu toe gefactureerde omzet"
)
TARGET_AT_LEAST = N_("ten minste {minimum} euro")
TARGET_AT_MOST = N_("hoogstens {maximum} euro")
AWAITING_INVOICED = N_(
    "niet beoordeeld: nog geen gefactureerde omzet vastgelegd; het doel volgt de bedragen "
    "die de inkoper per periode vastlegt"
)
ALL_OF = N_("alle {count} onderdelen moeten gehaald worden; gehaald: {met}")
ANY_OF = N_("één van de {count} onderdelen moet gehaald worden; gehaald: {met}")
BRANCH = N_(
    "{code} ({status}): doel {target} {unit}, gerealiseerd {realised}, nog te gaan {remaining}"
)
BRANCH_NOT_VALUED = N_("{code} ({status}): doel {target} {unit}, nog niet te waarderen")
STATUS_WORD = s.STATUS_LABELS


@dataclass(frozen=True)
class RowExplanation:
    row: int
    candidate_ref: str
    text: str
    reason: str | None = None


@dataclass(frozen=True)
class Explanation:
    summary: tuple[str, ...]
    counting: tuple[RowExplanation, ...]
    excluded: tuple[RowExplanation, ...]


def _identity(msgid: str) -> str:
    return msgid


# How a contribution type's code is named for the reader (set per request); else the code.
TYPE_LABEL: ContextVar = ContextVar("type_label", default=_identity)


def _type(code: str) -> str:
    return TYPE_LABEL.get()(code)


def exclusion_text(
    result: ClauseResult, row: Contribution, reason: str, translate: Translate = _identity
) -> str:
    clause = result.clause
    if reason == c.ENDED_EARLY:
        assert row.end_date is not None  # only a row that ended can end early
        months = months_completed(row.start_date, row.end_date)
        msgid = ENDED_EARLY_TEXT.get(months, ENDED_EARLY_MONTHS)
        return translate(msgid).format(months=months, required=clause.min_duration_months)
    return translate(REASON_TEXT[reason]).format(
        type=_type(row.type),
        start_date=show_date(row.start_date),
        clause_start=show_date(clause.start),
        deadline=show_date(clause.deadline),
        hours=show_number(row.hours_per_week) if row.hours_per_week is not None else "-",
        min_hours=show_number(clause.min_hours_per_week or 0),
    )


def counting_text(result: ClauseResult, row: Contribution, translate: Translate = _identity) -> str:
    reporting_date = result.reporting_date
    assert reporting_date is not None  # rows count only under a counting report
    if row.end_date is not None and row.end_date <= reporting_date:
        text = translate(COUNTS_ENDED).format(
            type=_type(row.type),
            start_date=show_date(row.start_date),
            end_date=show_date(row.end_date),
        )
    else:
        text = translate(COUNTS_ONGOING).format(
            type=_type(row.type), start_date=show_date(row.start_date)
        )
    if result.measure == "hours" and row.hours_per_week is not None:
        cut = (result.cut or {}).get(row.row, 0)
        days = c.counted_days(result.clause, row, reporting_date) - cut
        hours = c.realised_hours(result.clause, (row,), reporting_date, result.cut)
        text += "; " + translate(COUNTS_HOURS).format(
            hours=show_number(hours),
            hours_per_week=show_number(row.hours_per_week),
            days=days,
        )
        if cut:
            text += "; " + translate(COUNTS_CUT).format(days=cut)
    valued = result.valuation.of(row) if result.valuation is not None else None
    if valued is not None:
        text += "; " + valued.text(translate)
    return text


def branch_text(branch: ClauseResult, translate: Translate = _identity) -> str:
    """One branch of a composite: its status and what is left to realise."""
    params = dict(
        code=branch.code,
        status=translate(STATUS_WORD[branch.status]),
        target=show_number(branch.target),
        unit=translate(UNITS[branch.measure]),
    )
    if branch.realised is None:
        return translate(BRANCH_NOT_VALUED).format(**params)
    left = remaining(branch.target, branch.realised) or 0
    return translate(BRANCH).format(
        realised=show_number(branch.realised), remaining=show_number(left), **params
    )


def _composite_summary(result: ClauseResult, translate: Translate) -> list[str]:
    rule = ALL_OF if result.measure == "all_of" else ANY_OF
    met = result.realised or 0  # a composite always realises its branches met
    lines = [translate(rule).format(count=len(result.branches), met=show_number(met))]
    return lines + [branch_text(b, translate) for b in result.branches]


def summary(result: ClauseResult, translate: Translate = _identity) -> tuple[str, ...]:
    clause = result.clause
    unit = translate(UNITS[result.measure])
    if clause.composite:
        lines = _composite_summary(result, translate)
        lines.append(
            translate(STATUS_TEXT[result.status]).format(
                start=show_date(clause.start), deadline=show_date(clause.deadline)
            )
        )
        return tuple(lines)
    lines = _target_lines(clause, unit, translate)
    if result.valuation is not None:
        lines.append(table_part(result.valuation.table).render(translate))
    if result.realised is None:
        lines.append(translate(NOT_VALUED))
    elif result.reporting_date is None:
        lines.append(translate(NOTHING_YET))
    else:
        lines.append(
            translate(EXPECTED).format(
                date=show_date(result.reporting_date),
                expected=show_number(result.expected or 0),  # set whenever realised is
                unit=unit,
            )
        )
        lines.append(
            translate(REALISED).format(
                date=show_date(result.reporting_date),
                realised=show_number(result.realised),
                unit=unit,
            )
        )
        if result.policy == ON_APPROVAL and result.pending is not None:
            lines.append(translate(PENDING).format(pending=show_number(result.pending), unit=unit))
    lines.append(_status_text(result, translate))
    return tuple(lines)


def _target_lines(clause, unit: str, translate: Translate) -> list[str]:
    """The target, and for a percentage what it is taken of and its bounds (obligations.py)."""
    if clause.target_percent is None:
        return [translate(TARGET).format(target=show_number(clause.target), unit=unit)]
    rule = TARGET_PERCENT_INVOICED if clause.target_basis == "invoiced" else TARGET_PERCENT
    lines = [
        translate(rule).format(
            target=show_number(clause.target),
            unit=unit,
            percent=show_number(clause.target_percent),
        )
    ]
    if clause.target_min is not None:
        lines.append(translate(TARGET_AT_LEAST).format(minimum=show_number(clause.target_min)))
    if clause.target_max is not None:
        lines.append(translate(TARGET_AT_MOST).format(maximum=show_number(clause.target_max)))
    return lines


def _status_text(result: ClauseResult, translate: Translate) -> str:
    clause = result.clause
    if result.status == s.NOT_EVALUATED and clause.awaiting_invoiced:
        return translate(AWAITING_INVOICED)
    return translate(STATUS_TEXT[result.status]).format(
        start=show_date(clause.start), deadline=show_date(clause.deadline)
    )


def explain(
    result: ClauseResult,
    translate: Translate = _identity,
    counting: slice = slice(None),
    excluded: slice = slice(None),
) -> Explanation:
    """Target, expected, realised and status, the rows that count, and why each other row
    does not; `counting` and `excluded` pick the rows to explain (a page of them)."""
    return Explanation(
        summary(result, translate),
        tuple(
            RowExplanation(row.row, row.candidate_ref, counting_text(result, row, translate))
            for row in result.counting[counting]
        ),
        tuple(
            RowExplanation(
                e.row.row,
                e.row.candidate_ref,
                exclusion_text(result, e.row, e.reason, translate),
                e.reason,
            )
            for e in result.excluded[excluded]
        ),
    )


def reason_counts(result: ClauseResult, translate: Translate = _identity) -> list[tuple[str, int]]:
    """(label, rows) per reason a row does not count, in the order of the rules."""
    counts = result.excluded_counts
    known = [reason for reason in c.EXCLUSION_REASONS if reason in counts]
    others = sorted(set(counts) - set(known))
    return [
        (translate(REASON_LABELS[reason]) if reason in REASON_LABELS else reason, counts[reason])
        for reason in (*known, *others)
    ]
