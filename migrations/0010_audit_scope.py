"""The contract of each audit entry, so the log is scoped like the contracts.

Existing entries get theirs from what they name (a contract, report, flag, clause, review
or suppression); the append-only triggers are lifted for that one update and put back.
"""

from peewee import IntegerField
from peewee import SqliteDatabase

FROM_ENTITY = {
    "contract": "SELECT c.id FROM contract c WHERE c.reference = audit_log.entity_id",
    "report": "SELECT r.contract_id FROM report r WHERE CAST(r.id AS TEXT) = audit_log.entity_id",
    "flag": "SELECT f.contract_id FROM flag f WHERE CAST(f.id AS TEXT) = audit_log.entity_id",
    "clause": "SELECT c.contract_id FROM clause c WHERE CAST(c.id AS TEXT) = audit_log.entity_id",
    "candidate_review": "SELECT c.contract_id FROM candidate_review v JOIN clause c "
    "ON c.id = v.clause_id WHERE CAST(v.id AS TEXT) = audit_log.entity_id",
    "flag_suppression": "SELECT s.contract_id FROM flag_suppression s "
    "WHERE CAST(s.id AS TEXT) = audit_log.entity_id",
}
SQLITE_TRIGGERS = {
    "audit_log_no_update": "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "audit_log_no_delete": "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
}


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("audit_log", "contract_id", IntegerField(null=True)),
        migrator.add_index("audit_log", ("contract_id",), False),
    )
    sqlite = isinstance(db, SqliteDatabase)
    with db.atomic():
        if sqlite:
            for name in SQLITE_TRIGGERS:
                db.execute_sql(f"DROP TRIGGER {name}")
        else:
            db.execute_sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
        for entity, source in FROM_ENTITY.items():
            db.execute_sql(
                f"UPDATE audit_log SET contract_id = ({source}) WHERE entity = {db.param}",
                (entity,),
            )
        if sqlite:
            for sql in SQLITE_TRIGGERS.values():
                db.execute_sql(sql)
        else:
            db.execute_sql("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
