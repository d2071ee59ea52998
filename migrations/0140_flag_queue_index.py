"""Issue 19: the flag queue at national scale. The queue reads open and acknowledged
flags kind by kind, oldest first; this partial index holds just those, in that order, so
a page is a walk of the index instead of a sort of every open flag in scope; state and
contract_id ride along so the counts (store/flags.queue_version, queue_counts) read the
index alone."""


def up(migrator, db):
    db.execute_sql(
        "CREATE INDEX IF NOT EXISTS flag_queue "
        "ON flag (kind, opened_as_of, id, state, contract_id) "
        "WHERE state IN ('open', 'acknowledged')"
    )
