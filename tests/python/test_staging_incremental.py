"""Incremental, versioned staging (SPEC §11, issue #9; docs/DESIGN.md "Incremental staging").

A hand-made delivery of two days: every event table gets a `dt=` partition per day, shops and categories
are one snapshot file outside partitions. One warehouse file is built with `run_dbt` day after day (the
same DuckDB path every time); a second one is built once over both days. Every expected value below is
worked out by hand from the rows written here and the rules of SPEC §9/§11:

- the version of a key in the latest partition is current, an older good one is superseded, a quarantined
  later version supersedes nothing;
- two rows of one key in one partition: the second is `duplicate_key`, also when it arrives in a later load;
- a partition's cut-off is dt + 1 day 00:00; a row outside partitions uses the latest partition's cut-off;
- a loaded file is never read again; one that changed or vanished stops the run with the reload command;
- a table whose latest partition lags the orders' by more than the allowed days stops the run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from conftest import query
from shopscore.contract import TABLES, write_raw_table
from shopscore.dbt import DbtError, run_dbt

Row = dict[str, Any]
D1, D2 = "2026-10-01", "2026-10-02"
SNAPSHOT_TABLES = ("categories", "shops")
EVENT_TABLES = tuple(t for t in TABLES if t not in SNAPSHOT_TABLES)
SELECT = ("build", "--select", "staging", "quarantine", "audit", "help_reason_codes", "help_channels",
          "after_sale_reason_codes", "--indirect-selection", "cautious")


def day1() -> dict[str, list[Row]]:
    """Partition dt=2026-10-01 of every event table (file part-0.parquet)."""
    return {
        "orders": [
            {"order_id": "o1", "shop_id": "s1", "buyer_id": "b1", "created_at": f"{D1} 10:00:00",
             "paid_at": f"{D1} 10:01:00", "amount": "10.00", "is_presale": "false", "requires_shipping": "true"},
            {"order_id": "o2", "shop_id": "s1", "buyer_id": "b2", "created_at": f"{D1} 11:00:00",
             "paid_at": f"{D1} 11:01:00", "amount": "20.00", "is_presale": "false", "requires_shipping": "true"},
            # shop s3 opens on 10-03: on day 1 it is in the future of the snapshot's cut-off (10-02 00:00),
            # so s3 is quarantined and o4 with it (unknown_shop); on day 2 (cut-off 10-03 00:00) both are good
            {"order_id": "o4", "shop_id": "s3", "buyer_id": "b4", "created_at": f"{D1} 12:00:00",
             "amount": "5.00", "is_presale": "false", "requires_shipping": "false"},
            # cancelled after the end of its partition's day: future_timestamp:cancelled_at (cut-off 10-02 00:00)
            {"order_id": "o5", "shop_id": "s1", "buyer_id": "b5", "created_at": f"{D1} 13:00:00",
             "cancelled_at": f"{D2} 10:00:00", "amount": "7.00", "is_presale": "false", "requires_shipping": "true"},
        ],
        "shipments": [
            {"order_id": "o1", "shipped_at": f"{D1} 15:00:00", "carrier": "顺丰"},
        ],
        "after_sales": [
            {"after_sale_id": "a1", "order_id": "o1", "shop_id": "s1", "type": "refund_only",
             "reason_code": "changed_mind", "status": "open", "applied_at": f"{D1} 16:00:00"},
        ],
        "complaints": [
            {"complaint_id": "k1", "order_id": "o2", "shop_id": "s1", "buyer_id": "b2", "created_at": f"{D1} 17:00:00",
             "status": "pending"},
            {"complaint_id": "k2", "order_id": "o1", "shop_id": "s1", "buyer_id": "b1", "created_at": f"{D1} 18:00:00",
             "status": "pending"},
        ],
        "help_requests": [
            {"request_id": "h1", "order_id": "o1", "shop_id": "s1", "buyer_id": "b1", "channel": "merchant_chat",
             "reason_code": "quality_defect", "created_at": f"{D1} 19:00:00"},
            # the same key again in the same partition and file: duplicate_key
            {"request_id": "h1", "order_id": "o1", "shop_id": "s1", "buyer_id": "b1", "channel": "merchant_chat",
             "reason_code": "odor", "created_at": f"{D1} 19:30:00"},
            {"request_id": "h2", "order_id": "o2", "shop_id": "s1", "buyer_id": "b2", "channel": "merchant_chat",
             "reason_code": "wrong_item", "created_at": f"{D1} 20:00:00"},
        ],
        "tickets": [
            # its order o6 arrives only on day 2: unknown_order on day 1, good once o6 is loaded
            {"ticket_id": "t1", "shop_id": "s2", "order_id": "o6", "created_at": f"{D1} 09:00:00",
             "due_at": f"{D1} 21:00:00"},
        ],
    }


def day2() -> dict[str, list[Row]]:
    """Partition dt=2026-10-02 of every event table (file part-0.parquet)."""
    return {
        "orders": [
            {"order_id": "o6", "shop_id": "s2", "buyer_id": "b6", "created_at": f"{D2} 08:00:00",
             "amount": "3.00", "is_presale": "false", "requires_shipping": "true"},
        ],
        "shipments": [
            # a later version of o1's shipment: picked up and signed
            {"order_id": "o1", "shipped_at": f"{D1} 15:00:00", "picked_up_at": f"{D2} 09:00:00",
             "signed_at": f"{D2} 18:00:00", "carrier": "顺丰"},
        ],
        "after_sales": [
            {"after_sale_id": "a1", "order_id": "o1", "shop_id": "s1", "type": "refund_only",
             "reason_code": "changed_mind", "status": "completed", "applied_at": f"{D1} 16:00:00",
             "merchant_approved_at": f"{D2} 08:00:00", "refund_approved_at": f"{D2} 08:00:00",
             "completed_at": f"{D2} 10:00:00", "refund_amount": "10.00"},
        ],
        "complaints": [
            {"complaint_id": "k1", "order_id": "o2", "shop_id": "s1", "buyer_id": "b2", "created_at": f"{D1} 17:00:00",
             "status": "established", "decided_at": f"{D2} 11:00:00"},
            # a later version that is bad (status outside the contract): quarantined, k2 stays 'pending'
            {"complaint_id": "k2", "order_id": "o1", "shop_id": "s1", "buyer_id": "b1", "created_at": f"{D1} 18:00:00",
             "status": "closed", "decided_at": f"{D2} 12:00:00"},
        ],
    }


# A file that arrives on day 2 into the day-1 partition (late): h2 again, so duplicate_key across two loads.
LATE_DAY1_HELP = [{"request_id": "h2", "order_id": "o2", "shop_id": "s1", "buyer_id": "b2",
                   "channel": "platform_cs_online", "reason_code": "odor", "created_at": f"{D1} 22:00:00"}]


def write_snapshot(raw: Path) -> None:
    write_raw_table(raw, "categories", [
        {"category_id": "c1", "category_name": "服装", "parent_category_id": None},
        {"category_id": "c2", "category_name": "女装", "parent_category_id": "c1"},
    ])
    write_raw_table(raw, "shops", [
        {"shop_id": "s1", "shop_name": "一号店", "category_id": "c2", "opened_date": "2025-01-01", "status": "active"},
        {"shop_id": "s2", "shop_name": "二号店", "category_id": "c2", "opened_date": "2025-01-01", "status": "active"},
        {"shop_id": "s3", "shop_name": "三号店", "category_id": "c2", "opened_date": "2026-10-03", "status": "active"},
    ])


def write_day(raw: Path, day: str, rows: dict[str, list[Row]], file_name: str = "part-0.parquet") -> None:
    """One dt= partition for EVERY event table (SPEC §11: a day without rows is an empty file)."""
    for table in EVENT_TABLES:
        (raw / table / f"dt={day}").mkdir(parents=True, exist_ok=True)
        write_raw_table(raw, table, rows.get(table, []), file_name=f"dt={day}/{file_name}")


class Warehouse:
    """One DuckDB file built again and again (dbt's own target folder kept, so it parses partially)."""

    def __init__(self, work: Path, raw: Path) -> None:
        self.work, self.raw, self.db = work, raw, work / "shopscore.duckdb"

    def build(self, check: bool = True, tests: bool = False, **dbt_vars: Any) -> str:
        """Models (and with tests=True dbt's data tests: raw rows accounted for, keys, the log's sums)."""
        args = SELECT if tests else (*SELECT, "--exclude-resource-type", "test", "unit_test")
        result = run_dbt(args, db_path=self.db, dbt_vars={"raw_data_dir": str(self.raw), **dbt_vars},
                         target_path=self.work / "target", log_path=self.work / "logs", capture=True, check=check)
        if not check:
            assert result.returncode != 0, (result.stdout or "")[-3000:]
        return " ".join((result.stdout or "").split())

    def rows(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return query(self.db, sql, params)


def stg(wh: Warehouse, table: str, columns: str, key: str) -> dict[str, tuple[Any, ...]]:
    return {r[0]: r[1:] for r in wh.rows(f"select {key}, {columns} from staging.stg_platform__{table}")}


def reasons(wh: Warehouse, table: str) -> list[tuple[str, str, str]]:
    return sorted(wh.rows("select row_key, reason, source_file from quarantine.rejected_rows where table_name = ?",
                          [table]))


def counts(wh: Warehouse, table: str) -> tuple[int, int, int, int]:
    found = wh.rows("select rows_read, rows_staged, rows_superseded, rows_quarantined"
                    " from audit.audit_raw_row_counts where table_name = ?", [table])
    return found[0]


# --- the day-by-day warehouse -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def daily(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Day 1 built, then day 2 delivered and built incrementally on the SAME file; the state after each."""
    work = tmp_path_factory.mktemp("incremental")
    raw = work / "raw"
    write_snapshot(raw)
    write_day(raw, D1, day1())
    wh = Warehouse(work, raw)
    wh.build()
    after_day1 = {
        "orders": stg(wh, "orders", "shop_id", "order_id"),
        "shops": stg(wh, "shops", "opened_date", "shop_id"),
        "shipments": stg(wh, "shipments", "signed_at", "order_id"),
        "after_sales": stg(wh, "after_sales", "after_sale_status", "after_sale_id"),
        "complaints": stg(wh, "complaints", "complaint_status", "complaint_id"),
        "tickets": stg(wh, "tickets", "order_id", "ticket_id"),
        "rejected": {t: reasons(wh, t) for t in ("shops", "orders", "help_requests", "tickets")},
        "log": sorted(wh.rows("select table_name, file_path, run_id, rows_read from audit.audit_loaded_files")),
    }
    write_day(raw, D2, day2())
    write_raw_table(raw, "help_requests", LATE_DAY1_HELP, file_name=f"dt={D1}/part-1.parquet")
    wh.build(tests=True)
    yield {"wh": wh, "day1": after_day1}


@pytest.fixture(scope="module")
def full(daily: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    """One build over both days' files, in a new warehouse file."""
    wh = Warehouse(tmp_path_factory.mktemp("incremental-full"), daily["wh"].raw)
    wh.build(tests=True)
    return wh


def test_day_one_state(daily: dict[str, Any]) -> None:
    day1 = daily["day1"]
    assert set(day1["orders"]) == {"o1", "o2"}
    assert day1["shops"] == {"s1": (date(2025, 1, 1),), "s2": (date(2025, 1, 1),)}
    assert day1["rejected"]["shops"] == [("s3", "future_timestamp:opened_date", "shops/part-0.parquet")]
    assert day1["rejected"]["orders"] == [
        ("o4", "unknown_shop:shop_id", f"orders/dt={D1}/part-0.parquet"),
        ("o5", "future_timestamp:cancelled_at", f"orders/dt={D1}/part-0.parquet"),
    ]
    assert day1["rejected"]["help_requests"] == [("h1", "duplicate_key", f"help_requests/dt={D1}/part-0.parquet")]
    assert day1["rejected"]["tickets"] == [("t1", "unknown_order:order_id", f"tickets/dt={D1}/part-0.parquet")]
    assert day1["shipments"] == {"o1": (None,)}
    assert day1["after_sales"] == {"a1": ("open",)}
    assert day1["complaints"] == {"k1": ("pending",), "k2": ("pending",)}


def test_later_versions_are_current_and_the_old_ones_superseded(daily: dict[str, Any]) -> None:
    wh = daily["wh"]
    assert stg(wh, "shipments", "picked_up_at, signed_at", "order_id") == {
        "o1": (datetime(2026, 10, 2, 9), datetime(2026, 10, 2, 18))}
    assert stg(wh, "after_sales", "after_sale_status, completed_at", "after_sale_id") == {
        "a1": ("completed", datetime(2026, 10, 2, 10))}
    # k1's decided version wins; k2's later version is bad, so its good day-1 version stays current
    assert stg(wh, "complaints", "complaint_status", "complaint_id") == {"k1": ("established",), "k2": ("pending",)}
    assert reasons(wh, "complaints") == [("k2", "invalid_enum:status", f"complaints/dt={D2}/part-0.parquet")]
    # rows read / current / superseded / quarantined, counted by hand from day1() and day2()
    assert counts(wh, "shipments") == (2, 1, 1, 0)
    assert counts(wh, "after_sales") == (2, 1, 1, 0)
    assert counts(wh, "complaints") == (4, 2, 1, 1)


def test_a_second_copy_in_one_partition_is_a_duplicate_also_across_loads(daily: dict[str, Any]) -> None:
    wh = daily["wh"]
    assert reasons(wh, "help_requests") == [
        ("h1", "duplicate_key", f"help_requests/dt={D1}/part-0.parquet"),
        ("h2", "duplicate_key", f"help_requests/dt={D1}/part-1.parquet"),
    ]
    # the first copies stay staged
    assert stg(wh, "help_requests", "reason_code", "request_id") == {"h1": ("quality_defect",), "h2": ("wrong_item",)}
    assert counts(wh, "help_requests") == (4, 2, 0, 2)


def test_earlier_loads_are_rechecked_when_their_parent_or_cutoff_changes(daily: dict[str, Any]) -> None:
    wh = daily["wh"]
    # the snapshot's cut-off moved to the latest partition's (10-03 00:00): shop s3 and its order o4 are good
    assert "s3" in stg(wh, "shops", "shop_name", "shop_id")
    assert stg(wh, "orders", "shop_id", "order_id") == {"o1": ("s1",), "o2": ("s1",), "o4": ("s3",), "o6": ("s2",)}
    # o5's cancellation is still after its own partition's day
    assert reasons(wh, "orders") == [("o5", "future_timestamp:cancelled_at", f"orders/dt={D1}/part-0.parquet")]
    # t1's order arrived on day 2
    assert stg(wh, "tickets", "order_id", "ticket_id") == {"t1": ("o6",)}
    assert reasons(wh, "shops") == [] and reasons(wh, "tickets") == []


def test_a_loaded_file_is_not_read_again(daily: dict[str, Any]) -> None:
    wh = daily["wh"]
    first_run = {(t, f): run for t, f, run, _ in daily["day1"]["log"]}
    log = {(t, f): run for t, f, run in wh.rows("select table_name, file_path, run_id from audit.audit_loaded_files")}
    day2_files = {k: v for k, v in log.items() if k not in first_run}
    # every day-1 file keeps the first run's id; the day-2 files (and the late day-1 file) the second run's
    assert {k: log[k] for k in first_run} == first_run
    assert len(set(first_run.values())) == 1 and len(set(day2_files.values())) == 1
    assert set(day2_files.values()) != set(first_run.values())
    assert set(day2_files) == {("orders", f"orders/dt={D2}/part-0.parquet"),
                               ("shipments", f"shipments/dt={D2}/part-0.parquet"),
                               ("after_sales", f"after_sales/dt={D2}/part-0.parquet"),
                               ("complaints", f"complaints/dt={D2}/part-0.parquet"),
                               ("help_requests", f"help_requests/dt={D1}/part-1.parquet")}
    # the staged rows of day-1 files were loaded by the first run too
    loaded_by = wh.rows("select distinct loaded_run_id from staging.base_platform__orders_checked"
                        " where source_file = ?", [f"orders/dt={D1}/part-0.parquet"])
    assert loaded_by == [(next(iter(first_run.values())),)]


def test_day_by_day_equals_one_build_over_both_days(daily: dict[str, Any], full: Warehouse) -> None:
    wh = daily["wh"]
    for table in TABLES:
        sql = f"select * from staging.stg_platform__{table} order by all"
        assert wh.rows(sql) == full.rows(sql), table
        base = (f"select * exclude (loaded_run_id, checked_run_id, loaded_at)"
                f" from staging.base_platform__{table}_checked order by source_file, source_row_number")
        assert wh.rows(base) == full.rows(base), table
    rejected = "select * exclude (loaded_at) from quarantine.rejected_rows order by all"
    assert wh.rows(rejected) == full.rows(rejected)
    assert len(wh.rows(rejected)) == 4  # o5, h1, h2, k2
    counts_sql = "select * from audit.audit_raw_row_counts order by table_name"
    assert wh.rows(counts_sql) == full.rows(counts_sql)


# --- changed, vanished and reloaded files; freshness (run after the tests above: same warehouse) --------

def test_a_changed_or_deleted_file_stops_the_run_and_reload_recovers(daily: dict[str, Any]) -> None:
    wh: Warehouse = daily["wh"]
    raw = wh.raw
    changed = raw / "shipments" / f"dt={D2}" / "part-0.parquet"
    saved = changed.with_suffix(".saved")
    shutil.copy2(changed, saved)
    write_raw_table(raw, "shipments", day2()["shipments"] * 2, file_name=f"dt={D2}/part-0.parquet")
    message = wh.build(check=False)
    assert f"shipments/dt={D2}/part-0.parquet (table shipments): changed since it was loaded" in message
    assert "shopscore daily --reload shipments" in message
    assert "START sql" not in message  # stopped in on-run-start, before any model

    # put the original back (bytes and modification time): the run would pass; now delete a loaded file
    shutil.copy2(saved, changed)
    saved.unlink()
    deleted = raw / "complaints" / f"dt={D1}" / "part-0.parquet"
    deleted.unlink()
    message = wh.build(check=False)
    assert f"complaints/dt={D1}/part-0.parquet (table complaints): loaded earlier, it no longer exists" in message
    assert "shopscore daily --reload complaints" in message
    assert "shipments/" not in message

    wh.build(reload_tables=["complaints"])
    # only day 2's complaints remain: k1 decided, k2's only version bad
    assert stg(wh, "complaints", "complaint_status", "complaint_id") == {"k1": ("established",)}
    assert counts(wh, "complaints") == (2, 1, 0, 1)
    log = wh.rows("select file_path from audit.audit_loaded_files where table_name = 'complaints'")
    assert log == [(f"complaints/dt={D2}/part-0.parquet",)]
    # and the next run passes the check
    wh.build()


def test_a_table_lagging_the_orders_stops_the_run(daily: dict[str, Any]) -> None:
    wh: Warehouse = daily["wh"]
    raw = wh.raw
    # orders of 10-04 arrive, nothing else: every other event table lags 2 days; a row dated 2099 in a
    # stale table's own partition changes nothing (partition names are read, not timestamps)
    (raw / "orders" / "dt=2026-10-04").mkdir()
    write_raw_table(raw, "orders", [], file_name="dt=2026-10-04/part-0.parquet")
    write_raw_table(raw, "tickets", [{"ticket_id": "t9", "shop_id": "s1", "created_at": "2099-01-01 00:00:00",
                                      "due_at": "2099-01-02 00:00:00"}], file_name=f"dt={D2}/part-9.parquet")
    message = wh.build(check=False, raw_freshness_error_after_days=1)
    assert f"raw table tickets: latest partition dt={D2} is 2 days older than the latest orders partition" \
           " dt=2026-10-04" in message
    assert f"raw table shipments: latest partition dt={D2} is 2 days older" in message
    assert "raw_freshness_error_after_days" in message
    os.remove(raw / "tickets" / f"dt={D2}" / "part-9.parquet")
