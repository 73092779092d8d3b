"""`make run` keeps the submission service on SQLite: the migrations apply there too, and both
duplicate signals work on it (the anchor look-up has no unnest/LATERAL there)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from devstack.paraphrase_texts import PARAPHRASES, PROJECTS
from submission import create_app
from submission.definition import definition
from submission.service.seed import seed
from tests.submission.conftest import PUBLIC, geneva, new_stakeholder
from tests.submission.test_paraphrases import _body
from wsis_common import migrations
from wsis_common.clock import clock
from wsis_common.config import Settings

URL = "/api/v1/editions/2023/submissions"


def test_on_sqlite_a_full_paraphrase_is_refused_and_another_project_accepted(
        tmp_path: Path, request: pytest.FixtureRequest) -> None:
    clock.set(geneva("2022-11-01T12:00"))  # inside the 2023 edition's submission phase
    request.addfinalizer(lambda: clock.set(None))
    url = f"sqlite:///{tmp_path / 'submission.db'}"
    migrations.upgrade(definition.migrations_dir, url)
    migrations.upgrade(definition.migrations_dir, url)  # idempotent
    settings = replace(Settings.from_env("submission"), database_url=url, token_public_key=PUBLIC,
                       access_log=False)
    app = create_app(settings)
    seed(app.extensions["wsis"])
    client = app.test_client()
    base = PROJECTS[8]
    first = client.post(URL, json=_body(base, 70), headers=new_stakeholder(base.entity))
    assert first.status_code == 201, first.get_json()

    title, text = PARAPHRASES[8]
    again = _body(base, 71, title=title, description=text, category="C7-SCI")
    refused = client.post(URL, json=again, headers=new_stakeholder(base.entity))
    assert refused.status_code == 422, refused.get_json()
    assert "already submitted" in refused.get_json()["errors"]["title"][0]

    other = PROJECTS[0]
    accepted = client.post(URL, json=_body(other, 72), headers=new_stakeholder(other.entity))
    assert accepted.status_code == 201, accepted.get_json()
