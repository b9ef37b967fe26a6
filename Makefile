# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_DEBUG ?= 1

.PHONY: run test lint check content-report ci clean serve

# Re-install only when a requirements file changed.
$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## Start the site on SQLite with the catalogue loaded (http://127.0.0.1:8000/).
run: $(BIN)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_catalogue
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## Run the whole test suite (SQLite unless DATABASE_URL is set), on every core: each worker has its
## own test database and browser, and a module's tests stay on one worker. Tests on a live server
## flush their worker's database when they end; pytest-django runs them after every other test that
## uses the database (Django's order), and loadfile hands modules out in that order
## (--no-loadscope-reorder, in pyproject.toml), so no test finds the catalogue gone. Fails if a test
## fails, or if none ran (pytest's exit code 5).
PYTEST := $(BIN)/python -m pytest -n auto --dist loadfile -rs --durations=10
test: $(BIN)/.installed
	$(PYTEST) $(PYTEST_ARGS)

## Production-like: static files collected, gunicorn with the project's config (set the
## DJANGO_* variables of the README first; DJANGO_DEBUG stays off).
serve: $(BIN)/.installed
	DJANGO_DEBUG=0 $(BIN)/python manage.py collectstatic --noinput -v0
	DJANGO_DEBUG=0 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=0 $(BIN)/python manage.py load_catalogue
	DJANGO_DEBUG=0 $(BIN)/gunicorn -c careerportal/gunicorn.conf.py careerportal.wsgi

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## The catalogue's completeness report, on a scratch SQLite database.
content-report: $(BIN)/.installed
	rm -f .make-content.sqlite3
	DATABASE_URL=sqlite:///$(CURDIR)/.make-content.sqlite3 $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=sqlite:///$(CURDIR)/.make-content.sqlite3 $(BIN)/python manage.py load_catalogue
	DATABASE_URL=sqlite:///$(CURDIR)/.make-content.sqlite3 $(BIN)/python manage.py content_report; \
	  status=$$?; rm -f .make-content.sqlite3; exit $$status

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) staticfiles db.sqlite3

## Benchmark (issue 8): gunicorn (2 workers) + wrk on a fresh PostgreSQL database at 127.0.0.1:5432;
## updates the table in docs/benchmarks.md. Needs wrk (apt-get install wrk); about 25 minutes.
.PHONY: bench
bench: $(BIN)/.installed
	$(BIN)/python -m bench.runner --write docs/benchmarks.md --json docs/benchmarks.json $(BENCH_ARGS)
