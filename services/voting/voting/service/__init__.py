"""Use cases of the voting service: one function per use case, each one transaction (or, for a
vote, one batch of the group commit); they call the rules (voting.domain) and the persistence
(voting.models), and never import Flask."""
