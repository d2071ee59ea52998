"""The service layer: one function per use case (import a report, review a candidate,
save or archive a contract, follow up a flag, run the check).

Each is one transaction holding the change, its audit entry, its notices and the
re-check of the contract it changed (compliance.md, "Re-check on change"), so every
page shows the same figures the moment it commits. Views, commands and jobs parse,
call one of these and render.
"""
