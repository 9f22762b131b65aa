"""Bit-identical marts (docs/DESIGN.md): the same raw files give the same marts, to the last bit, whatever
DuckDB's thread count.

DuckDB adds a group's doubles in the order its threads deliver the rows, so a plain sum over DOUBLE can
differ in its last bits between two builds of the same files; every such sum on the way to a mart goes
through the macro exact_sum (macros/utils/exact_amount.sql). This test builds one small generated platform
twice, with DuckDB's own `threads` setting (intra-query parallelism, set in a copy of profiles.yml by the
dbt_build fixture's duckdb_threads) at 1 and at 4, and compares every table of schema marts by row count
and an order-free hash of its rows: no tolerance. (dbt's --threads only runs models side by side; it does not change how one query adds up.)
Before exact_sum, this platform already differed in fct_cs_kpi_daily, fct_shop_dimension_score_daily and
the pdd scorecard.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.python.conftest import BuildFn
from tests.python.test_daily import mart_fingerprints

SCORE_VARS = {"score_date_start": "2026-10-25", "score_date_end": "2026-11-01"}


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 shops over 60 days, with every kind of bad row: big enough that plain double sums vary by thread."""
    from shopscore.generate import GeneratorConfig, generate

    raw = tmp_path_factory.mktemp("determinism") / "raw"
    generate(raw, GeneratorConfig(shops=120, days=60, seed=7, orders=None, end_date=date(2026, 10, 31),
                                  bad_rows=True, daily=False), progress=False)
    return raw


def test_marts_are_bit_identical_whatever_duckdbs_thread_count(platform: Path, dbt_build: BuildFn) -> None:
    builds = {threads: dbt_build(platform, f"threads-{threads}", args=("build", "--exclude-resource-type", "test",
                                                                      "unit_test"), duckdb_threads=threads, **SCORE_VARS)
              for threads in (1, 4)}
    one, four = mart_fingerprints(builds[1]), mart_fingerprints(builds[4])
    assert "fct_shop_metric_daily" in one and "fct_cs_kpi_daily" in one
    differing = sorted(name for name in one if one[name] != four.get(name))
    assert set(one) == set(four) and not differing, f"marts that differ between 1 and 4 DuckDB threads: {differing}"
