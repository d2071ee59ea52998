"""The words for the domain's codes, in one place (Dutch msgids, translated where shown).

Pages, explanations, messages and the council export all say a status, a flag, its
state, a measure, a reporting frequency, a role or a review decision with these words:
the export's words are the interface's words.
"""

from .flag_rules import FLAG_LABELS, FLAG_STATE_LABELS
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
DECISION_LABELS = {"verified": N_("geverifieerd"), "rejected": N_("afgewezen")}
# How a progress report came in (issue 20): a report is a report whatever its channel.
CHANNEL_LABELS = {
    "upload": N_("geüpload"),
    "browser": N_("ingevoerd in de browser"),
    "api": N_("via de API"),
}

LABELS = {
    "status": STATUS_LABELS,
    "flag": FLAG_LABELS,
    "flag_state": FLAG_STATE_LABELS,
    "measure": MEASURE_LABELS,
    "reporting": REPORTING_LABELS,
    "decision": DECISION_LABELS,
    "channel": CHANNEL_LABELS,
}
"""Each set by the name templates use: ``label("measure", clause.measure)``."""

__all__ = [
    "CHANNEL_LABELS",
    "DECISION_LABELS",
    "FLAG_LABELS",
    "FLAG_STATE_LABELS",
    "MEASURE_LABELS",
    "REPORTING_LABELS",
    "STATUS_LABELS",
]
