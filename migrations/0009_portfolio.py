"""The bureau's portfolio as a read model: one narrow row per clause, indexed per sort.

Filled here from the existing data; afterwards srtracker/portfolio.py keeps it current
(the stored check, saving a contract, archiving one).
"""
import datetime

from peewee import BooleanField
from peewee import CharField
from peewee import DateField
from peewee import DateTimeField
from peewee import ForeignKeyField
from peewee import IntegerField
from peewee import Model
from peewee import PostgresqlDatabase

# Most severe first, as srtracker.portfolio.SEVERITY at the time of this migration.
SEVERITY = ("failed", "behind", "at_risk", "no_report", "on_track", "met", "not_evaluated",
            "not_started")
TIE = ("reference_key", "position", "clause_id")


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Clause(Base):
        pass

    class Portfolio(Base):
        clause = ForeignKeyField(Clause, primary_key=True, on_delete="CASCADE")
        contract_id = IntegerField(index=True)
        buyer_id = IntegerField()
        supplier_id = IntegerField()
        buyer_key = CharField(max_length=200)
        supplier_key = CharField(max_length=200)
        reference_key = CharField(max_length=40)
        position = IntegerField()
        start = DateField()
        deadline = DateField()
        types = CharField(max_length=400, default="")
        status = CharField(max_length=20, null=True)
        severity = IntegerField()
        archived = BooleanField(default=False)
        refreshed_at = DateTimeField(index=True)

        class Meta:
            indexes = (
                (TIE, False),
                (("severity", *TIE), False),
                (("deadline", *TIE), False),
                (("buyer_key", *TIE), False),
                (("supplier_key", *TIE), False),
                (("buyer_id", *TIE), False),
                (("supplier_id", *TIE), False),
            )

    db.create_tables([Portfolio])
    postgres = isinstance(db, PostgresqlDatabase)
    if postgres:
        # The reference prefix search (LIKE 'x%') may use an index under any collation.
        db.execute_sql("CREATE INDEX portfolio_reference_prefix "
                       "ON portfolio (reference_key text_pattern_ops)")
    joined = "string_agg" if postgres else "group_concat"
    severity = " ".join(f"WHEN '{s}' THEN {n}" for n, s in enumerate(SEVERITY))
    db.execute_sql(
        "INSERT INTO portfolio (clause_id, contract_id, buyer_id, supplier_id, buyer_key, "
        "supplier_key, reference_key, \"position\", \"start\", deadline, types, status, severity, "
        "archived, refreshed_at) "
        "SELECT cl.id, c.id, c.buyer_id, c.supplier_id, b.name_key, s.name_key, "
        "c.reference_key, cl.\"position\", cl.\"start\", cl.deadline, "
        f"COALESCE((SELECT '|' || {joined}(t.type_code, '|') || '|' FROM clause_type t "
        "WHERE t.clause_id = cl.id), ''), cs.status, "
        f"CASE cs.status {severity} ELSE {len(SEVERITY)} END, c.archived_at IS NOT NULL, %s "
        "FROM clause cl JOIN contract c ON c.id = cl.contract_id "
        "JOIN organisation b ON b.id = c.buyer_id JOIN organisation s ON s.id = c.supplier_id "
        "LEFT JOIN clause_status cs ON cs.clause_id = cl.id"
        .replace("%s", db.param), (datetime.datetime.utcnow(),))
