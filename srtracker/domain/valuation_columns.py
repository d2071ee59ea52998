"""The optional progress-report columns a valuation table reads (docs/valuation.md).

An extension of progress-report.md: each column is optional, and blank means
"not given" (a table then applies its lower value). Choices are matched like
types and groups: by code or either label, trimmed and case-insensitively.
"""

from dataclasses import dataclass

from .reference import _fold, _index

BENEFIT_MONTHS = "benefit_months"
AGE_BRACKET = "age_bracket"
PERMANENT_CONTRACT = "permanent_contract"
PURCHASED_FROM = "purchased_from"
# Issue 18: a person attribute (not a group, so the benefit's block still applies), the
# education level of a BBL/BOL/HBO place, and the hours, days or activities of a row
# valued per hour, per day or per activity.
STATUSHOUDER = "statushouder"
LEVEL = "level"
QUANTITY = "quantity"
MAX_BENEFIT_MONTHS = 600
MAX_QUANTITY = 100000


@dataclass(frozen=True)
class Choice:
    """One value a valuation column offers, with its labels."""

    code: str
    label_nl: str
    label_en: str


class Choices:
    """A fixed list of codes with Dutch and English labels, and extra spellings."""

    def __init__(self, items: tuple[Choice, ...], aliases: dict[str, str] | None = None):
        self.items = items
        self.codes = frozenset(i.code for i in items)
        self._lookup = {**_index(items), **{_fold(k): v for k, v in (aliases or {}).items()}}

    def match(self, text) -> str | None:
        return self._lookup.get(_fold(text))

    def label(self, code: str, lang: str = "nl") -> str:
        item = next(i for i in self.items if i.code == code)
        return item.label_en if lang == "en" else item.label_nl


AGE_BRACKETS = Choices(
    (
        Choice("under_50", "jonger dan 50", "under 50"),
        Choice("50_54", "50 tot en met 54", "50 to 54"),
        Choice("55_plus", "55 of ouder", "55 or older"),
    ),
    {"<50": "under_50", "50-54": "50_54", "55+": "55_plus"},
)

PURCHASE_SOURCES = Choices(
    (
        Choice(
            "code_sociale_ondernemingen",
            "Code Sociale Ondernemingen",
            "Code Sociale Ondernemingen (registered)",
        ),
        Choice("social_enterprise_nl", "Lid Social Enterprise NL", "Social Enterprise NL member"),
        Choice("sw_bedrijf", "SW-bedrijf", "Sheltered-work (SW) company"),
        Choice("pso", "PSO-gecertificeerd bedrijf", "PSO-certified company"),
        Choice("other", "Overige sociale onderneming", "Other social enterprise"),
    )
)

LEVELS = Choices(
    (
        Choice("mbo_1", "mbo niveau 1 (entree)", "MBO level 1 (entry)"),
        Choice("mbo_2", "mbo niveau 2", "MBO level 2"),
        Choice("mbo_3", "mbo niveau 3", "MBO level 3"),
        Choice("mbo_4", "mbo niveau 4", "MBO level 4"),
        Choice("hbo", "hbo", "HBO (higher professional education)"),
    ),
    {"1": "mbo_1", "2": "mbo_2", "3": "mbo_3", "4": "mbo_4", "entree": "mbo_1"},
)

YES_NO = Choices(
    (Choice("yes", "ja", "yes"), Choice("no", "nee", "no")), {"j": "yes", "y": "yes", "n": "no"}
)


def parse_yes_no(value) -> bool | None:
    """ja/nee (yes/no, or an Excel TRUE/FALSE cell); None when it is neither."""
    if isinstance(value, bool):
        return value
    code = YES_NO.match(value) if isinstance(value, str) else None
    return None if code is None else code == "yes"


# The choices of the valuation columns that take one, by column name.
VALUATION_CHOICES = {
    AGE_BRACKET: AGE_BRACKETS,
    PERMANENT_CONTRACT: YES_NO,
    PURCHASED_FROM: PURCHASE_SOURCES,
    STATUSHOUDER: YES_NO,
    LEVEL: LEVELS,
}
