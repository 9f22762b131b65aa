"""Where things live: the dbt project root, the warehouse file, the demo data."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
DEFAULT_DB = Path("warehouse/shopscore.duckdb")
# The default INPUT of `shopscore build`: a user's own raw export. `shopscore generate` never writes into a
# folder it did not write itself, and demo data has its own folder, so the two never mix.
DEFAULT_RAW_DIR = Path("data/raw")
# Where `make run` generates its demo data (relative to the project).
DEMO_RAW_DIR = Path("data/demo")


def warehouse_path() -> Path:
    """The DuckDB file: $SHOPSCORE_DB, else warehouse/shopscore.duckdb (SPEC §10), relative to the project."""
    path = Path(os.environ.get("SHOPSCORE_DB", str(DEFAULT_DB)))
    return path if path.is_absolute() else PROJECT_DIR / path
