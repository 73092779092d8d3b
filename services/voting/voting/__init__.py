"""The voting service."""

from __future__ import annotations

from flask import Flask

from wsis_common.config import Settings


def create_app(settings: Settings | None = None) -> Flask:
    from voting import api
    from voting.api import admission_routes, form
    from voting.config import VotingSettings
    from voting.definition import definition
    from voting.service.votes import Voting
    from voting.tokens import CachedVerifier
    from wsis_common.inflight import Admission
    from wsis_common.web import create_app_for, wrap_inside_observation

    app = create_app_for(definition, api.blueprints(), settings)
    app.register_blueprint(form.bp)  # a page form's handler: not part of the API's document
    ctx = app.extensions["wsis"]
    if ctx.verifier is not None:
        ctx.verifier = CachedVerifier(ctx.verifier)
    own = VotingSettings.from_env()
    voting = Voting.build(ctx.db, cache_seconds=own.cache_seconds, writers=own.writers,
                          max_batch=own.max_batch, idle_wait=own.idle_wait,
                          max_in_flight=own.max_in_flight, write_timeout=own.write_timeout)
    app.extensions["voting"] = voting
    # A vote beyond the in-flight bound is refused before Flask: wsis_common.inflight says why.
    routes = admission_routes(voting, form.to_portal)
    wrap_inside_observation(app, lambda flask_app: Admission.around(flask_app, voting.admission, routes))
    # At a worker's exit (gunicorn_base.worker_exit): the votes still queued are written first.
    app.extensions.setdefault("wsis_drains", []).append(voting.writer.drain)
    return app
