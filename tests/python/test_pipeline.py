"""Whole-pipeline properties on generated data: bad rows change nothing published, text survives.

SPEC §9: "the published marts must not change because of rows that were quarantined", and every raw row
is either staged or quarantined. The generator plants every kind of bad row next to an otherwise
identical clean dataset, so building both and comparing the marts is a second route to that promise.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import math

import duckdb
import pytest

from shopscore.generate import GeneratorConfig, generate
from conftest import query

# Minutes long: scheduled first (conftest.py).
pytestmark = pytest.mark.slow

PUBLISHED = {
    "fct_shop_score_daily": "score_date, scheme, shop_id",
    "fct_shop_metric_daily": "score_date, scheme, shop_id, metric",
    "fct_shop_dimension_score_daily": "score_date, scheme, shop_id, dimension",
    "fct_shop_flag_daily": "score_date, scheme, shop_id, flag",
    "fct_cs_kpi_daily": "kpi_date, shop_id, agent_id, kpi",
    "fct_shop_metric_contribution_daily": "score_date, scheme, shop_id, metric",
    "fct_shop_core_problem_daily": "score_date, scheme, shop_id, reason_code",
    "fct_shop_improvement_target_daily": "score_date, scheme, shop_id, metric",
}
END = date(2026, 10, 31)
SCORE_VARS = {"score_date_start": "2026-10-30", "score_date_end": "2026-11-01"}


@pytest.fixture(scope="module")
def clean_and_dirty(tmp_path_factory: pytest.TempPathFactory, dbt_build) -> tuple[Path, Path, Path]:
    root = tmp_path_factory.mktemp("pipeline")
    clean_raw, dirty_raw = root / "clean", root / "dirty"
    base = dict(shops=60, days=60, seed=11, orders=None, end_date=END, daily=True)  # as delivered (SPEC §11)
    generate(clean_raw, GeneratorConfig(**base, bad_rows=False), progress=False)
    generate(dirty_raw, GeneratorConfig(**base, bad_rows=True), progress=False)
    # dbt's data tests run on the dirty build (the raw-row accounting of the planted rows among them); the
    # clean build is the reference its marts are compared with, models only
    clean_db = dbt_build(clean_raw, "clean", args=("build", "--exclude-resource-type", "test", "unit_test"),
                         **SCORE_VARS)
    dirty_db = dbt_build(dirty_raw, "dirty", **SCORE_VARS)
    return clean_db, dirty_db, dirty_raw


def _rows(db: Path, mart: str, order: str) -> list[tuple]:
    return query(db, f"select * from marts.{mart} order by {order}")


@pytest.mark.parametrize("mart", sorted(PUBLISHED))
def test_bad_rows_do_not_change_published_marts(clean_and_dirty, mart: str) -> None:
    clean_db, dirty_db, _ = clean_and_dirty
    clean = _rows(clean_db, mart, PUBLISHED[mart])
    dirty = _rows(dirty_db, mart, PUBLISHED[mart])
    assert clean, f"marts.{mart} is empty on the clean build: the comparison would prove nothing"
    assert len(clean) == len(dirty)
    for clean_row, dirty_row in zip(clean, dirty):
        assert _same_row(clean_row, dirty_row), f"marts.{mart} differs: clean {clean_row} vs dirty {dirty_row}"


def _same_row(left: tuple, right: tuple) -> bool:
    """Equal, but for floats: a parallel sum may differ in its last bit between two builds."""
    if len(left) != len(right):
        return False
    for a, b in zip(left, right):
        if isinstance(a, float) and isinstance(b, float):
            if not math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12):
                return False
        elif a != b:
            return False
    return True


def test_every_planted_bad_row_is_quarantined_and_counted(clean_and_dirty) -> None:
    _, dirty_db, dirty_raw = clean_and_dirty
    con = duckdb.connect()
    try:
        planted = con.execute(
            f"""
            select count(*) from read_parquet('{dirty_raw}/*/**/*.parquet', union_by_name = true,
                                              hive_partitioning = false)
            where _planted_defect is not null
            """
        ).fetchone()[0]
    finally:
        con.close()
    quarantined = query(dirty_db, "select count(*) from quarantine.rejected_rows")[0][0]
    assert planted > 50
    assert quarantined == planted


def test_published_health_counts_every_raw_row(clean_and_dirty) -> None:
    """marts.fct_raw_rows_by_partition: per table and delivery partition, its rows add up to the rows of the raw
    files (read here straight from Parquet), and its quarantined rows are exactly the planted ones."""
    _, dirty_db, dirty_raw = clean_and_dirty
    con = duckdb.connect()
    try:
        raw = dict(((table, day), (rows, bad)) for table, day, rows, bad in con.execute(
            rf"""
            select split_part(replace(filename, '{dirty_raw}/', ''), '/', 1) as table_name,
                try_cast(regexp_extract(filename, 'dt=(\d{{4}}-\d{{2}}-\d{{2}})', 1) as date) as partition_date,
                count(*), count(*) filter (where _planted_defect is not null)
            from read_parquet('{dirty_raw}/*/**/*.parquet', union_by_name = true, hive_partitioning = false,
                              filename = true)
            group by all
            """).fetchall())
    finally:
        con.close()
    published = dict(((table, day), (rows, bad)) for table, day, rows, bad in query(
        dirty_db,
        "select table_name, partition_date, sum(row_count), sum(row_count) filter (where row_status = 'quarantined')"
        " from marts.fct_raw_rows_by_partition group by all"))
    published = {key: (rows, bad or 0) for key, (rows, bad) in published.items()}
    assert sum(bad for _, bad in raw.values()) > 50
    assert published == raw
    superseded = query(dirty_db, "select sum(row_count) from marts.fct_raw_rows_by_partition"
                                 " where row_status = 'superseded'")[0][0]
    assert superseded > 0  # delivered data carries later versions (SPEC §11)


def test_chinese_names_reach_the_marts_intact(clean_and_dirty) -> None:
    clean_db, _, _ = clean_and_dirty
    raw_dir = clean_and_dirty[2]
    con = duckdb.connect()
    try:
        raw_names = dict(
            con.execute(
                f"select shop_id, shop_name from read_parquet('{raw_dir}/shops/**/*.parquet', union_by_name = true,"
                " hive_partitioning = false) where _planted_defect is null"
            ).fetchall()
        )
    finally:
        con.close()
    published = dict(query(clean_db, "select shop_id, shop_name from marts.dim_shops"))
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in name) for name in published.values())
    for shop_id, name in published.items():
        assert raw_names[shop_id] == name
