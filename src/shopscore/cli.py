"""The `shopscore` command line: generate demo data, the daily run (build, check, publish), summary, benchmarks."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from shopscore.paths import DEFAULT_RAW_DIR, DEMO_RAW_DIR, PROJECT_DIR, warehouse_path, work_db_path

# The demo dataset `make run` builds: long-tailed shops over four months, ending on a fixed date so the
# data (and so every score) is the same on every machine.
DEMO_SHOPS = 400
DEMO_DAYS = 120
DEMO_SEED = 20261123
DEMO_END_DATE = date(2026, 10, 31)


class IsoDate(click.ParamType):
    """A YYYY-MM-DD option value, as a `datetime.date`."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date YYYY-MM-DD", param, ctx)


ISO_DATE = IsoDate()


def _generate_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options `generate` and `run` share (the synthetic dataset's shape)."""
    options = [
        click.option("--shops", type=int, default=DEMO_SHOPS, show_default=True, help="number of shops"),
        click.option("--days", type=int, default=DEMO_DAYS, show_default=True, help="days of history"),
        click.option("--seed", type=int, default=DEMO_SEED, show_default=True, help="random seed"),
        click.option("--orders", type=int, default=None,
                     help="total orders to spread over the shops (default: from shop sizes)"),
        click.option("--end-date", type=ISO_DATE, default=DEMO_END_DATE, show_default=True,
                     help="last day of generated orders, YYYY-MM-DD"),
        click.option("--bad-rows", is_flag=True, help="plant every kind of bad row of SPEC §9"),
        click.option("--daily", is_flag=True,
                     help="deliver as daily dt= partitions of the rows created or changed that day (SPEC §11)"),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _generate(out: Path, *, shops: int, days: int, seed: int, orders: int | None, end_date: date,
              bad_rows: bool, quiet: bool, daily: bool = False) -> int:
    from shopscore.generate import GeneratorConfig, OutputFolderError, generate

    config = GeneratorConfig(shops=shops, days=days, seed=seed, orders=orders, end_date=end_date, bad_rows=bad_rows,
                             daily=daily)
    try:
        generate(out, config, progress=not quiet)
    except OutputFolderError as error:
        click.echo(f"shopscore generate: {error}", err=True)
        return 2
    return 0


def _build(raw_dir: str, start: str | None = None, end: str | None = None) -> int:
    """dbt build into the WORKING database; dbt's own exit code (1 failures, 2 dbt could not run) passes through."""
    from shopscore.dbt import DbtError, run_dbt

    dbt_vars: dict[str, str] = {"raw_data_dir": str(Path(raw_dir).resolve())}
    if start:
        dbt_vars["score_date_start"] = start
    if end:
        dbt_vars["score_date_end"] = end
    try:
        run_dbt(["build"], db_path=work_db_path(), dbt_vars=dbt_vars)
    except DbtError as error:
        click.echo(f"shopscore: {error}", err=True)
        return error.returncode or 1
    return 0


def _check(working: bool = False) -> int:
    from shopscore.quality import run_suite

    return 0 if run_suite(work_db_path() if working else warehouse_path()).success else 1


def _summary() -> int:
    from shopscore.summary import print_summary

    return print_summary(warehouse_path(), work_db=work_db_path())


def _docs(raw_dir: str) -> int:
    from shopscore.dbt import DbtError, run_dbt

    try:
        # --static also writes static_index.html, one file that opens without a server.
        run_dbt(["docs", "generate", "--static"], db_path=work_db_path(),
                dbt_vars={"raw_data_dir": str(Path(raw_dir).resolve())})
    except DbtError as error:
        click.echo(f"shopscore: {error}", err=True)
        return 1
    return 0


@click.group(help=__doc__, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """The `shopscore` group; each subcommand exits with its own code."""


@main.command("generate", help="write a synthetic platform's raw Parquet tables")
@click.option("--out", required=True, help="folder to write the 14 table folders into")
@click.option("--quiet", is_flag=True, help="no progress display")
@_generate_options
def generate_command(out: str, quiet: bool, **shape: Any) -> None:
    sys.exit(_generate(Path(out), quiet=quiet, **shape))


@main.command("build", help="dbt build into the WORKING database ($SHOPSCORE_WORK_DB); publishes nothing "
              "(`shopscore daily` does). Exits with dbt's own code.")
@click.option("--raw-dir", default=str(DEFAULT_RAW_DIR), show_default=True)
@click.option("--start", default=None, help="first score date, YYYY-MM-DD")
@click.option("--end", default=None, help="last score date, YYYY-MM-DD")
def build_command(raw_dir: str, start: str | None, end: str | None) -> None:
    sys.exit(_build(raw_dir, start, end))


@main.command("check", help="run the Great Expectations suite over the published marts ($SHOPSCORE_DB)")
@click.option("--working", is_flag=True, help="check the working database ($SHOPSCORE_WORK_DB) instead")
def check_command(working: bool) -> None:
    sys.exit(_check(working))


@main.command("summary", help="where the warehouse stands for its latest published score date, and the last "
              "daily runs; exits 1 when there is no published file")
def summary_command() -> None:
    sys.exit(_summary())


@main.command("daily", help="the scheduled run: load new files, build the dates due and test them in the working "
              "database, then publish $SHOPSCORE_DB atomically and print the summary. Exit 0 only when it "
              "published: 2 bad input or setting, 3 tests failed, 4 build failed, 5 publish failed, 6 another run "
              "in progress, 1 unexpected; any non-zero exit published nothing.")
@click.option("--raw-dir", default=str(DEFAULT_RAW_DIR), show_default=True, help="the delivery folder")
@click.option("--start", type=ISO_DATE, default=None, help="first score date (with --end; default: the dates due)")
@click.option("--end", type=ISO_DATE, default=None, help="last score date (with --start)")
@click.option("--full-refresh", is_flag=True, help="reload every raw file and rebuild every published date")
@click.option("--reload", "reload_tables", multiple=True, metavar="TABLE",
              help="re-stage TABLE from all its files (after a loaded file changed); repeatable")
def daily_command(raw_dir: str, start: date | None, end: date | None, full_refresh: bool,
                  reload_tables: tuple[str, ...]) -> None:
    sys.exit(_daily(Path(raw_dir), start=start, end=end, full_refresh=full_refresh, reload_tables=reload_tables))


def _daily(raw_dir: Path, **options: Any) -> int:
    from shopscore.daily import DailyOptions, run_daily

    raw = raw_dir if raw_dir.is_absolute() else Path.cwd() / raw_dir
    return run_daily(DailyOptions(raw_dir=raw, **options))


@main.command("run", help="the demo: deliver a generated platform day by day into data/demo, a catch-up daily run "
              "over all days but the last, one more daily run for the last day, the docs and the summary")
@click.option("--quiet", is_flag=True, help="no progress display")
@click.option("--clean-data", is_flag=True, help="demo data without planted bad rows")
@click.option("--catch-up-days", type=int, default=7, show_default=True,
              help="score dates the first (catch-up) run builds, so the scorecards' 7-day change has history")
@_generate_options
def run_command(quiet: bool, clean_data: bool, bad_rows: bool, catch_up_days: int, **shape: Any) -> None:
    """The demo of the daily cycle: generate, deliver, daily (catch-up), deliver one day, daily, docs, summary."""
    from shopscore.demo import run_demo

    shape.pop("daily", None)  # the demo always generates day by day (--daily)
    sys.exit(run_demo(quiet=quiet, bad_rows=not clean_data, catch_up_days=catch_up_days, **shape))


@main.command("explain", help="one shop's card: score, peers, core problems, what to fix first")
@click.argument("shop_id")
@click.option("--scheme", default="pdd", show_default=True,
              help="a scheme the warehouse scores: pdd, douyin, tmall, or one added (seed scheme_settings)")
@click.option("--date", "score_date", type=ISO_DATE, default=None,
              help="score date YYYY-MM-DD (default: the latest built)")
def explain_command(shop_id: str, scheme: str, score_date: date | None) -> None:
    from shopscore.explain import ExplainError, explain

    try:
        click.echo(explain(warehouse_path(), shop_id, scheme=scheme, score_date=score_date))
    except ExplainError as error:
        click.echo(f"shopscore explain: {error}", err=True)
        sys.exit(2)
    sys.exit(0)


@main.command("bench", help="benchmark dbt build against a hand-written DuckDB baseline")
@click.option("--sizes", default="100k,1m,10m", show_default=True, help="comma list of ladder sizes, or 'small'")
@click.option("--out-dir", default="bench_runs", show_default=True)
@click.option("--daily", is_flag=True,
              help="the daily-operation runs instead (SPEC §11): a 30-date full build and one daily run of "
                   "`shopscore daily` against the baseline, per size (shopscore.bench_daily)")
def bench_command(sizes: str, out_dir: str, daily: bool) -> None:
    if daily:
        from shopscore.bench_daily import run_daily_benchmark

        sys.exit(max(run_daily_benchmark(size.strip(), Path(out_dir)) for size in sizes.split(",")))
    from shopscore.bench import run_benchmarks

    sys.exit(run_benchmarks(sizes=sizes, out_dir=Path(out_dir)))


@main.command("dashboard", help="serve the Streamlit dashboard over $SHOPSCORE_DB, read-only")
@click.option("--port", type=int, default=8501, show_default=True)
@click.option("--address", default="127.0.0.1", show_default=True, help="address to listen on")
def dashboard_command(port: int, address: str) -> None:
    from shopscore.dashboard.server import serve

    click.echo(f"==> dashboard on http://{address}:{port} reading {warehouse_path()} (read-only)")
    sys.exit(serve(port=port, address=address))


if __name__ == "__main__":
    main(prog_name="shopscore")
