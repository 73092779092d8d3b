"""The nominee lists and the results, as the review service publishes them: finalists are
all champions until the ceremony, and the winners appear only after it. The page shows what
the service returns; it never works out winners itself."""

from __future__ import annotations

from typing import Any

from portal.pages import editions
from portal.pages.blueprint import bp, render
from portal.pages.client import ApiError, get_json


def _published(path: str) -> dict[str, Any] | None:
    try:
        return get_json(path)
    except ApiError as error:
        if error.status == 404:
            return None
        raise


@bp.get("/editions/<int:year>/nominees")
def nominees(year: int) -> Any:
    edition = editions.edition(year)
    data = _published(f"/api/v1/editions/{year}/nominees")
    return render("nominees.html", edition=edition, year=year, data=data)


def entries(category: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(winners, champions) of one category of the results document, whatever its shape:
    `winner` (one) or `winners` (a list), and `champions` or `finalists`."""
    winners = category.get("winners") or []
    if isinstance(category.get("winner"), dict):
        winners = [category["winner"], *winners]
    champions = category.get("champions")
    if champions is None:
        champions = category.get("finalists") or []
    return list(winners), list(champions)


@bp.get("/editions/<int:year>/results")
def results(year: int) -> Any:
    edition = editions.edition(year)
    data = _published(f"/api/v1/editions/{year}/results")
    categories = [(c, *entries(c)) for c in (data or {}).get("categories", [])]
    return render("results.html", edition=edition, year=year, data=data, categories=categories)
