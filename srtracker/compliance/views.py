"""The explanation of one clause's figures, computed live as of the check date.

The check date (the latest stored check's, else today) is the one every page shows
figures as of, so this page and the stored statuses always agree.

A report may have tens of thousands of rows: the page shows them a page at a time per
table, with the counts per reason on top, and offers every row as a workbook.
"""

from io import BytesIO

from flask import Blueprint, abort, g, render_template, send_file, url_for
from flask_babel import gettext as _

from ..domain.contracts import code_key
from ..domain.explain import REASON_LABELS, explain, reason_counts
from ..domain.figures import show_number
from ..domain.report_files import download_name
from ..i18n import translate
from ..paging import page_number
from ..services.checks import check_date, check_live
from ..workbook.clause_rows import clause_rows_workbook

bp = Blueprint("compliance", __name__)

PER_PAGE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _result(code: str):
    contract = g.contract  # looked up by access, within what the user may see
    if contract.archived_at is not None:
        abort(404)
    as_of = check_date()
    check = check_live(contract, as_of)
    result = next((r for r in check.clauses if code_key(r.code) == code_key(code)), None)
    if result is None:
        abort(404)
    return contract, as_of, check, result


def _pages(total: int, arg: str) -> tuple[int, int, slice]:
    last = max(1, -(-total // PER_PAGE))
    page = page_number(last, arg)
    return page, last, slice((page - 1) * PER_PAGE, page * PER_PAGE)


@bp.route("/contracts/<reference>/clauses/<code>")
def clause(reference, code):
    contract, as_of, check, result = _result(code)
    counting_page, counting_last, counting = _pages(len(result.counting), "counting_page")
    excluded_page, excluded_last, excluded = _pages(len(result.excluded), "excluded_page")
    pages = {"counting_page": counting_page, "excluded_page": excluded_page}

    def link(table: str):
        def to(page: int) -> str:
            args = {**pages, table: page}
            return url_for(
                "compliance.clause",
                reference=contract.reference,
                code=result.code,
                **{k: v for k, v in args.items() if v != 1},
                _anchor=table.removesuffix("_page"),
            )

        return to

    return render_template(
        "compliance/clause.html",
        contract=contract,
        result=result,
        check=check,
        as_of=as_of,
        explanation=explain(result, translate, counting, excluded),
        reasons=reason_counts(result, translate),
        counting_pager=(counting_page, counting_last, link("counting_page")),
        excluded_pager=(excluded_page, excluded_last, link("excluded_page")),
        show=lambda v: "" if v is None else show_number(v),
    )


@bp.route("/contracts/<reference>/clauses/<code>/rows.xlsx")
def clause_rows(reference, code):
    """Every row of the clause in the counting report, with whether and why it counts."""
    contract, as_of, _check, result = _result(code)
    explanation = explain(result, translate)
    counts, excluded = _("telt mee"), _("telt niet mee")
    rows = [
        *((r.row, r.candidate_ref, counts, "", r.text) for r in explanation.counting),
        *(
            (r.row, r.candidate_ref, excluded, translate(REASON_LABELS.get(r.reason, "")), r.text)
            for r in explanation.excluded
        ),
    ]
    rows.sort(key=lambda row: row[0])
    headers = (_("Regel"), _("Kandidaat"), _("Telt mee"), _("Reden"), _("Toelichting"))
    data = clause_rows_workbook(f"{result.code} {as_of.isoformat()}", headers, rows)
    return send_file(
        BytesIO(data),
        mimetype=XLSX,
        as_attachment=True,
        download_name=download_name(contract.reference, result.code, f"regels-{as_of}"),
    )
