"""`make run` / `shopscore run`: the daily cycle on a generated platform, as a scheduler would see it.

1. Generate a deterministic platform with `shopscore generate --daily` into `data/demo-generation/`
   (every day's partition, as the platform will deliver them).
2. Deliver it into `shopscore.paths.DEMO_RAW_DIR` (`data/demo/`, apart from a user's `data/raw/`) through
   the day before the last (`shopscore.generator.delivery.deliver_through`), then run `shopscore daily`
   as a catch-up that builds a week of score dates, so the scorecards' 7-day change has history.
3. Deliver the last day and run `shopscore daily` again with its default dates: it builds the one new
   score date and publishes it.
4. Generate the dbt docs site over the working database.

Each run starts from a fresh working database (the demo's own runs log).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import click

from shopscore.generator.delivery import deliver_through
from shopscore.paths import DEMO_RAW_DIR, PROJECT_DIR, warehouse_path, work_db_path

GENERATION_DIR = Path("data/demo-generation")
DEMO_MARK = ".shopscore-demo"


def generate_into(out: Path, *, daily: bool, quiet: bool, bad_rows: bool, shops: int, days: int, seed: int,
              orders: int | None, end_date: date) -> None:
    cmd = [sys.executable, "-m", "shopscore.cli", "generate", "--out", str(out), "--shops", str(shops),
           "--days", str(days), "--seed", str(seed), "--end-date", end_date.isoformat()]
    cmd += ["--orders", str(orders)] if orders else []
    cmd += ["--bad-rows"] if bad_rows else []
    cmd += ["--daily"] if daily else []
    cmd += ["--quiet"] if quiet else []
    subprocess.run(cmd, check=True)


def _fresh_delivery_folder(folder: Path) -> None:
    """Empty the demo's delivery folder, but only one the demo made (never a user's data)."""
    if folder.exists() and any(folder.iterdir()):
        if not (folder / DEMO_MARK).exists():
            raise click.ClickException(
                f"{folder} holds files the demo did not write: move them away (the demo delivers into it)"
            )
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / DEMO_MARK).write_text("written by `shopscore run` (make run): demo deliveries, safe to delete\n")


def _deliver(source: Path, target: Path, day: date) -> None:
    added = deliver_through(source, target, day)
    click.echo(f"==> delivered {len(added)} files through {day} into {target}", err=True)


def run_demo(*, quiet: bool, bad_rows: bool, catch_up_days: int, shops: int, days: int, seed: int,
             orders: int | None, end_date: date) -> int:
    from shopscore.daily import DailyOptions, run_daily

    generation, delivered = PROJECT_DIR / GENERATION_DIR, PROJECT_DIR / DEMO_RAW_DIR
    click.echo(f"==> generating the demo platform into {generation} "
               "(--daily: versions in the partition of the day they changed)", err=True)
    generate_into(generation, daily=True, quiet=quiet, bad_rows=bad_rows, shops=shops, days=days, seed=seed,
              orders=orders, end_date=end_date)
    _fresh_delivery_folder(delivered)
    work = work_db_path()
    for leftover in (work, work.with_name(work.name + ".wal")):
        leftover.unlink(missing_ok=True)  # the demo starts a fresh working database and runs log

    last_day = end_date
    _deliver(generation, delivered, last_day - timedelta(days=1))
    # Score date D reads data before D: deliveries through day L give score dates up to L + 1.
    first_date = last_day - timedelta(days=catch_up_days - 1)
    click.echo(f"==> daily run 1 (catch-up): score dates {first_date} .. {last_day}", err=True)
    code = run_daily(DailyOptions(raw_dir=delivered, start=first_date, end=last_day))
    if code != 0:
        return code
    _deliver(generation, delivered, last_day)
    click.echo("==> daily run 2: the next day with its default dates (what the scheduler runs each morning)",
               err=True)
    code = run_daily(DailyOptions(raw_dir=delivered))
    if code != 0:
        return code
    click.echo("==> dbt docs generate (the docs site over the working database; `make docs` serves it)", err=True)
    from shopscore.dbt import DbtError, run_dbt

    try:
        run_dbt(["docs", "generate", "--static"], db_path=work, dbt_vars={"raw_data_dir": str(delivered)},
                capture=True)
    except DbtError as error:
        click.echo(f"shopscore: {error}", err=True)
        return error.returncode or 1
    click.echo(f"==> BI and the dashboard open the published file {warehouse_path()}",
               err=True)
    return 0
