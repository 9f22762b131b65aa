"""History in every date-keyed mart (SPEC §11): runs over parts of the dates equal one run over all.

One small generated platform; several dbt runs on the SAME DuckDB file per scenario:
- reference: one run over d1..d10;
- split: d1..d5, then d6 alone, then a run with default dates (expected d7..the day after the
  latest data, computed here from the raw files), then one with nothing due, then a
  rebuild of the middle date d5 over tampered rows, then `--full-refresh` for d9..d10.
Every table of schema `marts` (listed from information_schema, not by hand) is compared row for row,
doubles within 1e-9.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from shopscore.daily import score_date_env
from shopscore.dbt import run_dbt
from shopscore.generate import GeneratorConfig, generate

# Minutes long: scheduled first (conftest.py).
pytestmark = pytest.mark.slow

END_DATE = date(2026, 10, 31)
D1 = date(2026, 10, 23)
DATES = [D1 + timedelta(days=i) for i in range(10)]  # d1..d10; d10 is the day after the last order
# The test's own KPI look-back (not the seed default): a run of D..E replaces kpi dates [D - 4, E - 1].
KPI_LOOKBACK = 4
BUILD = ("build", "--exclude-resource-type", "test", "unit_test")
# With dbt's data tests, which then check a mart holding earlier runs' dates too.
BUILD_WITH_DATA_TESTS = ("build", "--exclude-resource-type", "unit_test")


class Warehouse:
    """One DuckDB file and its dbt folders, built by several runs in turn."""

    def __init__(self, root: Path, raw: Path) -> None:
        self.root, self.raw = root, raw
        self.db = root / "shopscore.duckdb"

    def run(self, *extra: str, data_tests: bool = False, score_date_start: date | None = None,
            score_date_end: date | None = None) -> None:
        """One dbt build. The score dates go in as `shopscore daily` passes them (environment variables,
        score_date_env), so the vars stay the same from run to run and dbt re-parses only what reads them."""
        dbt_vars: dict[str, Any] = {"raw_data_dir": str(self.raw), "cs_kpi_lookback_days": KPI_LOOKBACK}
        args = [*(BUILD_WITH_DATA_TESTS if data_tests else BUILD), *extra]
        run_dbt(args, db_path=self.db, dbt_vars=dbt_vars, target_path=self.root / "target",
                log_path=self.root / "logs", capture=True,
                env_overrides=score_date_env(score_date_start, score_date_end))


@pytest.fixture(scope="module")
def raw_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("history-raw") / "raw"
    generate(raw, GeneratorConfig(shops=60, days=45, seed=5, orders=None, end_date=END_DATE, bad_rows=False, daily=True),
             progress=False)
    return raw


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, raw_dir: Path) -> Warehouse:
    warehouse = Warehouse(tmp_path_factory.mktemp("history-reference"), raw_dir)
    warehouse.run(score_date_start=DATES[0], score_date_end=DATES[-1])
    return warehouse


def date_keyed_marts(db: Path) -> dict[str, str]:
    """Every table of schema marts with a DATE column in its grain: {table: date column}."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select table_name, column_name from information_schema.columns"
            " where table_schema = 'marts' and column_name in ('score_date', 'kpi_date')"
            " order by table_name"
        ).fetchall()
    finally:
        con.close()
    return dict(rows)


def all_marts(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
        ).fetchall()]
    finally:
        con.close()


def table_rows(db: Path, table: str, where: str = "true") -> tuple[list[str], list[tuple[Any, ...]]]:
    """Rows of marts.<table>, sorted on the columns that are not DOUBLE (the grain), plus the column names."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute(f"select * from marts.{table} where {where}")
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
    finally:
        con.close()
    return names, sorted(rows, key=lambda row: tuple(
        (value is None, str(value)) for value in row if not isinstance(value, float)))


def differences(expected_db: Path, actual_db: Path, table: str, where: str = "true") -> Iterator[str]:
    names, expected = table_rows(expected_db, table, where)
    actual_names, actual = table_rows(actual_db, table, where)
    if names != actual_names:
        yield f"{table}: columns {actual_names} != {names}"
        return
    if len(expected) != len(actual):
        yield f"{table} ({where}): {len(actual)} rows, expected {len(expected)}"
        return
    for want, got in zip(expected, actual):
        for name, a, b in zip(names, want, got):
            same = (a is None and b is None) or (
                isinstance(a, float) and isinstance(b, float) and math.isclose(a, b, rel_tol=0, abs_tol=1e-9)
            ) or a == b
            if not same:
                yield f"{table}.{name}: {b!r} != expected {a!r} in row {got}"
                return


def assert_same_marts(expected_db: Path, actual_db: Path) -> None:
    tables = all_marts(expected_db)
    assert set(date_keyed_marts(expected_db)) >= {"fct_shop_score_daily", "fct_cs_kpi_daily"}
    assert all_marts(actual_db) == tables
    problems = [problem for table in tables for problem in differences(expected_db, actual_db, table)]
    assert not problems, "\n".join(problems[:20])


def latest_data_date(raw: Path) -> date:
    """The latest loaded day, independently of dbt: the latest dt= partition of orders, else the latest
    orders.created_at date."""
    files = sorted((raw / "orders").rglob("*.parquet"))
    partitions = [date.fromisoformat(part.split("=", 1)[1])
                  for f in files for part in f.parts if part.startswith("dt=")]
    if partitions:
        return max(partitions)
    con = duckdb.connect()
    try:
        (latest,) = con.execute(
            "select max(cast(created_at as timestamp)) from read_parquet(?)", [[str(f) for f in files]]
        ).fetchone()
    finally:
        con.close()
    return latest.date()


def replaced_range(date_column: str, start: date, end: date) -> tuple[date, date]:
    """The dates a run of score dates start..end replaces (SPEC §7 for KPI dates, with the test's look-back)."""
    if date_column == "kpi_date":
        return start - timedelta(days=KPI_LOOKBACK), end - timedelta(days=1)
    return start, end


def dates_in(db: Path, table: str, column: str) -> set[date]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0] for r in con.execute(f"select distinct {column} from marts.{table}").fetchall()}
    finally:
        con.close()


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory, raw_dir: Path) -> Warehouse:
    """d1..d5 in one run, then d6 in a run of its own (default dates follow in the first test)."""
    warehouse = Warehouse(tmp_path_factory.mktemp("history-split"), raw_dir)
    warehouse.run(score_date_start=DATES[0], score_date_end=DATES[4])
    warehouse.run(score_date_start=DATES[5], score_date_end=DATES[5])
    return warehouse


def test_default_dates_continue_after_the_last_built_date(split: Warehouse, reference: Warehouse) -> None:
    # Expected, from the raw files alone: the day after the last built date (d6) through the day after
    # the latest data.
    last_built = DATES[5]
    expected = [last_built + timedelta(days=i) for i in range(1, (latest_data_date(split.raw) - last_built).days + 2)]
    assert expected == DATES[6:]  # the scenario relies on d10 being the day after the latest data
    split.run()
    assert sorted(dates_in(split.db, "fct_shop_score_daily", "score_date")) == DATES
    # d1..d5, d6, then d7..d10 by default equals one run over d1..d10, in every mart.
    assert_same_marts(reference.db, split.db)

    # Nothing due now: a run with default dates builds no date, succeeds and keeps every date.
    split.run()
    assert_same_marts(reference.db, split.db)


def test_rebuilding_a_middle_date_replaces_exactly_that_date(split: Warehouse, reference: Warehouse) -> None:
    middle = DATES[4]
    marts = date_keyed_marts(split.db)
    con = duckdb.connect(str(split.db))
    try:
        for table, column in marts.items():
            low, high = replaced_range(column, middle, middle)
            # Tamper with the replaced dates: change every value and add a row no build would make.
            con.execute(f"update marts.{table} set shop_id = 'tampered:' || shop_id "
                        f"where {column} between ? and ?", [low, high])
            assert con.execute(f"select count(*) from marts.{table} where shop_id like 'tampered:%'").fetchone()[0] > 0
    finally:
        con.close()
    before = {table: table_rows(split.db, table, f"{column} not between '{replaced_range(column, middle, middle)[0]}'"
                                f" and '{replaced_range(column, middle, middle)[1]}'")
              for table, column in marts.items()}

    # With data tests: they must hold on a mart that keeps earlier runs' dates (run_dbt raises otherwise).
    split.run(score_date_start=middle, score_date_end=middle, data_tests=True)

    for table, column in marts.items():
        low, high = replaced_range(column, middle, middle)
        outside = f"{column} not between '{low}' and '{high}'"
        # Other dates: the same rows, untouched (row count and values).
        assert table_rows(split.db, table, outside) == before[table], table
    # The replaced dates: the tampered rows are gone and the rows equal the reference build's.
    assert_same_marts(reference.db, split.db)


def test_full_refresh_keeps_only_the_runs_dates(split: Warehouse, reference: Warehouse) -> None:
    split.run("--full-refresh", score_date_start=DATES[8], score_date_end=DATES[9])
    for table, column in date_keyed_marts(split.db).items():
        low, high = replaced_range(column, DATES[8], DATES[9])
        kept = dates_in(split.db, table, column)
        assert kept, table
        assert kept <= {low + timedelta(days=i) for i in range((high - low).days + 1)}, (table, sorted(kept))
    # Rows that look back at no earlier date equal the reference's.
    problems = list(differences(reference.db, split.db, "fct_shop_score_daily",
                                f"score_date between '{DATES[8]}' and '{DATES[9]}'"))
    assert not problems, problems
