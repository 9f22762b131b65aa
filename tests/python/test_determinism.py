"""Bit-identical marts (docs/DESIGN.md): the same raw files give the same marts, to the last bit, whatever
DuckDB's thread count.

DuckDB adds a group's doubles in the order its threads deliver the rows, so a plain sum over DOUBLE can
differ in its last bits between two builds of the same files; every such sum on the way to a mart goes
through the macro exact_sum (macros/utils/exact_amount.sql). This test builds one small generated platform
twice, with DuckDB's own `threads` setting (intra-query parallelism, set in a copy of profiles.yml) at 1
and at 4, and compares every table of schema marts by row count and an order-free hash of its rows: no
tolerance. (dbt's --threads only runs models side by side; it does not change how one query adds up.)
Before exact_sum, this platform already differed in fct_cs_kpi_daily, fct_shop_dimension_score_daily and
the pdd scorecard.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from shopscore.dbt import run_dbt
from shopscore.paths import PROJECT_DIR

SCORE_VARS = {"score_date_start": "2026-10-25", "score_date_end": "2026-11-01"}
PROFILE_SETTING = '        timezone: "Asia/Shanghai"\n'


def mart_fingerprints(db: Path) -> dict[str, tuple[int, int]]:
    """(rows, order-free hash of every row) of every table of schema marts."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts' order by 1").fetchall()]
        return {n: con.execute(f'select count(*), coalesce(bit_xor(hash(t)), 0) from marts."{n}" as t').fetchone()
                for n in names}
    finally:
        con.close()


def build_with_duckdb_threads(raw: Path, work: Path, threads: int) -> Path:
    """Build raw into work/shopscore.duckdb from a copy of the project whose profile sets DuckDB's threads."""
    project = work / "project"
    for item in ("dbt_project.yml", "models", "macros", "seeds", "tests/dbt"):
        source = PROJECT_DIR / item
        if source.is_dir():
            shutil.copytree(source, project / item)
        else:
            (project / item).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / item)
    profile = (PROJECT_DIR / "profiles.yml").read_text()
    assert PROFILE_SETTING in profile, "profiles.yml no longer has the settings block this test extends"
    (project / "profiles.yml").write_text(profile.replace(PROFILE_SETTING, f"{PROFILE_SETTING}        threads: {threads}\n"))
    db = work / "shopscore.duckdb"
    run_dbt(["build", "--exclude-resource-type", "test", "unit_test"], db_path=db,
            dbt_vars={"raw_data_dir": str(raw), **SCORE_VARS}, target_path=work / "target", log_path=work / "logs",
            capture=True, project_dir=project)
    return db


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 shops over 60 days, with every kind of bad row: big enough that plain double sums vary by thread."""
    from shopscore.generate import GeneratorConfig, generate

    raw = tmp_path_factory.mktemp("determinism") / "raw"
    generate(raw, GeneratorConfig(shops=120, days=60, seed=7, orders=None, end_date=date(2026, 10, 31),
                                  bad_rows=True, daily=False), progress=False)
    return raw


def test_marts_are_bit_identical_whatever_duckdbs_thread_count(
        platform: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    one = mart_fingerprints(build_with_duckdb_threads(platform, tmp_path_factory.mktemp("threads-1"), 1))
    four = mart_fingerprints(build_with_duckdb_threads(platform, tmp_path_factory.mktemp("threads-4"), 4))
    assert "fct_shop_metric_daily" in one and "fct_cs_kpi_daily" in one
    differing = sorted(name for name in one if one[name] != four.get(name))
    assert set(one) == set(four) and not differing, f"marts that differ between 1 and 4 DuckDB threads: {differing}"
