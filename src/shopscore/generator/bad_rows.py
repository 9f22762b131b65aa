"""`--bad-rows`: plant every kind of bad row of SPEC §9 that applies to each table (docs/DESIGN.md reasons).

Each bad row breaks exactly one rule, so the reason staging gives it is known in advance; it is written
in the extra VARCHAR column `_planted_defect`. Bad rows live in `<table>/zz_bad_rows/`, which sorts after
the clean files, so for `duplicate_key` the clean (first) copy wins. Every other bad row has a fresh key
(`xbad-...`) and references only clean rows, never another bad row: quarantining them all leaves the
clean data, and so every published score, unchanged.

Rows whose defect is a value that does not cast (`invalid_value`) go in `part-1-text.parquet`, whose
columns are all VARCHAR; the others in `part-0.parquet`, typed by the contract.

With `--daily` (SPEC §11) the bad rows of every partitioned table go INTO partitions instead, as
`<table>/dt=YYYY-MM-DD/zz_bad_rows-part-0.parquet` (and `zz_bad_rows-part-1-text.parquet`), which sort
after the partition's clean `part-*.parquet`; categories and shops keep `zz_bad_rows/` (they are
snapshots outside partitions). Templates and originals are then the LATEST version of a key. The
`duplicate_key` copy goes into the partition of the clean version it copies (two rows with one key in
ONE partition); every other bad row into the first partition that already holds what the row needs, so
that it breaks its one rule only: the date of its latest timestamp (a 2099 `future_timestamp` value and
values that do not parse excepted) and of the first partition of every clean parent it references
(order, after-sale, intervention), so an incremental load already has those parents.

The required columns, enums and timestamp rules mirror SPEC §2/§9 as the staging models check them
(models/staging/platform/base/*_checked.sql); reasons name the RAW column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa

from shopscore.contract import RAW_CONTRACT, select_list
from shopscore.generator.daily import SNAPSHOT_TABLES
from shopscore.generator.sql import Params
from shopscore.sqltext import sql_literal

Row = dict[str, str | None]
Mutator = Callable[[Row], None]
DEFECT_COLUMN = "_planted_defect"
BAD_DIR = "zz_bad_rows"
TYPED_FILE = "part-0.parquet"
TEXT_FILE = "part-1-text.parquet"
FUTURE = "2099-01-01 00:00:00"
# --daily: bad-row files inside a `dt=` partition (after its clean part-*.parquet files).
DAILY_TYPED_FILE = f"{BAD_DIR}-{TYPED_FILE}"
DAILY_TEXT_FILE = f"{BAD_DIR}-{TEXT_FILE}"
# --daily: the file a clean row was read from (an extra key of the row dict; never written).
SOURCE_FILE = "_source_file"
# Parents that are event tables (so arrive in some partition): parent name of PARENTS -> (table, key).
PARENT_TABLES: dict[str, tuple[str, str]] = {
    "order": ("orders", "order_id"), "after_sale": ("after_sales", "after_sale_id"),
    "intervention": ("interventions", "intervention_id"),
}
_PARTITION = re.compile(r"dt=(\d{4}-\d{2}-\d{2})")

KEYS: dict[str, tuple[str, ...]] = {
    "categories": ("category_id",),
    "shops": ("shop_id",),
    "orders": ("order_id",),
    "shipments": ("order_id",),
    "help_requests": ("request_id",),
    "chat_messages": ("message_id",),
    "after_sales": ("after_sale_id",),
    "interventions": ("intervention_id",),
    "appeals": ("appeal_id",),
    "complaints": ("complaint_id",),
    "tickets": ("ticket_id",),
    "reviews": ("review_id",),
    "malicious_buyers": ("buyer_id",),
    "program_enrollments": ("shop_id", "program", "enrolled_at"),
}

REQUIRED: dict[str, tuple[str, ...]] = {
    "shops": ("category_id", "status"),
    "orders": ("shop_id", "created_at"),
    "help_requests": ("shop_id", "channel", "reason_code", "created_at"),
    "chat_messages": ("conversation_id", "shop_id", "buyer_id", "sender_role", "sent_at"),
    "after_sales": ("order_id", "shop_id", "type", "status", "applied_at"),
    "interventions": ("order_id", "shop_id", "opened_at"),
    "appeals": ("order_id", "shop_id", "appeal_type", "outcome", "submitted_at"),
    "complaints": ("shop_id", "status", "created_at"),
    "tickets": ("shop_id", "created_at", "due_at"),
    "reviews": ("order_id", "shop_id", "is_first_review", "product_rating", "created_at"),
    "malicious_buyers": ("flagged_at",),
}

# Values outside the contract's enums (SPEC §2).
BAD_ENUMS: dict[str, dict[str, str]] = {
    "shops": {"status": "suspended"},
    "help_requests": {"channel": "wechat"},
    "chat_messages": {"sender_role": "robot"},
    "after_sales": {"type": "repair", "status": "unknown"},
    "interventions": {"responsible_party": "seller", "round": "3"},
    "appeals": {"appeal_type": "misc", "outcome": "won"},
    "complaints": {"status": "closed"},
    "program_enrollments": {"program": "flash_sale"},
}

# Values that do not cast to the column's contract type (written in the all-VARCHAR file).
BAD_VALUES: dict[str, dict[str, str]] = {
    "shops": {"opened_date": "not-a-date"},
    "orders": {"created_at": "not-a-time", "amount": "abc", "is_presale": "maybe"},
    "shipments": {"signed_at": "not-a-time"},
    "help_requests": {"created_at": "not-a-time"},
    "chat_messages": {"sent_at": "not-a-time"},
    "after_sales": {"applied_at": "not-a-time", "refund_amount": "abc"},
    "interventions": {"round": "two", "opened_at": "not-a-time", "refund_succeeded": "maybe"},
    "appeals": {"submitted_at": "not-a-time"},
    "complaints": {"created_at": "not-a-time"},
    "tickets": {"due_at": "not-a-time"},
    "reviews": {"created_at": "not-a-time", "is_first_review": "maybe", "product_rating": "five"},
    "malicious_buyers": {"flagged_at": "not-a-time"},
    "program_enrollments": {"enrolled_at": "not-a-time", "exited_at": "not-a-time"},
}

# (parent, column) references a row may break; the reason is unknown_<parent>:<column>.
PARENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "categories": (("category", "parent_category_id"),),
    "shops": (("category", "category_id"),),
    "orders": (("shop", "shop_id"),),
    "shipments": (("order", "order_id"),),
    "help_requests": (("shop", "shop_id"), ("order", "order_id")),
    "chat_messages": (("shop", "shop_id"),),
    "after_sales": (("shop", "shop_id"), ("order", "order_id")),
    "interventions": (("shop", "shop_id"), ("order", "order_id"), ("after_sale", "after_sale_id")),
    "appeals": (("shop", "shop_id"), ("order", "order_id"), ("intervention", "intervention_id")),
    "complaints": (("shop", "shop_id"), ("order", "order_id")),
    "tickets": (("shop", "shop_id"), ("order", "order_id")),
    "reviews": (("shop", "shop_id"), ("order", "order_id")),
    "program_enrollments": (("shop", "shop_id"),),
}

# Tables whose shop must equal their order's shop.
SHOP_MATCHED: tuple[str, ...] = ("help_requests", "after_sales", "interventions", "appeals", "complaints",
                                 "tickets", "reviews")

# (later, earlier, which row variant): the later column set before the earlier one.
TIMESTAMP_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "orders": (("paid_at", "created_at"), ("grouped_at", "paid_at"), ("cancelled_at", "created_at")),
    "shipments": (("signed_at", "picked_up_at"), ("signed_at", "shipped_at"), ("received_confirmed_at", "signed_at")),
    "after_sales": (("completed_at", "applied_at"), ("merchant_approved_at", "applied_at"),
                    ("refund_approved_at", "return_signed_at")),
    "interventions": (("decided_at", "opened_at"),),
    "appeals": (("decided_at", "submitted_at"),),
    "complaints": (("decided_at", "created_at"),),
    "tickets": (("due_at", "created_at"), ("completed_at", "created_at")),
    "program_enrollments": (("exited_at", "enrolled_at"),),
}

# The column set to 2099 (the latest of its row, so no order rule breaks with it).
FUTURE_COLUMN: dict[str, str] = {
    "shops": "opened_date",
    "orders": "cancelled_at",
    "shipments": "received_confirmed_at",
    "help_requests": "created_at",
    "chat_messages": "sent_at",
    "after_sales": "completed_at",
    "interventions": "decided_at",
    "appeals": "decided_at",
    "complaints": "decided_at",
    "tickets": "completed_at",
    "reviews": "created_at",
    "malicious_buyers": "flagged_at",
    "program_enrollments": "exited_at",
}

NEGATIVE_AMOUNTS: dict[str, str] = {"orders": "amount", "after_sales": "refund_amount"}
RATINGS: dict[str, dict[str, str]] = {
    "reviews": {"product_rating": "6", "service_rating": "0", "logistics_rating": "9"},
}

# A content column changed in the duplicate copy (so the copy differs from the row it duplicates).
DUPLICATE_CHANGE: dict[str, tuple[str, tuple[str | None, str | None]]] = {
    "categories": ("category_name", ("重复类目", "重复类目二")),
    "shops": ("shop_name", ("重复店铺", "重复店铺二")),
    "orders": ("amount", ("99999.99", "88888.88")),
    "shipments": ("carrier", ("重复快递", "重复快递二")),
    "help_requests": ("reason_code", ("wrong_item", "odor")),
    "chat_messages": ("sent_at", ("2026-01-01 00:00:00", "2026-01-02 00:00:00")),
    "after_sales": ("reason_code", ("other", "changed_mind")),
    "interventions": ("responsible_party", ("platform", "buyer")),
    "appeals": ("appeal_type", ("other", "freight")),
    "complaints": ("status", ("established", "not_established")),
    "tickets": ("completed_at", (None, "2026-01-01 00:00:00")),
    "reviews": ("product_rating", ("3", "4")),
    "malicious_buyers": ("reason", ("重复标记", "重复标记二")),
    "program_enrollments": ("exited_at", (None, "2026-01-01 00:00:00")),
}


# Templates are the earliest rows, so that template + a few hours stays before the load cut-off.
MAIN_TIMESTAMP: dict[str, str] = {
    "orders": "created_at", "shipments": "shipped_at", "help_requests": "created_at", "chat_messages": "sent_at",
    "after_sales": "applied_at", "interventions": "opened_at", "appeals": "submitted_at",
    "complaints": "created_at", "tickets": "created_at", "reviews": "created_at", "malicious_buyers": "flagged_at",
    "program_enrollments": "enrolled_at",
}


def _t(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _s(value: datetime) -> str:
    return value.isoformat(sep=" ")


def _shift(value: str, **delta: float) -> str:
    return _s(_t(value) + timedelta(**delta))


class _Source:
    """Reads clean rows back from the written Parquet files (as text) to build bad rows from."""

    def __init__(self, con: duckdb.DuckDBPyConnection, out: Path, daily: bool = False) -> None:
        self.con = con
        self.out = out
        self.daily = daily

    def relation(self, table: str, first_partitions: int | None = None) -> str:
        """All of a table's clean files, or only its earliest `dt=` partitions (cheap on big data)."""
        folder = self.out / table
        partitions = sorted(p for p in folder.glob("dt=*") if p.is_dir())
        options = "hive_partitioning = false" + (", filename = true" if self.daily else "")
        if first_partitions is None or not partitions:
            return f"read_parquet({sql_literal(f'{folder}/**/*.parquet')}, {options})"
        files = ", ".join(sql_literal(f) for p in partitions[:first_partitions] for f in sorted(p.glob("*.parquet")))
        return f"read_parquet([{files}], {options})"

    def rows(self, table: str, where: str = "true", order: str | None = None, limit: int = 1) -> list[Row]:
        """Clean rows as text, looking in the earliest partitions first and then everywhere.

        With --daily, only the latest version of each key among the files read counts (ties broken by the
        file), and each row carries its file under SOURCE_FILE.
        """
        columns = [name for name, _ in RAW_CONTRACT[table]]
        order_by = order or ", ".join(KEYS[table])
        found: list[Row] = []
        casts = ", ".join(f"cast({c} as varchar) as {c}" for c in columns)
        for first_partitions in (3, None):
            relation = self.relation(table, first_partitions)
            if self.daily:
                latest = (f"(select *, row_number() over (partition by {', '.join(KEYS[table])} "
                          f"order by filename desc) as _version from {relation})")
                cur = self.con.execute(
                    f"select {casts}, filename from {latest} where _version = 1 and ({where}) "
                    f"order by {order_by}, filename limit {limit}"
                )
                found = [dict(zip([*columns, SOURCE_FILE], row)) for row in cur.fetchall()]
            else:
                cur = self.con.execute(
                    f"select {casts} from {relation} where {where} order by {order_by} limit {limit}"
                )
                found = [dict(zip(columns, row)) for row in cur.fetchall()]
            if len(found) == limit:
                break
        return found

    def one(self, table: str, where: str = "true") -> Row:
        """The earliest clean row (by its main timestamp, then key) matching `where`, else any row."""
        order = f"{MAIN_TIMESTAMP[table]}, {', '.join(KEYS[table])}" if table in MAIN_TIMESTAMP else None
        found = self.rows(table, where, order)
        if not found:
            found = self.rows(table, order=order)
        if not found:
            raise RuntimeError(f"no clean {table} row to build bad rows from: generate more data")
        return found[0]


def _base_rows(src: _Source) -> dict[str, Row]:
    """A fully valid template row per table (references to clean parents, timestamps in order).

    Copies: the caller's originals (for duplicate_key) stay as read.
    """
    order = src.one("orders", "paid_at is not null and grouped_at is not null and cancelled_at is null")
    t0 = order["grouped_at"]
    assert t0 is not None
    base: dict[str, Row] = {
        "categories": src.one("categories", "parent_category_id is not null"),
        "shops": src.one("shops", "status = 'active'"),
        "orders": order,
        "shipments": {
            "order_id": None, "shipped_at": _shift(t0, hours=5), "picked_up_at": _shift(t0, hours=8),
            "signed_at": _shift(t0, hours=50), "received_confirmed_at": _shift(t0, hours=80), "carrier": "中通快递",
        },
    }
    for table, where in (
        ("help_requests", "order_id is not null"),
        ("chat_messages", "true"),
        ("after_sales", "true"),
        ("interventions", "after_sale_id is not null"),
        ("appeals", "intervention_id is not null"),
        ("complaints", "order_id is not null"),
        ("tickets", "order_id is not null"),
        ("reviews", "true"),
        ("malicious_buyers", "true"),
        ("program_enrollments", "true"),
    ):
        base[table] = dict(src.one(table, where))
    # Timestamps made complete and in order, whatever the template had.
    a = base["after_sales"]
    applied = a["applied_at"]
    assert applied is not None
    a.update(type="return_refund", status="completed", merchant_approved_at=_shift(applied, hours=2),
             return_signed_at=_shift(applied, days=2), refund_approved_at=_shift(applied, days=2, hours=3),
             completed_at=_shift(applied, days=2, hours=4), refund_amount="10.00")
    for table, start, end in (("interventions", "opened_at", "decided_at"), ("appeals", "submitted_at", "decided_at"),
                              ("complaints", "created_at", "decided_at")):
        row = base[table]
        assert row[start] is not None
        row[end] = _shift(row[start], hours=20)
    base["interventions"].update(responsible_party="merchant", refund_succeeded="true")
    base["appeals"]["outcome"] = "rejected"
    base["complaints"]["status"] = "established"
    tk = base["tickets"]
    assert tk["created_at"] is not None
    tk.update(due_at=_shift(tk["created_at"], hours=24), completed_at=_shift(tk["created_at"], hours=3))
    base["reviews"].update(product_rating="4", service_rating="5", logistics_rating="3")
    pe = base["program_enrollments"]
    assert pe["enrolled_at"] is not None
    pe["exited_at"] = _shift(pe["enrolled_at"], days=10)
    return base


def _timestamp_mutator(table: str, later: str, earlier: str, base: Row) -> Mutator:
    """Set `later` one hour before `earlier`, clearing columns that would break another rule first."""

    def mutate(row: Row) -> None:
        if table == "orders" and later == "paid_at":
            row.update(grouped_at=None, cancelled_at=None)
        if table == "orders" and later == "cancelled_at":
            row.update(paid_at=None, grouped_at=None)
        if table == "shipments" and earlier == "shipped_at":
            row["picked_up_at"] = None
        if table == "tickets" and later == "due_at":
            row["completed_at"] = None
        reference = row[earlier] or base[earlier]
        assert reference is not None
        row[later] = _shift(reference, hours=-1)

    return mutate


def _defects(table: str, base: Row, other_shop: str, spare_orders: list[str]) -> list[tuple[str, Mutator, bool]]:
    """(reason, mutation of a fresh-key copy of the base row, goes in the text file) for one table."""
    out: list[tuple[str, Mutator, bool]] = []

    def setter(**values: str | None) -> Mutator:
        return lambda row: row.update(values)

    for column, value in BAD_VALUES.get(table, {}).items():
        out.append((f"invalid_value:{column}", setter(**{column: value}), True))
    for column in REQUIRED.get(table, ()):
        out.append((f"null_required:{column}", setter(**{column: None}), False))
    for column, value in BAD_ENUMS.get(table, {}).items():
        out.append((f"invalid_enum:{column}", setter(**{column: value}), False))
    for parent, column in PARENTS.get(table, ()):
        if table == "shipments":
            continue  # its key is its order: planted separately with a fresh unknown order id
        out.append((f"unknown_{parent}:{column}", setter(**{column: f"xbad-{parent}"}), False))
    if table in SHOP_MATCHED:
        out.append(("shop_mismatch:shop_id", setter(shop_id=other_shop), False))
    for later, earlier in TIMESTAMP_RULES.get(table, ()):
        out.append((f"timestamp_order:{later}", _timestamp_mutator(table, later, earlier, base), False))
    if table in FUTURE_COLUMN:
        column = FUTURE_COLUMN[table]
        out.append((f"future_timestamp:{column}", setter(**{column: FUTURE[:10] if column == "opened_date"
                                                            else FUTURE}), False))
    if table in NEGATIVE_AMOUNTS:
        out.append((f"negative_amount:{NEGATIVE_AMOUNTS[table]}", setter(**{NEGATIVE_AMOUNTS[table]: "-12.50"}),
                    False))
    for column, value in RATINGS.get(table, {}).items():
        out.append((f"rating_out_of_range:{column}", setter(**{column: value}), False))
    return out


def _fresh_key(table: str, row: Row, n: int, spare_orders: list[str]) -> None:
    """Give a bad row a key no clean row has (shipments: an order without a shipment)."""
    if table == "shipments":
        if n >= len(spare_orders):
            raise RuntimeError("too few orders without a shipment to plant shipment bad rows: generate more data")
        row["order_id"] = spare_orders[n]
    elif table == "program_enrollments":
        enrolled = row["enrolled_at"]
        assert enrolled is not None
        row["enrolled_at"] = _shift(enrolled, seconds=n + 1)
    else:
        row[KEYS[table][0]] = f"xbad-{table}-{n:03d}"
    if table == "chat_messages":
        row["conversation_id"] = f"xbad-conversation-{n:03d}"


def bad_rows_for(table: str, base: Row, original: Row, other_shop: str,
                 spare_orders: list[str]) -> list[tuple[Row, str, bool]]:
    """Every planted bad row of one table: (row, expected reason, is a text-file row).

    `base` is a valid row to derive fresh-key rows from; `original` a clean row as written (duplicated).
    """
    rows: list[tuple[Row, str, bool]] = []
    null_key = dict(base)
    null_key[KEYS[table][0]] = None
    rows.append((null_key, "null_key", False))
    duplicate = dict(original)
    column, choices = DUPLICATE_CHANGE[table]
    duplicate[column] = choices[0] if original[column] != choices[0] else choices[1]
    rows.append((duplicate, "duplicate_key", False))
    for n, (reason, mutate, is_text) in enumerate(_defects(table, base, other_shop, spare_orders)):
        row = dict(base)
        _fresh_key(table, row, n, spare_orders)
        mutate(row)
        rows.append((row, reason, is_text))
    if table == "shipments":
        unknown = dict(base)
        unknown["order_id"] = "xbad-order"
        rows.append((unknown, "unknown_order:order_id", False))
    return rows


def _write(con: duckdb.DuckDBPyConnection, path: Path, table: str, rows: list[Row], typed: bool) -> None:
    """One Parquet file of bad rows: contract columns (typed, or all VARCHAR) plus `_planted_defect`."""
    names = [name for name, _ in RAW_CONTRACT[table]] + [DEFECT_COLUMN]
    data = {"_n": pa.array(range(len(rows)), pa.int32())}
    data.update({n: pa.array([row.get(n) for row in rows], pa.string()) for n in names})
    con.register("bad_rows_tmp", pa.table(data))
    columns = select_list(table) if typed else ", ".join(n for n in names[:-1])
    con.execute("set threads = 1")
    con.execute("set preserve_insertion_order = true")
    try:
        con.execute(f"copy (select {columns}, {DEFECT_COLUMN} from bad_rows_tmp order by _n) "
                    f"to {sql_literal(path)} (format parquet)")
    finally:
        con.execute("reset threads")
    con.unregister("bad_rows_tmp")


def _partition_of(path: str | None) -> date | None:
    """The date of the `dt=` partition a file path lies in (None outside partitions)."""
    found = _PARTITION.search(path or "")
    return date.fromisoformat(found.group(1)) if found else None


def _timestamp_dates(table: str, row: Row) -> list[date]:
    """Dates of the row's timestamps that parse, except planted 2099 values."""
    dates = []
    for name, kind in RAW_CONTRACT[table]:
        value = row.get(name)
        if kind != "TIMESTAMP" or value is None or value.startswith(FUTURE[:4]):
            continue
        try:
            dates.append(_t(value).date())
        except ValueError:
            continue  # an invalid_value row: the value does not parse
    return dates


def _first_partitions(con: duckdb.DuckDBPyConnection, out: Path,
                      planted: dict[str, list[tuple[Row, str, bool]]]) -> dict[str, dict[str, date]]:
    """--daily: per parent table, the first partition of every clean key a bad row references."""
    wanted: dict[str, set[str]] = {table: set() for table, _ in PARENT_TABLES.values()}
    for table, rows in planted.items():
        for parent, column in PARENTS.get(table, ()):
            if parent in PARENT_TABLES:
                wanted[PARENT_TABLES[parent][0]] |= {str(row[column]) for row, _, _ in rows if row.get(column)}
    found: dict[str, dict[str, date]] = {}
    for parent_table, key in PARENT_TABLES.values():
        keys = sorted(wanted[parent_table])
        found[parent_table] = {}
        if not keys:
            continue
        files = sql_literal(f"{out / parent_table}/dt=*/part-*.parquet")
        cur = con.execute(
            f"select {key}, min(filename) from read_parquet({files}, hive_partitioning = false, filename = true) "
            f"where {key} in ({', '.join(sql_literal(k) for k in keys)}) group by {key}"
        )
        for value, path in cur.fetchall():
            day = _partition_of(path)
            assert day is not None
            found[parent_table][value] = day
    return found


def _daily_partition(table: str, row: Row, reason: str, original: Row, base: Row,
                     first_seen: dict[str, dict[str, date]]) -> date:
    """--daily: the partition a bad row goes in (see the module docstring)."""
    if reason == "duplicate_key":
        day = _partition_of(original.get(SOURCE_FILE))
        assert day is not None, (table, original)
        return day
    dates = _timestamp_dates(table, row) or _timestamp_dates(table, base)
    for parent, column in PARENTS.get(table, ()):
        if parent in PARENT_TABLES and row.get(column) in first_seen[PARENT_TABLES[parent][0]]:
            dates.append(first_seen[PARENT_TABLES[parent][0]][str(row[column])])
    if not dates:
        raise RuntimeError(f"no date to put the planted {table} row ({reason}) in a partition")
    return max(dates)


def plant_bad_rows(con: duckdb.DuckDBPyConnection, out: Path, p: Params, daily: bool = False) -> dict[str, int]:
    """Write `<table>/zz_bad_rows/` for every table (--daily: bad-row files in partitions); return the
    number of bad rows per table."""
    src = _Source(con, out, daily)
    base = _base_rows(src)
    originals = {table: src.one(table) for table in RAW_CONTRACT}
    shops = [r["shop_id"] for r in src.rows("shops", "status = 'active'", limit=2)]
    # Orders that need no shipping never get a shipment: fresh shipment keys that reference a clean order.
    spare_orders = [
        str(r["order_id"]) for r in src.rows("orders", "not requires_shipping", limit=12)
    ]
    planted_by_table: dict[str, list[tuple[Row, str, bool]]] = {}
    for table in RAW_CONTRACT:
        row_shop = base[table].get("shop_id")
        other_shop = next((s for s in shops if s != row_shop), None) or "s-missing"
        planted_by_table[table] = bad_rows_for(table, base[table], originals[table], str(other_shop), spare_orders)
    # Every read is done: only writes from here on (so no bad row is read back as a clean one).
    first_seen = _first_partitions(con, out, planted_by_table) if daily else {}
    counts: dict[str, int] = {}
    for table, planted in planted_by_table.items():
        if daily and table not in SNAPSHOT_TABLES:
            by_day: dict[date, list[tuple[Row, str, bool]]] = {}
            for row, reason, text in planted:
                day = _daily_partition(table, row, reason, originals[table], base[table], first_seen)
                by_day.setdefault(day, []).append((row, reason, text))
            for day, rows in sorted(by_day.items()):
                _write_bad_files(con, out / table / f"dt={day.isoformat()}", table, rows,
                                 DAILY_TYPED_FILE, DAILY_TEXT_FILE)
        else:
            _write_bad_files(con, out / table / BAD_DIR, table, planted, TYPED_FILE, TEXT_FILE)
        counts[table] = len(planted)
    return counts


def _write_bad_files(con: duckdb.DuckDBPyConnection, folder: Path, table: str,
                     planted: list[tuple[Row, str, bool]], typed_name: str, text_name: str) -> None:
    """The typed file (if any row) and the all-VARCHAR file (if any invalid_value row) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    typed_rows = [dict(row, **{DEFECT_COLUMN: reason}) for row, reason, text in planted if not text]
    text_rows = [dict(row, **{DEFECT_COLUMN: reason}) for row, reason, text in planted if text]
    if typed_rows:
        _write(con, folder / typed_name, table, typed_rows, typed=True)
    if text_rows:
        _write(con, folder / text_name, table, text_rows, typed=False)
