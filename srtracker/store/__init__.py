"""The data layer: every query and write of the models, called inside a service's transaction.

Nothing outside this package writes a model (tests/test_layers.py); it imports the
models, the database proxy and the domain, never views or services. Only the
scheduler's lease and slot claims (lease.py) and the outbox's enqueue and send claims
(outbox.py) open their own transactions: there the transaction is the claim itself.
"""
