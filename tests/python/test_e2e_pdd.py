"""End-to-end test of the Pinduoduo score (SPEC §3, §4) on a hand-built dataset (issues 3 and 5).

The dataset is tests/python/e2e_fixtures/pdd_dataset.py; every expected figure below was worked out by
hand from SPEC.md alone (the working is in the comments), never from the models' SQL or output. The
whole `dbt build` runs on it (score dates D1 = 2026-06-01 and D2 = 2026-06-02, min_peer_shops = 3) and
every metric, percentile, metric score, dimension score, total, peer group and flag of every shop is
compared, with tolerance 1e-9. test_hand_working_is_consistent re-derives the percentiles, dimension
scores, totals and flags from the hand values by a second route, so an arithmetic slip in this file
cannot masquerade as a model bug.
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pytest

from tests.python.conftest import as_dicts, query
from tests.python.e2e_fixtures.compare import check, cume_dist, ratio, show
from tests.python.e2e_fixtures.pdd_dataset import D1, D2, SCORED_SHOPS
from tests.python.e2e_fixtures.pinned_seeds import PDD_DIMENSION_WEIGHTS, PDD_THRESHOLDS

DATES = (D1, D2)
BUILD_ARGS = ("build", "--exclude", "test_type:unit")
METRICS = (
    # metric, dimension, higher is better
    ("product_help_rate", "product", False),
    ("product_platform_help_rate", "product", False),
    ("shipping_help_rate", "shipping", False),
    ("shipping_platform_help_rate", "shipping", False),
    ("logistics_help_rate", "logistics", False),
    ("logistics_platform_help_rate", "logistics", False),
    ("platform_help_rate", "basic_service", False),
    ("reply_3min_rate", "basic_service", True),
    ("dispute_refund_rate", "basic_service", False),
    ("ticket_completion_rate", "basic_service", True),
)
# The build's weights and thresholds are this test's own (pinned in conftest.pdd_e2e_db), exact as fractions.
DIMENSION_WEIGHTS = {d: F(str(w)) for d, w in PDD_DIMENSION_WEIGHTS.items()}
THRESHOLDS = {flag: (op, F(str(t))) for flag, (op, t) in PDD_THRESHOLDS.items()}
FLAGS = ("eligible_billion_subsidy", "eligible_bargain", "eligible_checkin", "restricted", "intervention_priority",
         "evict_billion_subsidy", "evict_bargain", "evict_checkin")

# ---------------------------------------------------------------------------------------------------------
# Peer groups (SPEC §3, min_peer_shops = 3; scored shops only - S7 is below volume, S8 closed):
#   C11 has S1, S2, S3 -> 3 peers, not fewer than 3 -> own category.
#   C12: S4 + S5 (C121 lies below C12) = 2 < 3 -> parent C1: S1..S5 = 5 peers.
#   C121: S5 = 1 < 3 -> C12 (2 < 3) -> C1 (5).  C2: S6 alone, level 1 -> used whatever its size (1).
PEER_GROUP = {"S1": ("C11", 3), "S2": ("C11", 3), "S3": ("C11", 3), "S4": ("C1", 5), "S5": ("C1", 5),
              "S6": ("C2", 1)}
CATEGORY = {"S1": "C11", "S2": "C11", "S3": "C11", "S4": "C12", "S5": "C121", "S6": "C2", "S7": "C12"}

# ---------------------------------------------------------------------------------------------------------
# Metric numerators / denominators. Orders: 40 per scored shop on both dates (S1: 39 base + OS1_b1 grouped
# 05-02 00:00:00 on D1, + OS1_b2 grouped 06-01 00:00:00 on D2; OS1_b0 05-01 23:59:59 never; *_ng never
# grouped). Order lists below are order numbers nn of O<shop>_<nn>.
#
# S1, D1:
#   product: 01 (quality_defect, merchant_chat), 02 (not_as_described platform_cs_online at 05-31 23:59:59
#            + odor complaint: one order) -> 2/40; platform channels: 02 -> 1/40
#   shipping: 03's urge_shipment was created on D1 06-01 09:00 -> invisible -> 0/40, 0/40
#   logistics: 04 ignored (buyer flagged 05-20 < D1); 05 (hotline, buyer flagged 06-01 00:00, not < D1)
#            counts -> 1/40, platform 1/40
#   platform_help_rate: platform-channel, non-routine: 02, 05, 07 (unclassified 'weird_new_reason');
#            06 is routine (install_howto) -> 3/40
#   reply_3min_rate units (shop, buyer, date, buyer msg in 08:00:00-22:59:59):
#            CB1_01 180 s pass; CB1_02 181 s fail; CB1_03 bot at 5 s then agent 300 s fail;
#            CB1_04 only 23:00:00 -> no unit; CB1_05 22:59:59 -> agent 61 s pass; CB1_06 08:00:00 agent
#            same second pass; CB1_07 2nd message answered after 240 s fail; CB1_08 10:00 answered 30 s
#            (23:00:00 message is not a business-hours one) pass; CB1_09 reply in another conversation
#            fail; CB1_10 on D1 invisible; CB1_11 07:59:59 no unit -> 4 pass / 8 units
#   dispute_refund_rate: 10 (two merchant interventions, goods_payment appeal doesn't remove) yes;
#            11 approved responsibility appeal decided 05-25 < D1 -> removed; 12 appeal rejected -> yes;
#            13 appeal approved but decided 06-01 10:00, not < D1 -> yes; 14 buyer's fault no;
#            15 refund not succeeded no; 16 decided on D1 -> not in window; 17 malicious buyer -> 3/40
#   ticket_completion_rate: T1_1 completed exactly at due pass; T1_2 1 s late fail; T1_3 completed
#            06-01 09:00 (before due but not < D1) fail; T1_4 created on D1 not counted; T1_5 created
#            05-01 = D1-31 not counted -> 1/3
# S1, D2 (window 05-03 .. 06-01): product unchanged 2/40, 1/40; shipping: 03 now visible and platform
#   -> 1/40, 1/40; logistics: 05's buyer flagged 06-01 < D2 -> 0/40, 0/40; platform: 02, 03, 07 -> 3/40;
#   reply: + CB1_10 (06-01, unanswered) fails -> 4/9; dispute: 10, 12, 16 (decided 06-01, in window);
#   13 now removed (appeal decided 06-01 < D2) -> 3/40; tickets: T1_1 pass, T1_2 fail, T1_3 pass (06-01
#   09:00 < D2, before due), T1_4 (created 06-01, open) fail -> 2/4
# S2: product 01 (merchant) 1/40, platform 0/40; shipping 02 (platform_cs_online) 1/40, 1/40; logistics 0;
#   platform 02 -> 1/40 (the pre-sale request has no order); reply 2 units both within 180 s (60 s,
#   179 s) 2/2; dispute 10 -> 1/40; tickets 2/2
# S3: logistics 01 (after_sale = merchant channel) 1/40, platform 0/40; everything else 0/40; no chats ->
#   reply NULL; no tickets -> ticket NULL
# S4: product 01, 02, 03 -> 3/40; platform 01 (online), 02 (hotline odor) -> 2/40; shipping 04, 05 -> 2/40,
#   platform 04 -> 1/40; logistics 06, 07 -> 2/40, platform 06 (complaint) -> 1/40; platform_help 01, 02,
#   04, 06, 08 (merchant_attitude, hotline) -> 5/40; reply 60 s pass, 200 s fail, unanswered fail, bot-only
#   fail -> 1/4; dispute 10..13 -> 4/40; tickets: on time, late, open, late -> 1/4
# S5: shipping 01 (merchant) 1/40, 0/40; platform 02 (refund_dispute, platform_intervention) -> 1/40;
#   reply 180 s pass, 181 s fail -> 1/2; dispute 0/40; ticket 1/1
# S6: product 01 platform -> 1/40, 1/40; platform 1/40; reply 1 unit unanswered 0/1; dispute 1/40; no
#   tickets -> NULL
# Same on both dates for S2..S6 (nothing of theirs sits on a window edge).
METRIC_ORDER = [m for m, _, _ in METRICS]


def _row(*pairs: tuple[int, int] | None) -> dict[str, tuple[int, int] | None]:
    return dict(zip(METRIC_ORDER, pairs, strict=True))


N = 40
COUNTS_D1 = {
    "S1": _row((2, N), (1, N), (0, N), (0, N), (1, N), (1, N), (3, N), (4, 8), (3, N), (1, 3)),
    "S2": _row((1, N), (0, N), (1, N), (1, N), (0, N), (0, N), (1, N), (2, 2), (1, N), (2, 2)),
    "S3": _row((0, N), (0, N), (0, N), (0, N), (1, N), (0, N), (0, N), None, (0, N), None),
    "S4": _row((3, N), (2, N), (2, N), (1, N), (2, N), (1, N), (5, N), (1, 4), (4, N), (1, 4)),
    "S5": _row((0, N), (0, N), (1, N), (0, N), (0, N), (0, N), (1, N), (1, 2), (0, N), (1, 1)),
    "S6": _row((1, N), (1, N), (0, N), (0, N), (0, N), (0, N), (1, N), (0, 1), (1, N), None),
}
COUNTS_D2 = {**COUNTS_D1,
             "S1": _row((2, N), (1, N), (1, N), (1, N), (0, N), (0, N), (3, N), (4, 9), (3, N), (2, 4))}
COUNTS = {D1: COUNTS_D1, D2: COUNTS_D2}

# ---------------------------------------------------------------------------------------------------------
# Percentiles by hand. Lower-is-better: (peers with value >= mine) / (peers with non-NULL value);
# higher-is-better: (peers with value <= mine) / (non-NULL peers). Ties share the better rank.
#
# D1 values (per 40 orders unless noted):      S1    S2    S3    S4    S5
#   product_help                               2     1     0     3     0
#   product_platform                           1     0     0     2     0
#   shipping_help                              0     1     0     2     1
#   shipping_platform                          0     1     0     1     0
#   logistics_help                             1     0     1     2     0
#   logistics_platform                         1     0     0     1     0
#   platform_help                              3     1     0     5     1
#   reply (rate)                               .5    1     NULL  .25   .5
#   dispute                                    3     1     0     4     0
#   ticket (rate)                              1/3   1     NULL  .25   1
# C11 group (S1, S2, S3):
#   S1: product 2 -> only S1 >= 2 -> 1/3; prod_platform 1 -> 1/3; shipping 0, 0 -> all 3 >= 0 -> 1, 1;
#       logistics 1 -> S1, S3 -> 2/3; log_platform 1 -> 1/3; platform 3 -> 1/3; reply .5 vs {.5, 1}
#       -> 1/2; dispute 3 -> 1/3; ticket 1/3 vs {1/3, 1} -> 1/2
#   S2: product 1 -> S1, S2 -> 2/3; prod_platform 0 -> 1 (tie with S3); shipping 1 -> 1/3, 1/3;
#       logistics 0 -> 1, 1; platform 1 -> 2/3; reply 1 -> 2/2; dispute 1 -> 2/3; ticket 1 -> 1
#   S3: 1, 1, 1, 1, logistics 1 -> S1, S3 -> 2/3, log_platform 1, platform 1, reply NULL, dispute 1,
#       ticket NULL
# C1 group (S1..S5):
#   S4: product 3 -> 1/5; prod_platform 2 -> 1/5; shipping 2 -> 1/5; ship_platform 1 -> S2, S4 -> 2/5;
#       logistics 2 -> 1/5; log_platform 1 -> S1, S4 -> 2/5; platform 5 -> 1/5; reply .25 among
#       {.5, 1, .25, .5} -> 1/4; dispute 4 -> 1/5; ticket .25 among {1/3, 1, .25, 1} -> 1/4
#   S5: product 0 -> 5/5; prod_platform 1; shipping 1 -> S2, S4, S5 -> 3/5; ship_platform 0 -> 1;
#       logistics 1, 1; platform 1 -> S1, S2, S4, S5 -> 4/5; reply .5 -> S1, S4, S5 -> 3/4 (tie with S1);
#       dispute 1; ticket 1 -> 4/4
# C2 group (S6 alone): every non-NULL metric -> 1/1; ticket NULL.
#
# D2 changes only S1's values: shipping 1, ship_platform 1, logistics 0, log_platform 0, reply 4/9,
# ticket 1/2 (the rest as D1). C11: S1 shipping 1 -> S1, S2 -> 2/3 (both), logistics 0 -> 1, 1;
#   S2 shipping 1 -> 2/3, 2/3; S3 logistics 1 -> only S3 -> 1/3; reply/ticket ranks unchanged.
# C1: S4 ship_platform 1 -> S1, S2, S4 -> 3/5; log_platform 1 -> only S4 -> 1/5; reply .25 among
#   {4/9, 1, .25, .5} -> 1/4; ticket .25 among {.5, 1, .25, 1} -> 1/4.
#   S5 shipping 1 -> S1, S2, S4, S5 -> 4/5; reply .5 -> {4/9, .25, .5} -> 3/4.
ONE = F(1)
PCT_D1 = {
    "S1": [F(1, 3), F(1, 3), ONE, ONE, F(2, 3), F(1, 3), F(1, 3), F(1, 2), F(1, 3), F(1, 2)],
    "S2": [F(2, 3), ONE, F(1, 3), F(1, 3), ONE, ONE, F(2, 3), ONE, F(2, 3), ONE],
    "S3": [ONE, ONE, ONE, ONE, F(2, 3), ONE, ONE, None, ONE, None],
    "S4": [F(1, 5), F(1, 5), F(1, 5), F(2, 5), F(1, 5), F(2, 5), F(1, 5), F(1, 4), F(1, 5), F(1, 4)],
    "S5": [ONE, ONE, F(3, 5), ONE, ONE, ONE, F(4, 5), F(3, 4), ONE, ONE],
    "S6": [ONE, ONE, ONE, ONE, ONE, ONE, ONE, ONE, ONE, None],
}
PCT_D2 = {
    "S1": [F(1, 3), F(1, 3), F(2, 3), F(2, 3), ONE, ONE, F(1, 3), F(1, 2), F(1, 3), F(1, 2)],
    "S2": [F(2, 3), ONE, F(2, 3), F(2, 3), ONE, ONE, F(2, 3), ONE, F(2, 3), ONE],
    "S3": [ONE, ONE, ONE, ONE, F(1, 3), ONE, ONE, None, ONE, None],
    "S4": [F(1, 5), F(1, 5), F(1, 5), F(3, 5), F(1, 5), F(1, 5), F(1, 5), F(1, 4), F(1, 5), F(1, 4)],
    "S5": [ONE, ONE, F(4, 5), ONE, ONE, ONE, F(4, 5), F(3, 4), ONE, ONE],
    "S6": PCT_D1["S6"],
}
PERCENTILES = {D1: PCT_D1, D2: PCT_D2}

# ---------------------------------------------------------------------------------------------------------
# Metric score = 5 x percentile (pdd scale [0, 5]). Dimension = mean of its non-NULL metric scores;
# total = 0.3 product + 0.2 shipping + 0.2 logistics + 0.3 basic_service.
# D1:
#   S1: product (5/3 + 5/3)/2 = 5/3; shipping 5; logistics (10/3 + 5/3)/2 = 5/2;
#       basic (5/3 + 5/2 + 5/3 + 5/2)/4 = 25/12; total .5 + 1 + .5 + .625 = 2.625
#   S2: product (10/3 + 5)/2 = 25/6; shipping 5/3; logistics 5; basic (10/3 + 5 + 10/3 + 5)/4 = 25/6;
#       total 1.25 + 1/3 + 1 + 1.25 = 23/6 = 3.8333
#   S3: 5; 5; (10/3 + 5)/2 = 25/6; basic (5 + 5)/2 = 5 (reply, ticket NULL, left out);
#       total 1.5 + 1 + 5/6 + 1.5 = 29/6 = 4.8333
#   S4: product 1; shipping (1 + 2)/2 = 3/2; logistics (1 + 2)/2 = 3/2; basic (1 + 1.25 + 1 + 1.25)/4 = 9/8;
#       total .3 + .3 + .3 + .3375 = 1.2375
#   S5: 5; (3 + 5)/2 = 4; 5; (4 + 3.75 + 5 + 5)/4 = 71/16; total 1.5 + .8 + 1 + 1.33125 = 4.63125
#   S6: 5; 5; 5; 5 (ticket left out); total 5
# D2:
#   S1: 5/3; (10/3 + 10/3)/2 = 10/3; 5; 25/12; total .5 + 2/3 + 1 + .625 = 67/24 = 2.7917
#   S2: 25/6; 10/3; 5; 25/6; total 1.25 + 2/3 + 1 + 1.25 = 25/6 = 4.1667
#   S3: 5; 5; (5/3 + 5)/2 = 10/3; 5; total 1.5 + 1 + 2/3 + 1.5 = 14/3 = 4.6667
#   S4: 1; (1 + 3)/2 = 2; (1 + 1)/2 = 1; 9/8; total .3 + .4 + .2 + .3375 = 1.2375
#   S5: 5; (4 + 5)/2 = 9/2; 5; 71/16; total 1.5 + .9 + 1 + 1.33125 = 4.73125
#   S6: 5 everywhere
DIMS = ("product", "shipping", "logistics", "basic_service")
DIM_D1 = {
    "S1": (F(5, 3), F(5), F(5, 2), F(25, 12)),
    "S2": (F(25, 6), F(5, 3), F(5), F(25, 6)),
    "S3": (F(5), F(5), F(25, 6), F(5)),
    "S4": (F(1), F(3, 2), F(3, 2), F(9, 8)),
    "S5": (F(5), F(4), F(5), F(71, 16)),
    "S6": (F(5), F(5), F(5), F(5)),
}
DIM_D2 = {
    "S1": (F(5, 3), F(10, 3), F(5), F(25, 12)),
    "S2": (F(25, 6), F(10, 3), F(5), F(25, 6)),
    "S3": (F(5), F(5), F(10, 3), F(5)),
    "S4": (F(1), F(2), F(1), F(9, 8)),
    "S5": (F(5), F(9, 2), F(5), F(71, 16)),
    "S6": DIM_D1["S6"],
}
DIMENSION_SCORES = {D1: DIM_D1, D2: DIM_D2}
TOTALS = {
    D1: {"S1": F(21, 8), "S2": F(23, 6), "S3": F(29, 6), "S4": F(99, 80), "S5": F(741, 160), "S6": F(5)},
    D2: {"S1": F(67, 24), "S2": F(25, 6), "S3": F(14, 3), "S4": F(99, 80), "S5": F(757, 160), "S6": F(5)},
}

# ---------------------------------------------------------------------------------------------------------
# Flags (SPEC §4): billion >= 4.0; bargain, checkin >= 3.5; restricted < 2.0; intervention_priority < 3.0;
# evict_<p>: enrolled on D (enrolled_at < D and (exited_at NULL or >= D)) and not eligible.
# Enrolment: S1 bargain exits 06-01 10:00 (>= D1: enrolled on D1; < D2: not on D2) -> evict_bargain on D1
#   (2.625 < 3.5), not D2; S1 checkin exited 05-31 -> never; S2 billion open -> evicted on D1 (3.83 < 4),
#   not on D2 (4.17 >= 4); S3 billion but eligible; S4 billion enrolled 06-01 00:00:00 (not < D1) -> only
#   D2, 1.2375 < 4 -> evict on D2; S7 billion but insufficient volume -> no flag at all.
# Order: billion, bargain, checkin, restricted, priority, evict_billion, evict_bargain, evict_checkin.
T, X = True, False
FLAG_D1 = {
    "S1": (X, X, X, X, T, X, T, X),  # 2.625
    "S2": (X, T, T, X, X, T, X, X),  # 3.8333
    "S3": (T, T, T, X, X, X, X, X),  # 4.8333
    "S4": (X, X, X, T, T, X, X, X),  # 1.2375, not yet enrolled
    "S5": (T, T, T, X, X, X, X, X),  # 4.63125
    "S6": (T, T, T, X, X, X, X, X),  # 5
    "S7": (X,) * 8,  # insufficient volume
}
FLAG_D2 = {
    "S1": (X, X, X, X, T, X, X, X),  # 2.7917, bargain exited 06-01 < D2
    "S2": (T, T, T, X, X, X, X, X),  # 4.1667
    "S3": (T, T, T, X, X, X, X, X),  # 4.6667
    "S4": (X, X, X, T, T, T, X, X),  # 1.2375, enrolled in billion_subsidy since 06-01
    "S5": (T, T, T, X, X, X, X, X),
    "S6": (T, T, T, X, X, X, X, X),
    "S7": (X,) * 8,
}
FLAG_VALUES = {D1: FLAG_D1, D2: FLAG_D2}
ENROLLED = {  # (shop, program) -> dates on which it is enrolled, from the rule above
    D1: {("S1", "bargain"), ("S2", "billion_subsidy"), ("S3", "billion_subsidy"), ("S7", "billion_subsidy")},
    D2: {("S2", "billion_subsidy"), ("S3", "billion_subsidy"), ("S4", "billion_subsidy"),
         ("S7", "billion_subsidy")},
}


PARENT = {"C1": None, "C11": "C1", "C12": "C1", "C121": "C12", "C2": None}


def _ancestry(category: str | None) -> set[str]:
    """A category and every category above it."""
    found: set[str] = set()
    while category is not None:
        found.add(category)
        category = PARENT[category]
    return found


# ---------------------------------------------------------------------------------------------------------
def test_hand_working_is_consistent() -> None:
    """Second route over the hand tables: cume_dist, weighted means and thresholds must agree with them."""
    for date in DATES:
        for shop in SCORED_SHOPS:
            group, size = PEER_GROUP[shop]
            candidate = CATEGORY[shop]  # SPEC §3 fallback: up while fewer than 3 peers, level 1 regardless
            while PARENT[candidate] is not None and sum(
                    candidate in _ancestry(CATEGORY[s]) for s in SCORED_SHOPS) < 3:
                candidate = PARENT[candidate]
            assert candidate == group, (shop, candidate)
            peers = [s for s in SCORED_SHOPS if group in _ancestry(CATEGORY[s])]
            assert len(peers) == size
            for i, (metric, _, higher) in enumerate(METRICS):
                mine = ratio(COUNTS[date][shop][metric])
                others = [ratio(COUNTS[date][p][metric]) for p in peers]
                assert cume_dist(mine, others, higher) == PERCENTILES[date][shop][i], (date, shop, metric)
            for j, dim in enumerate(DIMS):
                scores = [5 * p for p, (_, d, _) in zip(PERCENTILES[date][shop], METRICS) if d == dim and p is not None]
                assert sum(scores) / len(scores) == DIMENSION_SCORES[date][shop][j], (date, shop, dim)
            total = sum(DIMENSION_WEIGHTS[d] * s for d, s in zip(DIMS, DIMENSION_SCORES[date][shop]))
            assert total == TOTALS[date][shop], (date, shop)
            threshold = {flag: (total >= t if op == ">=" else total < t) for flag, (op, t) in THRESHOLDS.items()}
            eligible = tuple(threshold[f"eligible_{p}"] for p in ("billion_subsidy", "bargain", "checkin"))
            enrolled = [(shop, p) in ENROLLED[date] for p in ("billion_subsidy", "bargain", "checkin")]
            evict = tuple(e and not ok for e, ok in zip(enrolled, eligible))
            assert FLAG_VALUES[date][shop] == (*eligible, threshold["restricted"], threshold["intervention_priority"],
                                               *evict), (date, shop)


@pytest.fixture(scope="module")
def pdd_db(pdd_e2e_db: Path) -> Path:
    # Built once per session in conftest.py (the explain tests read the same build).
    return pdd_e2e_db


def _fail(problems: list[str]) -> None:
    assert not problems, f"{len(problems)} mismatch(es):\n" + "\n".join(problems)


def test_nothing_was_quarantined(pdd_db: Path) -> None:
    """Every hand-placed row is valid input (unknown help reasons included, SPEC §2): none may be rejected."""
    assert query(pdd_db, "select table_name, row_key, reason from quarantine.rejected_rows") == []


@pytest.mark.parametrize("date", DATES)
def test_shop_scores(pdd_db: Path, date: str) -> None:
    rows = {r["shop_id"]: r for r in as_dicts(
        pdd_db, "select * from marts.fct_shop_score_daily where scheme = 'pdd' and score_date = cast($d as date)",
        {"d": date})}
    problems: list[str] = []
    # S8 is closed: absent. S7: listed, insufficient_volume (29 grouped orders in the window), NULL score.
    if set(rows) != set(SCORED_SHOPS) | {"S7"}:
        problems.append(f"{date} shops listed: expected {sorted(set(SCORED_SHOPS) | {'S7'})}, got {sorted(rows)}")
    s7 = rows.get("S7")
    if s7 is not None:
        if s7["score_status"] != "insufficient_volume":
            problems.append(f"{date} S7 score_status: expected 'insufficient_volume', got {s7['score_status']!r}")
        check(problems, f"{date} S7 volume", 29, s7["volume"])
        check(problems, f"{date} S7 total_score", None, s7["total_score"])
        if s7["category_id"] != "C12":
            problems.append(f"{date} S7 category_id: expected 'C12', got {s7['category_id']!r}")
    for shop in SCORED_SHOPS:
        row = rows.get(shop)
        if row is None:
            continue
        where = f"{date} {shop}"
        if row["score_status"] != "scored":
            problems.append(f"{where} score_status: expected 'scored', got {row['score_status']!r}")
        if row["category_id"] != CATEGORY[shop]:
            problems.append(f"{where} category_id: expected {CATEGORY[shop]!r}, got {row['category_id']!r}")
        check(problems, f"{where} volume", 40, row["volume"])
        group, size = PEER_GROUP[shop]
        if row["peer_group_id"] != group:
            problems.append(f"{where} peer_group_id: expected {group!r}, got {row['peer_group_id']!r}")
        check(problems, f"{where} peer_count", size, row["peer_count"])
        check(problems, f"{where} total_score", TOTALS[date][shop], row["total_score"])
    _fail(problems)


@pytest.mark.parametrize("date", DATES)
def test_metric_rows(pdd_db: Path, date: str) -> None:
    rows = as_dicts(pdd_db, "select * from marts.fct_shop_metric_daily where scheme = 'pdd' "
                            "and score_date = cast($d as date)", {"d": date})
    got = {(r["shop_id"], r["metric"]): r for r in rows}
    expected_keys = {(s, m) for s in SCORED_SHOPS for m in METRIC_ORDER}
    problems: list[str] = []
    extra = set(got) - expected_keys - {("S7", m) for m in METRIC_ORDER}
    missing = expected_keys - set(got)
    if missing:
        problems.append(f"{date} metric rows missing: {sorted(missing)}")
    if extra:
        problems.append(f"{date} unexpected metric rows: {sorted(extra)}")
    for shop in SCORED_SHOPS:
        group, size = PEER_GROUP[shop]
        for i, (metric, dimension, _) in enumerate(METRICS):
            row = got.get((shop, metric))
            if row is None:
                continue
            where = f"{date} {shop} {metric}"
            pair = COUNTS[date][shop][metric]
            value = ratio(pair)
            if pair is None:  # no units: NULL value; the counts are 0/0 or NULL
                if row["denominator"] not in (0, None) or row["numerator"] not in (0, None):
                    problems.append(f"{where} numerator/denominator: expected 0/0 or NULL, got "
                                    f"{row['numerator']!r}/{row['denominator']!r}")
            else:
                check(problems, f"{where} numerator", pair[0], row["numerator"])
                check(problems, f"{where} denominator", pair[1], row["denominator"])
            check(problems, f"{where} value", value, row["value"])
            check(problems, f"{where} ranking_value", value, row["ranking_value"])  # smoothing off
            pct = PERCENTILES[date][shop][i]
            check(problems, f"{where} percentile", pct, row["percentile"])
            check(problems, f"{where} metric_score", None if pct is None else 5 * pct, row["metric_score"])
            if row["dimension"] != dimension:
                problems.append(f"{where} dimension: expected {dimension!r}, got {row['dimension']!r}")
            if row["peer_group_id"] != group:
                problems.append(f"{where} peer_group_id: expected {group!r}, got {row['peer_group_id']!r}")
            check(problems, f"{where} peer_count", size, row["peer_count"])
    _fail(problems)


@pytest.mark.parametrize("date", DATES)
def test_dimension_scores(pdd_db: Path, date: str) -> None:
    rows = query(pdd_db, "select shop_id, dimension, dimension_score from marts.fct_shop_dimension_score_daily "
                         "where scheme = 'pdd' and score_date = cast($1 as date)", [date])
    got = {(shop, dim): score for shop, dim, score in rows}
    problems: list[str] = []
    for shop in SCORED_SHOPS:
        for j, dim in enumerate(DIMS):
            if (shop, dim) not in got:
                problems.append(f"{date} {shop} {dim}: dimension row missing")
                continue
            check(problems, f"{date} {shop} {dim} dimension_score", DIMENSION_SCORES[date][shop][j], got[(shop, dim)])
    for (shop, dim), score in got.items():
        if shop == "S7" and score is not None:  # insufficient volume: NULL scores (SPEC §3)
            problems.append(f"{date} S7 {dim} dimension_score: expected NULL, got {score!r}")
        elif shop not in SCORED_SHOPS and shop != "S7":
            problems.append(f"{date} unexpected dimension row for {shop}")
    _fail(problems)


@pytest.mark.parametrize("date", DATES)
def test_flags(pdd_db: Path, date: str) -> None:
    rows = query(pdd_db, "select shop_id, flag, is_set from marts.fct_shop_flag_daily "
                         "where scheme = 'pdd' and score_date = cast($1 as date)", [date])
    got = {(shop, flag): is_set for shop, flag, is_set in rows}
    problems: list[str] = []
    for shop, values in FLAG_VALUES[date].items():
        for flag, expected in zip(FLAGS, values):
            if (shop, flag) not in got:
                problems.append(f"{date} {shop} {flag}: flag row missing (expected is_set={expected})")
            elif got[(shop, flag)] is not expected:
                problems.append(f"{date} {shop} {flag}: expected {expected}, got {got[(shop, flag)]!r} "
                                f"(total {show(TOTALS[date].get(shop))})")
    unknown = {flag for _, flag in got} - set(FLAGS)
    if unknown:
        problems.append(f"{date} unexpected pdd flags: {sorted(unknown)}")
    if any(shop == "S8" for shop, _ in got):
        problems.append(f"{date} closed shop S8 has flag rows")
    _fail(problems)


def test_closed_shop_is_absent_everywhere(pdd_db: Path) -> None:
    for mart in ("fct_shop_score_daily", "fct_shop_metric_daily", "fct_shop_dimension_score_daily",
                 "fct_shop_flag_daily"):
        count = query(pdd_db, f"select count(*) from marts.{mart} where shop_id = 'S8'")[0][0]
        assert count == 0, f"closed shop S8 appears {count} times in marts.{mart}"
