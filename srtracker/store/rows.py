"""The Contribution columns a report's rows are stored in and read back by: one list."""

from ..models import Contribution

# The check reads these, in this order (store.checks.report_rows).
LOADED = [
    Contribution.report,
    Contribution.clause,
    Contribution.row,
    Contribution.candidate_ref,
    Contribution.type,
    Contribution.target_group,
    Contribution.start_date,
    Contribution.end_date,
    Contribution.hours_per_week,
    Contribution.amount_cents,
    Contribution.note,
    Contribution.benefit_months,
    Contribution.age_bracket,
    Contribution.permanent_contract,
    Contribution.purchased_from,
    Contribution.bureau_ref,
    Contribution.statushouder,
    Contribution.level,
    Contribution.quantity,
]
# Of those, the columns most rows leave empty (the note and the valuation extension):
# store.checks.report_rows reads them only for the rows holding one.
OPTIONAL = [
    Contribution.note,
    Contribution.benefit_months,
    Contribution.age_bracket,
    Contribution.permanent_contract,
    Contribution.purchased_from,
    Contribution.statushouder,
    Contribution.level,
    Contribution.quantity,
]
CORE = [f for f in LOADED if all(f is not o for o in OPTIONAL)]
# The keys derived from the references on storing: the check reads every other column.
DERIVED = [Contribution.candidate_key, Contribution.bureau_key]
# store.reports writes these, in this order, for each row of an accepted report: the
# loaded columns first, so that a stored row's first len(LOADED) values are a loaded row.
STORED = LOADED + DERIVED
