"""For experts: the submissions assigned to them for review."""

from __future__ import annotations

from typing import Any

from portal.pages import auth
from portal.pages.blueprint import bp, render
from portal.pages.client import ApiError, get_json


@bp.get("/reviews")
@auth.role_required("expert")
def review_queue() -> Any:
    try:
        data: Any = get_json("/api/v1/reviews/queue", token=auth.service_token())
    except ApiError as error:
        if error.status not in (404, 405):
            raise
        data = None  # the review service does not offer its queue yet
    items = data.get("items", data.get("queue", [])) if isinstance(data, dict) else data
    return render("review_queue.html", items=items, available=data is not None)
