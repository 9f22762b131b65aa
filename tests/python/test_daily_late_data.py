"""SPEC §11 "History" and issue #9's late-data test, with a crash during staging on the way.

A platform generated with `--daily` is delivered through the day before its last, except one partition of
help requests (held back: it arrives late). A catch-up run publishes a week of score dates. The late
partition then arrives: a daily run killed while it stages that file leaves the published file as it was;
the next run loads the file, has no new date to build (it rebuilds the latest one), and lists as stale
exactly the other built score dates the late rows reach (every D after the partition's date: a score date
reads data before it, SPEC §3). Rebuilding them lists the later built date as stale in turn (its scorecard
reads their totals and flags); rebuilding that one restores equality.
Rebuilding those dates restores equality with a `--full-refresh` over the same files for the same dates,
and the late rows did change the marts (the test is not vacuous).
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from shopscore.generator.delivery import deliver_through
from tests.python.test_daily import LAST_DAY, Site, kill_when, published_dates, sha256
from tests.python.test_daily_equivalence import assert_same_marts

# Minutes long: scheduled first (conftest.py).
pytestmark = pytest.mark.slow

FIRST_DATE = LAST_DAY - timedelta(days=6)
LATE_DAY = LAST_DAY - timedelta(days=4)
LATE_TABLE = "help_requests"


def last_run(site: Site) -> tuple[int, list[date], bool]:
    """(number of dates built, stale score dates, published) of the latest finished run in audit.runs."""
    con = duckdb.connect(str(site.work), read_only=True)
    try:
        built, stale, published = con.execute(
            "select dates_built, stale_score_dates, published from audit.runs where ended_at is not null"
            " order by started_at desc limit 1").fetchone()
    finally:
        con.close()
    return int(built or 0), list(stale or []), bool(published)


def stale_rows(db: Path) -> list[tuple[object, ...]]:
    """The metric rows of the dates the late partition reaches, except the latest (rebuilt by the next run)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select * from marts.fct_shop_metric_daily where score_date > ? and score_date < ? order by all",
            [LATE_DAY, LAST_DAY]).fetchall()
    finally:
        con.close()


def test_late_partition_is_loaded_listed_stale_and_rebuilt(tmp_path: Path) -> None:
    from shopscore.demo import generate_into

    generation = tmp_path / "generation"
    generate_into(generation, daily=True, quiet=True, bad_rows=False, shops=30, days=45, seed=29, orders=None,
                  end_date=LAST_DAY)
    site = Site(tmp_path / "daily", generation, tmp_path / "raw")
    deliver_through(generation, site.raw, LAST_DAY - timedelta(days=1))
    late = site.raw / LATE_TABLE / f"dt={LATE_DAY.isoformat()}"
    held = tmp_path / "held"
    shutil.move(late, held)

    done = site.run("--start", FIRST_DATE.isoformat(), "--end", LAST_DAY.isoformat())
    assert done.returncode == 0, done.stderr[-4000:]
    before_late = stale_rows(site.published)

    # The late partition arrives; a run killed while it stages that table publishes nothing.
    shutil.move(held, late)
    published = sha256(site.published)
    seen = kill_when(site.start(), rf"START sql incremental model \S*base_platform__{LATE_TABLE}_checked")
    assert sha256(site.published) == published, "".join(seen[-20:])

    # The next run loads it; no later data, so it rebuilds only the latest date (the plan's "nothing new is
    # due") and lists the other built dates the late rows reach as stale.
    done = site.run()
    assert done.returncode == 0, done.stderr[-4000:]
    built, stale, was_published = last_run(site)
    expected_stale = [LATE_DAY + timedelta(days=n) for n in range(1, (LAST_DAY - LATE_DAY).days)]
    assert built == 1 and was_published
    assert stale == expected_stale
    assert "stale score dates" in done.stderr
    assert stale_rows(site.published) == before_late  # the stale dates themselves are not rebuilt yet

    # Rebuilding them makes the one later date stale (its scorecard reads their totals and flags);
    # rebuilding that too restores equality with one full build over the same files.
    done = site.run("--start", expected_stale[0].isoformat(), "--end", expected_stale[-1].isoformat())
    assert done.returncode == 0, done.stderr[-4000:]
    assert last_run(site)[1] == [LAST_DAY]
    done = site.run("--start", LAST_DAY.isoformat(), "--end", LAST_DAY.isoformat())
    assert done.returncode == 0, done.stderr[-4000:]
    assert last_run(site)[1] == []
    assert published_dates(site.published) == [FIRST_DATE + timedelta(days=n) for n in range(7)]
    full = Site(tmp_path / "full", generation, site.raw)
    done = full.run("--full-refresh", "--start", FIRST_DATE.isoformat(), "--end", LAST_DAY.isoformat())
    assert done.returncode == 0, done.stderr[-4000:]
    assert_same_marts(site.published, full.published, "after rebuilding the stale dates")
    assert stale_rows(site.published) != before_late  # the late help requests moved those dates' help rates
