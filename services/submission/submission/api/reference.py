"""The 18 categories and 17 SDGs."""

from __future__ import annotations

from flask_smorest import Blueprint

from submission.schemas.responses import ReferenceSchema
from submission.service.reference import categories, sdgs
from wsis_common.web import documented

blp = Blueprint("reference", __name__, url_prefix="/api/v1/categories",
                description="The prize categories (WSIS action lines) and the SDGs")


@blp.get("")
@documented(blp.response(200, ReferenceSchema))
def list_categories():
    return {"categories": list(categories()), "sdgs": list(sdgs())}
