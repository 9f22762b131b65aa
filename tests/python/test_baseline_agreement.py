"""The hand-written pdd baseline (src/shopscore/baseline/pdd_baseline.sql) as a second route to the marts.

Two parts:

1. The baseline itself against values worked out by hand from SPEC §3-§4 on a tiny raw dataset
   (every cut-off rule: window edges, created_at < D, malicious buyers, routine and unclassified
   reasons, appeals, the 180-second reply, business hours, peer-group fallback, ties, flags).
2. The dbt warehouse against the baseline on a generated dataset over several score dates: every pdd
   metric value, percentile, dimension score, total and flag must agree (within 1e-9).
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from shopscore.bench import compare_with_marts, run_baseline
from shopscore.contract import write_raw_table
from shopscore.paths import PROJECT_DIR
from tests.python.e2e_fixtures.pinned_seeds import PDD_DIMENSION_WEIGHTS as W
from tests.python.e2e_fixtures.pinned_seeds import pdd_seed_rows, write_pinned_seeds

D = date(2026, 10, 31)  # score date of the hand case: window [2026-10-01, 2026-10-30]
D2 = date(2026, 11, 1)  # the next score date: window [2026-10-02, 2026-10-31]
GROUPED = "2026-10-10 12:00:00"


# --------------------------------------------------------------------------------------------------
# 1. Hand-worked case


def _order(order_id: str, shop_id: str, buyer_id: str, at: str = GROUPED) -> dict[str, Any]:
    return {"order_id": order_id, "shop_id": shop_id, "buyer_id": buyer_id, "created_at": at, "paid_at": at,
            "grouped_at": at, "amount": "10.00", "is_presale": "false", "requires_shipping": "true"}


def _help(request_id: str, order_id: str, shop_id: str, buyer_id: str, channel: str, reason: str,
          at: str = "2026-10-11 09:00:00") -> dict[str, Any]:
    return {"request_id": request_id, "order_id": order_id, "shop_id": shop_id, "buyer_id": buyer_id,
            "channel": channel, "reason_code": reason, "created_at": at}


def _intervention(iid: str, order_id: str, party: str, succeeded: bool, decided: str) -> dict[str, Any]:
    return {"intervention_id": iid, "order_id": order_id, "shop_id": "s02", "round": 1,
            "opened_at": "2026-10-09 00:00:00", "decided_at": decided, "responsible_party": party,
            "refund_succeeded": str(succeeded).lower()}


def _msg(mid: str, conv: str, buyer: str, role: str, at: str) -> dict[str, Any]:
    return {"message_id": mid, "conversation_id": conv, "shop_id": "s04", "buyer_id": buyer, "sender_role": role,
            "agent_id": "a1" if role == "agent" else None, "sent_at": at}


def write_hand_case(raw: Path) -> None:
    """The tiny dataset whose expected scores are worked out in the tests below."""
    write_raw_table(raw, "categories", [
        {"category_id": "R", "category_name": "root"},
        {"category_id": "C1", "category_name": "c1", "parent_category_id": "R"},
        {"category_id": "C2", "category_name": "c2", "parent_category_id": "R"},
    ])
    shops = [{"shop_id": f"s{i:02d}", "shop_name": f"shop {i}", "category_id": "C1" if i <= 12 or i >= 15 else "C2",
              "opened_date": "2025-01-01", "status": "closed" if i == 16 else "active"} for i in range(1, 17)]
    write_raw_table(raw, "shops", shops)
    orders: list[dict[str, Any]] = []
    for i in range(1, 17):
        shop = f"s{i:02d}"
        count = {1: 40, 15: 29}.get(i, 30)  # s01 40 orders, s15 29 (below the minimum), others 30
        orders += [_order(f"{shop}-o{n}", shop, f"{shop}-b{n}") for n in range(1, count + 1)]
    orders.append(_order("s01-out", "s01", "s01-bout", "2026-09-30 12:00:00"))  # D-31: outside the window
    orders.append(_order("s16-late", "s16", "x", "2026-10-30 23:00:00"))  # latest created_at -> default D
    write_raw_table(raw, "orders", orders)
    write_raw_table(raw, "help_requests", [
        _help("h1", "s01-o1", "s01", "s01-b1", "merchant_chat", "quality_defect"),
        _help("h2", "s01-o2", "s01", "s01-b2", "complaint", "quality_defect"),
        _help("h2b", "s01-o2", "s01", "s01-b2", "merchant_chat", "wrong_item"),
        _help("h3", "s01-o3", "s01", "s01-b3", "platform_cs_online", "when_ship"),  # routine: never help
        _help("h4", "s01-o4", "s01", "s01-b4", "merchant_chat", "odor", "2026-10-31 00:00:00"),  # on D
        _help("h5", "s01-o5", "s01", "s01-b5", "platform_cs_online", "odor"),  # buyer flagged 10-20
        _help("h6", "s01-o6", "s01", "s01-b6", "platform_cs_hotline", "late_shipment"),  # flagged 10-31 12:00
        _help("h7", "s01-o7", "s01", "s01-b7", "platform_intervention", "weird_code"),  # unclassified
        _help("h8", "s01-o8", "s01", "s01-b8", "merchant_chat", "merchant_attitude"),  # service, merchant
        _help("h9", "s01-out", "s01", "s01-bout", "complaint", "quality_defect"),  # order outside window
    ])
    write_raw_table(raw, "malicious_buyers", [
        {"buyer_id": "s01-b5", "flagged_at": "2026-10-20 08:00:00", "reason": "abuse"},
        {"buyer_id": "s01-b6", "flagged_at": "2026-10-31 12:00:00", "reason": "abuse"},
        {"buyer_id": "s02-b7", "flagged_at": "2026-10-01 08:00:00", "reason": "abuse"},
    ])
    write_raw_table(raw, "interventions", [
        _intervention("i1", "s02-o1", "merchant", True, "2026-10-15 10:00:00"),
        _intervention("i1b", "s02-o1", "merchant", True, "2026-10-18 10:00:00"),  # same order: counts once
        _intervention("i2", "s02-o2", "merchant", True, "2026-10-16 10:00:00"),  # appeal won 10-20
        _intervention("i3", "s02-o3", "merchant", True, "2026-10-16 10:00:00"),  # appeal won on D
        _intervention("i4", "s02-o4", "buyer", True, "2026-10-16 10:00:00"),
        _intervention("i5", "s02-o5", "merchant", True, "2026-09-30 10:00:00"),  # outside the window
        _intervention("i6", "s02-o6", "merchant", False, "2026-10-16 10:00:00"),
        _intervention("i7", "s02-o7", "merchant", True, "2026-10-16 10:00:00"),  # malicious order buyer
    ])
    write_raw_table(raw, "appeals", [
        {"appeal_id": "a2", "order_id": "s02-o2", "intervention_id": "i2", "shop_id": "s02",
         "appeal_type": "responsibility", "submitted_at": "2026-10-17 00:00:00",
         "decided_at": "2026-10-20 00:00:00", "outcome": "approved"},
        {"appeal_id": "a3", "order_id": "s02-o3", "intervention_id": "i3", "shop_id": "s02",
         "appeal_type": "responsibility", "submitted_at": "2026-10-17 00:00:00",
         "decided_at": "2026-10-31 09:00:00", "outcome": "approved"},
        {"appeal_id": "a4", "order_id": "s02-o1", "intervention_id": "i1", "shop_id": "s02",
         "appeal_type": "freight", "submitted_at": "2026-10-17 00:00:00",
         "decided_at": "2026-10-19 00:00:00", "outcome": "approved"},  # not a responsibility appeal
    ])
    write_raw_table(raw, "tickets", [
        {"ticket_id": "t1", "shop_id": "s03", "created_at": "2026-10-05 10:00:00", "due_at": "2026-10-06 10:00:00",
         "completed_at": "2026-10-05 18:00:00"},
        {"ticket_id": "t2", "shop_id": "s03", "created_at": "2026-10-06 10:00:00", "due_at": "2026-10-07 10:00:00",
         "completed_at": "2026-10-08 10:00:00"},  # late
        {"ticket_id": "t3", "shop_id": "s03", "created_at": "2026-10-07 10:00:00", "due_at": "2026-10-31 12:00:00",
         "completed_at": "2026-10-31 01:00:00"},  # on time, but completed on D
        {"ticket_id": "t4", "shop_id": "s03", "created_at": "2026-09-30 10:00:00", "due_at": "2026-10-01 10:00:00",
         "completed_at": "2026-09-30 11:00:00"},  # created outside the window
    ])
    write_raw_table(raw, "chat_messages", [
        # b1, 10-10: 10:00:00 answered at exactly 180 s; 11:00:00 only a bot within 180 s -> unit fails
        _msg("m1", "c1", "b1", "buyer", "2026-10-10 10:00:00"), _msg("m2", "c1", "b1", "agent", "2026-10-10 10:03:00"),
        _msg("m3", "c1", "b1", "buyer", "2026-10-10 11:00:00"), _msg("m4", "c1", "b1", "bot", "2026-10-10 11:00:10"),
        _msg("m5", "c1", "b1", "agent", "2026-10-10 11:05:00"),
        # b2, 10-10: 07:59:59 is outside business hours; 09:00:00 answered the same second -> passes
        _msg("m6", "c2", "b2", "buyer", "2026-10-10 07:59:59"), _msg("m7", "c2", "b2", "buyer", "2026-10-10 09:00:00"),
        _msg("m8", "c2", "b2", "agent", "2026-10-10 09:00:00"),
        # b3, 10-11: only 23:00:00 -> no consulting unit
        _msg("m9", "c3", "b3", "buyer", "2026-10-11 23:00:00"),
        # b4, 10-12: 22:59:59 answered at 23:02:59 (180 s); another conversation answered after 181 s -> fails
        _msg("m10", "c4", "b4", "buyer", "2026-10-12 22:59:59"), _msg("m11", "c4", "b4", "agent", "2026-10-12 23:02:59"),
        _msg("m12", "c5", "b4", "buyer", "2026-10-12 12:00:00"), _msg("m13", "c5", "b4", "agent", "2026-10-12 12:03:01"),
        # b5, 09-30: outside the window
        _msg("m14", "c6", "b5", "buyer", "2026-09-30 12:00:00"),
    ])
    write_raw_table(raw, "program_enrollments", [
        {"shop_id": "s01", "program": "billion_subsidy", "enrolled_at": "2026-09-01 00:00:00"},
        {"shop_id": "s01", "program": "checkin", "enrolled_at": "2026-09-01 00:00:00",
         "exited_at": "2026-10-30 00:00:00"},  # left before D
        {"shop_id": "s02", "program": "bargain", "enrolled_at": "2026-09-01 00:00:00",
         "exited_at": "2026-10-31 00:00:00"},  # exited_at >= D: still enrolled on D
        {"shop_id": "s15", "program": "billion_subsidy", "enrolled_at": "2026-09-01 00:00:00"},
    ])
    for table in ("shipments", "after_sales", "complaints", "reviews"):
        write_raw_table(raw, table, [])


@pytest.fixture(scope="module")
def hand_db(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    root = tmp_path_factory.mktemp("hand")
    write_hand_case(root / "raw")
    db = root / "baseline.duckdb"
    # The hand case's weights, thresholds and scale are this test's own, not seeds/'s.
    seeds = write_pinned_seeds(root / "seeds", "pdd", pdd_seed_rows())
    run_baseline(root / "raw", db, D, D2, seeds_dir=seeds)
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def _metrics(con: duckdb.DuckDBPyConnection, day: date, shop: str) -> dict[str, tuple]:
    rows = con.execute(
        "select metric, numerator, denominator, value, percentile from pdd_shop_metric_daily "
        "where score_date = ? and shop_id = ?", [day, shop]).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def _total(con: duckdb.DuckDBPyConnection, day: date, shop: str) -> tuple:
    return con.execute("select score_status, volume, peer_group_id, peer_count, total_score "
                       "from pdd_shop_score_daily where score_date = ? and shop_id = ?", [day, shop]).fetchone()


def _flags_set(con: duckdb.DuckDBPyConnection, day: date, shop: str) -> set[str]:
    rows = con.execute("select flag from pdd_shop_flag_daily where score_date = ? and shop_id = ? and is_set",
                       [day, shop]).fetchall()
    return {r[0] for r in rows}


def test_hand_help_rates(hand_db: duckdb.DuckDBPyConnection) -> None:
    m = _metrics(hand_db, D, "s01")
    # o1 (product, merchant), o2 (product, complaint + merchant); o3 routine, o4 on D, o5 malicious, out: D-31
    assert m["product_help_rate"][:3] == (2, 40, 2 / 40)
    assert m["product_platform_help_rate"][:3] == (1, 40, 1 / 40)
    assert m["shipping_help_rate"][:3] == (1, 40, 1 / 40)  # o6: flagged at 10-31 12:00, not < D
    assert m["shipping_platform_help_rate"][:3] == (1, 40, 1 / 40)
    assert m["logistics_help_rate"][:3] == (0, 40, 0.0)
    assert m["platform_help_rate"][:3] == (3, 40, 3 / 40)  # o2, o6, o7 (unclassified)
    # one day later: o4's request is visible, o6's buyer is now flagged before D2
    m2 = _metrics(hand_db, D2, "s01")
    assert m2["product_help_rate"][:2] == (3, 40)
    assert m2["shipping_help_rate"][:2] == (0, 40)
    assert m2["platform_help_rate"][:2] == (2, 40)


def test_hand_dispute_ticket_reply(hand_db: duckdb.DuckDBPyConnection) -> None:
    assert _metrics(hand_db, D, "s02")["dispute_refund_rate"][:3] == (2, 30, 2 / 30)  # o1 (twice), o3
    assert _metrics(hand_db, D2, "s02")["dispute_refund_rate"][:2] == (1, 30)  # o3's appeal now counts
    assert _metrics(hand_db, D, "s03")["ticket_completion_rate"][:3] == (1, 3, 1 / 3)
    assert _metrics(hand_db, D2, "s03")["ticket_completion_rate"][:3] == (2, 3, 2 / 3)  # t3 done before D2
    assert _metrics(hand_db, D, "s04")["reply_3min_rate"][:3] == (1, 3, 1 / 3)  # b2 passes; b1, b4 fail
    # no tickets, no chats: NULL value, NULL percentile
    assert _metrics(hand_db, D, "s05")["ticket_completion_rate"][2:] == (None, None)
    assert _metrics(hand_db, D, "s05")["reply_3min_rate"][2:] == (None, None)


def test_hand_peer_groups_percentiles_totals(hand_db: duckdb.DuckDBPyConnection) -> None:
    # C1 has 12 scored shops (s15 has 29 orders, s16 is closed); C2 has 2 -> falls back to R (14)
    assert _total(hand_db, D, "s05")[:4] == ("scored", 30, "C1", 12)
    assert _total(hand_db, D, "s13")[:4] == ("scored", 30, "R", 14)
    assert _total(hand_db, D, "s15") == ("insufficient_volume", 29, None, None, None)
    assert hand_db.execute("select count(*) from pdd_shop_score_daily where shop_id = 's16'").fetchone() == (0,)
    assert hand_db.execute("select count(*) from pdd_shop_metric_daily where shop_id = 's15'").fetchone() == (0,)
    m1 = _metrics(hand_db, D, "s01")
    assert m1["product_help_rate"][3] == pytest.approx(1 / 12)  # only s01 has value >= 0.05
    assert m1["logistics_help_rate"][3] == 1.0  # all tie at 0: the better rank
    assert _metrics(hand_db, D, "s04")["reply_3min_rate"][3] == 1.0  # the only non-NULL value
    # s01: product 5/12, shipping 5/12, logistics 5, basic_service mean(5/12, 5) (reply, ticket NULL)
    expected = (W["product"] * 5 / 12 + W["shipping"] * 5 / 12 + W["logistics"] * 5
                + W["basic_service"] * (5 / 12 + 5) / 2)
    assert _total(hand_db, D, "s01")[4] == pytest.approx(expected, abs=1e-12)
    # s02: everything 5 except dispute 5/12 in basic_service (platform 5, dispute 5/12)
    assert _total(hand_db, D, "s02")[4] == pytest.approx(
        W["product"] * 5 + W["shipping"] * 5 + W["logistics"] * 5 + W["basic_service"] * (5 + 5 / 12) / 2)
    assert _total(hand_db, D, "s13")[4] == pytest.approx(5.0)


def test_hand_flags(hand_db: duckdb.DuckDBPyConnection) -> None:
    # s01 total 2.02: intervention priority; enrolled in billion_subsidy -> evicted; checkin left before D
    assert _flags_set(hand_db, D, "s01") == {"intervention_priority", "evict_billion_subsidy"}
    # s02 total 4.31: eligible everywhere, enrolled in bargain on D (exited_at = D) -> not evicted
    assert _flags_set(hand_db, D, "s02") == {"eligible_billion_subsidy", "eligible_bargain", "eligible_checkin"}
    assert _flags_set(hand_db, D, "s15") == set()  # insufficient volume: no flag, though enrolled
    assert hand_db.execute("select count(*) from pdd_shop_flag_daily where score_date = ? and shop_id = 's15'",
                           [D]).fetchone() == (8,)


def test_hand_default_score_date(tmp_path: Path) -> None:
    write_hand_case(tmp_path / "raw")
    run_baseline(tmp_path / "raw", tmp_path / "b.duckdb")  # SPEC §10: day after the latest created_at
    con = duckdb.connect(str(tmp_path / "b.duckdb"), read_only=True)
    try:
        assert con.execute("select distinct score_date from pdd_shop_score_daily").fetchall() == [(D,)]
    finally:
        con.close()


# --------------------------------------------------------------------------------------------------
# 2. The warehouse against the baseline on generated data

AGREEMENT_START, AGREEMENT_END = date(2026, 10, 27), date(2026, 11, 1)


@pytest.fixture(scope="module")
def warehouse_and_baseline(tmp_path_factory: pytest.TempPathFactory, dbt_build) -> tuple[Path, Path]:
    from shopscore.bench import DBT_SELECT
    from shopscore.generate import GeneratorConfig, generate

    root = tmp_path_factory.mktemp("agreement")
    # The warehouse reads the platform as it is delivered (SPEC §11: daily partitions, later versions of
    # mutable rows); the baseline assumes clean, unversioned input and reads the same generation exported
    # in its final states. For score dates up to the day after end_date the two hold the same facts.
    raw, final_states = root / "raw", root / "final_states"
    shape = dict(shops=300, days=120, seed=5, orders=None, end_date=date(2026, 10, 31), bad_rows=False)
    generate(raw, GeneratorConfig(**shape, daily=True), progress=False)
    generate(final_states, GeneratorConfig(**shape), progress=False)
    # the score marts and everything they need (seeds included); data tests are other files' business.
    # pdd alone, as `shopscore bench` builds it: the run then reads only the events of pdd's own windows
    # (macro seed_window_days), while the baseline reads every event of the files.
    args = ("build", "--select", *DBT_SELECT, "--exclude-resource-type", "test", "unit_test")
    warehouse = dbt_build(raw, "agreement", args=args, score_date_start=AGREEMENT_START.isoformat(),
                          score_date_end=AGREEMENT_END.isoformat(), schemes=["pdd"])
    baseline = root / "baseline.duckdb"
    run_baseline(final_states, baseline, AGREEMENT_START, AGREEMENT_END)
    return warehouse, baseline


def test_marts_agree_with_baseline(warehouse_and_baseline: tuple[Path, Path]) -> None:
    warehouse, baseline = warehouse_and_baseline
    found = compare_with_marts(warehouse, baseline)
    assert not found, f"{len(found)} disagreements between marts and baseline, e.g.:\n" + "\n".join(
        str(d) for d in found[:30])


def _longest_window(schemes: set[str] | None) -> int:
    """The look-back a run needs, worked from the seed files and dbt_project.yml: the longest metric and
    volume window of the schemes built (all when None) and cs_kpi_lookback_days."""
    days = [int(yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["vars"]["cs_kpi_lookback_days"])]
    for seed, column in (("metric_catalogue", "window_start_days"), ("scheme_settings", "volume_window_days")):
        with (PROJECT_DIR / "seeds" / f"{seed}.csv").open(encoding="utf-8") as rows:
            days += [int(row[column]) for row in csv.DictReader(rows) if schemes is None or row["scheme"] in schemes]
    return max(days)


def test_a_pdd_only_run_reads_only_the_events_of_pdd_windows(warehouse_and_baseline: tuple[Path, Path]) -> None:
    """The agreement above is the proof that pdd's own windows are enough (one day less fails it); this is
    the proof that the run used them: every event filter of the pdd-only build starts pdd's longest window
    before the first score date, not the longest window of every scheme (douyin's)."""
    warehouse, _ = warehouse_and_baseline
    pdd_days, every_days = _longest_window({"pdd"}), _longest_window(None)
    assert pdd_days < every_days  # else the check below could not tell the two apart
    first = re.escape(f"cast('{AGREEMENT_START.isoformat()}' as date) - ")
    compiled = warehouse.parent / "target" / "run" / "shopscore" / "models"
    bounds = {path.name: {int(days) for days in re.findall(first + r"(\d+)", path.read_text(encoding="utf-8"))}
              for path in compiled.rglob("*.sql")}
    filtered = {name: days for name, days in bounds.items() if days}
    # the chat facts every scheme shares, and pdd's own models, filter their events
    assert {"int_chat_buyer_messages_answered.sql", "int_pdd__shop_volumes_counted.sql"} <= set(filtered)
    assert all(days == {pdd_days} for days in filtered.values()), filtered


def test_agreement_is_not_vacuous(warehouse_and_baseline: tuple[Path, Path]) -> None:
    """The generated case exercises what is compared: scored and unscored shops, fallbacks, NULLs, flags."""
    _, baseline = warehouse_and_baseline
    con = duckdb.connect(str(baseline), read_only=True)
    try:
        dates, scored, unscored, fallback = con.execute(
            "select count(distinct score_date), count(*) filter (where score_status = 'scored'), "
            "count(*) filter (where score_status <> 'scored'), "
            "count(*) filter (where peer_group_id <> category_id) from pdd_shop_score_daily").fetchone()
        flags = dict(con.execute("select flag, count(*) filter (where is_set) from pdd_shop_flag_daily "
                                 "group by flag").fetchall())
        distinct_totals = con.execute("select count(distinct total_score) from pdd_shop_score_daily").fetchone()[0]
    finally:
        con.close()
    assert dates == (AGREEMENT_END - AGREEMENT_START).days + 1
    assert scored > 100 and unscored > 0 and fallback > 0
    assert distinct_totals > 20
    assert flags["eligible_billion_subsidy"] > 0 and flags["intervention_priority"] > 0


def test_same_day_requests_count_one_order(tmp_path: Path) -> None:
    """An order with several help requests of one kind on the same day is one order (SPEC §4: orders
    with >= 1 request). Worked by hand: 60 orders grouped 2026-10-10, each with two shipping requests
    on 10-11 (identical visibility intervals), 20 of them with a third on 10-11 at another hour; for
    D = 2026-10-31, shipping_help_rate = 60 / 60 and platform rates 0 / 60. The 10M-order benchmark
    once counted some such orders twice: rows tied on their interval could leave the two island
    windows in different orders."""
    raw = tmp_path / "raw"
    write_hand_case(raw)  # every other table, as in the hand case; shop s99 is new
    orders = [_order(f"t{i:03d}", "s99", f"tb{i:03d}") for i in range(60)]
    requests = []
    for i in range(60):
        requests.append(_help(f"tr{i:03d}a", f"t{i:03d}", "s99", f"tb{i:03d}", "merchant_chat", "late_shipment",
                              "2026-10-11 09:00:00"))
        requests.append(_help(f"tr{i:03d}b", f"t{i:03d}", "s99", f"tb{i:03d}", "after_sale", "urge_shipment",
                              "2026-10-11 15:30:00"))
        if i % 3 == 0:
            requests.append(_help(f"tr{i:03d}c", f"t{i:03d}", "s99", f"tb{i:03d}", "merchant_chat",
                                  "out_of_stock", "2026-10-11 21:00:00"))
    write_raw_table(raw, "orders", orders, file_name="part-same-day.parquet")
    write_raw_table(raw, "help_requests", requests, file_name="part-same-day.parquet")
    write_raw_table(raw, "shops", [{"shop_id": "s99", "shop_name": "同日求助店", "category_id": "C1",
                                    "opened_date": "2026-01-01", "status": "active"}],
                    file_name="part-same-day.parquet")
    run_baseline(raw, tmp_path / "b.duckdb", D, D)
    con = duckdb.connect(str(tmp_path / "b.duckdb"), read_only=True)
    try:
        metrics = _metrics(con, D, "s99")
    finally:
        con.close()
    assert metrics["shipping_help_rate"][:2] == (60, 60)
    assert metrics["shipping_platform_help_rate"][:2] == (0, 60)
    assert metrics["platform_help_rate"][:2] == (0, 60)
