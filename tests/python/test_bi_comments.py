"""Comments for BI: every published relation and column of a built file carries a DuckDB comment
(persist_docs), and no comment quotes a value a seed holds (a weight, a threshold, a scale, a minimum),
which would go stale when the seed changes. Source and model docs are not boilerplate either."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from conftest import SmallWarehouse, query
from shopscore.paths import PROJECT_DIR

PUBLISHED_SCHEMAS = ("marts", "reference", "semantic")
# "weight 0.30", ">= 3.5", "threshold 4", "minimum 30": a number right after a word that names a seed value.
QUOTING = re.compile(r"(?:>=|<=|>|<|=|weight|threshold|scale|minimum|min_volume|min_score)\s*(?:of\s*)?(\d+(?:\.\d+)?)",
                     re.IGNORECASE)
DECIMAL = re.compile(r"(?<![\w.§-])(\d+\.\d+)(?![\w.])")
RANGE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:-|–|to)\s*(\d+(?:\.\d+)?)(?![\w.])")
BOILERPLATE = re.compile(r"^\s*contract type \w+\.?\s*$", re.IGNORECASE)


def seed_numbers() -> tuple[set[float], set[float], set[tuple[float, float]]]:
    """(every number in a seed, the non-integer ones, the (scale_lo, scale_hi) pairs)."""
    numbers: set[float] = set()
    for path in sorted((PROJECT_DIR / "seeds").glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for value in row.values():
                    try:
                        numbers.add(float(value))
                    except (TypeError, ValueError):
                        pass
    with (PROJECT_DIR / "seeds" / "scheme_settings.csv").open(newline="") as handle:
        scales = {(float(r["scale_lo"]), float(r["scale_hi"])) for r in csv.DictReader(handle)}
    return numbers, {n for n in numbers if n != int(n)}, scales


def quoted_seed_values(text: str, numbers: set[float], decimals: set[float],
                       scales: set[tuple[float, float]]) -> list[str]:
    # 0 and 1 are too common to mean a seed value ("> 0", "level 1"); as decimals they are still caught.
    hits = [m.group(0) for m in QUOTING.finditer(text) if float(m.group(1)) in numbers - {0.0, 1.0}]
    hits += [m.group(0) for m in DECIMAL.finditer(text) if float(m.group(1)) in decimals]
    hits += [m.group(0) for m in RANGE.finditer(text) if (float(m.group(1)), float(m.group(2))) in scales]
    return hits


def test_the_checker_catches_quoted_values() -> None:
    numbers, decimals, scales = seed_numbers()
    assert quoted_seed_values("product help rates (weight 0.30, SPEC §4)", numbers, decimals, scales)
    assert quoted_seed_values("eligible when total >= 3.5 (seed flag_rules)", numbers, decimals, scales)
    assert quoted_seed_values("on the 0-5 scale", numbers, decimals, scales)
    assert not quoted_seed_values("Score date D (SPEC §3), level 1, 30 s reply", numbers, decimals, scales)


def test_published_relations_and_columns_have_comments(small_warehouse: SmallWarehouse) -> None:
    schemas = ", ".join(f"'{s}'" for s in PUBLISHED_SCHEMAS)
    tables = query(small_warehouse.db, f"select schema_name, table_name, comment from duckdb_tables()"
                                       f" where schema_name in ({schemas}) order by 1, 2")
    columns = query(small_warehouse.db, f"select schema_name, table_name, column_name, comment from duckdb_columns()"
                                        f" where schema_name in ({schemas}) order by 1, 2, column_index")
    assert {t[0] for t in tables} >= {"marts", "reference"}
    missing = [f"{s}.{t}" for s, t, c in tables if not (c or "").strip()]
    missing += [f"{s}.{t}.{col}" for s, t, col, c in columns if not (c or "").strip()]
    assert not missing, f"no comment on: {missing}"

    numbers, decimals, scales = seed_numbers()
    quoting = {f"{s}.{t}": hits for s, t, c in tables if (hits := quoted_seed_values(c, numbers, decimals, scales))}
    quoting |= {f"{s}.{t}.{col}": hits for s, t, col, c in columns
                if (hits := quoted_seed_values(c, numbers, decimals, scales))}
    assert not quoting, f"comments quoting seed values (they go stale when the seed changes): {quoting}"


def test_no_boilerplate_or_missing_docs_in_the_project(small_warehouse: SmallWarehouse) -> None:
    manifest = json.loads((Path(small_warehouse.target) / "manifest.json").read_text())
    nodes = [n for n in manifest["nodes"].values() if n["resource_type"] in ("model", "seed")]
    nodes += list(manifest["sources"].values())
    bad: list[str] = []
    for node in nodes:
        if not node["description"].strip():
            bad.append(f"{node['unique_id']}: no description")
        for name, column in node["columns"].items():
            if not column["description"].strip() or BOILERPLATE.match(column["description"]):
                bad.append(f"{node['unique_id']}.{name}: {column['description']!r}")
    assert not bad, "\n".join(bad)
