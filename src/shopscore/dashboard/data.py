"""Read the warehouse for the dashboard: one read-only connection per query, closed at once.

A read-only DuckDB connection blocks a writer on the same file, and a cached connection keeps an old
file after a publish swaps it (STACK.md), so nothing here holds the file between queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from shopscore.paths import warehouse_path


def db_path() -> Path:
    """The file the dashboard reads: $SHOPSCORE_DB, else warehouse/shopscore.duckdb."""
    return warehouse_path()


def frame(sql: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
    """Run one query on a fresh read-only connection and return its rows as a DataFrame."""
    con = duckdb.connect(str(db_path()), read_only=True)
    try:
        return con.execute(sql, list(params or [])).df()
    finally:
        con.close()


def scalar(sql: str, params: Sequence[Any] | None = None) -> Any:
    df = frame(sql, params)
    return None if df.empty else df.iat[0, 0]


def relation_exists(schema: str, name: str) -> bool:
    """True when schema.name is a table or view of the file (optional marts, logs)."""
    return bool(
        scalar(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [schema, name],
        )
    )


def schemes() -> list[str]:
    return list(frame("select distinct scheme from marts.fct_shop_score_daily order by scheme")["scheme"])


def score_dates(scheme: str) -> list[Any]:
    df = frame(
        "select distinct score_date from marts.fct_shop_score_daily where scheme = ? order by score_date",
        [scheme],
    )
    return list(df["score_date"])
