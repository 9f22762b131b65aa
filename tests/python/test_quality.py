"""The Great Expectations suite over the published marts: a good warehouse passes, planted defects fail.

The warehouse here is made by hand with exactly the SPEC §10 columns (and the seeds and staging tables
the suite and the summary read), so these tests need no dbt build. `make_warehouse` is shared with
tests/python/test_summary.py, whose expected counts are worked out from the tables below.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from shopscore.quality import run_suite

LATEST = date(2026, 11, 1)
WEEK_BEFORE = date(2026, 10, 25)
SCALES = {"pdd": (0.0, 5.0, 30), "douyin": (3.0, 5.0, 50), "tmall": (0.0, 5.0, 30)}
# reference.labels' scheme titles (the summary prints them); douyin has none here, so it is titled by its id alone.
SCHEME_LABELS = {"pdd": "拼多多 消费者服务体验分", "tmall": "天猫 基础服务考核分"}

CATEGORIES = [
    ("c1", "服饰内衣", None),
    ("c11", "女装", "c1"),
    ("c12", "男装", "c1"),
    ("c2", "数码家电", None),
]
SHOPS = [
    ("s1", "花花女装旗舰店", "c11", "active", date(2024, 3, 1)),
    ("s2", "极客数码专营店", "c2", "active", date(2023, 1, 15)),
    ("s3", "老王男装", "c12", "active", date(2025, 6, 30)),
    ("s4", "小米家电", "c2", "active", date(2022, 11, 11)),
    ("s5", "新开小店", "c11", "active", date(2026, 9, 1)),
    ("s6", "冷门小铺", "c12", "active", date(2026, 8, 1)),
    ("s7", "已关店铺", "c11", "closed", date(2020, 1, 1)),
]
# (score_date, scheme, shop_id, total or None = insufficient_volume, volume)
SCORES = [
    (LATEST, "pdd", "s1", 1.5, 120),
    (LATEST, "pdd", "s2", 3.2, 300),
    (LATEST, "pdd", "s3", 3.8, 45),
    (LATEST, "pdd", "s4", 4.6, 900),
    (LATEST, "pdd", "s5", None, 12),
    (LATEST, "pdd", "s6", None, 0),
    (LATEST, "douyin", "s1", 3.7, 200),
    (LATEST, "douyin", "s2", 4.8, 350),
    (LATEST, "douyin", "s3", None, 20),
    (LATEST, "tmall", "s1", 2.0, 130),
    (LATEST, "tmall", "s2", 4.1, 310),
    # An older date with other counts, so the summary must pick the latest one.
    (WEEK_BEFORE, "pdd", "s1", 2.5, 110),
    (WEEK_BEFORE, "pdd", "s2", 3.0, 280),
    (WEEK_BEFORE, "pdd", "s4", None, 25),
]
DIMENSIONS = {
    "pdd": ["product", "shipping", "logistics", "basic_service"],
    "douyin": ["product", "logistics", "service"],
    "tmall": ["product", "logistics", "after_sales", "consultation", "disputes"],
}
# (scheme, metric, dimension, direction) — a few per scheme, rates and means.
METRICS = [
    ("pdd", "product_help_rate", "product", "lower"),
    ("pdd", "reply_3min_rate", "basic_service", "higher"),
    ("douyin", "delivery_hours", "logistics", "lower"),
    ("douyin", "complaint_rate", "service", "lower"),
    ("tmall", "product_rating_avg", "product", "higher"),
    ("tmall", "pickup_24h_rate", "logistics", "higher"),
]
# Rates this warehouse's reference.metric_bounds lets exceed 1 (the fixture's own list, not the seed's).
OPEN_RATES = [("douyin", "complaint_rate", True), ("pdd", "reply_3min_rate", False)]
# Threshold flags (SPEC §4-§6): (scheme, flag, test on the total).
THRESHOLD_FLAGS = [
    ("pdd", "eligible_billion_subsidy", lambda t: t >= 4.0),
    ("pdd", "eligible_bargain", lambda t: t >= 3.5),
    ("pdd", "eligible_checkin", lambda t: t >= 3.5),
    ("pdd", "restricted", lambda t: t < 2.0),
    ("pdd", "intervention_priority", lambda t: t < 3.0),
    ("douyin", "eligible_campaigns", lambda t: t >= 4.5),
    ("douyin", "ads_blocked", lambda t: t < 3.6),
    ("tmall", "eligible_queens_day_38", lambda t: t >= 4.0),
]
# s2 (3.2) is enrolled in billion_subsidy on the latest date and not eligible: to be evicted.
EVICTED = {(LATEST, "pdd", "s2", "evict_billion_subsidy")}
EVICT_FLAGS = ["evict_billion_subsidy", "evict_bargain", "evict_checkin"]
QUARANTINE = [
    ("orders", "o-1", "null_key"),
    ("orders", "o-2", "null_key"),
    ("orders", "o-3", "duplicate_key"),
    ("shops", "s9", "unknown_category:category_id"),
    ("reviews", "r-1", "rating_out_of_range:product_rating"),
]


def _ddl(con: duckdb.DuckDBPyConnection) -> None:
    for schema in ("marts", "reference", "staging", "quarantine"):
        con.execute(f"create schema {schema}")
    con.execute("create table reference.scheme_settings (scheme varchar, scale_lo double, scale_hi double, min_volume integer)")
    con.execute(
        "create table reference.metric_catalogue (scheme varchar, metric varchar, dimension varchar,"
        " direction varchar, weight double)"
    )
    con.execute("create table reference.metric_bounds (scheme varchar, metric varchar, may_exceed_one boolean)")
    con.execute("create table reference.labels (kind varchar, scheme varchar, name varchar, label_zh varchar)")
    con.execute("create table staging.stg_platform__categories (category_id varchar, category_name varchar, parent_category_id varchar)")
    con.execute(
        "create table staging.stg_platform__shops (shop_id varchar, shop_name varchar, category_id varchar,"
        " shop_status varchar, opened_date date)"
    )
    con.execute(
        "create table marts.fct_shop_score_daily (score_date date, scheme varchar, shop_id varchar,"
        " category_id varchar, peer_group_id varchar, peer_count integer, score_status varchar,"
        " volume bigint, total_score double)"
    )
    con.execute(
        "create table marts.fct_shop_metric_daily (score_date date, scheme varchar, shop_id varchar,"
        " metric varchar, dimension varchar, numerator double, denominator double, value double,"
        " ranking_value double, peer_group_id varchar, peer_count integer, percentile double, metric_score double)"
    )
    con.execute(
        "create table marts.fct_shop_dimension_score_daily (score_date date, scheme varchar, shop_id varchar,"
        " dimension varchar, dimension_score double)"
    )
    con.execute(
        "create table marts.fct_shop_flag_daily (score_date date, scheme varchar, shop_id varchar,"
        " flag varchar, is_set boolean)"
    )
    con.execute(
        "create table marts.fct_cs_kpi_daily (kpi_date date, shop_id varchar, agent_id varchar, kpi varchar,"
        " numerator double, denominator double, value double)"
    )
    con.execute(
        "create table quarantine.rejected_rows (table_name varchar, row_key varchar, reason varchar, raw_row json,"
        " source_file varchar, source_row_number bigint, loaded_at timestamp)"
    )


def _shop_category(shop_id: str) -> str:
    return next(category for sid, _, category, _, _ in SHOPS if sid == shop_id)


def _level_1(category_id: str) -> str:
    parent = {cid: parent for cid, _, parent in CATEGORIES}
    while parent[category_id] is not None:
        category_id = parent[category_id]
    return category_id


def _fill(con: duckdb.DuckDBPyConnection) -> None:
    con.executemany("insert into reference.scheme_settings values (?, ?, ?, ?)", [(s, *v) for s, v in SCALES.items()])
    con.executemany("insert into reference.metric_catalogue values (?, ?, ?, ?, 1.0)", METRICS)
    con.executemany("insert into reference.metric_bounds values (?, ?, ?)", OPEN_RATES)
    con.executemany("insert into reference.labels values ('scheme', ?, ?, ?)", [(s, s, label) for s, label in SCHEME_LABELS.items()])
    con.executemany("insert into staging.stg_platform__categories values (?, ?, ?)", CATEGORIES)
    con.executemany("insert into staging.stg_platform__shops values (?, ?, ?, ?, ?)", SHOPS)
    for score_date, scheme, shop_id, total, volume in SCORES:
        lo, hi, _ = SCALES[scheme]
        scored = total is not None
        # Peer group: the shop's level-1 category, sized by the scored shops below it on that date.
        group = _level_1(_shop_category(shop_id))
        peers = sum(
            1 for d, s, sid, t, _ in SCORES if d == score_date and s == scheme and t is not None and _level_1(_shop_category(sid)) == group
        )
        con.execute(
            "insert into marts.fct_shop_score_daily values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [score_date, scheme, shop_id, _shop_category(shop_id), group if scored else None,
             peers if scored else None, "scored" if scored else "insufficient_volume", volume, total],
        )
        for dimension in DIMENSIONS[scheme]:
            con.execute(
                "insert into marts.fct_shop_dimension_score_daily values (?, ?, ?, ?, ?)",
                [score_date, scheme, shop_id, dimension, total],
            )
        if scored:
            for m_scheme, metric, dimension, _ in METRICS:
                if m_scheme != scheme:
                    continue
                numerator, denominator = (3.0, float(volume)) if metric.endswith("_rate") else (volume * 30.5, float(volume))
                value = numerator / denominator
                percentile = (total - lo) / (hi - lo)
                con.execute(
                    "insert into marts.fct_shop_metric_daily values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [score_date, scheme, shop_id, metric, dimension, numerator, denominator, value, value,
                     group, peers, percentile, total],
                )
        flags = [(flag, rule) for s, flag, rule in THRESHOLD_FLAGS if s == scheme]
        flags += [(flag, None) for flag in EVICT_FLAGS if scheme == "pdd"]
        for flag, rule in flags:
            if not scored:
                is_set = False
            elif rule is None:
                is_set = (score_date, scheme, shop_id, flag) in EVICTED
            else:
                is_set = bool(rule(total))
            con.execute(
                "insert into marts.fct_shop_flag_daily values (?, ?, ?, ?, ?)", [score_date, scheme, shop_id, flag, is_set]
            )
    kpis = [
        (date(2026, 10, 31), "s1", None, "response_30s_rate", 8.0, 10.0),
        (date(2026, 10, 31), "s1", "a1", "response_30s_rate", 5.0, 6.0),
        (date(2026, 10, 31), "s1", "a2", "response_30s_rate", 3.0, 3.0),
        (date(2026, 10, 31), "s1", None, "avg_response_seconds", 420.0, 9.0),
        (date(2026, 10, 31), "s2", None, "avg_refund_hours", 96.0, 2.0),
    ]
    con.executemany(
        "insert into marts.fct_cs_kpi_daily values (?, ?, ?, ?, ?, ?, ? / ?)",
        [(*row, row[4], row[5]) for row in kpis],
    )
    con.executemany(
        "insert into quarantine.rejected_rows values (?, ?, ?, '{}', 'part-0.parquet', 1, timestamp '2026-11-01 02:00:00')",
        QUARANTINE,
    )


def make_warehouse(path: Path, *mutations: str) -> Path:
    """Write the hand-made good warehouse to path, then run each SQL mutation (a planted defect)."""
    con = duckdb.connect(str(path))
    try:
        _ddl(con)
        _fill(con)
        for statement in mutations:
            con.execute(statement)
    finally:
        con.close()
    return path


@pytest.fixture()
def good_db(tmp_path: Path) -> Path:
    return make_warehouse(tmp_path / "good.duckdb")


def test_good_warehouse_passes(good_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_suite(good_db)
    assert result.failures == []
    assert result.success
    assert result.marts_checked == [
        "fct_shop_score_daily",
        "fct_shop_metric_daily",
        "fct_shop_dimension_score_daily",
        "fct_shop_flag_daily",
        "fct_cs_kpi_daily",
    ]
    out = capsys.readouterr()
    assert "all passed" in out.out
    # GX's progress bars (tqdm, on stderr) are silenced.
    assert "Calculating Metrics" not in out.err and "%|" not in out.err


DEFECTS = {
    # (SQL that plants it, mart named, words of the rule named, grain key expected among the examples)
    "pdd total 5.2": (
        "update marts.fct_shop_score_daily set total_score = 5.2 where scheme = 'pdd' and shop_id = 's4' and score_date = '2026-11-01'",
        "fct_shop_score_daily",
        "total_score within the pdd scale [0, 5]",
        "shop_id=s4",
    ),
    "douyin metric score below 3": (
        "update marts.fct_shop_metric_daily set metric_score = 2.9 where scheme = 'douyin' and shop_id = 's1' and metric = 'complaint_rate'",
        "fct_shop_metric_daily",
        "metric_score within the douyin scale [3, 5]",
        "metric=complaint_rate",
    ),
    "duplicate grain": (
        "insert into marts.fct_shop_metric_daily select * from marts.fct_shop_metric_daily where shop_id = 's2' and metric = 'product_help_rate' and score_date = '2026-11-01'",
        "fct_shop_metric_daily",
        "one row per (score_date, scheme, shop_id, metric)",
        "shop_id=s2",
    ),
    "NULL shop_id": (
        "update marts.fct_shop_dimension_score_daily set shop_id = null where shop_id = 's3' and scheme = 'douyin'",
        "fct_shop_dimension_score_daily",
        "grain column shop_id is not NULL",
        "shop_id=NULL",
    ),
    "flag set for an insufficient shop": (
        "update marts.fct_shop_flag_daily set is_set = true where shop_id = 's5' and flag = 'restricted' and score_date = '2026-11-01'",
        "fct_shop_flag_daily",
        "no flag set for an insufficient_volume shop",
        "shop_id=s5",
    ),
    "rate 1.3": (
        "update marts.fct_shop_metric_daily set value = 1.3 where shop_id = 's1' and metric = 'reply_3min_rate' and score_date = '2026-11-01'",
        "fct_shop_metric_daily",
        "value of a *_rate metric in [0, 1]",
        "rate_value=1.3",
    ),
    "cs rate 1.3": (
        "update marts.fct_cs_kpi_daily set value = 1.3 where agent_id = 'a2'",
        "fct_cs_kpi_daily",
        "value of a *_rate KPI in [0, 1]",
        "agent_id=a2",
    ),
    "cs denominator 0": (
        "update marts.fct_cs_kpi_daily set denominator = 0 where kpi = 'avg_refund_hours'",
        "fct_cs_kpi_daily",
        "denominator > 0",
        "shop_id=s2",
    ),
    "scored without a total": (
        "update marts.fct_shop_score_daily set total_score = null where shop_id = 's2' and scheme = 'tmall'",
        "fct_shop_score_daily",
        "scored <=> total_score not NULL",
        "shop_id=s2",
    ),
    "insufficient with a total": (
        "update marts.fct_shop_score_daily set total_score = 1.0 where shop_id = 's6' and scheme = 'pdd'",
        "fct_shop_score_daily",
        "scored <=> total_score not NULL",
        "shop_id=s6",
    ),
    "unknown score_status": (
        "update marts.fct_shop_score_daily set score_status = 'pending' where shop_id = 's5'",
        "fct_shop_score_daily",
        "score_status is 'scored' or 'insufficient_volume'",
        "score_status=pending",
    ),
    "empty mart": (
        "delete from marts.fct_shop_dimension_score_daily",
        "fct_shop_dimension_score_daily",
        "has rows",
        None,
    ),
}


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_planted_defect_fails_and_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str], defect: str) -> None:
    sql, mart, rule, example = DEFECTS[defect]
    db = make_warehouse(tmp_path / "bad.duckdb", sql)
    result = run_suite(db)
    assert not result.success
    named = [f for f in result.failures if f.mart == mart and rule in f.check]
    assert named, f"no failure names {mart} / {rule}: {result.descriptions}"
    # Only the planted defect fails: a suite that fails on everything would pass this test otherwise.
    assert len(result.failures) == len(named), result.descriptions
    text = capsys.readouterr().out
    assert f"marts.{mart}" in text and rule in text
    if example is not None:
        assert example in named[0].describe()
        assert "rows break it" in named[0].describe()


OPEN_RATE_ABOVE_ONE = (
    "update marts.fct_shop_metric_daily set numerator = 13, denominator = 10, value = 1.3"
    " where scheme = 'douyin' and shop_id = 's1' and metric = 'complaint_rate'"
)


def test_a_rate_metric_bounds_lets_exceed_one_passes_above_one(tmp_path: Path) -> None:
    result = run_suite(make_warehouse(tmp_path / "open.duckdb", OPEN_RATE_ABOVE_ONE), echo=False)
    assert result.failures == [], result.descriptions


def test_the_same_rate_unlisted_fails_above_one(tmp_path: Path) -> None:
    """Only reference.metric_bounds decides: drop the row and the very same value fails, twice named."""
    db = make_warehouse(tmp_path / "closed.duckdb", OPEN_RATE_ABOVE_ONE,
                        "update reference.metric_bounds set may_exceed_one = false where metric = 'complaint_rate'")
    result = run_suite(db, echo=False)
    assert sorted(f.check for f in result.failures) == [
        "numerator <= denominator for a *_rate metric",
        "value of a *_rate metric in [0, 1] (not may_exceed_one in metric_bounds)",
    ], result.descriptions


def test_an_open_rate_below_zero_fails(tmp_path: Path) -> None:
    db = make_warehouse(tmp_path / "negative.duckdb", "update marts.fct_shop_metric_daily set value = -0.1"
                        " where scheme = 'douyin' and shop_id = 's1' and metric = 'complaint_rate'")
    result = run_suite(db, echo=False)
    assert [f.check for f in result.failures] == ["value of a *_rate metric metric_bounds lets exceed 1 >= 0"]


def test_missing_metric_bounds_is_a_failure(tmp_path: Path) -> None:
    result = run_suite(make_warehouse(tmp_path / "nobounds.duckdb", "drop table reference.metric_bounds"), echo=False)
    assert not result.success
    assert [(f.mart, f.check) for f in result.failures] == [
        ("*", "reference.metric_bounds exists (rates that may exceed 1)")]


def test_missing_mart_is_a_failure(tmp_path: Path) -> None:
    db = make_warehouse(tmp_path / "missing.duckdb", "drop table marts.fct_cs_kpi_daily")
    result = run_suite(db, echo=False)
    assert not result.success
    assert [(f.mart, f.check) for f in result.failures] == [("fct_cs_kpi_daily", "the mart exists")]


def test_check_command_exits_1_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from shopscore.cli import main

    good = make_warehouse(tmp_path / "ok.duckdb")
    bad = make_warehouse(tmp_path / "bad.duckdb", DEFECTS["pdd total 5.2"][0])
    monkeypatch.setenv("SHOPSCORE_DB", str(good))
    assert CliRunner().invoke(main, ["check"]).exit_code == 0
    monkeypatch.setenv("SHOPSCORE_DB", str(bad))
    assert CliRunner().invoke(main, ["check"]).exit_code == 1


def test_score_dates_scope_the_suite_to_the_run(tmp_path: Path) -> None:
    """`shopscore daily` validates the rows its run built (score_dates): a defect on an earlier date passes
    there (its own run checked it) and fails the whole-file check; one on the run's date fails both."""
    old = make_warehouse(tmp_path / "old.duckdb", "update marts.fct_shop_score_daily set total_score = 9.0"
                         f" where scheme = 'pdd' and shop_id = 's1' and score_date = '{WEEK_BEFORE}'")
    assert run_suite(old, echo=False, score_dates=(LATEST, LATEST)).success
    assert not run_suite(old, echo=False).success
    new = make_warehouse(tmp_path / "new.duckdb", "update marts.fct_shop_score_daily set total_score = 9.0"
                         f" where scheme = 'pdd' and shop_id = 's1' and score_date = '{LATEST}'")
    scoped = run_suite(new, echo=False, score_dates=(LATEST, LATEST))
    assert [f.mart for f in scoped.failures] == ["fct_shop_score_daily"]
