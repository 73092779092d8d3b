"""The word counter against the reference, LibreOffice Writer's own counts of the corpus
(tests/common/data/word_counts.json, recounted by scripts/word_counts.py): the server's
counter and the pages' live counter (portal.js, run under node) must both give Writer's
count on every text, except the deliberate departures the corpus lists with their reason."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from devstack.corpus import rich_text
from wsis_common.words import count_words

ROOT = Path(__file__).resolve().parents[2]
CORPUS = json.loads((ROOT / "tests/common/data/word_counts.json").read_text(encoding="utf-8"))
TEXTS: list[dict[str, Any]] = CORPUS["texts"]
PORTAL_JS = ROOT / "gateway/portal/static/js/portal.js"


def expected(entry: dict[str, Any]) -> int:
    """Writer's count, or ours where the corpus records a deliberate departure."""
    return int(entry.get("ours", entry["count"]))


def test_the_corpus_is_large_and_varied_enough() -> None:
    assert len(TEXTS) >= 60
    assert len({entry["id"] for entry in TEXTS}) == len(TEXTS)
    assert "LibreOffice Writer" in CORPUS["reference"]


def test_words_are_counted_as_libreoffice_writer_counts_them_except_documented_departures() -> None:
    wrong = [f"{e['id']}: ours {count_words(e['text'])}, expected {expected(e)}"
             for e in TEXTS if count_words(e["text"]) != expected(e)]
    same = sum(count_words(e["text"]) == e["count"] for e in TEXTS)
    print(f"word counter vs LibreOffice Writer: {same}/{len(TEXTS)} texts equal, "
          f"{len(TEXTS) - same} documented departures")
    assert not wrong, wrong


def test_each_departure_is_real_and_says_why() -> None:
    for entry in (e for e in TEXTS if "ours" in e):
        assert entry["ours"] != entry["count"], f"{entry['id']}: no longer a departure"
        assert len(entry.get("why", "")) > 20, entry["id"]


@pytest.mark.parametrize("text", [
    "https://www.wsis.org/prizes", "wsis-prizes@itu.int", "23:00", "07/12/2022", "24/7", "and/or",
    "US$2.4", "1,500", "3.5%", "e-health", "don't", "people\u2019s",
])
def test_a_url_address_time_date_or_amount_is_one_word(text: str) -> None:
    assert count_words(f"see {text} here") == 3


def test_the_texts_sent_at_the_ends_of_each_range_are_counted_by_writer_as_their_size() -> None:
    generated = [e for e in TEXTS if "generated" in e]
    # tests/submission/test_word_limits.py sends rich_text(n, 1) at each of these sizes.
    assert {tuple(e["generated"]) for e in generated} >= {
        (n, 1) for n in (24, 25, 100, 101, 149, 150, 200, 201, 1499, 1500, 2000, 2001)}
    for entry in generated:
        n_words, seed = entry["generated"]
        assert entry["text"] == rich_text(n_words, seed), "regenerate the corpus entry"
        assert entry["count"] == n_words == count_words(entry["text"])


def js_counts(texts: list[str]) -> list[int]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the pages' live counter (portal.js) cannot be run")
    script = ("const {countWords} = require(process.argv[1]);"
              "const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(texts.map(countWords)));")
    done = subprocess.run([node, "-e", script, str(PORTAL_JS)], input=json.dumps(texts),
                          capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


def test_the_pages_live_counter_counts_every_corpus_text_as_the_server_does() -> None:
    texts = [e["text"] for e in TEXTS]
    in_browser = js_counts(texts)
    differ = [(e["id"], js, count_words(e["text"])) for e, js in zip(TEXTS, in_browser, strict=True)
              if js != count_words(e["text"])]
    assert not differ, differ
