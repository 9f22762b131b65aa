"""The hand-built dataset of test_e2e_douyin_tmall_kpi.py: one score date D = 2026-09-01.

Windows for D (SPEC §5, §6): douyin W90 = [06-03, 08-31], Wlag = [05-20, 08-17];
tmall [D-30, D-1] = [08-02, 08-31], pick-up [D-32, D-3] = [07-31, 08-29], complaints [D-34, D-5] =
[07-29, 08-27]. "k" below is the number of days before D of a date (08-31 is k = 1, 08-01 is k = 31).

Level-1 categories, each its own peer group:
    DA: DY1 (douyin, worked in full; alone, so its percentiles are all 1)
    DB: DY2, DY3 (douyin; identical but for their chats: checks ranking on the recency-weighted value)
    TA: TM1 (tmall, worked in full), TM2 (tmall, a simple second shop for the ranking)
    KA: KS (customer-service KPIs of 2026-08-20; below every scheme's minimum volume)
Every shop's orders in one scheme are far below the other schemes' minimum volumes, so nobody is a
peer in a scheme it was not built for.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.python.e2e_fixtures.raw_builder import RawBuilder, ts

D = "2026-09-01"
KPI_DATE = "2026-08-20"


def _after_sale(raw: RawBuilder, aid: str, order_id: str, shop: str, kind: str, reason: str, status: str,
                applied: str, approved: str | None = None, return_signed: str | None = None,
                refund_approved: str | None = None, completed: str | None = None) -> None:
    def opt(text: str | None):
        return None if text is None else ts(text)

    raw.add("after_sales", after_sale_id=aid, order_id=order_id, shop_id=shop, type=kind, reason_code=reason,
            status=status, applied_at=ts(applied), merchant_approved_at=opt(approved),
            return_signed_at=opt(return_signed), refund_approved_at=opt(refund_approved),
            completed_at=opt(completed), refund_amount="10.00")


def _intervention(raw: RawBuilder, iid: str, order_id: str, shop: str, after_sale_id: str | None, party: str,
                  opened: str, decided: str) -> None:
    raw.add("interventions", intervention_id=iid, after_sale_id=after_sale_id, order_id=order_id, shop_id=shop,
            round=1, opened_at=ts(opened), decided_at=ts(decided), responsible_party=party, refund_succeeded="true")


def _complaint(raw: RawBuilder, cid: str, order_id: str | None, shop: str, buyer: str, created: str,
               status: str) -> None:
    created_at = ts(created)
    decided_at = None if status == "pending" else created_at + timedelta(days=1)
    raw.add("complaints", complaint_id=cid, order_id=order_id, shop_id=shop, buyer_id=buyer, created_at=created_at,
            status=status, decided_at=decided_at)


def _review(raw: RawBuilder, rid: str, order_id: str, shop: str, buyer: str, created: str, first: bool,
            product: int, service: int | None) -> None:
    raw.add("reviews", review_id=rid, order_id=order_id, shop_id=shop, buyer_id=buyer, created_at=ts(created),
            is_first_review=str(first).lower(), product_rating=product, service_rating=service, logistics_rating=None)


def _shipped_order(raw: RawBuilder, order_id: str, shop: str, buyer: str, paid: str, picked: str | None,
                   signed: str | None = None, received: str | None = None, **flags: bool) -> None:
    raw.order(order_id, shop, buyer, paid_at=ts(paid), **flags)
    if picked is not None:
        raw.shipment(order_id, picked_up_at=ts(picked), signed_at=None if signed is None else ts(signed),
                     received_confirmed_at=None if received is None else ts(received))


# ---------------------------------------------------------------------------------------------------------
def _douyin_base(raw: RawBuilder, shop: str, prefix: str, count: int = 50) -> None:
    """count orders paid 07-30 10:00 (k = 33), picked up 10 h later, signed 08-01 20:00 (k = 31, 48 h)."""
    for i in range(1, count + 1):
        _shipped_order(raw, f"{prefix}_{i:02d}", shop, f"{prefix}B_{i:02d}", "2026-07-30 10:00:00",
                       "2026-07-30 20:00:00", "2026-08-01 20:00:00")


def _dy1(raw: RawBuilder) -> None:
    s = "DY1"
    _douyin_base(raw, s, "Y1")
    o = _shipped_order
    o(raw, "Y1_e1", s, "Y1B_e1", "2026-05-20 10:00:00", "2026-06-01 00:00:00", "2026-06-03 00:00:00")
    o(raw, "Y1_e2", s, "Y1B_e2", "2026-05-19 23:59:59", "2026-05-20 10:00:00", "2026-06-02 23:59:59")
    o(raw, "Y1_e3", s, "Y1B_e3", "2026-08-17 23:59:59", "2026-08-18 23:59:59", None,
      received="2026-08-31 12:00:00")
    o(raw, "Y1_e4", s, "Y1B_e4", "2026-08-18 00:00:00", "2026-08-19 06:00:00", "2026-09-01 00:00:00")
    o(raw, "Y1_e5", s, "Y1B_e5", "2026-06-03 00:00:00", "2026-06-04 16:00:00", "2026-06-07 17:00:00")
    o(raw, "Y1_e6", s, "Y1B_e6", "2026-06-02 23:59:59", "2026-06-03 09:59:59", "2026-06-05 09:59:59")
    o(raw, "Y1_e7", s, "Y1B_e7", "2026-08-30 10:00:00", "2026-09-01 08:00:00")
    o(raw, "Y1_e8", s, "Y1B_e8", "2026-08-01 10:00:00", "2026-08-03 12:00:00", "2026-08-04 12:00:00")
    o(raw, "Y1_e9", s, "Y1B_e9", "2026-08-01 10:00:00", "2026-08-01 12:00:00", "2026-08-03 12:00:00",
      is_presale=True)
    o(raw, "Y1_e10", s, "Y1B_e10", "2026-08-01 10:00:00", None, requires_shipping=False)
    o(raw, "Y1_e11", s, "Y1B_e11", "2026-08-31 09:00:00", "2026-08-31 10:00:00")

    # reviews: (id, order, created, first, product, service)
    for rid, order, created, first, product, service in (
        ("RV1", "Y1_01", "2026-08-02 10:00:00", True, 1, 5),
        ("RV2", "Y1_02", "2026-08-02 10:00:00", True, 2, 3),
        ("RV3", "Y1_03", "2026-08-02 10:00:00", True, 3, None),
        ("RV4", "Y1_04", "2026-08-03 10:00:00", False, 1, 1),
        ("RV5", "Y1_e2", "2026-06-05 10:00:00", True, 1, 5),
        ("RV6", "Y1_e1", "2026-06-04 10:00:00", True, 1, 4),
        ("RV7", "Y1_e3", "2026-08-31 20:00:00", True, 5, 4),
        ("RV8", "Y1_05", "2026-09-01 00:00:00", True, 1, 1),
    ):
        _review(raw, rid, order, s, order.replace("Y1_", "Y1B_"), created, first, product, service)

    a = _after_sale
    a(raw, "AS_a", "Y1_06", s, "refund_only", "quality_defect", "completed", "2026-08-09 10:00:00",
      "2026-08-09 16:00:00", completed="2026-08-10 10:00:00")
    a(raw, "AS_b", "Y1_07", s, "return_refund", "damaged_in_transit", "completed", "2026-08-08 10:00:00",
      "2026-08-08 12:00:00", "2026-08-11 10:00:00", "2026-08-11 14:00:00", "2026-08-12 10:00:00")
    a(raw, "AS_c", "Y1_08", s, "exchange", "wrong_item", "completed", "2026-08-08 10:00:00",
      "2026-08-08 20:00:00", completed="2026-08-12 10:00:00")
    a(raw, "AS_d", "Y1_09", s, "refund_only", "changed_mind", "completed", "2026-08-10 10:00:00",
      "2026-08-10 12:00:00", completed="2026-08-11 10:00:00")
    a(raw, "AS_e", "Y1_10", s, "refund_only", "quality_defect", "open", "2026-08-20 10:00:00")
    a(raw, "AS_f", "Y1_e4", s, "refund_only", "quality_defect", "completed", "2026-08-24 10:00:00",
      "2026-08-24 14:00:00", completed="2026-08-25 10:00:00")
    a(raw, "AS_g", "Y1_e1", s, "refund_only", "lost_in_transit", "completed", "2026-06-01 10:00:00",
      "2026-06-01 12:00:00", completed="2026-06-02 12:00:00")
    a(raw, "AS_h", "Y1_11", s, "refund_only", "quality_defect", "completed", "2026-08-30 10:00:00",
      "2026-08-30 12:00:00", completed="2026-09-01 00:00:00")

    i = _intervention
    i(raw, "IV_a", "Y1_06", s, "AS_a", "merchant", "2026-08-09 12:00:00", "2026-08-09 20:00:00")
    i(raw, "IV_b", "Y1_07", s, "AS_b", "buyer", "2026-08-10 10:00:00", "2026-08-11 10:00:00")
    i(raw, "IV_c", "Y1_e1", s, "AS_g", "merchant", "2026-06-01 12:00:00", "2026-06-02 10:00:00")
    i(raw, "IV_d", "Y1_08", s, "AS_c", "merchant", "2026-08-10 10:00:00", "2026-09-01 00:00:00")
    i(raw, "IV_e", "Y1_16", s, None, "merchant", "2026-08-11 10:00:00", "2026-08-12 10:00:00")
    i(raw, "IV_f", "Y1_10", s, "AS_e", "merchant", "2026-08-30 10:00:00", "2026-08-31 23:59:59")
    raw.add("malicious_buyers", buyer_id="Y1B_16", flagged_at=ts("2026-08-20 00:00:00"), reason="abuse")

    c = _complaint
    c(raw, "CM1", "Y1_12", s, "Y1B_12", "2026-08-17 23:59:59", "pending")
    c(raw, "CM2", "Y1_13", s, "Y1B_13", "2026-08-18 00:00:00", "established")
    c(raw, "CM3", "Y1_14", s, "Y1B_14", "2026-08-10 12:00:00", "merchant_resolved")
    c(raw, "CM4", "Y1_15", s, "Y1B_15", "2026-08-10 12:00:00", "not_established")
    c(raw, "CM5", "Y1_16", s, "Y1B_16", "2026-08-10 12:00:00", "established")
    c(raw, "CM6", None, s, "YBX_1", "2026-05-20 00:00:00", "established")
    c(raw, "CM7", None, s, "YBX_2", "2026-05-19 23:59:59", "established")

    b, ag, bot = "buyer", "agent", "bot"
    raw.chat("DC1", s, "DYB_1", [(b, None, "2026-08-31 10:00:00"), (ag, "AD1", "2026-08-31 10:03:00")])
    raw.chat("DC2", s, "DYB_2", [(b, None, "2026-08-01 10:00:00"), (ag, "AD1", "2026-08-01 10:03:01")])
    raw.chat("DC3", s, "DYB_3", [(b, None, "2026-08-01 11:00:00"), (bot, None, "2026-08-01 11:00:01"),
                                 (ag, "AD1", "2026-08-01 11:02:00")])
    raw.chat("DC4", s, "DYB_4", [(b, None, "2026-08-15 07:59:59"), (b, None, "2026-08-15 08:00:30"),
                                 (ag, "AD1", "2026-08-15 08:00:40")])
    raw.chat("DC5", s, "DYB_5", [(b, None, "2026-06-02 10:00:00"), (ag, "AD1", "2026-06-02 10:00:10")])
    raw.chat("DC6", s, "DYB_6", [(b, None, "2026-06-03 22:59:59")])
    raw.chat("DC7", s, "DYB_7", [(b, None, "2026-09-01 10:00:00"), (ag, "AD1", "2026-09-01 10:00:05")])
    raw.chat("DC8", s, "DYB_8", [(b, None, "2026-08-20 12:00:00"), (bot, None, "2026-08-20 12:00:05"),
                                 (ag, "AD1", "2026-08-20 12:05:00")])


def _dy2_dy3(raw: RawBuilder) -> None:
    _douyin_base(raw, "DY2", "Y2")
    _douyin_base(raw, "DY3", "Y3")
    b, ag = "buyer", "agent"
    # DY2: passes on D-1 (weight 1), fails on D-31 (weight 0.5); DY3 the other way round.
    raw.chat("DY2C1", "DY2", "D2B_1", [(b, None, "2026-08-31 10:00:00"), (ag, "AD2", "2026-08-31 10:01:00")])
    raw.chat("DY2C2", "DY2", "D2B_2", [(b, None, "2026-08-01 10:00:00"), (ag, "AD2", "2026-08-01 10:05:00")])
    raw.chat("DY3C1", "DY3", "D3B_1", [(b, None, "2026-08-31 10:00:00"), (ag, "AD3", "2026-08-31 10:05:00")])
    raw.chat("DY3C2", "DY3", "D3B_2", [(b, None, "2026-08-01 10:00:00"), (ag, "AD3", "2026-08-01 10:01:00")])


# ---------------------------------------------------------------------------------------------------------
def _tmall_base(raw: RawBuilder, shop: str, prefix: str, count: int) -> None:
    """count orders paid 08-10 10:00, picked up 10 h later, signed 08-12 20:00."""
    for i in range(1, count + 1):
        _shipped_order(raw, f"{prefix}_{i:02d}", shop, f"{prefix}B_{i:02d}", "2026-08-10 10:00:00",
                       "2026-08-10 20:00:00", "2026-08-12 20:00:00")


def _tm1(raw: RawBuilder) -> None:
    s = "TM1"
    _tmall_base(raw, s, "T1", 30)
    o = _shipped_order
    o(raw, "T1_e1", s, "T1B_e1", "2026-07-31 00:00:00", "2026-08-01 00:00:00", "2026-08-03 00:00:00")
    o(raw, "T1_e2", s, "T1B_e2", "2026-08-29 23:59:59", "2026-08-31 00:00:00")
    o(raw, "T1_e3", s, "T1B_e3", "2026-07-30 12:00:00", "2026-07-30 14:00:00")
    o(raw, "T1_e4", s, "T1B_e4", "2026-08-30 09:00:00", "2026-08-30 10:00:00")
    o(raw, "T1_e5", s, "T1B_e5", "2026-08-10 10:00:00", "2026-08-20 10:00:00", is_presale=True)
    o(raw, "T1_e6", s, "T1B_e6", "2026-08-10 10:00:00", None, requires_shipping=False)
    o(raw, "T1_e7", s, "T1B_e7", "2026-08-10 10:00:00", None)  # never picked up
    o(raw, "T1_e8", s, "T1B_e8", "2026-08-01 23:59:59", "2026-08-02 10:00:00")
    o(raw, "T1_e9", s, "T1B_e9", "2026-08-02 00:00:00", "2026-08-02 10:00:00")
    o(raw, "T1_e10", s, "T1B_e10", "2026-08-31 23:59:59", None)
    o(raw, "T1_e11", s, "T1B_e11", "2026-09-01 00:00:00", None)
    o(raw, "T1_e12", s, "T1B_e12", "2026-07-28 10:00:00", "2026-07-28 12:00:00", "2026-07-30 10:00:00")
    o(raw, "T1_e13", s, "T1B_e13", "2026-08-27 10:00:00", "2026-08-27 12:00:00")
    o(raw, "T1_e14", s, "T1B_e14", "2026-08-28 10:00:00", "2026-08-28 11:00:00")

    for rid, order, created, first, product in (
        ("R1", "T1_e1", "2026-08-02 00:00:00", True, 5),
        ("R2", "T1_13", "2026-08-20 10:00:00", True, 4),
        ("R3", "T1_14", "2026-08-31 23:59:59", True, 2),
        ("R4", "T1_e12", "2026-08-01 23:59:59", True, 1),
        ("R5", "T1_16", "2026-09-01 00:00:00", True, 1),
        ("R6", "T1_e1", "2026-08-25 10:00:00", False, 1),
    ):
        _review(raw, rid, order, s, order.replace("T1_", "T1B_"), created, first, product, None)

    a = _after_sale
    a(raw, "AS1", "T1_04", s, "refund_only", "quality_defect", "completed", "2026-08-12 10:00:00",
      "2026-08-12 12:00:00", completed="2026-08-12 16:00:00")
    a(raw, "AS2", "T1_05", s, "refund_only", "changed_mind", "completed", "2026-08-13 10:00:00",
      "2026-08-13 11:00:00", completed="2026-08-14 04:00:00")
    a(raw, "AS3", "T1_01", s, "refund_only", "quality_defect", "completed", "2026-08-12 10:00:00",
      "2026-08-12 11:00:00", completed="2026-08-15 12:00:00")
    a(raw, "AS4", "T1_e12", s, "refund_only", "quality_defect", "completed", "2026-07-30 10:00:00",
      "2026-07-30 11:00:00", completed="2026-08-01 20:00:00")
    a(raw, "AS5", "T1_07", s, "refund_only", "quality_defect", "open", "2026-08-20 10:00:00")
    a(raw, "AS6", "T1_08", s, "return_refund", "wrong_item", "completed", "2026-08-14 10:00:00",
      "2026-08-14 14:00:00", "2026-08-17 10:00:00", "2026-08-17 12:00:00", "2026-08-17 12:00:00")
    a(raw, "AS7", "T1_09", s, "return_refund", "wrong_item", "completed", "2026-08-15 10:00:00",
      "2026-08-15 11:00:00", "2026-08-18 10:00:00", "2026-08-18 19:00:00", "2026-08-18 20:00:00")
    a(raw, "AS8", "T1_10", s, "exchange", "wrong_item", "completed", "2026-08-14 10:00:00",
      "2026-08-14 11:00:00", completed="2026-08-16 10:00:00")
    a(raw, "AS9", "T1_11", s, "return_refund", "wrong_item", "completed", "2026-08-15 10:00:00",
      "2026-08-16 10:00:00", "2026-08-18 10:00:00", "2026-08-19 10:00:00", "2026-08-20 10:00:00")

    _intervention(raw, "IVT1", "T1_01", s, "AS3", "merchant", "2026-08-13 10:00:00", "2026-08-15 10:00:00")
    _intervention(raw, "IVT2", "T1_02", s, None, "merchant", "2026-08-13 10:00:00", "2026-08-15 10:00:00")
    raw.add("appeals", appeal_id="APT2", order_id="T1_02", intervention_id="IVT2", shop_id=s,
            appeal_type="responsibility", submitted_at=ts("2026-08-16 10:00:00"),
            decided_at=ts("2026-08-20 10:00:00"), outcome="approved")
    _intervention(raw, "IVT3", "T1_03", s, None, "merchant", "2026-08-31 10:00:00", "2026-09-01 08:00:00")
    _intervention(raw, "IVT4", "T1_11", s, "AS9", "buyer", "2026-08-17 10:00:00", "2026-08-18 10:00:00")

    c = _complaint
    c(raw, "CP1", None, s, "TBX_1", "2026-07-29 00:00:00", "established")
    c(raw, "CP2", "T1_21", s, "T1B_21", "2026-08-27 23:59:59", "established")
    c(raw, "CP3", "T1_22", s, "T1B_22", "2026-08-28 00:00:00", "established")
    c(raw, "CP4", None, s, "TBX_4", "2026-07-28 23:59:59", "established")
    c(raw, "CP5", "T1_23", s, "T1B_23", "2026-08-15 10:00:00", "merchant_resolved")
    c(raw, "CP6", "T1_24", s, "T1B_24", "2026-08-15 10:00:00", "not_established")
    c(raw, "CP7", "T1_25", s, "T1B_25", "2026-08-15 10:00:00", "established")
    c(raw, "CP8", "T1_26", s, "T1B_26", "2026-08-15 10:00:00", "pending")
    raw.add("malicious_buyers", buyer_id="T1B_25", flagged_at=ts("2026-08-01 00:00:00"), reason="abuse")

    b, ag, bot = "buyer", "agent", "bot"
    raw.chat("TW1", s, "TWB1", [(b, None, "2026-08-20 23:50:00"), (ag, "AT1", "2026-08-20 23:59:59")])
    raw.chat("TW2", s, "TWB2", [(b, None, "2026-08-20 23:55:00"), (ag, "AT1", "2026-08-21 00:00:01")])
    raw.chat("TW3", s, "TWB3", [(b, None, "2026-08-21 10:00:00"), (bot, None, "2026-08-21 10:00:05")])
    raw.chat("TW4", s, "TWB4", [(b, None, "2026-08-21 09:00:00"), (ag, "AT1", "2026-08-21 09:00:40")])
    raw.chat("TW5", s, "TWB5", [(b, None, "2026-08-22 03:00:00"), (ag, "AT1", "2026-08-22 08:00:00")])
    raw.chat("TW6", s, "TWB6", [(b, None, "2026-08-22 10:00:00"), (b, None, "2026-08-22 10:05:00"),
                                (ag, "AT1", "2026-08-22 10:06:00")])
    raw.chat("TW7", s, "TWB7", [(b, None, "2026-09-01 10:00:00"), (ag, "AT1", "2026-09-01 10:00:10")])
    raw.chat("TW8", s, "TWB8", [(b, None, "2026-08-01 10:00:00"), (ag, "AT1", "2026-08-01 10:00:10")])
    raw.chat("TW9", s, "TWB9", [(ag, "AT1", "2026-08-23 09:00:00"), (b, None, "2026-08-23 09:30:00")])


def _tm2(raw: RawBuilder) -> None:
    s = "TM2"
    _tmall_base(raw, s, "T2", 30)  # exactly the minimum volume of 30 paid orders
    _review(raw, "R21", "T2_05", s, "T2B_05", "2026-08-20 10:00:00", True, 5, None)
    _after_sale(raw, "AS21", "T2_04", s, "refund_only", "changed_mind", "completed", "2026-08-12 10:00:00",
                "2026-08-12 11:00:00", completed="2026-08-14 10:00:00")
    for n in ("01", "02", "03"):
        _complaint(raw, f"CP2{n}", f"T2_{n}", s, f"T2B_{n}", "2026-08-15 10:00:00", "established")
    raw.chat("TW21", s, "TWB21", [("buyer", None, "2026-08-20 10:00:00"), ("agent", "AT2", "2026-08-20 10:01:00")])


# ---------------------------------------------------------------------------------------------------------
def _ks(raw: RawBuilder) -> None:
    s = "KS"
    # inquiry orders of 08-20 (created = paid; grouped as given)
    for order_id, buyer, created, grouped in (
        ("KO_1", "KB1", "2026-08-20 11:00:00", "2026-08-21 09:59:59"),  # 23:59:59 after KB1's 10:00:00
        ("KO_2", "KB2", "2026-08-20 09:30:00", "2026-08-21 08:59:59"),  # 23:59:59 after KB2's 09:00:00
        ("KO_3", "KB3", "2026-08-20 14:10:00", "2026-08-21 14:00:01"),  # 24 h 1 s after KB3's 14:00:00
        ("KO_4", "KB4", "2026-08-20 14:00:00", "2026-08-20 15:30:00"),  # created before KB4's 15:00:00
    ):
        raw.order(order_id, s, buyer, created_at=ts(created), paid_at=ts(created), grouped_at=ts(grouped))
    for n in range(1, 6):
        raw.order(f"KO_r{n}", s, f"KRB_{n}", paid_at=ts("2026-08-10 10:00:00"))
    a = _after_sale
    a(raw, "KAS1", "KO_r1", s, "refund_only", "changed_mind", "completed", "2026-08-19 15:00:00",
      "2026-08-19 16:00:00", completed="2026-08-20 15:00:00")
    a(raw, "KAS2", "KO_r2", s, "return_refund", "wrong_item", "completed", "2026-08-18 03:00:00",
      "2026-08-18 05:00:00", "2026-08-19 10:00:00", "2026-08-20 08:00:00", "2026-08-20 09:00:00")
    a(raw, "KAS3", "KO_r3", s, "exchange", "wrong_item", "completed", "2026-08-19 12:00:00",
      "2026-08-19 13:00:00", completed="2026-08-20 12:00:00")
    a(raw, "KAS4", "KO_r4", s, "refund_only", "changed_mind", "open", "2026-08-20 10:00:00")
    a(raw, "KAS5", "KO_r5", s, "refund_only", "changed_mind", "completed", "2026-08-20 10:00:00",
      "2026-08-20 11:00:00", completed="2026-08-21 10:00:00")

    b, ag, bot = "buyer", "agent", "bot"
    raw.chat("KV1", s, "KB1", [
        (b, None, "2026-08-20 10:00:00"),   # m1: next agent m3 after 35 s
        (b, None, "2026-08-20 10:00:10"),   # m2: next agent m3 after 25 s
        (ag, "AG1", "2026-08-20 10:00:35"),  # m3
        (bot, None, "2026-08-20 10:01:00"),  # ignored
        (b, None, "2026-08-20 10:05:00"),   # m4: next agent m5 after 30 s
        (ag, "AG2", "2026-08-20 10:05:30"),  # m5
        (b, None, "2026-08-20 23:00:00"),   # m6: outside business hours, unanswered
    ])
    raw.chat("KV2", s, "KB2", [(b, None, "2026-08-20 09:00:00")])  # m7: never answered
    raw.chat("KV3", s, "KB3", [
        (b, None, "2026-08-20 07:59:59"),   # m8: before business hours
        (ag, "AG2", "2026-08-20 08:00:20"),  # m9
        (b, None, "2026-08-20 14:00:00"),   # m10: next agent m11 after 20 s
        (ag, "AG1", "2026-08-20 14:00:20"),  # m11
    ])
    raw.chat("KV4", s, "KB4", [(b, None, "2026-08-20 15:00:00"), (ag, "AG2", "2026-08-20 15:00:05")])  # m12: 5 s


def build_douyin_tmall_kpi_raw(raw_dir: Path) -> Path:
    """Write the whole dataset under raw_dir (all 14 tables)."""
    raw = RawBuilder()
    for category in ("DA", "DB", "TA", "KA"):
        raw.category(category, None)
    for shop, category in (("DY1", "DA"), ("DY2", "DB"), ("DY3", "DB"), ("TM1", "TA"), ("TM2", "TA"),
                           ("KS", "KA")):
        raw.shop(shop, category)
    _dy1(raw)
    _dy2_dy3(raw)
    _tm1(raw)
    _tm2(raw)
    _ks(raw)
    return raw.write(raw_dir)
