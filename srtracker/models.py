"""The stored data (peewee models).

The schema itself is made by the scripts in migrations/; these models must
match the newest migration (tests/test_migrations.py checks that they do).
Money is stored as integer cents and other exact figures as integer
hundredths, so SQLite never rounds them through a float.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from peewee import (
    BigIntegerField,
    BlobField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from .db import db


def utcnow():
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def hundredths(value) -> int:
    """A figure as whole hundredths (cents), halves away from zero."""
    return int((Decimal(value) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class HundredthsField(BigIntegerField):
    """A Decimal with two decimals, stored as an exact integer of hundredths."""

    def db_value(self, value):
        return None if value is None else hundredths(value)

    def python_value(self, value):
        return None if value is None else Decimal(value).scaleb(-2)


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class Organisation(BaseModel):
    """A buyer (opdrachtgever), a supplier (opdrachtnemer) or a social return bureau."""

    name = CharField(max_length=200)
    name_key = CharField(max_length=200, unique=True)
    kind = CharField(max_length=20)  # buyer | supplier | bureau
    created_at = DateTimeField(default=utcnow)
    # sign-off.md: a buyer's counting policy and evidence files; a bureau's own numbers
    counting_policy = CharField(max_length=20, default="on_report")  # on_report | on_approval
    evidence_files = BooleanField(default=False)
    evidence_retention_days = IntegerField(default=0)
    uses_bureau_ref = BooleanField(default=False)


class BureauBuyer(BaseModel):
    """A bureau serves the contracts of several buyers."""

    bureau = ForeignKeyField(Organisation, on_delete="CASCADE")
    buyer = ForeignKeyField(Organisation, on_delete="CASCADE")

    class Meta:
        indexes = ((("bureau", "buyer"), True),)


class LoginMixin:
    """Flask-Login's UserMixin, written out: the models are read by commands that run
    without Flask (runtime.py), and flask_login imports Flask."""

    __hash__ = object.__hash__

    @property
    def is_active(self):
        return True

    @property
    def is_authenticated(self):
        return self.is_active

    @property
    def is_anonymous(self):
        return False

    def get_id(self):
        return str(self.id)

    def __eq__(self, other):
        if isinstance(other, LoginMixin):
            return self.get_id() == other.get_id()
        return NotImplemented

    def __ne__(self, other):
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal


class User(LoginMixin, BaseModel):
    """A person who logs in; the session token changes when the password does."""

    email = CharField(max_length=254, unique=True)
    password_hash = CharField(max_length=255, default="")
    role = CharField(max_length=20)  # officer | supplier | bureau | admin
    organisation = ForeignKeyField(Organisation, null=True, on_delete="RESTRICT")
    language = CharField(max_length=5, default="nl")
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)
    session_token = CharField(max_length=64, default="")
    last_login_at = DateTimeField(null=True)

    def get_id(self):
        return f"{self.id}.{self.session_token}"

    @property
    def is_active(self):
        return self.active


class ContributionType(BaseModel):
    """Mirror of the configured reference data, so stored codes keep their labels."""

    code = CharField(max_length=40, primary_key=True)
    label_nl = CharField(max_length=200)
    label_en = CharField(max_length=200)
    person = BooleanField(default=True)


class TargetGroup(BaseModel):
    code = CharField(max_length=40, primary_key=True)
    label_nl = CharField(max_length=200)
    label_en = CharField(max_length=200)


class Contract(BaseModel):
    reference = CharField(max_length=40)
    reference_key = CharField(max_length=40, unique=True)
    title = CharField(max_length=300)
    buyer = ForeignKeyField(Organisation, backref="bought", on_delete="RESTRICT")
    supplier = ForeignKeyField(Organisation, backref="supplied", on_delete="RESTRICT")
    value_cents = BigIntegerField()
    start = DateField()
    end = DateField()
    reporting = CharField(max_length=20)
    report_due_days = IntegerField()
    valuation_table = CharField(max_length=40, null=True)  # pinned at award with its version
    valuation_version = IntegerField(null=True)
    pso_step = CharField(max_length=20, null=True)  # the supplier's PSO step (obligations.py)
    # enforcement.md: the obligation and [contract.enforcement]; rate in ten-thousandths
    obligation = CharField(max_length=10, default="result")
    enforcement_basis = CharField(max_length=20, null=True)  # None: no enforcement block
    enforcement_rate = IntegerField(null=True)
    enforcement_per_unit_cents = BigIntegerField(null=True)
    enforcement_remedial_days = IntegerField(null=True)
    enforcement_cap_cents = BigIntegerField(null=True)
    counting = CharField(max_length=20, null=True)  # overrides the buyer's policy; None: buyer's
    archived_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)


class Clause(BaseModel):
    contract = ForeignKeyField(Contract, backref="clauses", on_delete="CASCADE")
    code = CharField(max_length=20)
    code_key = CharField(max_length=20)
    title = CharField(max_length=300)
    measure = CharField(max_length=20)
    target = HundredthsField()
    min_hours_per_week = HundredthsField(null=True)
    min_duration_months = IntegerField(null=True)
    start = DateField()
    deadline = DateField()
    position = IntegerField(default=0)
    target_percent = HundredthsField(null=True)  # euros: target as % of the contract value
    target_basis = CharField(max_length=20, null=True)  # None: the contract value; "invoiced"
    target_min = HundredthsField(null=True)  # euros bounds of a percentage target
    target_max = HundredthsField(null=True)
    value_cents = BigIntegerField(null=True)  # enforcement.md: its own value_eur

    class Meta:
        indexes = ((("contract", "code_key"), True),)


class InvoicedAmount(BaseModel):
    """The turnover invoiced in one reporting period, recorded by the officer (obligations.py):
    a percentage target on the invoiced basis follows the sum."""

    contract = ForeignKeyField(Contract, backref="invoiced", on_delete="CASCADE")
    period = CharField(max_length=10)
    amount = HundredthsField()

    class Meta:
        indexes = ((("contract", "period"), True),)


class ClauseBranch(BaseModel):
    """A branch of a composite clause (measure all_of / any_of), in the file's order."""

    clause = ForeignKeyField(Clause, backref="branch_links", on_delete="CASCADE")
    branch = ForeignKeyField(Clause, on_delete="CASCADE")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("clause", "branch"), True),)


class ClauseType(BaseModel):
    """A contribution type a clause accepts."""

    clause = ForeignKeyField(Clause, backref="accepted_types", on_delete="CASCADE")
    type = ForeignKeyField(ContributionType, column_name="type_code", on_delete="RESTRICT")

    class Meta:
        indexes = ((("clause", "type"), True),)


class ClauseGroup(BaseModel):
    """A target group eligible under a clause; none means every group counts."""

    clause = ForeignKeyField(Clause, backref="eligible", on_delete="CASCADE")
    group = ForeignKeyField(TargetGroup, column_name="group_code", on_delete="RESTRICT")

    class Meta:
        indexes = ((("clause", "group"), True),)


class Milestone(BaseModel):
    clause = ForeignKeyField(Clause, backref="milestones", on_delete="CASCADE")
    date = DateField()
    target = HundredthsField()


class StoredFile(BaseModel):
    """An uploaded original, kept unchanged under its SHA-256."""

    sha256 = CharField(max_length=64, primary_key=True)
    size = BigIntegerField()
    content = BlobField()
    created_at = DateTimeField(default=utcnow)


class Report(BaseModel):
    """One upload of a progress report for a period, accepted or rejected."""

    contract = ForeignKeyField(Contract, backref="reports", on_delete="CASCADE")
    period = CharField(max_length=10)
    period_end = DateField()
    status = CharField(max_length=10)  # accepted | rejected
    sha256 = CharField(max_length=64)
    file = ForeignKeyField(StoredFile, null=True, on_delete="SET NULL")
    filename = CharField(max_length=255, default="")
    rows = IntegerField(default=0)
    errors = TextField(default="[]")
    warnings = TextField(default="[]")
    uploaded_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    uploaded_at = DateTimeField(default=utcnow)
    channel = CharField(max_length=10, default="upload")  # upload | browser | api

    class Meta:
        indexes = ((("contract", "status", "period_end"), False),)


class Contribution(BaseModel):
    """A row of an accepted report."""

    report = ForeignKeyField(Report, backref="contributions", on_delete="CASCADE", index=False)
    clause = ForeignKeyField(Clause, on_delete="RESTRICT")
    row = IntegerField()
    candidate_ref = CharField(max_length=40)
    candidate_key = CharField(max_length=40)
    type = CharField(max_length=40)
    target_group = CharField(max_length=40, null=True)
    start_date = DateField()
    end_date = DateField(null=True)
    hours_per_week = HundredthsField(null=True)
    amount_cents = BigIntegerField(null=True)
    note = TextField(default="")
    # The optional valuation columns (docs/valuation.md).
    benefit_months = IntegerField(null=True)
    age_bracket = CharField(max_length=20, null=True)
    permanent_contract = BooleanField(null=True)
    purchased_from = CharField(max_length=40, null=True)
    bureau_ref = CharField(max_length=40, null=True)  # kandidaatnummer (sign-off.md)
    bureau_key = CharField(max_length=40, null=True, index=True)
    statushouder = BooleanField(null=True)  # issue 18: a person attribute
    level = CharField(max_length=10, null=True)  # mbo_1 .. mbo_4, hbo
    quantity = HundredthsField(null=True)  # hours, days or activities of a row

    class Meta:
        # The check reads each report's rows in row order (migration 0150).
        indexes = ((("report", "row"), False),)


class CandidateReview(BaseModel):
    """The bureau's verdict on a candidate under a clause; a rejection stops it counting."""

    clause = ForeignKeyField(Clause, backref="reviews", on_delete="CASCADE")
    candidate_key = CharField(max_length=40)
    decision = CharField(max_length=10)  # rejected | verified (approved)
    reason = TextField(default="")
    decided_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    decided_at = DateTimeField(default=utcnow)
    withdrawn_at = DateTimeField(null=True)
    # What an approval recorded of the candidate's row (sign-off.md): compared at every check
    approved_type = CharField(max_length=40, null=True)
    approved_group = CharField(max_length=40, null=True)
    approved_start = DateField(null=True)


class Evidence(BaseModel):
    """What the bureau saw for a candidate of a contract; never the document itself."""

    contract = ForeignKeyField(Contract, on_delete="CASCADE")
    candidate_key = CharField(max_length=40)
    kind = CharField(max_length=30)
    checked_on = DateField()
    checked_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    note = TextField(default="")
    recorded_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("contract", "candidate_key"), False),)


class EvidenceFile(BaseModel):
    """A document attached to a candidate where the buyer allows it; the bytes live on disk
    (``path`` under the evidence folder) until ``retain_until``, the record stays."""

    contract = ForeignKeyField(Contract, on_delete="CASCADE")
    candidate_key = CharField(max_length=40)
    sha256 = CharField(max_length=64)
    size = BigIntegerField()
    content_type = CharField(max_length=40)
    path = CharField(max_length=200)
    uploaded_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    uploader_org = ForeignKeyField(Organisation, null=True, on_delete="SET NULL")
    uploaded_at = DateTimeField(default=utcnow)
    retain_until = DateField(null=True)  # None: no decision yet
    deleted_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("contract", "candidate_key"), False), (("retain_until",), False))


class CountDecision(BaseModel):
    """The bureau's decision on a double count of a person under a clause (sign-off.md)."""

    contract = ForeignKeyField(Contract, on_delete="CASCADE")
    clause = ForeignKeyField(Clause, on_delete="CASCADE")
    person_key = CharField(max_length=40)
    bureau_ref = CharField(max_length=40)
    keeper = CharField(max_length=40)  # both | the reference of the contract keeping the days
    rows = TextField(default="[]")  # the rows' (contract, clause, start, end) it was taken on
    decided_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    decided_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("clause", "person_key"), True),)


class FollowUp(BaseModel):
    """Durability: is the person still in work 6 or 12 months after a placement ended."""

    clause = ForeignKeyField(Clause, on_delete="CASCADE")
    candidate_key = CharField(max_length=40)
    candidate_ref = CharField(max_length=40)
    end_date = DateField()
    months = IntegerField()
    due = DateField()
    answer = CharField(max_length=20, null=True)  # with_supplier | elsewhere | no | unknown
    answered_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    answered_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("clause", "candidate_key", "end_date", "months"), True), (("due",), False))


class CheckRun(BaseModel):
    as_of = DateField()
    started_at = DateTimeField(default=utcnow)
    finished_at = DateTimeField(null=True)
    trigger = CharField(max_length=20, default="cli")  # cli | scheduler | import | demo | upgrade
    # The latest stored run only: the digest of its inputs and its clauses (store.check_inputs).
    inputs = CharField(max_length=64, null=True)
    result = BlobField(null=True)


class ClauseStatus(BaseModel):
    """The status a clause has as of the latest stored check (stored by it or by a re-check)."""

    clause = ForeignKeyField(Clause, primary_key=True, on_delete="CASCADE")
    check_run = ForeignKeyField(CheckRun, null=True, on_delete="CASCADE")  # null: re-checked
    status = CharField(max_length=20)
    realised = HundredthsField(null=True)
    expected = HundredthsField(null=True)
    report_period = CharField(max_length=10, null=True)


class Portfolio(BaseModel):
    """The bureau's portfolio as a read model: one narrow row per clause (srtracker/portfolio.py).

    Copies of what the dashboard filters and sorts on (the contract's organisations and
    reference, the clause's dates, accepted types as "|a|b|", the stored status and its
    severity rank), so each sort is one index scan; kept current by portfolio.refresh.
    """

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
    status = CharField(max_length=20, null=True)  # None: no stored check has seen the clause
    severity = IntegerField()
    archived = BooleanField(default=False)
    refreshed_at = DateTimeField(index=True)

    # Indexes (migrations/0009_portfolio.py): one per sort, (sort key, reference_key,
    # position, clause) followed by the scope and filter columns, so that even a deep
    # page is an index-only scan; and (buyer_id, ...), (supplier_id, ...) for those filters.


class WaitingCandidate(BaseModel):
    """The review queue as a read model (store/waiting.py): a candidate whose row the last
    check (stored or re-check) excluded as not_approved or approval_lapsed, once per
    (contract, clause, candidate) with its earliest row. ``contract_key`` and
    ``clause_key`` are the reference and code casefolded: the queue's order."""

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
        indexes = ((("contract_key", "clause_key", "start_date", "candidate_key"), False),)


class Flag(BaseModel):
    contract = ForeignKeyField(Contract, backref="flags", on_delete="CASCADE")
    clause = ForeignKeyField(Clause, null=True, backref="flags", on_delete="CASCADE")
    kind = CharField(max_length=20)  # at_risk | behind | failed | report_overdue
    period = CharField(max_length=10, null=True)
    state = CharField(max_length=20, default="open")  # open | acknowledged | resolved | waived
    opened_as_of = DateField()
    opened_by = ForeignKeyField(CheckRun, null=True, on_delete="SET NULL")
    opened_at = DateTimeField(default=utcnow)
    closed_at = DateTimeField(null=True)
    closed_reason = TextField(default="")
    closed_by_hand = BooleanField(default=False)
    remedial_deadline = DateField(null=True)
    # double_counted (sign-off.md): the bureau_ref, and the contract and clause it overlaps
    candidate = CharField(max_length=40, null=True)
    other_contract = ForeignKeyField(Contract, null=True, on_delete="SET NULL")
    other_clause = ForeignKeyField(Clause, null=True, on_delete="SET NULL")

    class Meta:
        indexes = ((("contract", "state"), False), (("clause", "kind", "state"), False))


class AuditLog(BaseModel):
    """Append-only: the database refuses updates and deletes (see migrations).

    `contract_id` is the contract an entry concerns, so the log is scoped like the
    contracts (srtracker/access.py); an entry without one (users, logins, a whole check)
    is the admin's only. A plain integer, not a foreign key: no delete may touch the log.
    """

    at = DateTimeField(default=utcnow)
    actor = CharField(max_length=100)
    action = CharField(max_length=40)
    entity = CharField(max_length=40)
    entity_id = CharField(max_length=40, null=True)
    changes = TextField(default="{}")
    contract_id = IntegerField(null=True, index=True)
