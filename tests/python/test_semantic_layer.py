"""The MetricFlow semantic layer (models/semantic/): `mf validate-configs` passes against a built
warehouse, and every metric queried through `mf query` equals the same figure computed in SQL straight
from the marts."""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from conftest import SmallWarehouse, query
from shopscore.paths import PROJECT_DIR

KPIS = ["response_30s_rate", "avg_response_seconds", "effective_reply_rate", "inquiry_conversion_rate",
        "avg_refund_hours"]


class Mf:
    """`mf` run in a scratch project folder holding the build's semantic manifest, so that neither the
    work tree's target/ nor its logs are touched (mf reads <cwd>/target/semantic_manifest.json)."""

    def __init__(self, home: Path, db: Path) -> None:
        self.home, self.db = home, db

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "SHOPSCORE_WORK_DB": str(self.db), "DBT_PROFILES_DIR": str(self.home),
               "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
        exe = str(Path(sys.executable).with_name("mf"))
        return subprocess.run([exe, *args], cwd=self.home, env=env, text=True, capture_output=True, check=False)

    def query(self, metrics: Iterable[str], group_by: Iterable[str]) -> list[dict[str, str]]:
        out = self.home / "query.csv"
        result = self.run("query", "--metrics", ",".join(metrics), "--group-by", ",".join(group_by),
                          "--csv", str(out))
        assert result.returncode == 0, result.stdout + result.stderr
        with out.open(newline="") as handle:
            return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def mf(small_warehouse: SmallWarehouse, tmp_path_factory: pytest.TempPathFactory) -> Mf:
    home = tmp_path_factory.mktemp("mf")
    shutil.copy(PROJECT_DIR / "dbt_project.yml", home)
    shutil.copy(PROJECT_DIR / "profiles.yml", home)
    (home / "target").mkdir()
    shutil.copy(small_warehouse.target / "semantic_manifest.json", home / "target")
    return Mf(home, small_warehouse.db)


def _num(text: str | None) -> float | None:
    return None if text in (None, "") else float(text)


def _close(got: float | None, want: float | None) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9)


def _compare(rows: list[dict[str, str]], keys: list[str], expected: dict[tuple, dict[str, float | None]]) -> None:
    got = {tuple(row[k][:10] if k == "metric_time__day" else row[k] for k in keys): row for row in rows}
    assert set(got) == set(expected), f"groups differ: {sorted(set(got) ^ set(expected))[:5]}"
    for key, want in expected.items():
        for metric, value in want.items():
            assert _close(_num(got[key][metric]), value), (key, metric, got[key][metric], value)


def test_validate_configs(mf: Mf) -> None:
    result = mf.run("validate-configs")
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "Successfully validated metrics against data warehouse" in out, out


def test_every_metric_is_checked_below(small_warehouse: SmallWarehouse) -> None:
    manifest = json.loads((small_warehouse.target / "semantic_manifest.json").read_text())
    defined = {m["name"] for m in manifest["metrics"]}
    checked = {"mean_total_score", "scored_shops", "active_shops", "flag_share", "flag_set_shops", "flag_shops",
               "pooled_metric_value", "metric_numerator", "metric_denominator", "pdd_platform_help_rate_pooled",
               "kpi_numerator", "kpi_denominator", *(f"cs_{k}" for k in KPIS)}
    assert defined == checked


def test_score_metrics(mf: Mf, small_warehouse: SmallWarehouse) -> None:
    rows = mf.query(["mean_total_score", "scored_shops", "active_shops"],
                    ["metric_time__day", "shop_score_day__scheme"])
    expected = {
        (str(d), s): {"mean_total_score": avg, "scored_shops": scored, "active_shops": active}
        for d, s, avg, scored, active in query(small_warehouse.db, """
            select score_date, scheme, avg(total_score), count(*) filter (where score_status = 'scored'), count(*)
            from marts.fct_shop_score_daily group by all""")
    }
    assert expected
    _compare(rows, ["metric_time__day", "shop_score_day__scheme"], expected)


def test_flag_share(mf: Mf, small_warehouse: SmallWarehouse) -> None:
    rows = mf.query(["flag_share", "flag_set_shops", "flag_shops"],
                    ["metric_time__day", "shop_flag_day__scheme", "shop_flag_day__flag"])
    expected = {
        (str(d), s, f): {"flag_share": set_ / n, "flag_set_shops": set_, "flag_shops": n}
        for d, s, f, set_, n in query(small_warehouse.db, """
            select score_date, scheme, flag, count(*) filter (where is_set), count(*)
            from marts.fct_shop_flag_daily group by all""")
    }
    assert any(v["flag_share"] > 0 for v in expected.values())
    _compare(rows, ["metric_time__day", "shop_flag_day__scheme", "shop_flag_day__flag"], expected)


def test_pooled_metric_values(mf: Mf, small_warehouse: SmallWarehouse) -> None:
    rows = mf.query(["pooled_metric_value", "metric_numerator", "metric_denominator"],
                    ["metric_time__day", "shop_metric_day__scheme", "shop_metric_day__metric"])
    expected = {
        (str(d), s, m): {"pooled_metric_value": None if not den else num / den,
                         "metric_numerator": num, "metric_denominator": den}
        for d, s, m, num, den in query(small_warehouse.db, """
            select score_date, scheme, metric, sum(numerator), sum(denominator)
            from marts.fct_shop_metric_daily group by all""")
    }
    _compare(rows, ["metric_time__day", "shop_metric_day__scheme", "shop_metric_day__metric"], expected)


def test_pdd_help_rate_and_kpis_pooled(mf: Mf, small_warehouse: SmallWarehouse) -> None:
    metrics = ["pdd_platform_help_rate_pooled", "kpi_numerator", "kpi_denominator", *(f"cs_{k}" for k in KPIS)]
    rows = mf.query(metrics, ["metric_time__day"])
    expected: dict[tuple, dict[str, float | None]] = {}
    for d, num, den in query(small_warehouse.db, """
            select score_date, sum(numerator), sum(denominator) from marts.fct_shop_metric_daily
            where scheme = 'pdd' and metric = 'platform_help_rate' group by all"""):
        expected.setdefault((str(d),), {})["pdd_platform_help_rate_pooled"] = num / den
    for d, num, den in query(small_warehouse.db,
                             "select kpi_date, sum(numerator), sum(denominator) from marts.fct_cs_kpi_daily group by all"):
        expected.setdefault((str(d),), {}).update(kpi_numerator=num, kpi_denominator=den)
    for d, kpi, num, den in query(small_warehouse.db, """
            select kpi_date, kpi, sum(numerator), sum(denominator) from marts.fct_cs_kpi_daily
            where agent_id is null group by all"""):
        expected.setdefault((str(d),), {})[f"cs_{kpi}"] = None if not den else num / den
    # A metric with no row on a date comes back empty from mf: expect None there.
    for want in expected.values():
        for metric in metrics:
            want.setdefault(metric, None)
    assert len({k for v in expected.values() for k, x in v.items() if x is not None}) == len(metrics)
    _compare(rows, ["metric_time__day"], expected)
