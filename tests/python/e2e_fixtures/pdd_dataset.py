"""The hand-built Pinduoduo dataset of test_e2e_pdd.py (score dates D1 = 2026-06-01, D2 = 2026-06-02).

Windows (SPEC §4, [D-30, D-1]): D1 -> 2026-05-02 .. 2026-05-31, D2 -> 2026-05-03 .. 2026-06-01.

Category tree (run with min_peer_shops = 3):

    C1 (level 1)            C2 (level 1)
    ├── C11: S1 S2 S3 (+ S8 closed)      └── S6
    └── C12: S4 (+ S7 below volume)
        └── C121: S5

Every scored shop has 40 orders grouped inside both windows. Every help request, chat message,
intervention, appeal, ticket, malicious buyer and enrolment is placed below by hand; the comment on each
says which rule it exercises. Order ids are O<shop>_<nn>, their buyers B<shop>_<nn>.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from tests.python.e2e_fixtures.raw_builder import RawBuilder, ts

D1 = "2026-06-01"
D2 = "2026-06-02"
SCORED_SHOPS = ("S1", "S2", "S3", "S4", "S5", "S6")


def _grouped_order(raw: RawBuilder, shop: str, n: str, grouped_at: datetime | None) -> None:
    """Order O<shop>_<n>: created 2 h and paid 1 h before it is grouped (成团)."""
    anchor = grouped_at or ts("2026-05-12 10:00:00")
    raw.order(f"O{shop}_{n}", shop, f"B{shop}_{n}", created_at=anchor - timedelta(hours=2),
              paid_at=anchor - timedelta(hours=1), grouped_at=grouped_at)


def _base_orders(raw: RawBuilder, shop: str, count: int) -> None:
    """count orders O<shop>_01.. grouped on 2026-05-10 .. 2026-05-19 at 10:00 (inside both windows),
    plus one order whose group never formed (grouped_at NULL: never counted)."""
    for i in range(1, count + 1):
        _grouped_order(raw, shop, f"{i:02d}", ts("2026-05-10 10:00:00") + timedelta(days=i % 10))
    _grouped_order(raw, shop, "ng", None)


def _help(raw: RawBuilder, rid: str, shop: str, order_n: str | None, channel: str, reason: str, at: str,
          buyer: str | None = None) -> None:
    order_id = None if order_n is None else f"O{shop}_{order_n}"
    raw.add("help_requests", request_id=rid, order_id=order_id, shop_id=shop,
            buyer_id=buyer or f"B{shop}_{order_n}", channel=channel, reason_code=reason, created_at=ts(at))


def _intervention(raw: RawBuilder, iid: str, shop: str, order_n: str, party: str, succeeded: bool,
                  decided: str, round_no: int = 1) -> None:
    decided_at = ts(decided)
    raw.add("interventions", intervention_id=iid, after_sale_id=None, order_id=f"O{shop}_{order_n}", shop_id=shop,
            round=round_no, opened_at=decided_at - timedelta(days=1), decided_at=decided_at,
            responsible_party=party, refund_succeeded=str(succeeded).lower())


def _appeal(raw: RawBuilder, aid: str, shop: str, order_n: str, iid: str, kind: str, outcome: str,
            decided: str) -> None:
    decided_at = ts(decided)
    raw.add("appeals", appeal_id=aid, order_id=f"O{shop}_{order_n}", intervention_id=iid, shop_id=shop,
            appeal_type=kind, submitted_at=decided_at - timedelta(days=2), decided_at=decided_at, outcome=outcome)


def _ticket(raw: RawBuilder, tid: str, shop: str, created: str, due: str, completed: str | None) -> None:
    raw.add("tickets", ticket_id=tid, shop_id=shop, order_id=None, created_at=ts(created), due_at=ts(due),
            completed_at=None if completed is None else ts(completed))


def _enrol(raw: RawBuilder, shop: str, program: str, enrolled: str, exited: str | None) -> None:
    raw.add("program_enrollments", shop_id=shop, program=program, enrolled_at=ts(enrolled),
            exited_at=None if exited is None else ts(exited))


def _shops(raw: RawBuilder) -> None:
    raw.category("C1", None)
    raw.category("C11", "C1")
    raw.category("C12", "C1")
    raw.category("C121", "C12")
    raw.category("C2", None)
    for shop, category in (("S1", "C11"), ("S2", "C11"), ("S3", "C11"), ("S4", "C12"), ("S5", "C121"),
                           ("S6", "C2"), ("S7", "C12")):
        raw.shop(shop, category)
    raw.shop("S8", "C11", status="closed")


def _orders(raw: RawBuilder) -> None:
    # S1: 39 base orders + the window-edge orders below = 40 orders on each score date.
    _base_orders(raw, "S1", 39)
    _grouped_order(raw, "S1", "b0", ts("2026-05-01 23:59:59"))  # D1-31: outside both windows
    _grouped_order(raw, "S1", "b1", ts("2026-05-02 00:00:00"))  # D1-30: in D1's window only
    _grouped_order(raw, "S1", "b2", ts("2026-06-01 00:00:00"))  # on D1 (invisible); D2-1: in D2's window
    for shop in ("S2", "S3", "S4", "S5", "S6", "S8"):
        _base_orders(raw, shop, 40)
    # S7: 29 grouped orders (one short of the minimum 30) + one grouped on D2 (invisible to both dates).
    _base_orders(raw, "S7", 29)
    _grouped_order(raw, "S7", "late", ts("2026-06-02 00:00:00"))


def _help_requests(raw: RawBuilder) -> None:
    # S1
    _help(raw, "H1_01", "S1", "01", "merchant_chat", "quality_defect", "2026-05-20 10:00:00")  # product, merchant
    _help(raw, "H1_02", "S1", "02", "platform_cs_online", "not_as_described",
          "2026-05-31 23:59:59")  # product, platform, last second of D1-1: visible on D1
    _help(raw, "H1_03", "S1", "02", "complaint", "odor", "2026-05-21 11:00:00")  # same order again: counted once
    _help(raw, "H1_04", "S1", "03", "platform_cs_online", "urge_shipment",
          "2026-06-01 09:00:00")  # created on D1: invisible to D1, visible to D2
    _help(raw, "H1_05", "S1", "04", "platform_intervention", "not_received",
          "2026-05-22 10:00:00")  # buyer BS1_04 flagged malicious 2026-05-20 (before both dates): ignored
    _help(raw, "H1_06", "S1", "05", "platform_cs_hotline", "logistics_stalled",
          "2026-05-22 11:00:00")  # buyer BS1_05 flagged 2026-06-01 00:00:00: counts on D1, ignored on D2
    _help(raw, "H1_07", "S1", "06", "platform_cs_online", "install_howto", "2026-05-23 10:00:00")  # routine
    _help(raw, "H1_08", "S1", "07", "platform_cs_hotline", "weird_new_reason",
          "2026-05-23 11:00:00")  # unclassified: platform_help_rate only
    # S2
    _help(raw, "H2_01", "S2", "01", "merchant_chat", "wrong_item", "2026-05-20 10:00:00")
    _help(raw, "H2_02", "S2", "02", "platform_cs_online", "urge_shipment", "2026-05-20 11:00:00")
    _help(raw, "H2_03", "S2", None, "platform_cs_online", "quality_defect", "2026-05-20 12:00:00",
          buyer="BS2_presale")  # no order (pre-sale question): joins no order, never counts
    # S3
    _help(raw, "H3_01", "S3", "01", "after_sale", "damaged_in_transit", "2026-05-20 10:00:00")
    # S4: product {01,02,03}, product platform {01,02}; shipping {04,05}, platform {04};
    #     logistics {06,07}, platform {06}; service reason on 08 (platform); platform orders {01,02,04,06,08}
    _help(raw, "H4_01", "S4", "01", "platform_cs_online", "size_mismatch", "2026-05-20 10:00:00")
    _help(raw, "H4_02", "S4", "02", "merchant_chat", "missing_parts", "2026-05-20 10:00:00")
    _help(raw, "H4_03", "S4", "02", "platform_cs_hotline", "odor", "2026-05-21 10:00:00")
    _help(raw, "H4_04", "S4", "03", "after_sale", "damaged_item", "2026-05-20 10:00:00")
    _help(raw, "H4_05", "S4", "04", "platform_intervention", "late_shipment", "2026-05-20 10:00:00")
    _help(raw, "H4_06", "S4", "05", "merchant_chat", "shipping_info_error", "2026-05-20 10:00:00")
    _help(raw, "H4_07", "S4", "06", "complaint", "courier_attitude", "2026-05-20 10:00:00")
    _help(raw, "H4_08", "S4", "07", "merchant_chat", "signed_not_received", "2026-05-20 10:00:00")
    _help(raw, "H4_09", "S4", "08", "platform_cs_hotline", "merchant_attitude", "2026-05-20 10:00:00")
    # S5
    _help(raw, "H5_01", "S5", "01", "merchant_chat", "out_of_stock", "2026-05-20 10:00:00")
    _help(raw, "H5_02", "S5", "02", "platform_intervention", "refund_dispute", "2026-05-20 10:00:00")
    # S6
    _help(raw, "H6_01", "S6", "01", "platform_cs_online", "quality_defect", "2026-05-20 10:00:00")
    # S7 (below volume) and S8 (closed): help that must influence nobody's peers
    _help(raw, "H7_01", "S7", "01", "platform_cs_online", "quality_defect", "2026-05-20 10:00:00")
    for n in ("01", "02", "03", "04", "05", "06", "07", "08", "09", "10"):
        _help(raw, f"H8_{n}", "S8", n, "platform_cs_online", "quality_defect", "2026-05-20 10:00:00")
    raw.add("malicious_buyers", buyer_id="BS1_04", flagged_at=ts("2026-05-20 10:00:00"), reason="abuse")
    raw.add("malicious_buyers", buyer_id="BS1_05", flagged_at=ts("2026-06-01 00:00:00"), reason="abuse")
    raw.add("malicious_buyers", buyer_id="BS1_17", flagged_at=ts("2026-05-01 00:00:00"), reason="abuse")


def _chats(raw: RawBuilder) -> None:
    agent, buyer, bot = "agent", "buyer", "bot"
    # S1: 8 consulting units on D1 (4 pass), a 9th on 2026-06-01 for D2.
    raw.chat("K1_01", "S1", "CB1_01", [(buyer, None, "2026-05-15 10:00:00"), (agent, "A1", "2026-05-15 10:03:00")])
    raw.chat("K1_02", "S1", "CB1_02", [(buyer, None, "2026-05-15 11:00:00"), (agent, "A1", "2026-05-15 11:03:01")])
    raw.chat("K1_03", "S1", "CB1_03", [(buyer, None, "2026-05-16 12:00:00"), (bot, None, "2026-05-16 12:00:05"),
                                       (agent, "A1", "2026-05-16 12:05:00")])
    raw.chat("K1_04", "S1", "CB1_04", [(buyer, None, "2026-05-16 23:00:00")])  # 23:00:00 only: no unit
    raw.chat("K1_05", "S1", "CB1_05", [(buyer, None, "2026-05-17 22:59:59"), (agent, "A1", "2026-05-17 23:01:00")])
    raw.chat("K1_06", "S1", "CB1_06", [(buyer, None, "2026-05-17 08:00:00"), (agent, "A1", "2026-05-17 08:00:00")])
    raw.chat("K1_07", "S1", "CB1_07", [(buyer, None, "2026-05-18 09:00:00"), (agent, "A1", "2026-05-18 09:01:00"),
                                       (buyer, None, "2026-05-18 09:10:00"), (agent, "A1", "2026-05-18 09:14:00")])
    raw.chat("K1_08", "S1", "CB1_08", [(buyer, None, "2026-05-18 10:00:00"), (agent, "A1", "2026-05-18 10:00:30"),
                                       (buyer, None, "2026-05-18 23:00:00")])
    raw.chat("K1_09a", "S1", "CB1_09", [(buyer, None, "2026-05-19 10:00:00")])
    raw.chat("K1_09b", "S1", "CB1_09", [(agent, "A1", "2026-05-19 10:00:10")])  # other conversation
    raw.chat("K1_10", "S1", "CB1_10", [(buyer, None, "2026-06-01 10:00:00")])  # on D1; D2: a failing unit
    raw.chat("K1_11", "S1", "CB1_11", [(buyer, None, "2026-05-19 07:59:59")])  # before 08:00: no unit
    # S2: 2 units, both pass
    raw.chat("K2_01", "S2", "CB2_01", [(buyer, None, "2026-05-15 10:00:00"), (agent, "A2", "2026-05-15 10:01:00")])
    raw.chat("K2_02", "S2", "CB2_02", [(buyer, None, "2026-05-16 14:00:00"), (agent, "A2", "2026-05-16 14:02:59")])
    # S3: no chats at all -> reply_3min_rate NULL
    # S4: 4 units, 1 pass
    raw.chat("K4_01", "S4", "CB4_01", [(buyer, None, "2026-05-15 10:00:00"), (agent, "A4", "2026-05-15 10:01:00")])
    raw.chat("K4_02", "S4", "CB4_02", [(buyer, None, "2026-05-15 11:00:00"), (agent, "A4", "2026-05-15 11:03:20")])
    raw.chat("K4_03", "S4", "CB4_03", [(buyer, None, "2026-05-16 12:00:00")])
    raw.chat("K4_04", "S4", "CB4_04", [(buyer, None, "2026-05-16 13:00:00"), (bot, None, "2026-05-16 13:00:01")])
    # S5: 2 units, 1 pass (180 s passes, 181 s fails)
    raw.chat("K5_01", "S5", "CB5_01", [(buyer, None, "2026-05-15 10:00:00"), (agent, "A5", "2026-05-15 10:03:00")])
    raw.chat("K5_02", "S5", "CB5_02", [(buyer, None, "2026-05-15 11:00:00"), (agent, "A5", "2026-05-15 11:03:01")])
    # S6: 1 unit, unanswered
    raw.chat("K6_01", "S6", "CB6_01", [(buyer, None, "2026-05-15 10:00:00")])


def _disputes(raw: RawBuilder) -> None:
    # S1
    _intervention(raw, "IV1_10a", "S1", "10", "merchant", True, "2026-05-20 10:00:00")
    _intervention(raw, "IV1_10b", "S1", "10", "merchant", True, "2026-05-23 10:00:00", round_no=2)  # same order
    _appeal(raw, "AP1_10", "S1", "10", "IV1_10a", "goods_payment", "approved",
            "2026-05-26 10:00:00")  # not a responsibility appeal: the order stays
    _intervention(raw, "IV1_11", "S1", "11", "merchant", True, "2026-05-21 10:00:00")
    _appeal(raw, "AP1_11", "S1", "11", "IV1_11", "responsibility", "approved", "2026-05-25 10:00:00")  # removed
    _intervention(raw, "IV1_12", "S1", "12", "merchant", True, "2026-05-21 10:00:00")
    _appeal(raw, "AP1_12", "S1", "12", "IV1_12", "responsibility", "rejected", "2026-05-25 10:00:00")  # stays
    _intervention(raw, "IV1_13", "S1", "13", "merchant", True, "2026-05-22 10:00:00")
    _appeal(raw, "AP1_13", "S1", "13", "IV1_13", "responsibility", "approved",
            "2026-06-01 10:00:00")  # decided on D1: stays on D1, removed on D2
    _intervention(raw, "IV1_14", "S1", "14", "buyer", True, "2026-05-22 10:00:00")  # not the merchant's fault
    _intervention(raw, "IV1_15", "S1", "15", "merchant", False, "2026-05-22 10:00:00")  # refund not succeeded
    _intervention(raw, "IV1_16", "S1", "16", "merchant", True, "2026-06-01 08:00:00")  # decided on D1: D2 only
    _intervention(raw, "IV1_17", "S1", "17", "merchant", True, "2026-05-22 10:00:00")  # malicious buyer BS1_17
    # S2, S4, S6
    _intervention(raw, "IV2_10", "S2", "10", "merchant", True, "2026-05-22 10:00:00")
    for n in ("10", "11", "12", "13"):
        _intervention(raw, f"IV4_{n}", "S4", n, "merchant", True, "2026-05-22 10:00:00")
    _intervention(raw, "IV6_10", "S6", "10", "merchant", True, "2026-05-22 10:00:00")
    _intervention(raw, "IV8_10", "S8", "10", "merchant", True, "2026-05-22 10:00:00")


def _tickets(raw: RawBuilder) -> None:
    _ticket(raw, "T1_1", "S1", "2026-05-15 09:00:00", "2026-05-16 10:00:00", "2026-05-16 10:00:00")  # on due: ok
    _ticket(raw, "T1_2", "S1", "2026-05-15 09:00:00", "2026-05-16 10:00:00", "2026-05-16 10:00:01")  # 1 s late
    _ticket(raw, "T1_3", "S1", "2026-05-31 10:00:00", "2026-06-01 10:00:00",
            "2026-06-01 09:00:00")  # done on D1: fails D1 (not < D), passes D2
    _ticket(raw, "T1_4", "S1", "2026-06-01 10:00:00", "2026-06-02 10:00:00", None)  # D2 only, open: fails
    _ticket(raw, "T1_5", "S1", "2026-05-01 10:00:00", "2026-05-02 10:00:00",
            "2026-05-01 12:00:00")  # created D1-31: outside
    _ticket(raw, "T2_1", "S2", "2026-05-15 09:00:00", "2026-05-16 10:00:00", "2026-05-15 12:00:00")
    _ticket(raw, "T2_2", "S2", "2026-05-16 09:00:00", "2026-05-17 10:00:00", "2026-05-16 12:00:00")
    _ticket(raw, "T4_1", "S4", "2026-05-15 09:00:00", "2026-05-16 10:00:00", "2026-05-15 12:00:00")
    _ticket(raw, "T4_2", "S4", "2026-05-15 09:00:00", "2026-05-16 10:00:00", "2026-05-17 12:00:00")
    _ticket(raw, "T4_3", "S4", "2026-05-15 09:00:00", "2026-05-16 10:00:00", None)
    _ticket(raw, "T4_4", "S4", "2026-05-16 09:00:00", "2026-05-17 10:00:00", "2026-05-18 12:00:00")
    _ticket(raw, "T5_1", "S5", "2026-05-15 09:00:00", "2026-05-16 10:00:00", "2026-05-15 12:00:00")
    # S3, S6: no tickets -> ticket_completion_rate NULL


def _enrolments(raw: RawBuilder) -> None:
    _enrol(raw, "S1", "bargain", "2026-04-01 00:00:00", "2026-06-01 10:00:00")  # exits on D1: enrolled on D1 only
    _enrol(raw, "S1", "checkin", "2026-04-01 00:00:00", "2026-05-31 12:00:00")  # exited before D1
    _enrol(raw, "S2", "billion_subsidy", "2026-04-01 00:00:00", None)
    _enrol(raw, "S3", "billion_subsidy", "2026-04-01 00:00:00", None)
    _enrol(raw, "S4", "billion_subsidy", "2026-06-01 00:00:00", None)  # enrolled on D1: from D2 on
    _enrol(raw, "S7", "billion_subsidy", "2026-04-01 00:00:00", None)  # below volume: never evicted


def build_pdd_raw(raw_dir: Path) -> Path:
    """Write the whole pdd dataset under raw_dir (all 14 tables)."""
    raw = RawBuilder()
    _shops(raw)
    _orders(raw)
    _help_requests(raw)
    _chats(raw)
    _disputes(raw)
    _tickets(raw)
    _enrolments(raw)
    return raw.write(raw_dir)
