"""Issue 19: the check reads each report's rows in row order; an index on (report, row)
gives them in that order without a sort, and serves every lookup by report the index on
report alone served."""


def up(migrator, db):
    migrator.migrate(
        migrator.add_index("contribution", ("report_id", "row"), False),
        migrator.drop_index("contribution", "contribution_report_id"),
    )
