"""The pre-filled progress-report template a supplier downloads (progress-report.md).

Dropdowns list Dutch (or English) labels from a hidden Lists sheet through
defined names; every column shows what it holds when a cell is selected, and
warns (never blocks) on a value the upload would refuse: the upload accepts
codes and either label and is the one place that decides. The rows of the
previous accepted report are filled in, because a report is cumulative.
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
from srtracker.domain.report_columns import VALUATION_COLUMNS, column_letter, template_columns
from srtracker.domain.report_messages import (
    COLUMN_HELP,
    INSTRUCTIONS,
    INSTRUCTIONS_END,
    MESSAGES,
    VALUATION_INSTRUCTIONS,
)
from srtracker.domain.report_messages_en import to_english
from srtracker.domain.text import identity
from srtracker.domain.valuation_columns import VALUATION_CHOICES
from srtracker.workbook.cells import put, put_row

DATA_SHEET = "Voortgang"
DATA_SHEET_EN = "Progress"
# Excel's limits on a validation's title and message (LibreOffice shows longer ones).
MAX_TITLE = 32
MAX_MESSAGE = 255
SPARE_ROWS = 500
FIRST_ROW = 2  # the first data row, below the header
DATE_FORMAT = "d-m-yyyy"
FORMATS = {
    "candidate_ref": "@",
    "start_date": DATE_FORMAT,
    "end_date": DATE_FORMAT,
    "hours_per_week": "0.00",
    "amount_eur": "#,##0.00",
    "benefit_months": "0",
    "quantity": "0.00",
}
WIDTHS = {
    "type": 40,
    "target_group": 34,
    "note": 40,
    "benefit_months": 22,
    "age_bracket": 18,
    "purchased_from": 34,
    "level": 24,
}
LISTS = (("clause", "Verplichtingen"), ("type", "Soorten"), ("target_group", "Doelgroepen"))
# The valuation columns' dropdowns, only in a template with those columns.
VALUATION_LISTS = (
    ("age_bracket", "Leeftijden"),
    ("permanent_contract", "JaNee"),
    ("purchased_from", "Inkoopbronnen"),
    ("statushouder", "JaNeeStatushouder"),
    ("level", "Niveaus"),
)
LIST_NAMES = dict(LISTS + VALUATION_LISTS)
# What a spreadsheet can check in the other columns: (type, operator, formula1, formula2).
# Dates between Excel's first and last day, so text that is not a date is flagged.
CHECKS = {
    "candidate_ref": ("textLength", "lessThanOrEqual", "40", None),
    "bureau_ref": ("textLength", "lessThanOrEqual", "40", None),
    "start_date": ("date", "between", "1", "2958465"),
    "end_date": ("date", "between", "1", "2958465"),
    "hours_per_week": ("decimal", "between", "0.01", "60"),
    "amount_eur": ("decimal", "greaterThanOrEqual", "0", None),
    "note": ("textLength", "lessThanOrEqual", "500", None),
    "benefit_months": ("whole", "between", "0", "600"),
    "quantity": ("decimal", "between", "0.01", "100000"),
}
# The error alert of each column: what the upload would say of a wrong value.
ALERTS = {
    "candidate_ref": "text_too_long.candidate_ref",
    "bureau_ref": "text_too_long.bureau_ref",
    "clause": "unknown_clause",
    "type": "unknown_type",
    "target_group": "unknown_group",
    "start_date": "bad_date",
    "end_date": "bad_date",
    "hours_per_week": "out_of_range.hours_per_week",
    "amount_eur": "out_of_range.amount_eur",
    "note": "text_too_long.note",
    "benefit_months": "out_of_range.benefit_months",
    "age_bracket": "bad_choice.age_bracket",
    "permanent_contract": "bad_choice.permanent_contract",
    "purchased_from": "bad_choice.purchased_from",
    "statushouder": "bad_choice.statushouder",
    "level": "bad_choice.level",
    "quantity": "out_of_range.quantity",
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
        "statushouder": _choice(
            "statushouder",
            None
            if contribution.statushouder is None
            else "yes"
            if contribution.statushouder
            else "no",
            lang,
        ),
        "level": _choice("level", contribution.level, lang),
        "quantity": contribution.quantity,
    }
    return [values[c.name] for c in columns]


def _validation(name: str, translate, contract: Contract, header: str) -> DataValidation:
    """The column's input message and its error alert, in the template's language.

    Alerts are warnings, never a stop: the upload accepts codes and either
    label, and is the one place that decides.
    """
    if name in LIST_NAMES:
        kind, operator, formula1, formula2 = "list", None, f"={LIST_NAMES[name]}", None
    else:
        kind, operator, formula1, formula2 = CHECKS[name]
    alert = translate(MESSAGES[ALERTS[name]])
    if name == "clause":
        alert = alert.format(clauses=_clauses(contract))
    return DataValidation(
        type=kind,
        operator=operator,
        formula1=formula1,
        formula2=formula2,
        allow_blank=True,
        showInputMessage=True,
        promptTitle=header[:MAX_TITLE],
        prompt=_fit(translate(COLUMN_HELP[name])),
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle=header[:MAX_TITLE],
        error=_fit(alert),
    )


def _clauses(contract: Contract) -> str:
    return ", ".join(c.code for c in contract.clauses if not c.composite)


def _fit(text: str) -> str:
    """Excel refuses (and repairs away) a validation message over 255 characters."""
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1].rstrip() + "…"


def _instructions(book, lang: str, translate, columns, valued: bool):
    notes = book.create_sheet("Instructions" if lang == "en" else "Toelichting")
    notes.column_dimensions["A"].width = 110
    sheet = DATA_SHEET_EN if lang == "en" else DATA_SHEET
    lines = [translate(INSTRUCTIONS[0]), translate(INSTRUCTIONS[1]).format(sheet=sheet)]
    for column in columns:
        if valued and column is VALUATION_COLUMNS[0]:
            lines.append(translate(VALUATION_INSTRUCTIONS[0]))
        header = column.name if lang == "en" else column.name_nl
        lines.append(f"{header}: {translate(COLUMN_HELP[column.name])}")
    lines.extend(translate(line) for line in INSTRUCTIONS_END)
    for row, line in enumerate(lines, 1):
        put(notes.cell(row, 1), line).alignment = Alignment(wrap_text=True, vertical="top")
    notes["A1"].font = Font(bold=True, size=13)


def report_columns(contract: Contract, bureau_ref: bool = False):
    """The columns of the contract's template, and of its report form in the browser."""
    # The valuation columns serve the pinned table's euros clauses (docs/valuation.md).
    valued = contract.valuation_table is not None and any(
        c.measure == "euros" for c in contract.clauses
    )
    return template_columns(valued, bureau_ref)


def write_template(
    contract: Contract,
    period: Period,
    reference: Reference,
    previous_rows,
    lang: str = "nl",
    bureau_ref: bool = False,
) -> bytes:
    """An .xlsx template for `contract` and `period`, holding `previous_rows` (Contributions);
    with the ``kandidaatnummer`` column when the buyer's bureau numbers people (``bureau_ref``).

    Every value comes from a user (a reference, a note, a title) or the
    reference data, and is written through cells.put: never a formula.
    """
    columns = report_columns(contract, bureau_ref)
    ordered = sorted(previous_rows or [], key=lambda c: c.row)
    rows = [_row_values(c, reference, lang, columns) for c in ordered]
    return _write(contract, period, reference, columns, rows, lang)


def write_entered(
    contract: Contract,
    period: Period,
    reference: Reference,
    entered,
    lang: str = "nl",
    bureau_ref: bool = False,
) -> bytes:
    """The template holding the rows typed in the browser (a text per column name), from
    row FIRST_ROW on, for the upload's validation to read as it reads any workbook.

    Each text is written as typed, a text cell; a code chosen from a list is written as
    its label, as the template's dropdowns write it.
    """
    columns = report_columns(contract, bureau_ref)
    rows = [
        [_entered_value(c.name, values.get(c.name), reference, lang) for c in columns]
        for values in entered
    ]
    return _write(contract, period, reference, columns, rows, lang)


def _entered_value(name: str, text, reference: Reference, lang: str):
    text = (text or "").strip()
    if not text:
        return None
    if name == "type" and text in reference.types:
        return _label(reference.types[text], lang)
    if name == "target_group" and text in reference.groups:
        return _label(reference.groups[text], lang)
    if name in VALUATION_CHOICES and text in VALUATION_CHOICES[name].codes:
        return VALUATION_CHOICES[name].label(text, lang)
    return text


def _write(contract: Contract, period: Period, reference: Reference, columns, rows, lang):
    translate = to_english if lang == "en" else identity
    valued = any(c in VALUATION_COLUMNS for c in columns)
    headers = [c.name if lang == "en" else c.name_nl for c in columns]
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET_EN if lang == "en" else DATA_SHEET
    put_row(sheet, 1, headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for row, values in enumerate(rows, FIRST_ROW):
        put_row(sheet, row, values)
    last = max(sheet.max_row, 1) + SPARE_ROWS
    for index, column in enumerate(columns):
        letter = column_letter(index)
        sheet.column_dimensions[letter].width = WIDTHS.get(column.name, 16)
        if column.name in FORMATS:
            for (cell,) in sheet.iter_rows(2, last, index + 1, index + 1):
                cell.number_format = FORMATS[column.name]

    lists = book.create_sheet("Lists")
    lists.sheet_state = "hidden"
    entries = {
        "clause": [c.code for c in contract.clauses if not c.composite],
        "type": [_label(t, lang) for t in reference.types.values()],
        "target_group": [_label(g, lang) for g in reference.groups.values()],
    }
    lists_used = LISTS + (VALUATION_LISTS if valued else ())
    for name, _ in VALUATION_LISTS if valued else ():
        entries[name] = [_label(item, lang) for item in VALUATION_CHOICES[name].items]
    for list_index, (name, defined) in enumerate(lists_used):
        letter = column_letter(list_index)
        for row, value in enumerate(entries[name], 1):
            put(lists.cell(row, list_index + 1), value)
        area = absolute_coordinate(f"{letter}1:{letter}{max(len(entries[name]), 1)}")
        book.defined_names[defined] = DefinedName(
            defined, attr_text=f"{quote_sheetname('Lists')}!{area}"
        )
    for index, column in enumerate(columns):
        letter = column_letter(index)
        validation = _validation(column.name, translate, contract, headers[index])
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"

    info = book.create_sheet("Info")
    for row, pair in enumerate(
        (
            ("contract", contract.reference),
            ("period", period.key),
            ("title", contract.title),
            ("supplier", contract.supplier),
            ("buyer", contract.buyer),
        ),
        1,
    ):
        put_row(info, row, pair)
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 50

    _instructions(book, lang, translate, columns, valued)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
