"""Write-audit-PUBLISH: copy the working database's published schemas into a new file and swap it in.

SPEC §11: what BI and analysts open is `$SHOPSCORE_DB`, holding the schemas `marts` and `reference` only
(no staging, no quarantined raw rows, no buyer ids), readable by DuckDB 1.1. `publish(work_db, published)`
is called only after dbt build (data and unit tests) and the Great Expectations suite passed on the
working database. It

1. writes a NEW file next to the published one (`.<name>.publishing-<pid>`), attached with
   `STORAGE_VERSION 'v1.1.0'` so DuckDB 1.1 readers open it;
2. recreates every table and view of `marts` and `reference` there as a TABLE (a view would name the
   working catalog and break once the file is renamed or attached under another name), with the column
   types and NOT NULL constraints of the working table, its rows, and the DuckDB comments
   (dbt persist_docs) of the relation and of every column;
3. refuses to publish when any column is named like a buyer id;
4. detaches (checkpoint), fsyncs the file, `os.replace`s it over `$SHOPSCORE_DB` (atomic on POSIX) and
   fsyncs the folder.

A reader that holds the old file open keeps reading it (the rename leaves its inode alone); a new
connection sees the new file. A failure or a kill at any point before the rename leaves the published
file untouched; the half-written temporary file is removed by the next publish.

Test hook (tests only, never set it in production): `SHOPSCORE_TEST_PUBLISH_PAUSE_SECONDS=N` sleeps N
seconds after the new file is complete and before the rename, printing `publish: test pause` on stderr,
so a test can kill the run inside publish.
"""

from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from shopscore.sqltext import sql_literal

PUBLISHED_SCHEMAS = ("marts", "reference")
# DuckDB 1.1 readers (BI drivers lag behind) must open the published file (SPEC §11).
STORAGE_VERSION = "v1.1.0"
# A column whose name matches this is a buyer id (personal data): never published (SPEC §11).
BUYER_ID_COLUMN = re.compile(r"buyer_?id", re.IGNORECASE)
TEST_PAUSE_ENV = "SHOPSCORE_TEST_PUBLISH_PAUSE_SECONDS"
TEMP_MARK = ".publishing-"


class PublishError(RuntimeError):
    """Publishing was refused or failed; the published file is as it was."""


@dataclass(frozen=True)
class PublishResult:
    path: Path
    tables: int
    rows: int


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def temp_path_for(published: Path) -> Path:
    """The temporary file a publish writes before the rename: same folder, so os.replace is atomic."""
    return published.with_name(f".{published.name}{TEMP_MARK}{os.getpid()}")


def remove_stale_temp_files(published: Path) -> list[Path]:
    """Remove what a killed publish left next to the published file (its temp file and WAL)."""
    removed = []
    if not published.parent.exists():
        return removed
    for path in published.parent.glob(f".{published.name}{TEMP_MARK}*"):
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _fsync(path: Path, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str | None]]:
    """(schema, name, comment) of every table and view of the published schemas in catalog `working`."""
    schemas = ", ".join(sql_literal(s) for s in PUBLISHED_SCHEMAS)
    rows = con.execute(
        f"""
        select schema_name, table_name, comment from duckdb_tables()
        where database_name = 'working' and schema_name in ({schemas})
        union all
        select schema_name, view_name, comment from duckdb_views()
        where database_name = 'working' and schema_name in ({schemas}) and not internal
        order by 1, 2
        """
    ).fetchall()
    return [(str(s), str(n), c) for s, n, c in rows]


def _columns(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> list[tuple[str, str, bool, str | None]]:
    """(name, type, is_nullable, comment) of a relation's columns, in order."""
    rows = con.execute(
        """
        select column_name, data_type, is_nullable, comment from duckdb_columns()
        where database_name = 'working' and schema_name = ? and table_name = ?
        order by column_index
        """,
        [schema, name],
    ).fetchall()
    return [(str(c), str(t), bool(n), m) for c, t, n, m in rows]


def buyer_id_columns(con: duckdb.DuckDBPyConnection, catalog: str) -> list[str]:
    """schema.table.column of every column in `catalog` named like a buyer id."""
    rows = con.execute(
        "select schema_name, table_name, column_name from duckdb_columns() where database_name = ?"
        " order by 1, 2, 3",
        [catalog],
    ).fetchall()
    return [f"{s}.{t}.{c}" for s, t, c in rows if BUYER_ID_COLUMN.search(str(c))]


def publish(work_db: Path, published: Path) -> PublishResult:
    """Copy marts and reference of work_db into a new file and rename it over `published` atomically."""
    work_db, published = Path(work_db), Path(published)
    if not work_db.exists():
        raise PublishError(f"no working database at {work_db}: nothing to publish")
    published.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(published)
    temp = temp_path_for(published)
    try:
        tables, rows = _write(work_db, temp)
        _pause_for_tests()
        _fsync(temp)
        os.replace(temp, published)
        _fsync(published.parent, directory=True)
    except BaseException:
        # Whatever happened, the published file was not touched; drop the half-written copy.
        for leftover in (temp, temp.with_name(temp.name + ".wal")):
            leftover.unlink(missing_ok=True)
        raise
    return PublishResult(published, tables, rows)


def _write(work_db: Path, temp: Path) -> tuple[int, int]:
    # An in-memory session with the working file attached read-only and the new file read-write.
    con = duckdb.connect()
    try:
        con.execute(f"attach {sql_literal(str(work_db))} as working (read_only)")
        relations = _relations(con)
        if not relations:
            raise PublishError(f"{work_db} holds no table in schemas {', '.join(PUBLISHED_SCHEMAS)}: build it first")
        con.execute(f"attach {sql_literal(str(temp))} as publishing (storage_version {sql_literal(STORAGE_VERSION)})")
        total_rows = 0
        for schema in PUBLISHED_SCHEMAS:
            con.execute(f"create schema if not exists publishing.{_ident(schema)}")
        for schema, name, comment in relations:
            columns = _columns(con, schema, name)
            target = f"publishing.{_ident(schema)}.{_ident(name)}"
            definition = ",\n    ".join(
                f"{_ident(col)} {col_type}{'' if nullable else ' not null'}" for col, col_type, nullable, _ in columns
            )
            con.execute(f"create table {target} (\n    {definition}\n)")
            column_list = ", ".join(_ident(col) for col, *_ in columns)
            con.execute(f"insert into {target} ({column_list}) select {column_list} from working.{_ident(schema)}.{_ident(name)}")
            total_rows += int(con.execute(f"select count(*) from {target}").fetchone()[0])
            if comment:
                con.execute(f"comment on table {target} is {sql_literal(comment)}")
            for col, _, _, col_comment in columns:
                if col_comment:
                    con.execute(f"comment on column {target}.{_ident(col)} is {sql_literal(col_comment)}")
        leaked = buyer_id_columns(con, "publishing")
        if leaked:
            raise PublishError(
                "refusing to publish: buyer id columns would reach the published file: " + ", ".join(leaked)
                + " (drop them from the mart or seed; SPEC §11 publishes no buyer ids)"
            )
        con.execute("checkpoint publishing")
        con.execute("detach publishing")
        return len(relations), total_rows
    finally:
        con.close()


def _pause_for_tests() -> None:
    seconds = os.environ.get(TEST_PAUSE_ENV)
    if seconds:
        print("publish: test pause before the rename", file=sys.stderr, flush=True)
        time.sleep(float(seconds))
