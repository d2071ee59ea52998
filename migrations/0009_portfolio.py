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
from peewee import ModelIndex
from peewee import PostgresqlDatabase

# Most severe first, as srtracker.portfolio.SEVERITY at the time of this migration.
SEVERITY = ("failed", "behind", "at_risk", "no_report", "on_track", "met", "not_evaluated",
            "not_started")
TIE = ("reference_key", "position", "clause_id")
# Trailing columns of each sort's index: the scope and the filters a page may walk far
# with, so a deep page is an index-only scan (SQLite has no INCLUDE; keys serve both).
COVER = ("archived", "buyer_id", "severity", "start", "deadline", "types")


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

    # Named here: the generated names would pass PostgreSQL's 63 characters.
    for name, columns in (("by_reference", (*TIE, *COVER)),
                          ("by_status", ("severity", *TIE, *COVER)),
                          ("by_deadline", ("deadline", *TIE, *COVER)),
                          ("by_buyer", ("buyer_key", *TIE, *COVER)),
                          ("by_supplier", ("supplier_key", *TIE, *COVER)),
                          ("of_buyer", ("buyer_id", *TIE)),
                          ("of_supplier", ("supplier_id", *TIE))):
        Portfolio.add_index(ModelIndex(Portfolio, [Portfolio._meta.columns[c] for c in columns],
                                       name=f"portfolio_{name}"))
    Portfolio._schema.create_table()
    postgres = isinstance(db, PostgresqlDatabase)
    joined = "string_agg(t.type_code, '|' ORDER BY t.type_code)" if postgres \
        else "group_concat(t.type_code, '|')"
    severity = " ".join(f"WHEN '{s}' THEN {n}" for n, s in enumerate(SEVERITY))
    db.execute_sql(
        "INSERT INTO portfolio (clause_id, contract_id, buyer_id, supplier_id, buyer_key, "
        "supplier_key, reference_key, \"position\", \"start\", deadline, types, status, severity, "
        "archived, refreshed_at) "
        "SELECT cl.id, c.id, c.buyer_id, c.supplier_id, b.name_key, s.name_key, "
        "c.reference_key, cl.\"position\", cl.\"start\", cl.deadline, "
        f"COALESCE((SELECT '|' || {joined} || '|' FROM clause_type t "
        "WHERE t.clause_id = cl.id), ''), cs.status, "
        f"CASE cs.status {severity} ELSE {len(SEVERITY)} END, c.archived_at IS NOT NULL, %s "
        "FROM clause cl JOIN contract c ON c.id = cl.contract_id "
        "JOIN organisation b ON b.id = c.buyer_id JOIN organisation s ON s.id = c.supplier_id "
        "LEFT JOIN clause_status cs ON cs.clause_id = cl.id"
        .replace("%s", db.param), (datetime.datetime.utcnow(),))
    Portfolio._schema.create_indexes()  # after the rows: one sorted build per index
    if postgres:
        # The reference prefix search (LIKE 'x%') may use an index under any collation.
        db.execute_sql("CREATE INDEX portfolio_reference_prefix "
                       "ON portfolio (reference_key text_pattern_ops)")
        db.execute_sql("ANALYZE portfolio")
