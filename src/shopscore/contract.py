"""The raw input contract of SPEC §2: every table's columns and DuckDB types, in one place.

The generator writes these, the test fixtures write these, and the tests check files against them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import duckdb

from shopscore.sqltext import sql_literal

TS = "TIMESTAMP"
VC = "VARCHAR"

RAW_CONTRACT: dict[str, list[tuple[str, str]]] = {
    "categories": [("category_id", VC), ("category_name", VC), ("parent_category_id", VC)],
    "shops": [("shop_id", VC), ("shop_name", VC), ("category_id", VC), ("opened_date", "DATE"), ("status", VC)],
    "orders": [
        ("order_id", VC), ("shop_id", VC), ("buyer_id", VC), ("created_at", TS), ("paid_at", TS),
        ("grouped_at", TS), ("cancelled_at", TS), ("amount", "DECIMAL(12,2)"), ("is_presale", "BOOLEAN"),
        ("requires_shipping", "BOOLEAN"),
    ],
    "shipments": [
        ("order_id", VC), ("shipped_at", TS), ("picked_up_at", TS), ("signed_at", TS),
        ("received_confirmed_at", TS), ("carrier", VC),
    ],
    "help_requests": [
        ("request_id", VC), ("order_id", VC), ("shop_id", VC), ("buyer_id", VC), ("channel", VC),
        ("reason_code", VC), ("created_at", TS),
    ],
    "chat_messages": [
        ("message_id", VC), ("conversation_id", VC), ("shop_id", VC), ("buyer_id", VC), ("sender_role", VC),
        ("agent_id", VC), ("sent_at", TS),
    ],
    "after_sales": [
        ("after_sale_id", VC), ("order_id", VC), ("shop_id", VC), ("type", VC), ("reason_code", VC),
        ("status", VC), ("applied_at", TS), ("merchant_approved_at", TS), ("return_signed_at", TS),
        ("refund_approved_at", TS), ("completed_at", TS), ("refund_amount", "DECIMAL(12,2)"),
    ],
    "interventions": [
        ("intervention_id", VC), ("after_sale_id", VC), ("order_id", VC), ("shop_id", VC), ("round", "INTEGER"),
        ("opened_at", TS), ("decided_at", TS), ("responsible_party", VC), ("refund_succeeded", "BOOLEAN"),
    ],
    "appeals": [
        ("appeal_id", VC), ("order_id", VC), ("intervention_id", VC), ("shop_id", VC), ("appeal_type", VC),
        ("submitted_at", TS), ("decided_at", TS), ("outcome", VC),
    ],
    "complaints": [
        ("complaint_id", VC), ("order_id", VC), ("shop_id", VC), ("buyer_id", VC), ("created_at", TS),
        ("status", VC), ("decided_at", TS),
    ],
    "tickets": [
        ("ticket_id", VC), ("shop_id", VC), ("order_id", VC), ("created_at", TS), ("due_at", TS),
        ("completed_at", TS),
    ],
    "reviews": [
        ("review_id", VC), ("order_id", VC), ("shop_id", VC), ("buyer_id", VC), ("created_at", TS),
        ("is_first_review", "BOOLEAN"), ("product_rating", "INTEGER"), ("service_rating", "INTEGER"),
        ("logistics_rating", "INTEGER"),
    ],
    "malicious_buyers": [("buyer_id", VC), ("flagged_at", TS), ("reason", VC)],
    "program_enrollments": [("shop_id", VC), ("program", VC), ("enrolled_at", TS), ("exited_at", TS)],
}

TABLES: tuple[str, ...] = tuple(RAW_CONTRACT)


def select_list(table: str) -> str:
    """`cast(col as TYPE) as col, ...` for a table, in contract order."""
    return ", ".join(f"cast({name} as {kind}) as {name}" for name, kind in RAW_CONTRACT[table])


def write_raw_table(
    raw_dir: Path,
    table: str,
    rows: Iterable[Mapping[str, Any]],
    *,
    file_name: str = "part-0.parquet",
    extra_columns: Iterable[str] = (),
) -> Path:
    """Write rows (dicts keyed by column; missing keys are NULL) as one contract-typed Parquet file.

    Values are passed as text and cast by DuckDB, so '2026-10-01 08:00:00' works for a TIMESTAMP.
    extra_columns are written as VARCHAR after the contract's (the contract allows extra columns).
    """
    columns = [name for name, _ in RAW_CONTRACT[table]]
    extras = list(extra_columns)
    folder = Path(raw_dir) / table
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    con = duckdb.connect()
    try:
        names = columns + extras
        con.execute(f"create table t ({', '.join(f'{c} varchar' for c in names)})")
        data = [[None if r.get(c) is None else str(r.get(c)) for c in names] for r in rows]
        if data:
            con.executemany(f"insert into t values ({', '.join('?' for _ in names)})", data)
        casts = select_list(table) + "".join(f", {e}" for e in extras)
        con.execute(f"copy (select {casts} from t) to {sql_literal(path)} (format parquet)")
    finally:
        con.close()
    return path
