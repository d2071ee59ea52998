"""Issue 19: the review queue as a read model. One row per candidate awaiting the bureau's
decision (contract, clause, candidate): written by the stored check and every re-check
beside clause_status (store/waiting.py), read and paged in SQL in the queue's order.

Existing databases start with an empty queue; `srtracker init` runs a stored check at once when
the database had one (services/upgrade.py)."""

from peewee import CharField, DateField, ForeignKeyField, Model


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Contract(Base):
        pass

    class Clause(Base):
        pass

    class WaitingCandidate(Base):
        contract = ForeignKeyField(Contract, index=True, on_delete="CASCADE")
        clause = ForeignKeyField(Clause, on_delete="CASCADE")
        contract_key = CharField(max_length=40)
        clause_key = CharField(max_length=20)
        candidate_ref = CharField(max_length=40)
        candidate_key = CharField(max_length=40)
        reason = CharField(max_length=20)
        start_date = DateField()
        type = CharField(max_length=40)
        target_group = CharField(max_length=40, null=True)

        class Meta:
            indexes = (
                (("contract_key", "clause_key", "start_date", "candidate_key"), False),
            )

    WaitingCandidate._schema.create_table(safe=True)
    WaitingCandidate._schema.create_indexes(safe=True)
