# shopscore: the two commands a fresh machine needs are `make run` and `make test`.
# Both create .venv with Python 3.11 and install the pinned dependencies themselves.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-spark test-spark-extended bench bench-small install install-spark clean system-packages java-package dashboard docs lint

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), f"shopscore needs Python 3.11, found {sys.version.split()[0]}: set PYTHON=/path/to/python3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## The same models on Spark (issue #12, profiles.yml target `spark`): dbt-spark's session method and pyspark
## (requirements-spark.lock, ~0.4 GB more) in the same .venv. Spark runs in a local JVM: Java 17 must be on
## PATH (Debian: openjdk-17-jre-headless; `SHOPSCORE_JAVA=1 bash scripts/install-system-packages.sh` installs it).
SPARK_STAMP := $(VENV)/.installed-spark
$(SPARK_STAMP): pyproject.toml requirements.lock requirements-spark.lock
	@command -v java >/dev/null 2>&1 || { echo "make install-spark: no 'java' on PATH; Spark (dbt-spark session method) needs Java 17. On Debian: apt-get install -y openjdk-17-jre-headless (or: SHOPSCORE_JAVA=1 bash scripts/install-system-packages.sh)" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), f"shopscore needs Python 3.11, found {sys.version.split()[0]}: set PYTHON=/path/to/python3.11"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -c requirements-spark.lock -e '.[dev,spark]'
	@touch $(SPARK_STAMP)

install-spark: $(SPARK_STAMP)

## The daily cycle on demo data: deliver into data/demo, a catch-up `shopscore daily`, one more day, docs, summary.
run: $(STAMP)
	$(BIN)/shopscore run

## Debian packages the tests need (chromium, CJK fonts, libfaketime); installs only what is missing (root or sudo).
system-packages:
	bash scripts/install-system-packages.sh

## The whole test suite (dbt build with its data and unit tests runs inside it; the dashboard in chromium).
## Test files run in TEST_WORKERS processes (pytest-xdist, a file per worker: module fixtures build once);
## the slowest tests are listed at the end.
TEST_WORKERS ?= 2
test: $(STAMP) system-packages
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --durations=20

## Java 17 for Spark: openjdk-17-jre-headless when no java is on PATH (root or sudo), with the packages above.
java-package:
	SHOPSCORE_JAVA=1 bash scripts/install-system-packages.sh

## The Spark tests (issue #12, tests/python/test_spark.py, marker `spark`): the hand-worked datasets and a
## generated platform with bad rows built on DuckDB and on Spark (target `spark`, local mode), every relation
## equal (marts, quarantine and audit included); then each bad input stops a Spark run before any model.
## Needs Java 17 (installed above) and the `spark` extra (install-spark, ~0.45 GB); `make test` leaves them out.
test-spark: java-package
	$(MAKE) install-spark
	$(BIN)/python -m pytest -m "spark and not spark_extended" --durations=5 tests/python/test_spark.py

## Three more bad-input cases on Spark (marker spark_extended: a stale table, score dates outside the data, an
## unknown category): one SQL for both engines, their DuckDB twins in `make test`; not run by CI.
test-spark-extended: java-package
	$(MAKE) install-spark
	$(BIN)/python -m pytest -m spark_extended --durations=5 tests/python/test_spark.py

## The dbt docs site `make run` generated, served offline on http://127.0.0.1:8080 (no dbt Cloud, no CDN).
DOCS_DIR = $(or $(DBT_TARGET_PATH),target)
docs: $(STAMP)
	@test -f $(DOCS_DIR)/index.html || { echo "no docs in $(DOCS_DIR)/: run 'make run' (or dbt docs generate) first" >&2; exit 1; }
	@echo "docs on http://127.0.0.1:8080/index.html (static_index.html opens without a server)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory $(DOCS_DIR) 8080

## The Streamlit dashboard over $$SHOPSCORE_DB (default warehouse/shopscore.duckdb), read-only.
dashboard: $(STAMP)
	$(BIN)/shopscore dashboard

## Benchmarks (not tests): the full ladder, and a small size that runs in about a minute.
bench: $(STAMP)
	$(BIN)/shopscore bench

bench-small: $(STAMP)
	$(BIN)/shopscore bench --sizes small

## sqlfluff over the dbt SQL (.sqlfluff), in its own .venv-lint: sqlfluff's click pin clashes with the lock.
LINT_VENV := .venv-lint
LINT_STAMP := $(LINT_VENV)/.installed
LINT_DIR ?= $(or $(DBT_TARGET_PATH),target)/lint
# Macros are not dbt nodes, so the dbt templater cannot render them alone: they are linted through the models.
LINT_PATHS ?= models tests/dbt
$(LINT_STAMP):
	$(PYTHON) -m venv $(LINT_VENV)
	$(LINT_VENV)/bin/python -m pip install --quiet --disable-pip-version-check "sqlfluff==4.4.0" \
		"sqlfluff-templater-dbt==4.4.0" "dbt-core~=1.11.0" "dbt-duckdb==1.11.1" "duckdb==1.5.6"
	@touch $(LINT_STAMP)

lint: $(LINT_STAMP)
	@mkdir -p $(LINT_DIR)
	SHOPSCORE_WORK_DB=$(LINT_DIR)/lint.duckdb DBT_TARGET_PATH=$(LINT_DIR)/target DBT_LOG_PATH=$(LINT_DIR)/logs \
		DBT_SEND_ANONYMOUS_USAGE_STATS=false $(LINT_VENV)/bin/sqlfluff lint $(LINT_PATHS)

clean:
	rm -rf $(VENV) $(LINT_VENV) target logs warehouse data bench_runs test-output
