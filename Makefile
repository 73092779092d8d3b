# The two commands of README.md: `make run` starts the whole platform, `make test` runs
# every test. Both set up what they need first (virtualenv, packages, system services).

VENV   ?= .venv
PYTHON ?= python3
PY     := $(VENV)/bin/python
# local: the machine's PostgreSQL and RabbitMQ (installed and started if needed);
# containers: leave the URLs unset so that testcontainers starts them in Docker.
TEST_INFRA ?= local
PYTEST_ARGS ?=

.PHONY: run test lint setup system clean bench-submit

$(VENV)/.installed: requirements.txt requirements-dev.txt common/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed

system:
	NEED_BROWSER=1 NEED_PROMTOOL=1 NEED_POSTGRES=$(if $(filter local,$(TEST_INFRA)),1,0) bash scripts/ensure-system.sh

run: setup
	NEED_POSTGRES=0 bash scripts/ensure-system.sh
	$(PY) -m devstack

lint: setup
	$(VENV)/bin/ruff check .

ifeq ($(TEST_INFRA),local)
test: export TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
test: export TEST_BROKER_URL ?= amqp://guest:guest@127.0.0.1:5672/
endif
test: setup system lint
	$(PY) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

# Submissions accepted per second with 500, 5,000 and 15,000 stored (both duplicate signals on).
bench-submit: setup system
	$(PY) services/submission/bench/bench_submissions.py

# Precision and recall per kind on the hand-written duplicate pair corpus, old and new method.
.PHONY: duplicate-corpus
duplicate-corpus: setup
	$(PY) services/submission/bench/duplicate_corpus_report.py

# The same on the held-out pairs (devstack/paraphrase_heldout.py), written after the
# detector was tuned; ends with the pairs the new method gets wrong.
.PHONY: duplicate-heldout
duplicate-heldout: setup
	$(PY) services/submission/bench/duplicate_heldout_report.py

# The notify benchmark: the 360-coordinator weekly progress run to the local capturing SMTP
# server (loopback only; stops by itself), ending with one line of mails per second.
.PHONY: bench-mail
bench-mail: setup
	$(PY) services/notify/bench/weekly_progress.py $(BENCH_ARGS)

# The vote benchmark (services/voting/bench/README.md): loopback only, bounded in time and count; its last
# line is the figures line. wrk is the load generator (Debian's package).
.PHONY: bench-vote
bench-vote: setup
	NEED_POSTGRES=1 bash scripts/ensure-system.sh
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	PYTHONPATH=. $(PY) services/voting/bench/run.py

# The vote flooded through the gateway (512 connections) at several in-flight bounds
# (services/voting/bench/README.md): loopback only, bounded in time and count; its last line is
# the figures line.
.PHONY: bench-flood
bench-flood: setup
	NEED_POSTGRES=1 bash scripts/ensure-system.sh
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	PYTHONPATH=. $(PY) services/voting/bench/flood.py

# The public's vote through the pages against the API (gateway/bench/README.md): one stack,
# loopback only, bounded in time and count; its last line is the figures line of issue 14.
.PHONY: bench-pages
bench-pages: setup
	NEED_POSTGRES=1 bash scripts/ensure-system.sh
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	PYTHONPATH=. $(PY) gateway/bench/run.py

# What a voting replica buys (gateway/bench/README.md): the API vote through nginx with 1, 2 and
# 4 voting processes; loopback only, bounded in time and count; its last line is the figures line.
.PHONY: bench-scale
bench-scale: setup
	NEED_POSTGRES=1 bash scripts/ensure-system.sh
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	PYTHONPATH=. $(PY) gateway/bench/scale.py

# The replay (replay/README.md): a 2023-shaped edition through the gateway's public API against
# the platform as `make run` starts it, every count reconciled; loopback only, bounded in time,
# its last line the figures line. REPLAY_SCALE=1 is the 2023 size (0.1 by default).
# `make replay-faults SEEDS=N`: the same replay for N fault seeds one after another
# (REPLAY_FAULTS=1: processes killed, the database cut, the vhost's connections closed, the mail
# capture stopped and killed, at moments each seed chooses; only the replay's own processes and
# servers), REPLAY_SCALE 0.002 by default; one figures line per seed, then seeds=N passed=N failed=N.
.PHONY: replay replay-faults
SEEDS ?= 3
replay: setup
	NEED_POSTGRES=1 bash scripts/ensure-system.sh
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	PYTHONPATH=. $(PY) -m replay

replay-faults: setup
	NEED_POSTGRES=1 bash scripts/ensure-system.sh
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	PYTHONPATH=. $(PY) -m replay.seeds $(SEEDS)

# The pages' and the mails' catalogues (gateway/portal/translations and
# services/notify/notify/translations; the .po and the compiled .mo files are
# committed, so `make run` and `make test` need no step): extract every string of the pages,
# merge it into the six languages' .po files (new strings arrive untranslated, which the
# catalogue test names), and compile the .mo files.
.PHONY: translations
PYBABEL = $(abspath $(VENV))/bin/pybabel
I18N    = gateway/portal/translations
NOTIFY_I18N = services/notify/notify/translations
translations: setup
	cd gateway && $(PYBABEL) extract -F babel.cfg -k lazy_gettext -k _l -k N_ --no-location \
		--sort-output --width 100 --project "WSIS Prizes pages" -o portal/translations/messages.pot .
	$(PYBABEL) update -i $(I18N)/messages.pot -d $(I18N) --no-fuzzy-matching --ignore-obsolete --width 100
	$(PYBABEL) compile -d $(I18N) --statistics
	@# The mails' catalogues (services/notify/notify/translations), the same way.
	cd services/notify && $(PYBABEL) extract -F babel.cfg -k N_ -k translate:2 --no-location --sort-output --width 100 \
		--project "WSIS Prizes mails" -o notify/translations/messages.pot .
	for lang in ar en es fr ru zh; do test -f $(NOTIFY_I18N)/$$lang/LC_MESSAGES/messages.po || \
		$(PYBABEL) init -i $(NOTIFY_I18N)/messages.pot -d $(NOTIFY_I18N) -l $$lang --width 100; done
	$(PYBABEL) update -i $(NOTIFY_I18N)/messages.pot -d $(NOTIFY_I18N) --no-fuzzy-matching --ignore-obsolete --width 100
	$(PYBABEL) compile -d $(NOTIFY_I18N) --statistics

# Schemathesis over every service's OpenAPI document (tests/README.md), a bigger sweep than the
# one `make test` runs: SCHEMATHESIS_MAX_EXAMPLES examples per operation, mode and pass.
.PHONY: schemathesis
SCHEMATHESIS_MAX_EXAMPLES ?= 50
ifeq ($(TEST_INFRA),local)
schemathesis: export TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
schemathesis: export TEST_BROKER_URL ?= amqp://guest:guest@127.0.0.1:5672/
endif
schemathesis: setup system
	SCHEMATHESIS_MAX_EXAMPLES=$(SCHEMATHESIS_MAX_EXAMPLES) $(PY) -m pytest tests/openapi -q -rA -p no:cacheprovider

# docker-compose.yml run for real (tests/deploy/test_compose_real.py): its own project is built
# and brought up, walked through the gateway's published port (register, verify from the Mailpit
# API, submit, review, vote), scaled to three voting replicas (votes counted per replica, and
# Prometheus asked whether it scrapes every web process and worker and has the votes), taken
# down and up again without loss; it prints each step and ends with a figures line. Needs a
# running Docker engine and the base images: STANDINS=1 (the default) first builds local
# stand-ins of them (deploy/standins/build.sh) for an engine that reaches no image registry, as
# here, and starts every service but those whose image has none (Grafana: build.sh's `lacking`);
# STANDINS=0 uses the official images (pulled by Compose) and starts every service. Compose is
# `docker compose` (v2) when installed, else docker-compose (v1). Not run by `make test` nor
# .ci/run: it takes minutes of both cores (image builds, ~20 containers) and a Docker engine,
# which CI's machine does not start (tests/deploy/conftest.py leaves the file out unless
# COMPOSE_TEST=1).
.PHONY: compose-test compose-standins
COMPOSE  ?= $(shell docker compose version >/dev/null 2>&1 && echo "docker compose" || echo docker-compose)
STANDINS ?= 1
compose-standins:
	bash deploy/standins/build.sh

compose-test: setup $(if $(filter 1,$(STANDINS)),compose-standins)
	COMPOSE="$(COMPOSE)" COMPOSE_TEST=1 STANDINS=$(STANDINS) $(PY) -m pytest -q -s -p no:cacheprovider tests/deploy/test_compose_real.py
