"""`python -m submission seed`: load the 2018 and 2023 editions shipped with the service
(idempotent: an edition that exists is left as it is)."""

from __future__ import annotations

from submission.models import Edition
from submission.service.editions import create_edition
from submission.service.reference import shipped_editions
from wsis_common.context import ServiceContext


def seed(ctx: ServiceContext, _args: list[str] | None = None) -> int:
    for data in shipped_editions():
        with ctx.db.sessions() as session:
            exists = session.get(Edition, data["year"]) is not None
        if exists:
            print(f"edition {data['year']}: present, left as it is")
        else:
            create_edition(ctx, data, actor="seed")
            print(f"edition {data['year']}: loaded")
    return 0
