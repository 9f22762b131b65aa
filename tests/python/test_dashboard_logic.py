"""Dashboard logic without a browser (streamlit.testing): the shop page shows SPEC §8's explanation marts
once a warehouse has them, and draws the Tmall event threshold of the shop's nearest listed category."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from conftest import SmallWarehouse, query
from shopscore.paths import PROJECT_DIR


def _shop_page() -> None:
    from shopscore.dashboard.views import shop

    shop.render()


@pytest.fixture()
def warehouse_copy(small_warehouse: SmallWarehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the small warehouse that the dashboard reads ($SHOPSCORE_DB)."""
    db = tmp_path / "copy.duckdb"
    shutil.copy(small_warehouse.db, db)
    monkeypatch.setenv("SHOPSCORE_DB", str(db))
    return db


def test_shop_page_shows_explanation_marts_when_built(warehouse_copy: Path) -> None:
    shop_id, score_date = query(warehouse_copy, """
        select shop_id, max(score_date) from marts.fct_shop_score_daily
        where scheme = 'pdd' and score_status = 'scored' group by shop_id order by shop_id limit 1""")[0]
    con = duckdb.connect(str(warehouse_copy))
    try:
        # The build now has the explain marts (issue #10): start from a warehouse without them, so the page
        # must show exactly the one planted below and say the other is not built.
        con.execute("drop table if exists marts.fct_shop_core_problem_daily")
        con.execute("drop table if exists marts.fct_shop_metric_contribution_daily")
        # SPEC §8's columns, two problems in reverse rank order: the page must sort them by rank.
        con.execute("""create table marts.fct_shop_core_problem_daily as
            select * from (values
                (?::date, 'pdd', ?, 'wrong_item', 2, 0, 0.02, 0.01, 0.01, 2),
                (?::date, 'pdd', ?, 'quality_defect', 5, 1, 0.05, 0.01, 0.04, 1))
            as t(score_date, scheme, shop_id, reason_code, affected_orders, platform_affected_orders, share,
                 peer_share, excess_share, problem_rank)""", [score_date, shop_id, score_date, shop_id])
    finally:
        con.close()

    at = AppTest.from_function(_shop_page, default_timeout=60)
    at.query_params["scheme"] = "pdd"
    at.query_params["shop_id"] = shop_id
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    notices = " ".join(i.value for i in at.info)
    assert "fct_shop_core_problem_daily is not built" not in notices
    assert "fct_shop_metric_contribution_daily is not built" in notices
    problems = [df.value for df in at.dataframe if "reason_code" in df.value.columns]
    assert len(problems) == 1
    assert list(problems[0]["reason_code"]) == ["quality_defect", "wrong_item"]
    assert list(problems[0]["affected_orders"]) == [5, 2]


def test_tmall_threshold_is_the_nearest_listed_category(warehouse_copy: Path) -> None:
    from shopscore.dashboard.views.shop import _score_thresholds

    with (PROJECT_DIR / "seeds" / "tmall_event_thresholds.csv").open(newline="") as handle:
        seeded = list(csv.DictReader(handle))
    event = seeded[0]["event"]
    default = next(float(r["min_score"]) for r in seeded if r["event"] == event and r["category_id"] == "*")
    # A level-2 category, its level-1 parent, and a category under another level-1 category.
    child, parent = query(warehouse_copy, """select category_id, parent_category_id from marts.dim_categories
                                              where category_level = 2 order by category_id limit 1""")[0]
    (other,) = query(warehouse_copy, """select category_id from marts.dim_categories
                                         where level_one_category_id <> ? order by category_id limit 1""",
                     [parent])[0]
    override = default / 2 + 0.125  # any value that differs from the default
    con = duckdb.connect(str(warehouse_copy))
    try:
        con.execute("insert into reference.tmall_event_thresholds values (?, ?, ?)", [event, parent, override])
    finally:
        con.close()

    def threshold(category: str) -> float:
        rules = _score_thresholds("tmall", category)
        return float(rules.loc[rules["flag"] == f"eligible_{event}", "threshold"].iloc[0])

    assert threshold(child) == pytest.approx(override)
    assert threshold(parent) == pytest.approx(override)
    assert threshold(other) == pytest.approx(default)
