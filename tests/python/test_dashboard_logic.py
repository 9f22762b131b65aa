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


def _run_shop_page(scheme: str, shop_id: str) -> AppTest:
    at = AppTest.from_function(_shop_page, default_timeout=60)
    at.query_params["scheme"] = scheme
    at.query_params["shop_id"] = shop_id
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_shop_page_shows_core_problems_in_rank_order(warehouse_copy: Path) -> None:
    # A pdd shop with at least two core-problem rows on the latest date the page opens on.
    shop_id, score_date = query(warehouse_copy, """
        select shop_id, score_date from marts.fct_shop_core_problem_daily
        where scheme = 'pdd' and score_date = (select max(score_date) from marts.fct_shop_score_daily)
        group by shop_id, score_date having count(*) >= 2 order by shop_id limit 1""")[0]
    expected = [r[0] for r in query(warehouse_copy, """
        select reason_code from marts.fct_shop_core_problem_daily
        where scheme = 'pdd' and shop_id = ? and score_date = ? order by problem_rank""", [shop_id, score_date])]
    # Turn the ranks around in the file, so an unsorted page would show the mart's storage order.
    con = duckdb.connect(str(warehouse_copy))
    try:
        con.execute("""create or replace table marts.fct_shop_core_problem_daily as
            select * from marts.fct_shop_core_problem_daily order by problem_rank desc""")
    finally:
        con.close()

    at = _run_shop_page("pdd", shop_id)
    notices = " ".join(i.value for i in at.info)
    assert "is not built" not in notices
    problems = [df.value for df in at.dataframe if "reason_code" in df.value.columns]
    assert len(problems) == 1
    assert list(problems[0]["reason_code"]) == expected
    # Beside each code, its Chinese label from the seed (read here from the CSV, not the warehouse).
    with (PROJECT_DIR / "seeds" / "labels.csv").open(newline="", encoding="utf-8") as handle:
        labels = {r["name"]: r["label_zh"] for r in csv.DictReader(handle) if r["kind"] == "reason" and r["scheme"] == "pdd"}
    assert list(problems[0]["名称"]) == [labels.get(code, "") for code in expected]
    assert any(problems[0]["名称"])


def test_shop_page_says_which_explanation_mart_is_missing(warehouse_copy: Path) -> None:
    (shop_id,) = query(warehouse_copy, """select min(shop_id) from marts.fct_shop_score_daily
                                          where scheme = 'pdd' and score_status = 'scored'""")[0]
    con = duckdb.connect(str(warehouse_copy))
    try:
        con.execute("drop table marts.fct_shop_metric_contribution_daily")
    finally:
        con.close()

    at = _run_shop_page("pdd", shop_id)
    notices = " ".join(i.value for i in at.info)
    assert "fct_shop_metric_contribution_daily is not built" in notices
    assert "fct_shop_core_problem_daily is not built" not in notices


def test_shop_page_says_when_an_explanation_mart_does_not_cover_the_scheme(warehouse_copy: Path) -> None:
    """Core problems are pdd's (SPEC §8): a tmall shop's page says the mart holds no tmall rows, while a scored
    pdd shop whose rows are gone from it gets the per-shop notice."""
    (tmall_shop,) = query(warehouse_copy, """select min(shop_id) from marts.fct_shop_score_daily
                                             where scheme = 'tmall' and score_status = 'scored'""")[0]
    assert query(warehouse_copy, "select count(*) from marts.fct_shop_core_problem_daily where scheme = 'tmall'") == [(0,)]
    notices = " ".join(i.value for i in _run_shop_page("tmall", tmall_shop).info)
    assert "marts.fct_shop_core_problem_daily has no tmall rows: it does not cover this scheme." in notices
    assert "No row in marts.fct_shop_core_problem_daily" not in notices

    (pdd_shop,) = query(warehouse_copy, """select min(shop_id) from marts.fct_shop_score_daily
                                           where scheme = 'pdd' and score_status = 'scored'""")[0]
    con = duckdb.connect(str(warehouse_copy))
    try:  # the shop's own rows go; the mart keeps other pdd shops' rows
        con.execute("delete from marts.fct_shop_core_problem_daily where shop_id = ?", [pdd_shop])
    finally:
        con.close()
    notices = " ".join(i.value for i in _run_shop_page("pdd", pdd_shop).info)
    assert "No row in marts.fct_shop_core_problem_daily for this shop and date." in notices
    assert "does not cover this scheme" not in notices


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
