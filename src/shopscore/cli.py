"""The `shopscore` command line: generate demo data, build, check and summarise the warehouse, benchmark."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from shopscore.paths import DEFAULT_RAW_DIR, PROJECT_DIR, warehouse_path

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
    from shopscore.dbt import DbtError, run_dbt

    dbt_vars: dict[str, str] = {"raw_data_dir": str(Path(raw_dir).resolve())}
    if start:
        dbt_vars["score_date_start"] = start
    if end:
        dbt_vars["score_date_end"] = end
    try:
        run_dbt(["build"], db_path=warehouse_path(), dbt_vars=dbt_vars)
    except DbtError as error:
        click.echo(f"shopscore: {error}", err=True)
        return 1
    return 0


def _check() -> int:
    from shopscore.quality import run_suite

    return 0 if run_suite(warehouse_path()).success else 1


def _summary() -> int:
    from shopscore.summary import print_summary

    print_summary(warehouse_path())
    return 0


def _docs(raw_dir: str) -> int:
    from shopscore.dbt import DbtError, run_dbt

    try:
        # --static also writes static_index.html, one file that opens without a server.
        run_dbt(["docs", "generate", "--static"], db_path=warehouse_path(),
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


@main.command("build", help="dbt build the warehouse from a raw folder")
@click.option("--raw-dir", default=str(DEFAULT_RAW_DIR), show_default=True)
@click.option("--start", default=None, help="first score date, YYYY-MM-DD")
@click.option("--end", default=None, help="last score date, YYYY-MM-DD")
def build_command(raw_dir: str, start: str | None, end: str | None) -> None:
    sys.exit(_build(raw_dir, start, end))


@main.command("check", help="run the Great Expectations suite over the published marts")
def check_command() -> None:
    sys.exit(_check())


@main.command("summary", help="print where the warehouse stands for its latest score date")
def summary_command() -> None:
    sys.exit(_summary())


@main.command("run", help="the main job: generate demo data, build, check, summarise")
@click.option("--raw-dir", default=str(DEFAULT_RAW_DIR), show_default=True)
@click.option("--quiet", is_flag=True, help="no progress display")
@click.option("--clean-data", is_flag=True, help="demo data without planted bad rows")
@_generate_options
def run_command(raw_dir: str, quiet: bool, clean_data: bool, bad_rows: bool, **shape: Any) -> None:
    """The main job: demo data, dbt build, data checks, summary."""
    out = DEFAULT_RAW_DIR if not Path(raw_dir).is_absolute() else Path(raw_dir)
    raw = PROJECT_DIR / out if not out.is_absolute() else out
    # The demo plants every kind of bad row (SPEC §9) unless asked not to, so the summary shows
    # quarantine at work; the published scores are the same either way.
    click.echo(f"==> generating demo data in {raw}")
    if _generate(raw, quiet=quiet, bad_rows=not clean_data, **shape) != 0:
        sys.exit(1)
    click.echo(f"==> dbt build into {warehouse_path()}")
    if _build(str(raw)) != 0:
        sys.exit(1)
    click.echo("==> dbt docs generate (the docs site and its catalog; `make docs` serves them)")
    if _docs(str(raw)) != 0:
        sys.exit(1)
    click.echo("==> data-quality checks on the published marts (Great Expectations)")
    checks_ok = _check() == 0
    click.echo("==> where the warehouse stands")
    _summary()
    sys.exit(0 if checks_ok else 1)


@main.command("explain", help="one shop's card: score, peers, core problems, what to fix first")
@click.argument("shop_id")
@click.option("--scheme", default="pdd", show_default=True, help="pdd, douyin or tmall")
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
def bench_command(sizes: str, out_dir: str) -> None:
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
