"""A year beyond the database's INTEGER on the public routes is no page (404), even
anonymously, never a 500; a NUL in a category of the path is a 422 problem."""

from __future__ import annotations


def test_a_year_beyond_an_integer_column_is_no_page_even_anonymously(client) -> None:
    for path in ("nominees", "results", "success-stories"):
        for year in (2**31, 10**20):
            answer = client.get(f"/api/v1/reviews/editions/{year}/{path}")
            assert answer.status_code == 404 and answer.mimetype == "application/problem+json", path


def test_a_nul_in_a_category_of_the_path_is_refused_before_the_database(client) -> None:
    answer = client.get("/api/v1/reviews/editions/2023/categories/C4%00/ranking")
    assert answer.status_code == 422 and list(answer.get_json()["errors"]) == ["category"]
