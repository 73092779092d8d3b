"""The whole platform as local processes on loopback ports: `make run` and the end-to-end
tests both start it through `Stack`. For each app: migrations, gunicorn, a worker; then nginx
in front. Docker is not needed (docker-compose.yml is the containerised equivalent).

Beside it, what the tests, the benchmarks and the replay all use, so that none of them imports
another's (a benchmark imports nothing from tests/): bench.py's seeding, and the submission texts
of corpus.py and of the duplicate corpus (paraphrase_texts.py, paraphrase_pairs.py,
paraphrase_heldout.py)."""
