"""Issue #9's headline test: day by day = all at once (SPEC §11 "History").

A platform generated with `shopscore generate --daily` (versions of mutable rows in the partition of the
day they changed) is delivered one day at a time with `deliver_through`; after each delivery
`shopscore daily` runs with its default dates, over at least 10 runs. After EACH run, every published mart
(found generically: every table of schema `marts`) equals, row by row with doubles within 1e-9, the
published marts of a full refresh over the same files for the same score dates, built in a warehouse of
its own: `dbt build --full-refresh` with the daily's vars and dates, then the same publish.

Both sides leave dbt's own tests out (the daily through the test hook SHOPSCORE_TEST_DBT_BUILD_ARGS; the
subject here is what the marts hold, the rest of the suite runs the tests): 2 x RUNS model-only builds.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from shopscore.generator.delivery import deliver_through
from shopscore.paths import PROJECT_DIR

# Minutes long: scheduled first (conftest.py).
pytestmark = pytest.mark.slow

RUNS = int(os.environ.get("SHOPSCORE_EQUIVALENCE_RUNS", "10"))
LAST_DAY = date(2026, 10, 31)
DAYS = 45
FLOAT_TOLERANCE = 1e-9
MODELS_ONLY = "--exclude-resource-type test unit_test"


class Warehouse:
    """A warehouse of its own: its published and working DuckDB files and dbt's logs under root. dbt's target
    folder (compiled SQL, partial-parse state) and working file are root's unless given: the full-refresh
    warehouses share both, the working file deleted before each build, so that each of their builds re-parses
    only what changed. dbt parses the whole project again when the profile changes, and the working file's
    path is part of the profile (6 s of a 14 s build here)."""

    def __init__(self, root: Path, raw: Path, target: Path | None = None, work: Path | None = None) -> None:
        self.root, self.raw = root, raw
        self.published = root / "shopscore.duckdb"
        self.target = target or root / "target"
        self.work = work or root / "shopscore.work.duckdb"

    def full_refresh(self, start: date, end: date) -> None:
        """What `shopscore daily --full-refresh --start --end` builds and publishes, without its quality step
        and summary (the subject here is what the marts hold; tests/python/test_daily_late_data.py runs the
        command itself): `dbt build --full-refresh` with the daily's vars and score dates, then publish."""
        from shopscore.daily import score_date_env
        from shopscore.dbt import run_dbt
        from shopscore.publish import publish

        work = self.work
        work.parent.mkdir(parents=True, exist_ok=True)
        for stale in (work, work.with_name(work.name + ".wal")):  # a new file: nothing of an earlier build
            stale.unlink(missing_ok=True)
        run_dbt(["build", "--full-refresh", *MODELS_ONLY.split()], db_path=work,
                dbt_vars={"raw_data_dir": str(self.raw)}, target_path=self.target, log_path=self.root / "logs",
                capture=True, env_overrides=score_date_env(start, end))
        publish(work, self.published)

    def daily(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "SHOPSCORE_DB": str(self.published),
               "SHOPSCORE_WORK_DB": str(self.work),
               "DBT_TARGET_PATH": str(self.target), "DBT_LOG_PATH": str(self.root / "logs"),
               "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "SHOPSCORE_TEST_DBT_BUILD_ARGS": MODELS_ONLY}
        done = subprocess.run([sys.executable, "-m", "shopscore.cli", "daily", "--raw-dir", str(self.raw), *args],
                              cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False, timeout=900)
        assert done.returncode == 0, done.stderr[-5000:]
        return done


def mart_rows(db: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Every table of schema marts: its column names and its rows, sorted by the exact columns first."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts' order by 1").fetchall()]
        out = {}
        for table in tables:
            columns = con.execute(
                "select column_name, data_type from duckdb_columns() where schema_name = 'marts' and table_name = ?"
                " order by column_index", [table]).fetchall()
            exact = [f'"{c}"' for c, t in columns if t not in ("DOUBLE", "FLOAT")]
            floats = [f'"{c}"' for c, t in columns if t in ("DOUBLE", "FLOAT")]
            order = ", ".join(exact + floats) or "1"
            rows = con.execute(f'select {", ".join(f"{chr(34)}{c}{chr(34)}" for c, _ in columns)} '
                               f'from marts."{table}" order by {order} nulls first').fetchall()
            out[table] = ([c for c, _ in columns], rows)
        return out
    finally:
        con.close()


def same_value(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=FLOAT_TOLERANCE, abs_tol=FLOAT_TOLERANCE)
    return a == b


def assert_same_marts(daily: Path, full: Path, label: str) -> None:
    got, want = mart_rows(daily), mart_rows(full)
    assert sorted(got) == sorted(want), f"{label}: the marts differ: {sorted(set(got) ^ set(want))}"
    for table, (columns, rows) in want.items():
        got_columns, got_rows = got[table]
        assert got_columns == columns, f"{label}: {table} columns differ"
        assert len(got_rows) == len(rows), f"{label}: {table} has {len(got_rows)} rows, full refresh {len(rows)}"
        for n, (mine, theirs) in enumerate(zip(got_rows, rows)):
            diff = [(c, x, y) for c, x, y in zip(columns, mine, theirs) if not same_value(x, y)]
            assert not diff, f"{label}: {table} row {n}: {diff[:4]}\n  daily {mine}\n  full  {theirs}"


def test_day_by_day_equals_a_full_refresh(tmp_path: Path) -> None:
    assert RUNS >= 1
    generation = tmp_path / "generation"
    subprocess.run([sys.executable, "-m", "shopscore.cli", "generate", "--out", str(generation), "--daily",
                    "--shops", "30", "--days", str(DAYS), "--seed", "23", "--end-date", LAST_DAY.isoformat(),
                    "--bad-rows", "--quiet"], check=True, cwd=PROJECT_DIR, timeout=600)
    raw = tmp_path / "raw"
    daily = Warehouse(tmp_path / "daily", raw)
    first_day = LAST_DAY - timedelta(days=RUNS)
    for run in range(RUNS):
        delivered = first_day + timedelta(days=run)
        added = deliver_through(generation, raw, delivered)
        assert run == 0 or added, f"nothing was delivered for {delivered}"
        daily.daily()
        # Score dates published so far: the day after each delivery.
        start, end = first_day + timedelta(days=1), delivered + timedelta(days=1)
        full = Warehouse(tmp_path / f"full-{run}", raw, target=tmp_path / "full-target",
                         work=tmp_path / "full-work" / "shopscore.work.duckdb")
        full.full_refresh(start, end)
        con = duckdb.connect(str(daily.published), read_only=True)
        try:
            dates = [r[0] for r in con.execute(
                "select distinct score_date from marts.fct_shop_score_daily order by 1").fetchall()]
        finally:
            con.close()
        assert dates == [start + timedelta(days=i) for i in range((end - start).days + 1)], f"run {run + 1}: {dates}"
        assert_same_marts(daily.published, full.published, f"after run {run + 1} (delivered through {delivered})")
    # Not vacuous: at least one active shop opens while the runs go on (the generation's own shops file,
    # read directly), and the published scores list it from its opened_date on and on no earlier date.
    con = duckdb.connect()
    try:
        opening = con.execute(
            "select shop_id, opened_date from read_parquet(?) where status = 'active' "
            "and opened_date > ? and opened_date <= ? order by shop_id",
            [str(generation / "shops" / "part-0.parquet"), start, end]).fetchall()
    finally:
        con.close()
    assert opening, f"no active shop opens within {start}..{end}: the test does not reach the opening rule"
    con = duckdb.connect(str(daily.published), read_only=True)
    try:
        for shop_id, opened in opening:
            listed = [r[0] for r in con.execute(
                "select distinct score_date from marts.fct_shop_score_daily where shop_id = ? order by 1",
                [shop_id]).fetchall()]
            assert listed == [opened + timedelta(days=i) for i in range((end - opened).days + 1)], (shop_id, opened, listed)
    finally:
        con.close()
