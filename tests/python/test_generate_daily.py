"""`shopscore generate --daily` (SPEC §11 delivery) and delivering it day by day.

The second route: the non-daily generation with the same seed is the export at the end of end_date; the
versions every row must have in the daily generation are derived from it here in Python, from the rules
of the issue written out by hand below (one version per local date a timestamp falls on, later
timestamps NULL, status as of the day), and compared with the files row for row.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from shopscore.contract import RAW_CONTRACT
from shopscore.generate import GeneratorConfig, generate
from shopscore.generator.delivery import deliver_through
from tests.python.test_generate import EXPECTED_DEFECTS

END = date(2026, 10, 31)
DAYS = 40
CONFIG = dict(shops=60, days=DAYS, seed=5, orders=None, end_date=END)
SNAPSHOTS = {"categories", "shops"}
VERSIONED = [t for t in RAW_CONTRACT if t not in SNAPSHOTS]
KEYS: dict[str, tuple[str, ...]] = {
    "categories": ("category_id",), "shops": ("shop_id",), "orders": ("order_id",), "shipments": ("order_id",),
    "help_requests": ("request_id",), "chat_messages": ("message_id",), "after_sales": ("after_sale_id",),
    "interventions": ("intervention_id",), "appeals": ("appeal_id",), "complaints": ("complaint_id",),
    "tickets": ("ticket_id",), "reviews": ("review_id",), "malicious_buyers": ("buyer_id",),
    "program_enrollments": ("shop_id", "program", "enrolled_at"),
}

# The delivery rules, by hand. ARRIVES: the timestamps a row is first delivered with (its first
# partition is the latest one's date). CHANGES: the timestamps that are NULL before their day and add a
# version on it. DEADLINES: times set in advance, delivered from the first version on (tickets.due_at: a
# ticket arrives on its created day). Together: every TIMESTAMP column.
ARRIVES = {
    "orders": ("created_at",), "shipments": ("shipped_at",), "help_requests": ("created_at",),
    "chat_messages": ("sent_at",), "after_sales": ("applied_at",), "interventions": ("opened_at",),
    "appeals": ("submitted_at",), "complaints": ("created_at",), "tickets": ("created_at",),
    "reviews": ("created_at",), "malicious_buyers": ("flagged_at",), "program_enrollments": ("enrolled_at",),
}
DEADLINES = {"tickets": ("due_at",)}
CHANGES = {
    "orders": ("paid_at", "grouped_at", "cancelled_at"),
    "shipments": ("picked_up_at", "signed_at", "received_confirmed_at"),
    "after_sales": ("merchant_approved_at", "return_signed_at", "refund_approved_at", "completed_at"),
    "interventions": ("decided_at",), "appeals": ("decided_at",), "complaints": ("decided_at",),
    "tickets": ("completed_at",), "program_enrollments": ("exited_at",),
}


def _as_of(table: str, row: dict[str, Any], day: date) -> dict[str, Any]:
    """The row as known at the end of `day`: later timestamps NULL, statuses as of then."""
    known = dict(row)
    for column in CHANGES.get(table, ()):
        if known[column] is not None and known[column].date() > day:
            known[column] = None
    if table == "after_sales" and known["status"] == "completed" and known["completed_at"] is None:
        known["status"] = "open"  # rejected / cancelled: decided by applied_at, their only timestamp
    if table == "interventions" and known["decided_at"] is None:
        known["responsible_party"] = known["refund_succeeded"] = None
    if table == "appeals" and known["decided_at"] is None:
        known["outcome"] = "pending"
    if table == "complaints" and known["decided_at"] is None:
        known["status"] = "pending"
    return known


def _expected_versions(table: str, row: dict[str, Any]) -> list[tuple[date, dict[str, Any]]]:
    first = max(row[c].date() for c in ARRIVES[table])
    days = {first} | {row[c].date() for c in CHANGES.get(table, ()) if row[c] is not None and row[c].date() > first}
    return [(day, _as_of(table, row, day)) for day in sorted(days)]


def _digest(folder: Path, skip: tuple[str, ...] = ()) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in skip):
        h.update(str(path.relative_to(folder)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _rows(con: duckdb.DuckDBPyConnection, files: str | list[Path], with_dt: bool = False) -> list[dict[str, Any]]:
    """Rows of a glob or a list of files (by name), with `dt` from the path ('' outside partitions)."""
    extra = ", regexp_extract(filename, 'dt=([0-9-]+)', 1) as dt" if with_dt else ""
    source = f"'{files}'" if isinstance(files, str) else "[" + ", ".join(f"'{f}'" for f in files) + "]"
    cur = con.execute(f"select * exclude (filename){extra} from read_parquet({source}, hive_partitioning = false, "
                      f"filename = true, union_by_name = true)")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _clean(folder: Path, table: str) -> list[Path]:
    """A table's clean files (either mode): every part-N.parquet outside zz_bad_rows/."""
    return sorted(p for p in (folder / table).rglob("part-*.parquet") if "zz_bad_rows" not in p.parts)


def _bad_files(folder: Path, table: str) -> list[Path]:
    return sorted(p for p in (folder / table).rglob("*.parquet") if "zz_bad_rows" in str(p.relative_to(folder)))


def _contract_tuple(table: str, row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[name] for name, _ in RAW_CONTRACT[table])


@pytest.fixture(scope="module")
def gens(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("generate-daily")
    out = {"a": root / "daily_a", "b": root / "daily_b", "export": root / "export"}
    generate(out["a"], GeneratorConfig(**CONFIG, bad_rows=True, daily=True))
    generate(out["b"], GeneratorConfig(**CONFIG, bad_rows=True, daily=True))
    generate(out["export"], GeneratorConfig(**CONFIG, bad_rows=True))
    return out


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    yield connection
    connection.close()


# --- determinism and layout ------------------------------------------------------------------------------


def test_daily_generation_is_byte_identical_for_the_same_config(gens: dict[str, Path]) -> None:
    assert _digest(gens["a"]) == _digest(gens["b"])
    assert _digest(gens["a"]) != _digest(gens["export"])


@pytest.mark.parametrize("table", list(RAW_CONTRACT))
def test_layout_partitions_and_contract_types(gens: dict[str, Path], con: duckdb.DuckDBPyConnection,
                                              table: str) -> None:
    folder = gens["a"] / table
    clean = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.parquet") if "zz_bad_rows" not in p.name
                   and "zz_bad_rows" not in p.parts)
    if table in SNAPSHOTS:
        assert clean == ["part-0.parquet"]
    else:
        assert clean and all(p.startswith("dt=") and p.count("/") == 1 and p.split("/")[1].startswith("part-")
                             for p in clean), clean
        dates = {date.fromisoformat(p[3:13]) for p in clean}
        assert max(dates) <= END  # no version after end_date is delivered
        # SPEC §11: every table gets a partition every day (an empty file on a day without rows), from its
        # first partition (at the latest the first generated day) through end_date, without a gap.
        first = END - timedelta(days=DAYS - 1)
        assert min(dates) <= first
        assert dates == {min(dates) + timedelta(days=n) for n in range((END - min(dates)).days + 1)}, table
    for relative in clean:
        described = con.execute(f"describe select * from read_parquet('{folder / relative}', "
                                "hive_partitioning = false)").fetchall()
        assert [(r[0], r[1]) for r in described] == RAW_CONTRACT[table], relative


def test_versioning_rules_cover_every_timestamp_column_once() -> None:
    for table in VERSIONED:
        stamps = [name for name, kind in RAW_CONTRACT[table] if kind == "TIMESTAMP"]
        assert sorted(ARRIVES[table] + CHANGES.get(table, ()) + DEADLINES.get(table, ())) == sorted(stamps), table


# --- the invariant: a partition never knows its future ---------------------------------------------------


@pytest.mark.parametrize("table", VERSIONED)
def test_no_row_in_partition_dt_has_a_timestamp_on_or_after_the_next_day(
        gens: dict[str, Path], con: duckdb.DuckDBPyConnection, table: str) -> None:
    stamps = [name for name, kind in RAW_CONTRACT[table] if kind == "TIMESTAMP"
              and name not in DEADLINES.get(table, ())]
    rows = _rows(con, f"{gens['a']}/{table}/dt=*/*.parquet", with_dt=True)
    assert rows
    planted_future = 0
    for row in rows:
        next_day = datetime.combine(date.fromisoformat(row["dt"]), datetime.min.time()) + timedelta(days=1)
        late = []
        for column in stamps:
            value = row[column]
            if isinstance(value, str):  # a bad-row text file: VARCHAR columns
                try:
                    value = datetime.fromisoformat(value)
                except ValueError:
                    continue  # planted invalid_value
            if value is not None and value >= next_day:
                late.append(column)
        defect = row.get("_planted_defect")
        if defect is not None and defect.startswith("future_timestamp:"):
            assert late == [defect.split(":")[1]] and str(row[late[0]]).startswith("2099"), row
            planted_future += 1
        else:
            assert late == [], row
    assert planted_future == 1


# --- the second route: versions derived from the non-daily export ----------------------------------------


@pytest.mark.parametrize("table", VERSIONED)
def test_every_version_is_the_export_row_as_known_on_its_day(
        gens: dict[str, Path], con: duckdb.DuckDBPyConnection, table: str) -> None:
    expected: Counter[tuple[Any, ...]] = Counter()
    for row in _rows(con, _clean(gens["export"], table)):
        for day, version in _expected_versions(table, row):
            expected[(day.isoformat(), *_contract_tuple(table, version))] += 1
    actual = Counter((r["dt"], *_contract_tuple(table, r)) for r in _rows(con, _clean(gens["a"], table), True))
    assert sum(actual.values()) > 0
    missing, extra = expected - actual, actual - expected
    assert not missing and not extra, (list(missing)[:3], list(extra)[:3])


@pytest.mark.parametrize("table", list(RAW_CONTRACT))
def test_latest_version_of_every_row_is_the_non_daily_row(
        gens: dict[str, Path], con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Read with no knowledge of the rules: per key, the row of the latest partition."""
    latest: dict[tuple[Any, ...], tuple[str, tuple[Any, ...]]] = {}
    for row in _rows(con, _clean(gens["a"], table), with_dt=table not in SNAPSHOTS):
        key = tuple(row[k] for k in KEYS[table])
        day = row.get("dt") or ""
        assert key not in latest or latest[key][0] != day, ("two versions in one partition", key)
        if key not in latest or day > latest[key][0]:
            latest[key] = (day, _contract_tuple(table, row))
    export = Counter(_contract_tuple(table, r) for r in _rows(con, _clean(gens["export"], table)))
    assert Counter(v for _, v in latest.values()) == export


def test_later_versions_exist_for_every_kind_of_change(gens: dict[str, Path], con: duckdb.DuckDBPyConnection) -> None:
    """Versions are really there (not one row per key): a shipment signed after it shipped, an after-sale
    completed after it was opened, a complaint decided after it was filed."""
    for table, column in (("shipments", "signed_at"), ("after_sales", "completed_at"), ("complaints", "decided_at"),
                          ("orders", "cancelled_at"), ("appeals", "decided_at"), ("tickets", "completed_at")):
        keys = ", ".join(KEYS[table])
        n = con.execute(f"""
            select count(*) from (
                select {keys} from read_parquet('{gens['a']}/{table}/dt=*/part-*.parquet', hive_partitioning = false)
                group by {keys} having count(*) > 1 and count({column}) < count(*) and count({column}) > 0)
        """).fetchone()
        assert n is not None and n[0] > 0, table


def test_manifest_counts_the_files(gens: dict[str, Path], con: duckdb.DuckDBPyConnection) -> None:
    manifest = json.loads((gens["a"] / "_generator.json").read_text(encoding="utf-8"))
    export = json.loads((gens["export"] / "_generator.json").read_text(encoding="utf-8"))
    assert manifest["config"] == {**export["config"], "daily": True}
    assert manifest["latest_rows"] == export["rows"]
    for table in RAW_CONTRACT:
        clean = len(_rows(con, _clean(gens["a"], table)))
        bad = len(_rows(con, _bad_files(gens["a"], table)))
        assert (manifest["rows"][table], manifest["bad_rows"][table]) == (clean, bad), table
    assert manifest["bad_rows"] == export["bad_rows"]


# --- bad rows in partitions ------------------------------------------------------------------------------


@pytest.mark.parametrize("table", list(RAW_CONTRACT))
def test_bad_rows_plant_every_defect_inside_partitions(gens: dict[str, Path], con: duckdb.DuckDBPyConnection,
                                                       table: str) -> None:
    folder = gens["a"] / table
    files = [p.relative_to(folder).as_posix() for p in folder.rglob("*.parquet") if "zz_bad_rows" in str(p)]
    if table in SNAPSHOTS:
        assert sorted(files) in (["zz_bad_rows/part-0.parquet"],
                                 ["zz_bad_rows/part-0.parquet", "zz_bad_rows/part-1-text.parquet"])
    else:
        assert files and all(f.startswith("dt=") and f.split("/")[1].startswith("zz_bad_rows-part-") for f in files)
    bad = _rows(con, _bad_files(gens["a"], table), with_dt=True)
    planted = Counter(r["_planted_defect"] for r in bad)
    assert set(planted) == EXPECTED_DEFECTS[table]
    assert planted == Counter(r["_planted_defect"] for r in _rows(con, _bad_files(gens["export"], table)))
    # The duplicate has the key of a clean row in the SAME partition (or both outside partitions).
    dup = [r for r in bad if r["_planted_defect"] == "duplicate_key"]
    assert len(dup) == 1
    clean_in_partition = _rows(con, f"{folder}/dt={dup[0]['dt']}/part-*.parquet" if dup[0]["dt"]
                               else _clean(gens["a"], table))
    key = tuple(str(dup[0][k]) for k in KEYS[table])
    assert key in {tuple(str(r[k]) for k in KEYS[table]) for r in clean_in_partition}


def test_bad_rows_arrive_no_earlier_than_the_clean_parents_they_reference(
        gens: dict[str, Path], con: duckdb.DuckDBPyConnection) -> None:
    """An incremental load of the bad row's partition already has its parent (else unknown_* would mask the
    planted defect)."""
    first: dict[str, dict[str, str]] = {}
    for parent in ("orders", "after_sales", "interventions"):
        key = KEYS[parent][0]
        first[key] = {}
        for row in _rows(con, _clean(gens["a"], parent), with_dt=True):
            first[key][row[key]] = min(first[key].get(row[key], row["dt"]), row["dt"])
    checked = 0
    for table in VERSIONED:
        for row in _rows(con, f"{gens['a']}/{table}/dt=*/zz_bad_rows*.parquet", with_dt=True):
            for column in ("order_id", "after_sale_id", "intervention_id"):
                if column in row and row[column] in first[column]:
                    assert first[column][row[column]] <= row["dt"], (table, row)
                    checked += 1
    assert checked > 50


# --- delivery, one day at a time -------------------------------------------------------------------------


def test_delivering_day_by_day_rebuilds_the_generation(gens: dict[str, Path], tmp_path: Path) -> None:
    source, target = gens["a"], tmp_path / "delivered"
    partitions: dict[date, set[Path]] = {}
    snapshots: set[Path] = set()
    for path in source.rglob("*"):
        if path.is_file() and path.name != "_generator.json":
            dt = next((part for part in path.relative_to(source).parts if part.startswith("dt=")), None)
            if dt is None:
                snapshots.add(target / path.relative_to(source))
            else:
                partitions.setdefault(date.fromisoformat(dt[3:]), set()).add(target / path.relative_to(source))
    first = min(partitions)
    assert first < date(2026, 9, 22)  # malicious buyers and enrolments were there before the first order day
    assert sorted(deliver_through(source, target, first - timedelta(days=1))) == sorted(snapshots)
    day = first
    while day <= END:
        added = deliver_through(source, target, day)
        assert set(added) == partitions.get(day, set()) and len(added) == len(set(added)), day
        assert deliver_through(source, target, day) == []  # idempotent
        day += timedelta(days=1)
    assert len(partitions) > 40
    assert _digest(target) == _digest(source, skip=("_generator.json",))
    assert not (target / "_generator.json").exists()


def test_delivery_never_overwrites_a_delivered_file(gens: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "delivered"
    added = deliver_through(gens["a"], target, date(2026, 9, 25))
    changed = next(p for p in added if "orders" in p.parts)
    changed.write_bytes(b"changed on purpose")
    again = deliver_through(gens["a"], target, date(2026, 9, 26))
    assert changed not in again and changed.read_bytes() == b"changed on purpose"
    assert again and all("dt=2026-09-26" in str(p) for p in again)


# --- the command line ------------------------------------------------------------------------------------


def test_cli_daily_option(tmp_path: Path) -> None:
    from shopscore.cli import main

    out = tmp_path / "tiny"
    result = CliRunner().invoke(main, ["generate", "--out", str(out), "--shops", "12", "--days", "10",
                                       "--orders", "600", "--seed", "1", "--daily", "--quiet"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "_generator.json").read_text(encoding="utf-8"))
    assert manifest["config"]["daily"] is True
    assert any((out / "malicious_buyers").glob("dt=*/part-*.parquet"))
    assert not any((out / "malicious_buyers").glob("part-*.parquet"))


def test_a_bad_row_goes_to_the_partition_of_its_latest_timestamp_or_of_its_parent() -> None:
    """The rule of bad_rows._daily_partition on a hand-made row (with the seeds above, the templates' parents
    always arrive first, so the parent branch needs its own case)."""
    from shopscore.generator.bad_rows import FUTURE, _daily_partition

    row = {"order_id": "o1", "shipped_at": "2026-09-01 10:00:00", "picked_up_at": None,
           "signed_at": "2026-09-03 23:59:59", "received_confirmed_at": FUTURE, "carrier": "中通快递"}
    first_seen: dict[str, dict[str, date]] = {"orders": {"o1": date(2026, 9, 2)}, "after_sales": {},
                                              "interventions": {}}
    reason = "future_timestamp:received_confirmed_at"
    assert _daily_partition("shipments", row, reason, {}, row, first_seen) == date(2026, 9, 3)
    first_seen["orders"]["o1"] = date(2026, 9, 5)
    assert _daily_partition("shipments", row, reason, {}, row, first_seen) == date(2026, 9, 5)
    original = {"_source_file": "/x/shipments/dt=2026-08-30/part-0.parquet"}
    assert _daily_partition("shipments", row, "duplicate_key", original, row, first_seen) == date(2026, 8, 30)
