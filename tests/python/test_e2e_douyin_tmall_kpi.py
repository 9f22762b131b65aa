"""End-to-end test of the Douyin and Tmall scores and the customer-service KPIs (SPEC §3, §5, §6, §7).

Dataset: tests/python/e2e_fixtures/douyin_tmall_kpi_dataset.py, score date D = 2026-09-01. Every
expected figure below was worked out by hand from SPEC.md alone (working in the comments), never from the
models. DY1 (douyin) and TM1 (tmall) are worked in full; DY1 is alone in its level-1 category, so the
hand-working there is about metric values and recency-weighted ranking values, while DY2/DY3 (douyin)
and TM1/TM2 (tmall) check the ranking. KS carries one day of CS KPIs (2026-08-20). Tolerance 1e-9.

"k" is the number of days a date lies before D (08-31: k = 1; 08-01: k = 31; 06-03: k = 90; 05-20:
k = 104). Douyin recency weight of a unit dated k days before D (SPEC §5, half-life 30 days):
w(k) = 0.5 ** ((D-1-d)/30) = 0.5 ** ((k-1)/30), so w(1) = 1 and w(31) = 0.5.
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pytest

from tests.python.conftest import as_dicts
from tests.python.e2e_fixtures.compare import check, cume_dist
from tests.python.e2e_fixtures.douyin_tmall_kpi_dataset import D, KPI_DATE, build_douyin_tmall_kpi_raw
from tests.python.e2e_fixtures.pinned_seeds import (
    DOUYIN_DIMENSION_WEIGHTS,
    DOUYIN_THRESHOLDS,
    TMALL_DIMENSION_WEIGHTS,
    TMALL_EVENT_THRESHOLDS,
    douyin_seed_rows,
    tmall_seed_rows,
)

BUILD_ARGS = ("build", "--exclude", "test_type:unit")  # unit tests read none of this data
ALL_SHOPS = ("DY1", "DY2", "DY3", "TM1", "TM2", "KS")


def w(k: int) -> float:
    """Recency weight of a unit dated k days before D."""
    return 0.5 ** ((k - 1) / 30)


def wsum(ks: list[int], xs: list[float] | None = None) -> float:
    """Σ w(k)·x over units (x = 1 when not given)."""
    return sum(w(k) * (1.0 if xs is None else x) for k, x in zip(ks, xs or [1.0] * len(ks)))


class M:
    """Expected metric: numerator, denominator (value = n/d, NULL when d = 0) and the ranking value."""

    def __init__(self, numerator: float, denominator: float, ranking: float | None) -> None:
        self.numerator, self.denominator, self.ranking = numerator, denominator, ranking

    @property
    def value(self) -> float | None:
        return None if self.denominator == 0 else self.numerator / self.denominator


DOUYIN_METRICS = (  # metric, dimension, higher is better
    ("bad_review_rate", "product", False),
    ("quality_return_rate", "product", False),
    ("pickup_timeliness_rate", "logistics", True),
    ("delivery_hours", "logistics", False),
    ("complaint_rate", "service", False),
    ("dispute_merchant_fault_rate", "service", False),
    ("im_3min_reply_rate", "service", True),
    ("refund_only_hours", "service", False),
    ("return_refund_hours", "service", False),
    ("service_good_review_rate", "service", True),
)
# The build's weights, thresholds, scales and bands are this test's own (pinned in the db fixture below).
DOUYIN_DIM_WEIGHTS = DOUYIN_DIMENSION_WEIGHTS

# ---------------------------------------------------------------------------------------------------------
# DY1 (douyin), D = 09-01, W90 = [06-03, 08-31], Wlag = [05-20, 08-17].
# Orders (paid -> picked up -> signed): 50 base paid 07-30 10:00 (k33) -> +10 h -> signed 08-01 20:00 (k31,
# 48 h); e1 paid 05-20 (k104) picked 06-01 00:00 signed 06-03 00:00 (k90, 48 h); e2 paid 05-19 23:59:59
# signed 06-02 23:59:59 (D-91); e3 paid 08-17 23:59:59 (k15) picked exactly 24 h later, never signed but
# receipt confirmed 08-31 (k1); e4 paid 08-18 (k14) picked +30 h, signed on D; e5 paid 06-03 00:00 (k90)
# picked +40 h, signed 06-07 (k86, 73 h); e6 paid 06-02 23:59:59 (k91) signed 06-05 (k88, 48 h); e7 paid
# 08-30 picked up on D; e8 paid 08-01 (k31) picked +50 h, signed 08-04 (k28, 24 h); e9 presale paid 08-01
# signed 08-03 (k29, 48 h); e10 paid 08-01 no shipping; e11 paid 08-31 (k1) picked +1 h, unsigned.
#
# Signed in W90 (signed_at, else received_confirmed_at): base 50 (k31), e1 (k90), e3 (k1), e5 (k86),
#   e6 (k88), e8 (k28), e9 (k29) = 56 -> volume 56 >= 50 (e2 on D-91 and e4 on D are out).
SIGNED = [31] * 50 + [90, 1, 86, 88, 28, 29]
# Paid in Wlag: base (k33), e1 (k104, first day), e3 (k15, last day), e5 (k90), e6 (k91), e8, e9, e10 (k31)
#   = 57 (e2 paid D-105, e4 paid D-14 are out).
WLAG = [33] * 50 + [104, 15, 90, 91, 31, 31, 31]
DY1 = {
    # first reviews with product_rating <= 2 on orders signed in W90: RV1 (1, base k31), RV2 (2, base k31),
    # RV6 (1, e1 k90); not RV3 (3), RV4 (not first), RV5 (order e2 signed D-91), RV7 (5), RV8 (created on D)
    "bad_review_rate": M(3, 56, wsum([31, 31, 90]) / wsum(SIGNED)),
    # completed refund_only / return_refund with a quality-or-logistics reason, orders paid in Wlag:
    # Y1_06 (AS_a refund_only quality_defect, k33), Y1_07 (AS_b return_refund damaged_in_transit, k33),
    # e1 (AS_g refund_only lost_in_transit completed 06-02, k104). Not: AS_c exchange, AS_d changed_mind,
    # AS_e open, AS_f (order e4 paid D-14), AS_h (completed on D).
    "quality_return_rate": M(3, 57, wsum([33, 33, 104]) / wsum(WLAG)),
    # paid in W90, picked up before D, not presale, shipping: base 50 x 1.0 (10 h, k33), e3 1.0 (exactly
    # 24 h, k15), e4 0.6 (30 h, k14), e5 0.3 (40 h, k90), e8 0 (50 h, k31), e11 1.0 (1 h, k1) = 52.9 / 55.
    # e7 (picked up on D), e9 (presale), e10 (no shipping), e6/e1/e2 (paid before W90) are out.
    "pickup_timeliness_rate": M(52.9, 55, wsum([33] * 50 + [15, 14, 90, 31, 1], [1.0] * 50 + [1, 0.6, 0.3, 0, 1])
                                / wsum([33] * 50 + [15, 14, 90, 31, 1])),
    # picked_up_at -> signed_at over orders signed in W90 that have a signed_at: base 50 x 48 h (k31),
    # e1 48 (k90), e5 73 (k86), e6 48 (k88), e8 24 (k28), e9 48 (k29): 2641 h / 55. (e3 has no signed_at,
    # only a receipt confirmation, so no pick-up-to-signing time.)
    "delivery_hours": M(2641, 55, wsum([31] * 50 + [90, 86, 88, 28, 29], [48.0] * 50 + [48, 73, 48, 24, 48])
                        / wsum([31] * 50 + [90, 86, 88, 28, 29])),
    # complaints created in Wlag, not 'not_established', buyer not malicious: CM1 (pending, 08-17 23:59:59,
    # k15), CM3 (merchant_resolved, k22), CM6 (05-20 00:00:00, k104). Not: CM2 (08-18), CM4
    # (not_established), CM5 (buyer flagged 08-20 < D), CM7 (05-19 23:59:59). / 57 orders paid in Wlag.
    "complaint_rate": M(3, 57, wsum([15, 22, 104]) / wsum(WLAG)),
    # interventions decided in W90 with the merchant responsible: IV_a (08-09, k23), IV_f (08-31 23:59:59,
    # k1); not IV_b (buyer), IV_c (D-91), IV_d (on D), IV_e (order's buyer malicious).
    # / after-sales completed in W90: AS_a (08-10 k22), AS_b (08-12 k20), AS_c (08-12 k20), AS_d (08-11
    # k21), AS_f (08-25 k7).
    "dispute_merchant_fault_rate": M(2, 5, wsum([23, 1]) / wsum([22, 20, 20, 21, 7])),
    # conversations whose first buyer message is in W90 and in 08:00:00-22:59:59: DC1 (k1, agent at 180 s:
    # pass), DC2 (k31, 181 s: fail), DC3 (k31, bot at 1 s, agent at 120 s: pass), DC6 (06-03 22:59:59,
    # k90, unanswered: fail), DC8 (k12, bot then agent at 300 s: fail). Not: DC4 (first message 07:59:59),
    # DC5 (D-91), DC7 (on D).
    "im_3min_reply_rate": M(2, 5, wsum([1, 31]) / wsum([1, 31, 31, 90, 12])),
    # refund_only completed in W90, merchant_approved - applied: AS_a 6 h (k22), AS_d 2 h (k21),
    # AS_f 4 h (k7) -> 12 / 3; not AS_g (D-91), AS_h (on D)
    "refund_only_hours": M(12, 3, wsum([22, 21, 7], [6, 2, 4]) / wsum([22, 21, 7])),
    # return_refund or exchange completed in W90: AS_b (2 h + 4 h = 6, k20), AS_c exchange (10 h + missing
    # second part 0 = 10, k20) -> 16 / 2
    "return_refund_hours": M(16, 2, wsum([20, 20], [6, 10]) / wsum([20, 20])),
    # first reviews with a service_rating, orders signed in W90: RV1 5 (k31), RV2 3 (k31), RV6 4 (k90),
    # RV7 4 (e3, received k1) -> >= 4: 3 / 4; RV3 has no service rating; RV8 created on D
    "service_good_review_rate": M(3, 4, wsum([31, 90, 1]) / wsum([31, 31, 90, 1])),
}


# DY2, DY3 (category DB): 50 base orders each (paid 07-30, picked +10 h, signed 08-01 20:00), no reviews,
# after-sales, complaints or interventions: bad_review 0/50, quality_return 0/50, pickup 50/50, delivery
# 2400/50 = 48 h, complaint 0/50 (ranking values identical for both: same units on the same dates);
# dispute_merchant_fault, refund hours, return hours, service_good NULL (no units).
# Chats: DY2 passes on 08-31 (k1, w 1) and fails on 08-01 (k31, w 0.5): value 1/2, ranking 1/1.5 = 2/3;
# DY3 the other way: value 1/2, ranking 0.5/1.5 = 1/3. Unweighted they tie; weighted DY2 ranks first.
def _db_shop(im_ranking: float) -> dict[str, M]:
    return {
        "bad_review_rate": M(0, 50, 0.0),
        "quality_return_rate": M(0, 50, 0.0),
        "pickup_timeliness_rate": M(50, 50, 1.0),
        "delivery_hours": M(2400, 50, 48.0),
        "complaint_rate": M(0, 50, 0.0),
        "dispute_merchant_fault_rate": M(0, 0, None),
        "im_3min_reply_rate": M(1, 2, im_ranking),
        "refund_only_hours": M(0, 0, None),
        "return_refund_hours": M(0, 0, None),
        "service_good_review_rate": M(0, 0, None),
    }


DOUYIN_EXPECTED = {"DY1": DY1, "DY2": _db_shop(w(1) / (w(1) + w(31))), "DY3": _db_shop(w(31) / (w(1) + w(31)))}
# Percentiles (SPEC §3 on the ranking value): DY1 alone -> 1 for every non-NULL metric.
# DY2: every non-NULL metric ties or wins -> 1. DY3: all ties -> 1, except im (1/3 vs 2/3, higher better:
# peers <= 1/3 -> DY3 only -> 1/2).
DOUYIN_PCT = {
    "DY1": {m: F(1) for m, _, _ in DOUYIN_METRICS},
    "DY2": {m: (None if DOUYIN_EXPECTED["DY2"][m].value is None else F(1)) for m, _, _ in DOUYIN_METRICS},
    "DY3": {m: (None if DOUYIN_EXPECTED["DY3"][m].value is None else F(1)) for m, _, _ in DOUYIN_METRICS}
    | {"im_3min_reply_rate": F(1, 2)},
}
# Dimension score = 3 + 2 x mean percentile; total = 3 + 2 x (0.5 product + 0.15 logistics + 0.35 service).
# DY1, DY2: every percentile 1 -> dims 5, total 5.
# DY3: product 5, logistics 5, service 3 + 2 x (1 + 1/2)/2 = 4.5 (complaint 1, im 1/2, others NULL);
#      total 3 + 2 x (0.5 + 0.15 + 0.35 x 0.75) = 3 + 2 x 0.9125 = 4.825.
DOUYIN_DIMS = {"DY1": {"product": 5.0, "logistics": 5.0, "service": 5.0},
               "DY2": {"product": 5.0, "logistics": 5.0, "service": 5.0},
               "DY3": {"product": 5.0, "logistics": 5.0, "service": 4.5}}
DOUYIN_SCORES = {  # shop: (status, volume, peer group, peer count, total)
    "DY1": ("scored", 56, "DA", 1, 5.0),
    "DY2": ("scored", 50, "DB", 2, 5.0),
    "DY3": ("scored", 50, "DB", 2, 4.825),
}
# Flags: eligible_campaigns total >= 4.5, ads_blocked total < 3.6; insufficient shops: nothing set.
DOUYIN_FLAGS = {"DY1": (True, False), "DY2": (True, False), "DY3": (True, False),
                "TM1": (False, False), "TM2": (False, False), "KS": (False, False)}

# ---------------------------------------------------------------------------------------------------------
# TM1 (tmall), D = 09-01: main window [08-02, 08-31], pick-up [07-31, 08-29], complaints [07-29, 08-27].
# Orders: 30 base paid 08-10 10:00 (picked +10 h); e1 paid 07-31 00:00:00 picked exactly 24 h later;
# e2 paid 08-29 23:59:59 picked 24 h 1 s later; e3 paid 07-30; e4 paid 08-30; e5 presale paid 08-10;
# e6 no shipping paid 08-10; e7 paid 08-10 never picked up; e8 paid 08-01 23:59:59; e9 paid 08-02
# 00:00:00; e10 paid 08-31 23:59:59; e11 paid on D; e12 paid 07-28; e13 paid 08-27; e14 paid 08-28.
# Volume (paid in main window): 30 + e2 e4 e5 e6 e7 e9 e10 e13 e14 = 39.
TMALL_METRICS = (
    ("product_rating_avg", "product", True),
    ("pickup_24h_rate", "logistics", True),
    ("refund_only_hours", "after_sales", False),
    ("return_refund_hours", "after_sales", False),
    ("wangwang_reply_rate", "consultation", True),
    ("manual_response_seconds", "consultation", False),
    ("dispute_refund_rate", "disputes", False),
    ("complaint_established_rate", "disputes", False),
)
TMALL_DIMS = ("product", "logistics", "after_sales", "consultation", "disputes")
TMALL_EXPECTED = {
    "TM1": {
        # first reviews created in [08-02, 08-31]: R1 5 (08-02 00:00:00), R2 4, R3 2 (08-31 23:59:59);
        # not R4 (08-01 23:59:59), R5 (on D), R6 (not first) -> 11 / 3
        "product_rating_avg": (11, 3),
        # paid in [07-31, 08-29], shipping, not presale: base 30 pass, e1 pass (exactly 24 h), e2 fail
        # (24 h 1 s), e7 fail (never picked up), e8, e9, e13, e14 pass -> 35 / 37 (e5 presale, e6 no
        # shipping, e3 07-30 and e4 08-30 outside)
        "pickup_24h_rate": (35, 37),
        # refund_only completed in window without intervention, applied -> completed: AS1 6 h, AS2 18 h;
        # not AS3 (intervention IVT1), AS4 (completed 08-01), AS5 (open) -> 24 / 2
        "refund_only_hours": (24, 2),
        # return_refund completed in window without intervention, seller's time only: AS6 4 h + 2 h = 6,
        # AS7 1 h + 9 h = 10; not AS8 (exchange), AS9 (intervention IVT4) -> 16 / 2
        "return_refund_hours": (16, 2),
        # units (buyer, date) in window: TWB1 08-20 (23:50:00 -> agent 23:59:59, replied, 599 s),
        # TWB2 08-20 (23:55:00 -> agent 00:00:01 next day: not replied), TWB3 (bot only: no),
        # TWB4 (40 s), TWB5 (03:00:00 -> 08:00:00: 18000 s, no business-hours rule in tmall),
        # TWB6 (first message 10:00:00, agent 10:06:00: 360 s), TWB9 (agent only before the buyer: no).
        # Not: TWB7 (on D), TWB8 (08-01). -> 4 / 7
        "wangwang_reply_rate": (4, 7),
        "manual_response_seconds": (599 + 40 + 18000 + 360, 4),
        # orders paid in window with a merchant, succeeded intervention decided in window, no approved
        # responsibility appeal: T1_01 (IVT1). Not T1_02 (appeal approved 08-20), T1_03 (decided on D),
        # T1_11 (buyer responsible). / 39
        "dispute_refund_rate": (1, 39),
        # established complaints created in [07-29, 08-27]: CP1 (07-29 00:00:00), CP2 (08-27 23:59:59);
        # not CP3 (08-28), CP4 (07-28 23:59:59), CP5 (merchant_resolved), CP6, CP8, CP7 (malicious buyer)
        # / orders paid in [07-29, 08-27]: base 30 + e1 e3 e5 e6 e7 e8 e9 e13 = 38
        "complaint_established_rate": (2, 38),
    },
    "TM2": {  # 30 base orders (exactly the minimum volume), one review, one refund, one chat, 3 complaints
        "product_rating_avg": (5, 1),
        "pickup_24h_rate": (30, 30),
        "refund_only_hours": (48, 1),  # applied 08-12 10:00 -> completed 08-14 10:00
        "return_refund_hours": (0, 0),  # none -> NULL
        "wangwang_reply_rate": (1, 1),
        "manual_response_seconds": (60, 1),
        "dispute_refund_rate": (0, 30),
        "complaint_established_rate": (3, 30),
    },
}
# Percentiles in TA (TM1, TM2): product 11/3 < 5 -> TM1 1/2, TM2 1; pickup 35/37 < 1 -> 1/2, 1;
# refund 12 < 48 (lower better) -> TM1 1, TM2 1/2; return: only TM1 non-NULL -> 1, TM2 NULL;
# wangwang 4/7 < 1 -> 1/2, 1; manual 4749.75 > 60 (lower better) -> 1/2, 1; dispute 1/39 > 0 -> 1/2, 1;
# complaint 2/38 < 3/30 -> TM1 1, TM2 1/2.
H = F(1, 2)
TMALL_PCT = {
    "TM1": dict(zip([m for m, _, _ in TMALL_METRICS], [H, H, F(1), F(1), H, H, H, F(1)])),
    "TM2": dict(zip([m for m, _, _ in TMALL_METRICS], [F(1), F(1), H, None, F(1), F(1), F(1), H])),
}
# Dimension scores (0-5): TM1 product 2.5, logistics 2.5, after_sales (5+5)/2 = 5, consultation 2.5,
# disputes (2.5+5)/2 = 3.75; total 0.2 x 16.25 = 3.25 -> not eligible for queens_day_38 (< 4.0).
# TM2: 5, 5, 2.5 (return NULL left out), 5, (5+2.5)/2 = 3.75; total 0.2 x 21.25 = 4.25 -> eligible.
TMALL_DIM_SCORES = {"TM1": (2.5, 2.5, 5.0, 2.5, 3.75), "TM2": (5.0, 5.0, 2.5, 5.0, 3.75)}
TMALL_SCORES = {"TM1": ("scored", 39, "TA", 2, 3.25), "TM2": ("scored", 30, "TA", 2, 4.25)}
TMALL_FLAGS = {"TM1": False, "TM2": True, "DY1": False, "DY2": False, "DY3": False, "KS": False}

# ---------------------------------------------------------------------------------------------------------
# KS, kpi_date 2026-08-20 (SPEC §7). Buyer messages in business hours: m1 10:00:00 (next agent m3 AG1
# after 35 s: slow), m2 10:00:10 (m3, 25 s), m4 10:05:00 (m5 AG2, 30 s: within 30 s), m7 09:00:00 (never
# answered: shop row only), m10 14:00:00 (m11 AG1, 20 s), m12 15:00:00 (AG2, 5 s). m6 23:00:00 and m8
# 07:59:59 are outside business hours; the bot message is ignored.
#   response_30s_rate: shop 4/6 (m2, m4, m10, m12); AG1 2/3 (m1, m2, m10); AG2 2/2 (m4, m12)
# Runs (first buyer message of each run, answered, in business hours): KV1 run m1+m2 -> m1 35 s (AG1),
#   KV1 run m4 -> 30 s (AG2), KV3 run m10 -> 20 s (AG1) (run m8 is outside hours), KV4 m12 -> 5 s (AG2);
#   m7 is unanswered. avg_response_seconds: shop 90/4; AG1 55/2; AG2 35/2
# Consulting units: KB1 (first 10:00:00, first answer AG1), KB2 (unanswered), KB3 (first business-hours
#   message 14:00:00; AG2's 08:00:20 is before it; first answer AG1), KB4 (AG2).
#   effective_reply_rate: shop 3/4; AG1 2/2; AG2 1/1
#   inquiry_conversion_rate (order created at/after the first message, grouped within 24 h of it):
#   KB1 yes (grouped 23:59:59 after), KB2 yes (23:59:59; shop row only), KB3 no (24 h 1 s),
#   KB4 no (order created before the first message): shop 2/4; AG1 1/2; AG2 0/1
# avg_refund_hours (completed 08-20): KAS1 refund_only 24 h, KAS2 return_refund 08-18 03:00 -> 08-20
#   09:00 = 54 h; not KAS3 (exchange), KAS4 (open), KAS5 (completed 08-21): shop 78/2
KPI_EXPECTED = {
    (None, "response_30s_rate"): (4, 6), ("AG1", "response_30s_rate"): (2, 3), ("AG2", "response_30s_rate"): (2, 2),
    (None, "avg_response_seconds"): (90, 4), ("AG1", "avg_response_seconds"): (55, 2),
    ("AG2", "avg_response_seconds"): (35, 2),
    (None, "effective_reply_rate"): (3, 4), ("AG1", "effective_reply_rate"): (2, 2),
    ("AG2", "effective_reply_rate"): (1, 1),
    (None, "inquiry_conversion_rate"): (2, 4), ("AG1", "inquiry_conversion_rate"): (1, 2),
    ("AG2", "inquiry_conversion_rate"): (0, 1),
    (None, "avg_refund_hours"): (78, 2),
}


# ---------------------------------------------------------------------------------------------------------
def test_hand_working_is_consistent() -> None:
    """Second route over the hand tables: percentiles from ranking values, dimension means, totals."""
    for group, metrics, expected, pcts in (
        (("DY2", "DY3"), DOUYIN_METRICS, DOUYIN_EXPECTED, DOUYIN_PCT),
        (("TM1", "TM2"), TMALL_METRICS, {s: {m: _tm(s, m) for m, _, _ in TMALL_METRICS} for s in TMALL_EXPECTED},
         TMALL_PCT),
    ):
        for shop in group:
            for metric, _, higher in metrics:
                def rank(s: str) -> F | None:
                    r = expected[s][metric].ranking
                    return None if r is None else F(r)
                assert cume_dist(rank(shop), [rank(p) for p in group], higher) == pcts[shop][metric], (shop, metric)
    for shop, dims in DOUYIN_DIMS.items():
        for dim, score in dims.items():
            p = [DOUYIN_PCT[shop][m] for m, d, _ in DOUYIN_METRICS if d == dim and DOUYIN_PCT[shop][m] is not None]
            assert abs(3 + 2 * float(sum(p) / len(p)) - score) < 1e-12
        total = 3 + 2 * sum(DOUYIN_DIM_WEIGHTS[d] * (s - 3) / 2 for d, s in dims.items())
        assert abs(total - DOUYIN_SCORES[shop][4]) < 1e-12
        ops = {">=": lambda a, b: a >= b, "<": lambda a, b: a < b}
        assert DOUYIN_FLAGS[shop] == tuple(ops[op](total, t) for op, t in DOUYIN_THRESHOLDS.values())
    for shop, dims in TMALL_DIM_SCORES.items():
        for dim, score in zip(TMALL_DIMS, dims):
            p = [TMALL_PCT[shop][m] for m, d, _ in TMALL_METRICS if d == dim and TMALL_PCT[shop][m] is not None]
            assert abs(5 * float(sum(p) / len(p)) - score) < 1e-12
        assert abs(sum(TMALL_DIMENSION_WEIGHTS[d] * s for d, s in zip(TMALL_DIMS, dims)) - TMALL_SCORES[shop][4]) < 1e-12
        assert TMALL_FLAGS[shop] == (TMALL_SCORES[shop][4] >= TMALL_EVENT_THRESHOLDS["queens_day_38"])
    assert DY1["im_3min_reply_rate"].ranking == pytest.approx((1 + 0.5) / (1 + 0.5 + 0.5 + w(90) + w(12)))


def _tm(shop: str, metric: str) -> M:
    n, d = TMALL_EXPECTED[shop][metric]
    return M(n, d, None if d == 0 else n / d)


# ---------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, dbt_build) -> Path:
    raw_dir = build_douyin_tmall_kpi_raw(tmp_path_factory.mktemp("e2e-dtk") / "raw")
    return dbt_build(raw_dir, "e2e-dtk", args=BUILD_ARGS, score_date_start=D, score_date_end=D,
                     pinned_seeds={"douyin": douyin_seed_rows(), "tmall": tmall_seed_rows()})


def _fail(problems: list[str]) -> None:
    assert not problems, f"{len(problems)} mismatch(es):\n" + "\n".join(problems)


def _rows(db: Path, mart: str, scheme: str) -> list[dict]:
    return as_dicts(db, f"select * from marts.{mart} where scheme = $s and score_date = cast($d as date)",
                    {"s": scheme, "d": D})


def test_nothing_was_quarantined(db: Path) -> None:
    """Every hand-placed row is valid input: if staging rejected one, the expectations below would be moot."""
    rows = as_dicts(db, "select table_name, row_key, reason from quarantine.rejected_rows")
    assert rows == []


@pytest.mark.parametrize("scheme", ["douyin", "tmall"])
def test_shop_scores(db: Path, scheme: str) -> None:
    expected = DOUYIN_SCORES if scheme == "douyin" else TMALL_SCORES
    rows = {r["shop_id"]: r for r in _rows(db, "fct_shop_score_daily", scheme)}
    problems: list[str] = []
    if set(rows) != set(ALL_SHOPS):
        problems.append(f"{scheme} shops listed: expected {sorted(ALL_SHOPS)}, got {sorted(rows)}")
    for shop in ALL_SHOPS:
        row = rows.get(shop)
        if row is None:
            continue
        where = f"{D} {scheme} {shop}"
        if shop not in expected:  # built for another scheme: below this one's minimum volume
            if row["score_status"] != "insufficient_volume" or row["total_score"] is not None:
                problems.append(f"{where}: expected insufficient_volume with NULL total, got "
                                f"{row['score_status']!r} / {row['total_score']!r}")
            continue
        status, volume, group, size, total = expected[shop]
        if row["score_status"] != status:
            problems.append(f"{where} score_status: expected {status!r}, got {row['score_status']!r}")
        check(problems, f"{where} volume", volume, row["volume"])
        if row["peer_group_id"] != group:
            problems.append(f"{where} peer_group_id: expected {group!r}, got {row['peer_group_id']!r}")
        check(problems, f"{where} peer_count", size, row["peer_count"])
        check(problems, f"{where} total_score", total, row["total_score"])
    _fail(problems)


def _check_metric_rows(problems: list[str], scheme: str, rows: list[dict], metrics: tuple,
                       expected: dict[str, dict[str, M]], pcts: dict, groups: dict, lo: float) -> None:
    got = {(r["shop_id"], r["metric"]): r for r in rows}
    for shop, by_metric in expected.items():
        group, size = groups[shop]
        for metric, dimension, _ in metrics:
            row = got.get((shop, metric))
            where = f"{D} {scheme} {shop} {metric}"
            if row is None:
                problems.append(f"{where}: metric row missing")
                continue
            exp = by_metric[metric]
            if exp.denominator == 0:
                if row["denominator"] not in (0, None) or row["numerator"] not in (0, None):
                    problems.append(f"{where} numerator/denominator: expected 0/0 or NULL, got "
                                    f"{row['numerator']!r}/{row['denominator']!r}")
            else:
                check(problems, f"{where} numerator", exp.numerator, row["numerator"])
                check(problems, f"{where} denominator", exp.denominator, row["denominator"])
            check(problems, f"{where} value", exp.value, row["value"])
            check(problems, f"{where} ranking_value", exp.ranking, row["ranking_value"])
            pct = pcts[shop][metric]
            check(problems, f"{where} percentile", pct, row["percentile"])
            check(problems, f"{where} metric_score", None if pct is None else lo + (5 - lo) * float(pct),
                  row["metric_score"])
            if row["dimension"] != dimension:
                problems.append(f"{where} dimension: expected {dimension!r}, got {row['dimension']!r}")
            if row["peer_group_id"] != group:
                problems.append(f"{where} peer_group_id: expected {group!r}, got {row['peer_group_id']!r}")
            check(problems, f"{where} peer_count", size, row["peer_count"])


def test_douyin_metric_rows(db: Path) -> None:
    problems: list[str] = []
    groups = {s: (v[2], v[3]) for s, v in DOUYIN_SCORES.items()}
    _check_metric_rows(problems, "douyin", _rows(db, "fct_shop_metric_daily", "douyin"), DOUYIN_METRICS,
                       DOUYIN_EXPECTED, DOUYIN_PCT, groups, 3.0)
    _fail(problems)


def test_tmall_metric_rows(db: Path) -> None:
    problems: list[str] = []
    groups = {s: (v[2], v[3]) for s, v in TMALL_SCORES.items()}
    expected = {s: {m: _tm(s, m) for m, _, _ in TMALL_METRICS} for s in TMALL_EXPECTED}
    _check_metric_rows(problems, "tmall", _rows(db, "fct_shop_metric_daily", "tmall"), TMALL_METRICS, expected,
                       TMALL_PCT, groups, 0.0)
    _fail(problems)


def test_dimension_scores(db: Path) -> None:
    problems: list[str] = []
    for scheme, expected in (
        ("douyin", DOUYIN_DIMS),
        ("tmall", {s: dict(zip(TMALL_DIMS, v)) for s, v in TMALL_DIM_SCORES.items()}),
    ):
        got = {(r["shop_id"], r["dimension"]): r["dimension_score"]
               for r in _rows(db, "fct_shop_dimension_score_daily", scheme)}
        for shop, dims in expected.items():
            for dim, score in dims.items():
                if (shop, dim) not in got:
                    problems.append(f"{D} {scheme} {shop} {dim}: dimension row missing")
                else:
                    check(problems, f"{D} {scheme} {shop} {dim} dimension_score", score, got[(shop, dim)])
    _fail(problems)


def test_flags(db: Path) -> None:
    problems: list[str] = []
    for scheme, names, expected in (
        ("douyin", ("eligible_campaigns", "ads_blocked"), DOUYIN_FLAGS),
        ("tmall", ("eligible_queens_day_38",), {s: (v,) for s, v in TMALL_FLAGS.items()}),
    ):
        got = {(r["shop_id"], r["flag"]): r["is_set"] for r in _rows(db, "fct_shop_flag_daily", scheme)}
        for shop, values in expected.items():
            for flag, value in zip(names, values):
                if (shop, flag) not in got:
                    problems.append(f"{D} {scheme} {shop} {flag}: flag row missing (expected {value})")
                elif got[(shop, flag)] is not value:
                    problems.append(f"{D} {scheme} {shop} {flag}: expected {value}, got {got[(shop, flag)]!r}")
        unknown = {flag for _, flag in got} - set(names)
        if unknown:
            problems.append(f"{scheme}: unexpected flags {sorted(unknown)}")
    _fail(problems)


def test_cs_kpis_of_one_day(db: Path) -> None:
    rows = as_dicts(db, "select agent_id, kpi, numerator, denominator, value from marts.fct_cs_kpi_daily "
                        "where shop_id = 'KS' and kpi_date = cast($d as date)", {"d": KPI_DATE})
    got = {(r["agent_id"], r["kpi"]): r for r in rows}
    problems: list[str] = []
    if set(got) != set(KPI_EXPECTED):
        problems.append(f"KS {KPI_DATE} rows: missing {sorted(set(KPI_EXPECTED) - set(got), key=str)}, "
                        f"unexpected {sorted(set(got) - set(KPI_EXPECTED), key=str)}")
    for key, (num, den) in KPI_EXPECTED.items():
        row = got.get(key)
        if row is None:
            continue
        where = f"KS {KPI_DATE} agent={key[0]} {key[1]}"
        check(problems, f"{where} numerator", num, row["numerator"])
        check(problems, f"{where} denominator", den, row["denominator"])
        check(problems, f"{where} value", F(num, den), row["value"])
    _fail(problems)
