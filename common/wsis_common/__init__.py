"""Shared building blocks of the WSIS Prizes services.

Each service installs this package; none copies it. Modules are small and each has one job:
config, clock, db, envelope, messaging (outbox/inbox tables and publish), relay, consumer,
broker (topology), auth, problems (the Problem a request answers with) and
problem_responses (how Flask renders it), web (the app factory's common part), health, metrics,
logs, worker, migrations, cli; and edge, the nginx edge's settings that every way of running
the platform shares.
"""
