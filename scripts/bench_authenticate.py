"""What the revoked-token check adds to `authenticate()`: the same valid token checked N times
inside a request, without revocations and with them (a view refreshed every second over
`--rows` recent revocations), on a real database.

    python scripts/bench_authenticate.py postgresql+psycopg://postgres@127.0.0.1:5432/DB

The database is migrated for the voting service (its token_revocations table is filled and
emptied again); only 127.0.0.1 is meant."""

from __future__ import annotations

import argparse
import time
import uuid
from dataclasses import replace

from flask import Flask
from sqlalchemy import delete

from voting.definition import definition
from voting.models import revocations
from wsis_common import migrations
from wsis_common.auth import Principal, TokenSigner, generate_keypair
from wsis_common.clock import clock
from wsis_common.config import Settings
from wsis_common.web import authenticate


def _per_call_us(app: Flask, token: str, calls: int) -> float:
    with app.test_request_context(headers={"Authorization": f"Bearer {token}"}):
        authenticate()  # warm: the first view load is not the steady state
        started = time.perf_counter()
        for _ in range(calls):
            authenticate()
        return (time.perf_counter() - started) / calls * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database_url")
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--rows", type=int, default=2_000)
    args = parser.parse_args()
    private, public = generate_keypair()
    migrations.upgrade(definition.migrations_dir, args.database_url)
    settings = replace(Settings.from_env("voting"), database_url=args.database_url,
                       token_public_key=public, access_log=False)
    ctx = definition.context(settings)
    now = int(clock.now().timestamp())
    with ctx.db.transaction() as session:
        for _ in range(args.rows):
            revocations.record(session, str(uuid.uuid4()), now)
    token = TokenSigner(private, issuer="wsis-gateway", audience="wsis-services").sign(
        Principal("bench", frozenset({"stakeholder"}), True))
    app = Flask("bench")
    app.extensions["wsis"] = ctx
    try:
        view = ctx.revocations
        assert view is not None
        without, with_view = [], []
        for _ in range(5):  # alternated, best of five: the machine is shared
            ctx.revocations = None
            without.append(_per_call_us(app, token, args.calls))
            ctx.revocations = view
            with_view.append(_per_call_us(app, token, args.calls))
        principal = ctx.verifier.verify(token)
        started = time.perf_counter()
        for _ in range(args.calls):
            view.refuses(principal)
        check = (time.perf_counter() - started) / args.calls * 1e6
        started = time.perf_counter()
        view._reload()
        reload_ms = (time.perf_counter() - started) * 1e3
        print(f"authenticate(): {min(without):.1f} µs without revocations, {min(with_view):.1f} µs "
              f"with; the check alone {check:.2f} µs a call, one reload of {args.rows} recent "
              f"revocations {reload_ms:.1f} ms (at most once per "
              f"{settings.revocations_refresh_seconds:g} s per process); {args.calls} calls each")
    finally:
        with ctx.db.transaction() as session:
            session.execute(delete(revocations.table))
        ctx.db.dispose()


if __name__ == "__main__":
    main()
