"""Issue #12: the same models on Spark give DuckDB's results. `make test-spark` (not `make test`: it needs
Java 17 and the `spark` extra; `.ci/run` runs both).

One folder of raw files is built with the project's seeds twice: on DuckDB (the engine every
other test checks against hand-worked values) and on Spark (target `spark`, session method, local mode).
Every relation DuckDB builds (staging, intermediate, seeds, marts, quarantine, audit, the time spine) must
exist on Spark with the same rows: row multisets equal, doubles within 1e-9 (compared rounded to 9
places), timestamps as instants. Left out: a run's own clock and ids (`loaded_at`, `loaded_run_id`,
`checked_run_id`, the loaded-files log's `run_id`). The raw row's JSON text of every quarantined row is compared,
typed values included (TYPED_COLUMNS: each engine's own JSON writer lays numbers and timestamps out differently).

One raw folder and one build pair hold everything compared: a small generated platform (30 shops, 12 days of
daily partitions) with every kind of bad row planted, so the quarantine is compared too, and beside it, in
sub-folders hand-worked/ of the same tables, the two hand-worked datasets (pdd; douyin, tmall and the CS KPIs),
whose shops, categories and ids are apart from the generated ones. It is built twice, as a daily run would: the
first run scores from the hand-worked datasets' first date to the platform's last; the second re-scores that
date, and a new one, for douyin and tmall only (var schemes), so the pdd scorecard's rows of that date vanish
while the earlier dates stay. On Spark that is the insert_overwrite path with the pre-hook dropping the run's
date partitions (replace_dates_pre_hook), against DuckDB's replace_dates. One build instead of one per dataset
saves a Spark start, its checks and ~90 model builds.

The project's data tests run on both engines inside the last build, each after its parents: each must end the
same way on Spark as on DuckDB (status and number of failing rows), the sources' tests and the raw-row
accounting (every raw row staged, superseded or quarantined) included. dbt's own not_null and unique tests are
left out there (540 of the ~790, about 0.3 s each on Spark local, and dbt's SQL rather than the project's);
every singular and project generic test runs.

dbt's unit tests (hand-worked given and expected rows) run inside the first Spark build, and every one of
the project's unit tests must pass there as it does in every DuckDB build.

Last, bad input stops a Spark run in on-run-start, before any model, with the message DuckDB gives (the
same cases as tests/python/test_bad_input.py, which also checks that the marts stay unchanged there): on a
small generated platform a missing table, a truncated file and an emptied dt= partition, a column missing
from every file and an epoch BIGINT timestamp, bad seed rows (in a copy of the project), and with
`make test-spark-extended` a stale table, score dates outside the data and an unknown main category
(SPARK_OWN_CHECKS below says why); against the Spark build above, a loaded file that changed and one that
vanished.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import struct
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from shopscore.dbt import run_dbt
from shopscore.paths import PROJECT_DIR

pytestmark = pytest.mark.spark

SCHEMAS = ("staging", "intermediate", "reference", "marts", "quarantine", "audit", "semantic")
NOT_COMPARED = {"loaded_at", "loaded_run_id", "checked_run_id", "run_id"}
# Spark local on this machine's loopback; whole-stage code generation off: on these tiny tables compiling each
# query costs more than it saves (profiles.yml, SHOPSCORE_SPARK_CODEGEN). Neither changes a result.
SPARK_ENV = {"SPARK_LOCAL_IP": "127.0.0.1", "SHOPSCORE_SPARK_CODEGEN": "false"}
# the hand-worked datasets' files, in a sub-folder of each raw table (their rows' source_file holds it)
HAND_WORKED = "hand-worked"
BUILD = ("build", "--exclude-resource-type", "test", "unit_test")
# The first Spark build also runs dbt's unit tests (test_every_unit_test_passes_on_spark): a unit test reads the
# column types of its model's parents from the warehouse, which this build has just made, and a separate
# `dbt test` would pay Spark's start and the on-run-start checks a second time.
BUILD_WITH_UNIT_TESTS = ("build", "--exclude-resource-type", "test")
# The last build also runs the project's data tests (test_every_relation_equals_duckdbs): each after its
# parents, as a separate `dbt test` would after the build, without paying Spark's start, the parse and the
# on-run-start checks a second time. dbt's own not_null and unique tests are left out there.
BUILD_WITH_DATA_TESTS = ("build", "--exclude-resource-type", "unit_test",
                         "--exclude", "test_name:not_null", "test_name:unique")


def _platform_raw(raw: Path) -> list[dict[str, Any]]:
    """The generated platform, then both hand-worked datasets in raw/<table>/hand-worked/: pdd's
    (tests/python/test_e2e_pdd.py) and douyin's, tmall's and the CS KPIs' (test_e2e_douyin_tmall_kpi.py).
    Their shops, categories and ids are apart from each other's and the generated ones (upper case against
    lower case), so each dataset's rows reach the models as they do alone; only the two hand-worked chat
    message ids coincide (M00001, ...): douyin's get a D in front. Files outside dt= partitions have the
    platform's cut-off (its latest partition's end), after every hand-worked timestamp. The first run's score
    dates run from pdd's first to the platform's last (the hand-worked dates among them), with pdd's
    min_peer_shops in both runs. What this compares is Spark against DuckDB on those rows, not the
    hand-worked values (the DuckDB tests check those; here none of their rows may be quarantined)."""
    from shopscore.generate import GeneratorConfig, generate
    from tests.python.e2e_fixtures.douyin_tmall_kpi_dataset import build_douyin_tmall_kpi_raw
    from tests.python.e2e_fixtures.pdd_dataset import D1, build_pdd_raw

    generate(raw, GeneratorConfig(shops=30, days=12, seed=11, orders=None, end_date=date(2026, 10, 31),
                                  bad_rows=True, daily=True), progress=False)
    parts = raw.parent / HAND_WORKED
    build_pdd_raw(parts / "pdd")
    build_douyin_tmall_kpi_raw(parts / "douyin_tmall_kpi")
    for dataset in ("pdd", "douyin_tmall_kpi"):
        for file in sorted((parts / dataset).rglob("*.parquet")):
            table = file.relative_to(parts / dataset).parts[0]
            (raw / table / HAND_WORKED).mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, raw / table / HAND_WORKED / f"{dataset}-{file.name}")
    chats = raw / "chat_messages" / HAND_WORKED / "douyin_tmall_kpi-part-0.parquet"
    duckdb.execute(f"copy (select * replace ('D' || message_id as message_id) from read_parquet('{chats}')) "
                   f"to '{chats}.tmp' (format parquet)")
    Path(f"{chats}.tmp").replace(chats)
    _plant_typed_values(raw)
    _plant_double_amounts(raw)
    return [{"score_date_start": D1, "score_date_end": "2026-10-31", "min_peer_shops": 3},
            {"score_date_start": "2026-10-31", "score_date_end": "2026-11-01", "min_peer_shops": 3,
             "schemes": ["douyin", "tmall"]}]


# Orders rows, each quarantined (a negative amount), with extra typed columns holding values each engine's own JSON
# writer lays out its own way: numbers of every layout, instants and naive timestamps with and without a fraction,
# text with quotes, backslashes, control characters and Chinese. Their raw row (quarantine.rejected_rows.raw_row)
# must be DuckDB's text on Spark too (json_of_row). The columns are in one file only, so they keep their types on
# both engines, where the orders table's planted text file makes its contract columns text.
TYPED_VALUES = "typed-values"
TYPED_COLUMNS = {
    "_typed_double": ("double", ["1e20", "1.5e-7", "cast(0.1 as double) + cast(0.2 as double)", "'-0.0'", "'nan'",
                                 "'inf'", "'-inf'", "1e21", "0.000001", "123.0", "1 / 3", "-2.5e25", "null"]),
    "_typed_float": ("float", ["0.1", "1.5", "16777217", "1e10", "null", "-3.25", "0", "2", "1e-7", "7.5",
                               "100", "0.3", "9.99"]),
    "_typed_amount": ("decimal(12,2)", ["2.00", "0.10", "-0.05", "1234567890.12", "0.00", "null", "99999999.99",
                                        "1", "0.01", "10.5", "-7", "3.14", "42"]),
    "_typed_small_decimal": ("decimal(15,7)", ["0.0000001", "0.000001", "-99999999.9999999", "null", "1", "0.5",
                                               "12.25", "0", "-0.0000005", "3", "4", "5", "6"]),
    "_typed_wide_decimal": ("decimal(20,9)", ["2", "0.000000001", "-12345678901.123456789", "null", "0", "1.5",
                                              "7", "8", "9", "10", "11", "12", "13"]),
    "_typed_instant": ("timestamptz", ["'2026-10-01 08:00:00.25+08'", "'2026-10-01 00:00:00+00'", "null",
                                       "'2026-10-31 23:59:59.999999+08'"] + ["'2026-10-02 10:00:00+08'"] * 9),
    "_typed_naive": ("timestamp", ["'2026-10-01 08:00:00.5'", "'2026-10-01 08:00:00'", "null",
                                   "'2026-10-01 08:00:00.000001'"] + ["'2026-10-03 12:30:00'"] * 9),
    "_typed_date": ("date", ["'2026-10-01'", "null"] + ["'2026-12-31'"] * 11),
    "_typed_bigint": ("bigint", ["9007199254740993", "-1", "null"] + ["0"] * 10),
    "_typed_boolean": ("boolean", ["true", "false", "null"] + ["true"] * 10),
    "_typed_text": ("varchar", ["'中文 \"q\" \\ tab' || chr(9) || chr(1)", "''", "null", "'/'"] + ["'店铺'"] * 9),
    # times, blobs and nested values (spark_json_value: element by element, null members kept, keys as text)
    "_typed_time": ("time", ["'08:00:01.5'", "'00:00:00'", "'23:59:59.123456'", "null"] + ["'12:00:00'"] * 9),
    "_typed_blob": ("blob", ["'\\x01A\\x22\\x5C\\x27\\xFF\\x7F '", "''", "null", "encode('店')"] + ["'x'"] * 9),
    "_typed_list": ("integer[]", ["[1, null, 3]", "[]", "null", "[null]"] + ["[7]"] * 9),
    "_typed_struct": ("struct(a integer, \"B\" integer, c timestamp, d decimal(5,2), e double, f timestamptz, "
                      "\"中 文\" varchar)",
                      ["{'a': 1, 'B': null, 'c': timestamp '2026-10-01 08:00:00', 'd': 1.50, 'e': 1e20, "
                       "'f': timestamptz '2026-10-01 08:00:00.25+08', '中 文': '店\"\\'}", "null",
                       "{'a': null, 'B': 2, 'c': null, 'd': null, 'e': 'nan', 'f': null, '中 文': null}"]
                      + ["{'a': 3, 'B': 4, 'c': null, 'd': 2, 'e': 0.5, 'f': null, '中 文': '店'}"] * 10),
    "_typed_map": ("map(varchar, integer)", ["map(['k1', '键'], [1, null])", "map([]::varchar[], []::integer[])",
                                             "null"] + ["map(['k'], [1])"] * 10),
    "_typed_number_map": ("map(double, double)", ["map([1e20, 0.5], [0.1, null])", "map([-0.0], [-0.0])", "null"]
                          + ["map([1], [2])"] * 10),
    "_typed_struct_list": ("struct(x double, y date)[]", ["[{'x': 1.5, 'y': date '2026-10-01'}, null]", "[]", "null"]
                           + ["[{'x': 1e-7, 'y': null}]"] * 10),
    "_typed_list_of_lists": ("float[][]", ["[[1.5], []]", "[null]", "null"] + ["[[0.1, 2]]"] * 10),
}
# typed here and text in the double-amounts file: read as text on both engines, each value as DuckDB's cast to
# varchar writes it (spark_text_of: 1e+20, 1.5e-07, nan, 0.1 for a float, an instant with +08)
TEXT_UNITED = {"_typed_double_or_text": "_typed_double", "_typed_float_or_text": "_typed_float",
               "_typed_instant_or_text": "_typed_instant"}
TYPED_COLUMNS.update({united: TYPED_COLUMNS[typed] for united, typed in TEXT_UNITED.items()})


def _plant_typed_values(raw: Path) -> None:
    """raw/orders/typed-values/: TYPED_COLUMNS' rows, each a generated order under a new id with a negative amount."""
    extras = ", ".join(f"[{', '.join(f'cast({value} as {kind})' for value in values)}][i + 1] as {name}"
                       for name, (kind, values) in TYPED_COLUMNS.items())
    rows = len(TYPED_COLUMNS["_typed_double"][1])
    assert all(len(values) == rows for _, values in TYPED_COLUMNS.values())
    _plant_orders(raw, TYPED_VALUES, "cast(-1 - i as decimal(12,2))", extras, rows)


def _plant_orders(raw: Path, folder: str, amount_sql: str, extras_sql: str, rows: int) -> None:
    """raw/orders/<folder>/part-0.parquet: `rows` copies (i = 0, 1, ...) of the first good generated order, each
    with order id <folder>-<i>, the amount amount_sql and the extra columns extras_sql (SQL over i)."""
    from shopscore.contract import RAW_CONTRACT

    contract = ", ".join(
        f"'{folder}-' || lpad(cast(i as varchar), 2, '0') as order_id" if name == "order_id"
        else f"{amount_sql} as amount" if name == "amount" else f"cast({name} as {kind}) as {name}"
        for name, kind in RAW_CONTRACT["orders"])
    (raw / "orders" / folder).mkdir()
    con = duckdb.connect()
    try:
        con.execute("set timezone = 'Asia/Shanghai'")
        con.execute(f"""
            copy (
                select {contract}, {extras_sql}
                from (
                    select * from read_parquet('{raw}/orders/dt=*/*.parquet', union_by_name = true)
                    where _planted_defect is null order by order_id limit 1
                ), range({rows}) as r(i)
                order by i
            ) to '{raw}/orders/{folder}/part-0.parquet' (format parquet)""")
    finally:
        con.close()


# Orders whose amount comes as a DOUBLE (the contract's DECIMAL(12,2) takes one), values at or near a tie, each
# staged. Here the orders table's planted text file unites the amounts to text on both engines (the double path
# itself: test_a_decimal_held_as_a_double_is_cast_as_on_duckdb). Three extra columns come typed differently from
# the typed-values file's, so the typed values' raw rows hold them as DuckDB unites the two (spark_united_type):
# INT with BIGINT, a naive TIMESTAMP with an instant, BIGINT with DECIMAL(20,9).
DOUBLE_AMOUNTS = "double-amounts"
DOUBLE_AMOUNT_VALUES = [1.005, 2.675, 0.125, 1.115, 0.045, 100.005, 12.5, 3.3, 0.1 + 0.2, 99.995, 0.005, 1234.565]


def _plant_double_amounts(raw: Path) -> None:
    """raw/orders/double-amounts/: DOUBLE_AMOUNT_VALUES' rows, each a generated order under a new id."""
    amounts = f"cast([{', '.join(repr(value) for value in DOUBLE_AMOUNT_VALUES)}][i + 1] as double)"
    extras = ("cast(i as integer) as _typed_bigint, timestamp '2026-10-01 08:00:00' + to_seconds(i) as _typed_instant, "
              "cast(i - 5 as bigint) as _typed_wide_decimal, "
              + ", ".join(f"'text ' || i as {united}" for united in TEXT_UNITED))
    _plant_orders(raw, DOUBLE_AMOUNTS, amounts, extras, len(DOUBLE_AMOUNT_VALUES))


def _duckdb_decimal_of_double(value: float, scale: int = 2) -> Decimal:
    """DuckDB's cast of a double to DECIMAL(., scale), worked in Python: the double times 10^scale (one IEEE
    multiplication), rounded half away from zero."""
    scaled = value * 10 ** scale
    whole = math.floor(abs(scaled) + 0.5)
    return Decimal(int(math.copysign(whole, scaled))).scaleb(-scale)


def _build_both(work: Path) -> tuple[Path, Path]:
    """DuckDB's build (its file) and Spark's relations exported to Parquet (their folder); the data tests inside
    the last build, in target-<target>/run_results.json; the first Spark build's results (its unit tests) in
    unit-tests-spark.json."""
    raw = work / "raw"
    runs = _platform_raw(raw)
    duck = work / "duck.duckdb"
    spark_dir = work / "spark"
    spark_env = {"SHOPSCORE_SPARK_DIR": str(spark_dir), **SPARK_ENV}
    for target, env in (("dev", {}), ("spark", spark_env)):
        for number, run_vars in enumerate(runs, start=1):
            build, check = BUILD, True
            if (number, target) == (1, "spark"):
                build = BUILD_WITH_UNIT_TESTS
            if number == len(runs):
                # a failing data test fails dbt's run: on Spark that is reported test by test below
                build, check = BUILD_WITH_DATA_TESTS, target == "dev"
            run_dbt([*build, "--target", target], db_path=duck, dbt_vars={"raw_data_dir": str(raw), **run_vars},
                    capture=True, check=check, target_path=work / f"target-{target}",
                    log_path=work / f"logs-{target}-{number}", env_overrides=env)
            if (number, target) == (1, "spark"):
                shutil.copy2(work / "target-spark" / "run_results.json", work / "unit-tests-spark.json")
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


_BUILT: list[tuple[Path, Path]] = []


def _built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """_build_both once per session (the unit-test and loaded-files tests reuse it)."""
    if not _BUILT:
        _BUILT.append(_build_both(tmp_path_factory.mktemp("spark-platform")))
    return _BUILT[0]


def test_every_relation_equals_duckdbs(tmp_path_factory: pytest.TempPathFactory) -> None:
    duck, exported = _built(tmp_path_factory)
    con = duckdb.connect(str(duck), read_only=True)
    con.execute("set timezone = 'Asia/Shanghai'")
    problems: list[str] = []
    compared_rows = 0
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
                           if column not in NOT_COMPARED)
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
    problems += _data_test_differences(duck.parent)
    # what the comparison covers happened on DuckDB: no hand-worked row quarantined (the raw-row accounting
    # test above has every other one staged or superseded), hand-worked orders staged, the planted rows
    # quarantined, hand-worked shops on every scheme's scorecard; after the second run the pdd scorecard ends on 10-30 (its
    # 10-31 rows vanished), the douyin one on 11-01
    quarantined, hand_worked_quarantined = con.execute(
        f"select count(*), count(*) filter (where source_file like '%/{HAND_WORKED}/%') "
        "from quarantine.rejected_rows").fetchone()
    hand_worked_staged = con.execute(
        f"select count(*) from staging.base_platform__orders_checked where source_file like '%/{HAND_WORKED}/%'"
    ).fetchone()[0]
    typed_rows = [json.loads(raw_row) for (raw_row,) in con.execute(
        f"select raw_row from quarantine.rejected_rows where source_file like '%/{TYPED_VALUES}/%' order by row_key"
    ).fetchall()]
    double_amounts = con.execute(
        f"select count(*) from staging.base_platform__orders_checked where source_file like '%/{DOUBLE_AMOUNTS}/%'"
    ).fetchone()[0]
    dates = {scheme: con.execute(
        f"select cast(min(score_date) as varchar), cast(max(score_date) as varchar), "
        f"count(distinct score_date) filter (where shop_id = upper(shop_id)) "
        f"from marts.fct_{scheme}_scorecard_daily").fetchone() for scheme in ("pdd", "douyin", "tmall")}
    con.close()
    assert hand_worked_quarantined == 0, f"{hand_worked_quarantined} hand-worked rows quarantined: their ids collide"
    assert quarantined >= 100 and hand_worked_staged > 0, (quarantined, hand_worked_staged)
    assert [dates[s][1] for s in ("pdd", "douyin", "tmall")] == ["2026-10-30", "2026-11-01", "2026-11-01"], dates
    assert all(last_hand_worked > 0 for _, _, last_hand_worked in dates.values()), dates
    # the typed values' rows are quarantined, and DuckDB's raw row holds their values typed (numbers as numbers,
    # instants with their offset): the comparison above had Spark write those as DuckDB does
    assert len(typed_rows) == len(TYPED_COLUMNS["_typed_double"][1]), typed_rows
    assert [typed_rows[0][name] for name in ("_typed_double", "_typed_amount", "_typed_instant", "_typed_bigint")] \
        == [1e20, 2.0, "2026-10-01 08:00:00.25+08", 9007199254740993], typed_rows[0]
    assert [typed_rows[2]["_typed_double"], typed_rows[1]["_typed_small_decimal"]] == [0.1 + 0.2, 1e-6], typed_rows
    assert [typed_rows[0][united] for united in TEXT_UNITED] == ["1e+20", "0.1", "2026-10-01 08:00:00.25+08"], \
        typed_rows[0]
    assert [typed_rows[0][name] for name in ("_typed_time", "_typed_blob", "_typed_list", "_typed_map")] == [
        "08:00:01.5", "\\x01A\\x22\\x5C\\x27\\xFF\\x7F ", [1, None, 3], {"k1": 1, "键": None}], typed_rows[0]
    assert typed_rows[0]["_typed_struct"] == {"a": 1, "B": None, "c": "2026-10-01 08:00:00", "d": 1.5, "e": 1e20,
                                              "f": "2026-10-01 08:00:00.25+08", "中 文": '店"\\'}, typed_rows[0]
    assert double_amounts == len(DOUBLE_AMOUNT_VALUES), double_amounts
    # Spark describes each raw file's footer once: the second build, over the same files, reads every file's columns
    # from the first build's audit.raw_file_columns (spark_cached_file_columns) and describes none
    describes = [sum(log.read_text().count("describe select * from parquet.") for log in
                     (duck.parent / f"logs-spark-{number}").glob("dbt.log*")) for number in (1, 2)]
    raw_files = sum(1 for _ in (duck.parent / "raw").rglob("*.parquet"))
    assert describes[0] >= raw_files and describes[1] == 0, (describes, raw_files)
    # the seed files' check runs in the first build and, the seeds unchanged, is skipped in the second
    # (spark__check_seed_files: its one query selects from seed_problems)
    seed_checks = [sum(log.read_text().count("as seed_problems") for log in
                       (duck.parent / f"logs-spark-{number}").glob("dbt.log*")) for number in (1, 2)]
    assert seed_checks[0] > 0 and seed_checks[1] == 0, seed_checks
    # the comparison means something only if both builds made every layer, with rows in the scored ones
    assert len(relations) >= 100, f"only {len(relations)} relations built on DuckDB"
    assert compared_rows > 1000, f"only {compared_rows} rows compared"
    assert not problems, "Spark differs from DuckDB:\n" + "\n".join(problems)


def test_every_unit_test_passes_on_spark(tmp_path_factory: pytest.TempPathFactory) -> None:
    """dbt's unit tests (hand-worked given and expected rows, models/**/_*.yml) on Spark: every unit test of the
    project runs and passes, as inside every DuckDB build of `make test`. They run inside the first Spark build
    (BUILD_WITH_UNIT_TESTS), each before its model, against the parents it made."""
    duck, _ = _built(tmp_path_factory)
    work = duck.parent
    # the project's unit tests, from the manifest DuckDB's build wrote
    expected = set(json.loads((work / "target-dev" / "manifest.json").read_text())["unit_tests"])
    ran = {outcome["unique_id"]: outcome["status"]
           for outcome in json.loads((work / "unit-tests-spark.json").read_text())["results"]
           if outcome["unique_id"].startswith("unit_test.")}
    assert len(expected) >= 40, f"only {len(expected)} unit tests in the manifest"
    failing = {test: status for test, status in ran.items() if status != "pass"}
    assert ran.keys() == expected and not failing, (
        f"not run: {sorted(expected - ran.keys())}; not passing: {failing}; dbt's log: {work / 'logs-spark-1'}")


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
    env = {"SHOPSCORE_SPARK_DIR": str(spark_dir or work / "spark"), **SPARK_ENV}
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
    """A 4-byte file, and a tickets partition whose every file is emptied to zero bytes. Spark's file sources
    never list a zero-byte file (DuckDB names it: test_staging.py), so the check names its partition instead.
    The next partition gets a zero-byte file beside its readable one: it must not be named (nothing may follow
    the emptied partition in the message), and Spark cannot see that file (spark_raw_partitions_emptied)."""
    (raw / "reviews" / "tiny.parquet").write_bytes(b"PAR1")
    emptied, kept = _partition_dates(raw, "tickets")[-2:]
    assert list((raw / "tickets" / f"dt={emptied}").glob("*.parquet"))
    for path in (raw / "tickets" / f"dt={emptied}").glob("*.parquet"):
        path.write_bytes(b"")
    (raw / "tickets" / f"dt={kept}" / "empty.parquet").write_bytes(b"")
    return {}, [f"Raw data unreadable: empty or truncated Parquet file file:{raw}/reviews/tiny.parquet, "
                f"{raw}/tickets/**/dt={emptied}/*.parquet. Replace or remove it"]


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
# `make test-spark` (and so CI) runs the cases whose check reads the raw or seed files through Spark code of its
# own (spark__check_raw_data_dir, spark__raw_file_column_types, spark__seed_csv_rows). The other three
# (freshness, score dates, shop categories) are one SQL for both engines, which every Spark build of this file
# runs on good data; their failing cases run on DuckDB in `make test` and on Spark in `make test-spark-extended`
# (marker spark_extended): each Spark run of them takes 1.5-3 minutes, most of it the checks before theirs.
SPARK_OWN_CHECKS = ("missing_table", "truncated_file", "off_contract_files", "bad_seed_rows")


_CASES_RUN: list[str] = []


@pytest.mark.parametrize("case", [case if case in SPARK_OWN_CHECKS else
                                  pytest.param(case, marks=pytest.mark.spark_extended) for case in BAD_INPUT])
def test_bad_input_stops_a_spark_run_before_any_model_with_duckdbs_message(
        checked_raw: Path, tmp_path: Path, case: str) -> None:
    """Each on-run-start check stops a Spark run, naming the file, row or setting as on DuckDB. The cases take
    turns in one folder (a fresh copy of the raw files each), whose dbt target and Spark metastore they share:
    every run stops before any model, so none leaves a relation behind for the next. Their Spark folder keeps
    the fingerprint of the last seed check that passed (spark__check_seed_files): bad_seed_rows, the last case,
    shows that changed seed files are checked again rather than skipped."""
    work = checked_raw.parent / "case"
    raw = work / "raw"
    shutil.rmtree(raw, ignore_errors=True)
    shutil.copytree(checked_raw, raw)
    settings, expected = BAD_INPUT[case](raw, tmp_path)
    if case == "bad_seed_rows" and "missing_table" in _CASES_RUN:
        # an earlier case passed the seed check in this Spark folder and recorded the seeds' fingerprint
        # (spark__check_seed_files): the changed seed files must be checked again, not skipped
        recorded = work / "spark" / "spark-warehouse" / "audit.db" / "seed_files_checked"
        assert duckdb.sql(f"select count(*) from read_parquet('{recorded}/*.parquet')").fetchone()[0] == 1
    _CASES_RUN.append(case)
    message = _spark_refusal(work, raw, **settings)
    missing = [line for line in expected if line not in message]
    assert not missing, f"not in the output: {missing}\n{message[-3000:]}"


def test_a_changed_or_vanished_loaded_file_stops_a_spark_run(tmp_path_factory: pytest.TempPathFactory,
                                                             tmp_path: Path) -> None:
    """check_loaded_files against the log the generated platform's Spark build wrote (SPEC §11)."""
    duck, _ = _built(tmp_path_factory)
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


def test_a_decimal_held_as_a_double_is_cast_as_on_duckdb(tmp_path: Path) -> None:
    """A raw file holding a DECIMAL(12,2) contract column as a DOUBLE, or as a FLOAT: Spark stages each value as
    DuckDB does (spark__platform_typed_value -> spark_double_as_decimal), DuckDB's cast being worked in Python
    beside it (_duckdb_decimal_of_double; a float is widened to the double it is first). Spark's own cast, shown
    beside, rounds 1.005 up: the values are real ties. On floats Spark's own cast happens to agree (a widened
    float's shortest double text has about 17 digits, never a short tie); rounding a float's own text (2.675)
    would not, and fails here."""
    values = [*DOUBLE_AMOUNT_VALUES, -1.005, -0.125, 9999999999.995, 1e10, float("nan"), None]
    raw = tmp_path / "amounts.parquet"
    con = duckdb.connect()
    try:
        # the float column holds each value rounded to the nearest float, as struct's "f" rounds it below
        con.execute("create table amounts (n integer, amount double, amount_float float)")
        con.executemany("insert into amounts values (?, ?, ?)", [(n, value, value) for n, value in enumerate(values)])
        con.execute(f"copy amounts to '{raw}' (format parquet)")
        duck = {column: [row[0] for row in con.execute(
            f"select cast(try_cast({column} as decimal(12,2)) as varchar) from '{raw}' order by n").fetchall()]
            for column in ("amount", "amount_float")}
    finally:
        con.close()
    typed = ("platform_typed_value('amount', 'decimal(12,2)', {'amount': 'DOUBLE'})",
             "platform_typed_value('amount_float', 'decimal(12,2)', {'amount_float': 'FLOAT'})")
    inline = ("{{ spark_sql('select n, cast(' ~ " + typed[0] + " ~ ' as varchar) as staged, cast(' ~ " + typed[1]
              + " ~ ' as varchar) as staged_float, "
              f"cast(cast(amount as decimal(12,2)) as varchar) as spark_cast from parquet.`{raw}` order by n') }}}}")
    spark_dir = tmp_path / "spark"
    shown = run_dbt(["show", "--target", "spark", "--inline", inline, "--output", "json", "--limit", "100"],
                    db_path=tmp_path / "unused.duckdb", capture=True, target_path=tmp_path / "target",
                    log_path=tmp_path / "logs", env_overrides={"SHOPSCORE_SPARK_DIR": str(spark_dir), **SPARK_ENV})
    rows = json.loads(shown.stdout[shown.stdout.index('{\n  "show"'):])["show"]

    def worked(value: float | None) -> str | None:  # DECIMAL(12,2): under 10^10
        if value is None or value != value or abs(_duckdb_decimal_of_double(value)) >= 10 ** 10:
            return None
        return str(_duckdb_decimal_of_double(value))

    as_float = [None if value is None else struct.unpack("f", struct.pack("f", value))[0] for value in values]
    staged = [row["staged"] for row in rows]
    assert staged == duck["amount"] == [worked(value) for value in values], list(zip(staged, duck["amount"]))
    staged_float = [row["staged_float"] for row in rows]
    assert staged_float == duck["amount_float"] == [worked(value) for value in as_float], list(
        zip(staged_float, duck["amount_float"]))
    assert staged[:3] == ["1.00", "2.68", "0.13"] and rows[0]["spark_cast"] == "1.01", rows
    assert staged_float[1] == "2.67" != staged[1]  # 2.675 as a float is 2.67499995...: not the double again


def test_the_quality_suite_imports_great_expectations_with_pyspark_installed() -> None:
    """With the `spark` extra, GX imports pyspark.sql.connect, which exits 0 when `__main__` has no file (a
    pytest-xdist worker of `make test`, `python -c`): shopscore.quality gives it one (_give_main_a_file)."""
    import pyspark  # the extra this file runs with

    done = subprocess.run([sys.executable, "-c", "import shopscore.quality, great_expectations; print('imported')"],
                          cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300)
    assert (done.returncode, done.stdout.strip()) == (0, "imported"), (pyspark.__version__, done.stderr[-2000:])
