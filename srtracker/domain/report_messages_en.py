"""English renderings of the progress-report messages, for the CLI's --lang en.

Keyed by the Dutch msgid, so `ENGLISH.get` works as a `translate` callable
wherever the Babel catalogue is not available.
"""

from srtracker.domain.report_messages import (
    COLUMN_HELP,
    FEEDBACK,
    INSTRUCTIONS,
    INSTRUCTIONS_END,
    MESSAGES,
    VALUATION_INSTRUCTIONS,
)

_BY_KEY = {
    "too_large.upload": "The file is larger than {limit_mb} MB. Remove sheets, pictures or formatting you do not "
    "need and upload it again.",
    "too_large.unpacked": "The file is too large when unpacked (over {limit_mb} MB or too many parts). Put only the "
    "progress data in a new Excel workbook (.xlsx), for example the template, and upload that.",
    "not_xlsx.xls": "This is an old Excel file (.xls). Open it in Excel, choose Save As > Excel Workbook "
    "(.xlsx) and upload that file.",
    "not_xlsx.encrypted": "The file is protected with a password (encrypted), so we cannot read it. Remove the "
    "password in Excel (File > Info > Protect Workbook), save as Excel Workbook (.xlsx) and "
    "upload it again.",
    "not_xlsx.text": "This is a text file (for example .csv), not an Excel workbook. Open it in Excel and choose "
    "Save As > Excel Workbook (.xlsx), or fill in the template.",
    "not_xlsx.zip": "This file is not an Excel workbook (.xlsx). Save it as Excel Workbook (.xlsx), or fill in "
    "the template.",
    "not_xlsx.corrupt": "The file is not a readable Excel workbook (.xlsx); it may be damaged. Open it in Excel, "
    "save it as Excel Workbook (.xlsx) and upload it again.",
    "macro_file": "The file contains macros (or is a macro-enabled workbook, .xlsm). In Excel choose Save As "
    "> Excel Workbook (.xlsx), without macros, and upload that file.",
    "too_many_rows.rows": "This sheet has more than {max_rows} rows; we do not read that many in one report. "
    "Remove the rows you do not need, including a stray value far below the data, and upload it again.",
    "too_many_rows.columns": "This sheet has a cell beyond column {last_column} (more than {max_columns} columns). "
    "Remove what stands to the right of the data and upload it again.",
    "missing_sheet": "The sheet with the data was not found. Name that sheet 'Progress' (or 'Voortgang'), or "
    "fill in the template.",
    "missing_column": "The column '{header_en}' is missing. Add a column with the heading '{header_en}' in row "
    "{row}.",
    "missing_column.no_header": "No row with column headings was found, so the column '{header_en}' was not found either. "
    "Put the template's column headings in one row above the data.",
    "duplicate_column": "There are two columns for '{header_en}' ({first_cell} and {cell}). Remove one of them.",
    "contract_mismatch.contract": "The Info sheet names another contract than {contract}. Upload this file for the right "
    "contract, or use the template of contract {contract}.",
    "contract_mismatch.period": "The Info sheet names another period than {period}. Upload this file for the right period, "
    "or put {period} next to 'period' on the Info sheet.",
    "empty_report.error": "The report has no rows, while an earlier report of this contract had rows. The report is "
    "cumulative: include every contribution since the start, ended ones too.",
    "formula_without_value": "This cell holds a formula without a calculated value. Open the file in Excel and save it "
    "again, or type the value in.",
    "error_value": "This cell shows the error value {shown}. Correct the formula or type the value in.",
    "missing_value.candidate_ref": "Fill in a candidate reference: your own code for this person, for example K-0012. "
    "Never a name and never a BSN.",
    "missing_value.clause": "Fill in the clause, for example {example}.",
    "missing_value.type": "Fill in the contribution type; choose one from the list in the template.",
    "missing_value.target_group": "Fill in the target group; this type of contribution needs one. Choose one from the list "
    "in the template.",
    "missing_value.start_date": "Fill in a start date, for example 1-3-2026.",
    "missing_value.hours_per_week": "Fill in the hours per week, for example 32.",
    "missing_value.amount_eur": "Fill in the amount in euros, for example 1250.00.",
    "bad_date": "This is not a date. Write the date as day-month-year, for example 1-3-2026.",
    "bad_number": "This is not a number. Fill in a number only, for example 32 or 12.5.",
    "text_too_long.candidate_ref": "The candidate reference is too long. Use at most 40 characters.",
    "text_too_long.bureau_ref": "The candidate number is too long. Use at most 40 characters.",
    "possible_bsn.bureau_ref": "This candidate number consists of 8 or 9 digits and could be a BSN. Use the number the bureau gave the person, never a BSN.",
    "possible_name.bureau_ref": "This candidate number looks like a name. Use the number the bureau gave the person, never a name. The file has not been kept.",
    "counted_elsewhere": "This person already counts in another contract for the same days. The bureau decides which contract keeps these days.",
    "text_too_long.note": "The note is too long. Use at most 500 characters.",
    "possible_bsn": "This candidate reference has 8 or 9 digits, so it could be a BSN. Never use a BSN; use "
    "your own code, for example K-0012.",
    "possible_bsn.cell": "This cell holds 9 digits that could be a BSN. Never put a BSN in the report: remove it, "
    "on the other sheets too. The file has not been kept.",
    "possible_name": "This looks like a name. Never use a name, but your own code for the person, for example "
    "K-0012. The file has not been kept.",
    "out_of_range.hours_per_week": "The hours per week must be more than 0 and at most 60.",
    "out_of_range.amount_eur": "The amount may not be negative. Fill in 0 or more.",
    "unknown_clause": "This clause is not in the contract. Choose from: {clauses}.",
    "unknown_type": "We do not know this contribution type. Choose one from the list in the template.",
    "unknown_group": "We do not know this target group. Choose one from the list in the template.",
    "type_not_accepted": "Clause {clause} does not count this type of contribution. Choose another clause or "
    "another type.",
    "end_before_start": "The end date is before the start date. Check both dates.",
    "date_after_period": "The start date is after the end of this period ({period_end}). Report this contribution "
    "in a later report.",
    "overlap": "This row overlaps in time with row {other_row}: the same candidate under the same clause. "
    "Change the dates (the end date is included) or merge the rows.",
    "out_of_range.benefit_months": "Give the whole months on a benefit: a whole number from 0 to 600.",
    "bad_choice.age_bracket": "We do not know this age bracket. Choose from the list in the template: under 50, 50 to "
    "54, or 55 or older.",
    "bad_choice.permanent_contract": "Fill in yes or no.",
    "bad_choice.purchased_from": "We do not know this kind of social enterprise. Choose one from the list in the template.",
    "bad_choice.statushouder": "Fill in yes or no.",
    "bad_choice.level": "We do not know this level. Choose from the list in the template: MBO level 1 to 4, or HBO.",
    "out_of_range.quantity": "Give the number of hours, days or activities: a number above 0 and at most 100,000, "
    "with at most two decimals.",
    "unknown_column": "This column is not part of the format and is skipped.",
    "ineligible_group": "This target group does not count for clause {clause}. The row is kept, but does not count.",
    "below_min_hours": "Fewer than {min_hours} hours per week: this row does not count for clause {clause}.",
    "before_clause_start": "The start date is before the start of clause {clause} ({clause_start}). This "
    "contribution does not count.",
    "ambiguous_number": "This amount was read as {read_as} euros. Did you mean thousands? Then write the amount "
    "without a point, or with a comma before the cents, for example 1250 or 1.250,00.",
    "empty_report.warning": "The report has no rows yet. It has been received as a report of nothing yet.",
    "missing_candidate": "The candidate of row {previous_row} in the previous report is now missing under clause "
    "{clause}, while it had no end date there. Add the row again, with an end date if the "
    "contribution has stopped.",
}

_INSTRUCTIONS_EN = (
    "How to fill in this report",
    "Put each contribution on its own row of the {sheet} sheet. The report is cumulative: "
    "include every contribution since the start of the contract, ended ones too.",
)
_INSTRUCTIONS_END_EN = (
    "Keep the Info sheet: it lets us check that the report belongs to the right contract and "
    "period.",
)
_VALUATION_INSTRUCTIONS_EN = (
    "Columns for the valuation in euros (building blocks); leave empty what does not apply:",
)
_COLUMN_HELP_EN = {
    "candidate_ref": "Your own code for the person, at most 40 characters, for example K-0012. "
    "Never a name and never a BSN.",
    "clause": "The code of the clause in the contract; choose from the list.",
    "type": "The contribution type; choose from the list.",
    "target_group": "The candidate's target group; choose from the list. Required for every "
    "type except purchase from a social enterprise.",
    "start_date": "The first day of the contribution, as day-month-year, for example 1-3-2026.",
    "end_date": "The last day of the contribution, as day-month-year, for example 31-12-2026. "
    "Leave it empty while the contribution is ongoing.",
    "hours_per_week": "Hours per week: more than 0 and at most 60. Required for every type "
    "except purchase from a social enterprise.",
    "amount_eur": "Only for purchase from a social enterprise: the amount in euros.",
    "note": "Free text, at most 500 characters. Never put personal data here.",
    "bureau_ref": "The number the social return bureau gave the person, where the bureau asks "
    "for it; at most 40 characters. Never a name and never a BSN.",
    "benefit_months": "Whole months the candidate had been on a benefit when the contribution "
    "started; empty counts as 0 (the lower value).",
    "age_bracket": "Under 50, 50 to 54, or 55 or older; choose from the list.",
    "permanent_contract": "Yes if the candidate has a permanent contract, otherwise no.",
    "purchased_from": "For a purchase, what kind of social enterprise; choose from the list. "
    "Empty counts as the valuation table counts a purchase without a register.",
    "statushouder": "Yes for a refugee with a residence permit; the target group stays that of the "
    "benefit.",
    "level": "For a BBL, BOL or HBO place: the level of education; choose from the list.",
    "quantity": "For a contribution counted per hour, per day or per activity: the number of hours, "
    "days or activities, above 0.",
}

_FEEDBACK_EN = {
    "note": "Note",
    "copy": "Your own file could not be saved with the marks (for example because of pivot tables "
    "or formatting we cannot rewrite). This is therefore a copy of its data, with the same marks "
    "and comments on the {sheet} sheet. Correct the errors in your own file or in this copy, and "
    "upload it again.",
    "issues_sheet": "Errors",
    "unreadable": "Your file could not be opened to mark the errors in it. The errors are listed "
    "below with their cells; correct them in your own file and upload it again.",
    "sheet": "Sheet",
    "cell": "Cell",
    "column": "Column",
    "message": "What to do",
}

ENGLISH = {MESSAGES[key]: text for key, text in _BY_KEY.items()}
ENGLISH.update(zip(INSTRUCTIONS, _INSTRUCTIONS_EN, strict=False))
ENGLISH.update(zip(INSTRUCTIONS_END, _INSTRUCTIONS_END_EN, strict=False))
ENGLISH.update(zip(VALUATION_INSTRUCTIONS, _VALUATION_INSTRUCTIONS_EN, strict=False))
ENGLISH.update({FEEDBACK[key]: text for key, text in _FEEDBACK_EN.items()})
ENGLISH.update({COLUMN_HELP[name]: text for name, text in _COLUMN_HELP_EN.items()})


def to_english(msgid: str) -> str:
    """A `translate` callable; an msgid without an English entry stays Dutch."""
    return ENGLISH.get(msgid, msgid)
