"""Adding a scheme is one folder of unit models plus seed rows (issue #8; docs/DESIGN.md "Adding a scheme").

The project is copied, `tests/python/e2e_fixtures/toy_scheme/` (a scheme `toy`: its README says the rules)
is dropped into the copy (`models/intermediate/toy/` and rows appended to five seeds) and nothing else is
changed; the hand-worked douyin/tmall/KPI dataset of test_e2e_douyin_tmall_kpi.py is built with
`schemes: [pdd, douyin, tmall, toy]`, every data test included. If the new scheme needed an edit to a
shared model, macro, data test or list, the build would fail or the toy rows would be missing.

Hand working, score date D = 2026-09-01, window [08-02, 08-31] (the dataset's tmall shops, peer group TA):
    TM1 first reviews with a product rating: R1 08-02 00:00 rated 5, R2 08-20 rated 4, R3 08-31 23:59:59
        rated 2 count; R4 08-01 23:59:59 (before the window), R5 09-01 00:00 (on D) and R6 (not a first
        review) do not. good_review_rate 2/3, poor_review_rate 1/3.
    TM2: R21 08-20 rated 5. good 1/1, poor 0/1.
    Volume = orders paid in [D-30, D-1], tmall's rule: TM1 39, TM2 30 (test_e2e_douyin_tmall_kpi's
    hand-worked tmall volumes); minimum 30, so both are scored, each other shop is insufficient_volume.
    Percentiles among TA's 2 shops: good (higher is better) TM1 1/2, TM2 1; poor (lower is better) TM1 1/2,
    TM2 1. Metric score = 0 + 5 * percentile; the one dimension `reviews` is their mean (weights 1, 1) and
    the total (weight 1.0): TM1 2.5, TM2 5.0. Flag eligible_toy_fair (total >= 3.0): TM2 only.
    Explanations (SPEC §8): each metric's weight share is 1/2, contribution = 1/2 * metric score,
    points lost = 1/2 * (5 - metric score).
"""

from __future__ import annotations

import csv
import io
import shutil
from fractions import Fraction as F
from pathlib import Path

import duckdb
import pytest

import tests.python.test_e2e_douyin_tmall_kpi as dtk
from shopscore.summary import print_summary
from tests.python.conftest import as_dicts
from tests.python.e2e_fixtures.compare import check, cume_dist
from tests.python.e2e_fixtures.douyin_tmall_kpi_dataset import D, build_douyin_tmall_kpi_raw
from tests.python.e2e_fixtures.pinned_seeds import douyin_seed_rows, tmall_seed_rows

TOY = Path(__file__).parent / "e2e_fixtures" / "toy_scheme"
SCHEMES = ["pdd", "douyin", "tmall", "toy"]

SCORED = ("TM1", "TM2")
VOLUMES = {"TM1": 39, "TM2": 30}
# metric -> (direction is higher, {shop: (numerator, denominator)})
METRICS = {
    "good_review_rate": (True, {"TM1": (2, 3), "TM2": (1, 1)}),
    "poor_review_rate": (False, {"TM1": (1, 3), "TM2": (0, 1)}),
}
PERCENTILES = {("TM1", "good_review_rate"): F(1, 2), ("TM2", "good_review_rate"): F(1),
               ("TM1", "poor_review_rate"): F(1, 2), ("TM2", "poor_review_rate"): F(1)}
TOTALS = {"TM1": 2.5, "TM2": 5.0}


def toy_flag_threshold() -> float:
    """eligible_toy_fair's threshold, read from the fixture's own flag_rules row (3.0, as worked above)."""
    with (TOY / "seeds" / "flag_rules.csv").open(encoding="utf-8", newline="") as handle:
        return next(float(row["threshold"]) for row in csv.DictReader(handle) if row["flag"] == "eligible_toy_fair")


def add_toy_scheme(project: Path) -> None:
    """The whole change a scheme needs: its folder of models, and its rows appended to each seed it configures."""
    shutil.copytree(TOY / "models" / "intermediate" / "toy", project / "models" / "intermediate" / "toy")
    for rows in sorted((TOY / "seeds").glob("*.csv")):
        seed = project / "seeds" / rows.name
        own_header, *own_rows = rows.read_text(encoding="utf-8").splitlines()
        text = seed.read_text(encoding="utf-8")
        assert text.splitlines()[0] == own_header, f"{rows.name}: header differs from seeds/{rows.name}"
        seed.write_text(text.rstrip("\n") + "\n" + "\n".join(own_rows) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, dbt_build) -> Path:
    raw_dir = build_douyin_tmall_kpi_raw(tmp_path_factory.mktemp("toy-scheme") / "raw")
    return dbt_build(raw_dir, "toy-scheme", args=dtk.BUILD_ARGS, score_date_start=D, score_date_end=D,
                     pinned_seeds={"douyin": douyin_seed_rows(), "tmall": tmall_seed_rows()},
                     extend=add_toy_scheme, schemes=SCHEMES)


def _rows(db: Path, mart: str) -> list[dict]:
    return as_dicts(db, f"select * from marts.{mart} where scheme = 'toy' and score_date = cast($d as date)",
                    {"d": D})


def _fail(problems: list[str]) -> None:
    assert not problems, f"{len(problems)} mismatch(es):\n" + "\n".join(problems)


def test_the_fixture_is_only_a_folder_and_seed_rows() -> None:
    """What the test adds is what DESIGN says a scheme is: files under models/intermediate/toy/, seed rows."""
    added = sorted(str(p.relative_to(TOY)) for p in TOY.rglob("*") if p.is_file())
    assert [p for p in added if not (p.startswith("models/intermediate/toy/") or p.startswith("seeds/")
                                     or p == "README.md")] == []
    for rows in (TOY / "seeds").glob("*.csv"):
        with rows.open(encoding="utf-8", newline="") as handle:
            assert {row["scheme"] for row in csv.DictReader(handle)} == {"toy"}, rows.name


def test_hand_working_is_consistent() -> None:
    """Second route over the tables above: percentiles by cume_dist, the mean, the total and the flag."""
    for metric, (higher, pairs) in METRICS.items():
        values = {shop: F(*pairs[shop]) for shop in SCORED}
        for shop in SCORED:
            assert cume_dist(values[shop], list(values.values()), higher) == PERCENTILES[(shop, metric)]
    for shop in SCORED:
        scores = [5 * PERCENTILES[(shop, metric)] for metric in METRICS]
        assert float(sum(scores) / len(scores)) == TOTALS[shop]


def test_toy_shop_scores(db: Path) -> None:
    rows = {r["shop_id"]: r for r in _rows(db, "fct_shop_score_daily")}
    problems: list[str] = []
    if set(rows) != set(dtk.ALL_SHOPS):
        problems.append(f"toy shops listed: expected {sorted(dtk.ALL_SHOPS)}, got {sorted(rows)}")
    for shop, row in rows.items():
        if shop not in SCORED:
            if row["score_status"] != "insufficient_volume" or row["total_score"] is not None:
                problems.append(f"toy {shop}: expected insufficient_volume, got {row['score_status']!r} / "
                                f"{row['total_score']!r}")
            continue
        for column, expected in (("score_status", "scored"), ("peer_group_id", "TA")):
            if row[column] != expected:
                problems.append(f"toy {shop} {column}: expected {expected!r}, got {row[column]!r}")
        check(problems, f"toy {shop} volume", VOLUMES[shop], row["volume"])
        check(problems, f"toy {shop} peer_count", 2, row["peer_count"])
        check(problems, f"toy {shop} total_score", TOTALS[shop], row["total_score"])
    _fail(problems)


def test_toy_metric_and_dimension_rows(db: Path) -> None:
    got = {(r["shop_id"], r["metric"]): r for r in _rows(db, "fct_shop_metric_daily")}
    problems: list[str] = []
    for metric, (_, pairs) in METRICS.items():
        for shop in SCORED:
            row = got.get((shop, metric))
            where = f"toy {shop} {metric}"
            if row is None:
                problems.append(f"{where}: metric row missing")
                continue
            numerator, denominator = pairs[shop]
            check(problems, f"{where} numerator", numerator, row["numerator"])
            check(problems, f"{where} denominator", denominator, row["denominator"])
            check(problems, f"{where} value", F(numerator, denominator), row["value"])
            check(problems, f"{where} percentile", PERCENTILES[(shop, metric)], row["percentile"])
            check(problems, f"{where} metric_score", 5 * PERCENTILES[(shop, metric)], row["metric_score"])
            if row["dimension"] != "reviews":
                problems.append(f"{where} dimension: expected 'reviews', got {row['dimension']!r}")
    dimensions = {(r["shop_id"], r["dimension"]): r["dimension_score"]
                  for r in _rows(db, "fct_shop_dimension_score_daily")}
    for shop in SCORED:
        check(problems, f"toy {shop} reviews dimension_score", TOTALS[shop], dimensions.get((shop, "reviews")))
    _fail(problems)


def test_toy_flags(db: Path) -> None:
    got = {(r["shop_id"], r["flag"]): r["is_set"] for r in _rows(db, "fct_shop_flag_daily")}
    threshold = toy_flag_threshold()
    expected = {(shop, "eligible_toy_fair"): TOTALS.get(shop, 0.0) >= threshold for shop in dtk.ALL_SHOPS}
    assert expected[("TM2", "eligible_toy_fair")] and not expected[("TM1", "eligible_toy_fair")]
    assert got == expected


def test_toy_explanations(db: Path) -> None:
    got = {(r["shop_id"], r["metric"]): r for r in _rows(db, "fct_shop_metric_contribution_daily")}
    problems: list[str] = []
    for shop in SCORED:
        for metric in METRICS:
            row = got.get((shop, metric))
            if row is None:
                problems.append(f"toy {shop} {metric}: contribution row missing")
                continue
            score = 5 * PERCENTILES[(shop, metric)]
            check(problems, f"toy {shop} {metric} weight_share", F(1, 2), row["weight_share"])
            check(problems, f"toy {shop} {metric} contribution", score / 2, row["contribution"])
            check(problems, f"toy {shop} {metric} points_lost", (5 - score) / 2, row["points_lost"])
    _fail(problems)


@pytest.mark.parametrize("check_name", ["test_shop_scores", "test_douyin_metric_rows", "test_tmall_metric_rows",
                                        "test_dimension_scores", "test_flags", "test_cs_kpis_of_one_day"])
def test_other_schemes_keep_their_hand_worked_numbers(db: Path, check_name: str) -> None:
    """The hand-worked douyin, tmall and KPI checks of test_e2e_douyin_tmall_kpi.py, run on this build."""
    check_fn = getattr(dtk, check_name)
    if check_name == "test_shop_scores":
        for scheme in ("douyin", "tmall"):
            check_fn(db, scheme)
    else:
        check_fn(db)


def test_summary_names_the_new_scheme_from_its_label(db: Path) -> None:
    """`shopscore summary` titles each scheme with its seed `labels` row, the toy's too (no list in Python)."""
    out = io.StringIO()
    print_summary(db, out=out)
    assert "[toy] 玩具 口碑分" in out.getvalue()


def test_explain_card_of_the_new_scheme(db: Path) -> None:
    """`shopscore explain` works for a scheme without a wide scorecard mart: the band is unknown, the rest is
    the generic marts'. TM1's cheapest way to eligible_toy_fair (3.0): good_review_rate 2/3 -> 1 (TM2's value,
    +50%), its percentile 1/2 -> 1, its score 2.5 -> 5, the total (5 + 2.5) / 2 = 3.75."""
    from shopscore.explain import explain

    lines = explain(db, "TM1", scheme="toy", score_date=None).splitlines()
    assert lines[0] == f"店铺TM1 (TM1) · 玩具 口碑分 · {D}"
    for expected in ("总分 total: 2.500   7日变化 7-day change: —",
                     "同行 peers: 类目TA (TA), 2 shops; band —",
                     "  口碑 (reviews): 2.500",
                     "标记 flags set: none",
                     f"  next threshold {toy_flag_threshold()} (eligible_toy_fair)",
                     "  ★ 好评率 (good_review_rate): 0.6667 → 1.0000 (50% change), total then 3.750"):
        assert expected in lines, (expected, lines)


def test_quality_suite_covers_the_new_scheme(db: Path, tmp_path: Path) -> None:
    """The daily run's Great Expectations suite reads the schemes from reference.scheme_settings: it passes on
    this build, and a toy total outside the toy's 0-5 scale fails it by the toy's own expectation."""
    from shopscore.quality import run_suite

    result = run_suite(db, echo=False)
    assert result.success, [failure.describe() for failure in result.failures]
    broken = tmp_path / "broken.duckdb"
    shutil.copy2(db, broken)
    con = duckdb.connect(str(broken))
    try:
        con.execute("update marts.fct_shop_score_daily set total_score = 5.5 where scheme = 'toy' and shop_id = 'TM2'")
    finally:
        con.close()
    result = run_suite(broken, echo=False)
    assert not result.success
    assert [(f.mart, f.check, f.unexpected_count) for f in result.failures] == [
        ("fct_shop_score_daily", "total_score within the toy scale [0, 5]", 1)]
