"""Exit codes of `shopscore summary` and `shopscore build` (issue #9 mend), and the daily run's date plan."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from shopscore.cli import main
from shopscore.daily import EXIT_BAD_INPUT, DailyFailure, DailyOptions, partition_dates, plan_dates
from shopscore.dbt import dbt_executable
from shopscore.paths import PROJECT_DIR


def test_summary_exits_1_on_a_missing_published_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOPSCORE_DB", str(tmp_path / "none.duckdb"))
    monkeypatch.setenv("SHOPSCORE_WORK_DB", str(tmp_path / "none.work.duckdb"))
    result = CliRunner().invoke(main, ["summary"])
    assert result.exit_code == 1
    assert "does not exist" in result.output and "shopscore daily" in result.output


def test_summary_exits_0_on_a_published_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.python.test_quality import make_warehouse

    monkeypatch.setenv("SHOPSCORE_DB", str(make_warehouse(tmp_path / "wh.duckdb")))
    monkeypatch.setenv("SHOPSCORE_WORK_DB", str(tmp_path / "none.work.duckdb"))
    result = CliRunner().invoke(main, ["summary"])
    assert result.exit_code == 0, result.output
    assert "latest score date: 2026-11-01" in result.output


def test_build_passes_dbts_exit_code_through(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A refused build (no raw folder): the code `shopscore build` exits with is the one plain `dbt build` gives.
    missing = tmp_path / "no-raw"
    # One database, target and log folder for both runs, so the second reuses dbt's partial parse.
    env = {"SHOPSCORE_WORK_DB": str(tmp_path / "dbt.duckdb"), "DBT_TARGET_PATH": str(tmp_path / "target"),
           "DBT_LOG_PATH": str(tmp_path / "logs"), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    plain = subprocess.run([dbt_executable(), "build", "--profiles-dir", str(PROJECT_DIR), "--project-dir",
                            str(PROJECT_DIR), "--vars", json.dumps({"raw_data_dir": str(missing)})],
                           cwd=PROJECT_DIR, env={**os.environ, **env}, capture_output=True, text=True, check=False)
    assert plain.returncode != 0 and "no-raw" in plain.stdout
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(main, ["build", "--raw-dir", str(missing)])
    assert result.exit_code == plain.returncode


def test_build_passes_exit_code_2_through(monkeypatch: pytest.MonkeyPatch) -> None:
    import shopscore.dbt

    def fails(*args: object, **kwargs: object) -> None:
        raise shopscore.dbt.DbtError("dbt could not run", returncode=2)

    monkeypatch.setattr(shopscore.dbt, "run_dbt", fails)
    assert CliRunner().invoke(main, ["build"]).exit_code == 2


# --- the date plan (SPEC §11), worked by hand -------------------------------------------------------

def _options(**kw: object) -> DailyOptions:
    return DailyOptions(raw_dir=Path("."), work_db=Path("w"), published=Path("p"), **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("first, last, latest, options, want", [
    # first run: the one day after the latest partition
    (None, None, date(2026, 10, 30), {}, (date(2026, 10, 31), date(2026, 10, 31))),
    # the next day
    (date(2026, 10, 1), date(2026, 10, 31), date(2026, 10, 31), {}, (date(2026, 11, 1), date(2026, 11, 1))),
    # catch-up after three missed days: every missing date
    (date(2026, 10, 1), date(2026, 10, 28), date(2026, 10, 31), {}, (date(2026, 10, 29), date(2026, 11, 1))),
    # nothing new: the latest date again
    (date(2026, 10, 1), date(2026, 11, 1), date(2026, 10, 31), {}, (date(2026, 11, 1), date(2026, 11, 1))),
    # full refresh and reload: every date published so far
    (date(2026, 10, 1), date(2026, 10, 28), date(2026, 10, 31), {"full_refresh": True},
     (date(2026, 10, 1), date(2026, 11, 1))),
    (date(2026, 10, 1), date(2026, 10, 28), date(2026, 10, 31), {"reload_tables": ["shipments"]},
     (date(2026, 10, 1), date(2026, 11, 1))),
    # explicit dates win
    (date(2026, 10, 1), date(2026, 10, 28), date(2026, 10, 31),
     {"start": date(2026, 10, 5), "end": date(2026, 10, 6)}, (date(2026, 10, 5), date(2026, 10, 6))),
])
def test_plan_dates(first: date | None, last: date | None, latest: date, options: dict, want: tuple) -> None:
    start, end, _ = plan_dates(_options(**options), first, last, latest)
    assert (start, end) == want


def test_plan_dates_refuses_half_a_range() -> None:
    with pytest.raises(DailyFailure) as failure:
        plan_dates(_options(start=date(2026, 10, 5)), None, None, date(2026, 10, 31))
    assert failure.value.code == EXIT_BAD_INPUT


def test_partition_dates(tmp_path: Path) -> None:
    for day in ("2026-10-02", "2026-10-01"):
        (tmp_path / "orders" / f"dt={day}").mkdir(parents=True)
        (tmp_path / "orders" / f"dt={day}" / "part-0.parquet").write_bytes(b"")
    (tmp_path / "orders" / "dt=2026-10-03").mkdir()  # no file yet: not delivered
    assert partition_dates(tmp_path) == [date(2026, 10, 1), date(2026, 10, 2)]


def test_systemd_recipe_loads(tmp_path: Path) -> None:
    """The orchestrator recipe is a unit pair systemd itself accepts (paths of the install swapped for ones
    that exist here), and it runs exactly `shopscore daily` with the published and working files set."""
    import shutil

    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    folder = PROJECT_DIR / "orchestration" / "systemd"
    service = (folder / "shopscore-daily.service").read_text()
    exec_start = next(line for line in service.splitlines() if line.startswith("ExecStart="))
    assert exec_start.split("=", 1)[1].split()[:2] == ["/opt/shopscore/.venv/bin/shopscore", "daily"]
    assert "Environment=SHOPSCORE_DB=" in service and "Environment=SHOPSCORE_WORK_DB=" in service
    (tmp_path / "shopscore-daily.service").write_text(
        service.replace("/opt/shopscore/.venv/bin/shopscore", "/bin/true").replace("User=shopscore", "User=root"))
    shutil.copy(folder / "shopscore-daily.timer", tmp_path)
    done = subprocess.run([analyze, "verify", "--man=no", str(tmp_path / "shopscore-daily.service"),
                           str(tmp_path / "shopscore-daily.timer")], capture_output=True, text=True, check=False,
                          timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_score_dates_reach_dbt_through_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`shopscore daily` passes the score dates as environment variables, not --vars, so dbt's vars stay the
    same from day to day and dbt keeps its partial parse (docs/DESIGN.md); unset dates are passed empty."""
    import shopscore.dbt
    from shopscore.daily import run_daily, score_date_env

    assert score_date_env(None, None) == {"SHOPSCORE_SCORE_DATE_START": "", "SHOPSCORE_SCORE_DATE_END": ""}
    calls: list[dict] = []

    def captured(args: list[str], **kwargs: object) -> tuple[int, list[str]]:
        calls.append(kwargs)
        return 2, []

    monkeypatch.setattr(shopscore.dbt, "stream_dbt", captured)
    partition = tmp_path / "raw" / "orders" / "dt=2026-10-31"
    partition.mkdir(parents=True)
    (partition / "part-0.parquet").write_bytes(b"")
    options = DailyOptions(raw_dir=tmp_path / "raw", work_db=tmp_path / "work.duckdb",
                           published=tmp_path / "pub.duckdb", target_path=tmp_path / "target")
    assert run_daily(options) == EXIT_BAD_INPUT
    assert calls[0]["dbt_vars"] == {"raw_data_dir": str((tmp_path / "raw").resolve())}
    assert calls[0]["env_overrides"] == {"SHOPSCORE_SCORE_DATE_START": "2026-11-01",
                                         "SHOPSCORE_SCORE_DATE_END": "2026-11-01"}
