"""`shopscore generate`: a synthetic platform's raw export, the 14 tables of SPEC §2 as Parquet folders.

Deterministic (the same config gives byte-identical files), vectorised in DuckDB (no Python loop over
rows), long-tailed and quality-driven so that the scores mean something. See `shopscore.generator.sql`
for the data model, `shopscore.generator.daily` for `--daily` (daily partitions with versions),
`shopscore.generator.bad_rows` for `--bad-rows` and `shopscore.generator.delivery` for delivering a
`--daily` generation one day at a time.

It writes only into an empty (or new) folder or one it wrote before (`_generator.json`), and there
replaces only the 14 table folders and that file (`check_output_folder`).
"""

from __future__ import annotations

import calendar
import json
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

import duckdb
from tqdm import tqdm

from shopscore.contract import TABLES, select_list
from shopscore.generator import daily as daily_mode
from shopscore.generator import sql
from shopscore.sqltext import sql_literal

GENERATOR_FILE = "_generator.json"
MEMORY_LIMIT = "4GB"


@dataclass(frozen=True)
class GeneratorConfig:
    """What to generate: shops, days of history ending on end_date, seed, optional total orders."""

    shops: int
    days: int
    seed: int
    orders: int | None = None
    end_date: date = date(2026, 10, 31)
    bad_rows: bool = False
    daily: bool = False


@dataclass
class GenerationReport:
    """Rows written per table (clean rows, and planted bad rows when asked) and the time it took."""

    rows: dict[str, int] = field(default_factory=dict)
    bad_rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    # --daily only: rows per table in their latest version (= the rows of the non-daily generation).
    latest_rows: dict[str, int] = field(default_factory=dict)


class OutputFolderError(Exception):
    """`--out` holds something `shopscore generate` did not write, so it refuses to write there."""


# Files a generation writes inside a table folder (relative POSIX paths): clean files, daily partitions,
# and the planted bad rows of both modes (shopscore.generator.bad_rows).
_OWN_FILE = re.compile(
    r"(dt=\d{4}-\d{2}-\d{2}/)?part-\d+\.parquet"
    r"|zz_bad_rows/part-0\.parquet|zz_bad_rows/part-1-text\.parquet"
    r"|dt=\d{4}-\d{2}-\d{2}/zz_bad_rows-part-0\.parquet|dt=\d{4}-\d{2}-\d{2}/zz_bad_rows-part-1-text\.parquet"
)


def _written_by_generate(marker: Path) -> bool:
    """True when `marker` is a `_generator.json` this command wrote (a JSON object with config and rows)."""
    try:
        manifest = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(manifest, dict) and {"config", "rows"} <= set(manifest)


def check_output_folder(out: Path) -> None:
    """Refuse an `--out` that holds content a generation did not write (raises OutputFolderError).

    Accepted: a missing or empty folder, or one with our `_generator.json` whose table folders hold only
    files named as a generation names them. Entries other than the table folders are then left alone.
    """
    what_to_do = (f"choose a new or empty folder for --out, or delete {out} first if nothing in it is needed "
                  "(demo data goes to data/demo; data/raw is for your own data)")
    if out.exists() and not out.is_dir():
        raise OutputFolderError(f"--out {out} is a file, not a folder: {what_to_do}")
    if not out.exists() or not any(out.iterdir()):
        return
    marker = out / GENERATOR_FILE
    if not marker.is_file() or not _written_by_generate(marker):
        raise OutputFolderError(
            f"--out {out} is not empty and was not written by `shopscore generate` (no valid {GENERATOR_FILE}); "
            f"generate would replace its table folders: {what_to_do}"
        )
    for table in TABLES:
        folder = out / table
        if not folder.exists():
            continue
        if not folder.is_dir():
            raise OutputFolderError(f"{folder} is a file, not a table folder of a generation: {what_to_do}")
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and not _OWN_FILE.fullmatch(relative):
                raise OutputFolderError(
                    f"{folder} holds {relative}, which `shopscore generate` did not write, and generate would "
                    f"delete it: {what_to_do}"
                )


def _validate(config: GeneratorConfig) -> None:
    if config.shops < 1:
        raise ValueError("shops must be at least 1")
    if config.days < 1:
        raise ValueError("days must be at least 1")
    if config.orders is not None and config.orders < 1:
        raise ValueError("orders must be at least 1")


def _params(config: GeneratorConfig) -> sql.Params:
    first_day = date.fromordinal(config.end_date.toordinal() - config.days + 1)
    e0 = calendar.timegm(first_day.timetuple())
    return sql.Params(seed=config.seed, shops=config.shops, days=config.days, e0=e0,
                      cutoff=e0 + config.days * sql.DAY - 1)


def _scalar(con: duckdb.DuckDBPyConnection, query: str) -> int:
    row = con.execute(query).fetchone()
    assert row is not None
    return int(row[0])


def _copy(con: duckdb.DuckDBPyConnection, statement: str) -> None:
    """Run one COPY on its own cursor (so two can run at once from two Python threads)."""
    cursor = con.cursor()
    try:
        cursor.execute(statement)
    finally:
        cursor.close()


def _write_table(con: duckdb.DuckDBPyConnection, out: Path, table: str, p: sql.Params,
                 daily: bool = False) -> int:
    """COPY one table in contract columns and types: hive `dt=` folders for event tables, else one file.

    With `daily`, every table but categories and shops is written as its daily versions
    (`shopscore.generator.daily`), partitioned by the version's date.

    Each COPY is single-threaded with an ORDER BY, because a multi-threaded (partitioned) COPY orders rows
    by thread timing and so would not give byte-identical files. To use both cores anyway, a partitioned
    table is written as two COPYs over disjoint date halves, run side by side on two cursors.
    """
    folder = out / table
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    view = sql.OUTPUTS[table].format(e0=p.e0)
    partitioned = table in sql.PARTITIONED
    if daily and table not in daily_mode.SNAPSHOT_TABLES:
        con.execute(f"create or replace view out_{table}_export as {view}")
        view = daily_mode.versions_sql(table, f"out_{table}_export")
        partitioned = True
        if daily_mode.VERSIONING[table].changes:
            # Versions computed once, on every core (row order inside is free: the COPYs sort totally).
            con.execute(f"create or replace table versions_{table} as {view}")
            view = f"select * from versions_{table}"
    con.execute(f"create or replace view out_{table} as {view}")
    con.execute("set threads = 1")
    con.execute("set preserve_insertion_order = true")
    try:
        if partitioned:
            middle = date.fromordinal(date(1970, 1, 1).toordinal() + p.e0 // sql.DAY + p.days // 2)
            statements = [
                f"copy (select {select_list(table)}, _dt as dt from out_{table} where {condition} "
                f"order by _dt, _ord) to {sql_literal(folder)} (format parquet, partition_by (dt), "
                "filename_pattern 'part-{i}', overwrite_or_ignore true)"
                for condition in (f"_dt < date '{middle}'", f"_dt >= date '{middle}'")
            ]
            with ThreadPoolExecutor(max_workers=len(statements)) as pool:
                for future in [pool.submit(_copy, con, statement) for statement in statements]:
                    future.result()
            if daily and table not in daily_mode.SNAPSHOT_TABLES:
                _write_empty_partitions(con, folder, table, p)
            if not any(folder.rglob("*.parquet")):
                # No rows at all (tiny configs): still one typed, empty file, so readers find the table.
                con.execute(f"copy (select {select_list(table)} from out_{table} where false) "
                            f"to {sql_literal(folder / 'part-0.parquet')} (format parquet)")
        else:
            con.execute(
                f"copy (select {select_list(table)} from out_{table} order by _ord) "
                f"to {sql_literal(folder / 'part-0.parquet')} (format parquet)"
            )
    finally:
        con.execute("reset threads")
        con.execute("set preserve_insertion_order = false")
    rows = _scalar(con, f"select count(*) from out_{table}")
    con.execute(f"drop view out_{table}")
    con.execute(f"drop table if exists versions_{table}")
    return rows


def _write_empty_partitions(con: duckdb.DuckDBPyConnection, folder: Path, table: str, p: sql.Params) -> None:
    """--daily: a typed, empty `dt=D/part-0.parquet` for every day without rows (SPEC §11: the platform adds a
    partition to EVERY table folder each day), from the table's first partition (or the first generated day,
    whichever is earlier) through the last, so a quiet table still says how far its delivery reaches."""
    first_day = date.fromordinal(date(1970, 1, 1).toordinal() + p.e0 // sql.DAY)
    last_day = first_day + timedelta(days=p.days - 1)
    present = sorted(date.fromisoformat(d.name[3:]) for d in folder.glob("dt=*") if d.is_dir())
    day = min([first_day, *present])
    while day <= last_day:
        partition = folder / f"dt={day.isoformat()}"
        if not partition.exists():
            partition.mkdir()
            con.execute(f"copy (select {select_list(table)} from out_{table} where false) "
                        f"to {sql_literal(partition / 'part-0.parquet')} (format parquet)")
        day += timedelta(days=1)


def _steps(con: duckdb.DuckDBPyConnection, config: GeneratorConfig,
           p: sql.Params) -> list[tuple[str, list[str], list[str]]]:
    """(table to write after the statements, statements, internal tables to drop afterwards), in order."""
    total_orders = config.orders or _scalar(
        con, f"select round({sql.DEFAULT_ORDERS_PER_SHOP_DAY} * sum(last_day - first_day + 1)) from g_shops"
    )
    con.execute(sql.allocation_sql(p, total_orders))
    anchor = _scalar(
        con,
        # The shop whose first order is put on end_date (so orders end on end_date): preferably an active
        # shop open to the end; with very few orders, any shop that has one.
        f"select shop_idx from g_shop_alloc where n_orders > 0 "
        f"order by (not is_closed and last_day = {p.days - 1}) desc, n_orders desc, shop_idx limit 1",
    )
    n_buyers = max(2000, total_orders // 3)
    return [
        ("orders", [sql.orders_sql(p, anchor, n_buyers)], []),
        ("shipments", [sql.shipments_sql(p)], []),
        ("help_requests", [sql.help_requests_sql(p, n_buyers)], ["g_help"]),
        ("chat_messages", sql.chats_sql(p, n_buyers), ["g_conv", "g_turns", "g_msgs"]),
        ("after_sales", [sql.after_sales_sql(p)], []),
        ("interventions", [sql.interventions_sql(p)], []),
        ("appeals", [sql.appeals_sql(p)], ["g_ap", "g_iv", "g_as"]),
        ("complaints", [sql.complaints_sql(p, n_buyers)], ["g_cp"]),
        ("tickets", [sql.tickets_sql(p)], ["g_tk"]),
        ("reviews", [sql.reviews_sql(p)], ["g_rv"]),
        ("malicious_buyers", [sql.malicious_buyers_sql(p, n_buyers)], []),
        ("program_enrollments", [sql.enrollments_sql(p)], []),
    ]


def _advance(show: tqdm, table: str, rows: int) -> None:
    """One table written: the bar moves on and shows the table and its row count."""
    show.update(1)
    show.set_postfix_str(f"{table} {rows:,} rows")  # refreshes, so every table is shown once


def generate(out: Path, config: GeneratorConfig, progress: bool = False) -> GenerationReport:
    """Write the 14 raw tables of SPEC §2 under `out`, plus `out/_generator.json`; return row counts.

    Only the 14 table folders and the JSON file are replaced; anything else in `out` is left alone. Raises
    OutputFolderError (before writing anything) when `out` holds content a generation did not write.
    """
    _validate(config)
    out = Path(out)
    check_output_folder(out)
    out.mkdir(parents=True, exist_ok=True)
    # Claimed before the first table is written, so a generation that is stopped half-way can be run again
    # into the same folder; the complete manifest replaces this at the end.
    (out / GENERATOR_FILE).write_text(json.dumps({"config": _config_dict(config), "rows": {}, "complete": False})
                                      + "\n", encoding="utf-8")
    p = _params(config)
    started = time.perf_counter()
    report = GenerationReport()
    # One step per table (and one for the planted bad rows) on stderr; off when progress is False.
    show = tqdm(total=len(TABLES) + int(config.bad_rows), desc="generate", unit="table", file=sys.stderr,
                disable=not progress, leave=True)
    with tempfile.TemporaryDirectory(prefix="shopscore-gen-") as spill:
        con = duckdb.connect()
        try:
            con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
            con.execute(f"set temp_directory = {sql_literal(spill)}")
            con.execute("set preserve_insertion_order = false")
            for statement in sql.macros(p) + sql.output_macros() + sql.categories_sql(config.shops):
                con.execute(statement)
            con.execute(sql.shops_sql(p))
            for table in ("categories", "shops"):
                report.rows[table] = _write_table(con, out, table, p)
                _advance(show, table, report.rows[table])
            for table, statements, drops in _steps(con, config, p):
                for statement in statements:
                    con.execute(statement)
                report.rows[table] = _write_table(con, out, table, p, daily=config.daily)
                if config.daily:
                    report.latest_rows[table] = _scalar(con, f"select count(*) from out_{table}_export")
                    con.execute(f"drop view out_{table}_export")
                _advance(show, table, report.rows[table])
                for name in drops:
                    con.execute(f"drop table if exists {name}")
            if config.bad_rows:
                from shopscore.generator.bad_rows import plant_bad_rows

                report.bad_rows = plant_bad_rows(con, out, p, daily=config.daily)
                _advance(show, "bad rows (all tables)", sum(report.bad_rows.values()))
        finally:
            con.close()
            show.close()
    assert set(report.rows) == set(TABLES)
    report.seconds = time.perf_counter() - started
    _write_manifest(out, config, report)
    return report


def _config_dict(config: GeneratorConfig) -> dict[str, object]:
    """The config as JSON values; `daily` only when set, so a non-daily manifest is as it always was."""
    config_dict: dict[str, object] = asdict(config)
    config_dict["end_date"] = config.end_date.isoformat()
    if not config.daily:
        del config_dict["daily"]
    return config_dict


def _write_manifest(out: Path, config: GeneratorConfig, report: GenerationReport) -> None:
    """`_generator.json`: the config and row counts (no timings, so the folder stays byte-identical).

    `rows` counts the clean rows in the files (with --daily: every version); --daily adds `daily: true` to
    the config and `latest_rows`, the rows per table in their latest version (the non-daily row counts;
    categories and shops are not versioned). Without --daily the file is as it always was.
    """
    manifest: dict[str, object] = {"config": _config_dict(config), "rows": report.rows, "bad_rows": report.bad_rows}
    if config.daily:
        manifest["latest_rows"] = {"categories": report.rows["categories"], "shops": report.rows["shops"],
                                   **report.latest_rows}
    (out / GENERATOR_FILE).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
