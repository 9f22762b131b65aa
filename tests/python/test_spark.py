"""Issue #12: the same models on Spark give DuckDB's results. `make test-spark` (not `make test`: it needs
Java 17 and the `spark` extra; `.ci/run` runs both).

Each dataset is built twice from the same raw files and the project's seeds: on DuckDB (the engine every
other test checks against hand-worked values) and on Spark (target `spark`, session method, local mode).
Every relation DuckDB builds (staging, intermediate, seeds, marts, quarantine, audit, the time spine) must
exist on Spark with the same rows: row multisets equal, doubles within 1e-9 (compared rounded to 9
places), timestamps as instants. Left out: a run's own clock and ids (`loaded_at`, `loaded_run_id`,
`checked_run_id`, the loaded-files log's `run_id`) and, except on the generated platform, the raw row's
JSON text (`raw_row`: each engine writes typed timestamps its own way; docs/DESIGN.md "Spark").

The datasets: the two hand-worked ones (pdd; douyin, tmall and the CS KPIs) in one raw folder and one
build, and a small generated platform (30 shops, 12 days of daily partitions) with every kind of bad row
planted, so the quarantine is compared too. The generated one is built twice, as a daily run would: the
second run re-scores the last date of the first, and a new one, for douyin and tmall only (var schemes), so
the pdd scorecard's rows of that date vanish while the first run's other date stays. On Spark that is the
insert_overwrite path with the pre-hook dropping the run's date partitions (replace_dates_pre_hook), against
DuckDB's replace_dates.

On the generated platform the project's data tests run on both engines inside the last build, each after
its parents: each must end the same way on Spark as on DuckDB (status and number of failing rows), the
sources' tests and the raw-row accounting (every raw row staged, superseded or quarantined) included.
dbt's own not_null and unique tests are left out there (540 of the ~790, about 0.3 s each on Spark local,
and dbt's SQL rather than the project's); every singular and project generic test runs.

dbt's unit tests (hand-worked given and expected rows) run inside the hand-worked datasets' Spark build,
and every one of the project's unit tests must pass there as it does in every DuckDB build.

Last, bad input stops a Spark run in on-run-start, before any model, with the message DuckDB gives (the
same cases as tests/python/test_bad_input.py, which also checks that the marts stay unchanged there): on a
small generated platform a missing table, a truncated file, a stale table, a column missing from every
file and an epoch BIGINT timestamp, score dates outside the data, an unknown main category, bad seed rows
(in a copy of the project); against the generated platform's Spark build, a loaded file that changed and
one that vanished.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from shopscore.dbt import run_dbt
from shopscore.paths import PROJECT_DIR

pytestmark = pytest.mark.spark

SCHEMAS = ("staging", "intermediate", "reference", "marts", "quarantine", "audit", "semantic")
NOT_COMPARED = {"loaded_at", "loaded_run_id", "checked_run_id", "run_id", "raw_row"}
BUILD = ("build", "--exclude-resource-type", "test", "unit_test")
# The hand-worked datasets' Spark build also runs dbt's unit tests (test_every_unit_test_passes_on_spark): a unit test
# reads the column types of its model's parents from the warehouse, which this build has just made, and a
# separate `dbt test` would pay Spark's start and the on-run-start checks a second time.
BUILD_WITH_UNIT_TESTS = ("build", "--exclude-resource-type", "test")
# The generated platform's last build also runs the project's data tests (test_every_relation_equals_duckdbs):
# each after its parents, as a separate `dbt test` would after the build, without paying Spark's start, the
# parse and the on-run-start checks a second time. dbt's own not_null and unique tests are left out there.
BUILD_WITH_DATA_TESTS = ("build", "--exclude-resource-type", "unit_test",
                         "--exclude", "test_name:not_null", "test_name:unique")


def _hand_worked_raw(raw: Path) -> list[dict[str, Any]]:
    """Both hand-worked datasets in one raw folder, one build: pdd's (tests/python/test_e2e_pdd.py) and
    douyin's, tmall's and the CS KPIs' (test_e2e_douyin_tmall_kpi.py). Their shops, categories and ids are
    apart, so each dataset's rows reach the models as they do alone; the score dates run from pdd's first to
    douyin's (the hand-worked dates among them), with pdd's min_peer_shops. Only their chat message ids
    coincide (M00001, ...): douyin's get a D in front. What this compares is Spark against DuckDB on those
    rows, not the hand-worked values (the DuckDB tests check those; here nothing may be quarantined)."""
    from tests.python.e2e_fixtures.douyin_tmall_kpi_dataset import D, build_douyin_tmall_kpi_raw
    from tests.python.e2e_fixtures.pdd_dataset import D1, build_pdd_raw

    parts = raw.parent / "hand-worked"
    build_pdd_raw(parts / "pdd")
    build_douyin_tmall_kpi_raw(parts / "douyin_tmall_kpi")
    for dataset in ("pdd", "douyin_tmall_kpi"):
        for file in sorted((parts / dataset).rglob("*.parquet")):
            table = file.relative_to(parts / dataset).parts[0]
            (raw / table).mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, raw / table / f"{dataset}-{file.name}")
    chats = raw / "chat_messages" / "douyin_tmall_kpi-part-0.parquet"
    duckdb.execute(f"copy (select * replace ('D' || message_id as message_id) from read_parquet('{chats}')) "
                   f"to '{chats}.tmp' (format parquet)")
    Path(f"{chats}.tmp").replace(chats)
    return [{"score_date_start": D1, "score_date_end": D, "min_peer_shops": 3}]


def _generated_raw(raw: Path) -> list[dict[str, Any]]:
    from shopscore.generate import GeneratorConfig, generate

    generate(raw, GeneratorConfig(shops=30, days=12, seed=11, orders=None, end_date=date(2026, 10, 31),
                                  bad_rows=True, daily=True), progress=False)
    return [{"score_date_start": "2026-10-30", "score_date_end": "2026-10-31"},
            {"score_date_start": "2026-10-31", "score_date_end": "2026-11-01", "schemes": ["douyin", "tmall"]}]


DATASETS = {"hand_worked": _hand_worked_raw, "generated": _generated_raw}


def _build_both(work: Path, dataset: str) -> tuple[Path, Path]:
    """DuckDB's build (its file) and Spark's relations exported to Parquet (their folder); on the generated
    platform, the data tests inside the last build (BUILD_WITH_DATA_TESTS), in target-<target>/run_results.json."""
    raw = work / "raw"
    runs = DATASETS[dataset](raw)
    duck = work / "duck.duckdb"
    spark_dir = work / "spark"
    spark_env = {"SHOPSCORE_SPARK_DIR": str(spark_dir), "SPARK_LOCAL_IP": "127.0.0.1"}
    for target, env in (("dev", {}), ("spark", spark_env)):
        for number, run_vars in enumerate(runs, start=1):
            build, check = BUILD, True
            if (dataset, target) == ("hand_worked", "spark"):
                build = BUILD_WITH_UNIT_TESTS
            if dataset == "generated" and number == len(runs):
                # a failing data test fails dbt's run: on Spark that is reported test by test below
                build, check = BUILD_WITH_DATA_TESTS, target == "dev"
            run_dbt([*build, "--target", target], db_path=duck, dbt_vars={"raw_data_dir": str(raw), **run_vars},
                    capture=True, check=check, target_path=work / f"target-{target}",
                    log_path=work / f"logs-{target}", env_overrides=env)
    con = duckdb.connect(str(duck), read_only=True)
    try:
        relations = [f"{schema}.{name}" for schema, name in con.execute(
            f"select table_schema, table_name from information_schema.tables "
            f"where table_schema in {SCHEMAS} order by all").fetchall()]
    finally:
        con.close()
    exported = work / "spark-export"
    subprocess.run(
        [sys.executable, "-m", "tests.python.e2e_fixtures.spark_export", str(spark_dir), str(exported), *relations],
        cwd=PROJECT_DIR, check=True, capture_output=True, text=True,
        env={**os.environ, **spark_env, "JAVA_TOOL_OPTIONS": f"-Dderby.system.home={spark_dir}",
             "PYTHONPATH": str(PROJECT_DIR)},
    )
    return duck, exported


def _comparable(column: str, data_type: str) -> str:
    quoted = f'"{column}"'
    if data_type in ("DOUBLE", "FLOAT") or data_type.startswith("DECIMAL"):
        return f"round(cast({quoted} as double), 9)"
    if data_type.startswith("TIMESTAMP"):
        return f"cast({quoted} as timestamptz)"
    return f"cast({quoted} as varchar)"


_BUILT: dict[str, tuple[Path, Path]] = {}


def _built(tmp_path_factory: pytest.TempPathFactory, dataset: str) -> tuple[Path, Path]:
    """_build_both once per dataset and session (the loaded-files test reuses the generated platform's)."""
    if dataset not in _BUILT:
        _BUILT[dataset] = _build_both(tmp_path_factory.mktemp(f"spark-{dataset}"), dataset)
    return _BUILT[dataset]


@pytest.mark.parametrize("dataset", sorted(DATASETS))
def test_every_relation_equals_duckdbs(
        tmp_path_factory: pytest.TempPathFactory, dataset: str) -> None:
    duck, exported = _built(tmp_path_factory, dataset)
    con = duckdb.connect(str(duck), read_only=True)
    con.execute("set timezone = 'Asia/Shanghai'")
    problems: list[str] = []
    compared_rows = 0
    # the generated platform's bad-row text files make every typed column text, so both engines' JSON of
    # the raw row holds the same texts: compared there (with typed timestamps the JSON texts differ)
    not_compared = NOT_COMPARED - {"raw_row"} if dataset == "generated" else NOT_COMPARED
    relations = con.execute(
        f"select table_schema || '.' || table_name from information_schema.tables "
        f"where table_schema in {SCHEMAS} order by 1").fetchall()
    for (relation,) in relations:
        missing = exported / f"{relation}.missing"
        if missing.exists():
            problems.append(f"{relation}: not on Spark ({missing.read_text()[:200]})")
            continue
        schema, name = relation.split(".")
        columns = con.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = ? and table_name = ? order by ordinal_position", [schema, name]).fetchall()
        spark_columns = {row[0].lower() for row in con.execute(
            "select name from parquet_schema(?)", [str(exported / f"{relation}.parquet")]).fetchall()}
        absent = [column for column, _ in columns if column.lower() not in spark_columns]
        if absent:
            problems.append(f"{relation}: columns not on Spark: {absent}")
            continue
        select = ", ".join(_comparable(column, data_type) for column, data_type in columns
                           if column not in not_compared)
        spark = f"read_parquet('{exported / f'{relation}.parquet'}')"
        duck_rows, spark_rows, differing = con.execute(f"""
            select
                (select count(*) from {relation}),
                (select count(*) from {spark}),
                (select count(*) from (
                    (select {select} from {relation} except all select {select} from {spark})
                    union all
                    (select {select} from {spark} except all select {select} from {relation})
                ))
        """).fetchone()
        compared_rows += duck_rows
        if (duck_rows, differing) != (spark_rows, 0):
            problems.append(f"{relation}: DuckDB {duck_rows} rows, Spark {spark_rows}, {differing} not in both")
    if dataset == "hand_worked":
        quarantined = con.execute("select count(*) from quarantine.rejected_rows").fetchone()[0]
        assert quarantined == 0, f"{quarantined} rows of the hand-worked datasets quarantined: their ids collide"
    if dataset == "generated":
        problems += _data_test_differences(duck.parent)
        # what the comparison covers happened on DuckDB: planted rows quarantined, and after the second
        # run the pdd scorecard holds only 10-30 (its 10-31 rows vanished), the douyin one all three dates
        quarantined = con.execute("select count(*) from quarantine.rejected_rows").fetchone()[0]
        dates = {scheme: [row[0] for row in con.execute(
            f"select distinct cast(score_date as varchar) from marts.fct_{scheme}_scorecard_daily order by 1").fetchall()]
            for scheme in ("pdd", "douyin")}
        assert quarantined >= 100, f"only {quarantined} rows quarantined"
        assert dates == {"pdd": ["2026-10-30"], "douyin": ["2026-10-30", "2026-10-31", "2026-11-01"]}, dates
    con.close()
    # the comparison means something only if both builds made every layer, with rows in the scored ones
    assert len(relations) >= 100, f"only {len(relations)} relations built on DuckDB"
    assert compared_rows > 1000, f"only {compared_rows} rows compared"
    assert not problems, "Spark differs from DuckDB:\n" + "\n".join(problems)


def test_every_unit_test_passes_on_spark(tmp_path_factory: pytest.TempPathFactory) -> None:
    """dbt's unit tests (hand-worked given and expected rows, models/**/_*.yml) on Spark: every unit test of the
    project runs and passes, as inside every DuckDB build of `make test`. They run inside the hand-worked
    datasets' Spark build (BUILD_WITH_UNIT_TESTS), each before its model, against the parents it made."""
    duck, _ = _built(tmp_path_factory, "hand_worked")
    work = duck.parent
    # the project's unit tests, from the manifest DuckDB's build wrote
    expected = set(json.loads((work / "target-dev" / "manifest.json").read_text())["unit_tests"])
    ran = {outcome["unique_id"]: outcome["status"]
           for outcome in json.loads((work / "target-spark" / "run_results.json").read_text())["results"]
           if outcome["unique_id"].startswith("unit_test.")}
    assert len(expected) >= 40, f"only {len(expected)} unit tests in the manifest"
    failing = {test: status for test, status in ran.items() if status != "pass"}
    assert ran.keys() == expected and not failing, (
        f"not run: {sorted(expected - ran.keys())}; not passing: {failing}; dbt's log: {work / 'logs-spark'}")


def _data_test_differences(work: Path) -> list[str]:
    """Each data test's (status, failures) on Spark against DuckDB's, after the same builds; at least 200
    tests, none in error on DuckDB, the raw-row accounting of all 14 raw tables among them."""
    outcomes = {}
    for target in ("dev", "spark"):
        results = json.loads((work / f"target-{target}" / "run_results.json").read_text())["results"]
        outcomes[target] = {result["unique_id"]: (result["status"], result["failures"]) for result in results
                            if result["unique_id"].startswith("test.")}
    duck, spark = outcomes["dev"], outcomes["spark"]
    accounting = [test for test in duck if ".raw_rows_accounted_for_" in test]
    assert len(duck) >= 200 and len(accounting) == 14, f"{len(duck)} data tests ran, {len(accounting)} accounting"
    assert all(status in ("pass", "warn") for status, _ in duck.values()), \
        [(test, outcome) for test, outcome in duck.items() if outcome[0] not in ("pass", "warn")]
    return [f"data test {test}: DuckDB {duck.get(test)}, Spark {spark.get(test)}"
            for test in sorted(duck.keys() | spark.keys()) if duck.get(test) != spark.get(test)]


# --- bad input stops a Spark run before any model, as it stops a DuckDB one (tests/python/test_bad_input.py) ---

@pytest.fixture(scope="module")
def checked_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated platform with dt= partitions, for the on-run-start checks' cases."""
    from shopscore.generate import GeneratorConfig, generate

    raw = tmp_path_factory.mktemp("spark-checks") / "raw"
    generate(raw, GeneratorConfig(shops=10, days=5, seed=11, orders=None, end_date=date(2026, 10, 31),
                                  bad_rows=False, daily=True), progress=False)
    return raw


def _spark_refusal(work: Path, raw: Path, project_dir: Path | None = None, spark_dir: Path | None = None,
                   **dbt_vars: Any) -> str:
    """A Spark `dbt run` of staging that must stop in on-run-start (no model started); its output on one line."""
    env = {"SHOPSCORE_SPARK_DIR": str(spark_dir or work / "spark"), "SPARK_LOCAL_IP": "127.0.0.1"}
    result = run_dbt(["run", "--target", "spark", "--select", "staging"], db_path=work / "duck.duckdb",
                     dbt_vars={"raw_data_dir": str(raw), **dbt_vars}, capture=True, check=False,
                     target_path=work / "target", log_path=work / "logs", env_overrides=env, project_dir=project_dir)
    output = result.stdout or ""
    assert result.returncode != 0 and "on-run-start" in output and "START sql" not in output, output[-3000:]
    return " ".join(output.split())


def _partition_dates(raw: Path, table: str) -> list[date]:
    return sorted(date.fromisoformat(p.name[3:]) for p in (raw / table).glob("dt=*") if p.is_dir())


def _missing_table(raw: Path, tmp_path: Path) -> tuple[dict[str, Any], list[str]]:
    shutil.rmtree(raw / "tickets")
    return {}, [f"Raw data missing: no Parquet file matches {raw}/tickets/**/*.parquet."]


def _truncated_file(raw: Path, tmp_path: Path) -> tuple[dict[str, Any], list[str]]:
    (raw / "reviews" / "tiny.parquet").write_bytes(b"PAR1")
    return {}, [f"Raw data unreadable: empty or truncated Parquet file file:{raw}/reviews/tiny.parquet. Replace or remove it"]


def _stale_table(raw: Path, tmp_path: Path) -> tuple[dict[str, Any], list[str]]:
    """check_raw_freshness: reviews lose their last three daily partitions; the default allows two days."""
    for day in _partition_dates(raw, "reviews")[-3:]:
        shutil.rmtree(raw / "reviews" / f"dt={day}")
    reviews, orders = _partition_dates(raw, "reviews")[-1], _partition_dates(raw, "orders")[-1]
    return {}, [f"raw table reviews: latest partition dt={reviews} is {(orders - reviews).days} days older than the "
                f"latest orders partition dt={orders}"]


def _off_contract_files(raw: Path, tmp_path: Path) -> tuple[dict[str, Any], list[str]]:
    """check_raw_files: a column missing from every file of a table, and one file with an epoch BIGINT."""
    from test_bad_input import break_contract

    victim = break_contract(raw)
    return {}, [f"raw table help_requests: column reason_code is missing from every file of "
                f"{raw}/help_requests/**/*.parquet. Add it to the export",
                f"raw file file:{victim} (table orders): column created_at is BIGINT, which cannot be read as the "
                "contract type TIMESTAMP"]


def _score_dates_outside(raw: Path, tmp_path: Path) -> tuple[dict[str, Any], list[str]]:
    """check_score_dates: one day before the first and one after the last date the orders can score."""
    from test_bad_input import _order_dates, _rows

    dates = _order_dates(raw)
    longest = max(int(r["volume_window_days"]) for r in _rows(PROJECT_DIR / "seeds" / "scheme_settings.csv"))
    first_ok, last_ok = min(dates) + timedelta(days=1), max(dates) + timedelta(days=1 + longest)
    too_early, too_late = (first_ok - timedelta(days=1)).isoformat(), (last_ok + timedelta(days=1)).isoformat()
    return {"score_date_start": too_early, "score_date_end": too_late}, [
        f"var score_date_start = {too_early} and var score_date_end = {too_late} is outside the dates the raw orders "
        f"can score; nothing was built. The orders in {raw}/orders/**/*.parquet run from {min(dates)} to "
        f"{max(dates)}, so score dates must lie from {first_ok} to {last_ok}"]


def _unknown_category(raw: Path, tmp_path: Path) -> tuple[dict[str, Any], list[str]]:
    """check_shop_categories: the active shop with the most orders names a category no file holds."""
    from test_bad_input import _rewrite

    orders = duckdb.sql("select cast(shop_id as varchar), count(*) from read_parquet($p, union_by_name = true) "
                        "group by all order by 2 desc, 1", params={"p": f"{raw}/orders/**/*.parquet"}).fetchall()
    shops = duckdb.sql("select cast(shop_id as varchar), cast(status as varchar) "
                       "from read_parquet($p, union_by_name = true)", params={"p": f"{raw}/shops/**/*.parquet"}).fetchall()
    active = {shop for shop, status in shops if status == "active"}
    shop, order_count = next((s, n) for s, n in orders if s in active)
    for path in (raw / "shops").rglob("*.parquet"):
        _rewrite(path, f"* replace (case when cast(shop_id as varchar) = '{shop}' then 'c_gone' "
                       "else category_id end as category_id)")
    return {}, [f"shop {shop} is active and has {order_count} raw orders, but its main category c_gone is in no "
                f"file of {raw}/categories/**/*.parquet"]


def _bad_seed_rows(raw: Path, tmp_path: Path) -> tuple[dict[str, Any], list[str]]:
    """check_seed_files, in a copy of the project: a rule, a relationship, a type, a whole number, a duplicate."""
    from test_bad_input import _copy_project, _rows, _write

    seeds = _copy_project(tmp_path / "project") / "seeds"
    weights = _rows(seeds / "dimension_weights.csv")
    weights[2]["weight"] = "-0.2"
    weights[4]["scheme"] = "jd"
    _write(seeds / "dimension_weights.csv", weights)
    catalogue = _rows(seeds / "metric_catalogue.csv")
    catalogue[13]["window_start_days"] = "2.5"
    _write(seeds / "metric_catalogue.csv", catalogue)
    flags = _rows(seeds / "flag_rules.csv")
    flags[0]["threshold"] = "high"
    _write(seeds / "flag_rules.csv", flags)
    codes = _rows(seeds / "help_reason_codes.csv")
    _write(seeds / "help_reason_codes.csv", codes + [codes[1]])
    return {"project_dir": seeds.parent}, [
        "seed dimension_weights (seeds/dimension_weights.csv), row 3, column (row): breaks the rule: weight > 0",
        "seed dimension_weights (seeds/dimension_weights.csv), row 5, column scheme: 'jd' is not a scheme of "
        "seed scheme_settings",
        "seed metric_catalogue (seeds/metric_catalogue.csv), row 14, column window_start_days: '2.5' is not a whole "
        "number",
        "seed flag_rules (seeds/flag_rules.csv), row 1, column threshold: 'high' is not a double",
        f"seed help_reason_codes (seeds/help_reason_codes.csv), row {len(codes) + 1}, column reason_code: "
        "duplicates row 2"]


# The cases that change no var or project come first: they run with the same vars, raw path, target folder and
# Spark folder (test below), so that dbt re-parses the project once for them rather than once each (~18 s).
BAD_INPUT = {"missing_table": _missing_table, "truncated_file": _truncated_file, "stale_table": _stale_table,
             "off_contract_files": _off_contract_files, "unknown_category": _unknown_category,
             "score_dates_outside": _score_dates_outside, "bad_seed_rows": _bad_seed_rows}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_stops_a_spark_run_before_any_model_with_duckdbs_message(
        checked_raw: Path, tmp_path: Path, case: str) -> None:
    """Each on-run-start check stops a Spark run, naming the file, row or setting as on DuckDB. The cases take
    turns in one folder (a fresh copy of the raw files each), whose dbt target and Spark metastore they share:
    every run stops before any model, so none leaves a relation behind for the next."""
    work = checked_raw.parent / "case"
    raw = work / "raw"
    shutil.rmtree(raw, ignore_errors=True)
    shutil.copytree(checked_raw, raw)
    settings, expected = BAD_INPUT[case](raw, tmp_path)
    message = _spark_refusal(work, raw, **settings)
    missing = [line for line in expected if line not in message]
    assert not missing, f"not in the output: {missing}\n{message[-3000:]}"


def test_a_changed_or_vanished_loaded_file_stops_a_spark_run(tmp_path_factory: pytest.TempPathFactory,
                                                             tmp_path: Path) -> None:
    """check_loaded_files against the log the generated platform's Spark build wrote (SPEC §11)."""
    duck, _ = _built(tmp_path_factory, "generated")
    raw = tmp_path / "raw"
    shutil.copytree(duck.parent / "raw", raw)  # copy2: sizes and modification times kept, as logged
    # files in the log (a file without rows is not logged); DuckDB's log equals Spark's (compared above)
    con = duckdb.connect(str(duck), read_only=True)
    logged = dict(con.execute("select table_name, max(file_path) from audit.audit_loaded_files "
                              "where table_name in ('shipments', 'complaints') group by all").fetchall())
    con.close()
    changed, vanished = raw / logged["shipments"], raw / logged["complaints"]
    duckdb.execute(f"copy (select * from read_parquet('{changed}') limit 1) to '{changed}.tmp' (format parquet)")
    Path(f"{changed}.tmp").replace(changed)
    vanished.unlink()
    message = _spark_refusal(tmp_path, raw, spark_dir=duck.parent / "spark")
    assert f"{changed.relative_to(raw)} (table shipments): changed since it was loaded: size" in message
    assert f"{vanished.relative_to(raw)} (table complaints): loaded earlier, it no longer exists" in message
    assert "shopscore daily --reload complaints ; shopscore daily --reload shipments" in message
