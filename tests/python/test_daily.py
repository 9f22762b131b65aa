"""`shopscore daily` as a scheduler runs it (SPEC §11): write-audit-publish survives kill -9 in dbt and in
publish, readers holding the published file keep their data, the published file exposes only marts and
reference (tables, comments, no buyer ids) and opens in DuckDB 1.1, a failing data test publishes nothing,
and a run under another wall clock gives the same marts.

One small generated platform (40 shops, 60 days) is delivered with `deliver_through` into a raw folder;
every run is a real `shopscore daily` subprocess in its own process group (so kill -9 reaches dbt too).
Builds whose subject is publishing leave dbt's own tests out through the documented test hook
SHOPSCORE_TEST_DBT_BUILD_ARGS; the failing-test case runs them.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from shopscore.generator.delivery import deliver_through
from shopscore.paths import PROJECT_DIR
from tests.python.test_daily_equivalence import assert_same_marts

LAST_DAY = date(2026, 10, 31)
MODELS_ONLY = "--exclude-resource-type test unit_test"
FAKETIME_LIB = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")
BUYER_ID = re.compile(r"buyer_?id", re.IGNORECASE)


@dataclass
class Site:
    """One warehouse: raw deliveries, a working and a published file, dbt's target and logs."""

    root: Path
    generation: Path
    raw: Path

    @property
    def published(self) -> Path:
        return self.root / "published" / "shopscore.duckdb"

    @property
    def work(self) -> Path:
        return self.root / "work" / "shopscore.work.duckdb"

    def env(self, **extra: str) -> dict[str, str]:
        env = {**os.environ, "SHOPSCORE_DB": str(self.published), "SHOPSCORE_WORK_DB": str(self.work),
               "DBT_TARGET_PATH": str(self.root / "target"), "DBT_LOG_PATH": str(self.root / "logs"),
               "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "SHOPSCORE_TEST_DBT_BUILD_ARGS": MODELS_ONLY}
        env.update(extra)
        return env

    def start(self, *args: str, **extra: str) -> subprocess.Popen[str]:
        """A `shopscore daily` subprocess in its own process group, stderr piped."""
        cmd = [sys.executable, "-m", "shopscore.cli", "daily", "--raw-dir", str(self.raw), *args]
        return subprocess.Popen(cmd, cwd=PROJECT_DIR, env=self.env(**extra), text=True, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)

    def run(self, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "shopscore.cli", "daily", "--raw-dir", str(self.raw), *args]
        return subprocess.run(cmd, cwd=PROJECT_DIR, env=self.env(**extra), text=True, capture_output=True,
                              check=False, timeout=600)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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


def kill_when(process: subprocess.Popen[str], pattern: str, timeout: float = 300) -> list[str]:
    """Read the run's stderr until a line matches, then kill -9 its whole process group (dbt too)."""
    assert process.stderr is not None
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    for line in process.stderr:
        seen.append(line)
        if re.search(pattern, line):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=60)
            return seen
        assert time.monotonic() < deadline, "".join(seen[-30:])
    process.wait(timeout=60)
    raise AssertionError(f"the run ended (exit {process.returncode}) before /{pattern}/:\n" + "".join(seen[-40:]))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A platform delivered through the day before its last, published by one daily run (score date = last day)."""
    from shopscore.demo import generate_into

    root = tmp_path_factory.mktemp("daily")
    generation = root / "generation"
    # --daily (versions in the partition of the day they changed) once the generator has it.
    generate_into(generation, daily=True, quiet=True, bad_rows=True, shops=40, days=60, seed=19,
              orders=None, end_date=LAST_DAY)
    site = Site(root, generation, root / "raw")
    deliver_through(generation, site.raw, LAST_DAY - timedelta(days=1))
    done = site.run()
    assert done.returncode == 0, done.stderr[-4000:]
    return site


def published_dates(db: Path) -> list[date]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute(
            "select distinct score_date from marts.fct_shop_score_daily order by 1").fetchall()]
    finally:
        con.close()


def test_first_run_published_the_day_after_the_delivery(site: Site) -> None:
    # Delivered through LAST_DAY - 1: the one score date due is LAST_DAY (data before it), SPEC §11.
    assert published_dates(site.published) == [LAST_DAY]
    con = duckdb.connect(str(site.work), read_only=True)
    try:
        rows = con.execute("select published, date_start, date_end, exit_code, ended_at is not null from audit.runs"
                           ).fetchall()
    finally:
        con.close()
    assert rows == [(True, LAST_DAY, LAST_DAY, 0, True)]


# --- exposure -----------------------------------------------------------------------------------------

def test_published_file_holds_only_marts_and_reference_tables(site: Site) -> None:
    con = duckdb.connect(str(site.published), read_only=True)
    try:
        schemas = {r[0] for r in con.execute(
            "select distinct schema_name from duckdb_tables() where database_name = current_database()").fetchall()}
        views = con.execute("select schema_name, view_name from duckdb_views() where not internal").fetchall()
        columns = con.execute("select schema_name, table_name, column_name, data_type, comment from duckdb_columns()"
                              " where database_name = current_database() order by all").fetchall()
        table_comments = dict(((s, t), c) for s, t, c in con.execute(
            "select schema_name, table_name, comment from duckdb_tables() where database_name = current_database()"
        ).fetchall())
    finally:
        con.close()
    assert schemas == {"marts", "reference"}
    assert views == []
    assert [c for c in columns if BUYER_ID.search(c[2])] == []
    # Types and comments are those of the working database's relations (dbt persist_docs).
    work = duckdb.connect(str(site.work), read_only=True)
    try:
        want_columns = work.execute(
            "select schema_name, table_name, column_name, data_type, comment from duckdb_columns()"
            " where schema_name in ('marts', 'reference') order by all").fetchall()
        want_comments = dict(((s, t), c) for s, t, c in work.execute(
            "select schema_name, table_name, comment from duckdb_tables() where schema_name in ('marts', 'reference')"
            " union all select schema_name, view_name, comment from duckdb_views()"
            " where schema_name in ('marts', 'reference')").fetchall())
    finally:
        work.close()
    assert columns == want_columns
    assert table_comments == want_comments
    assert all(c for c in table_comments.values()), "a published relation lost its comment"
    assert mart_fingerprints(site.published) == mart_fingerprints(site.work)


def test_published_file_does_not_depend_on_its_name(site: Site, tmp_path: Path) -> None:
    copy = tmp_path / "renamed copy.duckdb"
    shutil.copy(site.published, copy)
    con = duckdb.connect()
    try:
        con.execute(f"attach '{copy}' as elsewhere (read_only)")
        names = [r[0] for r in con.execute(
            "select schema_name || '.' || table_name from duckdb_tables() where database_name = 'elsewhere'").fetchall()]
        for name in names:  # every relation reads under another catalog name
            con.execute(f"select count(*) from elsewhere.{name}").fetchone()
    finally:
        con.close()
    assert "marts.fct_shop_score_daily" in names


@pytest.fixture(scope="module")
def duckdb_1_1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """DuckDB 1.1.3 installed by pip into a throwaway folder (a BI driver's older reader)."""
    folder = tmp_path_factory.mktemp("duckdb-1.1")
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           "--no-deps", "--target", str(folder), "duckdb==1.1.3"],
                          capture_output=True, text=True, check=False, timeout=300)
    if done.returncode != 0:
        pytest.skip("pip could not install duckdb==1.1.3 (no package index reachable): " + done.stderr[-500:])
    return folder


def test_duckdb_1_1_reader_opens_the_published_file(site: Site, duckdb_1_1: Path) -> None:
    script = (
        "import duckdb, sys\n"
        "con = duckdb.connect(sys.argv[1], read_only=True)\n"
        "n, total = con.execute('select count(*), sum(total_score) from marts.fct_shop_score_daily').fetchone()\n"
        "print(duckdb.__version__, n, repr(total))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(site.published)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(duckdb_1_1)}, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    version, rows, total = done.stdout.split()
    assert version == "1.1.3"
    con = duckdb.connect(str(site.work), read_only=True)
    try:
        want_rows, want_total = con.execute(
            "select count(*), sum(total_score) from marts.fct_shop_score_daily").fetchone()
    finally:
        con.close()
    assert int(rows) == want_rows and float(total) == pytest.approx(want_total, rel=1e-12)


# --- crash: kill -9 during dbt and during publish -------------------------------------------------------

def test_kill_during_dbt_models_leaves_the_published_file_as_it_was(site: Site) -> None:
    before = sha256(site.published)
    seen = kill_when(site.start(), r"START sql (table|view|incremental) model")
    assert sha256(site.published) == before, "".join(seen[-20:])
    assert published_dates(site.published) == [LAST_DAY]


def test_kill_during_publish_leaves_the_published_file_as_it_was(site: Site) -> None:
    before = sha256(site.published)
    seen = kill_when(site.start(SHOPSCORE_TEST_PUBLISH_PAUSE_SECONDS="120"), r"publish: test pause")
    # The new file was complete and about to be renamed; the published one is untouched.
    leftovers = list(site.published.parent.glob(".shopscore.duckdb.publishing-*"))
    assert leftovers, "".join(seen[-20:])
    assert sha256(site.published) == before
    assert published_dates(site.published) == [LAST_DAY]


# --- readers: a reader holds the published file through the next run -----------------------------------

def test_reader_keeps_old_data_through_a_run_and_a_new_connection_sees_the_new_date(site: Site) -> None:
    deliver_through(site.generation, site.raw, LAST_DAY)  # one more day arrives
    inode = site.published.stat().st_ino
    reader = duckdb.connect(str(site.published), read_only=True)
    sql = "select max(score_date), count(*), coalesce(bit_xor(hash(t)), 0) from marts.fct_shop_score_daily as t"
    later_sql = "select max(score_date), count(*) from marts.fct_shop_metric_daily"
    work = duckdb.connect(str(site.work), read_only=True)
    later_old = work.execute(later_sql).fetchone()  # the working marts equal the published ones now
    work.close()
    old = reader.execute(sql).fetchone()
    readings: list[tuple] = []
    stop = threading.Event()

    def keep_reading() -> None:
        while not stop.is_set():
            readings.append(reader.cursor().execute(sql).fetchone())
            time.sleep(0.2)

    thread = threading.Thread(target=keep_reading)
    thread.start()
    try:
        done = site.run()  # the next run after both kills: it must succeed
    finally:
        stop.set()
        thread.join()
    assert done.returncode == 0, done.stderr[-4000:]
    assert len(readings) > 10 and set(readings) == {old}, "the reader saw something else than the old file"
    assert reader.execute(sql).fetchone() == old
    # The file was replaced by a rename, not overwritten: a mart the reader had not read yet is still old.
    assert site.published.stat().st_ino != inode
    assert reader.execute(later_sql).fetchone() == later_old
    reader.close()
    assert published_dates(site.published)[-1] == LAST_DAY + timedelta(days=1)  # a new connection sees it
    assert not list(site.published.parent.glob(".shopscore.duckdb.publishing-*")), "the killed run's temp file stayed"
    con = duckdb.connect(str(site.work), read_only=True)
    try:
        runs = con.execute("select published, ended_at is null, date_end from audit.runs order by started_at").fetchall()
    finally:
        con.close()
    # first run, the two killed runs (no end, nothing published), this run
    assert runs == [(True, False, LAST_DAY), (False, True, LAST_DAY), (False, True, LAST_DAY),
                    (True, False, LAST_DAY + timedelta(days=1))]


# --- a failing test publishes nothing -----------------------------------------------------------------

def test_failing_data_test_exits_3_and_publishes_nothing(site: Site, tmp_path: Path) -> None:
    project = tmp_path / "project"
    for item in ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests/dbt"):
        source = PROJECT_DIR / item
        if source.is_dir():
            shutil.copytree(source, project / item)
        else:
            (project / item).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / item)
    # A singular data test that fails on purpose: one row of the published scores comes back.
    (project / "tests/dbt/assert_fails_on_purpose.sql").write_text(
        "select * from {{ ref('fct_shop_score_daily') }} limit 1\n")
    before = sha256(site.published)
    code = subprocess.run(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from shopscore.daily import DailyOptions, run_daily;"
         f"sys.exit(run_daily(DailyOptions(raw_dir=Path({str(site.raw)!r}), project_dir=Path({str(project)!r}))))"],
        cwd=PROJECT_DIR, env=site.env(SHOPSCORE_TEST_DBT_BUILD_ARGS="--select fct_shop_score_daily+ "
                                      "--exclude-resource-type unit_test"),
        capture_output=True, text=True, check=False, timeout=600)
    assert code.returncode == 3, code.stderr[-3000:]
    assert "assert_fails_on_purpose" in code.stderr and "NOTHING was published" in code.stderr
    assert sha256(site.published) == before
    con = duckdb.connect(str(site.work), read_only=True)
    try:
        last = con.execute("select published, exit_code, tests_failed from audit.runs order by started_at desc limit 1"
                           ).fetchone()
    finally:
        con.close()
    assert last == (False, 3, 1)


def test_bad_input_exits_2_before_any_model(site: Site, tmp_path: Path) -> None:
    before = sha256(site.published)
    done = site.run("--start", "2026-11-02", "--end", "2026-11-01")
    assert done.returncode == 2 and "before --start" in done.stderr and "NOTHING was published" in done.stderr
    # a raw folder missing a table: dbt's on-run-start check refuses it before any model
    raw = tmp_path / "raw"
    shutil.copytree(site.raw, raw)
    shutil.rmtree(raw / "reviews")
    cmd = [sys.executable, "-m", "shopscore.cli", "daily", "--raw-dir", str(raw)]
    done = subprocess.run(cmd, cwd=PROJECT_DIR, env=site.env(), capture_output=True, text=True, check=False,
                          timeout=600)
    assert done.returncode == 2, done.stderr[-3000:]
    assert "reviews" in done.stderr and "START sql" not in done.stderr
    assert sha256(site.published) == before


# --- determinism: another wall clock, the same marts ---------------------------------------------------

@pytest.mark.skipif(not FAKETIME_LIB.exists(), reason="libfaketime is not installed (scripts/install-system-packages.sh)")
def test_another_clock_gives_the_same_marts(site: Site, tmp_path: Path) -> None:
    # The same files and dates as the last published run, built with the whole process tree's clock moved
    # into the last delivered day (a clock a scheduler could really have: a rerun at noon). Rows of that
    # day later than noon must not look "in the future": no wall clock may enter a mart (SPEC §11).
    clock = "2026-10-31 12:00:00"
    dates = published_dates(site.published)
    other = Site(tmp_path, site.generation, site.raw)
    done = other.run("--start", dates[0].isoformat(), "--end", dates[-1].isoformat(),
                     LD_PRELOAD=str(FAKETIME_LIB), FAKETIME=f"@{clock}", FAKETIME_DONT_RESET="1")
    assert done.returncode == 0, done.stderr[-4000:]
    con = duckdb.connect(str(other.work), read_only=True)
    try:
        started = con.execute("select started_at from audit.runs").fetchone()[0]
    finally:
        con.close()
    assert started.year == int(clock[:4]), "the clock was not moved"
    # Row by row, doubles within 1e-9 (parallel sums may differ in the last bit between any two builds).
    assert_same_marts(other.published, site.published, f"clock {clock}")


# The one sanctioned use of the clock: when a raw row was loaded (base models and quarantine.rejected_rows,
# audit metadata that no published mart reads), through this macro.
AUDIT_CLOCK = re.compile(r"platform_run_started_at\(\) \}\} as loaded_at,$|^\s*cast\('\{\{ run_started_at\.astimezone")


def test_no_wall_clock_in_models_or_macros() -> None:
    pattern = re.compile(r"\b(now\s*\(|current_date|current_timestamp|get_current_timestamp|run_started_at"
                         r"|modules\.datetime\.datetime\.now)", re.IGNORECASE)
    found = [f"{path.relative_to(PROJECT_DIR)}:{n}" for folder in ("models", "macros")
             for path in sorted((PROJECT_DIR / folder).rglob("*.sql"))
             for n, line in enumerate(path.read_text().splitlines(), 1)
             if pattern.search(line) and not AUDIT_CLOCK.search(line.strip())]
    assert found == []
    uses = [path.name for path in sorted((PROJECT_DIR / "models").rglob("*.sql")) + sorted(
        (PROJECT_DIR / "macros").rglob("*.sql")) if "{{ platform_run_started_at() }}" in path.read_text()]
    assert uses == ["platform_checked.sql"], uses  # loaded_at only, never a value a mart is computed from
