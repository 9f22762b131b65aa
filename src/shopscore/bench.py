"""Benchmarks: time the dbt build of the pdd scores against a hand-written DuckDB baseline.

`run_benchmarks(sizes, out_dir)` walks a ladder of dataset sizes. For each size it generates a raw
dataset once (reused when present), then runs and measures, each in a fresh wrapper process:

* `dbt run` of the models the score marts need (after an untimed `dbt seed`), 1 and 30 score dates;
* `dbt build` of the pdd scores (seeds, staging, the pdd chain, their data and unit tests), 1 and 30 dates;
* the baseline (`baseline/pdd_baseline.sql`, SPEC §3-§4 written independently), 1 and 30 score dates.

Each run has its own DuckDB file, dbt target and log folders. The wrapper process runs the command as
its child and reports wall time, CPU time (user + sys of the child process tree) and peak RSS from
`resource.getrusage(RUSAGE_CHILDREN)`, so no peak carries over from one run to the next. After the runs
the baseline's tables are compared with the marts (pdd metric values, percentiles, totals, flags); any
disagreement beyond 1e-9 makes the benchmark fail loudly.

The module is also a small command line used by the harness itself:
`python -m shopscore.bench measure OUT.json -- CMD...` and
`python -m shopscore.bench baseline --raw-dir R --db F [--start D] [--end D]`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import string
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import duckdb

from shopscore.dbt import dbt_executable
from shopscore.paths import PROJECT_DIR
from shopscore.sqltext import sql_literal

SCHEME = "pdd"
TOLERANCE = 1e-9
DAYS = 120
SEED = 7
ORDERS_PER_SHOP = 200  # shops grow with orders, so per-shop volumes stay alike across sizes

# size name -> total orders over DAYS days
LADDER: dict[str, int] = {"small": 20_000, "100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}
# `make bench-small`: a smoke run of the whole harness (generate, dbt run, baseline, agreement) in about a minute.
QUICK_SIZE = "small"

# The dbt selection the pdd score marts need: every ancestor of the score marts (staging, metric and
# scoring models, seeds). The marts also carry the other schemes, whose models are ancestors too.
DBT_SELECT = ("+fct_shop_score_daily", "+fct_shop_metric_daily", "+fct_shop_dimension_score_daily",
              "+fct_shop_flag_daily")

FLAGS = (
    "eligible_billion_subsidy", "eligible_bargain", "eligible_checkin", "restricted", "intervention_priority",
    "evict_billion_subsidy", "evict_bargain", "evict_checkin",
)
FLAG_THRESHOLDS = (4.0, 3.5, 2.0, 3.0)


# --------------------------------------------------------------------------------------------------
# The baseline


def baseline_sql(raw_dir: Path, start: date | None, end: date | None, seeds_dir: Path | None = None) -> str:
    """The baseline script with its parameters filled in (None dates = SPEC §10 default).

    The configuration (weights, flag thresholds, scale, minimum volume) is read from the seed CSV files
    in seeds_dir (default: the project's seeds/), the same files dbt loads, so neither repeats them.
    """
    template = resources.files("shopscore").joinpath("baseline/pdd_baseline.sql").read_text(encoding="utf-8")

    def as_sql_date(value: date | None) -> str:
        return "null" if value is None else f"date '{value.isoformat()}'"

    raw = str(Path(raw_dir).resolve()).replace("'", "''")
    seeds = str(Path(seeds_dir or PROJECT_DIR / "seeds").resolve()).replace("'", "''")
    return string.Template(template).substitute(
        raw_dir=raw, seeds_dir=seeds, score_date_start=as_sql_date(start), score_date_end=as_sql_date(end)
    )


def run_baseline(raw_dir: Path, db_path: Path | str, start: date | None = None, end: date | None = None,
                 seeds_dir: Path | None = None) -> None:
    """Run the baseline into a DuckDB file (or ':memory:'), leaving its four pdd_* tables there."""
    con = duckdb.connect(str(db_path))
    try:
        con.execute(baseline_sql(raw_dir, start, end, seeds_dir))
    finally:
        con.close()


# --------------------------------------------------------------------------------------------------
# Agreement between the baseline and the marts


@dataclass(frozen=True)
class Comparison:
    """What to compare in one mart: its key, the columns, and which are floating point."""

    mart: str
    baseline_table: str
    key: tuple[str, ...]
    exact: tuple[str, ...]
    close: tuple[str, ...]


COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "fct_shop_score_daily", "pdd_shop_score_daily", ("score_date", "shop_id"),
        ("category_id", "peer_group_id", "peer_count", "score_status", "volume"), ("total_score",),
    ),
    Comparison(
        "fct_shop_metric_daily", "pdd_shop_metric_daily", ("score_date", "shop_id", "metric"),
        ("dimension", "peer_group_id", "peer_count"),
        ("numerator", "denominator", "value", "ranking_value", "percentile", "metric_score"),
    ),
    Comparison(
        "fct_shop_dimension_score_daily", "pdd_shop_dimension_score_daily", ("score_date", "shop_id", "dimension"),
        (), ("dimension_score",),
    ),
)


@dataclass
class Disagreement:
    """One value on which the two routes differ."""

    mart: str
    key: dict[str, Any]
    column: str
    dbt: Any
    baseline: Any

    def __str__(self) -> str:
        where = ", ".join(f"{k}={v}" for k, v in self.key.items())
        return f"{self.mart} [{where}] {self.column}: dbt={self.dbt!r} baseline={self.baseline!r}"


def _differs_sql(column: str, close: bool) -> str:
    d, b = f"d.{column}", f"b.{column}"
    if close:
        return (f"(({d} is null) <> ({b} is null) or abs(cast({d} as double) - cast({b} as double)) > {TOLERANCE}"
                f" or (isnan(cast({d} as double)) <> isnan(cast({b} as double))))")
    return f"({d} is distinct from {b})"


def compare_with_marts(warehouse_db: Path, baseline_db: Path, limit: int = 50) -> list[Disagreement]:
    """Every disagreement (up to `limit` per mart and column) between the marts' pdd rows and the baseline.

    Rows are matched on the score dates the baseline covers; a row on one side only is a disagreement
    (column '<row>'). Flags: a flag set on one side and unset or absent on the other; a flag whose
    shop's total is within 1e-9 of a threshold is reported only if the totals themselves disagree.
    """
    con = duckdb.connect()
    found: list[Disagreement] = []
    try:
        con.execute(f"attach {sql_literal(warehouse_db)} as w (read_only)")
        con.execute(f"attach {sql_literal(baseline_db)} as b (read_only)")
        dates = "(select distinct score_date from b.pdd_shop_score_daily)"
        for cmp in COMPARISONS:
            keys = list(cmp.key)
            on = " and ".join(f"d.{k} = b.{k}" for k in keys)
            dbt_rows = f"(select * from w.marts.{cmp.mart} where scheme = '{SCHEME}' and score_date in {dates})"
            base = f"b.{cmp.baseline_table}"
            checks = [("<row>", f"(d.{keys[0]} is null or b.{keys[0]} is null)")]
            checks += [(c, _differs_sql(c, False)) for c in cmp.exact]
            checks += [(c, _differs_sql(c, True)) for c in cmp.close]
            for column, condition in checks:
                key_cols = ", ".join(f"coalesce(d.{k}, b.{k}) as {k}" for k in keys)
                if column == "<row>":
                    values = "case when d.shop_id is null then 'missing' else 'present' end, " \
                             "case when b.shop_id is null then 'missing' else 'present' end"
                else:
                    values = f"d.{column}, b.{column}"
                rows = con.execute(
                    f"select {key_cols}, {values} from {dbt_rows} as d full outer join {base} as b on {on} "
                    f"where {condition} order by all limit {limit}"
                ).fetchall()
                for row in rows:
                    found.append(Disagreement(cmp.mart, dict(zip(keys, row[:len(keys)])), column,
                                              row[len(keys)], row[len(keys) + 1]))
        flag_rows = con.execute(
            f"""
            with d as (
                select score_date, shop_id, flag, is_set from w.marts.fct_shop_flag_daily
                where scheme = '{SCHEME}' and score_date in {dates}
            ),
            joined as (
                select coalesce(d.score_date, b.score_date) as score_date, coalesce(d.shop_id, b.shop_id) as shop_id,
                    coalesce(d.flag, b.flag) as flag, coalesce(d.is_set, false) as dbt_set,
                    coalesce(b.is_set, false) as baseline_set
                from d full outer join b.pdd_shop_flag_daily as b
                    on d.score_date = b.score_date and d.shop_id = b.shop_id and d.flag = b.flag
            )
            select joined.*, s.total_score
            from joined
            left join b.pdd_shop_score_daily as s
                on joined.score_date = s.score_date and joined.shop_id = s.shop_id
            where dbt_set <> baseline_set
            order by all limit {limit}
            """
        ).fetchall()
        for score_date, shop_id, flag, dbt_set, baseline_set, total in flag_rows:
            at_threshold = total is not None and any(abs(total - t) <= TOLERANCE for t in FLAG_THRESHOLDS)
            if not at_threshold:
                found.append(Disagreement("fct_shop_flag_daily",
                                          {"score_date": score_date, "shop_id": shop_id, "flag": flag},
                                          "is_set", dbt_set, baseline_set))
    finally:
        con.close()
    return found


# --------------------------------------------------------------------------------------------------
# Measuring one command in a fresh wrapper process


@dataclass
class Measurement:
    """What one measured command cost."""

    name: str
    command: list[str]
    returncode: int
    wall_seconds: float
    cpu_seconds: float
    user_seconds: float
    sys_seconds: float
    peak_rss_mb: float
    slowest_models: list[tuple[str, float]] = field(default_factory=list)
    models_seconds: float | None = None
    pdd_models_seconds: float | None = None
    tests_seconds: float | None = None


def _measure_child(command: Sequence[str], out_json: Path) -> int:
    """Run command as a child of this (fresh) process and write its cost as JSON. Used by `measure`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    returncode = subprocess.call(list(command))
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    user = after.ru_utime - before.ru_utime
    system = after.ru_stime - before.ru_stime
    out_json.write_text(json.dumps({
        "returncode": returncode, "wall_seconds": wall, "user_seconds": user, "sys_seconds": system,
        "cpu_seconds": user + system, "peak_rss_mb": after.ru_maxrss / 1024.0,  # Linux: KiB
    }))
    return returncode


def measure(name: str, command: Sequence[str], run_dir: Path, env: Mapping[str, str]) -> Measurement:
    """Measure command through a fresh `python -m shopscore.bench measure` process; output to run_dir/log."""
    run_dir.mkdir(parents=True, exist_ok=True)
    out_json = run_dir / "measure.json"
    wrapper = [sys.executable, "-m", "shopscore.bench", "measure", str(out_json), "--", *command]
    with open(run_dir / "output.log", "w", encoding="utf-8") as log:
        subprocess.run(wrapper, cwd=PROJECT_DIR, env=dict(env), stdout=log, stderr=subprocess.STDOUT, check=False)
    data = json.loads(out_json.read_text())
    result = Measurement(name=name, command=list(command), returncode=data["returncode"],
                         wall_seconds=data["wall_seconds"], cpu_seconds=data["cpu_seconds"],
                         user_seconds=data["user_seconds"], sys_seconds=data["sys_seconds"],
                         peak_rss_mb=data["peak_rss_mb"])
    run_results = run_dir / "target" / "run_results.json"
    if run_results.exists():
        _add_run_results(result, run_results, run_dir / "target" / "manifest.json")
    return result


# Model folders whose work the pdd scores do not need (with schemes [pdd] they are not selected at all).
NOT_PDD_FOLDERS = (
    "intermediate/douyin/", "intermediate/tmall/", "intermediate/service/", "intermediate/cs_kpi/", "marts/cs/",
)


def _add_run_results(result: Measurement, path: Path, manifest_path: Path) -> None:
    """Five slowest models; total model, pdd-chain model and test execution time, from dbt's artifacts."""
    items = json.loads(path.read_text())["results"]
    nodes = json.loads(manifest_path.read_text())["nodes"] if manifest_path.exists() else {}
    models = [(r["unique_id"], float(r["execution_time"])) for r in items if r["unique_id"].startswith("model.")]
    tests = [float(r["execution_time"]) for r in items if r["unique_id"].startswith(("test.", "unit_test."))]

    def is_pdd_chain(unique_id: str) -> bool:
        model_path = nodes.get(unique_id, {}).get("original_file_path", "")
        return not any(folder in model_path for folder in NOT_PDD_FOLDERS)

    result.slowest_models = [(uid.split(".")[-1], secs) for uid, secs in sorted(models, key=lambda m: -m[1])[:5]]
    result.models_seconds = sum(t for _, t in models)
    result.pdd_models_seconds = sum(t for uid, t in models if is_pdd_chain(uid)) if nodes else None
    result.tests_seconds = sum(tests) if tests else None


# --------------------------------------------------------------------------------------------------
# The ladder


@dataclass
class SizeResult:
    size: str
    orders: int
    shops: int
    raw_dir: str
    raw_mb: float
    latest_score_date: str
    generate_seconds: float | None
    runs: dict[str, Measurement]
    disagreements: dict[str, list[str]]


def shops_for(orders: int) -> int:
    return max(50, orders // ORDERS_PER_SHOP)


def ensure_dataset(size: str, orders: int, data_root: Path, daily: bool = False) -> tuple[Path, float | None]:
    """Generate the size's raw dataset unless a complete one is already there; return (dir, seconds).

    daily=False: final states (`<size>/raw`), what the baseline reads (it assumes clean, unversioned
    input). daily=True: the same seed delivered day by day with versions (`shopscore generate --daily`,
    `<size>/daily_source`), what the warehouse reads: SPEC §11's load cut-off per `dt=` partition would
    quarantine the final states of a row in its creation day's partition (a paid_at after that day).
    """
    raw_dir = data_root / size / ("daily_source" if daily else "raw")
    marker = data_root / size / ("daily_generated.json" if daily else "generated.json")
    params: dict[str, Any] = {"orders": orders, "shops": shops_for(orders), "days": DAYS, "seed": SEED}
    if daily:
        params["daily"] = True
    if marker.exists() and json.loads(marker.read_text()) == params and raw_dir.exists():
        return raw_dir, None
    if raw_dir.exists():
        shutil.rmtree(raw_dir)
    raw_dir.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    command = [sys.executable, "-m", "shopscore.cli", "generate", "--out", str(raw_dir), "--orders", str(orders),
               "--shops", str(params["shops"]), "--days", str(DAYS), "--seed", str(SEED), "--quiet"]
    subprocess.run(command + (["--daily"] if daily else []), cwd=PROJECT_DIR, check=True)
    seconds = time.perf_counter() - started
    marker.write_text(json.dumps(params))
    return raw_dir, seconds


def latest_score_date(raw_dir: Path) -> date:
    """SPEC §10 default score date: the day after the latest orders.created_at."""
    glob = str(raw_dir / "orders" / "**" / "*.parquet").replace("'", "''")
    value = duckdb.sql(
        f"select cast(max(created_at) as date) + 1 from read_parquet('{glob}', union_by_name = true, "
        "hive_partitioning = false)"
    ).fetchone()
    assert value is not None and value[0] is not None, f"no orders in {raw_dir}"
    return value[0]


def _dbt_command(verb: str, raw_dir: Path, start: date, end: date, select: bool = True,
                 all_schemes: bool = False) -> list[str]:
    cmd = [dbt_executable(), verb, "--profiles-dir", str(PROJECT_DIR), "--project-dir", str(PROJECT_DIR)]
    if select:
        # the pdd chain and, for `build`, only the tests whose every parent is in it
        cmd += ["--select", *DBT_SELECT, "--indirect-selection", "cautious"]
    dbt_vars: dict[str, Any] = {"raw_data_dir": str(raw_dir.resolve()), "score_date_start": start.isoformat(),
                                "score_date_end": end.isoformat()}
    if not all_schemes:
        # only the pdd scheme is unioned into the score marts, so dbt does the baseline's work, plus staging
        dbt_vars["schemes"] = [SCHEME]
    return cmd + ["--vars", json.dumps(dbt_vars)]


def _seed(run_dir: Path, env: Mapping[str, str], raw_dir: Path, day: date) -> None:
    """Seeds into the run's DuckDB file through another target folder, so that the timed run parses the
    project from scratch like every other measured dbt run."""
    seed_env = {**env, "DBT_TARGET_PATH": str(run_dir / "seed_target"), "DBT_LOG_PATH": str(run_dir / "seed_logs")}
    subprocess.run(_dbt_command("seed", raw_dir, day, day, select=False), cwd=PROJECT_DIR, env=seed_env,
                   stdout=subprocess.DEVNULL, check=True)


def _dbt_env(run_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "SHOPSCORE_WORK_DB": str(run_dir / "shopscore.duckdb"),
        "DBT_TARGET_PATH": str(run_dir / "target"),
        "DBT_LOG_PATH": str(run_dir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    })
    return env


def _fresh(run_dir: Path) -> Path:
    if run_dir.exists():
        shutil.rmtree(run_dir)
    run_dir.mkdir(parents=True)
    return run_dir


def bench_size(size: str, out_dir: Path) -> SizeResult:
    """Generate (or reuse) one size, run the six measured runs, compare baseline and marts."""
    orders = LADDER[size]
    # the baseline reads the final states, dbt the same platform as delivered day by day (SPEC §11)
    raw_dir, generate_seconds = ensure_dataset(size, orders, out_dir / "data")
    delivered_dir, _ = ensure_dataset(size, orders, out_dir / "data", daily=True)
    last = latest_score_date(raw_dir)
    spans = {"1d": (last, last), "30d": (last - timedelta(days=29), last)}
    # The smoke size keeps the harness from rotting in about a minute: one date, no parse or build runs.
    quick = size == QUICK_SIZE
    if quick:
        del spans["30d"]
    runs: dict[str, Measurement] = {}
    disagreements: dict[str, list[str]] = {}
    # dbt's fixed cost: parsing the project into a fresh target folder, as every measured dbt run does
    if not quick:
        parse_dir = _fresh(out_dir / "runs" / size / "dbt_parse")
        runs["dbt_parse"] = _report(measure("dbt_parse", _dbt_command("parse", delivered_dir, last, last, select=False),
                                            parse_dir, _dbt_env(parse_dir)))
    for span, (start, end) in spans.items():
        # dbt run: seeds loaded first, untimed, into the run's own file
        run_dir = _fresh(out_dir / "runs" / size / f"dbt_run_{span}")
        env = _dbt_env(run_dir)
        _seed(run_dir, env, delivered_dir, end)
        runs[f"dbt_run_{span}"] = _report(measure(f"dbt_run_{span}", _dbt_command("run", delivered_dir, start, end),
                                                  run_dir, env))
        if span == "1d":
            # every scheme, the CS KPIs and every mart: the whole project as a daily run builds it, so that
            # the douyin, tmall and shared models are timed too (not compared: the baseline is pdd's)
            all_dir = _fresh(out_dir / "runs" / size / "dbt_run_all_1d")
            all_env = _dbt_env(all_dir)
            _seed(all_dir, all_env, delivered_dir, end)
            runs["dbt_run_all_1d"] = _report(measure(
                "dbt_run_all_1d", _dbt_command("run", delivered_dir, start, end, select=False, all_schemes=True),
                all_dir, all_env))
        # dbt build of the pdd scores: seeds, the pdd chain and its data and unit tests
        if not quick:
            build_dir = _fresh(out_dir / "runs" / size / f"dbt_build_{span}")
            runs[f"dbt_build_{span}"] = _report(measure(
                f"dbt_build_{span}", _dbt_command("build", delivered_dir, start, end), build_dir, _dbt_env(build_dir)))
        base_dir = _fresh(out_dir / "runs" / size / f"baseline_{span}")
        command = [sys.executable, "-m", "shopscore.bench", "baseline", "--raw-dir", str(raw_dir),
                   "--db", str(base_dir / "baseline.duckdb"), "--start", start.isoformat(),
                   "--end", end.isoformat()]
        runs[f"baseline_{span}"] = _report(measure(f"baseline_{span}", command, base_dir, dict(os.environ)))
        if runs[f"dbt_run_{span}"].returncode == 0 and runs[f"baseline_{span}"].returncode == 0:
            found = compare_with_marts(run_dir / "shopscore.duckdb", base_dir / "baseline.duckdb")
            disagreements[span] = [str(d) for d in found]
        else:
            disagreements[span] = ["not compared: a run failed"]
    raw_mb = sum(p.stat().st_size for p in raw_dir.rglob("*.parquet")) / 2**20
    return SizeResult(size=size, orders=orders, shops=shops_for(orders), raw_dir=str(raw_dir), raw_mb=raw_mb,
                      latest_score_date=last.isoformat(), generate_seconds=generate_seconds, runs=runs,
                      disagreements=disagreements)


def _report(m: Measurement) -> Measurement:
    status = "ok" if m.returncode == 0 else f"FAILED (exit {m.returncode})"
    print(f"    {m.name:<14} wall {m.wall_seconds:8.1f} s  cpu {m.cpu_seconds:8.1f} s  "
          f"peak {m.peak_rss_mb:8.0f} MB  {status}", flush=True)
    return m


# --------------------------------------------------------------------------------------------------
# Reports


def machine_info() -> dict[str, Any]:
    """nproc, memory, CPU model and the versions that matter."""
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "nproc": os.cpu_count(), "memory_gib": round(mem_gib, 1), "cpu_model": cpu,
        "python": platform.python_version(), "duckdb": duckdb.__version__,
        "dbt": f"dbt-core {metadata.version('dbt-core')}, dbt-duckdb {metadata.version('dbt-duckdb')}",
        "platform": platform.platform(),
    }


def size_markdown(result: SizeResult) -> str:
    """A Markdown table of one size's runs."""
    r = result.runs
    lines = [
        f"### {result.size}: {result.orders:,} orders, {result.shops:,} shops, {DAYS} days "
        f"({result.raw_mb:.0f} MB Parquet); score dates end {result.latest_score_date}",
        "",
        "| run | wall s | cpu s | peak RSS MB | models s | pdd-chain models s | tests s | wall / baseline "
        "| cpu / baseline |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, m in r.items():
        span = name.rsplit("_", 1)[1]
        base = r.get(f"baseline_{span}") if name != "dbt_parse" else None
        ratio = f"{m.wall_seconds / base.wall_seconds:.2f}" if base and base.wall_seconds > 0 else ""
        cpu_ratio = f"{m.cpu_seconds / base.cpu_seconds:.2f}" if base and base.cpu_seconds > 0 else ""
        fmt = lambda v: "" if v is None else f"{v:.1f}"  # noqa: E731
        status = "" if m.returncode == 0 else " (FAILED)"
        lines.append(f"| {name}{status} | {m.wall_seconds:.1f} | {m.cpu_seconds:.1f} | {m.peak_rss_mb:.0f} | "
                     f"{fmt(m.models_seconds)} | {fmt(m.pdd_models_seconds)} | {fmt(m.tests_seconds)} | {ratio} "
                     f"| {cpu_ratio} |")
    lines.append("")
    for name in ("dbt_run_1d", "dbt_run_all_1d", "dbt_run_30d"):
        if name in r and r[name].slowest_models:
            slow = ", ".join(f"{model} {secs:.1f} s" for model, secs in r[name].slowest_models)
            lines.append(f"Five slowest models, {name}: {slow}.")
    lines.append("")
    for span, found in result.disagreements.items():
        lines.append(f"Agreement {span}: " + ("baseline = marts (every pdd metric, percentile, score, flag)"
                                             if not found else f"{len(found)} DISAGREEMENTS, first: {found[0]}"))
    return "\n".join(lines) + "\n"


def _parse_sizes(sizes: str) -> list[str]:
    names = [s.strip().lower() for s in sizes.split(",") if s.strip()]
    unknown = [s for s in names if s not in LADDER]
    if unknown:
        raise ValueError(f"unknown size(s) {unknown}; known: {', '.join(LADDER)}")
    return names


def run_benchmarks(sizes: str = "100k,1m,10m", out_dir: Path = Path("bench_runs")) -> int:
    """Run the ladder; write results-<size>.json/.md and summary.md into out_dir. 0 = all ran and agreed."""
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        names = _parse_sizes(sizes)
    except ValueError as error:
        print(f"shopscore bench: {error}", file=sys.stderr)
        return 2
    info = machine_info()
    print(f"machine: {info['nproc']} cpus, {info['memory_gib']} GiB, {info['cpu_model']}; duckdb {info['duckdb']}",
          flush=True)
    failed = False
    sections: list[str] = []
    for size in names:
        print(f"==> {size} ({LADDER[size]:,} orders)", flush=True)
        result = bench_size(size, out_dir)
        (out_dir / f"results-{size}.json").write_text(
            json.dumps({"machine": info, **asdict(result)}, indent=2, default=str))
        section = size_markdown(result)
        (out_dir / f"results-{size}.md").write_text(section)
        sections.append(section)
        print(section, flush=True)
        for span, found in result.disagreements.items():
            if found:
                failed = True
                print(f"!!! {size} {span}: baseline and marts DISAGREE ({len(found)} shown):", file=sys.stderr)
                for line in found[:20]:
                    print(f"    {line}", file=sys.stderr)
        if any(m.returncode != 0 for m in result.runs.values()):
            failed = True
            print(f"!!! {size}: a run failed; see {out_dir / 'runs' / size}/*/output.log", file=sys.stderr)
    header = (f"# shopscore benchmark\n\nMachine: {info['nproc']} cpus, {info['memory_gib']} GiB, {info['cpu_model']};"
              f" Python {info['python']}, DuckDB {info['duckdb']}, {info['dbt']}\n\n")
    (out_dir / "summary.md").write_text(header + "\n".join(sections))
    print(f"results in {out_dir}", flush=True)
    return 1 if failed else 0


# --------------------------------------------------------------------------------------------------
# Command line used by the harness


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shopscore.bench")
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("measure", help="run a command as a child and write its cost as JSON")
    m.add_argument("out_json")
    m.add_argument("cmd", nargs=argparse.REMAINDER)
    b = sub.add_parser("baseline", help="run the pdd baseline SQL into a DuckDB file")
    b.add_argument("--raw-dir", required=True)
    b.add_argument("--db", required=True)
    b.add_argument("--start", type=date.fromisoformat)
    b.add_argument("--end", type=date.fromisoformat)
    args = parser.parse_args(argv)
    if args.command == "measure":
        cmd = args.cmd[1:] if args.cmd and args.cmd[0] == "--" else args.cmd
        return _measure_child(cmd, Path(args.out_json))
    run_baseline(Path(args.raw_dir), Path(args.db), args.start, args.end)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
