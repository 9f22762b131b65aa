"""The `shopscore` command line: generate demo data, build, check and summarise the warehouse, benchmark."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from shopscore.paths import DEFAULT_RAW_DIR, PROJECT_DIR, warehouse_path

# The demo dataset `make run` builds: long-tailed shops over four months, ending on a fixed date so the
# data (and so every score) is the same on every machine.
DEMO_SHOPS = 400
DEMO_DAYS = 120
DEMO_SEED = 20261123
DEMO_END_DATE = date(2026, 10, 31)


def _add_generate_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--shops", type=int, default=DEMO_SHOPS, help="number of shops (default %(default)s)")
    parser.add_argument("--days", type=int, default=DEMO_DAYS, help="days of history (default %(default)s)")
    parser.add_argument("--seed", type=int, default=DEMO_SEED, help="random seed (default %(default)s)")
    parser.add_argument(
        "--orders", type=int, default=None, help="total orders to spread over the shops (default: from shop sizes)"
    )
    parser.add_argument(
        "--end-date",
        type=date.fromisoformat,
        default=DEMO_END_DATE,
        help="last day of generated orders, YYYY-MM-DD (default %(default)s)",
    )
    parser.add_argument("--bad-rows", action="store_true", help="plant every kind of bad row of SPEC §9")


def _cmd_generate(args: argparse.Namespace) -> int:
    from shopscore.generate import GeneratorConfig, generate

    config = GeneratorConfig(
        shops=args.shops,
        days=args.days,
        seed=args.seed,
        orders=args.orders,
        end_date=args.end_date,
        bad_rows=args.bad_rows,
    )
    generate(Path(args.out), config, progress=not args.quiet)
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from shopscore.dbt import DbtError, run_dbt

    dbt_vars: dict[str, str] = {"raw_data_dir": str(Path(args.raw_dir).resolve())}
    if args.start:
        dbt_vars["score_date_start"] = args.start
    if args.end:
        dbt_vars["score_date_end"] = args.end
    try:
        run_dbt(["build"], db_path=warehouse_path(), dbt_vars=dbt_vars)
    except DbtError as error:
        print(f"shopscore: {error}", file=sys.stderr)
        return 1
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from shopscore.quality import run_suite

    return 0 if run_suite(warehouse_path()).success else 1


def _cmd_summary(args: argparse.Namespace) -> int:
    from shopscore.summary import print_summary

    print_summary(warehouse_path())
    return 0


def _cmd_docs(args: argparse.Namespace) -> int:
    from shopscore.dbt import DbtError, run_dbt

    try:
        # --static also writes static_index.html, one file that opens without a server.
        run_dbt(["docs", "generate", "--static"], db_path=warehouse_path(),
                dbt_vars={"raw_data_dir": str(Path(args.raw_dir).resolve())})
    except DbtError as error:
        print(f"shopscore: {error}", file=sys.stderr)
        return 1
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    """The main job: demo data, dbt build, data checks, summary."""
    args.out = str(DEFAULT_RAW_DIR if not Path(args.raw_dir).is_absolute() else args.raw_dir)
    raw_dir = PROJECT_DIR / args.out if not Path(args.out).is_absolute() else Path(args.out)
    args.out = str(raw_dir)
    args.raw_dir = str(raw_dir)
    args.start = args.end = None
    # The demo plants every kind of bad row (SPEC §9) unless asked not to, so the summary shows
    # quarantine at work; the published scores are the same either way.
    args.bad_rows = not args.clean_data
    print(f"==> generating demo data in {raw_dir}", flush=True)
    if _cmd_generate(args) != 0:
        return 1
    print(f"==> dbt build into {warehouse_path()}", flush=True)
    if _cmd_build(args) != 0:
        return 1
    print("==> dbt docs generate (the docs site and its catalog; `make docs` serves them)", flush=True)
    if _cmd_docs(args) != 0:
        return 1
    print("==> data-quality checks on the published marts (Great Expectations)", flush=True)
    checks_ok = _cmd_check(args) == 0
    print("==> where the warehouse stands", flush=True)
    _cmd_summary(args)
    return 0 if checks_ok else 1


def _cmd_explain(args: argparse.Namespace) -> int:
    from shopscore.explain import ExplainError, explain

    try:
        print(explain(warehouse_path(), args.shop_id, scheme=args.scheme, score_date=args.date))
    except ExplainError as error:
        print(f"shopscore explain: {error}", file=sys.stderr)
        return 2
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    from shopscore.bench import run_benchmarks

    return run_benchmarks(sizes=args.sizes, out_dir=Path(args.out_dir))


def _cmd_dashboard(args: argparse.Namespace) -> int:
    from shopscore.dashboard.server import serve

    print(f"==> dashboard on http://{args.address}:{args.port} reading {warehouse_path()} (read-only)", flush=True)
    return serve(port=args.port, address=args.address)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="shopscore", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    gen = sub.add_parser("generate", help="write a synthetic platform's raw Parquet tables")
    gen.add_argument("--out", required=True, help="folder to write the 14 table folders into")
    gen.add_argument("--quiet", action="store_true", help="no progress display")
    _add_generate_args(gen)
    gen.set_defaults(func=_cmd_generate)

    build = sub.add_parser("build", help="dbt build the warehouse from a raw folder")
    build.add_argument("--raw-dir", default=str(DEFAULT_RAW_DIR))
    build.add_argument("--start", help="first score date, YYYY-MM-DD")
    build.add_argument("--end", help="last score date, YYYY-MM-DD")
    build.set_defaults(func=_cmd_build)

    check = sub.add_parser("check", help="run the Great Expectations suite over the published marts")
    check.set_defaults(func=_cmd_check)

    summary = sub.add_parser("summary", help="print where the warehouse stands for its latest score date")
    summary.set_defaults(func=_cmd_summary)

    run = sub.add_parser("run", help="the main job: generate demo data, build, check, summarise")
    run.add_argument("--raw-dir", default=str(DEFAULT_RAW_DIR))
    run.add_argument("--quiet", action="store_true")
    run.add_argument("--clean-data", action="store_true", help="demo data without planted bad rows")
    _add_generate_args(run)
    run.set_defaults(func=_cmd_run)

    explain = sub.add_parser("explain", help="one shop's card: score, peers, core problems, what to fix first")
    explain.add_argument("shop_id", help="shop id as in marts.dim_shops")
    explain.add_argument("--scheme", default="pdd", help="pdd, douyin or tmall (default %(default)s)")
    explain.add_argument("--date", type=date.fromisoformat, default=None,
                         help="score date YYYY-MM-DD (default: the latest built)")
    explain.set_defaults(func=_cmd_explain)

    bench = sub.add_parser("bench", help="benchmark dbt build against a hand-written DuckDB baseline")
    bench.add_argument("--sizes", default="100k,1m,10m", help="comma list of ladder sizes, or 'small'")
    bench.add_argument("--out-dir", default="bench_runs")
    bench.set_defaults(func=_cmd_bench)

    dashboard = sub.add_parser("dashboard", help="serve the Streamlit dashboard over $SHOPSCORE_DB, read-only")
    dashboard.add_argument("--port", type=int, default=8501)
    dashboard.add_argument("--address", default="127.0.0.1", help="address to listen on (default %(default)s)")
    dashboard.set_defaults(func=_cmd_dashboard)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
