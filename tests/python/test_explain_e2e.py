"""SPEC §8 explain marts on the hand-worked pdd dataset (e2e_fixtures/pdd_dataset.py, D1 = 2026-06-01, D2 =
2026-06-02, min_peer_shops = 3), the same build as test_e2e_pdd.py. Every expected figure is worked out by
hand below from SPEC.md and the dataset's comments, never from the models' SQL or output.

Peer groups (test_e2e_pdd.py): C11 = {S1, S2, S3} (3 peers) for S1-S3; C1 = {S1..S5} (5) for S4, S5;
C2 = {S6} (1). Every scored shop has 40 counted orders on both dates. S7 is below the minimum volume.
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pytest

from tests.python.conftest import as_dicts
from tests.python.e2e_fixtures.compare import check
from tests.python.e2e_fixtures.pdd_dataset import D1, D2

N = 40

# ---------------------------------------------------------------------------------------------------------
# Core problems. Affected orders per reason (any channel, platform channels) on D1, from the help requests
# of pdd_dataset.py under the help-rate rules:
#   S1: quality_defect 01 (merchant_chat) (1, 0); not_as_described 02 (online, 05-31 23:59:59, visible)
#       (1, 1); odor 02 (complaint) (1, 1); urge_shipment 03 created on D1 -> invisible; not_received 04
#       buyer flagged before D1 -> ignored; logistics_stalled 05 (hotline, buyer flagged 06-01 00:00, not
#       < D1) (1, 1); install_howto routine -> none; weird_new_reason -> unclassified 07 (hotline) (1, 1)
#   S2: wrong_item 01 (merchant) (1, 0); urge_shipment 02 (online) (1, 1); the pre-sale request has no order
#   S3: damaged_in_transit 01 (after_sale, merchant) (1, 0)
#   S4: size_mismatch 01 (1, 1); missing_parts 02 (1, 0); odor 02 (hotline) (1, 1); damaged_item 03 (1, 0);
#       late_shipment 04 (1, 1); shipping_info_error 05 (1, 0); courier_attitude 06 (complaint) (1, 1);
#       signed_not_received 07 (1, 0); merchant_attitude 08 (hotline) (1, 1)
#   S5: out_of_stock 01 (1, 0); refund_dispute 02 (1, 1).   S6: quality_defect 01 (1, 1)
# Every share is 1/40. peer_share = sum of the group's shares / peer_count:
#   C11: a reason only one of S1..S3 has -> (1/40) / 3 = 1/120, excess 1/40 - 1/120 = 1/60.
#   C1: only at S4 or S5 -> (1/40) / 5 = 1/200, excess 1/40 - 1/200 = 1/50; S4's odor (S1 has odor too)
#       -> (2/40) / 5 = 1/100, excess 1/40 - 1/100 = 3/200.
#   C2: S6 alone -> peer_share 1/40, excess 0 -> rank 1 but not a core problem (excess must be > 0).
# Ranks: excess descending, ties by reason code; core = rank <= 3 and excess > 0.
# D2: S1's urge_shipment (03) becomes visible (1, 1) and logistics_stalled drops out (buyer flagged 06-01 <
#   D2); S2 also has urge_shipment -> C11 peer_share (2/40) / 3 = 1/60, excess 1/40 - 1/60 = 1/120 for both.
SHARE = F(1, N)
C11_ONE, C1_ONE = F(1, 120), F(1, 200)
CORE = {  # (date, shop) -> [(reason, affected, platform, peer_share)] in rank order
    (D1, "S1"): [("logistics_stalled", 1, 1, C11_ONE), ("not_as_described", 1, 1, C11_ONE), ("odor", 1, 1, C11_ONE),
                 ("quality_defect", 1, 0, C11_ONE), ("unclassified", 1, 1, C11_ONE)],
    (D1, "S2"): [("urge_shipment", 1, 1, C11_ONE), ("wrong_item", 1, 0, C11_ONE)],
    (D1, "S3"): [("damaged_in_transit", 1, 0, C11_ONE)],
    (D1, "S4"): [("courier_attitude", 1, 1, C1_ONE), ("damaged_item", 1, 0, C1_ONE), ("late_shipment", 1, 1, C1_ONE),
                 ("merchant_attitude", 1, 1, C1_ONE), ("missing_parts", 1, 0, C1_ONE),
                 ("shipping_info_error", 1, 0, C1_ONE), ("signed_not_received", 1, 0, C1_ONE),
                 ("size_mismatch", 1, 1, C1_ONE), ("odor", 1, 1, F(1, 100))],
    (D1, "S5"): [("out_of_stock", 1, 0, C1_ONE), ("refund_dispute", 1, 1, C1_ONE)],
    (D1, "S6"): [("quality_defect", 1, 1, F(1, 40))],
    (D2, "S1"): [("not_as_described", 1, 1, C11_ONE), ("odor", 1, 1, C11_ONE), ("quality_defect", 1, 0, C11_ONE),
                 ("unclassified", 1, 1, C11_ONE), ("urge_shipment", 1, 1, F(1, 60))],
    (D2, "S2"): [("wrong_item", 1, 0, C11_ONE), ("urge_shipment", 1, 1, F(1, 60))],
}

# ---------------------------------------------------------------------------------------------------------
# Contributions on D1 (metric scores = 5 x the percentiles of test_e2e_pdd.py; weights 0.3/0.2/0.2/0.3, each
# dimension's non-NULL metrics equally weighted). contribution = dim weight / sum of non-NULL dim weights (1
# here) x 1 / (non-NULL metrics of the dimension) x metric score; points_lost = the same share x (5 - score).
#   S1: product 5/3, 5/3 (share 0.3/2 = 0.15) -> 0.25, 0.25, lost 0.15 x 10/3 = 0.5 each;
#       shipping 5, 5 (0.1) -> 0.5, 0.5, lost 0; logistics 10/3, 5/3 (0.1) -> 1/3, 1/6, lost 1/6, 1/3;
#       basic_service 5/3, 5/2, 5/3, 5/2 (0.3/4 = 0.075) -> 0.125, 0.1875, 0.125, 0.1875,
#       lost 0.25, 0.1875, 0.25, 0.1875. Sum 2.625 = total 21/8; lost 2.375 = 5 - 2.625.
#   S3: reply and ticket NULL -> basic_service has 2 scored metrics (0.15 each): platform 5, dispute 5 ->
#       0.75, 0.75; reply, ticket NULL -> no part in the total: 0 and 0. product 5, 5 -> 0.75, 0.75; shipping 5, 5 -> 0.5, 0.5; logistics
#       10/3, 5 -> 1/3, 1/2. Sum 29/6 = total.
METRICS = ("product_help_rate", "product_platform_help_rate", "shipping_help_rate", "shipping_platform_help_rate",
           "logistics_help_rate", "logistics_platform_help_rate", "platform_help_rate", "reply_3min_rate",
           "dispute_refund_rate", "ticket_completion_rate")
CONTRIBUTIONS = {
    "S1": ((F(1, 4), F(1, 2)), (F(1, 4), F(1, 2)), (F(1, 2), F(0)), (F(1, 2), F(0)), (F(1, 3), F(1, 6)),
           (F(1, 6), F(1, 3)), (F(1, 8), F(1, 4)), (F(3, 16), F(3, 16)), (F(1, 8), F(1, 4)), (F(3, 16), F(3, 16))),
    "S3": ((F(3, 4), F(0)), (F(3, 4), F(0)), (F(1, 2), F(0)), (F(1, 2), F(0)), (F(1, 3), F(1, 6)),
           (F(1, 2), F(0)), (F(3, 4), F(0)), (F(0), F(0)), (F(3, 4), F(0)), (F(0), F(0))),
}
TOTAL_D1 = {"S1": F(21, 8), "S3": F(29, 6)}

# ---------------------------------------------------------------------------------------------------------
# Improvement targets on D1. S2's total is 23/6 = 3.8333: it meets 3.5 (bargain, checkin) and clears the
# sanctions (< 2.0, < 3.0) but misses 4.0 -> next_threshold 4.0; it needs 4 - 23/6 = 1/6 more.
#   product_help_rate (lower is better; C11 values S1 2/40, S2 1/40, S3 0/40; percentile 2/3, score 10/3,
#     share 0.3 x 1/2 = 0.15): tying S3 at 0 makes S2 at least as good as all 3 -> percentile 1, score 5,
#     total 23/6 + 0.15 x 5/3 = 23/6 + 1/4 = 49/12 = 4.0833 >= 4 -> reachable, target 0.0; the next peer
#     value a step worse is S1's 2/40, worse than S2's own 1/40 (percentile stays 2/3) -> misses.
#     relative_change = |0 - 1/40| / (1/40) = 1.
#   platform_help_rate (lower; S1 3/40, S2 1/40, S3 0/40; percentile 2/3, share 0.3 x 1/4 = 0.075): even
#     tying the best (S3, 0) only gives 23/6 + 0.075 x 5/3 = 23/6 + 1/8 = 3.9583 < 4 -> unreachable.
#   shipping_help_rate (lower; S1 0, S2 1/40, S3 0; percentile 1/3, share 0.2 x 1/2 = 0.1): 0 ties both peers
#     -> percentile 1, total 23/6 + 0.1 x (5 - 5/3) = 25/6 -> reachable, target 0.0, relative change 1.
#   Reachable with relative change 1: product_help_rate, shipping_help_rate, shipping_platform_help_rate
#   (same figures as shipping) -> the easiest is the first by name, product_help_rate.
# S1 (2.625) misses 3.0 first (intervention_priority '<' 3.0 is cleared at >= 3.0) -> next_threshold 3.0.
# S4 (1.2375) misses 2.0 first (restricted). S3, S5, S6 (>= 4.5) meet every threshold -> no rows. S7 below
# the minimum volume -> no rows in any of the three marts.


@pytest.fixture(scope="module")
def db(pdd_e2e_db: Path) -> Path:
    return pdd_e2e_db


def _fail(problems: list[str]) -> None:
    assert not problems, "\n".join(problems)


def test_core_problems(db: Path) -> None:
    rows = as_dicts(db, "select * from marts.fct_shop_core_problem_daily where scheme = 'pdd'")
    got = {(str(r["score_date"]), r["shop_id"], r["reason_code"]): r for r in rows}
    problems: list[str] = []
    for (date, shop), expected in CORE.items():
        listed = sorted((r for k, r in got.items() if k[0] == date and k[1] == shop), key=lambda r: r["problem_rank"])
        if [r["reason_code"] for r in listed] != [e[0] for e in expected]:
            problems.append(f"{date} {shop}: reasons in rank order {[r['reason_code'] for r in listed]}, "
                            f"expected {[e[0] for e in expected]}")
            continue
        for rank, ((reason, affected, platform, peer_share), row) in enumerate(zip(expected, listed), start=1):
            where = f"{date} {shop} {reason}"
            excess = SHARE - peer_share
            if (row["affected_orders"], row["platform_affected_orders"], row["problem_rank"]) != (affected, platform, rank):
                problems.append(f"{where}: affected/platform/rank {row['affected_orders']}, "
                                f"{row['platform_affected_orders']}, {row['problem_rank']}; expected {affected}, "
                                f"{platform}, {rank}")
            check(problems, f"{where} share", SHARE, row["share"])
            check(problems, f"{where} peer_share", peer_share, row["peer_share"])
            check(problems, f"{where} excess_share", excess, row["excess_share"])
            if row["is_core_problem"] != (rank <= 3 and excess > 0):
                problems.append(f"{where}: is_core_problem {row['is_core_problem']}")
    # Every (date, shop) listed by hand on D1 is all of D1; no other shop (S7 below volume) has rows.
    d1_shops = {k[1] for k in got if k[0] == D1}
    if d1_shops != {s for d, s in CORE if d == D1}:
        problems.append(f"D1 shops with core-problem rows: {sorted(d1_shops)}")
    _fail(problems)


def test_contributions(db: Path) -> None:
    rows = as_dicts(db, "select * from marts.fct_shop_metric_contribution_daily where scheme = 'pdd' and score_date = cast($d as date)",
                    {"d": D1})
    got = {(r["shop_id"], r["metric"]): r for r in rows}
    problems: list[str] = []
    for shop, figures in CONTRIBUTIONS.items():
        for metric, (contribution, lost) in zip(METRICS, figures):
            row = got.get((shop, metric))
            if row is None:
                problems.append(f"{shop} {metric}: no row")
                continue
            check(problems, f"{shop} {metric} contribution", contribution, row["contribution"])
            check(problems, f"{shop} {metric} points_lost", lost, row["points_lost"])
            # Only D1 and D2 are built: D - 7 is missing.
            if row["contribution_change_7d"] is not None:
                problems.append(f"{shop} {metric}: contribution_change_7d without D-7")
        # The hand figures themselves add up to the hand total (and the lost points to 5 - total).
        assert sum(c for c, _ in figures) == TOTAL_D1[shop]
        assert sum(lost for _, lost in figures) == 5 - TOTAL_D1[shop]
    if {s for s, _ in got} != {"S1", "S2", "S3", "S4", "S5", "S6"}:
        problems.append(f"shops with contribution rows: {sorted({s for s, _ in got})} (S7 is below volume)")
    _fail(problems)


def test_targets(db: Path) -> None:
    rows = as_dicts(db, "select * from marts.fct_shop_improvement_target_daily where scheme = 'pdd' and score_date = cast($d as date)",
                    {"d": D1})
    got = {(r["shop_id"], r["metric"]): r for r in rows}
    problems: list[str] = []
    assert {s for s, _ in got} == {"S1", "S2", "S4"}, sorted({s for s, _ in got})
    for (shop, threshold) in (("S1", 3.0), ("S2", 4.0), ("S4", 2.0)):
        for metric in METRICS:
            row = got.get((shop, metric))
            if row is not None:
                check(problems, f"{shop} {metric} next_threshold", F(threshold), row["next_threshold"])
    reachable = got[("S2", "product_help_rate")]
    check(problems, "S2 product_help_rate target", F(0), reachable["target_ranking_value"])
    check(problems, "S2 product_help_rate relative_change", F(1), reachable["relative_change"])
    check(problems, "S2 product_help_rate rescored total", F(49, 12), reachable["target_total_score"])
    assert reachable["is_reachable"] and reachable["is_easiest"], reachable
    unreachable = got[("S2", "platform_help_rate")]
    assert not unreachable["is_reachable"] and unreachable["target_ranking_value"] is None, unreachable
    assert not unreachable["is_easiest"]
    shipping = got[("S2", "shipping_help_rate")]
    check(problems, "S2 shipping_help_rate target", F(0), shipping["target_ranking_value"])
    check(problems, "S2 shipping_help_rate rescored total", F(25, 6), shipping["target_total_score"])
    assert [m for (s, m), r in got.items() if s == "S2" and r["is_easiest"]] == ["product_help_rate"]
    _fail(problems)
