"""Where things live: the dbt project root, the published and working warehouse files, the demo data."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
# The PUBLISHED file BI tools and analysts open (SPEC §10, §11): schemas marts and reference only.
DEFAULT_DB = Path("warehouse/shopscore.duckdb")
# The default INPUT of `shopscore build`: a user's own raw export. `shopscore generate` never writes into a
# folder it did not write itself, and demo data has its own folder, so the two never mix.
DEFAULT_RAW_DIR = Path("data/raw")
# Where `make run` generates its demo data and delivers it day by day (relative to the project).
DEMO_RAW_DIR = Path("data/demo")
# The WORKING file dbt builds and tests into (staging, quarantine, audit, ...); only `shopscore daily`
# publishes from it.
DEFAULT_WORK_DB = Path("warehouse/shopscore.work.duckdb")


def _in_project(path: Path) -> Path:
    return path if path.is_absolute() else PROJECT_DIR / path


def warehouse_path() -> Path:
    """The published DuckDB file: $SHOPSCORE_DB, else warehouse/shopscore.duckdb (SPEC §10), relative to the project."""
    return _in_project(Path(os.environ.get("SHOPSCORE_DB", str(DEFAULT_DB))))


def work_db_path() -> Path:
    """The working DuckDB file dbt builds into: $SHOPSCORE_WORK_DB, else warehouse/shopscore.work.duckdb."""
    return _in_project(Path(os.environ.get("SHOPSCORE_WORK_DB", str(DEFAULT_WORK_DB))))
