"""Shared pytest support: build the warehouse into a temporary DuckDB file, query it."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pytest

from shopscore.dbt import run_dbt
from shopscore.paths import PROJECT_DIR

BuildFn = Callable[..., Path]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Test files marked `slow` (pytestmark) run first, in collection order otherwise: `make test` hands
    whole files to two pytest-xdist workers as they come free, so a long file left to the end would run
    alone while the other worker idles."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session")
def dbt_build(tmp_path_factory: pytest.TempPathFactory) -> BuildFn:
    """Return build(raw_dir, name, args=('build',), pinned_seeds=None, **vars) -> path of the built DuckDB file.

    Each call gets its own DuckDB file, target and log folders, so builds never share state. With
    pinned_seeds = {scheme: {seed: rows}}, the build runs in a copy of the project whose seeds have those
    schemes' rows replaced (a hand-worked test's own configuration, not the user's); with duckdb_threads, its
    profile sets DuckDB's `threads` setting (tests/python/test_determinism.py); with extend, a function
    given the copy's root changes it last (tests/python/test_adding_a_scheme.py adds a scheme's files).
    """

    def build(raw_dir: Path, name: str, args: tuple[str, ...] = ("build",),
              pinned_seeds: Mapping[str, Mapping[str, Sequence[Mapping[str, Any]]]] | None = None,
              duckdb_threads: int | None = None, extend: Callable[[Path], None] | None = None,
              **dbt_vars: Any) -> Path:
        from tests.python.e2e_fixtures.pinned_seeds import write_pinned_seeds

        work = tmp_path_factory.mktemp(f"dbt-{name}")
        db = work / "shopscore.duckdb"
        merged: dict[str, Any] = {"raw_data_dir": str(raw_dir), **dbt_vars}
        project = None
        if pinned_seeds or duckdb_threads is not None or extend is not None:
            project = work / "project"
            for item in ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests/dbt"):
                source = PROJECT_DIR / item
                if source.is_dir():
                    shutil.copytree(source, project / item)
                else:
                    (project / item).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, project / item)
            for scheme, rows in (pinned_seeds or {}).items():
                write_pinned_seeds(project / "seeds", scheme, rows)
            if duckdb_threads is not None:  # DuckDB's own (intra-query) threads, in the profile's settings
                profile = (project / "profiles.yml").read_text()
                assert "    settings:\n" in profile, "profiles.yml has no settings block to extend"
                (project / "profiles.yml").write_text(
                    profile.replace("    settings:\n", f"    settings:\n        threads: {duckdb_threads}\n"))
            if extend is not None:
                extend(project)
        run_dbt(list(args), db_path=db, dbt_vars=merged, target_path=work / "target", log_path=work / "logs",
                capture=True, project_dir=project)
        return db

    return build


def query(db: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """Rows of a query against a built warehouse, opened read-only."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def as_dicts(db: Path, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute(sql, dict(params) if params else None)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]
    finally:
        con.close()


class SmallWarehouse:
    """A small built warehouse shared by the dashboard, semantic-layer and BI-comment tests."""

    def __init__(self, db: Path, target: Path, raw: Path) -> None:
        self.db, self.target, self.raw = db, target, raw


# Eight score dates, so histories and 7-day changes have something to show.
SMALL_SCORE_VARS = {"score_date_start": "2026-10-25", "score_date_end": "2026-11-01"}


@pytest.fixture(scope="session")
def small_warehouse(tmp_path_factory: pytest.TempPathFactory) -> SmallWarehouse:
    """120 shops over 110 days delivered as daily partitions with versions (SPEC §11), with every kind of
    bad row planted, built once (models, seeds and the
    time spine; dbt's own data and unit tests run in the other builds of the suite)."""
    from datetime import date

    from shopscore.generate import GeneratorConfig, generate

    work = tmp_path_factory.mktemp("small-warehouse")
    raw = work / "raw"
    generate(raw, GeneratorConfig(shops=120, days=110, seed=11, orders=None, end_date=date(2026, 10, 31),
                                  bad_rows=True, daily=True), progress=False)
    db, target = work / "shopscore.duckdb", work / "target"
    run_dbt(["build", "--exclude-resource-type", "test", "unit_test"], db_path=db,
            dbt_vars={"raw_data_dir": str(raw), **SMALL_SCORE_VARS}, target_path=target, log_path=work / "logs",
            capture=True)
    return SmallWarehouse(db, target, raw)


@pytest.fixture(scope="session")
def pdd_e2e_db(tmp_path_factory: pytest.TempPathFactory, dbt_build: BuildFn) -> Path:
    """The hand-worked pdd dataset (e2e_fixtures/pdd_dataset.py) built once per session: score dates D1 and D2,
    min_peer_shops = 3. Every model and data test runs on it; dbt's unit tests read none of it (the rest of
    the suite runs them), so they are left out."""
    from tests.python.e2e_fixtures.pdd_dataset import D1, D2, build_pdd_raw

    from tests.python.e2e_fixtures.pinned_seeds import pdd_seed_rows

    raw_dir = build_pdd_raw(tmp_path_factory.mktemp("e2e-pdd") / "raw")
    # The hand-worked weights, thresholds and scale are the test's own (pinned_seeds.py), not seeds/'s.
    return dbt_build(raw_dir, "e2e-pdd", args=("build", "--exclude", "test_type:unit"),
                     pinned_seeds={"pdd": pdd_seed_rows()}, score_date_start=D1, score_date_end=D2,
                     min_peer_shops=3)
