"""The Success Stories publication: HTML, PDF or its content as JSON."""

from __future__ import annotations

import dataclasses

from flask import Response, request
from flask_smorest import Blueprint

from review.publication.html import render_html
from review.publication.pdf import render_pdf
from review.schemas.public import StoriesQuerySchema
from review.service import stories
from wsis_common.apidoc import file_answer
from wsis_common.web import authenticate, context

blp = Blueprint("stories", __name__, url_prefix="/api/v1/reviews/editions",
                description="The WSIS Stocktaking: Success Stories publication")


@blp.get("/<int:year>/success-stories")
@blp.arguments(StoriesQuerySchema, location="query")
@blp.doc(**file_answer("text/html", "application/pdf", "application/json",
                       description="The publication as a page, a PDF, or its content as JSON"))
def success_stories(query, year: int):
    """Public after the ceremony (`format`: html, pdf or json); before it, a confidential preview
    for admins only."""
    principal = authenticate() if request.headers.get("Authorization") else None
    doc = stories.success_stories(context(), year, principal)
    name = f"wsis-success-stories-{year}"
    if query["format"] == "pdf":
        return Response(render_pdf(doc), mimetype="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="{name}.pdf"'})
    if query["format"] == "json":
        ceremony = doc.ceremony_at.isoformat() if doc.ceremony_at else None
        return dataclasses.asdict(doc) | {"ceremony_at": ceremony}
    return Response(render_html(doc), mimetype="text/html")
