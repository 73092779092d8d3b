"""The event envelope of ARCHITECTURE.md, and problem+json's field-by-field errors."""

import subprocess
import sys

import pytest

from wsis_common.envelope import Envelope, MalformedEnvelope
from wsis_common.problems import flatten_validation_messages


def test_the_envelope_has_every_field_of_the_catalogue_and_round_trips() -> None:
    event = Envelope(type="edition.updated", producer="submission", payload={"a": 1}, edition=2023)
    import json

    assert set(json.loads(event.to_json())) == {
        "id", "type", "occurred_at", "producer", "edition", "payload", "version"}
    assert Envelope.from_json(event.to_json()) == event
    assert event.occurred().tzinfo is not None


@pytest.mark.parametrize("raw", [b"not json", b"{}", b'{"id": 1}', b"[]"])
def test_anything_else_is_a_malformed_envelope(raw: bytes) -> None:
    with pytest.raises(MalformedEnvelope):
        Envelope.from_json(raw)


def test_validation_errors_are_flattened_to_every_field_with_every_reason() -> None:
    messages = {"json": {"year": ["Not a valid integer."],
                         "phases": {"voting_closes": ["Missing data.", "Not a date."]}}}
    assert flatten_validation_messages(messages) == {
        "year": ["Not a valid integer."],
        "phases.voting_closes": ["Missing data.", "Not a date."],
    }


def test_raising_a_problem_imports_no_flask() -> None:
    # A use case raises Problem: it must not drag in the web framework (the rendering is in
    # wsis_common.problem_responses). A fresh interpreter: this one has imported Flask already.
    script = "import sys, wsis_common.problems; assert 'flask' not in sys.modules"
    subprocess.run([sys.executable, "-c", script], check=True)
