"""Use cases of the gateway app: stakeholder accounts, roles and signed access tokens, its own
data. One function per use case; each commits once (through `ctx.db.transaction()`), writes
its events into the outbox in that same transaction, and never imports Flask."""
