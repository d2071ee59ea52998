"""The officer's contract and clause forms, and their bridge to the contract-file rules.

The forms only read what was typed (text, numbers, dates, milestone lines). Every
rule of contract-file.md is checked by parse_contract, the function the TOML loader
uses, on a mapping shaped like a contract file; its errors come back keyed like the
file (``clause[2].deadline``) and are put beside the matching field. So the browser
can never store what a file could not, and the rules live in one place.
"""

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from decimal import Decimal

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from ..domain import contracts as domain
from ..domain import labels
from ..domain.contract_file import as_file_clause, extension_keys
from ..domain.contracts import MEASURES, code_key
from ..domain.numbers import read_number as read_typed_number
from ..domain.obligations import TARGET_BASES
from ..domain.periods import REPORTING
from ..domain.valuation_tables import PSO_STEPS, shipped_tables
from ..i18n import translate

REQUIRED = _l("Vul dit veld in.")
BAD_NUMBER = _l("Vul een getal in, bijvoorbeeld 2400000 of 12,5.")
AMBIGUOUS_NUMBER = _l(
    "Onduidelijk getal: schrijf duizendtallen zonder punt (2400) of met een "
    "komma voor de decimalen (2.400,00)."
)
BAD_WHOLE_NUMBER = _l("Vul een geheel getal in.")
BAD_DATE = _l("Vul een datum in als dd-mm-jjjj.")
# Browsers with a date picker send ISO dates; a plain text box gets what people type.
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


class TextDateField(DateField):
    """A date typed as dd-mm-jjjj in a plain text box, shown back the same way.

    A native date input shows the browser's notation, not the reader's; the page
    gives the notation as a hint instead (templates/_forms.html).
    """

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("format", DATE_FORMATS)
        kwargs.setdefault("invalid_value_message", BAD_DATE)
        super().__init__(label, validators, **kwargs)

    def _value(self):
        if self.raw_data:
            return " ".join(self.raw_data)
        return self.data.strftime("%d-%m-%Y") if self.data else ""


# Floats carry about 15 significant digits; parse_contract takes int or float.
MAX_DIGITS = 15

# Labels per key of the contract file: used for the fields and for errors
# about a key this form does not show (another clause, a fixed field).
CONTRACT_LABELS = {
    "reference": _l("Kenmerk"),
    "title": _l("Omschrijving"),
    "buyer": _l("Opdrachtgever"),
    "supplier": _l("Opdrachtnemer"),
    "value_eur": _l("Contractwaarde in euro (excl. btw)"),
    "start": _l("Startdatum"),
    "end": _l("Einddatum"),
    "reporting": _l("Rapportage"),
    "report_due_days": _l("Inleveren binnen (dagen)"),
}
CLAUSE_LABELS = {
    "code": _l("Code"),
    "title": _l("Omschrijving van de verplichting"),
    "measure": _l("Maat"),
    "target": _l("Doel"),
    "accepts": _l("Soorten bijdrage die meetellen"),
    "eligible_groups": _l("Doelgroepen die meetellen"),
    "min_hours_per_week": _l("Minimaal aantal uren per week"),
    "min_duration_months": _l("Minimale duur in maanden"),
    "start": _l("Start van de verplichting"),
    "deadline": _l("Deadline"),
    "milestone": _l("Mijlpalen"),
    "value_eur": _l("Waarde van de verplichting in euro"),
    # Issue 18 (obligations.py): a percentage, what it is taken of, and its bounds.
    "target_percent": _l("Doel als percentage"),
    "target_basis": _l("Percentage van"),
    "target_min_eur": _l("Ten minste (euro)"),
    "target_max_eur": _l("Hoogstens (euro)"),
}
# A clause key whose Clause attribute has another name.
CLAUSE_ATTRIBUTES = {
    "milestone": "milestones",
    "target_min_eur": "target_min",
    "target_max_eur": "target_max",
}
TARGET_BASIS_LABELS = {
    "contract_value": _l("de contractwaarde"),
    "invoiced": _l("de gefactureerde omzet (raamovereenkomst)"),
}
# [contract] keys of the valuation extension (docs/valuation.md), by form field.
VALUATION_LABELS = {
    "valuation_table": _l("Waarderingstabel (bouwblokken)"),
    "valuation_version": _l("Versie van de waarderingstabel"),
    "pso_step": _l("PSO-trede van de opdrachtnemer"),
}
# [contract] obligation and [contract.enforcement] (enforcement.md), by form field.
ENFORCEMENT_LABELS = {
    "obligation": _l("Soort verplichting"),
    "enforcement_basis": _l("Bedrag bij tekortkoming"),
    "enforcement_rate": _l("Deel van de niet-gerealiseerde waarde"),
    "enforcement_per_unit_eur": _l("Bedrag per eenheid in euro"),
    "enforcement_remedial_days": _l("Herstelperiode (dagen)"),
    "enforcement_cap_eur": _l("Plafond voor het contract in euro"),
}
OBLIGATION_LABELS = {
    "result": _l("resultaatsverplichting"),
    "effort": _l("inspanningsverplichting"),
}
BASIS_LABELS = {
    "": _l("geen (er wordt nooit een bedrag voorgesteld)"),
    "shortfall_value": _l("deel van de niet-gerealiseerde waarde"),
    "fixed_per_unit": _l("vast bedrag per ontbrekende persoon of per 100 uur"),
}
REPORTING_LABELS = {code: _l(label) for code, label in labels.REPORTING_LABELS.items()}
MEASURE_LABELS = {code: _l(label) for code, label in labels.MEASURE_LABELS.items()}


def typed_number(value: Decimal) -> str:
    """A stored amount as a person would type it: 2400000, 12,5."""
    return format(value.normalize(), "f").replace(".", ",")


THOUSANDS_ONLY = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def read_number(text: str) -> Decimal:
    """12,5 and 2.400.000,00 (Dutch) as well as 12.5; ValueError with the reason otherwise.

    The one number reader (domain/numbers.py) reads it: no exponents (`1e999999` would
    cost minutes once turned into an integer), at most 40 characters. 2.400 is refused
    here: a Dutch reader means 2400, the number reader reads 2,4.
    """
    text = "".join(text.split())
    if THOUSANDS_ONLY.match(text):
        raise ValueError(AMBIGUOUS_NUMBER)
    number = read_typed_number(text)
    if number is None or len(number.normalize().as_tuple().digits) > MAX_DIGITS:
        raise ValueError(BAD_NUMBER)
    return number


def toml_number(value: Decimal) -> int | float:
    """A Decimal as TOML gives numbers to parse_contract: int when whole, else float."""
    return int(value) if value == value.to_integral_value() else float(value)


class WholeNumberField(IntegerField):
    """A whole number; anything else gets the form's own message, in the reader's language."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("invalid_value_message", BAD_WHOLE_NUMBER)
        super().__init__(label, validators, **kwargs)


class AmountField(DecimalField):
    """A decimal number in a text box, so a comma is allowed (type=number refuses it)."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal"})
        super().__init__(label, validators, places=None, invalid_value_message=BAD_NUMBER, **kwargs)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else typed_number(self.data)

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = read_number(valuelist[0])
        except ValueError:
            self.data = None
            raise


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes instead of a multi-select: usable by keyboard without Ctrl-click."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


MILESTONE_LINE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})\s+(\S+)$")


class MilestonesField(TextAreaField):
    """Milestones without JavaScript: one `dd-mm-jjjj doel` a line.

    `data` is a list of domain Milestones; `lines` holds the line number of each,
    so a rule broken by the second milestone can name the line it was typed on.
    """

    def process_data(self, value):
        self.data = list(value or ())
        self.lines = list(range(1, len(self.data) + 1))

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "\n".join(f"{m.date:%d-%m-%Y} {typed_number(m.target)}" for m in self.data or ())

    def process_formdata(self, valuelist):
        self.data, self.lines = [], []
        if not valuelist:
            return
        limit = current_app.config["MAX_MILESTONES"]
        if sum(1 for line in valuelist[0].splitlines() if line.strip()) > limit:
            self.data = None
            raise ValueError(_("Schrijf ten hoogste %(max)s mijlpalen.", max=limit))
        for number, line in enumerate(valuelist[0].splitlines(), start=1):
            text = line.strip()
            if not text:
                continue
            try:
                self.data.append(_read_milestone(text))
            except ValueError as exc:
                self.data = None
                raise ValueError(
                    _(
                        "Regel %(line)s ('%(text)s') is niet te lezen: %(reason)s",
                        line=number,
                        text=text,
                        reason=exc.args[0],
                    )
                ) from exc
            self.lines.append(number)


def _read_milestone(text: str) -> domain.Milestone:
    match = MILESTONE_LINE.match(text)
    if match is None:
        raise ValueError(
            _("schrijf per regel een datum en een cumulatief doel, bijvoorbeeld 31-12-2026 4")
        )
    day, month, year, target = match.groups()
    try:
        when = date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(_("die datum bestaat niet")) from None
    return domain.Milestone(when, read_number(target))


def _localised(item) -> str:
    return item.label_en if str(get_locale()) == "en" else item.label_nl


class EnforcementFields:
    """[contract] obligation and [contract.enforcement], beside the contract's own fields."""

    obligation = SelectField(
        ENFORCEMENT_LABELS["obligation"],
        validate_choice=False,
        choices=[SelectChoice(code, label) for code, label in OBLIGATION_LABELS.items()],
        default="result",
        description=_l(
            "Bij een inspanningsverplichting weegt het bureau de inspanningen van de "
            "opdrachtnemer voordat een bedrag wordt opgelegd."
        ),
    )
    enforcement_basis = SelectField(
        ENFORCEMENT_LABELS["enforcement_basis"],
        validate_choice=False,
        choices=[SelectChoice(code, label) for code, label in BASIS_LABELS.items()],
        default="",
    )
    enforcement_rate = AmountField(
        ENFORCEMENT_LABELS["enforcement_rate"],
        [Optional()],
        description=_l("Bij een deel van de waarde: meer dan 0 en hoogstens 1; 0,5 is 50%."),
    )
    enforcement_per_unit_eur = AmountField(
        ENFORCEMENT_LABELS["enforcement_per_unit_eur"],
        [Optional()],
        description=_l("Bij een vast bedrag: per ontbrekende persoon of per 100 ontbrekende uren."),
    )
    enforcement_remedial_days = WholeNumberField(
        ENFORCEMENT_LABELS["enforcement_remedial_days"],
        [Optional()],
        description=_l("1 tot 365 dagen; leeg: 60."),
    )
    enforcement_cap_eur = AmountField(
        ENFORCEMENT_LABELS["enforcement_cap_eur"],
        [Optional()],
        description=_l("Optioneel: hoogstens zoveel in totaal voor het contract."),
    )


def _known_versions() -> str:
    catalogue = shipped_tables()
    return "; ".join(
        f"{table} {', '.join(str(v) for v in catalogue.versions(table))}" for table in catalogue.ids
    )


class ObligationFields:
    """[contract] valuation_table, valuation_version and pso_step (docs/valuation.md,
    obligations.py): the table euros clauses are valued by, and a discount where the pinned
    version gives one for the supplier's PSO step."""

    valuation_table = SelectField(
        VALUATION_LABELS["valuation_table"],
        validate_choice=False,
        default="",
        description=_l("Nodig voor een verplichting in euro: de tabel die het bestek noemt."),
    )
    # described with the known versions, in _valuation_choices
    valuation_version = WholeNumberField(VALUATION_LABELS["valuation_version"], [Optional()])
    pso_step = SelectField(
        VALUATION_LABELS["pso_step"],
        validate_choice=False,
        choices=[
            SelectChoice("", _l("geen")),
            *(SelectChoice(s, _l(labels.PSO_STEP_LABELS[s])) for s in PSO_STEPS),
        ],
        default="",
        description=_l(
            "Alleen als de gekozen versie van de waarderingstabel een korting per trede geeft."
        ),
    )

    def _valuation_choices(self) -> None:
        catalogue = shipped_tables()
        english = str(get_locale()) == "en"
        self.valuation_table.choices = [
            SelectChoice("", _("geen (geen verplichting in euro)")),
            *(
                SelectChoice(t, (table.name_en if english else table.name) + f" ({t})")
                for t in catalogue.ids
                for table in [catalogue.get(t)]
            ),
        ]
        self.valuation_version.description = _(
            "Leeg: de versie die het contract al heeft, anders de nieuwste (vastgezet bij het "
            "opslaan). Nodig bij een PSO-trede. Bekend: %(known)s.",
            known=_known_versions(),
        )


class ContractForm(FlaskForm, EnforcementFields, ObligationFields):
    """The contract's own fields (the [contract] table of a contract file)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._valuation_choices()

    reference = StringField(
        CONTRACT_LABELS["reference"],
        [DataRequired(REQUIRED)],
        description=_l(
            "1 tot 40 tekens: letters, cijfers, punt, liggend "
            "streepje of koppelteken, bijvoorbeeld 2026-HH-014. "
            "Kan later niet meer veranderen."
        ),
    )
    title = StringField(CONTRACT_LABELS["title"], [DataRequired(REQUIRED)])
    buyer = StringField(
        CONTRACT_LABELS["buyer"],
        [DataRequired(REQUIRED)],
        description=_l("De inkopende organisatie; wordt aangemaakt als die nog niet bestaat."),
    )
    supplier = StringField(
        CONTRACT_LABELS["supplier"],
        [DataRequired(REQUIRED)],
        description=_l(
            "Het bedrijf dat het contract uitvoert; wordt aangemaakt als het nog niet bestaat."
        ),
    )
    value_eur = AmountField(
        CONTRACT_LABELS["value_eur"],
        [InputRequired(REQUIRED)],
        description=_l("Bijvoorbeeld 2400000 of 2.400.000,00."),
    )
    start = TextDateField(
        CONTRACT_LABELS["start"],
        [InputRequired(REQUIRED)],
    )
    end = TextDateField(
        CONTRACT_LABELS["end"],
        [InputRequired(REQUIRED)],
        description=_l("Na de startdatum."),
    )
    # Choices are not checked here: parse_contract does, as for a file.
    reporting = SelectField(
        CONTRACT_LABELS["reporting"],
        validate_choice=False,
        choices=[SelectChoice(code, REPORTING_LABELS[code]) for code in REPORTING],
        default="quarterly",
        description=_l(
            "Hoe vaak de opdrachtnemer rapporteert. Verandert "
            "niet meer na de eerste geaccepteerde rapportage."
        ),
    )
    report_due_days = WholeNumberField(
        CONTRACT_LABELS["report_due_days"],
        [Optional()],
        description=_l(
            "Dagen na het einde van een periode, 0 tot "
            "366. Leeg: de standaard van deze "
            "installatie."
        ),
    )


class ClauseForm(FlaskForm):
    """One clause (a [[clause]] table). Fields are prefixed so they can sit beside the
    contract's own title and start in the form for a new contract."""

    clause_code = StringField(
        CLAUSE_LABELS["code"],
        [DataRequired(REQUIRED)],
        description=_l(
            "Uniek binnen het contract, 1 tot 20 tekens: "
            "letters, cijfers, liggend streepje of "
            "koppelteken, bijvoorbeeld SR1. Kan later niet "
            "meer veranderen."
        ),
    )
    clause_title = StringField(CLAUSE_LABELS["title"], [DataRequired(REQUIRED)])
    clause_measure = SelectField(
        CLAUSE_LABELS["measure"],
        validate_choice=False,
        choices=[SelectChoice(code, MEASURE_LABELS[code]) for code in MEASURES],
        description=_l("Waarin het doel is uitgedrukt."),
    )
    clause_target = AmountField(
        CLAUSE_LABELS["target"],
        [Optional()],
        description=_l(
            "Groter dan 0; een aantal personen is een geheel getal. Bij een verplichting in "
            "euro als percentage: laat leeg en vul het percentage in."
        ),
    )
    clause_target_percent = AmountField(
        CLAUSE_LABELS["target_percent"],
        [Optional()],
        description=_l(
            "Alleen bij een verplichting in euro, in plaats van een doel in euro: groter dan 0 "
            "en hoogstens 100, bijvoorbeeld 5."
        ),
    )
    clause_target_basis = SelectField(
        CLAUSE_LABELS["target_basis"],
        validate_choice=False,
        choices=[SelectChoice(code, TARGET_BASIS_LABELS[code]) for code in TARGET_BASES],
        default="contract_value",
        description=_l(
            "Bij een raamovereenkomst: van wat er is gefactureerd; de inkoper legt de "
            "bedragen per periode vast onder Gefactureerde omzet."
        ),
    )
    clause_target_min_eur = AmountField(
        CLAUSE_LABELS["target_min_eur"],
        [Optional()],
        description=_l("Optioneel, bij een percentage: het doel is minstens dit bedrag."),
    )
    clause_target_max_eur = AmountField(
        CLAUSE_LABELS["target_max_eur"],
        [Optional()],
        description=_l(
            "Optioneel, bij een percentage: het doel is hoogstens dit bedrag, bijvoorbeeld "
            "300000 per opdracht."
        ),
    )
    clause_accepts = MultiCheckboxField(
        CLAUSE_LABELS["accepts"], validate_choice=False, description=_l("Kies er minstens één.")
    )
    clause_eligible_groups = MultiCheckboxField(
        CLAUSE_LABELS["eligible_groups"],
        validate_choice=False,
        description=_l("Niets aangevinkt: elke doelgroep telt mee."),
    )
    clause_min_hours_per_week = AmountField(
        CLAUSE_LABELS["min_hours_per_week"],
        [Optional()],
        description=_l("Optioneel; meer dan 0 en hoogstens 60."),
    )
    clause_min_duration_months = WholeNumberField(
        CLAUSE_LABELS["min_duration_months"],
        [Optional()],
        description=_l("Optioneel; een geheel aantal maanden."),
    )
    clause_start = TextDateField(
        CLAUSE_LABELS["start"],
        [Optional()],
        description=_l("Optioneel; leeg: de startdatum van het contract."),
    )
    clause_deadline = TextDateField(
        CLAUSE_LABELS["deadline"],
        [Optional()],
        description=_l("Optioneel; leeg: de einddatum van het contract. Uiterlijk de einddatum."),
    )
    clause_value_eur = AmountField(
        CLAUSE_LABELS["value_eur"],
        [Optional()],
        description=_l(
            "Optioneel, bij personen en uren: wat het halen van deze verplichting waard is. "
            "Leeg: een gelijk deel van het standaardpercentage van de contractwaarde."
        ),
    )
    clause_milestones = MilestonesField(
        CLAUSE_LABELS["milestone"],
        [Optional()],
        render_kw={"rows": 4},
        description=_l(
            "Optioneel. Eén mijlpaal per regel: "
            "datum (dd-mm-jjjj) en het cumulatieve "
            "doel op die datum, bijvoorbeeld "
            "31-12-2026 4. Zonder mijlpalen wordt "
            "gelijkmatige voortgang verwacht."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reference = current_app.config["REFERENCE"]
        self.clause_accepts.choices = [
            SelectChoice(t.code, _localised(t)) for t in reference.types.values()
        ]
        self.clause_eligible_groups.choices = [
            SelectChoice(g.code, _localised(g)) for g in reference.groups.values()
        ]


class NewContractForm(ContractForm, ClauseForm):
    """A new contract with its first clause: a contract has at least one."""


class ConfirmForm(FlaskForm):
    """A bare POST (archive, delete a clause): only the CSRF token."""


CONTRACT_KEYS = tuple(CONTRACT_LABELS)
CLAUSE_KEYS = tuple(CLAUSE_LABELS)
VALUATION_KEYS = tuple(VALUATION_LABELS)
PERCENT_KEYS = ("target_percent", "target_basis", "target_min_eur", "target_max_eur")
# The keys every clause has; as_file_clause adds a percentage's own keys (PERCENT_KEYS).
BASE_CLAUSE_KEYS = tuple(key for key in CLAUSE_KEYS if key not in PERCENT_KEYS)


def clause_field(key: str) -> str:
    """The form field of a [[clause]] key."""
    return "clause_milestones" if key == "milestone" else f"clause_{key}"


def clause_value(clause: domain.Clause, key: str):
    """A stored clause's value for one [[clause]] key, as its form field shows it."""
    value = getattr(clause, CLAUSE_ATTRIBUTES.get(key, key))
    if key == "target" and clause.target_percent is not None:
        return None  # the euros the percentage gives; the form shows the percentage
    return value


def initial(contract: domain.Contract | None = None, clause: domain.Clause | None = None) -> dict:
    """Field values for a form showing a stored contract or clause."""
    values = {}
    if contract is not None:
        values.update({key: getattr(contract, key) for key in CONTRACT_KEYS})
        values.update(enforcement_initial(contract))
        values.update({key: getattr(contract, key) or "" for key in VALUATION_KEYS})
        values["valuation_version"] = contract.valuation_version
    if clause is not None:
        values.update({clause_field(key): clause_value(clause, key) for key in CLAUSE_KEYS})
    return values


@dataclass
class Draft:
    """A contract as a contract file would give it, and where this form's clause sits."""

    data: dict
    clause_number: int | None = None  # 1-based, as in the error keys
    milestone_lines: list = dataclass_field(default_factory=list)


def contract_data(contract: domain.Contract | None) -> dict:
    """A stored contract as the mapping its contract file would give."""
    if contract is None:
        return {"contract": {}, "clause": []}
    head = {}
    for key in CONTRACT_KEYS:
        _put(head, key, getattr(contract, key))
    head.update(extension_keys(contract))  # the valuation table and its pinned version
    clauses = []
    for clause in contract.clauses:
        table = {}
        for key in BASE_CLAUSE_KEYS:
            _put(table, key, getattr(clause, CLAUSE_ATTRIBUTES.get(key, key)))
        clauses.append(as_file_clause(clause, table))
    return {"contract": head, "clause": clauses}


def _put(table: dict, key: str, value) -> None:
    """Set one key as TOML would have it; an empty value leaves the key out."""
    if value is None or value == "" or (key in ("eligible_groups", "milestone") and not value):
        table.pop(key, None)
    elif key == "milestone":
        table[key] = [{"date": m.date, "target": toml_number(m.target)} for m in value]
    elif isinstance(value, Decimal):
        table[key] = toml_number(value)
    elif isinstance(value, tuple):
        table[key] = list(value)
    else:
        table[key] = value


def _take(table: dict, form, keys, field=lambda key: key) -> None:
    """Put each of `keys` the form has a field for (named by `field`) into `table`."""
    for key in keys:
        if field(key) in form:
            _put(table, key, form[field(key)].data)


ENFORCEMENT_TERMS = ("rate", "per_unit_eur", "remedial_days", "cap_eur")


def enforcement_initial(contract: domain.Contract) -> dict:
    values = {"obligation": contract.obligation, "enforcement_basis": ""}
    rules = contract.enforcement
    if rules is not None:
        values["enforcement_basis"] = rules.basis
        for term in ENFORCEMENT_TERMS:
            values[f"enforcement_{term}"] = getattr(rules, term)
    return values


def _put_enforcement(head: dict, form) -> None:
    """The obligation and [contract.enforcement] as a file would give them; no basis, no table."""
    _put(head, "obligation", form.obligation.data)
    if head.get("obligation") == "result":
        head.pop("obligation")
    basis = form.enforcement_basis.data
    if not basis:
        head.pop("enforcement", None)
        return
    table = {"basis": basis}
    for term in ENFORCEMENT_TERMS:
        _put(table, term, form[f"enforcement_{term}"].data)
    head["enforcement"] = table


def draft(
    form,
    stored: domain.Contract | None = None,
    clause_code: str | None = None,
    fixed: dict | None = None,
) -> Draft:
    """The stored contract (if any) with what this form says, shaped like a contract file.

    Only the fields the form has are taken; `fixed` overrides contract keys the user
    may not choose (an officer's own organisation as buyer). A form with clause
    fields replaces the clause `clause_code`, or adds a clause when that is None.
    """
    data = contract_data(stored)
    _take(data["contract"], form, CONTRACT_KEYS)
    if "enforcement_basis" in form:
        _put_enforcement(data["contract"], form)
    _take(data["contract"], form, VALUATION_KEYS)
    data["contract"].update(fixed or {})
    if clause_field("code") not in form and clause_code is None:
        return Draft(data)
    table = {"code": clause_code} if clause_code else {}
    _take(table, form, CLAUSE_KEYS, clause_field)
    if table.get("target_basis") == "contract_value":
        del table["target_basis"]  # the default, as a file leaves it out
    keys = [code_key(c.get("code", "")) for c in data["clause"]]
    if clause_code is not None and code_key(clause_code) in keys:
        number = keys.index(code_key(clause_code)) + 1
        data["clause"][number - 1] = table
    else:
        data["clause"].append(table)
        number = len(data["clause"])
    lines = getattr(form[clause_field("milestone")], "lines", None) or []
    return Draft(data, number, lines)


ERROR_KEY = re.compile(
    r"^(?:contract\.(?P<head>\w+)"
    r"|clause\[(?P<clause>\d+)\]\.(?P<key>\w+)"
    r"(?:\[(?P<milestone>\d+)\]\.(?P<part>\w+))?)$"
)


def place_errors(form, errors, found: Draft) -> list[str]:
    """Put each FieldError beside its field; return the messages no field here can show.

    A field that already failed its own input check (empty, not a number) keeps
    that message alone: the rule behind it could not be checked on bad input.
    """
    failed = {f.name for f in form if f.errors}
    general = []
    for error in errors:
        name, beside, alone = _placed(error, found)
        if name is not None and name in form:
            if name not in failed:
                form[name].errors = [*form[name].errors, beside]
        else:
            general.append(alone)
    return general


def _placed(error, found: Draft) -> tuple[str | None, str, str]:
    """(field name, message beside it, message on its own) for one FieldError."""
    message = error.message.render(translate)
    if error.key == "contract.enforcement" or error.key.startswith("contract.enforcement."):
        term = error.key.removeprefix("contract.enforcement").lstrip(".")
        name = f"enforcement_{term or 'basis'}"
        label = ENFORCEMENT_LABELS.get(name, name)
        return name, message, f"{label}: {message}"
    match = ERROR_KEY.match(error.key)
    if match is None:
        return None, message, message
    if match["head"]:
        key = match["head"]
        label = {**CONTRACT_LABELS, **VALUATION_LABELS}.get(key, key)
        return key, message, f"{label}: {message}"
    key, number = match["key"], int(match["clause"])
    if match["milestone"]:
        line = int(match["milestone"])
        if number == found.clause_number and line <= len(found.milestone_lines):
            line = found.milestone_lines[line - 1]
        part = _("datum") if match["part"] == "date" else _("doel")
        message = _("Regel %(line)s (%(part)s): %(message)s", line=line, part=part, message=message)
    label = CLAUSE_LABELS.get(key, key)
    clauses = found.data.get("clause", [])
    code = clauses[number - 1].get("code") if number <= len(clauses) else None
    alone = _(
        "Verplichting %(code)s, %(field)s: %(message)s",
        code=code or "#" + str(number),
        field=label,
        message=message,
    )
    if number != found.clause_number:
        return None, message, alone
    return clause_field(key), message, alone
