"""Bad files and bad settings (issue #13, SPEC §2, §9; docs/DESIGN.md "Checks before any model").

One small generated raw folder, in a folder whose name holds both quotes (' and "), is built once into a
warehouse. Every bad case is then run against that same warehouse file and must stop in on-run-start,
before any model, with a message naming the var, seed row or file, and leave every mart exactly as it
was. Offset timestamps and a time-zone-aware Parquet column are checked on a small staging build.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import query
from shopscore.contract import RAW_CONTRACT, write_raw_table
from shopscore.dbt import dbt_executable, run_dbt
from shopscore.generate import GeneratorConfig, generate
from shopscore.paths import PROJECT_DIR

SHANGHAI = timezone(timedelta(hours=8))  # SPEC §2: platform time; Asia/Shanghai has had no DST since 1991


# --- helpers ------------------------------------------------------------------------------------------

def marts_fingerprint(db: Path) -> dict[str, tuple[int, int]]:
    """(row count, order-independent hash of every row) of each relation in schema marts."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1").fetchall()]
        return {n: con.execute(f'select count(*), coalesce(bit_xor(hash(t)), 0) from marts."{n}" as t').fetchone()
                for n in names}
    finally:
        con.close()


def refused(db: Path, work: Path, raw: Path, project_dir: Path | None = None, **dbt_vars: Any) -> str:
    """Run a `dbt build` that must stop in on-run-start; return its output on one line.

    Asserts that it failed and that no seed or model started (dbt logs "START seed file ..." and
    "START sql ... model ..." for each one).
    """
    merged = {"raw_data_dir": str(raw), **dbt_vars}
    if project_dir is None:
        result = run_dbt(["build"], db_path=db, dbt_vars=merged, target_path=work / "target",
                         log_path=work / "logs", capture=True, check=False)
    else:  # a copy of the project, to try bad seed files without touching the real ones
        env = {**os.environ, "SHOPSCORE_WORK_DB": str(db), "DBT_TARGET_PATH": str(work / "target"),
               "DBT_LOG_PATH": str(work / "logs"), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
        result = subprocess.run(
            [dbt_executable(), "build", "--profiles-dir", str(project_dir), "--project-dir", str(project_dir),
             "--vars", json.dumps(merged)],
            cwd=project_dir, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    output = result.stdout or ""
    assert result.returncode != 0, output[-3000:]
    assert "on-run-start" in output and "START sql" not in output and "START seed" not in output, output[-3000:]
    return " ".join(output.split())  # messages wrap; compare on single spaces


# --- fixtures -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def quoted_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated raw data (with planted bad rows) in a folder named with both kinds of quote."""
    raw = tmp_path_factory.mktemp("badinput") / "it's \"raw\"" / "raw"
    generate(raw, GeneratorConfig(shops=40, days=45, seed=13, bad_rows=True, daily=True))
    return raw


@pytest.fixture(scope="module")
def warehouse(quoted_raw: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The warehouse built once from quoted_raw, and its marts' fingerprint."""
    work = tmp_path_factory.mktemp("badinput-dbt")
    db = work / "shopscore.duckdb"
    # models and seeds only: the data tests run elsewhere in the suite, and only the marts are compared here
    run_dbt(["build", "--exclude-resource-type", "test", "unit_test"], db_path=db,
            dbt_vars={"raw_data_dir": str(quoted_raw)}, target_path=work / "target", log_path=work / "logs",
            capture=True)
    return db, marts_fingerprint(db)


@pytest.fixture
def raw_copy(quoted_raw: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "it's \"copy\"" / "raw"
    shutil.copytree(quoted_raw, copy)
    return copy


def assert_marts_unchanged(warehouse: tuple[Path, dict]) -> None:
    db, before = warehouse
    assert before and marts_fingerprint(db) == before


# --- paths with quotes --------------------------------------------------------------------------------

def test_a_raw_folder_with_quotes_builds_and_is_read_whole(warehouse, quoted_raw: Path) -> None:
    db, fingerprint = warehouse
    assert fingerprint["fct_shop_score_daily"][0] > 0
    files = {r[0] for r in query(db, "select distinct source_file from quarantine.rejected_rows")}
    # source_file is relative to raw_data_dir (issue #9), so these are files of the quoted folder
    assert files and all((quoted_raw / f).is_file() for f in files)
    raw_orders = duckdb.sql(
        "select count(*) from read_parquet($p, union_by_name = true)", params={"p": f"{quoted_raw}/orders/**/*.parquet"}
    ).fetchone()[0]
    staged = query(db, "select count(*) from staging.stg_platform__orders")[0][0]
    rejected = query(db, "select count(*) from quarantine.rejected_rows where table_name = 'orders'")[0][0]
    # good rows of an older partition are superseded versions (SPEC §11): kept in the base model
    superseded = query(db, "select count(*) from staging.base_platform__orders_checked where reason is null")[0][0] \
        - staged
    assert staged + superseded + rejected == raw_orders


# --- settings -----------------------------------------------------------------------------------------

def test_bad_vars_stop_before_any_model_naming_each(warehouse, quoted_raw: Path, tmp_path: Path) -> None:
    bad = {"min_peer_shops": 0, "smoothing_prior_orders": -1, "cs_kpi_lookback_days": 2.5, "reply_window_seconds": -3,
           "score_date_start": "soon", "business_hours_start": "25:00:00", "core_problem_max_rank": 0}
    message = refused(warehouse[0], tmp_path, quoted_raw, **bad)
    for line in (
        "var min_peer_shops = 0 is invalid: it must be a whole number >= 1.",
        "var smoothing_prior_orders = -1 is invalid: it must be a number >= 0.",
        "var cs_kpi_lookback_days = 2.5 is invalid: it must be a whole number >= 0.",
        "var reply_window_seconds = -3 is invalid: it must be a whole number >= 1.",
        "var score_date_start = 'soon' is invalid: it must be a date YYYY-MM-DD or null.",
        "var business_hours_start = '25:00:00' is invalid: it must be a time 'HH:MM:SS'.",
        "var core_problem_max_rank = 0 is invalid: it must be a whole number >= 1.",
    ):
        assert line in message
    assert_marts_unchanged(warehouse)


def test_score_date_end_before_start_stops(warehouse, quoted_raw: Path, tmp_path: Path) -> None:
    message = refused(warehouse[0], tmp_path, quoted_raw, score_date_start="2026-10-31", score_date_end="2026-10-20")
    assert ("score_date_end = 2026-10-20 is before score_date_start = 2026-10-31: no date would be scored"
            in message)
    # only the start set, after the default end (the day after the last raw order)
    default_end = max(_order_dates(quoted_raw)) + timedelta(days=1)
    start = (default_end + timedelta(days=2)).isoformat()
    message = refused(warehouse[0], tmp_path / "start-only", quoted_raw, score_date_start=start)
    assert (f"var score_date_start = {start} is after score_date_end = {default_end} (score_date_end is unset, so it "
            "is the day after the last order); no date would be scored") in message
    assert_marts_unchanged(warehouse)


def _order_dates(raw: Path) -> list[date]:
    """Local dates of every raw orders.created_at that reads as a naive timestamp, parsed in Python."""
    values = duckdb.sql("select cast(created_at as varchar) from read_parquet($p, union_by_name = true)",
                        params={"p": f"{raw}/orders/**/*.parquet"}).fetchall()
    dates = []
    for (text,) in values:
        try:
            dates.append(datetime.fromisoformat(text).date())
        except (TypeError, ValueError):
            pass
    return dates


def test_score_dates_outside_the_data_stop_naming_the_range(warehouse, quoted_raw: Path, tmp_path: Path) -> None:
    dates = _order_dates(quoted_raw)
    first, last = min(dates), max(dates)
    # the longest volume window of seed scheme_settings: past it no order counts and nobody is scored
    longest = max(int(r["volume_window_days"]) for r in _rows(PROJECT_DIR / "seeds" / "scheme_settings.csv"))
    first_ok, last_ok = first + timedelta(days=1), last + timedelta(days=1 + longest)
    # one day before the first and one day after the last allowed date: both named in one refusal
    too_early, too_late = (first_ok - timedelta(days=1)).isoformat(), (last_ok + timedelta(days=1)).isoformat()
    message = refused(warehouse[0], tmp_path, quoted_raw, score_date_start=too_early, score_date_end=too_late)
    assert (f"var score_date_start = {too_early} and var score_date_end = {too_late} is outside the dates the raw "
            f"orders can score; nothing was built. The orders in {quoted_raw}/orders/**/*.parquet run from {first} "
            f"to {last}, so score dates must lie from {first_ok} to {last_ok}") in message
    assert_marts_unchanged(warehouse)


# --- configuration seeds --------------------------------------------------------------------------------

def _copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("dbt_project.yml", "profiles.yml"):
        shutil.copy(PROJECT_DIR / name, target / name)
    for folder in ("macros", "models", "seeds", "tests/dbt", "analyses"):
        if (PROJECT_DIR / folder).exists():
            shutil.copytree(PROJECT_DIR / folder, target / folder)
    return target


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_bad_seed_rows_stop_before_any_model_naming_seed_row_and_column(
    warehouse, quoted_raw: Path, tmp_path: Path
) -> None:
    project = _copy_project(tmp_path / "project")
    seeds = project / "seeds"
    expected = []
    # a negative dimension weight
    weights = _rows(seeds / "dimension_weights.csv")
    weights[2]["weight"] = "-0.2"
    # a scheme no scheme_settings row knows
    weights[4]["scheme"] = "jd"
    _write(seeds / "dimension_weights.csv", weights)
    expected += ["seed dimension_weights (seeds/dimension_weights.csv), row 3, column (row): breaks the rule: weight > 0",
                 "seed dimension_weights (seeds/dimension_weights.csv), row 5, column scheme: 'jd' is not a scheme of "
                 "seed scheme_settings"]
    # an unknown dimension in the catalogue
    catalogue = _rows(seeds / "metric_catalogue.csv")
    catalogue[0]["dimension"] = "speed"
    _write(seeds / "metric_catalogue.csv", catalogue)
    expected.append("seed metric_catalogue (seeds/metric_catalogue.csv), row 1, column dimension: 'speed' is not a "
                    "dimension of seed dimension_weights")
    # bad windows: D-0 (a score date's own day), a window ending before it starts, a fraction of a day
    bad_windows = {12: {"window_end_days": "0"}, 13: {"window_start_days": "1", "window_end_days": "15"},
                   14: {"window_start_days": "2.5"}}
    for row, values in bad_windows.items():
        catalogue[row - 1].update(values)
    _write(seeds / "metric_catalogue.csv", catalogue)
    expected += ["seed metric_catalogue (seeds/metric_catalogue.csv), row 12, column window_end_days: '0' is outside "
                 "[1, 3650]",
                 "seed metric_catalogue (seeds/metric_catalogue.csv), row 13, column window_start_days: breaks the "
                 "rule: window_start_days >= window_end_days",
                 "seed metric_catalogue (seeds/metric_catalogue.csv), row 14, column window_start_days: '2.5' is not "
                 "a whole number"]
    # a non-numeric threshold, an eviction rule naming an unknown eligibility flag and programme
    flags = _rows(seeds / "flag_rules.csv")
    flags[0]["threshold"] = "high"
    evict = next(i for i, r in enumerate(flags) if r["rule_type"] == "program_eviction")
    flags[evict]["eligibility_flag"] = "eligible_nothing"
    flags[evict]["program"] = "lottery"
    _write(seeds / "flag_rules.csv", flags)
    expected += ["seed flag_rules (seeds/flag_rules.csv), row 1, column threshold: 'high' is not a double",
                 f"seed flag_rules (seeds/flag_rules.csv), row {evict + 1}, column eligibility_flag: 'eligible_nothing' "
                 "is not a flag of seed flag_rules",
                 f"seed flag_rules (seeds/flag_rules.csv), row {evict + 1}, column program: 'lottery' is not one of "
                 "billion_subsidy, bargain, checkin"]
    # a duplicated row
    codes = _rows(seeds / "help_reason_codes.csv")
    _write(seeds / "help_reason_codes.csv", codes + [codes[1]])
    expected.append(f"seed help_reason_codes (seeds/help_reason_codes.csv), row {len(codes) + 1}, column reason_code: "
                    "duplicates row 2")
    message = refused(warehouse[0], tmp_path, quoted_raw, project_dir=project)
    for line in expected:
        assert line in message
    assert_marts_unchanged(warehouse)


# --- raw files ----------------------------------------------------------------------------------------

def _rewrite(path: Path, select: str) -> None:
    tmp = path.with_suffix(".tmp")
    duckdb.execute(f"copy (select {select} from read_parquet($p)) to '{str(tmp).replace(chr(39), chr(39) * 2)}' "
                   "(format parquet)", {"p": str(path)})
    tmp.replace(path)


def break_contract(raw: Path) -> Path:
    """help_requests.reason_code dropped from every file of the table, and one orders file whose created_at
    becomes epoch milliseconds (BIGINT), the others untouched; returns that file."""
    for path in (raw / "help_requests").rglob("*.parquet"):
        _rewrite(path, "* exclude (reason_code)")
    victim = next(p for p in sorted((raw / "orders").rglob("*.parquet"))
                  if duckdb.sql("select duckdb_type from parquet_schema($p) where name = 'created_at'",
                                params={"p": str(p)}).fetchone()[0] == "TIMESTAMP")
    _rewrite(victim, "* replace (epoch_ms(created_at) as created_at)")
    return victim


def test_a_missing_column_and_a_file_with_another_physical_type_stop_naming_them(
    warehouse, raw_copy: Path, tmp_path: Path
) -> None:
    victim = break_contract(raw_copy)
    # the warehouse loaded these files before they were rewritten: a user re-stages the tables (issue #9,
    # `shopscore daily --reload`), and the contract checks read every file of a reloaded table
    message = refused(warehouse[0], tmp_path, raw_copy, reload_tables=["help_requests", "orders"])
    assert (f"raw table help_requests: column reason_code is missing from every file of "
            f"{raw_copy}/help_requests/**/*.parquet. Add it to the export") in message
    assert (f"raw file {victim} (table orders): column created_at is BIGINT, which cannot be read as the contract "
            "type TIMESTAMP") in message
    assert_marts_unchanged(warehouse)


def test_a_file_with_a_corrupt_data_page_stops_naming_it(warehouse, raw_copy: Path, tmp_path: Path) -> None:
    victim = raw_copy / "orders" / "dt=2026-10-30" / "part-9.parquet"
    victim.parent.mkdir(parents=True, exist_ok=True)
    duckdb.execute(f"copy (select repeat('x', 50) || range as order_id from range(20000)) "
                   f"to '{str(victim).replace(chr(39), chr(39) * 2)}' (format parquet, compression snappy)")
    data = bytearray(victim.read_bytes())
    for i in range(200, 2000):  # inside the first data page: footer and magic bytes stay intact
        data[i] ^= 0x5A
    victim.write_bytes(bytes(data))
    # the footer still reads, so the old footer-only check let this file through
    duckdb.sql("select * from parquet_metadata($p)", params={"p": str(victim)}).fetchall()
    message = refused(warehouse[0], tmp_path, raw_copy)
    assert f'Failed to read file "{victim}"' in message
    assert "that file is damaged: replace it with a good export" in message
    assert_marts_unchanged(warehouse)


def test_missing_folder_message_does_not_suggest_generating_over_real_data(
    warehouse, raw_copy: Path, tmp_path: Path
) -> None:
    shutil.rmtree(raw_copy / "tickets")
    message = refused(warehouse[0], tmp_path, raw_copy)
    assert f"no Parquet file matches {raw_copy}/tickets/**/*.parquet" in message
    assert "Point the build at the folder that holds your platform's export" in message
    assert f"generate --out {raw_copy}" not in message
    assert_marts_unchanged(warehouse)


# --- timestamps with a zone ---------------------------------------------------------------------------

OFFSET_STRINGS = {
    "o1": "2026-10-01T02:00:00Z",
    "o2": "2026-10-01T10:00:00+08:00",
    "o3": "2026-09-30T21:00:00-05:00",
    "o4": "2026-10-01T03:30:00+0130",
    "o5": "2026-10-01 10:00:00",  # naive: local time as it is
}
UNREADABLE_ZONE = {"o6": "2026-10-01T10:00:00 +08"}  # a zone DuckDB cannot read: quarantined, never misread


def test_offset_strings_and_tz_aware_parquet_become_shanghai_local_time(tmp_path: Path, dbt_build) -> None:
    from test_staging import SELECT, clean_rows

    raw = tmp_path / "raw"
    rows = clean_rows()
    for table, table_rows in rows.items():
        if table not in ("orders", "help_requests"):
            write_raw_table(raw, table, table_rows)
    # orders: created_at as text, with and without a zone (paid_at etc. stay naive text)
    orders = rows["orders"]
    for order in orders:
        order["created_at"] = {**OFFSET_STRINGS, **UNREADABLE_ZONE}.get(order["order_id"], order["created_at"])
        order["paid_at"] = order["grouped_at"] = "2026-10-01 12:00:00"
    (raw / "orders").mkdir(parents=True)
    con = duckdb.connect()
    columns = [c for c, _ in RAW_CONTRACT["orders"]]
    con.execute(f"create table t ({', '.join(f'{c} varchar' for c in columns)})")
    con.executemany(f"insert into t values ({', '.join('?' for _ in columns)})",
                    [[None if o.get(c) is None else str(o[c]) for c in columns] for o in orders])
    con.execute(f"copy t to '{raw}/orders/part-0.parquet' (format parquet)")
    # help_requests: a time-zone-aware Parquet TIMESTAMP (isAdjustedToUTC) column
    helps = rows["help_requests"]
    con.execute(f"create table h ({', '.join(f'{c} varchar' for c, _ in RAW_CONTRACT['help_requests'])})")
    con.executemany("insert into h values (?, ?, ?, ?, ?, ?, ?)",
                    [[r.get(c) for c, _ in RAW_CONTRACT["help_requests"]] for r in helps])
    con.execute("update h set created_at = '2026-10-04 23:30:00+00'")
    (raw / "help_requests").mkdir(parents=True)
    con.execute(f"copy (select * replace (cast(created_at as timestamptz) as created_at) from h) "
                f"to '{raw}/help_requests/part-0.parquet' (format parquet)")
    kind = con.execute(f"select duckdb_type from parquet_schema('{raw}/help_requests/part-0.parquet') "
                       "where name = 'created_at'").fetchone()[0]
    assert kind == "TIMESTAMP WITH TIME ZONE"
    con.close()

    db = dbt_build(raw, "timezones", args=SELECT, load_cutoff_at="2026-11-01 00:00:00")

    staged = dict(query(db, "select order_id, created_at from staging.stg_platform__orders"))
    for order_id, text in OFFSET_STRINGS.items():
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        local = parsed.astimezone(SHANGHAI).replace(tzinfo=None) if parsed.tzinfo else parsed
        assert staged[order_id] == local, (order_id, text)
    assert staged["o1"] == datetime(2026, 10, 1, 10, 0)  # the case: 'Z' is 8 hours behind Shanghai
    rejected = dict(query(db, "select row_key, reason from quarantine.rejected_rows where table_name = 'orders'"))
    assert rejected == {"o6": "invalid_value:created_at"}
    helps_staged = {r[0] for r in query(db, "select created_at from staging.stg_platform__help_requests")}
    assert helps_staged == {datetime(2026, 10, 5, 7, 30)}


# --- an active shop whose main category is unknown (docs/DESIGN.md) --------------------------------------

def test_an_active_shop_with_orders_and_an_unknown_category_stops(warehouse, raw_copy: Path, tmp_path: Path) -> None:
    orders = duckdb.sql("select cast(shop_id as varchar), count(*) from read_parquet($p, union_by_name = true) "
                        "group by all order by 2 desc, 1", params={"p": f"{raw_copy}/orders/**/*.parquet"}).fetchall()
    shops = duckdb.sql("select cast(shop_id as varchar), cast(status as varchar) from read_parquet($p, union_by_name = true)",
                       params={"p": f"{raw_copy}/shops/**/*.parquet"}).fetchall()
    active = {shop for shop, status in shops if status == "active"}
    shop, order_count = next((s, n) for s, n in orders if s in active)
    for path in (raw_copy / "shops").rglob("*.parquet"):
        _rewrite(path, f"* replace (case when cast(shop_id as varchar) = '{shop}' then 'c_gone' else category_id end "
                       "as category_id)")
    message = refused(warehouse[0], tmp_path, raw_copy, reload_tables=["shops"])  # rewritten after loading
    assert (f"shop {shop} is active and has {order_count} raw orders, but its main category c_gone is in no file of "
            f"{raw_copy}/categories/**/*.parquet") in message
    assert "Add the category to the categories export, or correct the shop's category_id" in message
    assert_marts_unchanged(warehouse)
