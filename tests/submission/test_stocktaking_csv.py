"""Issue 19: the Stocktaking CSV never hands a spreadsheet a formula that a stakeholder wrote."""

from __future__ import annotations

import csv
import io

import pytest

from devstack.corpus import project_2023
from submission.domain.spreadsheet import inert_cell
from tests.submission.conftest import new_stakeholder

URL = "/api/v1/editions/2023/submissions"
REPORT = "/api/v1/editions/2023/stocktaking-report?format=csv"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_is_quoted(start: str) -> None:
    assert inert_cell(f"{start}HYPERLINK(\"http://evil.example\")") == f"'{start}HYPERLINK(\"http://evil.example\")"


def test_other_cells_are_left_as_written() -> None:
    ordinary = ["Kenya = home", "a-b", 3, None, ""]
    assert [inert_cell(v) for v in ordinary] == ordinary


def test_the_exported_csv_quotes_every_formula_a_stakeholder_typed(client, admin) -> None:
    first = project_2023(50, title="=HYPERLINK(\"http://evil.example\",\"Open\")",
                         entity="+Health Kenya")
    first["entity"]["type"] = "@SUM(A1:A9)"
    first["coordinator"]["name"] = "-2+3 Amina"
    first["answers"]["short_description"] = "\t" + first["answers"]["short_description"]
    second = project_2023(51, category="C4", entity="Another Entity")
    second["answers"]["short_description"] = "\r" + second["answers"]["short_description"]
    for project in (first, second):
        response = client.post(URL, json=project, headers=new_stakeholder())
        assert response.status_code == 201, response.get_json()

    exported = client.get(REPORT, headers=admin).get_data(as_text=True)
    rows = {r["category"]: r for r in csv.DictReader(io.StringIO(exported, newline=""))}
    assert rows["C7-HLT"]["title"] == "'=HYPERLINK(\"http://evil.example\",\"Open\")"
    assert rows["C7-HLT"]["entity"] == "'+Health Kenya"
    assert rows["C7-HLT"]["entity_type"] == "'@SUM(A1:A9)"
    assert rows["C7-HLT"]["coordinator"] == "'-2+3 Amina"
    assert rows["C7-HLT"]["short_description"].startswith("'\t")
    assert rows["C4"]["short_description"].startswith("'\r")
