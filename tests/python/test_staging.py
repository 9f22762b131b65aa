"""Staging and quarantine (SPEC §2, §9; docs/DESIGN.md): every bad raw row lands in quarantine with its reason.

A small hand-made raw dataset holds clean rows plus, for every table, one row of every kind of defect
that table can have. Each bad row carries its expected reason, worked out by hand from the rules (first
failing check in the documented order), in an extra raw column `_expected_reason` (the contract allows
extra columns; staging ignores them). The build must quarantine exactly those rows with exactly those
reasons, stage every clean row unchanged, and account for every raw row.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import query
from shopscore.contract import RAW_CONTRACT, TABLES, write_raw_table
from shopscore.dbt import DbtError

Row = dict[str, Any]

CUTOFF = "2026-11-01 00:00:00"  # var load_cutoff_at: anything after it is "in the future of the load"
FUTURE = "2026-11-05 00:00:00"
EXPECTED = "_expected_reason"
# Only this layer, and only the tests whose parents are all in it (other layers' tests need their models).
SELECT = ("build", "--select", "staging", "quarantine", "audit", "help_reason_codes", "help_channels",
          "after_sale_reason_codes", "--indirect-selection", "cautious")

KEYS: dict[str, tuple[str, ...]] = {
    "categories": ("category_id",), "shops": ("shop_id",), "orders": ("order_id",), "shipments": ("order_id",),
    "help_requests": ("request_id",), "chat_messages": ("message_id",), "after_sales": ("after_sale_id",),
    "interventions": ("intervention_id",), "appeals": ("appeal_id",), "complaints": ("complaint_id",),
    "tickets": ("ticket_id",), "reviews": ("review_id",), "malicious_buyers": ("buyer_id",),
    "program_enrollments": ("shop_id", "program", "enrolled_at"),
}
# Raw column -> staging column where docs/DESIGN.md renames it.
RENAMED: dict[tuple[str, str], str] = {
    ("shops", "status"): "shop_status", ("orders", "requires_shipping"): "is_shipping_required",
    ("after_sales", "type"): "after_sale_type", ("after_sales", "status"): "after_sale_status",
    ("interventions", "round"): "intervention_round", ("interventions", "refund_succeeded"): "is_refund_succeeded",
    ("appeals", "outcome"): "appeal_outcome", ("complaints", "status"): "complaint_status",
    ("malicious_buyers", "reason"): "flag_reason",
}


def ts(day: int, hour: int = 10, minute: int = 0) -> str:
    """A naive local timestamp in October 2026."""
    return f"2026-10-{day:02d} {hour:02d}:{minute:02d}:00"


# --- clean rows ---------------------------------------------------------------------------------------

def clean_rows() -> dict[str, list[Row]]:
    """Rows that break no rule; every one must reach staging unchanged."""
    orders = [
        {"order_id": f"o{n}", "shop_id": "s1" if n <= 15 else "s2", "buyer_id": f"b{n}", "created_at": ts(1),
         "paid_at": ts(1, 10, 1), "grouped_at": ts(1, 10, 2), "cancelled_at": None, "amount": "12.50",
         "is_presale": "false", "requires_shipping": "true"}
        for n in range(1, 31)
    ]
    return {
        "categories": [
            {"category_id": "c1", "category_name": "服装", "parent_category_id": None},
            {"category_id": "c11", "category_name": "女装/连衣裙", "parent_category_id": "c1"},
            {"category_id": "c111", "category_name": "真丝连衣裙", "parent_category_id": "c11"},
            {"category_id": "c2", "category_name": "数码", "parent_category_id": None},
        ],
        "shops": [
            {"shop_id": "s1", "shop_name": "小店一号（旗舰）", "category_id": "c111", "opened_date": "2025-01-01",
             "status": "active"},
            {"shop_id": "s2", "shop_name": "数码😀专营店", "category_id": "c2", "opened_date": "2024-06-30",
             "status": "closed"},
        ],
        "orders": orders,
        "shipments": [
            {"order_id": "o1", "shipped_at": ts(2), "picked_up_at": ts(2, 12), "signed_at": ts(4),
             "received_confirmed_at": ts(5), "carrier": "顺丰"},
        ],
        "help_requests": [
            {"request_id": "h1", "order_id": "o1", "shop_id": "s1", "buyer_id": "b1", "channel": "merchant_chat",
             "reason_code": "quality_defect", "created_at": ts(5)},
            # pre-sale question: order_id is a nullable foreign key
            {"request_id": "h2", "order_id": None, "shop_id": "s2", "buyer_id": "b9", "channel": "platform_cs_online",
             "reason_code": "presale_question", "created_at": ts(5)},
            # a reason code outside the seed is unclassified help, not bad input (SPEC §2)
            {"request_id": "h3", "order_id": "o2", "shop_id": "s1", "buyer_id": "b2", "channel": "complaint",
             "reason_code": "weird_new_code", "created_at": ts(5)},
        ],
        "chat_messages": [
            {"message_id": "m1", "conversation_id": "cv1", "shop_id": "s1", "buyer_id": "b1", "sender_role": "buyer",
             "agent_id": None, "sent_at": ts(5)},
            {"message_id": "m2", "conversation_id": "cv1", "shop_id": "s1", "buyer_id": "b1", "sender_role": "agent",
             "agent_id": "小王", "sent_at": ts(5, 10, 2)},
        ],
        "after_sales": [
            {"after_sale_id": "a1", "order_id": "o1", "shop_id": "s1", "type": "return_refund",
             "reason_code": "quality_defect", "status": "completed", "applied_at": ts(5),
             "merchant_approved_at": ts(5, 11), "return_signed_at": ts(7), "refund_approved_at": ts(7, 12),
             "completed_at": ts(7, 13), "refund_amount": "12.50"},
        ],
        "interventions": [
            {"intervention_id": "i1", "after_sale_id": "a1", "order_id": "o1", "shop_id": "s1", "round": "1",
             "opened_at": ts(8), "decided_at": ts(9), "responsible_party": "merchant", "refund_succeeded": "true"},
            {"intervention_id": "i2", "after_sale_id": None, "order_id": "o16", "shop_id": "s2", "round": "2",
             "opened_at": ts(8), "decided_at": None, "responsible_party": None, "refund_succeeded": None},
        ],
        "appeals": [
            {"appeal_id": "p1", "order_id": "o1", "intervention_id": "i1", "shop_id": "s1",
             "appeal_type": "responsibility", "submitted_at": ts(10), "decided_at": ts(11), "outcome": "approved"},
            {"appeal_id": "p2", "order_id": "o2", "intervention_id": None, "shop_id": "s1", "appeal_type": "freight",
             "submitted_at": ts(10), "decided_at": None, "outcome": "pending"},
        ],
        "complaints": [
            {"complaint_id": "k1", "order_id": "o1", "shop_id": "s1", "buyer_id": "b1", "created_at": ts(8),
             "status": "established", "decided_at": ts(9)},
            {"complaint_id": "k2", "order_id": None, "shop_id": "s2", "buyer_id": "b9", "created_at": ts(8),
             "status": "pending", "decided_at": None},
        ],
        "tickets": [
            {"ticket_id": "t1", "shop_id": "s1", "order_id": "o1", "created_at": ts(8), "due_at": ts(9),
             "completed_at": ts(8, 20)},
            # due_at is a deadline, set in advance: after the load cut-off, and still a good row
            {"ticket_id": "t2", "shop_id": "s2", "order_id": None, "created_at": ts(8), "due_at": FUTURE,
             "completed_at": None},
        ],
        "reviews": [
            {"review_id": "r1", "order_id": "o1", "shop_id": "s1", "buyer_id": "b1", "created_at": ts(8),
             "is_first_review": "true", "product_rating": "1", "service_rating": "5", "logistics_rating": None},
        ],
        "malicious_buyers": [{"buyer_id": "b9", "flagged_at": "2026-09-01 00:00:00", "reason": "恶意刷单"}],
        "program_enrollments": [
            {"shop_id": "s1", "program": "bargain", "enrolled_at": "2026-09-01 00:00:00", "exited_at": None},
            {"shop_id": "s1", "program": "bargain", "enrolled_at": "2026-10-20 00:00:00",
             "exited_at": "2026-10-25 00:00:00"},
        ],
    }


# --- bad rows -----------------------------------------------------------------------------------------

# A valid row per table to start each bad row from (the key is filled in per row).
TEMPLATES: dict[str, Row] = {
    "categories": {"category_name": "坏类目", "parent_category_id": "c1"},
    "shops": {"shop_name": "坏店", "category_id": "c11", "opened_date": "2025-01-01", "status": "active"},
    "orders": {"shop_id": "s1", "buyer_id": "b1", "created_at": ts(1), "paid_at": ts(1, 10, 1),
               "grouped_at": ts(1, 10, 2), "cancelled_at": None, "amount": "10.00", "is_presale": "false",
               "requires_shipping": "true"},
    "shipments": {"shipped_at": ts(2), "picked_up_at": ts(2, 12), "signed_at": ts(4),
                  "received_confirmed_at": ts(5), "carrier": "sf"},
    "help_requests": {"order_id": "o1", "shop_id": "s1", "buyer_id": "b1", "channel": "merchant_chat",
                      "reason_code": "quality_defect", "created_at": ts(5)},
    "chat_messages": {"conversation_id": "cv9", "shop_id": "s1", "buyer_id": "b1", "sender_role": "buyer",
                      "agent_id": None, "sent_at": ts(5)},
    "after_sales": {"order_id": "o1", "shop_id": "s1", "type": "refund_only", "reason_code": "changed_mind",
                    "status": "completed", "applied_at": ts(5), "merchant_approved_at": ts(5, 11),
                    "return_signed_at": None, "refund_approved_at": None, "completed_at": ts(6),
                    "refund_amount": "10.00"},
    "interventions": {"after_sale_id": "a1", "order_id": "o1", "shop_id": "s1", "round": "1", "opened_at": ts(8),
                      "decided_at": ts(9), "responsible_party": "merchant", "refund_succeeded": "true"},
    "appeals": {"order_id": "o1", "intervention_id": "i1", "shop_id": "s1", "appeal_type": "responsibility",
                "submitted_at": ts(10), "decided_at": ts(11), "outcome": "rejected"},
    "complaints": {"order_id": "o1", "shop_id": "s1", "buyer_id": "b1", "created_at": ts(8), "status": "pending",
                   "decided_at": ts(9)},
    "tickets": {"shop_id": "s1", "order_id": "o1", "created_at": ts(8), "due_at": ts(9), "completed_at": None},
    "reviews": {"order_id": "o1", "shop_id": "s1", "buyer_id": "b1", "created_at": ts(8), "is_first_review": "false",
                "product_rating": "4", "service_rating": None, "logistics_rating": "3"},
    "malicious_buyers": {"flagged_at": "2026-09-01 00:00:00", "reason": "x"},
    "program_enrollments": {"shop_id": "s2", "program": "checkin", "exited_at": None},
}

# Checks every child of an order can fail, with the overrides that make it fail (each alone).
ORDER_CHILD: list[tuple[str, Row]] = [
    ("unknown_shop:shop_id", {"shop_id": "s404"}),
    ("unknown_order:order_id", {"order_id": "o404"}),
    ("unknown_order:order_id", {"order_id": "o_negative"}),  # the order exists but is quarantined: cascade
    ("shop_mismatch:shop_id", {"order_id": "o16"}),  # o16 belongs to s2, the row says s1
]


def bad_rows() -> dict[str, list[tuple[str, Row, str]]]:
    """Per table: (expected reason, overrides of the template, file kind: typed | text).

    "text" rows go to a file whose columns are all VARCHAR (SPEC §2: nothing is guaranteed), the only way
    to send a value that does not cast.
    """
    cascade_orders = [(r, o, "typed") for r, o in ORDER_CHILD]
    return {
        "categories": [
            ("null_key", {"category_id": None}, "typed"),
            ("unknown_category:parent_category_id", {"category_id": "c_orphan", "parent_category_id": "c404"},
             "typed"),
            # child of a quarantined category: cascades
            ("unknown_category:parent_category_id", {"category_id": "c_orphan_child", "parent_category_id": "c_orphan"},
             "typed"),
            # a cycle reaches no root
            ("unknown_category:parent_category_id", {"category_id": "c_loop_a", "parent_category_id": "c_loop_b"},
             "typed"),
            ("unknown_category:parent_category_id", {"category_id": "c_loop_b", "parent_category_id": "c_loop_a"},
             "typed"),
        ],
        "shops": [
            ("null_key", {"shop_id": None}, "typed"),
            ("null_required:category_id", {"shop_id": "s_no_cat", "category_id": None}, "typed"),
            ("null_required:status", {"shop_id": "s_no_status", "status": None}, "typed"),
            ("invalid_enum:status", {"shop_id": "s_bad_status", "status": "open"}, "typed"),
            ("unknown_category:category_id", {"shop_id": "s_unknown_cat", "category_id": "c404"}, "typed"),
            ("unknown_category:category_id", {"shop_id": "s_orphan_cat", "category_id": "c_orphan_child"}, "typed"),
            ("future_timestamp:opened_date", {"shop_id": "s_future", "opened_date": "2026-12-01"}, "typed"),
            ("invalid_value:opened_date", {"shop_id": "s_bad_date", "opened_date": "2025-02-30"}, "text"),
        ],
        "orders": [
            ("null_key", {"order_id": None}, "typed"),
            ("null_required:shop_id", {"shop_id": None}, "typed"),
            ("null_required:created_at", {"created_at": None, "paid_at": None, "grouped_at": None}, "typed"),
            ("unknown_shop:shop_id", {"shop_id": "s404"}, "typed"),
            ("unknown_shop:shop_id", {"shop_id": "s_bad_status"}, "typed"),  # cascade from a quarantined shop
            ("timestamp_order:paid_at", {"paid_at": "2026-09-30 23:59:59", "grouped_at": None}, "typed"),
            ("timestamp_order:grouped_at", {"grouped_at": ts(1, 10, 0)}, "typed"),
            ("timestamp_order:cancelled_at", {"cancelled_at": ts(1, 9)}, "typed"),
            ("future_timestamp:created_at", {"created_at": FUTURE, "paid_at": None, "grouped_at": None}, "typed"),
            ("future_timestamp:grouped_at", {"grouped_at": "2026-11-01 00:00:01"}, "typed"),
            ("negative_amount:amount", {"order_id": "o_negative", "amount": "-0.01"}, "typed"),
            ("invalid_value:amount", {"amount": "12,50"}, "text"),
            ("invalid_value:created_at", {"created_at": "yesterday"}, "text"),
            ("invalid_value:is_presale", {"is_presale": "maybe"}, "text"),
        ],
        "shipments": [
            ("null_key", {"order_id": None}, "typed"),
            ("unknown_order:order_id", {"order_id": "o404"}, "typed"),
            ("unknown_order:order_id", {"order_id": "o_negative"}, "typed"),
            ("timestamp_order:signed_at", {"order_id": "o3", "signed_at": ts(2, 11)}, "typed"),
            ("timestamp_order:signed_at", {"order_id": "o4", "picked_up_at": None, "signed_at": ts(1)}, "typed"),
            ("timestamp_order:received_confirmed_at", {"order_id": "o5", "received_confirmed_at": ts(3)}, "typed"),
            ("future_timestamp:received_confirmed_at", {"order_id": "o6", "received_confirmed_at": FUTURE}, "typed"),
            ("invalid_value:picked_up_at", {"order_id": "o7", "picked_up_at": "2026-10-02T25:00"}, "text"),
        ],
        "help_requests": cascade_orders + [
            ("null_key", {"request_id": None}, "typed"),
            ("null_required:shop_id", {"shop_id": None}, "typed"),
            ("null_required:channel", {"channel": None}, "typed"),
            ("null_required:reason_code", {"reason_code": None}, "typed"),
            ("null_required:created_at", {"created_at": None}, "typed"),
            ("invalid_enum:channel", {"channel": "wechat"}, "typed"),
            ("future_timestamp:created_at", {"created_at": FUTURE}, "typed"),
            ("invalid_value:created_at", {"created_at": "2026-13-01 00:00:00"}, "text"),
        ],
        "chat_messages": [
            ("null_key", {"message_id": None}, "typed"),
            ("null_required:conversation_id", {"conversation_id": None}, "typed"),
            ("null_required:shop_id", {"shop_id": None}, "typed"),
            ("null_required:buyer_id", {"buyer_id": None}, "typed"),
            ("null_required:sender_role", {"sender_role": None}, "typed"),
            ("null_required:sent_at", {"sent_at": None}, "typed"),
            ("invalid_enum:sender_role", {"sender_role": "Agent"}, "typed"),
            ("unknown_shop:shop_id", {"shop_id": "s404"}, "typed"),
            ("future_timestamp:sent_at", {"sent_at": FUTURE}, "typed"),
            ("invalid_value:sent_at", {"sent_at": "10:00"}, "text"),
        ],
        "after_sales": cascade_orders + [
            ("null_key", {"after_sale_id": None}, "typed"),
            ("null_required:order_id", {"order_id": None}, "typed"),
            ("null_required:shop_id", {"shop_id": None}, "typed"),
            ("null_required:type", {"type": None}, "typed"),
            ("null_required:status", {"status": None}, "typed"),
            ("null_required:applied_at", {"applied_at": None, "merchant_approved_at": None, "completed_at": None},
             "typed"),
            ("invalid_enum:type", {"type": "refund"}, "typed"),
            ("invalid_enum:status", {"after_sale_id": "a_bad_status", "status": "done"}, "typed"),
            ("timestamp_order:completed_at", {"merchant_approved_at": None, "completed_at": ts(4)}, "typed"),
            ("timestamp_order:merchant_approved_at", {"merchant_approved_at": ts(5, 9)}, "typed"),
            ("timestamp_order:refund_approved_at", {"return_signed_at": ts(6, 12), "refund_approved_at": ts(6, 11)},
             "typed"),
            ("future_timestamp:completed_at", {"completed_at": FUTURE}, "typed"),
            ("negative_amount:refund_amount", {"refund_amount": "-5.00"}, "typed"),
            ("invalid_value:refund_amount", {"refund_amount": "¥5"}, "text"),
        ],
        "interventions": cascade_orders + [
            ("null_key", {"intervention_id": None}, "typed"),
            ("null_required:order_id", {"order_id": None}, "typed"),
            ("null_required:shop_id", {"shop_id": None}, "typed"),
            ("null_required:opened_at", {"opened_at": None, "decided_at": None}, "typed"),
            ("invalid_enum:responsible_party", {"responsible_party": "seller"}, "typed"),
            ("invalid_enum:round", {"round": "3"}, "typed"),
            ("unknown_after_sale:after_sale_id", {"after_sale_id": "a404"}, "typed"),
            ("unknown_after_sale:after_sale_id", {"after_sale_id": "a_bad_status"}, "typed"),  # cascade
            ("timestamp_order:decided_at", {"intervention_id": "i_bad_order", "decided_at": ts(7)}, "typed"),
            ("future_timestamp:decided_at", {"decided_at": FUTURE}, "typed"),
            ("invalid_value:round", {"round": "two"}, "text"),
            ("invalid_value:refund_succeeded", {"refund_succeeded": "ok"}, "text"),
        ],
        "appeals": cascade_orders + [
            ("null_key", {"appeal_id": None}, "typed"),
            ("null_required:order_id", {"order_id": None}, "typed"),
            ("null_required:shop_id", {"shop_id": None}, "typed"),
            ("null_required:appeal_type", {"appeal_type": None}, "typed"),
            ("null_required:submitted_at", {"submitted_at": None, "decided_at": None}, "typed"),
            ("null_required:outcome", {"outcome": None}, "typed"),
            ("invalid_enum:appeal_type", {"appeal_type": "responsability"}, "typed"),
            ("invalid_enum:outcome", {"outcome": "won"}, "typed"),
            ("unknown_intervention:intervention_id", {"intervention_id": "i404"}, "typed"),
            ("unknown_intervention:intervention_id", {"intervention_id": "i_bad_order"}, "typed"),  # cascade
            ("timestamp_order:decided_at", {"decided_at": ts(9)}, "typed"),
            ("future_timestamp:decided_at", {"decided_at": FUTURE}, "typed"),
        ],
        "complaints": cascade_orders + [
            ("null_key", {"complaint_id": None}, "typed"),
            ("null_required:shop_id", {"shop_id": None}, "typed"),
            ("null_required:created_at", {"created_at": None, "decided_at": None}, "typed"),
            ("null_required:status", {"status": None}, "typed"),
            ("invalid_enum:status", {"status": "closed"}, "typed"),
            ("timestamp_order:decided_at", {"decided_at": ts(7)}, "typed"),
            ("future_timestamp:created_at", {"created_at": FUTURE, "decided_at": None}, "typed"),
        ],
        "tickets": cascade_orders + [
            ("null_key", {"ticket_id": None}, "typed"),
            ("null_required:shop_id", {"shop_id": None}, "typed"),
            ("null_required:created_at", {"created_at": None}, "typed"),
            ("null_required:due_at", {"due_at": None}, "typed"),
            ("timestamp_order:due_at", {"due_at": ts(7)}, "typed"),
            ("timestamp_order:completed_at", {"completed_at": ts(7, 23)}, "typed"),
            ("future_timestamp:completed_at", {"completed_at": FUTURE}, "typed"),
        ],
        "reviews": cascade_orders + [
            ("null_key", {"review_id": None}, "typed"),
            ("null_required:order_id", {"order_id": None}, "typed"),
            ("null_required:shop_id", {"shop_id": None}, "typed"),
            ("null_required:is_first_review", {"is_first_review": None}, "typed"),
            ("null_required:product_rating", {"product_rating": None}, "typed"),
            ("null_required:created_at", {"created_at": None}, "typed"),
            ("future_timestamp:created_at", {"created_at": FUTURE}, "typed"),
            ("rating_out_of_range:product_rating", {"product_rating": "0"}, "typed"),
            ("rating_out_of_range:service_rating", {"service_rating": "6"}, "typed"),
            ("rating_out_of_range:logistics_rating", {"logistics_rating": "-1"}, "typed"),
            ("invalid_value:product_rating", {"product_rating": "five"}, "text"),
        ],
        "malicious_buyers": [
            ("null_key", {"buyer_id": None}, "typed"),
            ("null_required:flagged_at", {"flagged_at": None}, "typed"),
            ("future_timestamp:flagged_at", {"flagged_at": FUTURE}, "typed"),
            ("invalid_value:flagged_at", {"flagged_at": "last week"}, "text"),
        ],
        "program_enrollments": [
            ("null_key", {"shop_id": None}, "typed"),
            ("null_key", {"program": None}, "typed"),
            ("null_key", {"enrolled_at": None}, "typed"),
            ("invalid_enum:program", {"program": "billion"}, "typed"),
            ("unknown_shop:shop_id", {"shop_id": "s404"}, "typed"),
            ("timestamp_order:exited_at", {"exited_at": "2026-08-01 00:00:00"}, "typed"),
            ("future_timestamp:enrolled_at", {"enrolled_at": FUTURE}, "typed"),
            ("invalid_value:exited_at", {"exited_at": "never"}, "text"),
        ],
    }


# Rows with two defects: the first in the documented order (macros/staging/platform_checked.sql) wins.
TWO_DEFECTS: dict[str, list[tuple[str, Row, str]]] = {
    "orders": [
        ("invalid_value:amount", {"amount": "n/a", "shop_id": None}, "text"),
        ("null_required:shop_id", {"shop_id": None, "amount": "-1.00"}, "typed"),
        ("unknown_shop:shop_id", {"shop_id": "s404", "created_at": FUTURE, "paid_at": None, "grouped_at": None},
         "typed"),
        ("timestamp_order:paid_at", {"paid_at": ts(1, 9), "grouped_at": None, "cancelled_at": FUTURE}, "typed"),
        ("future_timestamp:cancelled_at", {"cancelled_at": FUTURE, "amount": "-1.00"}, "typed"),
    ],
    "after_sales": [
        ("null_required:type", {"type": None, "status": "done"}, "typed"),
        ("invalid_enum:type", {"type": "repair", "order_id": "o404"}, "typed"),
        ("unknown_order:order_id", {"order_id": "o404", "shop_id": "s2"}, "typed"),
        ("shop_mismatch:shop_id", {"order_id": "o16", "completed_at": ts(4), "merchant_approved_at": None},
         "typed"),
        ("timestamp_order:completed_at", {"completed_at": ts(4), "merchant_approved_at": None,
                                          "refund_amount": "-1.00"}, "typed"),
    ],
    "reviews": [
        ("future_timestamp:created_at", {"created_at": FUTURE, "product_rating": "9"}, "typed"),
        ("rating_out_of_range:product_rating", {"product_rating": "0", "service_rating": "0"}, "typed"),
    ],
    "help_requests": [
        ("shop_mismatch:shop_id", {"order_id": "o16", "created_at": FUTURE}, "typed"),
    ],
}


def later_duplicates() -> dict[str, list[Row]]:
    """Later copies of clean keys with different values: they lose to the first copy (duplicate_key)."""
    clean = clean_rows()
    duplicates: dict[str, list[Row]] = {}
    for table in TABLES:
        first = dict(clean[table][0])
        changed = next(c for c, _ in RAW_CONTRACT[table] if c not in KEYS[table])
        first[changed] = None  # even a "worse" later copy must not replace the first
        duplicates[table] = [first]
    return duplicates


def _fill_bad(table: str, index: int, overrides: Row) -> Row:
    """Template + a fresh key + overrides (an override of None makes the column NULL)."""
    row = dict(TEMPLATES[table])
    if table == "shipments":
        row["order_id"] = f"o{20 + index}"  # each shipment needs its own clean order (o20..o30)
    elif table == "program_enrollments":
        row["enrolled_at"] = f"2026-09-{index + 2:02d} 00:00:00"
    elif table == "malicious_buyers":
        row["buyer_id"] = f"bad_buyer_{index}"
    else:
        row[KEYS[table][0]] = f"bad_{table}_{index}"
    row.update(overrides)
    return row


def _write_text_file(folder: Path, rows: list[Row], columns: list[str]) -> None:
    """One Parquet file whose columns are all VARCHAR (a sender that ignores the contract types)."""
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        con.execute(f"create table t ({', '.join(f'{c} varchar' for c in columns)})")
        con.executemany(f"insert into t values ({', '.join('?' for _ in columns)})",
                        [[r.get(c) for c in columns] for r in rows])
        con.execute(f"copy t to '{folder / 'part-2-text.parquet'}' (format parquet)")
    finally:
        con.close()


def write_dataset(raw: Path) -> dict[str, list[tuple[str, Row]]]:
    """Write clean + bad rows for every table; return (expected reason, row) of every bad row per table.

    Per table: part-0.parquet (clean rows, then a same-file later copy of the first clean key, then the
    typed bad rows), part-1.parquet (a later copy of a clean key), part-2-text.parquet (all VARCHAR:
    the rows with values that do not cast, plus one clean row).
    The orders of shop s2 sit in a dt= folder: hive folders are read, their names are not data.
    """
    clean = clean_rows()
    bad = bad_rows()
    expected: dict[str, list[tuple[str, Row]]] = {}
    for table in TABLES:
        columns = [c for c, _ in RAW_CONTRACT[table]]
        rows_typed = [dict(r) for r in clean[table]]
        if table == "orders":
            in_dt = [r for r in rows_typed if r["shop_id"] == "s2"]
            rows_typed = [r for r in rows_typed if r["shop_id"] != "s2"]
            (raw / table / "dt=2026-10-01").mkdir(parents=True)
            write_raw_table(raw, table, in_dt, file_name="dt=2026-10-01/part-0.parquet")
        text_rows: list[Row] = []
        if any(kind == "text" for _, _, kind in bad[table]) and len(rows_typed) > 1:
            # a clean row sent as VARCHAR text casts and stages like any other
            text_rows.append(rows_typed.pop())
        same_file_copy = dict(clean[table][0])
        same_file_copy[EXPECTED] = "duplicate_key"
        rows_typed.append(same_file_copy)
        expected[table] = [("duplicate_key", same_file_copy)]
        for index, (reason, overrides, kind) in enumerate(bad[table] + TWO_DEFECTS.get(table, [])):
            row = _fill_bad(table, index, overrides)
            row[EXPECTED] = reason
            (rows_typed if kind == "typed" else text_rows).append(row)
            expected[table].append((reason, row))
        write_raw_table(raw, table, rows_typed, file_name="part-0.parquet", extra_columns=[EXPECTED])
        later = [dict(r, **{EXPECTED: "duplicate_key"}) for r in later_duplicates()[table]]
        write_raw_table(raw, table, later, file_name="part-1.parquet", extra_columns=[EXPECTED])
        expected[table] += [("duplicate_key", r) for r in later]
        if text_rows:
            _write_text_file(raw / table, text_rows, columns + [EXPECTED])
    return expected


# --- fixtures -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, dbt_build) -> Iterator[tuple[Path, Path, dict]]:
    raw = tmp_path_factory.mktemp("staging_raw")
    expected = write_dataset(raw)
    db = dbt_build(raw, "staging", args=SELECT, load_cutoff_at=CUTOFF)
    yield raw, db, expected


def _raw_count(raw: Path, table: str) -> int:
    con = duckdb.connect()
    try:
        return con.execute(
            f"select count(*) from read_parquet('{raw}/{table}/**/*.parquet', union_by_name = true,"
            " hive_partitioning = false)"
        ).fetchone()[0]
    finally:
        con.close()


# --- tests --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("table", TABLES)
def test_every_bad_row_is_quarantined_with_its_reason(built, table: str) -> None:
    _, db, expected = built
    rejected = query(db, "select reason, raw_row from quarantine.rejected_rows where table_name = ?", [table])
    raw_rows = [json.loads(raw_row) for _, raw_row in rejected]
    # raw_row is the row as sent: exactly the file's columns (the contract's plus the extra one)
    assert {tuple(r) for r in raw_rows} <= {tuple(c for c, _ in RAW_CONTRACT[table]) + (EXPECTED,)}
    got = sorted((reason, raw[EXPECTED]) for (reason, _), raw in zip(rejected, raw_rows))
    # every rejected row was planted as bad, with exactly the reason it got
    assert [(r, e) for r, e in got if r != e] == []
    assert sorted(r for r, _ in got) == sorted(reason for reason, _ in expected[table])


def test_every_kind_of_defect_is_exercised(built) -> None:
    """The dataset really covers each reason code of docs/DESIGN.md."""
    _, db, _ = built
    codes = {r[0] for r in query(db, "select distinct split_part(reason, ':', 1) from quarantine.rejected_rows")}
    assert codes == {
        "null_key", "duplicate_key", "null_required", "invalid_value", "invalid_enum", "unknown_shop",
        "unknown_order", "unknown_category", "unknown_after_sale", "unknown_intervention", "shop_mismatch",
        "timestamp_order", "future_timestamp", "negative_amount", "rating_out_of_range",
    }


@pytest.mark.parametrize("table", TABLES)
def test_raw_rows_equal_staged_plus_quarantined(built, table: str) -> None:
    raw, db, expected = built
    staged = query(db, f"select count(*) from staging.stg_platform__{table}")[0][0]
    quarantined = query(db, "select count(*) from quarantine.rejected_rows where table_name = ?", [table])[0][0]
    assert staged == len(clean_rows()[table])
    assert quarantined == len(expected[table])
    assert _raw_count(raw, table) == staged + quarantined


@pytest.mark.parametrize("table", TABLES)
def test_clean_rows_are_staged_unchanged(built, table: str) -> None:
    _, db, _ = built
    columns = [c for c, _ in RAW_CONTRACT[table]]
    staged_names = [RENAMED.get((table, c), c) for c in columns]
    select = ", ".join(f"cast({c} as varchar)" for c in staged_names)
    staged = {tuple(r) for r in query(db, f"select {select} from staging.stg_platform__{table}")}
    sent = {tuple(row.get(c) for c in columns) for row in clean_rows()[table]}
    assert staged == sent


def test_staging_columns_and_types_follow_the_design(built) -> None:
    _, db, _ = built
    shops = query(db, "select column_name, data_type from information_schema.columns"
                      " where table_schema = 'staging' and table_name = 'stg_platform__shops' order by ordinal_position")
    assert shops == [("shop_id", "VARCHAR"), ("shop_name", "VARCHAR"), ("category_id", "VARCHAR"),
                     ("shop_status", "VARCHAR"), ("opened_date", "DATE")]
    enrollments = query(db, "select enrollment_id, shop_id, program, enrolled_at from"
                            " staging.stg_platform__program_enrollments order by enrolled_at")
    for enrollment_id, shop_id, program, enrolled_at in enrollments:
        text = f"{shop_id}|{program}|{enrolled_at:%Y-%m-%d %H:%M:%S}"
        assert enrollment_id == hashlib.md5(text.encode()).hexdigest()


def test_chinese_text_arrives_byte_identical(built) -> None:
    _, db, _ = built
    shops = dict(query(db, "select shop_id, shop_name from staging.stg_platform__shops"))
    categories = dict(query(db, "select category_id, category_name from staging.stg_platform__categories"))
    assert shops == {r["shop_id"]: r["shop_name"] for r in clean_rows()["shops"]}
    assert categories == {r["category_id"]: r["category_name"] for r in clean_rows()["categories"]}
    assert shops["s2"].encode("utf-8") == "数码😀专营店".encode("utf-8")
    # the quarantine keeps the raw text too
    raw_rows = [json.loads(r[0]) for r in query(
        db, "select raw_row from quarantine.rejected_rows where table_name = 'categories' and row_key = 'c_orphan'")]
    assert raw_rows[0]["category_name"] == "坏类目"


def test_first_copy_wins_and_quarantine_names_the_later_copy(built) -> None:
    raw, db, _ = built
    # the first clean order o1 was sent again in part-1.parquet with shop_id NULL: staging keeps the first
    assert query(db, "select shop_id from staging.stg_platform__orders where order_id = 'o1'") == [("s1",)]
    rows = query(db, "select source_file, source_row_number from quarantine.rejected_rows"
                     " where table_name = 'orders' and reason = 'duplicate_key' order by source_file")
    # source_file is relative to raw_data_dir (issue #9: the loaded-files log survives a moved folder)
    assert rows[-1] == ("orders/part-1.parquet", 0)


def test_unclassified_reason_code_is_staged_and_warned(built) -> None:
    _, db, _ = built
    assert query(db, "select reason_code from staging.stg_platform__help_requests where request_id = 'h3'") == [
        ("weird_new_code",)]
    results = json.loads((db.parent / "target" / "run_results.json").read_text())["results"]
    warn = [r for r in results if "assert_help_reason_codes_are_classified" in r["unique_id"]]
    assert len(warn) == 1 and warn[0]["status"] == "warn" and warn[0]["failures"] == 1


def _copy_clean(raw: Path) -> None:
    for table, rows in clean_rows().items():
        write_raw_table(raw, table, rows)


def test_missing_table_folder_stops_the_build_naming_it(tmp_path: Path, dbt_build) -> None:
    raw = tmp_path / "raw"
    _copy_clean(raw)
    for f in (raw / "tickets").iterdir():
        f.unlink()
    (raw / "tickets").rmdir()
    with pytest.raises(DbtError) as failure:
        dbt_build(raw, "missing", args=SELECT)
    message = str(failure.value)
    assert f"{raw}/tickets/**/*.parquet" in message
    assert "raw_data_dir" in message and "shopscore generate" in message


def test_corrupt_parquet_file_stops_the_build_naming_it(tmp_path: Path, dbt_build) -> None:
    raw = tmp_path / "raw"
    _copy_clean(raw)
    corrupt = raw / "reviews" / "dt=2026-10-08" / "part-9.parquet"
    corrupt.parent.mkdir(parents=True)
    corrupt.write_bytes(b"PAR1 this is not a parquet file at all PAR0")
    with pytest.raises(DbtError) as failure:
        dbt_build(raw, "corrupt", args=SELECT)
    assert str(corrupt) in str(failure.value)


def test_empty_parquet_file_stops_the_build_naming_it(tmp_path: Path, dbt_build) -> None:
    raw = tmp_path / "raw"
    _copy_clean(raw)
    empty = raw / "orders" / "part-9.parquet"
    empty.write_bytes(b"")
    with pytest.raises(DbtError) as failure:
        dbt_build(raw, "empty", args=SELECT)
    assert str(empty) in str(failure.value)
    assert "raw_data_dir" in str(failure.value)


# --- generated data with planted bad rows -------------------------------------------------------------

PLANTED = "_planted_defect"


# Rows outside partitions are checked against this cut-off: after every clean timestamp, before the
# generator's planted year-2099 ones.
GENERATED_CUTOFF = "2090-01-01 00:00:00"


def _flatten_partitions(raw: Path) -> None:
    """Move every `dt=` file up into its table folder (`dt=D/part-0.parquet` -> `dt_D-part-0.parquet`).

    The generator's non-daily output puts each row's FINAL state in its creation-date partition, which
    the per-partition load cut-off of SPEC §11 would reject (a shipment signed days after its dt). This
    test is about the planted defects, so it reads the clean rows as one snapshot outside partitions, which
    is what the data is; versions and partitions are tested in test_staging_incremental.py.
    """
    for part in sorted(raw.glob("*/dt=*/*.parquet")):
        part.rename(part.parent.parent / f"{part.parent.name.replace('=', '_')}-{part.name}")
    for folder in sorted(raw.glob("*/dt=*")):
        folder.rmdir()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory, dbt_build) -> tuple[Path, Path]:
    """A small generated dataset with the generator's planted bad rows (`--bad-rows`), built."""
    from shopscore.generate import GeneratorConfig, generate

    raw = tmp_path_factory.mktemp("staging_generated")
    generate(raw, GeneratorConfig(shops=60, days=60, seed=7, bad_rows=True), progress=False)
    _flatten_partitions(raw)
    return raw, dbt_build(raw, "staging_generated", args=SELECT, load_cutoff_at=GENERATED_CUTOFF)


def test_every_planted_row_is_quarantined_with_exactly_its_reason(generated) -> None:
    raw, db = generated
    con = duckdb.connect()
    try:
        planted = con.execute(
            f"""
            select substr(filename, {len(str(raw)) + 2}), file_row_number, {PLANTED}
            from read_parquet('{raw}/*/**/*.parquet', union_by_name = true, hive_partitioning = false,
                              filename = true, file_row_number = true)
            where {PLANTED} is not null
            """
        ).fetchall()
    finally:
        con.close()
    rejected = query(db, "select source_file, source_row_number, reason from quarantine.rejected_rows")
    assert len(planted) > 50
    # the same rows (by file and row number), with the same reasons: no planted row missed, no clean row taken
    assert sorted(rejected) == sorted(planted)


def test_generated_raw_rows_equal_staged_plus_quarantined(generated) -> None:
    raw, db = generated
    for table in TABLES:
        staged = query(db, f"select count(*) from staging.stg_platform__{table}")[0][0]
        quarantined = query(db, "select count(*) from quarantine.rejected_rows where table_name = ?", [table])[0][0]
        assert staged > 0, table
        # one snapshot, no partitions: no row has a later version, so none is superseded
        assert _raw_count(raw, table) == staged + quarantined, table
        counts = query(db, "select rows_read, rows_staged, rows_superseded, rows_quarantined"
                           " from audit.audit_raw_row_counts where table_name = ?", [table])
        assert counts == [(_raw_count(raw, table), staged, 0, quarantined)], table
