"""Validating a supplier's progress report workbook (progress-report.md).

`validate_report` takes an opened book and plain data, and returns a
ReportResult: accepted or rejected whole, with every problem found. The book
offers `sheets` (name, visible, worksheet), `date1904` and `rows(name)`,
which yields (Excel row number, values from column A) and raises
SheetTooLarge for a sheet beyond the limits; srtracker.workbook.upload opens
one from the uploaded bytes. Nothing is stored here; the caller stores the
result, and the file only when `keep_file` is True.

Values are exact: hours and amounts are Decimals, rounded half up to two
decimals (12.345 -> 12.35), and range checks look at the rounded value, the
one that is stored.
"""

import heapq
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from itertools import islice, repeat
from operator import itemgetter

from srtracker.domain.contracts import Contract, code_key
from srtracker.domain.contributions import Contribution
from srtracker.domain.figures import round_half_up
from srtracker.domain.numbers import is_ambiguous_number, read_number
from srtracker.domain.periods import Period, parse_period
from srtracker.domain.reference import Reference
from srtracker.domain.report_cells import (
    EPOCH_1900,
    EPOCH_1904,
    FORMULA_WITHOUT_VALUE,
    ErrorValue,
    SheetTooLarge,
    holds_bsn,
    is_blank,
    looks_like_bsn,
    looks_like_name,
    parse_date,
    text_of,
)
from srtracker.domain.report_columns import (
    ALWAYS_REQUIRED,
    BY_NAME,
    HEADER_SEARCH_ROWS,
    RECOGNISED,
    VALUATION_COLUMNS,
    column_letter,
    is_header_row,
    map_header,
)
from srtracker.domain.report_messages import MESSAGES
from srtracker.domain.text import identity
from srtracker.domain.valuation_columns import (
    BENEFIT_MONTHS,
    MAX_BENEFIT_MONTHS,
    MAX_QUANTITY,
    PERMANENT_CONTRACT,
    QUANTITY,
    STATUSHOUDER,
    VALUATION_CHOICES,
    parse_yes_no,
)

MAX_REF_LENGTH = 40
MAX_NOTE_LENGTH = 500
MAX_HOURS = 60
DATA_SHEET_NAMES = ("voortgang", "progress")
INFO_SHEET = "info"
FILE_LEVEL = frozenset(
    {
        "not_xlsx",
        "macro_file",
        "too_large",
        "too_many_rows",
        "missing_sheet",
        "missing_column",
        "duplicate_column",
        "contract_mismatch",
        "empty_report",
    }
)
# A file refused for one of these is not kept: it cannot be read, or it may hold personal data.
NOT_KEPT = frozenset(
    {"not_xlsx", "macro_file", "too_large", "too_many_rows", "possible_bsn", "possible_name"}
)
CONDITIONAL_COLUMNS = ("target_group", "hours_per_week", "amount_eur")
BSN_EXEMPT = ("hours_per_week", "amount_eur")
VALUATION_NAMES = tuple(c.name for c in VALUATION_COLUMNS)
_NUMERIC = (int, float)


@dataclass(frozen=True)
class Limits:
    """The upload's limits (config.toml), which validation refuses a report beyond."""

    max_upload_bytes: int = 20 * 2**20
    max_unpacked_bytes: int = 200 * 2**20
    max_rows: int = 100_000
    max_columns: int = 60


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Issue:
    """One problem, located as Excel shows it; `message` is the Dutch text.

    `key` names the msgid in MESSAGES; `params` fill it and never hold a cell
    value, so an issue can be logged and stored safely.
    """

    sheet: str | None
    row: int | None
    column: str | None
    cell: str | None
    code: str
    message: str
    params: dict = field(default_factory=dict)
    key: str = ""

    @property
    def msgid(self) -> str:
        return MESSAGES[self.key or self.code]

    def describe(self, translate: Callable[[str], str] = identity) -> str:
        return translate(self.msgid).format(**self.params)

    def to_json(self, translate: Callable[[str], str] = identity) -> dict:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "cell": self.cell,
            "code": self.code,
            "message": self.describe(translate),
        }

    def sort_key(self):
        letters = (self.cell or "").rstrip("0123456789")
        index = sum((ord(c) - 64) * 26**i for i, c in enumerate(reversed(letters)))
        return (self.code not in FILE_LEVEL, self.row or 0, index)


@dataclass
class ReportResult:
    """What validating a report found: its status, rows, contributions and issues."""

    status: str
    rows: int
    contributions: list[Contribution] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    keep_file: bool = True
    sheet: str | None = None  # the data sheet, and where each known column is in it
    positions: dict = field(default_factory=dict)

    def with_counted_elsewhere(self, rows: set[int]) -> "ReportResult":
        """The warning ``counted_elsewhere`` on the bureau_ref cell of each of these rows
        (sign-off.md): it names nothing of the other contract."""
        if not rows or "bureau_ref" not in self.positions:
            return self
        index = self.positions["bureau_ref"]
        extra = [_issue("counted_elsewhere", self.sheet, row, "bureau_ref", index) for row in rows]
        return replace(self, warnings=sorted([*self.warnings, *extra], key=Issue.sort_key))

    def to_json(self, translate: Callable[[str], str] = identity, **extra) -> dict:
        """The spec's result object; the caller adds report_id, contract and period."""
        return {
            "status": self.status,
            **extra,
            "rows": self.rows,
            "errors": [e.to_json(translate) for e in self.errors],
            "warnings": [w.to_json(translate) for w in self.warnings],
        }


def _issue(key: str, sheet=None, row=None, column=None, index=None, **params) -> Issue:
    cell = f"{column_letter(index)}{row}" if index is not None and row is not None else None
    params = {"row": row, "cell": cell, **params}
    return Issue(
        sheet, row, column, cell, key.partition(".")[0], MESSAGES[key].format(**params), params, key
    )


def _day(value: date) -> str:
    return f"{value.day}-{value.month}-{value.year}"


def refusal(key: str, **params) -> ReportResult:
    """The result of a file refused as a whole (the package, the sheet): no rows read."""
    issue = _issue(key, **params)
    return ReportResult("rejected", 0, errors=[issue], keep_file=issue.code not in NOT_KEPT)


def too_many_rows(error: SheetTooLarge, limits: Limits) -> ReportResult:
    return refusal(
        "too_many_rows.rows" if error.rows else "too_many_rows.columns",
        sheet=error.sheet,
        max_rows=f"{limits.max_rows:,}".replace(",", "."),
        max_columns=limits.max_columns,
        last_column=column_letter(limits.max_columns - 1),
    )


def choose_data_sheet(sheets) -> str | None:
    """The first Voortgang/Progress sheet, else the only visible sheet besides Info."""
    for sheet in sheets:
        if sheet.name.strip().casefold() in DATA_SHEET_NAMES:
            return sheet.name
    others = [
        s.name
        for s in sheets
        if s.visible and s.worksheet and s.name.strip().casefold() != INFO_SHEET
    ]
    return others[0] if len(others) == 1 else None


def _hours_in_range(hours) -> bool:
    return 0 < hours <= MAX_HOURS


def _amount_in_range(amount) -> bool:
    return amount >= 0


# A cell's own outcome in the quick pass (_Quick): blank, or one that needs the row's full checks.
BLANK = object()
SLOW = object()
# The columns the quick pass reads by position, in this order; the valuation columns follow.
_QUICK = (
    "candidate_ref",
    "bureau_ref",
    "clause",
    "type",
    "target_group",
    "start_date",
    "end_date",
    "hours_per_week",
    "amount_eur",
    "note",
)


_REFERENCES = ("candidate_ref", "bureau_ref")


def _plain_reference(text: str):
    """A reference that passes check_reference (a possible BSN in the cell aside), else SLOW."""
    if len(text) > MAX_REF_LENGTH or looks_like_bsn(text) or looks_like_name(text):
        return SLOW
    return text


class _Row:
    """One row's cells: the given values, the blank ones, and the parsed values of those
    that passed their own checks. Slots, not a dataclass: one is made per row."""

    __slots__ = ("number", "given", "blank", "bsn", "values", "failed")

    def __init__(self, number: int, given=None, blank=None, bsn=frozenset()):
        self.number = number
        self.given: dict = {} if given is None else given
        self.blank: set = set() if blank is None else blank
        self.bsn: set | frozenset = bsn
        self.values: dict = {}
        self.failed: set = set()


class _Validation:
    def __init__(
        self,
        book,
        contract: Contract,
        period: Period,
        reference: Reference,
        previous,
        had_rows_before: bool,
        limits: Limits,
    ):
        self.book = book
        self.contract = contract
        self.period = period
        self.reference = reference
        self.previous = previous or []
        self.had_rows_before = had_rows_before
        self.limits = limits
        self.epoch = EPOCH_1904 if book.date1904 else EPOCH_1900
        self.errors: list[Issue] = []
        self.warnings: list[Issue] = []
        self.keep_file = True
        self.clause_list = ", ".join(c.code for c in contract.clauses)
        self.needed: set[str] = set()
        self.positions: dict = {}
        self.exempt: frozenset = frozenset()
        self.known: frozenset = frozenset()
        # The same few texts fill whole columns: each is looked up once.
        self.clause_of: dict = {}
        self.type_of: dict = {}
        self.group_of: dict = {}

    # -- file level -----------------------------------------------------------------------

    def run(self) -> ReportResult:
        sheet = choose_data_sheet(self.book.sheets)
        if sheet is None:
            self.check_other_sheets(None, report=False)
            return replace(refusal("missing_sheet"), keep_file=self.keep_file)
        self.sheet = sheet
        self.check_other_sheets(sheet)
        rows = self.book.rows(sheet)
        header = None
        for number, values in rows:
            self.check_for_bsn(number, values)
            if number > HEADER_SEARCH_ROWS:
                break
            if is_header_row(values):
                header = map_header(number, values)
                break
        if header is None:
            for name in ALWAYS_REQUIRED:
                self.errors.append(
                    _issue(
                        "missing_column.no_header",
                        sheet,
                        column=name,
                        header_nl=BY_NAME[name].name_nl,
                    )
                )
            return self.result(0, [])
        self.check_header(header)
        self.positions = header.positions
        self.known = frozenset(header.positions.values())
        self.exempt = frozenset(header.positions[n] for n in BSN_EXEMPT if n in header.positions)
        contributions, count, spans, present = self.check_rows(header, rows)
        if count > self.limits.max_rows:
            return too_many_rows(SheetTooLarge(sheet, rows=True), self.limits)
        for name in CONDITIONAL_COLUMNS:
            if name in self.needed and name not in header.positions:
                self.missing_column(header, name)
        self.check_overlap(spans)
        if count == 0:
            if self.had_rows_before:
                self.errors.append(_issue("empty_report.error", sheet))
            else:
                self.warnings.append(_issue("empty_report.warning", sheet))
        self.check_missing_candidates(present)
        return self.result(count, contributions)

    def result(self, count: int, contributions: list) -> ReportResult:
        self.errors.sort(key=Issue.sort_key)
        self.warnings.sort(key=Issue.sort_key)
        status = "rejected" if self.errors else "accepted"
        return ReportResult(
            status,
            count,
            contributions if status == "accepted" else [],
            self.errors,
            self.warnings,
            self.keep_file and not any(e.code in NOT_KEPT for e in self.errors),
            self.sheet,
            dict(self.positions),
        )

    def check_for_bsn(self, number: int, values, sheet=None, report=True) -> set:
        """Indexes of the cells holding a possible BSN (the exempt columns aside).

        Any such cell means the file is not kept. A cell outside the recognised
        columns gets its possible_bsn error here; a recognised one gets it in
        its place in the order of checks.
        """
        found = {
            index
            for index, value in enumerate(values)
            if (type(value) is str and len(value) >= 9 or type(value) in _NUMERIC)
            and index not in self.exempt
            and holds_bsn(value)
        }
        if found:
            self.keep_file = False
        if report:
            for index in found - self.known if sheet is None else found:
                self.errors.append(
                    _issue("possible_bsn.cell", sheet or self.sheet, number, None, index)
                )
        return found

    def check_other_sheets(self, data_sheet: str | None, report=True):
        """Every cell of every other worksheet is looked at for a BSN; Info is read too."""
        info = next(
            (
                s.name
                for s in self.book.sheets
                if s.name.strip().casefold() == INFO_SHEET and s.name != data_sheet
            ),
            None,
        )
        for sheet in self.book.sheets:
            if not sheet.worksheet or sheet.name == data_sheet:
                continue
            found: dict = {}
            for number, values in self.book.rows(sheet.name):
                self.check_for_bsn(number, values, sheet.name, report)
                if sheet.name == info and len(values) >= 2 and isinstance(values[0], str):
                    if not is_blank(values[1]):
                        found.setdefault(values[0].strip().casefold(), values[1])
            if report and sheet.name == info:
                self.check_info(info, found)

    def check_info(self, info: str, found: dict):
        if "contract" in found:
            if code_key(text_of(found["contract"])) != code_key(self.contract.reference):
                self.errors.append(
                    _issue("contract_mismatch.contract", info, contract=self.contract.reference)
                )
        if "period" in found:
            value = found["period"]
            named = parse_period(
                self.contract.reporting, value if isinstance(value, date) else text_of(value)
            )
            if named != self.period:
                self.errors.append(_issue("contract_mismatch.period", info, period=self.period.key))

    def missing_column(self, header, name: str):
        self.errors.append(
            _issue("missing_column", self.sheet, header.row, name, header_nl=BY_NAME[name].name_nl)
        )

    def check_header(self, header):
        for name, first, later in header.duplicates:
            self.errors.append(
                _issue(
                    "duplicate_column",
                    self.sheet,
                    header.row,
                    name,
                    later,
                    header_nl=BY_NAME[name].name_nl,
                    first_cell=f"{column_letter(first)}{header.row}",
                )
            )
        for index in header.unknown:
            self.warnings.append(_issue("unknown_column", self.sheet, header.row, None, index))
        for name in ALWAYS_REQUIRED:
            if name not in header.positions:
                self.missing_column(header, name)

    # -- rows -------------------------------------------------------------------------------

    def check_rows(self, header, rows):
        positions = [
            (c.name, header.positions[c.name]) for c in RECOGNISED if c.name in header.positions
        ]
        names = {index: name for name, index in positions}
        quick = _Quick(self, header.positions)
        contributions, spans, present, count = [], [], set(), 0
        for number, values, found in quick.rows(rows):
            if found is BLANK:
                continue
            if found is None:
                full = self.full_row(number, values, positions, names)
                if full is None:
                    continue
            count += 1
            if count > self.limits.max_rows:
                break
            if found is not None:
                contribution, key = found
                present.add(key)
                spans.append(
                    (key, contribution.start_date, contribution.end_date or date.max, number)
                )
                if not self.errors:
                    contributions.append(contribution)
                continue
            row, dated = full
            parsed = row.values
            if "candidate_ref" in parsed and "clause" in parsed:
                key = (parsed["candidate_ref"].casefold(), code_key(parsed["clause"].code))
                present.add(key)
                if dated:
                    spans.append(
                        (key, parsed["start_date"], parsed.get("end_date") or date.max, number)
                    )
            if not row.failed and not self.errors:
                contributions.append(self.contribution(row))
        return contributions, count, spans, present

    def full_row(self, number: int, values, positions, names):
        """A row through every check: the row and whether its dates are fit for the overlap
        check, or None for a blank row."""
        bsn = self.check_for_bsn(number, values)
        width = len(values)
        cells = {name: values[index] if index < width else None for name, index in positions}
        if all(is_blank(v) for v in cells.values()):
            return None
        row = self.check_row(number, cells, {names[i] for i in bsn if i in names})
        return row, self.check_dates(row)

    def cell_alone(self, name: str, value):
        """One cell's own checks on a row of its own, nothing else given: its parsed value
        (for the type, the code and whether it is a person type), BLANK, or SLOW when it
        fails, warns or may hold a BSN, so that its rows get every check in their order."""
        if value is None or value == "" or (type(value) is str and not value.strip()):
            return BLANK
        if value is FORMULA_WITHOUT_VALUE or type(value) is ErrorValue or type(value) is bool:
            return SLOW
        if (
            (type(value) is str and len(value) >= 9 or type(value) in _NUMERIC)
            and self.positions[name] not in self.exempt
            and holds_bsn(value)
        ):
            return SLOW
        if name in _REFERENCES:
            return _plain_reference(text_of(value))
        row = _Row(0, {name: value})
        errors, warnings = len(self.errors), len(self.warnings)
        outcome = _CELL_CHECKS[name](self, row)
        if row.failed or len(self.errors) != errors or len(self.warnings) != warnings:
            del self.errors[errors:]
            del self.warnings[warnings:]
            return SLOW
        if name == "type":
            return (row.values["type"], outcome)
        return row.values.get(name, BLANK)

    def fail(self, row: _Row, key: str, name: str, **params):
        row.failed.add(name)
        row.given.pop(name, None)
        self.errors.append(
            _issue(key, self.sheet, row.number, name, self.positions[name], **params)
        )

    def warn(self, row: _Row, key: str, name: str, **params):
        self.warnings.append(
            _issue(key, self.sheet, row.number, name, self.positions[name], **params)
        )

    def check_row(self, number: int, cells: dict, bsn: set) -> _Row:
        """Each cell's own checks, in the spec's order; at most one error per cell."""
        given, blank, odd = {}, set(), []
        for name, value in cells.items():
            if value is None or value == "":
                blank.add(name)
            elif value is FORMULA_WITHOUT_VALUE or type(value) is ErrorValue:
                odd.append((name, value))
            elif type(value) is str and not value.strip():
                blank.add(name)
            else:
                given[name] = value
        row = _Row(number, given, blank, bsn)
        for name, value in odd:
            if value is FORMULA_WITHOUT_VALUE:
                self.fail(row, "formula_without_value", name)
            else:
                self.fail(row, "error_value", name, shown=str(value))
        self.check_reference(row, "candidate_ref", MAX_REF_LENGTH)
        self.check_reference(row, "bureau_ref", MAX_REF_LENGTH, needed=False)
        clause = self.check_clause(row)
        person = self.check_type(row, clause)
        self.check_group(row, person)
        for name in ("start_date", "end_date"):
            self.check_date(row, name)
        self.check_number(row, "hours_per_week", person is True, _hours_in_range)
        self.check_number(row, "amount_eur", person is False, _amount_in_range)
        self.check_note(row)
        self.check_valuation_cells(row)
        self.warn_not_counting(row)
        return row

    def required(self, row: _Row, name: str, needed=True, **params):
        """The cell's value when it can be checked further; a blank needed cell is missing."""
        if name in row.blank and needed:
            self.fail(row, f"missing_value.{name}", name, **params)
        return row.given.get(name)

    def personal(self, row: _Row, name: str) -> bool:
        """possible_bsn, in its place in the order of checks; True when the cell failed it."""
        if name in row.bsn and name not in row.failed:
            self.fail(row, "possible_bsn.cell", name)
            return True
        return False

    def check_reference(self, row: _Row, name: str, max_length: int, needed: bool = True):
        """A pseudonymous reference (candidate_ref, bureau_ref): never a BSN or a name,
        whatever the notation."""
        value = self.required(row, name, needed)
        if value is None:
            return
        text = text_of(value)
        own = "" if name == "candidate_ref" else f".{name}"
        if len(text) > max_length:
            self.fail(row, f"text_too_long.{name}", name)
        elif looks_like_bsn(text):
            self.fail(row, f"possible_bsn{own}", name)
        elif self.personal(row, name):
            return
        elif looks_like_name(text):
            self.fail(row, f"possible_name{own}", name)
        else:
            row.values[name] = text

    def check_clause(self, row: _Row):
        value = self.required(row, "clause", example=self.contract.clauses[0].code)
        if value is None or self.personal(row, "clause"):
            return None
        text = text_of(value)
        if text not in self.clause_of:
            self.clause_of[text] = self.contract.clause(text)
        clause = self.clause_of[text]
        if clause is None:
            self.fail(row, "unknown_clause", "clause", clauses=self.clause_list)
        else:
            row.values["clause"] = clause
        return clause

    def check_type(self, row: _Row, clause) -> bool | None:
        """The type's code checked against the clause; whether it is a person type."""
        value = self.required(row, "type")
        if value is None or self.personal(row, "type"):
            return None
        text = text_of(value)
        if text not in self.type_of:
            self.type_of[text] = self.reference.match_type(text)
        code = self.type_of[text]
        if code is None:
            self.fail(row, "unknown_type", "type")
            return None
        if clause is not None and code not in clause.accepts:
            self.fail(row, "type_not_accepted", "type", clause=clause.code)
        else:
            row.values["type"] = code
        person = self.reference.is_person_type(code)
        self.needed.update(("target_group", "hours_per_week") if person else ("amount_eur",))
        return person

    def check_group(self, row: _Row, person):
        value = self.required(row, "target_group", needed=bool(person))
        if value is None or self.personal(row, "target_group"):
            return
        text = text_of(value)
        if text not in self.group_of:
            self.group_of[text] = self.reference.match_group(text)
        code = self.group_of[text]
        if code is None:
            self.fail(row, "unknown_group", "target_group")
        else:
            row.values["target_group"] = code

    def check_date(self, row: _Row, name: str):
        value = self.required(row, name, needed=name == "start_date")
        if value is None:
            return
        day = parse_date(value, self.epoch)
        if day is None:
            self.fail(row, "bad_date", name)
        else:
            row.values[name] = day

    def check_number(self, row: _Row, name, needed: bool, in_range):
        value = self.required(row, name, needed=needed)
        if value is None:
            return
        number = read_number(value)
        if number is None:
            self.fail(row, "bad_number", name)
            return
        number = round_half_up(number)
        if not in_range(number):
            self.fail(row, f"out_of_range.{name}", name)
            return
        row.values[name] = number
        if name == "amount_eur" and is_ambiguous_number(value):
            self.warn(row, "ambiguous_number", name, read_as=f"{number.normalize():f}")

    def check_note(self, row: _Row):
        if "note" in row.blank:
            row.values["note"] = ""
        value = self.required(row, "note", needed=False)
        if value is None:
            return
        note = text_of(value)
        if len(note) > MAX_NOTE_LENGTH:
            self.fail(row, "text_too_long.note", "note")
        elif not self.personal(row, "note"):
            row.values["note"] = note

    def check_valuation_cells(self, row: _Row):
        """The optional columns of the valuation extension; blank is "not given"."""
        for name in VALUATION_NAMES:
            value = row.given.get(name)
            if value is None:
                continue
            if name in (BENEFIT_MONTHS, QUANTITY):
                self.check_valuation_number(row, name, value)
                continue
            if self.personal(row, name):
                continue
            choice: bool | str | None
            if name in (PERMANENT_CONTRACT, STATUSHOUDER):
                choice = parse_yes_no(value)
            else:
                choice = VALUATION_CHOICES[name].match(text_of(value))
            if choice is None:
                self.fail(row, f"bad_choice.{name}", name)
            else:
                row.values[name] = choice

    def check_valuation_number(self, row: _Row, name: str, value):
        """benefit_months: whole months 0-600; quantity (issue 18): hours, days or
        activities above 0, at most 100,000, two decimals at most."""
        number = read_number(value)
        if number is None:
            self.fail(row, "bad_number", name)
        elif self.personal(row, name):
            return
        elif name == BENEFIT_MONTHS:
            if number != number.to_integral_value() or not 0 <= number <= MAX_BENEFIT_MONTHS:
                self.fail(row, f"out_of_range.{name}", name)
            else:
                row.values[name] = int(number)
        elif not 0 < number <= MAX_QUANTITY or number != round_half_up(number):
            self.fail(row, f"out_of_range.{name}", name)
        else:
            row.values[name] = number

    def warn_not_counting(self, row: _Row):
        parsed = row.values
        clause = parsed.get("clause")
        if clause is None:
            return
        group = parsed.get("target_group")
        if group is not None and clause.eligible_groups and group not in clause.eligible_groups:
            self.warn(row, "ineligible_group", "target_group", clause=clause.code)
        hours = parsed.get("hours_per_week")
        if (
            hours is not None
            and clause.min_hours_per_week is not None
            and hours < clause.min_hours_per_week
        ):
            self.warn(
                row,
                "below_min_hours",
                "hours_per_week",
                clause=clause.code,
                min_hours=f"{clause.min_hours_per_week.normalize():f}",
            )
        start = parsed.get("start_date")
        if start is not None and start < clause.start:
            self.warn(
                row,
                "before_clause_start",
                "start_date",
                clause=clause.code,
                clause_start=_day(clause.start),
            )

    def check_dates(self, row: _Row) -> bool:
        """Checks across the cells of a row; True when its dates are fit for the overlap check."""
        start, end = row.values.get("start_date"), row.values.get("end_date")
        if start is None or "end_date" in row.failed:
            return False
        dated = True
        if end is not None and end < start:
            self.fail(row, "end_before_start", "end_date")
            dated = False
        if start > self.period.end:
            self.fail(row, "date_after_period", "start_date", period_end=_day(self.period.end))
            dated = False
        return dated

    def contribution(self, row: _Row) -> Contribution:
        parsed = row.values
        return Contribution(
            row=row.number,
            candidate_ref=parsed["candidate_ref"],
            clause=parsed["clause"].code,
            type=parsed["type"],
            start_date=parsed["start_date"],
            target_group=parsed.get("target_group"),
            end_date=parsed.get("end_date"),
            hours_per_week=parsed.get("hours_per_week"),
            amount_eur=parsed.get("amount_eur"),
            note=parsed.get("note", ""),
            **{name: parsed[name] for name in VALUATION_NAMES if name in parsed},
            bureau_ref=parsed.get("bureau_ref"),
        )

    # -- across rows -------------------------------------------------------------------------

    def check_overlap(self, spans):
        """Two rows of one candidate under one clause may not share a day; the lower row is wrong.

        A sweep over start dates per candidate and clause, with heaps of the
        spans still running: O(n log n) however many rows overlap.
        """
        counts = Counter(map(itemgetter(0), spans))
        groups = {key: [] for key, count in counts.items() if count > 1}
        for key, start, end, number in spans:
            if key in groups:
                groups[key].append((start, number, end))
        flagged = {}
        for group in groups.values():
            if len(group) < 2:
                continue
            group.sort()
            running, lowest, highest, ended = [], [], [], set()
            for start, number, end in group:
                while running and running[0][0] < start:
                    ended.add(heapq.heappop(running)[1])
                while lowest and lowest[0] in ended:
                    heapq.heappop(lowest)
                if lowest and lowest[0] < number:
                    flagged.setdefault(number, lowest[0])
                while highest and -highest[0] > number:
                    other = -heapq.heappop(highest)
                    if other not in ended:
                        flagged.setdefault(other, number)
                heapq.heappush(running, (end, number))
                heapq.heappush(lowest, number)
                heapq.heappush(highest, -number)
        for number, other in flagged.items():
            self.fail(_Row(number), "overlap", "start_date", other_row=other)

    def check_missing_candidates(self, present: set):
        warned = set()
        for earlier in sorted(self.previous, key=lambda c: c.row):
            key = (earlier.candidate_key, code_key(earlier.clause))
            if earlier.end_date is None and key not in present and key not in warned:
                warned.add(key)
                self.warnings.append(
                    _issue(
                        "missing_candidate",
                        self.sheet,
                        previous_row=earlier.row,
                        clause=earlier.clause,
                    )
                )


_CELL_CHECKS = {
    "candidate_ref": lambda v, row: v.check_reference(row, "candidate_ref", MAX_REF_LENGTH),
    "bureau_ref": lambda v, row: v.check_reference(row, "bureau_ref", MAX_REF_LENGTH, False),
    "clause": lambda v, row: v.check_clause(row),
    "type": lambda v, row: v.check_type(row, None),
    "target_group": lambda v, row: v.check_group(row, None),
    "start_date": lambda v, row: v.check_date(row, "start_date"),
    "end_date": lambda v, row: v.check_date(row, "end_date"),
    "hours_per_week": lambda v, row: v.check_number(row, "hours_per_week", False, _hours_in_range),
    "amount_eur": lambda v, row: v.check_number(row, "amount_eur", False, _amount_in_range),
    "note": lambda v, row: v.check_note(row),
    **{name: lambda v, row: v.check_valuation_cells(row) for name in VALUATION_NAMES},
}


# Values that equal no value of another of these types: a memo keyed by them alone is exact
# (True == 1 == 1.0, so ints and booleans are looked at each time).
_MEMO_TYPES = frozenset({str, float, date, datetime})
_CHUNK = 4096
_FIELD = {name: index for index, name in enumerate(Contribution._fields)}
_DIGITS = b"0123456789"  # deleted by bytes.translate: an ASCII text's digits counted in C


class _Quick:
    """The rows that pass every check without a warning, column by column from a memo.

    The same few texts, dates and figures fill whole columns: each distinct value of a
    column goes through that column's own checks once (`cell_alone`), in one pass per
    column over a chunk of rows, and a row whose cells all passed them needs only the
    checks across its cells here. A row with any other cell (blank where required,
    failing, warning, a possible BSN) goes through `check_row` as before, so every
    message and its order are those of the full checks.
    """

    def __init__(self, validation: _Validation, positions: dict):
        self.validation = validation
        self.columns = [(name, positions.get(name, -1)) for name in _QUICK]
        self.valued = [(name, positions[name]) for name in VALUATION_NAMES if name in positions]
        self.memos: dict[str, dict] = {name: {} for name, _ in self.columns + self.valued}
        self.known = frozenset(positions.values())
        # Cells outside the known columns are looked at only when there can be any.
        self.width = len(self.known) if len(self.known) == max(self.known, default=-1) + 1 else 0
        self.clause_key: dict = {}
        self.period_end = validation.period.end
        self.slow = 0

    def rows(self, rows):
        """(number, values, found) of each row; found as `row` says."""
        rows = iter(rows)
        while chunk := list(islice(rows, _CHUNK)):
            numbers = [number for number, _ in chunk]
            values = [cells for _, cells in chunk]
            found = self.chunk(numbers, values)
            yield from zip(numbers, values, found, strict=True)

    def column(self, name: str, index: int, rows: list) -> list:
        """The outcome of each row's cell of one column."""
        if index < 0:
            return [BLANK] * len(rows)
        try:
            cells = [values[index] for values in rows]
        except IndexError:
            cells = [values[index] if index < len(values) else None for values in rows]
        if name in _REFERENCES:
            return self.references(name, cells)
        memo = self.memos[name]

        def outcome(value):
            result = self.alone(name, value)
            if type(value) in _MEMO_TYPES and result is not SLOW:
                memo[value] = result
            return result

        return [
            memo[value] if type(value) in _MEMO_TYPES and value in memo else outcome(value)
            for value in cells
        ]

    def references(self, name: str, cells: list) -> list:
        """The outcome of each reference cell of one column. Mostly distinct: no memo; the
        common reference is told apart without the checks: ASCII text of at most
        MAX_REF_LENGTH characters with one to seven digits can hold no BSN (nine digits),
        look like none (eight or nine) and look like no name (no digit), so check_reference
        and the BSN look pass it as its trimmed text. Any other cell goes through its
        checks (`alone`). One loop, no call a cell for the common one; its digits are
        counted on its bytes (ASCII: one byte a character), which bytes.translate deletes
        in C where str.translate looks each character up in a table."""
        outcomes: list = []
        append, alone = outcomes.append, self.alone
        for value in cells:
            if type(value) is str and value.isascii():
                text = value.strip()
                if text and len(text) <= MAX_REF_LENGTH:
                    digits = len(value) - len(value.encode().translate(None, _DIGITS))
                    if 0 < digits < 8:
                        append(text)
                        continue
            append(alone(name, value))
        return outcomes

    def alone(self, name: str, value):
        """cell_alone, counting the cells that need the full checks (SLOW is never memoised,
        so that every one is counted)."""
        result = self.validation.cell_alone(name, value)
        if result is SLOW:
            self.slow += 1
        return result

    def chunk(self, numbers: list, rows: list) -> list:
        self.slow = 0
        got = [self.column(name, index, rows) for name, index in self.columns]
        valued = [self.column(name, index, rows) for name, index in self.valued]
        slow: set[int] = set()
        for outcomes in got + valued if self.slow else ():
            slow.update([i for i, outcome in enumerate(outcomes) if outcome is SLOW])
        wide = [i for i, values in enumerate(rows) if len(values) > self.width]
        slow.update(i for i in wide if self.others_may_hold_bsn(rows[i]))
        places = [_FIELD[name] for name, _ in self.valued]
        extras = zip(*valued, strict=True) if valued else repeat(())
        row = self.row
        return [
            None if i in slow else row(number, cells, places, extra)
            for i, (number, cells, extra) in enumerate(
                zip(numbers, zip(*got, strict=True), extras, strict=False)
            )
        ]

    def others_may_hold_bsn(self, values) -> bool:
        return any(
            (type(v) is str and len(v) >= 9 or type(v) in _NUMERIC)
            and i not in self.known
            and holds_bsn(v)
            for i, v in enumerate(values)
        )

    def row(self, number: int, cells: tuple, places: list, valued: tuple):
        """(the contribution, its candidate and clause key), BLANK for a blank row, or None
        when the row needs the full checks. `valued`: the valuation cells' outcomes, each
        going to the contribution's field at `places`."""
        ref, bureau, clause, typed, group, start, end, hours, amount, note = cells
        if ref is BLANK or clause is BLANK or typed is BLANK or start is BLANK:
            blank = all(c is BLANK for c in cells) and all(v is BLANK for v in valued)
            return BLANK if blank else None
        code, person = typed
        if code not in clause.accepts or (
            (group is BLANK or hours is BLANK) if person else amount is BLANK
        ):
            return None
        # The checks across the row's cells (check_dates, warn_not_counting) find nothing.
        if end is not BLANK and end < start or start > self.period_end or start < clause.start:
            return None
        if group is not BLANK and clause.eligible_groups and group not in clause.eligible_groups:
            return None
        minimum = clause.min_hours_per_week
        if not (hours is BLANK or minimum is None or hours >= minimum):
            return None
        fields = (
            number,
            ref,
            clause.code,
            code,
            start,
            None if group is BLANK else group,
            None if end is BLANK else end,
            None if hours is BLANK else hours,
            None if amount is BLANK else amount,
            "" if note is BLANK else note,
            None,
            None,
            None,
            None,
            None if bureau is BLANK else bureau,
            None,
            None,
            None,
        )
        if valued:
            listed = list(fields)
            for place, value in zip(places, valued, strict=True):
                if value is not BLANK:
                    listed[place] = value
            fields = tuple(listed)
        key = self.clause_key.get(clause.code)
        if key is None:
            key = self.clause_key[clause.code] = code_key(clause.code)
        return tuple.__new__(Contribution, fields), (ref.casefold(), key)


def validate_report(
    book,
    contract: Contract,
    period: Period,
    reference: Reference,
    previous: list[Contribution] | None,
    had_rows_before: bool,
    limits: Limits = DEFAULT_LIMITS,
) -> ReportResult:
    """Check an opened report book against the contract, the period and the last report.

    `previous` holds the rows of the previous accepted report (the caller
    picks it), `had_rows_before` whether any earlier accepted report of this
    contract had rows.
    """
    validation = _Validation(book, contract, period, reference, previous, had_rows_before, limits)
    try:
        return validation.run()
    except SheetTooLarge as error:
        return too_many_rows(error, limits)
