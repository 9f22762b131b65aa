"""The synthetic platform generator (`shopscore generate`): determinism, contract, bad rows, edge cases.

Expected values come from SPEC §2/§9 and docs/DESIGN.md written out by hand here, not from the
generator's own tables: the defect lists, the reason taxonomy, the timestamp rules and the enums below
are a second copy that the generated files must agree with.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from shopscore.contract import RAW_CONTRACT
from shopscore.generate import GeneratorConfig, generate

END = date(2026, 10, 31)
SMALL = dict(shops=80, days=60, orders=None, end_date=END)
PARTITIONED = {"orders", "shipments", "help_requests", "chat_messages", "after_sales", "interventions", "appeals",
               "complaints", "tickets", "reviews"}

# SPEC §2 help reason taxonomy (routine codes are ordinary questions).
TAXONOMY = {
    "quality_defect", "not_as_described", "wrong_item", "missing_parts", "size_mismatch", "odor", "damaged_item",
    "late_shipment", "urge_shipment", "out_of_stock", "shipping_info_error",
    "logistics_stalled", "not_received", "signed_not_received", "damaged_in_transit", "courier_attitude",
    "merchant_attitude", "refund_dispute", "invoice_issue",
    "install_howto", "when_ship", "usage_question", "presale_question",
}
ROUTINE = {"install_howto", "when_ship", "usage_question", "presale_question"}

# SPEC §2 enums.
ENUMS = {
    ("shops", "status"): {"active", "closed"},
    ("help_requests", "channel"): {"merchant_chat", "after_sale", "platform_intervention", "platform_cs_online",
                                   "platform_cs_hotline", "complaint"},
    ("chat_messages", "sender_role"): {"buyer", "agent", "bot"},
    ("after_sales", "type"): {"refund_only", "return_refund", "exchange"},
    ("after_sales", "status"): {"open", "completed", "rejected", "cancelled"},
    ("interventions", "responsible_party"): {"merchant", "buyer", "logistics", "platform", "none"},
    ("appeals", "appeal_type"): {"responsibility", "goods_payment", "freight", "other"},
    ("appeals", "outcome"): {"pending", "approved", "rejected"},
    ("complaints", "status"): {"pending", "established", "not_established", "merchant_resolved"},
    ("program_enrollments", "program"): {"billion_subsidy", "bargain", "checkin"},
}

# The timestamp-order rules: (table, later column, earlier column).
TIMESTAMP_RULES = [
    ("orders", "paid_at", "created_at"), ("orders", "grouped_at", "paid_at"), ("orders", "cancelled_at", "created_at"),
    ("shipments", "signed_at", "picked_up_at"), ("shipments", "signed_at", "shipped_at"),
    ("shipments", "received_confirmed_at", "signed_at"),
    ("after_sales", "completed_at", "applied_at"), ("after_sales", "merchant_approved_at", "applied_at"),
    ("after_sales", "refund_approved_at", "return_signed_at"),
    ("interventions", "decided_at", "opened_at"), ("appeals", "decided_at", "submitted_at"),
    ("complaints", "decided_at", "created_at"), ("tickets", "due_at", "created_at"),
    ("tickets", "completed_at", "created_at"), ("program_enrollments", "exited_at", "enrolled_at"),
]

# Child -> parent references: (table, column, parent table, parent key, nullable).
REFERENCES = [
    ("categories", "parent_category_id", "categories", "category_id", True),
    ("shops", "category_id", "categories", "category_id", False),
    ("orders", "shop_id", "shops", "shop_id", False),
    ("shipments", "order_id", "orders", "order_id", False),
    ("help_requests", "order_id", "orders", "order_id", True),
    ("help_requests", "shop_id", "shops", "shop_id", False),
    ("chat_messages", "shop_id", "shops", "shop_id", False),
    ("after_sales", "order_id", "orders", "order_id", False),
    ("interventions", "order_id", "orders", "order_id", False),
    ("interventions", "after_sale_id", "after_sales", "after_sale_id", True),
    ("appeals", "order_id", "orders", "order_id", False),
    ("appeals", "intervention_id", "interventions", "intervention_id", True),
    ("complaints", "order_id", "orders", "order_id", True),
    ("complaints", "shop_id", "shops", "shop_id", False),
    ("tickets", "order_id", "orders", "order_id", True),
    ("tickets", "shop_id", "shops", "shop_id", False),
    ("reviews", "order_id", "orders", "order_id", False),
    ("program_enrollments", "shop_id", "shops", "shop_id", False),
]
SHOP_MATCHED = ["help_requests", "after_sales", "interventions", "appeals", "complaints", "tickets", "reviews"]

# Every defect the issue asks for, per table, written out by hand from SPEC §9 and docs/DESIGN.md
# (required columns and enums as the staging models declare them).
EXPECTED_DEFECTS: dict[str, set[str]] = {
    "categories": {"null_key", "duplicate_key", "unknown_category:parent_category_id"},
    "shops": {"null_key", "duplicate_key", "invalid_value:opened_date", "null_required:category_id",
              "null_required:status", "invalid_enum:status", "unknown_category:category_id",
              "future_timestamp:opened_date"},
    "orders": {"null_key", "duplicate_key", "invalid_value:created_at", "invalid_value:amount",
               "invalid_value:is_presale", "null_required:shop_id", "null_required:created_at",
               "unknown_shop:shop_id", "timestamp_order:paid_at", "timestamp_order:grouped_at",
               "timestamp_order:cancelled_at", "future_timestamp:cancelled_at", "negative_amount:amount"},
    "shipments": {"null_key", "duplicate_key", "invalid_value:signed_at", "unknown_order:order_id",
                  "timestamp_order:signed_at", "timestamp_order:received_confirmed_at",
                  "future_timestamp:received_confirmed_at"},
    "help_requests": {"null_key", "duplicate_key", "invalid_value:created_at", "null_required:shop_id",
                      "null_required:channel", "null_required:reason_code", "null_required:created_at",
                      "invalid_enum:channel", "unknown_shop:shop_id", "unknown_order:order_id",
                      "shop_mismatch:shop_id", "future_timestamp:created_at"},
    "chat_messages": {"null_key", "duplicate_key", "invalid_value:sent_at", "null_required:conversation_id",
                      "null_required:shop_id", "null_required:buyer_id", "null_required:sender_role",
                      "null_required:sent_at", "invalid_enum:sender_role", "unknown_shop:shop_id",
                      "future_timestamp:sent_at"},
    "after_sales": {"null_key", "duplicate_key", "invalid_value:applied_at", "invalid_value:refund_amount",
                    "null_required:order_id", "null_required:shop_id", "null_required:type",
                    "null_required:status", "null_required:applied_at", "invalid_enum:type", "invalid_enum:status",
                    "unknown_shop:shop_id", "unknown_order:order_id", "shop_mismatch:shop_id",
                    "timestamp_order:completed_at", "timestamp_order:merchant_approved_at",
                    "timestamp_order:refund_approved_at", "future_timestamp:completed_at",
                    "negative_amount:refund_amount"},
    "interventions": {"null_key", "duplicate_key", "invalid_value:round", "invalid_value:opened_at",
                      "invalid_value:refund_succeeded", "null_required:order_id", "null_required:shop_id",
                      "null_required:opened_at", "invalid_enum:responsible_party", "invalid_enum:round",
                      "unknown_shop:shop_id", "unknown_order:order_id", "unknown_after_sale:after_sale_id",
                      "shop_mismatch:shop_id", "timestamp_order:decided_at", "future_timestamp:decided_at"},
    "appeals": {"null_key", "duplicate_key", "invalid_value:submitted_at", "null_required:order_id",
                "null_required:shop_id", "null_required:appeal_type", "null_required:outcome",
                "null_required:submitted_at", "invalid_enum:appeal_type", "invalid_enum:outcome",
                "unknown_shop:shop_id", "unknown_order:order_id", "unknown_intervention:intervention_id",
                "shop_mismatch:shop_id", "timestamp_order:decided_at", "future_timestamp:decided_at"},
    "complaints": {"null_key", "duplicate_key", "invalid_value:created_at", "null_required:shop_id",
                   "null_required:status", "null_required:created_at", "invalid_enum:status",
                   "unknown_shop:shop_id", "unknown_order:order_id", "shop_mismatch:shop_id",
                   "timestamp_order:decided_at", "future_timestamp:decided_at"},
    "tickets": {"null_key", "duplicate_key", "invalid_value:due_at", "null_required:shop_id",
                "null_required:created_at", "null_required:due_at", "unknown_shop:shop_id",
                "unknown_order:order_id", "shop_mismatch:shop_id", "timestamp_order:due_at",
                "timestamp_order:completed_at", "future_timestamp:completed_at"},
    "reviews": {"null_key", "duplicate_key", "invalid_value:created_at", "invalid_value:is_first_review",
                "invalid_value:product_rating", "null_required:order_id", "null_required:shop_id",
                "null_required:is_first_review", "null_required:product_rating", "null_required:created_at",
                "unknown_shop:shop_id", "unknown_order:order_id", "shop_mismatch:shop_id",
                "future_timestamp:created_at", "rating_out_of_range:product_rating",
                "rating_out_of_range:service_rating", "rating_out_of_range:logistics_rating"},
    "malicious_buyers": {"null_key", "duplicate_key", "invalid_value:flagged_at", "null_required:flagged_at",
                         "future_timestamp:flagged_at"},
    "program_enrollments": {"null_key", "duplicate_key", "invalid_value:enrolled_at", "invalid_value:exited_at",
                            "invalid_enum:program", "unknown_shop:shop_id", "timestamp_order:exited_at",
                            "future_timestamp:exited_at"},
}
KEYS = {"categories": "category_id", "shops": "shop_id", "orders": "order_id", "shipments": "order_id",
        "help_requests": "request_id", "chat_messages": "message_id", "after_sales": "after_sale_id",
        "interventions": "intervention_id", "appeals": "appeal_id", "complaints": "complaint_id",
        "tickets": "ticket_id", "reviews": "review_id", "malicious_buyers": "buyer_id"}


def _digest(folder: Path) -> str:
    """One hash over every file's relative path and bytes."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("generate")
    out = {"a": root / "a", "b": root / "b", "c": root / "c"}
    generate(out["a"], GeneratorConfig(**SMALL, seed=3, bad_rows=True))
    generate(out["b"], GeneratorConfig(**SMALL, seed=3, bad_rows=True))
    generate(out["c"], GeneratorConfig(**SMALL, seed=4, bad_rows=True))
    return out


@pytest.fixture(scope="module")
def con(runs: dict[str, Path]) -> Iterator[duckdb.DuckDBPyConnection]:
    """Views `<table>` over the clean rows of run a, `bad_<table>` over its planted bad rows."""
    connection = duckdb.connect()
    raw = runs["a"]
    for table in RAW_CONTRACT:
        clean = f"'{raw}/{table}/dt=*/*.parquet'" if table in PARTITIONED else f"'{raw}/{table}/*.parquet'"
        connection.execute(f"create view {table} as select * from read_parquet({clean}, hive_partitioning = false)")
        connection.execute(
            f"create view bad_{table} as select * from read_parquet('{raw}/{table}/zz_bad_rows/*.parquet', "
            "union_by_name = true)"
        )
    yield connection
    connection.close()


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    row = con.execute(sql).fetchone()
    assert row is not None
    return row[0]


# --- determinism -----------------------------------------------------------------------------------------


def test_same_arguments_give_byte_identical_files(runs: dict[str, Path]) -> None:
    assert _digest(runs["a"]) == _digest(runs["b"])


def test_a_different_seed_gives_different_data(runs: dict[str, Path]) -> None:
    assert _digest(runs["a"]) != _digest(runs["c"])
    con = duckdb.connect()
    try:
        amounts = [
            con.execute(f"select sum(amount), count(*) from read_parquet('{runs[k]}/orders/dt=*/*.parquet')").fetchone()
            for k in ("a", "c")
        ]
    finally:
        con.close()
    assert amounts[0] != amounts[1]


# --- layout and contract ---------------------------------------------------------------------------------


@pytest.mark.parametrize("table", list(RAW_CONTRACT))
def test_every_clean_file_has_exactly_the_contract_columns_and_types(runs: dict[str, Path], table: str) -> None:
    folder = runs["a"] / table
    files = [p for p in folder.rglob("*.parquet") if "zz_bad_rows" not in p.parts]
    assert files
    if table in PARTITIONED:
        assert all(p.parent.name.startswith("dt=") for p in files)
    con = duckdb.connect()
    try:
        for path in files:
            described = con.execute(f"describe select * from read_parquet('{path}', hive_partitioning = false)")
            assert [(r[0], r[1]) for r in described.fetchall()] == RAW_CONTRACT[table], path
    finally:
        con.close()


@pytest.mark.parametrize("table", sorted(PARTITIONED))
def test_event_tables_are_partitioned_by_their_event_date(runs: dict[str, Path], table: str) -> None:
    column = {"orders": "created_at", "shipments": "shipped_at", "help_requests": "created_at",
              "chat_messages": "sent_at", "after_sales": "applied_at", "interventions": "opened_at",
              "appeals": "submitted_at", "complaints": "created_at", "tickets": "created_at",
              "reviews": "created_at"}[table]
    con = duckdb.connect()
    try:
        wrong = con.execute(
            f"select count(*) from read_parquet('{runs['a']}/{table}/dt=*/*.parquet', hive_partitioning = true) "
            f"where cast({column} as date) <> cast(dt as date)"
        ).fetchone()
    finally:
        con.close()
    assert wrong == (0,)


def test_manifest_holds_config_and_row_counts(runs: dict[str, Path], con: duckdb.DuckDBPyConnection) -> None:
    manifest = json.loads((runs["a"] / "_generator.json").read_text(encoding="utf-8"))
    assert manifest["config"] == {"shops": 80, "days": 60, "seed": 3, "orders": None, "end_date": "2026-10-31",
                                  "bad_rows": True}
    for table in RAW_CONTRACT:
        assert manifest["rows"][table] == _one(con, f"select count(*) from {table}")
        assert manifest["bad_rows"][table] == _one(con, f"select count(*) from bad_{table}")
    assert _one(con, "select count(*) from shops") == 80


def test_orders_end_on_end_date_and_nothing_is_later(con: duckdb.DuckDBPyConnection) -> None:
    assert _one(con, "select cast(max(created_at) as date) from orders") == END
    assert _one(con, "select cast(min(created_at) as date) from orders") >= date(2026, 9, 2)
    cutoff = "timestamp '2026-11-01 00:00:00'"
    for table, columns in RAW_CONTRACT.items():
        for name, kind in columns:
            if kind == "TIMESTAMP":
                assert _one(con, f"select count(*) from {table} where {name} >= {cutoff}") == 0, (table, name)


def test_total_orders_follow_the_orders_option(tmp_path: Path) -> None:
    generate(tmp_path, GeneratorConfig(shops=25, days=20, seed=9, orders=4321, end_date=END))
    con = duckdb.connect()
    try:
        count = con.execute(f"select count(*), count(distinct shop_id) from read_parquet('{tmp_path}/orders/*/*.parquet')")
        assert count.fetchone() == (4321, 25)
    finally:
        con.close()


def test_progress_display_goes_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = generate(tmp_path, GeneratorConfig(shops=12, days=10, seed=1, orders=600, end_date=END), progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    for table in RAW_CONTRACT:
        assert table in captured.err
    assert report.rows["orders"] == 600
    assert report.bad_rows == {}



def test_generate_command_passes_every_option_and_exits_2_on_a_bad_one(tmp_path: Path) -> None:
    """`shopscore generate` (click) hands each option to the generator: the manifest holds them all."""
    from click.testing import CliRunner

    from shopscore.cli import main

    runner = CliRunner()
    argv = ["generate", "--out", str(tmp_path / "raw"), "--shops", "12", "--days", "10", "--seed", "5",
            "--orders", "700", "--end-date", "2026-03-04", "--bad-rows", "--quiet"]
    result = runner.invoke(main, argv)
    assert result.exit_code == 0, result.output
    assert result.output == ""  # --quiet: no progress bar
    manifest = json.loads((tmp_path / "raw" / "_generator.json").read_text(encoding="utf-8"))
    assert manifest["config"] == {"shops": 12, "days": 10, "seed": 5, "orders": 700,
                                  "end_date": "2026-03-04", "bad_rows": True}
    assert sum(manifest["bad_rows"].values()) > 0
    bad = runner.invoke(main, ["generate", "--out", str(tmp_path / "x"), "--end-date", "31/10/2026"])
    assert bad.exit_code == 2 and "is not a date YYYY-MM-DD" in bad.output
    assert not (tmp_path / "x").exists()


# --- it never overwrites what it did not write (issue #9 mend) -------------------------------------------

TINY = ["--shops", "12", "--days", "10", "--orders", "600", "--seed", "1", "--quiet"]


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_generate_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    """A user's export (no _generator.json) is left byte for byte as it was, and the message says what to do."""
    from click.testing import CliRunner

    from shopscore.cli import main

    users = tmp_path / "raw"
    (users / "orders").mkdir(parents=True)
    (users / "orders" / "export-2026-10.parquet").write_bytes(b"the user's own data")
    (users / "notes.txt").write_text("mine", encoding="utf-8")
    before = _tree(users)
    result = CliRunner().invoke(main, ["generate", "--out", str(users), *TINY])
    assert result.exit_code == 2, result.output
    message = " ".join(result.output.split())
    assert str(users) in message and "not written by `shopscore generate`" in message
    assert "choose a new or empty folder" in message and f"delete {users}" in message
    assert _tree(users) == before


def test_generate_refuses_its_own_folder_once_a_table_holds_a_foreign_file(tmp_path: Path) -> None:
    from shopscore.generate import OutputFolderError

    out = tmp_path / "raw"
    config = GeneratorConfig(shops=12, days=10, seed=1, orders=600, end_date=END)
    generate(out, config)
    foreign = out / "orders" / "dt=2026-10-30" / "from-the-platform.parquet"
    foreign.write_bytes(b"not from a generation")
    before = _tree(out)
    with pytest.raises(OutputFolderError) as raised:
        generate(out, config)
    assert str(out / "orders") in str(raised.value) and "dt=2026-10-30/from-the-platform.parquet" in str(raised.value)
    assert _tree(out) == before
    foreign.unlink()
    (out / "my-notes.txt").write_text("left alone", encoding="utf-8")
    generate(out, dataclasses.replace(config, seed=2, daily=True, bad_rows=True))  # its own files: replaced
    assert (out / "my-notes.txt").read_text(encoding="utf-8") == "left alone"
    assert json.loads((out / "_generator.json").read_text(encoding="utf-8"))["config"]["seed"] == 2
    assert not (out / "malicious_buyers" / "part-0.parquet").exists()  # the non-daily snapshot is gone
    generate(out, config)  # and back: a daily generation's files (bad rows in partitions too) are its own


def test_a_generation_stopped_half_way_can_be_run_again_into_its_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shopscore.generate as generate_module

    out = tmp_path / "raw"
    config = GeneratorConfig(shops=12, days=10, seed=1, orders=600, end_date=END)
    real_write = generate_module._write_table

    def stop_after_shops(con: Any, out_dir: Path, table: str, *args: Any, **kwargs: Any) -> int:
        if table == "orders":
            raise KeyboardInterrupt("stopped")
        return real_write(con, out_dir, table, *args, **kwargs)

    monkeypatch.setattr(generate_module, "_write_table", stop_after_shops)
    with pytest.raises(KeyboardInterrupt):
        generate(out, config)
    assert (out / "shops" / "part-0.parquet").exists() and not (out / "orders").exists()
    monkeypatch.setattr(generate_module, "_write_table", real_write)
    report = generate(out, config)
    assert report.rows["orders"] == 600
    assert json.loads((out / "_generator.json").read_text(encoding="utf-8"))["rows"]["orders"] == 600


def test_generate_refuses_a_fake_marker_and_a_file_as_out(tmp_path: Path) -> None:
    from shopscore.generate import OutputFolderError

    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "_generator.json").write_text("[]", encoding="utf-8")
    with pytest.raises(OutputFolderError, match="no valid _generator.json"):
        generate(fake, GeneratorConfig(shops=12, days=10, seed=1, orders=600, end_date=END))
    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(OutputFolderError, match="is a file"):
        generate(a_file, GeneratorConfig(shops=12, days=10, seed=1, orders=600, end_date=END))


def test_demo_data_has_its_own_folder_apart_from_the_default_input() -> None:
    from shopscore.paths import DEFAULT_RAW_DIR, DEMO_RAW_DIR

    assert DEMO_RAW_DIR == Path("data") / "demo"
    assert DEFAULT_RAW_DIR == Path("data") / "raw"
    assert not DEMO_RAW_DIR.is_absolute()


# --- clean data is internally consistent -----------------------------------------------------------------


@pytest.mark.parametrize("table,column,parent,key,nullable", REFERENCES)
def test_every_reference_points_at_an_existing_parent(
    con: duckdb.DuckDBPyConnection, table: str, column: str, parent: str, key: str, nullable: bool
) -> None:
    assert _one(con, f"select count(*) from {table} where {column} is not null "
                     f"and {column} not in (select {key} from {parent})") == 0
    nulls = _one(con, f"select count(*) from {table} where {column} is null")
    if not nullable:
        assert nulls == 0
    elif table != "categories":
        assert nulls > 0, f"{table}.{column} is nullable: some rows should use that"


@pytest.mark.parametrize("table", SHOP_MATCHED)
def test_child_rows_have_their_orders_shop(con: duckdb.DuckDBPyConnection, table: str) -> None:
    assert _one(con, f"select count(*) from {table} as t inner join orders as o on t.order_id = o.order_id "
                     "where t.shop_id <> o.shop_id") == 0


@pytest.mark.parametrize("table,later,earlier", TIMESTAMP_RULES)
def test_timestamps_are_in_order(con: duckdb.DuckDBPyConnection, table: str, later: str, earlier: str) -> None:
    assert _one(con, f"select count(*) from {table} where {later} < {earlier}") == 0
    assert _one(con, f"select count(*) from {table} where {later} is not null and {earlier} is not null") > 0


@pytest.mark.parametrize("table", list(KEYS))
def test_keys_are_unique_and_not_null(con: duckdb.DuckDBPyConnection, table: str) -> None:
    key = KEYS[table]
    assert _one(con, f"select count(*) - count(distinct {key}) from {table}") == 0
    assert _one(con, f"select count(*) from {table} where {key} is null") == 0


@pytest.mark.parametrize("table,column", list(ENUMS))
def test_enums_are_inside_the_contract_and_all_used(con: duckdb.DuckDBPyConnection, table: str,
                                                    column: str) -> None:
    values = {r[0] for r in con.execute(f"select distinct {column} from {table}").fetchall()} - {None}
    assert values == ENUMS[(table, column)]


def test_amounts_and_ratings_are_valid(con: duckdb.DuckDBPyConnection) -> None:
    assert _one(con, "select count(*) from orders where amount < 0 or amount is null") == 0
    assert _one(con, "select count(*) from after_sales where refund_amount < 0") == 0
    for column in ("product_rating", "service_rating", "logistics_rating"):
        ratings = {r[0] for r in con.execute(f"select distinct {column} from reviews").fetchall()}
        assert ratings - {None} == {1, 2, 3, 4, 5}
    assert _one(con, "select count(*) from reviews where service_rating is null") > 0
    assert _one(con, "select count(*) from reviews where logistics_rating is null") > 0
    assert _one(con, "select count(*) from reviews where product_rating is null") == 0


# --- planted edge cases --------------------------------------------------------------------------------


def _reply_delays(con: duckdb.DuckDBPyConnection) -> set[int]:
    """Seconds from each buyer message to the next agent message of its conversation (bots ignored)."""
    rows = con.execute(
        """
        with marked as (
            select conversation_id, sender_role, sent_at, message_id,
                min(case when sender_role = 'agent' then sent_at end) over (
                    partition by conversation_id order by sent_at, message_id
                    rows between current row and unbounded following) as next_agent_at
            from chat_messages
        )
        select distinct date_diff('second', sent_at, next_agent_at) from marked
        where sender_role = 'buyer' and next_agent_at is not null
        """
    ).fetchall()
    return {r[0] for r in rows}


def test_agent_replies_cluster_around_three_minutes(con: duckdb.DuckDBPyConnection) -> None:
    delays = _reply_delays(con)
    assert {0, 179, 180, 181} <= delays
    assert max(delays) > 600


def test_chats_follow_business_hours_with_boundary_seconds(con: duckdb.DuckDBPyConnection) -> None:
    buyer = "from chat_messages where sender_role = 'buyer'"
    for clock in ("22:59:59", "23:00:00", "07:59:59", "08:00:00"):
        assert _one(con, f"select count(*) {buyer} and strftime(sent_at, '%H:%M:%S') = '{clock}'") > 0, clock
    daytime = _one(con, f"select avg((hour(sent_at) between 8 and 22)::int) {buyer}")
    assert 0.85 < daytime < 0.99
    crossing = con.execute(
        """
        select
            count(*) filter (where cast(min_at as date) < cast(max_at as date)),
            count(*) filter (where hour(min_at) = 22 and hour(max_at) = 23)
        from (select conversation_id, min(sent_at) as min_at, max(sent_at) as max_at
              from chat_messages group by conversation_id)
        """
    ).fetchone()
    assert crossing is not None and crossing[0] > 0 and crossing[1] > 0


def test_bots_runs_and_agents_per_shop(con: duckdb.DuckDBPyConnection) -> None:
    assert _one(con, "select count(*) from chat_messages where sender_role = 'bot' and agent_id is null") > 0
    assert _one(con, "select count(*) from chat_messages where sender_role = 'agent' "
                     "and (agent_id is null or not starts_with(agent_id, shop_id))") == 0
    assert _one(con, "select count(*) from chat_messages where sender_role = 'buyer' and agent_id is not null") == 0
    assert _one(con, "select max(n) from (select shop_id, count(distinct agent_id) as n from chat_messages "
                     "group by shop_id)") > 1
    runs = _one(con, """
        select count(*) from (
            select sender_role, lag(sender_role) over (partition by conversation_id order by sent_at, message_id)
                as previous_role
            from chat_messages where sender_role <> 'bot'
        ) where sender_role = 'buyer' and previous_role = 'buyer'
    """)
    assert runs > 0


def test_malicious_buyers_flagged_at_various_dates_have_help_and_complaints(
    con: duckdb.DuckDBPyConnection,
) -> None:
    assert _one(con, "select count(distinct cast(flagged_at as date)) from malicious_buyers") > 3
    assert _one(con, "select count(*) from help_requests where buyer_id in (select buyer_id from malicious_buyers)") > 0
    assert _one(con, "select count(*) from complaints where buyer_id in (select buyer_id from malicious_buyers)") > 0
    before_and_after = con.execute(
        """
        select count(*) filter (where h.created_at > m.flagged_at), count(*) filter (where h.created_at < m.flagged_at)
        from help_requests as h inner join malicious_buyers as m on h.buyer_id = m.buyer_id
        """
    ).fetchone()
    assert before_and_after is not None and min(before_and_after) > 0


def test_responsibility_appeals_won_and_lost_on_merchant_fault(con: duckdb.DuckDBPyConnection) -> None:
    outcomes = {r[0] for r in con.execute(
        """
        select a.outcome from appeals as a inner join interventions as i on a.intervention_id = i.intervention_id
        where i.responsible_party = 'merchant' and i.refund_succeeded and a.appeal_type = 'responsibility'
        """
    ).fetchall()}
    assert {"approved", "rejected"} <= outcomes
    assert _one(con, "select count(*) from appeals where intervention_id is null") > 0


def test_interventions_have_second_rounds_after_first(con: duckdb.DuckDBPyConnection) -> None:
    assert {r[0] for r in con.execute("select distinct round from interventions").fetchall()} == {1, 2}
    assert _one(con, """
        select count(*) from interventions as second
        where round = 2 and not exists (
            select 1 from interventions as first
            where first.round = 1 and first.after_sale_id = second.after_sale_id
                and first.decided_at <= second.opened_at)
    """) == 0
    assert _one(con, "select count(*) from interventions where decided_at is null") > 0


def test_help_reasons_include_routine_and_unknown_codes(con: duckdb.DuckDBPyConnection) -> None:
    codes = {r[0] for r in con.execute("select distinct reason_code from help_requests").fetchall()}
    assert ROUTINE <= codes
    unknown = codes - TAXONOMY
    assert "battery_swelling" in unknown
    assert len(codes & TAXONOMY) == len(TAXONOMY)
    assert _one(con, "select count(*) from help_requests where order_id is null") > 0


def test_orders_cover_every_kind(con: duckdb.DuckDBPyConnection) -> None:
    kinds = con.execute(
        """
        select count(*) filter (where grouped_at is null and paid_at is not null),
            count(*) filter (where cancelled_at is not null),
            count(*) filter (where is_presale),
            count(*) filter (where not requires_shipping),
            count(*) filter (where paid_at is null)
        from orders
        """
    ).fetchone()
    assert kinds is not None and min(kinds) > 0


def test_order_volumes_are_long_tailed(con: duckdb.DuckDBPyConnection) -> None:
    sizes = sorted(r[0] for r in con.execute(
        "select count(*) from orders where created_at >= timestamp '2026-10-01' group by shop_id").fetchall())
    tiny = sum(1 for n in sizes if n < 30)
    assert tiny >= len(sizes) // 4
    assert sizes[-1] > 10 * sizes[len(sizes) // 2]


def test_tickets_on_time_late_and_never(con: duckdb.DuckDBPyConnection) -> None:
    kinds = con.execute(
        """
        select count(*) filter (where completed_at <= due_at), count(*) filter (where completed_at > due_at),
            count(*) filter (where completed_at is null), count(*) filter (where completed_at = due_at)
        from tickets
        """
    ).fetchone()
    assert kinds is not None and min(kinds[:3]) > 0


def test_shops_closed_and_programme_exits(con: duckdb.DuckDBPyConnection) -> None:
    assert _one(con, "select count(*) from shops where status = 'closed'") > 0
    assert _one(con, "select count(*) from program_enrollments where exited_at is not null") > 0
    assert _one(con, "select count(*) from program_enrollments where exited_at is null") > 0
    re_enrolled = _one(con, "select count(*) from (select shop_id, program from program_enrollments "
                            "group by all having count(*) > 1)")
    assert re_enrolled > 0


def test_category_tree_has_sparse_leaves_and_level_one_shops(con: duckdb.DuckDBPyConnection) -> None:
    assert _one(con, "select count(*) from categories where parent_category_id is not null") >= 20
    assert _one(con, "select count(*) from categories where parent_category_id is not null and "
                     "parent_category_id not in (select category_id from categories where parent_category_id is null)"
                ) == 0
    assert _one(con, """
        select count(*) from (
            select c.category_id, count(s.shop_id) as n from categories as c
            left join shops as s on s.category_id = c.category_id
            where c.parent_category_id is not null group by c.category_id
        ) where n between 1 and 9
    """) > 0
    assert _one(con, "select count(*) from shops where category_id in "
                     "(select category_id from categories where parent_category_id is null)") > 0


def test_chinese_names_round_trip(con: duckdb.DuckDBPyConnection) -> None:
    names = dict(con.execute("select category_id, category_name from categories").fetchall())
    assert names["c10"] == "服装" and names["c1001"] == "女装"
    shop_names = [r[0] for r in con.execute("select shop_name from shops").fetchall()]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in name) for name in shop_names)
    assert any(name.endswith("旗舰店") for name in shop_names)


# --- bad rows ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", list(RAW_CONTRACT))
def test_bad_rows_plant_every_applicable_defect(con: duckdb.DuckDBPyConnection, table: str) -> None:
    planted = [r[0] for r in con.execute(f"select _planted_defect from bad_{table}").fetchall()]
    assert set(planted) == EXPECTED_DEFECTS[table]
    assert None not in planted


@pytest.mark.parametrize("table", list(RAW_CONTRACT))
def test_bad_row_files_sort_after_clean_files_and_have_the_right_types(runs: dict[str, Path], table: str) -> None:
    folder = runs["a"] / table
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.parquet"))
    assert files[-1].startswith("zz_bad_rows/") and not files[0].startswith("zz_bad_rows/")
    con = duckdb.connect()
    try:
        typed = con.execute(f"describe select * from read_parquet('{folder}/zz_bad_rows/part-0.parquet')").fetchall()
        assert [(r[0], r[1]) for r in typed] == RAW_CONTRACT[table] + [("_planted_defect", "VARCHAR")]
        text = folder / "zz_bad_rows" / "part-1-text.parquet"
        if text.exists():
            described = con.execute(f"describe select * from read_parquet('{text}')").fetchall()
            assert [r[0] for r in described] == [n for n, _ in RAW_CONTRACT[table]] + ["_planted_defect"]
            assert {r[1] for r in described} == {"VARCHAR"}
            assert {r[0] for r in con.execute(f"select _planted_defect from read_parquet('{text}')").fetchall()} == {
                d for d in EXPECTED_DEFECTS[table] if d.startswith("invalid_value:")}
    finally:
        con.close()


@pytest.mark.parametrize("table", list(KEYS))
def test_bad_rows_use_fresh_keys_except_duplicates(con: duckdb.DuckDBPyConnection, table: str) -> None:
    key = KEYS[table]
    clashing = con.execute(
        f"select _planted_defect from bad_{table} where {key} in (select {key} from {table})"
    ).fetchall()
    assert [r[0] for r in clashing] == ["duplicate_key"]
    assert _one(con, f"select count(distinct {key}) - count({key}) from bad_{table}") <= 0
    # The duplicate differs from the clean row it copies.
    columns = [n for n, _ in RAW_CONTRACT[table]]
    same = _one(con, f"""
        select count(*) from bad_{table} as b inner join {table} as t on b.{key} = t.{key}
        where {' and '.join(f'cast(b.{c} as varchar) is not distinct from cast(t.{c} as varchar)' for c in columns)}
    """)
    assert same == 0


def test_bad_rows_never_reference_each_other(con: duckdb.DuckDBPyConnection) -> None:
    bad_keys = set()
    for table, key in KEYS.items():
        if table in ("shipments", "malicious_buyers"):
            continue
        bad_keys |= {r[0] for r in con.execute(
            f"select {key} from bad_{table} where _planted_defect <> 'duplicate_key' and {key} is not null"
        ).fetchall()}
    for table, column, _parent, _key, _nullable in REFERENCES:
        referenced = {r[0] for r in con.execute(f"select {column} from bad_{table}").fetchall()}
        assert not referenced & bad_keys, (table, column)


def test_planted_defects_really_break_their_rule(con: duckdb.DuckDBPyConnection) -> None:
    """A second route for a few reasons: the named column really is NULL / early / in 2099 / negative."""
    for table, later, earlier in TIMESTAMP_RULES:
        violating = _one(con, f"select count(*) from bad_{table} where _planted_defect = 'timestamp_order:{later}' "
                              f"and cast({later} as timestamp) < cast({earlier} as timestamp)")
        assert violating >= 1, (table, later, earlier)
    for table, columns in RAW_CONTRACT.items():
        for name, _ in columns:
            rows = con.execute(f"select cast({name} as varchar) from bad_{table} "
                               f"where _planted_defect in ('null_required:{name}', 'future_timestamp:{name}')"
                               ).fetchall()
            for (value,) in rows:
                assert value is None or value.startswith("2099"), (table, name, value)
    assert _one(con, "select min(cast(amount as decimal(12, 2))) from bad_orders where _planted_defect = 'negative_amount:amount'") < 0
