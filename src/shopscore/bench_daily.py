"""Daily-operation benchmarks (issue #9, SPEC §11): what a full build and one daily run cost.

`run_daily_benchmark(size, out_dir)` runs, for one ladder size (default 10m), each measured in a fresh
wrapper process like the ladder (`shopscore.bench.measure`: wall, CPU and peak RSS of the child tree):

* `dbt_parse_cold`: `dbt parse` into a fresh target folder (the parse a daily run pays without dbt's
  partial-parse state);
* `daily_full_30d` (a): `shopscore daily --full-refresh --start D-29 --end D` on an empty working
  database, over a `--daily` generation delivered through day D-1 (load and check every raw file, build
  the 30 dates, every dbt test, Great Expectations, publish);
* `daily_1d` (b): then the last day's partitions are delivered and `shopscore daily` runs with its
  default dates (load the new files, build D+1, test, publish), in the same working database and dbt
  target folder, so dbt may reuse its partial-parse state from (a);
* `baseline_1d`, `baseline_30d` (c): the hand-written baseline on the NON-daily generation of the same
  seed (final states, the same rows; the baseline assumes clean, unversioned input) for D+1 and for
  D-29 … D.

The figures go to `<out_dir>/daily-<size>.json` and `.md`; the targets of issue #9 are computed there:
(b) ≤ 10% of (a) and ≤ 2× baseline_1d, (a) ≤ 1.5× baseline_30d.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path

from shopscore.bench import (
    DAYS,
    LADDER,
    SEED,
    Measurement,
    _add_run_results,
    ensure_dataset,
    machine_info,
    measure,
    shops_for,
)
from shopscore.dbt import dbt_executable
from shopscore.paths import PROJECT_DIR


def _last_partition(source: Path) -> date:
    """The latest `dt=` partition of orders in a `--daily` generation."""
    days = [date.fromisoformat(p.name[3:]) for p in (source / "orders").glob("dt=*") if p.is_dir()]
    if not days:
        raise SystemExit(f"{source}/orders has no dt= partitions: is it a --daily generation?")
    return max(days)


def _env(work: Path, target: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "SHOPSCORE_WORK_DB": str(work / "shopscore.work.duckdb"),
        "SHOPSCORE_DB": str(work / "shopscore.duckdb"),
        "DBT_TARGET_PATH": str(target),
        "DBT_LOG_PATH": str(work / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    })
    return env


def _ratio(a: Measurement | None, b: Measurement | None, what: str = "wall_seconds") -> float | None:
    if a is None or b is None or a.returncode or b.returncode or not getattr(b, what):
        return None
    return getattr(a, what) / getattr(b, what)


def run_daily_benchmark(size: str = "10m", out_dir: Path = Path("bench_runs")) -> int:
    """Run (a), (b), (c) and the cold parse for one size; write the figures; 0 when every run succeeded."""
    from shopscore.generator.delivery import deliver_through

    orders = LADDER[size]
    out_dir = Path(out_dir).resolve()
    data_root = out_dir / "data"
    raw_dir, gen_seconds = ensure_dataset(size, orders, data_root)
    source, daily_gen_seconds = ensure_dataset(size, orders, data_root, daily=True)
    last = _last_partition(source)
    start, end = last - timedelta(days=29), last  # D-29 … D, D = the day after the data delivered through D-1

    base = out_dir / "runs" / f"daily-{size}"
    if base.exists():
        shutil.rmtree(base)
    delivered = base / "raw"
    deliver_through(source, delivered, last - timedelta(days=1))
    work = base / "warehouse"
    work.mkdir(parents=True)
    target = work / "target"
    env = _env(work, target)
    shopscore = [sys.executable, "-m", "shopscore.cli"]
    runs: dict[str, Measurement] = {}

    runs["dbt_parse_cold"] = measure(
        "dbt_parse_cold",
        [dbt_executable(), "parse", "--profiles-dir", str(PROJECT_DIR), "--project-dir", str(PROJECT_DIR),
         "--target-path", str(base / "dbt_parse_cold" / "target")],
        base / "dbt_parse_cold", env)
    runs["daily_full_30d"] = measure(
        "daily_full_30d",
        [*shopscore, "daily", "--raw-dir", str(delivered), "--full-refresh", "--start", start.isoformat(),
         "--end", end.isoformat()],
        base / "daily_full_30d", env)
    _add_run_results(runs["daily_full_30d"], target / "run_results.json", target / "manifest.json")
    added = deliver_through(source, delivered, last)
    runs["daily_1d"] = measure("daily_1d", [*shopscore, "daily", "--raw-dir", str(delivered)],
                               base / "daily_1d", env)
    _add_run_results(runs["daily_1d"], target / "run_results.json", target / "manifest.json")
    for span, (first, final) in {"1d": (last + timedelta(days=1), last + timedelta(days=1)),
                                 "30d": (start, end)}.items():
        run_dir = base / f"baseline_{span}"
        run_dir.mkdir(parents=True, exist_ok=True)
        runs[f"baseline_{span}"] = measure(
            f"baseline_{span}",
            [sys.executable, "-m", "shopscore.bench", "baseline", "--raw-dir", str(raw_dir),
             "--db", str(run_dir / "baseline.duckdb"), "--start", first.isoformat(), "--end", final.isoformat()],
            run_dir, dict(os.environ))

    a, b = runs["daily_full_30d"], runs["daily_1d"]
    targets = {
        "b_over_a_wall": _ratio(b, a),
        "b_over_baseline_1d_wall": _ratio(b, runs["baseline_1d"]),
        "a_over_baseline_30d_wall": _ratio(a, runs["baseline_30d"]),
    }
    result = {
        "size": size, "orders": orders, "shops": shops_for(orders), "days": DAYS, "seed": SEED,
        "score_dates_full": [start.isoformat(), end.isoformat()],
        "score_date_daily": (last + timedelta(days=1)).isoformat(),
        "files_added_for_daily": len(added),
        "generate_seconds": gen_seconds, "generate_daily_seconds": daily_gen_seconds,
        "machine": machine_info(), "runs": {name: asdict(m) for name, m in runs.items()}, "targets": targets,
    }
    (out_dir / f"daily-{size}.json").write_text(json.dumps(result, indent=2, default=str))
    (out_dir / f"daily-{size}.md").write_text(daily_markdown(result, runs))
    print(daily_markdown(result, runs))
    return 0 if all(m.returncode == 0 for m in runs.values()) else 1


def daily_markdown(result: dict[str, object], runs: dict[str, Measurement]) -> str:
    """The figures as a Markdown table, with the issue's three ratios."""
    lines = [
        f"### daily, {result['size']}: {result['orders']:,} orders, {result['shops']:,} shops, "
        f"{result['days']} days (--daily generation, seed {result['seed']})",
        "",
        "| run | exit | wall s | cpu s | peak RSS MB | models s | tests s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, m in runs.items():
        models = f"{m.models_seconds:.1f}" if m.models_seconds is not None else ""
        tests = f"{m.tests_seconds:.1f}" if m.tests_seconds is not None else ""
        lines.append(f"| {name} | {m.returncode} | {m.wall_seconds:.1f} | {m.cpu_seconds:.1f} | "
                     f"{m.peak_rss_mb:.0f} | {models} | {tests} |")
    targets = result["targets"]
    assert isinstance(targets, dict)

    def show(value: object) -> str:
        return f"{value:.2f}×" if isinstance(value, float) else "n/a (a run failed)"

    lines += [
        "",
        f"- (b) / (a) wall: {show(targets['b_over_a_wall'])} (target ≤ 0.10×)",
        f"- (b) / baseline_1d wall: {show(targets['b_over_baseline_1d_wall'])} (target ≤ 2×)",
        f"- (a) / baseline_30d wall: {show(targets['a_over_baseline_30d_wall'])} (target ≤ 1.5×)",
        "",
    ]
    return "\n".join(lines)
