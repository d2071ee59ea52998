"""The Contribution columns a report's rows are stored in and read back by: one list."""

from ..models import Contribution

# store.reports writes these, in this order, for each row of an accepted report.
STORED = [
    Contribution.report,
    Contribution.clause,
    Contribution.row,
    Contribution.candidate_ref,
    Contribution.candidate_key,
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
    Contribution.bureau_key,
    Contribution.statushouder,
    Contribution.level,
    Contribution.quantity,
]
# The keys derived from the references on storing: the check reads every other column.
DERIVED = ("candidate_key", "bureau_key")
LOADED = [f for f in STORED if f.name not in DERIVED]
