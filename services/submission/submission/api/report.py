"""The Stocktaking report, for the WSIS team."""

from __future__ import annotations

from flask import Response, render_template
from flask_smorest import Blueprint

from submission.schemas.responses import ReportSchema
from submission.schemas.submissions import ReportQuerySchema
from submission.service import report
from wsis_common.apidoc import file_answer
from wsis_common.web import authenticate, context, documented

blp = Blueprint("report", __name__, url_prefix="/api/v1/editions",
                description="The Stocktaking report of an edition")


@blp.get("/<int:year>/stocktaking-report")
@blp.arguments(ReportQuerySchema, location="query")
@documented(blp.doc(**file_answer("text/csv", "text/html", description="The report as CSV or as a page")),
            blp.response(200, ReportSchema))
def stocktaking_report(query, year: int):
    """Admin: every accepted submission by category (`format`: json, csv or html)."""
    authenticate(role="admin")
    data = report.report(context(), year)
    if query["format"] == "csv":
        return Response(report.as_csv(data), mimetype="text/csv", headers={
            "Content-Disposition": f'attachment; filename="wsis-stocktaking-{year}.csv"'})
    if query["format"] == "html":
        return Response(render_template("stocktaking.html", data=data), mimetype="text/html")
    return data
