"""The bytes of uploads refused for a reason whose file is not kept are deleted.

progress-report.md, "Storage": a file refused as not a workbook, for macros,
its size, too many rows, a possible BSN or a possible name is not kept. An
earlier version kept some of them (a macro file, a zip bomb); their reports
stay, with their errors, and lose only the file.
"""
import json

# Frozen here: the codes of domain.report_rules.NOT_KEPT when this ran.
NOT_KEPT = {"not_xlsx", "macro_file", "too_large", "too_many_rows", "possible_bsn", "possible_name"}


def up(migrator, db):
    rows = db.execute_sql(
        "SELECT id, errors FROM report WHERE file_id IS NOT NULL AND status = 'rejected'"
    ).fetchall()
    refused = [
        report_id
        for report_id, errors in rows
        if NOT_KEPT & {item.get("code") for item in json.loads(errors or "[]")}
    ]
    for start in range(0, len(refused), 500):
        chunk = refused[start : start + 500]
        marks = ", ".join([db.param] * len(chunk))
        db.execute_sql(f"UPDATE report SET file_id = NULL WHERE id IN ({marks})", chunk)
    db.execute_sql(
        "DELETE FROM stored_file WHERE sha256 NOT IN "
        "(SELECT file_id FROM report WHERE file_id IS NOT NULL)"
    )
