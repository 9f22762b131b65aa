"""`shopscore daily`: the one command a scheduler runs (SPEC §11, write-audit-publish).

Phases, each timed on stderr:

1. **plan**: which score dates are due. Explicit `--start/--end`, else from the runs log: the day after
   the last PUBLISHED score date through the day after the latest `dt=` partition of `orders` (the first
   run: that one day; a catch-up: every missing date). `--full-refresh` and `--reload` rebuild every date
   published so far. Raw folders without partitions leave the dates to dbt's defaults.
2. **build**: `dbt build` into the WORKING database (`$SHOPSCORE_WORK_DB`): the checks before any model,
   the incremental load of new files, the models and every data and unit test.
3. **quality**: the Great Expectations suite on the working database's marts.
4. **publish**: `shopscore.publish.publish`, a new file renamed over `$SHOPSCORE_DB` atomically.
5. **summary**: where the warehouse stands, and the last runs.

Every run writes a row to `audit.runs` in the working database (created here, not by dbt) when it starts
and completes it when it ends; a killed run leaves its row with no `ended_at`. Exit codes (README):
0 published; 2 bad input or setting (nothing built); 3 tests failed (dbt data or unit tests, or Great
Expectations); 4 the build failed (a model or seed errored); 5 publishing failed; 6 another run holds
the working database; 1 anything unexpected. Any non-zero exit published NOTHING.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shlex
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TextIO

import duckdb

from shopscore.paths import PROJECT_DIR, warehouse_path, work_db_path

EXIT_PUBLISHED = 0
EXIT_UNEXPECTED = 1
EXIT_BAD_INPUT = 2
EXIT_TESTS_FAILED = 3
EXIT_BUILD_FAILED = 4
EXIT_PUBLISH_FAILED = 5
EXIT_BUSY = 6

RUNS_TABLE = "audit.runs"
LOADED_FILES_TABLE = "audit.audit_loaded_files"
RAW_COUNTS_TABLE = "audit.audit_raw_row_counts"
PARTITION = re.compile(r"^dt=(\d{4}-\d{2}-\d{2})$")
TEST_DBT_ARGS_ENV = "SHOPSCORE_TEST_DBT_BUILD_ARGS"
DATE_TABLE = "orders"  # the table whose latest partition says how far the data reaches (SPEC §11)
# The environment variables macro score_date_setting reads when vars score_date_start / _end are unset.
SCORE_DATE_ENV = {"start": "SHOPSCORE_SCORE_DATE_START", "end": "SHOPSCORE_SCORE_DATE_END"}

RUNS_DDL = f"""
create schema if not exists audit;
create table if not exists {RUNS_TABLE} (
    run_id varchar primary key,
    dbt_invocation_id varchar,
    started_at timestamptz not null,
    ended_at timestamptz,
    raw_dir varchar not null,
    full_refresh boolean not null,
    reload_tables varchar[],
    files_loaded bigint,
    rows_staged bigint,
    rows_superseded bigint,
    rows_quarantined bigint,
    date_start date,
    date_end date,
    dates_built integer,
    stale_score_dates date[],
    tests_failed integer,
    published boolean not null,
    exit_code integer,
    message varchar,
    phase_seconds varchar
);
comment on table {RUNS_TABLE} is 'One row per `shopscore daily` run (SPEC §11): what it loaded, built, tested and whether it published. A row without ended_at is a run that was killed.';
"""


class DailyFailure(Exception):
    """A phase failed: the exit code, and what failed in words."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class DailyOptions:
    raw_dir: Path
    start: date | None = None
    end: date | None = None
    full_refresh: bool = False
    reload_tables: Sequence[str] = ()
    work_db: Path = field(default_factory=work_db_path)
    published: Path = field(default_factory=warehouse_path)
    target_path: Path | None = None
    log_path: Path | None = None
    # Another copy of the dbt project (tests: one with a data test that fails on purpose).
    project_dir: Path | None = None


@dataclass
class RunRecord:
    """The row of audit.runs this run writes."""

    run_id: str
    started_at: datetime
    raw_dir: str
    full_refresh: bool
    reload_tables: list[str]
    dbt_invocation_id: str | None = None
    files_loaded: int | None = None
    rows_staged: int | None = None
    rows_superseded: int | None = None
    rows_quarantined: int | None = None
    date_start: date | None = None
    date_end: date | None = None
    dates_built: int | None = None
    stale_score_dates: list[date] = field(default_factory=list)
    tests_failed: int | None = None
    published: bool = False
    exit_code: int | None = None
    message: str = "running"
    phase_seconds: dict[str, float] = field(default_factory=dict)


class Progress:
    """`==> phase` lines with the time each phase took, on stderr."""

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out if out is not None else sys.stderr
        self.seconds: dict[str, float] = {}

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    @contextlib.contextmanager
    def phase(self, name: str) -> Iterator[None]:
        self.say(f"==> daily: {name}")
        began = time.monotonic()
        try:
            yield
        finally:
            took = time.monotonic() - began
            self.seconds[name] = round(took, 3)
            self.say(f"<== daily: {name} {took:.1f} s")


# --- dates -------------------------------------------------------------------------------------------

def partition_dates(raw_dir: Path, table: str = DATE_TABLE) -> list[date]:
    """The dates of the `dt=YYYY-MM-DD` partitions of a table folder that hold a Parquet file."""
    folder = raw_dir / table
    found = []
    if folder.is_dir():
        for child in folder.iterdir():
            match = PARTITION.match(child.name)
            if match and child.is_dir() and any(child.rglob("*.parquet")):
                found.append(date.fromisoformat(match.group(1)))
    return sorted(found)


def published_dates(con: duckdb.DuckDBPyConnection) -> tuple[date | None, date | None]:
    """(first, last) score date of the runs that published, from the runs log."""
    row = con.execute(f"select min(date_start), max(date_end) from {RUNS_TABLE} where published").fetchone()
    return (row[0], row[1]) if row else (None, None)


def plan_dates(options: DailyOptions, first_published: date | None, last_published: date | None,
               latest_partition: date | None) -> tuple[date | None, date | None, str]:
    """(start, end, why) of the score dates to build; (None, None) lets dbt choose (no partitions)."""
    if (options.start is None) != (options.end is None):
        raise DailyFailure(EXIT_BAD_INPUT, "--start and --end go together: give both, or neither for the dates due")
    if options.start is not None and options.end is not None:
        if options.end < options.start:
            raise DailyFailure(EXIT_BAD_INPUT, f"--end {options.end} is before --start {options.start}")
        return options.start, options.end, "the dates asked for"
    if latest_partition is None:
        start = last_published + timedelta(days=1) if last_published and not _rebuild_all(options) else None
        return start, None, "no dt= partitions of orders: dbt's default dates (the day after the latest order)"
    end = latest_partition + timedelta(days=1)
    if _rebuild_all(options) and first_published is not None:
        return min(first_published, end), end, "every date published so far (full refresh or reload)"
    if last_published is None:
        return end, end, "first run: the day after the latest delivery"
    if last_published >= end:
        return end, end, "nothing new is due: rebuilding the latest date"
    start = last_published + timedelta(days=1)
    why = "catch-up: every date since the last published one" if start < end else "the next date"
    return start, end, why


def _rebuild_all(options: DailyOptions) -> bool:
    return options.full_refresh or bool(options.reload_tables)


# --- the runs log ------------------------------------------------------------------------------------

def ensure_runs_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RUNS_DDL)


def write_run(con: duckdb.DuckDBPyConnection, record: RunRecord, *, ended: bool) -> None:
    """Insert or replace this run's row of audit.runs."""
    con.execute(f"delete from {RUNS_TABLE} where run_id = ?", [record.run_id])
    con.execute(
        f"insert into {RUNS_TABLE} values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            record.run_id, record.dbt_invocation_id, record.started_at,
            datetime.now(timezone.utc) if ended else None,
            record.raw_dir, record.full_refresh, record.reload_tables,
            record.files_loaded, record.rows_staged, record.rows_superseded, record.rows_quarantined,
            record.date_start, record.date_end, record.dates_built, record.stale_score_dates,
            record.tests_failed, record.published, record.exit_code, record.message,
            json.dumps(record.phase_seconds),
        ],
    )


def _relation_exists(con: duckdb.DuckDBPyConnection, qualified: str) -> bool:
    schema, name = qualified.split(".")
    return bool(con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, name]
    ).fetchone()[0])


def superseded_total(con: duckdb.DuckDBPyConnection) -> int | None:
    if not _relation_exists(con, RAW_COUNTS_TABLE):
        return None
    return int(con.execute(f"select coalesce(sum(rows_superseded), 0) from {RAW_COUNTS_TABLE}").fetchone()[0])


def load_counts(con: duckdb.DuckDBPyConnection, invocation_id: str | None) -> tuple[int, int, int] | None:
    """(files loaded, rows staged, rows quarantined) by this dbt invocation, from the loaded-files log."""
    if invocation_id is None or not _relation_exists(con, LOADED_FILES_TABLE):
        return None
    row = con.execute(
        f"select count(*), coalesce(sum(rows_staged), 0), coalesce(sum(rows_quarantined), 0)"
        f" from {LOADED_FILES_TABLE} where run_id = ?",
        [invocation_id],
    ).fetchone()
    return int(row[0]), int(row[1]), int(row[2])


def stale_dates(con: duckdb.DuckDBPyConnection, invocation_id: str | None, start: date | None, end: date | None,
                carried: Sequence[date]) -> list[date] | None:
    """Score dates built before that late data reached and this run did not rebuild (SPEC §11).

    A partition loaded in this run whose date is older than the latest partition loaded before it is
    late: every built score date after its dt saw it missing. A run that rebuilds dates before the latest
    built one makes every later built date stale too: their scorecards read the rebuilt dates' totals (the
    7-day change) and flags (previous value, date last changed), and their contribution changes too.
    Dates still stale from earlier runs stay listed until a run rebuilds them. None when the loaded-files
    log does not exist.
    """
    rebuilt = (lambda d: start is not None and end is not None and start <= d <= end)
    still = {d for d in carried if not rebuilt(d)}
    if invocation_id is None or not _relation_exists(con, LOADED_FILES_TABLE):
        return sorted(still) if carried else None
    row = con.execute(
        f"""
        with before as (
            select max(partition_date) as latest from {LOADED_FILES_TABLE}
            where run_id <> ? and partition_date is not null
        )
        select min(loaded.partition_date)
        from {LOADED_FILES_TABLE} as loaded, before
        where loaded.run_id = ? and loaded.partition_date < before.latest
        """,
        [invocation_id, invocation_id],
    ).fetchone()
    earliest_late = row[0] if row else None
    if not _relation_exists(con, "marts.fct_shop_score_daily"):
        return sorted(still)
    if earliest_late is not None:
        built = [r[0] for r in con.execute(
            "select distinct score_date from marts.fct_shop_score_daily where score_date > ?", [earliest_late]
        ).fetchall()]
        still |= {d for d in built if not rebuilt(d)}
    if end is not None:
        later = [r[0] for r in con.execute(
            "select distinct score_date from marts.fct_shop_score_daily where score_date > ?", [end]
        ).fetchall()]
        still |= set(later)
    return sorted(still)


# --- dbt's results -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class DbtOutcome:
    invocation_id: str | None
    nodes_run: int
    tests_failed: int
    nodes_errored: int
    failed_names: list[str]


def read_run_results(target: Path, since: float) -> DbtOutcome:
    """What dbt's run_results.json says about the build that started at `since` (else nothing ran)."""
    path = target / "run_results.json"
    if not path.exists() or path.stat().st_mtime < since:
        return DbtOutcome(None, 0, 0, 0, [])
    data = json.loads(path.read_text())
    invocation = data.get("metadata", {}).get("invocation_id")
    tests_failed = errored = ran = 0
    names = []
    for result in data.get("results", []):
        status, uid = result.get("status"), str(result.get("unique_id", ""))
        if status != "skipped":
            ran += 1
        if status in ("fail", "error") and uid.split(".")[0] in ("test", "unit_test"):
            tests_failed += 1
            names.append(uid)
        elif status == "error":
            errored += 1
            names.append(uid)
    return DbtOutcome(invocation, ran, tests_failed, errored, names)


# --- the run -----------------------------------------------------------------------------------------

@contextlib.contextmanager
def _exclusive(work_db: Path) -> Iterator[None]:
    """One daily run at a time per working database (a lock file beside it)."""
    work_db.parent.mkdir(parents=True, exist_ok=True)
    with open(work_db.with_name(work_db.name + ".lock"), "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DailyFailure(EXIT_BUSY, f"another run holds {work_db} (lock {handle.name}); try again when it ends")
        yield


def run_daily(options: DailyOptions, progress: Progress | None = None, out: TextIO | None = None) -> int:
    """Run the daily cycle; return the exit code. Never raises for a failed phase."""
    progress = progress or Progress()
    record = RunRecord(
        run_id=str(uuid.uuid4()),
        started_at=datetime.now(timezone.utc),
        raw_dir=str(options.raw_dir),
        full_refresh=options.full_refresh,
        reload_tables=list(options.reload_tables),
    )
    logged = False
    try:
        with _exclusive(options.work_db):
            try:
                logged = _cycle(options, record, progress, out)
                record.exit_code, record.message = EXIT_PUBLISHED, "published"
            except DailyFailure as failure:
                record.exit_code, record.message = failure.code, str(failure)
            except Exception as error:  # noqa: BLE001 - any surprise still ends in a logged, non-zero run
                record.exit_code, record.message = EXIT_UNEXPECTED, f"{type(error).__name__}: {error}"
            if record.published and record.exit_code != EXIT_PUBLISHED:
                # Published, then something after it failed (the log, the summary): it still published.
                progress.say(f"shopscore daily: published {options.published}; afterwards: {record.message}")
                record.exit_code, record.message = EXIT_PUBLISHED, f"published; afterwards: {record.message}"
            record.phase_seconds = progress.seconds
            with contextlib.suppress(duckdb.Error):
                con = duckdb.connect(str(options.work_db))
                try:
                    ensure_runs_table(con)
                    write_run(con, record, ended=True)
                    logged = True
                finally:
                    con.close()
    except DailyFailure as failure:
        record.exit_code, record.message = failure.code, str(failure)
    if record.exit_code != EXIT_PUBLISHED:
        progress.say(
            f"shopscore daily: FAILED (exit {record.exit_code}): {record.message}\n"
            f"NOTHING was published: {options.published} is unchanged."
            + ("" if logged else " (The runs log could not be written.)")
        )
    return int(record.exit_code or 0)


def _cycle(options: DailyOptions, record: RunRecord, progress: Progress, out: TextIO | None) -> bool:
    from shopscore.dbt import stream_dbt

    raw_dir = options.raw_dir.resolve()
    if not raw_dir.is_dir():
        raise DailyFailure(EXIT_BAD_INPUT, f"raw folder {raw_dir} does not exist: point --raw-dir at the delivery folder")
    target = options.target_path or _env_path("DBT_TARGET_PATH") or PROJECT_DIR / "target"

    with progress.phase("plan"):
        con = duckdb.connect(str(options.work_db))
        try:
            ensure_runs_table(con)
            first, last = published_dates(con)
            carried = _last_stale(con)
            superseded_before = superseded_total(con)
            partitions = partition_dates(raw_dir)
            start, end, why = plan_dates(options, first, last, partitions[-1] if partitions else None)
            record.date_start, record.date_end = start, end
            # Logged before dbt starts: a killed run keeps this row, with no ended_at.
            write_run(con, record, ended=False)
        finally:
            con.close()
        progress.say(f"    raw folder {raw_dir}; latest {DATE_TABLE} partition "
                     f"{partitions[-1] if partitions else 'none'}; last published score date {last or 'none'}")
        progress.say(f"    score dates {start or 'dbt default'} .. {end or 'dbt default'} ({why})")

    with progress.phase("build (load, models, data and unit tests: dbt build)"):
        dbt_vars: dict[str, Any] = {"raw_data_dir": str(raw_dir)}
        if options.reload_tables:
            dbt_vars["reload_tables"] = list(options.reload_tables)
        args = ["build"] + (["--full-refresh"] if options.full_refresh else []) + _test_only_dbt_args()
        began = time.time()
        returncode, tail = stream_dbt(args, db_path=options.work_db, dbt_vars=dbt_vars, target_path=target,
                                      log_path=options.log_path, project_dir=options.project_dir,
                                      env_overrides=score_date_env(start, end))
        outcome = read_run_results(target, began)
        record.dbt_invocation_id = outcome.invocation_id
        record.tests_failed = outcome.tests_failed
        _record_loads(options.work_db, record, superseded_before, carried)
        if returncode != 0:
            raise _dbt_failure(returncode, outcome, tail)

    with progress.phase("quality (Great Expectations on the working marts)"):
        from shopscore.quality import run_suite

        with contextlib.redirect_stdout(progress.out):
            # Scoped to the dates this run built, like its dbt tests (a full refresh holds only those).
            built = (record.date_start, record.date_end) if record.date_start and record.date_end else None
            suite = run_suite(options.work_db, score_dates=None if options.full_refresh else built)
        if not suite.success:
            record.tests_failed = (record.tests_failed or 0) + len(suite.failures)
            raise DailyFailure(EXIT_TESTS_FAILED,
                               f"the Great Expectations suite failed ({len(suite.failures)} expectations, listed above)")

    with progress.phase("publish"):
        from shopscore.publish import PublishError, publish

        try:
            result = publish(options.work_db, options.published)
        except (PublishError, duckdb.Error, OSError) as error:
            raise DailyFailure(EXIT_PUBLISH_FAILED, f"publishing failed: {error}") from error
        record.published = True
        progress.say(f"    published {result.tables} tables, {result.rows} rows -> {result.path}")
        if record.stale_score_dates:
            progress.say("    stale score dates (late data reached them; rebuild with --start/--end): "
                         + ", ".join(d.isoformat() for d in record.stale_score_dates))

    record.message = "published"
    record.exit_code = EXIT_PUBLISHED
    con = duckdb.connect(str(options.work_db))
    try:
        write_run(con, record, ended=True)
    finally:
        con.close()

    with progress.phase("summary"):
        from shopscore.summary import print_summary

        try:
            print_summary(options.published, out=out, work_db=options.work_db)
        except duckdb.Error as error:  # the run published; a summary that cannot be printed does not undo it
            progress.say(f"    the summary could not be printed: {error}")
    return True


def score_date_env(start: date | None, end: date | None) -> dict[str, str]:
    """The score dates for dbt as environment variables (macro score_date_setting reads them; a var wins).

    Not --vars: dbt re-parses the whole project when --vars change, and every daily run has new dates; a
    changed environment variable re-parses only int_score_dates_listed. Both are always set (empty = dbt's
    default), so a value exported in the caller's shell never leaks in.
    """
    return {SCORE_DATE_ENV["start"]: start.isoformat() if start else "",
            SCORE_DATE_ENV["end"]: end.isoformat() if end else ""}


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value) if value else None


def _test_only_dbt_args() -> list[str]:
    """TEST HOOK, never set in production: $SHOPSCORE_TEST_DBT_BUILD_ARGS is appended to `dbt build`, so the
    crash, reader and day-by-day tests can leave dbt's own tests out of builds whose subject is publishing
    (e.g. `--exclude-resource-type test unit_test`). Skipping dbt tests defeats write-audit-publish."""
    return shlex.split(os.environ.get(TEST_DBT_ARGS_ENV, ""))


def _last_stale(con: duckdb.DuckDBPyConnection) -> list[date]:
    row = con.execute(
        f"select stale_score_dates from {RUNS_TABLE} where ended_at is not null and stale_score_dates is not null"
        " order by ended_at desc limit 1"
    ).fetchone()
    return list(row[0]) if row and row[0] else []


def _record_loads(work_db: Path, record: RunRecord, superseded_before: int | None, carried: list[date]) -> None:
    """Fill the load figures and stale dates from the loaded-files log (absent until that model exists)."""
    try:
        con = duckdb.connect(str(work_db), read_only=True)
    except duckdb.Error:
        return
    try:
        counts = load_counts(con, record.dbt_invocation_id)
        if counts is not None:
            record.files_loaded, record.rows_staged, record.rows_quarantined = counts
        after = superseded_total(con)
        if after is not None:
            record.rows_superseded = after - (superseded_before or 0)
        stale = stale_dates(con, record.dbt_invocation_id, record.date_start, record.date_end, carried)
        record.stale_score_dates = stale or []
        if _relation_exists(con, "marts.fct_shop_score_daily") and record.date_end is None:
            # dbt chose the dates (no partitions): the latest score date is this run's end.
            latest = con.execute("select max(score_date) from marts.fct_shop_score_daily").fetchone()[0]
            record.date_end = latest
            record.date_start = record.date_start or latest
        if record.date_start is not None and record.date_end is not None:
            record.dates_built = (record.date_end - record.date_start).days + 1
    finally:
        con.close()


def _dbt_failure(returncode: int, outcome: DbtOutcome, tail: list[str]) -> DailyFailure:
    """Classify a failed dbt build: refused before any model, tests failed, or a model errored."""
    if outcome.nodes_run == 0:
        hint = next((line for line in reversed(tail) if "on-run-start" in line or "rror" in line), "")
        return DailyFailure(
            EXIT_BAD_INPUT,
            f"dbt build stopped before any model (exit {returncode}): a check of the raw files, seeds or "
            f"settings refused the input (message above). {hint.strip()}",
        )
    if outcome.nodes_errored:
        return DailyFailure(
            EXIT_BUILD_FAILED,
            f"dbt build failed (exit {returncode}): {outcome.nodes_errored} model/seed/hook error(s): "
            + ", ".join(outcome.failed_names[:5]),
        )
    return DailyFailure(
        EXIT_TESTS_FAILED,
        f"dbt build: {outcome.tests_failed} data or unit test(s) failed: " + ", ".join(outcome.failed_names[:5]),
    )


__all__ = ["DailyOptions", "run_daily", "plan_dates", "partition_dates"]
