"""shopscore.publish on hand-made working databases (no dbt): what is copied, what is refused, and that a
refused or failed publish leaves the published file byte-identical."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from shopscore.publish import PublishError, publish, temp_path_for


def make_work(path: Path, *, leak_buyer: bool = False) -> Path:
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema marts; create schema reference; create schema staging; create schema quarantine")
        con.execute("create table staging.stg_orders (order_id varchar, buyer_id varchar)")
        con.execute("insert into staging.stg_orders values ('o1', 'b1')")
        con.execute("create table quarantine.rejected_rows (table_name varchar, raw_row json)")
        con.execute("""create table marts.fct_scores (score_date date not null, shop_id varchar not null,
                       total_score double, note varchar)""")
        con.execute("insert into marts.fct_scores values ('2026-11-01', 's1', 4.25, '花花女装旗舰店'),"
                    " ('2026-11-01', 's2', null, null)")
        con.execute("comment on table marts.fct_scores is 'Scores per shop and day.'")
        con.execute("comment on column marts.fct_scores.total_score is 'Total on the scheme''s scale.'")
        # a view naming this catalog: must be published as a table
        con.execute("create view marts.v_scored as select shop_id, total_score from marts.fct_scores"
                    " where total_score is not null")
        con.execute("create table reference.scheme_settings (scheme varchar, scale_lo double, scale_hi double)")
        con.execute("insert into reference.scheme_settings values ('pdd', 0, 5)")
        if leak_buyer:
            con.execute("create table marts.fct_leak as select * from staging.stg_orders")
    finally:
        con.close()
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_publish_copies_marts_and_reference_as_tables(tmp_path: Path) -> None:
    published = tmp_path / "pub" / "shopscore.duckdb"
    result = publish(make_work(tmp_path / "work.duckdb"), published)
    assert (result.tables, result.rows) == (3, 2 + 1 + 1)
    con = duckdb.connect(str(published), read_only=True)
    try:
        tables = con.execute("select schema_name, table_name, comment from duckdb_tables() order by 1, 2").fetchall()
        views = con.execute("select view_name from duckdb_views() where not internal").fetchall()
        columns = con.execute("select column_name, data_type, is_nullable, comment from duckdb_columns()"
                              " where table_name = 'fct_scores' order by column_index").fetchall()
        rows = con.execute("select * from marts.fct_scores order by shop_id").fetchall()
        view_rows = con.execute("select * from marts.v_scored").fetchall()
    finally:
        con.close()
    assert tables == [("marts", "fct_scores", "Scores per shop and day."), ("marts", "v_scored", None),
                      ("reference", "scheme_settings", None)]
    assert views == []
    assert columns == [("score_date", "DATE", False, None), ("shop_id", "VARCHAR", False, None),
                       ("total_score", "DOUBLE", True, "Total on the scheme's scale."), ("note", "VARCHAR", True, None)]
    assert [r[1:] for r in rows] == [("s1", 4.25, "花花女装旗舰店"), ("s2", None, None)]
    assert view_rows == [("s1", 4.25)]
    assert not temp_path_for(published).exists()


def test_buyer_id_column_refuses_publishing_and_leaves_the_file(tmp_path: Path) -> None:
    published = tmp_path / "shopscore.duckdb"
    publish(make_work(tmp_path / "ok.duckdb"), published)
    before = sha(published)
    with pytest.raises(PublishError, match=r"marts\.fct_leak\.buyer_id"):
        publish(make_work(tmp_path / "leak.duckdb", leak_buyer=True), published)
    assert sha(published) == before
    assert not list(tmp_path.glob(".shopscore.duckdb.publishing-*"))


def test_republish_over_an_open_reader(tmp_path: Path) -> None:
    published = tmp_path / "shopscore.duckdb"
    publish(make_work(tmp_path / "a.duckdb"), published)
    inode = published.stat().st_ino
    reader = duckdb.connect(str(published), read_only=True)
    assert reader.execute("select total_score from marts.fct_scores where shop_id = 's1'").fetchone() == (4.25,)
    work = make_work(tmp_path / "b.duckdb")
    con = duckdb.connect(str(work))
    con.execute("update marts.fct_scores set total_score = 1.5 where shop_id = 's1'")
    con.close()
    publish(work, published)
    # A new file was renamed in (never written over in place): the reader's file is the old inode.
    assert published.stat().st_ino != inode
    assert reader.execute("select total_score from marts.fct_scores where shop_id = 's1'").fetchone() == (4.25,)
    assert reader.execute("select * from marts.v_scored").fetchall() == [("s1", 4.25)]  # not read before
    reader.close()
    fresh = duckdb.connect(str(published), read_only=True)
    assert fresh.execute("select total_score from marts.fct_scores where shop_id = 's1'").fetchone() == (1.5,)
    fresh.close()
