"""The review service's public API."""

from __future__ import annotations

from datetime import datetime

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from review import models
from wsis_common.clock import clock
from wsis_common.problems import Problem
from wsis_common.web import context

blp = Blueprint("nominees", __name__, url_prefix="/api/v1/editions",
                description="Nominee lists and results")


class NomineesSchema(Schema):
    year = fields.Integer()
    published_at = fields.String()
    categories = fields.List(fields.Dict())


@blp.route("/<int:year>/nominees")
class Nominees(MethodView):
    @blp.response(200, NomineesSchema)
    def get(self, year: int):
        with context().db.sessions() as session:
            edition = models.editions.get(session, year)
        if edition is None:
            raise Problem(404, f"There is no {year} edition.")
        published_at = edition["phases"]["nominees_published_at"]
        if clock.now() < datetime.fromisoformat(published_at):
            raise Problem(404, f"The {year} nominee list is published on {published_at}.",
                          title="Not published yet", published_at=published_at)
        # The expert group's confirmed lists come with issue 8.
        return {"year": year, "published_at": published_at, "categories": []}


def blueprints() -> list[Blueprint]:
    return [blp]
