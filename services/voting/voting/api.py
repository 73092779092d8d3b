"""The public vote's API."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from voting import models
from wsis_common.problems import Problem
from wsis_common.web import context

blp = Blueprint("ballot", __name__, url_prefix="/api/v1/editions",
                description="The ballot and the votes of an edition")


class BallotSchema(Schema):
    year = fields.Integer()
    voting_opens = fields.String()
    voting_closes = fields.String()
    categories = fields.List(fields.Dict(), metadata={"description": "nominees per category"})


@blp.route("/<int:year>/ballot")
class Ballot(MethodView):
    @blp.response(200, BallotSchema)
    def get(self, year: int):
        with context().db.sessions() as session:
            edition = models.editions.get(session, year)
        if edition is None:
            raise Problem(404, f"There is no {year} edition.")
        phases = edition["phases"]
        # Nominees arrive with `nominees.published` (issue 7); until then the ballot is empty.
        return {"year": year, "voting_opens": phases["voting_opens"],
                "voting_closes": phases["voting_closes"], "categories": []}


def blueprints() -> list[Blueprint]:
    return [blp]
