"""Text that enters SQL: every path or value pasted into a DuckDB statement goes through `sql_literal`."""

from __future__ import annotations

from pathlib import Path


def sql_literal(value: str | Path) -> str:
    """`value` as a single-quoted SQL string literal, every ' doubled (a folder may be named "it's")."""
    return "'" + str(value).replace("'", "''") + "'"
