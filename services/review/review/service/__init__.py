"""Use cases of the review service: one function per use case; each commits once (through
`ctx.db.transaction()`), writes its events into the outbox in that same transaction, and
never imports Flask."""
