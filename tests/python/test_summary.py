"""`print_summary` on the hand-made warehouse of test_quality.py: every printed number checked.

Expected figures are worked out by hand from the tables in test_quality.py (SCORES, THRESHOLD_FLAGS,
EVICTED, QUARANTINE) for the latest score date 2026-11-01 — not read back from the summary's own SQL.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from shopscore.summary import display_width, histogram, print_summary, quantile
from tests.python.test_quality import make_warehouse


@pytest.fixture(scope="module")
def summary_text(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    db = make_warehouse(tmp_path_factory.mktemp("summary") / "wh.duckdb")
    out = io.StringIO()
    print_summary(db, out=out)
    return db, out.getvalue()


def _section(text: str, scheme: str) -> str:
    """The lines of one scheme's block, from its [scheme] header to the next blank line."""
    match = re.search(rf"^\[{scheme}\].*?(?=^\s*$)", text, flags=re.M | re.S)
    assert match, f"no [{scheme}] section in:\n{text}"
    return match.group(0)


def _quantiles(section: str) -> dict[str, float]:
    line = next(line for line in section.splitlines() if "total score:" in line)
    return {name: float(value) for name, value in re.findall(r"(min|p10|p25|median|p75|p90|max) (\d+\.\d+)", line)}


def _bands(section: str) -> dict[str, int]:
    return {band: int(n) for band, n in re.findall(r"(\[\d\.\d, \d\.\d[\])])\s+(\d+)", section)}


def _flags(section: str) -> dict[str, tuple[str, int]]:
    found = re.findall(r"^\s+(eligible|restricted|to be evicted)\s+(\w+)\s+(\d+)$", section, flags=re.M)
    return {flag: (heading, int(n)) for heading, flag, n in found}


def test_latest_date_and_counts(summary_text: tuple[Path, str]) -> None:
    _, text = summary_text
    assert re.findall(r"^\[(\w+)\]", text, flags=re.M) == ["pdd", "douyin", "tmall"]
    assert "latest score date: 2026-11-01" in text
    # 2026-10-25 has pdd 3 listed / 2 scored / 1 insufficient: it must not be the one shown.
    assert "shops listed 6, scored 4, insufficient_volume 2" in _section(text, "pdd")
    assert "shops listed 3, scored 2, insufficient_volume 1" in _section(text, "douyin")
    assert "shops listed 2, scored 2, insufficient_volume 0" in _section(text, "tmall")


def test_total_distribution(summary_text: tuple[Path, str]) -> None:
    _, text = summary_text
    # pdd totals 1.5, 3.2, 3.8, 4.6; linear interpolation at (n-1)q: p10 at 0.3 -> 1.5 + 0.3*1.7 = 2.01,
    # p25 at 0.75 -> 2.775, median 3.5, p75 at 2.25 -> 4.0, p90 at 2.7 -> 3.8 + 0.7*0.8 = 4.36.
    expected_pdd = {"min": 1.5, "p10": 2.01, "p25": 2.775, "median": 3.5, "p75": 4.0, "p90": 4.36, "max": 4.6}
    # douyin 3.7, 4.8: q -> 3.7 + 1.1q.
    expected_douyin = {"min": 3.7, "p10": 3.81, "p25": 3.975, "median": 4.25, "p75": 4.525, "p90": 4.69, "max": 4.8}
    for scheme, expected in (("pdd", expected_pdd), ("douyin", expected_douyin)):
        printed = _quantiles(_section(text, scheme))
        assert printed.keys() == expected.keys()
        for name, value in expected.items():
            assert printed[name] == pytest.approx(value, abs=0.0051), (scheme, name)


def test_histogram_bands(summary_text: tuple[Path, str]) -> None:
    _, text = summary_text
    pdd = _bands(_section(text, "pdd"))
    assert len(pdd) == 10  # 0-5 by 0.5
    assert {band: n for band, n in pdd.items() if n} == {"[1.5, 2.0)": 1, "[3.0, 3.5)": 1, "[3.5, 4.0)": 1, "[4.5, 5.0]": 1}
    douyin = _bands(_section(text, "douyin"))
    assert douyin == {"[3.0, 3.5)": 0, "[3.5, 4.0)": 1, "[4.0, 4.5)": 0, "[4.5, 5.0]": 1}
    # tmall 2.0 sits on a band's lower edge: it belongs to [2.0, 2.5).
    tmall = _bands(_section(text, "tmall"))
    assert {band: n for band, n in tmall.items() if n} == {"[2.0, 2.5)": 1, "[4.0, 4.5)": 1}


def test_flag_counts(summary_text: tuple[Path, str]) -> None:
    _, text = summary_text
    # pdd totals 1.5, 3.2, 3.8, 4.6: >= 4.0 one; >= 3.5 two; < 2.0 one; < 3.0 one; s2 evicted.
    assert _flags(_section(text, "pdd")) == {
        "eligible_bargain": ("eligible", 2),
        "eligible_billion_subsidy": ("eligible", 1),
        "eligible_checkin": ("eligible", 2),
        "intervention_priority": ("restricted", 1),
        "restricted": ("restricted", 1),
        "evict_bargain": ("to be evicted", 0),
        "evict_billion_subsidy": ("to be evicted", 1),
        "evict_checkin": ("to be evicted", 0),
    }
    assert _flags(_section(text, "douyin")) == {"eligible_campaigns": ("eligible", 1), "ads_blocked": ("restricted", 0)}
    assert _flags(_section(text, "tmall")) == {"eligible_queens_day_38": ("eligible", 1)}


def test_quarantine_counts(summary_text: tuple[Path, str]) -> None:
    _, text = summary_text
    assert "quarantined raw rows: 5" in text
    found = {
        table: (int(n), int(reasons), top, int(top_n))
        for table, n, reasons, top, top_n in re.findall(
            r"^  (\w+)\s+(\d+) rows\s+(\d+) reasons\s+most often (\S+) \((\d+)\)$",
            text.split("quarantined raw rows:")[1], flags=re.M)
    }
    # worked from the planted rows: orders has 2 null_key and 1 duplicate_key; the others one each
    assert found == {
        "orders": (3, 2, "null_key", 2),
        "reviews": (1, 1, "rating_out_of_range:product_rating", 1),
        "shops": (1, 1, "unknown_category:category_id", 1),
    }


def test_quarantine_ties_are_named_as_ties(tmp_path: Path) -> None:
    # Planted on top of the good warehouse's five rows: tickets, three reasons of one row each; after_sales,
    # two reasons of two rows and one of one (a tie of two at the top). Neither may name one reason alone.
    planted = [("tickets", "t-1", "null_key"), ("tickets", "t-2", "future_timestamp:created_at"),
               ("tickets", "t-3", "null_required:shop_id"), ("after_sales", "a-1", "null_key"),
               ("after_sales", "a-2", "null_key"), ("after_sales", "a-3", "invalid_enum:status"),
               ("after_sales", "a-4", "invalid_enum:status"), ("after_sales", "a-5", "duplicate_key")]
    inserts = [f"insert into quarantine.rejected_rows values ('{table}', '{key}', '{reason}', '{{}}', "
               "'part-0.parquet', 1, timestamp '2026-11-01 02:00:00')" for table, key, reason in planted]
    out = io.StringIO()
    print_summary(make_warehouse(tmp_path / "wh.duckdb", *inserts), out=out)
    lines = {line.split()[0]: " ".join(line.split()[1:])
             for line in out.getvalue().split("quarantined raw rows:")[1].splitlines()[1:] if line.startswith("  ")}
    assert "quarantined raw rows: 13" in out.getvalue()
    assert lines["tickets"] == "3 rows 3 reasons 1 row each"
    # invalid_enum:status sorts before null_key; both have two rows
    assert lines["after_sales"] == "5 rows 3 reasons most often invalid_enum:status and 1 more (2 rows each)"
    assert lines["orders"] == "3 rows 2 reasons most often null_key (2)"


def test_file_path_and_size(summary_text: tuple[Path, str]) -> None:
    db, text = summary_text
    match = re.search(r"warehouse file: (.+) \((\d+\.\d) (KiB|MiB)\)", text)
    assert match, text
    assert match.group(1) == str(db.resolve())
    unit = {"KiB": 1024, "MiB": 1024**2}[match.group(3)]
    assert float(match.group(2)) == pytest.approx(db.stat().st_size / unit, abs=0.05)


def test_chinese_names_and_scheme_titles(summary_text: tuple[Path, str]) -> None:
    _, text = summary_text
    assert "[pdd] 拼多多 消费者服务体验分" in text
    assert "[tmall] 天猫 基础服务考核分" in text
    # Titles come from reference.labels: douyin has no row in this warehouse, so its id stands alone.
    assert "\n[douyin]  (scale 3–5, minimum volume 50)\n" in text
    # Lowest pdd total is s1 (1.5), 花花女装旗舰店.
    assert re.search(r"1\.50\s+s1\s+花花女装旗舰店", _section(text, "pdd"))


def test_chinese_survives_a_non_utf8_stdout(tmp_path: Path) -> None:
    db = make_warehouse(tmp_path / "wh.duckdb")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-c", f"from shopscore.summary import print_summary; print_summary({str(db)!r})"],
        capture_output=True,
        env=env,
        check=True,
    )
    assert "花花女装旗舰店" in done.stdout.decode("utf-8")


def test_missing_file_does_not_crash(tmp_path: Path) -> None:
    out = io.StringIO()
    print_summary(tmp_path / "none.duckdb", out=out)
    assert "does not exist" in out.getvalue()


def test_helpers_by_hand() -> None:
    assert quantile([1.0, 2.0, 3.0, 4.0, 5.0], 0.5) == 3.0
    assert quantile([0.0, 10.0], 0.1) == pytest.approx(1.0)
    assert histogram([3.0, 4.99, 5.0], 3.0, 5.0) == [(3.0, 3.5, 1), (3.5, 4.0, 0), (4.0, 4.5, 0), (4.5, 5.0, 2)]
    assert display_width("女装ab") == 6
