"""A tiny accumulator of raw rows that writes all 14 contract tables (empty ones too)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from shopscore.contract import TABLES, write_raw_table


def ts(text: str) -> datetime:
    """'2026-05-20 10:00:00' -> datetime (naive, platform local time)."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S")


def fmt(value: datetime | None) -> str | None:
    """datetime -> the text DuckDB casts to TIMESTAMP."""
    return None if value is None else value.strftime("%Y-%m-%d %H:%M:%S")


class RawBuilder:
    """Collects rows per raw table; write() emits every table of the contract as Parquet."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
        self._seq = 0

    def next_id(self, prefix: str) -> str:
        """A fresh id with the given prefix (message ids and the like)."""
        self._seq += 1
        return f"{prefix}{self._seq:05d}"

    def add(self, table: str, **row: Any) -> dict[str, Any]:
        """Append one row; datetimes are formatted, missing columns are NULL."""
        clean = {key: fmt(val) if isinstance(val, datetime) else val for key, val in row.items()}
        self.rows[table].append(clean)
        return clean

    def category(self, category_id: str, parent: str | None) -> None:
        self.add("categories", category_id=category_id, category_name=f"类目{category_id}", parent_category_id=parent)

    def shop(self, shop_id: str, category_id: str, status: str = "active") -> None:
        self.add("shops", shop_id=shop_id, shop_name=f"店铺{shop_id}", category_id=category_id,
                 opened_date="2025-01-01", status=status)

    def order(
        self,
        order_id: str,
        shop_id: str,
        buyer_id: str,
        *,
        paid_at: datetime,
        grouped_at: datetime | None = None,
        created_at: datetime | None = None,
        is_presale: bool = False,
        requires_shipping: bool = True,
    ) -> None:
        """An order; created 5 minutes before payment unless given."""
        self.add(
            "orders", order_id=order_id, shop_id=shop_id, buyer_id=buyer_id,
            created_at=created_at or paid_at - timedelta(minutes=5), paid_at=paid_at, grouped_at=grouped_at,
            cancelled_at=None, amount="99.00", is_presale=str(is_presale).lower(),
            requires_shipping=str(requires_shipping).lower(),
        )

    def shipment(
        self,
        order_id: str,
        *,
        picked_up_at: datetime | None,
        signed_at: datetime | None = None,
        received_confirmed_at: datetime | None = None,
    ) -> None:
        """A shipment; shipped at the pick-up time (so no timestamp is out of order)."""
        self.add("shipments", order_id=order_id, shipped_at=picked_up_at, picked_up_at=picked_up_at,
                 signed_at=signed_at, received_confirmed_at=received_confirmed_at, carrier="SF")

    def chat(self, conversation_id: str, shop_id: str, buyer_id: str,
             messages: Iterable[tuple[str, str | None, str]]) -> None:
        """Messages of one conversation: (sender_role, agent_id, 'YYYY-MM-DD HH:MM:SS')."""
        for role, agent, sent in messages:
            self.add("chat_messages", message_id=self.next_id("M"), conversation_id=conversation_id,
                     shop_id=shop_id, buyer_id=buyer_id, sender_role=role, agent_id=agent, sent_at=ts(sent))

    def write(self, raw_dir: Path) -> Path:
        """Write every contract table (empty ones included) under raw_dir."""
        for table in TABLES:
            write_raw_table(raw_dir, table, self.rows[table])
        return raw_dir
