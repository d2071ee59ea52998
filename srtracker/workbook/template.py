"""The pre-filled progress-report template a supplier downloads (progress-report.md).

Dropdowns list Dutch (or English) labels from a hidden Lists sheet through
defined names; an upload accepts codes and either label, so the dropdowns warn
rather than block. The rows of the previous accepted report are filled in,
because a report is cumulative.
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import absolute_coordinate, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from srtracker.domain.contracts import Contract
from srtracker.domain.periods import Period
from srtracker.domain.reference import Reference
from srtracker.domain.report_columns import column_letter, template_columns
from srtracker.domain.report_messages import INSTRUCTIONS, MESSAGES, VALUATION_INSTRUCTIONS
from srtracker.domain.report_messages_en import to_english
from srtracker.domain.text import identity
from srtracker.domain.valuation_columns import AGE_BRACKETS, PURCHASE_SOURCES, YES_NO

DATA_SHEET = "Voortgang"
SPARE_ROWS = 500
DATE_FORMAT = "d-m-yyyy"
FORMATS = {
    "candidate_ref": "@",
    "start_date": DATE_FORMAT,
    "end_date": DATE_FORMAT,
    "hours_per_week": "0.00",
    "amount_eur": "#,##0.00",
    "benefit_months": "0",
}
WIDTHS = {
    "type": 40,
    "target_group": 34,
    "note": 40,
    "benefit_months": 22,
    "age_bracket": 18,
    "purchased_from": 34,
}
LISTS = (("clause", "Verplichtingen"), ("type", "Soorten"), ("target_group", "Doelgroepen"))
# The valuation columns' dropdowns, only in a template with those columns.
VALUATION_LISTS = (
    ("age_bracket", "Leeftijden"),
    ("permanent_contract", "JaNee"),
    ("purchased_from", "Inkoopbronnen"),
)
VALUATION_CHOICES = {
    "age_bracket": AGE_BRACKETS,
    "permanent_contract": YES_NO,
    "purchased_from": PURCHASE_SOURCES,
}


def _label(item, lang: str) -> str:
    return item.label_en if lang == "en" else item.label_nl


def _choice(name: str, code, lang: str):
    return None if code is None else VALUATION_CHOICES[name].label(code, lang)


def _row_values(contribution, reference: Reference, lang: str, columns) -> list:
    group = reference.groups.get(contribution.target_group)
    permanent = contribution.permanent_contract
    values = {
        "candidate_ref": contribution.candidate_ref,
        "clause": contribution.clause,
        "type": _label(reference.types[contribution.type], lang),
        "target_group": _label(group, lang) if group else None,
        "start_date": contribution.start_date,
        "end_date": contribution.end_date,
        "hours_per_week": contribution.hours_per_week,
        "amount_eur": contribution.amount_eur,
        "note": contribution.note or None,
        "bureau_ref": contribution.bureau_ref,
        "benefit_months": contribution.benefit_months,
        "age_bracket": _choice("age_bracket", contribution.age_bracket, lang),
        "permanent_contract": _choice(
            "permanent_contract", None if permanent is None else "yes" if permanent else "no", lang
        ),
        "purchased_from": _choice("purchased_from", contribution.purchased_from, lang),
    }
    return [values[c.name] for c in columns]


def write_template(
    contract: Contract,
    period: Period,
    reference: Reference,
    previous_rows,
    lang: str = "nl",
    bureau_ref: bool = False,
) -> bytes:
    """An .xlsx template for `contract` and `period`, holding `previous_rows` (Contributions);
    with the ``kandidaatnummer`` column when the buyer's bureau numbers people (``bureau_ref``)."""
    translate = to_english if lang == "en" else identity
    # The valuation columns serve the pinned table's euros clauses (docs/valuation.md).
    valued = contract.valuation_table is not None and any(
        c.measure == "euros" for c in contract.clauses
    )
    columns = template_columns(valued, bureau_ref)
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    sheet.append([c.name if lang == "en" else c.name_nl for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for contribution in sorted(previous_rows or [], key=lambda c: c.row):
        sheet.append(_row_values(contribution, reference, lang, columns))
    last = max(sheet.max_row, 1) + SPARE_ROWS
    for index, column in enumerate(columns):
        letter = column_letter(index)
        sheet.column_dimensions[letter].width = WIDTHS.get(column.name, 16)
        if column.name in FORMATS:
            for (cell,) in sheet.iter_rows(2, last, index + 1, index + 1):
                cell.number_format = FORMATS[column.name]
    sheet.freeze_panes = "A2"

    lists = book.create_sheet("Lists")
    lists.sheet_state = "hidden"
    entries = {
        "clause": [c.code for c in contract.clauses if not c.composite],
        "type": [_label(t, lang) for t in reference.types.values()],
        "target_group": [_label(g, lang) for g in reference.groups.values()],
    }
    errors = {"clause": INSTRUCTIONS[3], "type": INSTRUCTIONS[4], "target_group": INSTRUCTIONS[3]}
    lists_used = LISTS
    if valued:
        lists_used += VALUATION_LISTS
        for name, _ in VALUATION_LISTS:
            entries[name] = [_label(item, lang) for item in VALUATION_CHOICES[name].items]
            errors[name] = MESSAGES[f"bad_choice.{name}"]
    names = [c.name for c in columns]
    for list_index, (name, defined) in enumerate(lists_used):
        letter = column_letter(list_index)
        for row, value in enumerate(entries[name], 1):
            lists.cell(row, list_index + 1, value)
        area = absolute_coordinate(f"{letter}1:{letter}{len(entries[name])}")
        book.defined_names[defined] = DefinedName(
            defined, attr_text=f"{quote_sheetname('Lists')}!{area}"
        )
        target = column_letter(names.index(name))
        validation = DataValidation(
            type="list",
            formula1=f"={defined}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            error=translate(errors[name]),
        )
        validation.add(f"{target}2:{target}{last}")
        sheet.add_data_validation(validation)

    info = book.create_sheet("Info")
    for key, value in (
        ("contract", contract.reference),
        ("period", period.key),
        ("title", contract.title),
        ("supplier", contract.supplier),
        ("buyer", contract.buyer),
    ):
        info.append([key, value])
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 50

    notes = book.create_sheet("Toelichting" if lang != "en" else "Instructions")
    notes.column_dimensions["A"].width = 110
    for line in INSTRUCTIONS + (VALUATION_INSTRUCTIONS if valued else ()):
        notes.append([translate(line)])
        notes.cell(notes.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    notes["A1"].font = Font(bold=True, size=13)

    out = BytesIO()
    book.save(out)
    return out.getvalue()
