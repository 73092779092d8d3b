"""Server-rendered pages."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, render_template
from sqlalchemy import select

from portal import models
from wsis_common.clock import GENEVA
from wsis_common.web import context

bp = Blueprint("pages", __name__)


@bp.get("/")
def home() -> str:
    table = models.editions.table
    with context().db.sessions() as session:
        editions = session.execute(select(table.c.document).order_by(table.c.year.desc())).scalars().all()
    return render_template("home.html", editions=editions, geneva=_geneva)


def _geneva(iso: str) -> str:
    return datetime.fromisoformat(iso).astimezone(GENEVA).strftime("%d %B %Y, %H:%M")
