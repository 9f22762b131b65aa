"""`shopscore summary`: where the warehouse stands on its latest score date, in a terminal.

For that date and each scheme: shops listed, scored and below the minimum volume; the distribution of
total scores (quantiles and a text histogram by 0.5-point band on the scheme's scale); how many shops
each flag marks eligible, restricted or to be evicted; then the quarantined raw rows per table (rows, reasons, the most frequent),
the last daily runs (`audit.runs`) and the DuckDB file itself. Scores are read with plain SQL from the
PUBLISHED file ($SHOPSCORE_DB: marts and seeds); quarantine.rejected_rows and the runs log live in the
WORKING database ($SHOPSCORE_WORK_DB), read when it is given and not busy; a missing table is reported,
never a crash. A missing published file is an error (exit code 1 from `shopscore summary`).
"""

from __future__ import annotations

import math
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

import duckdb

QUANTILES = (("min", 0.0), ("p10", 0.1), ("p25", 0.25), ("median", 0.5), ("p75", 0.75), ("p90", 0.9), ("max", 1.0))
BAND_WIDTH = 0.5
BAR_WIDTH = 40
LOWEST_SHOWN = 3


@dataclass(frozen=True)
class SchemeCounts:
    """Shops of one scheme on one score date, by status."""

    scheme: str
    listed: int
    scored: int
    insufficient: int


def display_width(text: str) -> int:
    """Terminal columns a string takes: CJK wide and fullwidth characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """Left-align text in `width` terminal columns, counting wide characters twice."""
    return text + " " * max(0, width - display_width(text))


def quantile(sorted_values: Sequence[float], q: float) -> float:
    """Linear-interpolation quantile (numpy's default, DuckDB's quantile_cont) of sorted values."""
    position = (len(sorted_values) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def histogram(values: Sequence[float], lo: float, hi: float, width: float = BAND_WIDTH) -> list[tuple[float, float, int]]:
    """Counts by band [b, b + width) over [lo, hi]; the last band also holds hi itself."""
    n_bands = max(1, math.ceil((hi - lo) / width - 1e-9))
    counts = [0] * n_bands
    for value in values:
        index = min(n_bands - 1, max(0, math.floor((value - lo) / width + 1e-9)))
        counts[index] += 1
    return [(lo + i * width, min(hi, lo + (i + 1) * width), counts[i]) for i in range(n_bands)]


def _utf8_stdout() -> TextIO:
    """stdout, switched to UTF-8 if it was opened with an encoding that cannot print Chinese."""
    out = sys.stdout
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "")
    if encoding not in ("utf8", "utf16", "utf32", "gb18030") and hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8")
    return out


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("select table_schema || '.' || table_name from information_schema.tables").fetchall()
    return {row[0] for row in rows}


def _size(path: Path) -> str:
    size = path.stat().st_size
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"


class _Printer:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def __call__(self, text: str = "") -> None:
        print(text, file=self.out)


def _scheme_counts(con: duckdb.DuckDBPyConnection, score_date: date) -> list[SchemeCounts]:
    rows = con.execute(
        """
        select
            scheme,
            count(*),
            count(*) filter (where score_status = 'scored'),
            count(*) filter (where score_status = 'insufficient_volume')
        from marts.fct_shop_score_daily
        where score_date = ?
        group by scheme
        -- SPEC §1 order: pdd, douyin, tmall, then any other scheme by name.
        order by case scheme when 'pdd' then 1 when 'douyin' then 2 when 'tmall' then 3 else 4 end, scheme
        """,
        [score_date],
    ).fetchall()
    return [SchemeCounts(str(s), int(n), int(scored), int(insufficient)) for s, n, scored, insufficient in rows]


def _scales(con: duckdb.DuckDBPyConnection, tables: set[str]) -> dict[str, tuple[float, float, int]]:
    if "reference.scheme_settings" not in tables:
        return {}
    rows = con.execute("select scheme, scale_lo, scale_hi, min_volume from reference.scheme_settings").fetchall()
    return {str(s): (float(lo), float(hi), int(v)) for s, lo, hi, v in rows}


def _scheme_names(con: duckdb.DuckDBPyConnection, tables: set[str]) -> dict[str, str]:
    """Each scheme's display name: its `scheme` row of seed labels (reference.labels); none without one."""
    if "reference.labels" not in tables:
        return {}
    rows = con.execute("select name, label_zh from reference.labels where kind = 'scheme'").fetchall()
    return {str(name): str(label) for name, label in rows}


def _print_distribution(say: _Printer, totals: list[float], lo: float, hi: float) -> None:
    if not totals:
        say("  total score: no scored shop")
        return
    parts = [f"{name} {quantile(totals, q):.2f}" for name, q in QUANTILES]
    say("  total score: " + "  ".join(parts))
    bands = histogram(totals, lo, hi)
    peak = max(count for _, _, count in bands) or 1
    say(f"  histogram by {BAND_WIDTH:g}-point band:")
    for band_lo, band_hi, count in bands:
        closing = "]" if band_hi >= hi else ")"
        bar = "#" * math.ceil(count * BAR_WIDTH / peak) if count else ""
        say(f"    [{band_lo:.1f}, {band_hi:.1f}{closing} {count:>6}  {bar}".rstrip())


def _flag_group(flag: str) -> str:
    """Which of the summary's three headings a flag falls under, by its name (SPEC §4-§6)."""
    if flag.startswith("eligible"):
        return "eligible"
    if flag.startswith("evict"):
        return "to be evicted"
    return "restricted"


def _print_flags(say: _Printer, con: duckdb.DuckDBPyConnection, score_date: date, scheme: str, scored: int) -> None:
    rows = con.execute(
        """
        select flag, count(*) filter (where is_set)
        from marts.fct_shop_flag_daily
        where score_date = ? and scheme = ?
        group by flag
        order by flag
        """,
        [score_date, scheme],
    ).fetchall()
    if not rows:
        say("  flags: none")
        return
    say(f"  flags (shops set, of {scored} scored):")
    for heading in ("eligible", "restricted", "to be evicted"):
        for flag, count in rows:
            if _flag_group(flag) == heading:
                say(f"    {pad(heading, 14)} {pad(flag, 28)} {int(count):>6}")


def _print_lowest(say: _Printer, con: duckdb.DuckDBPyConnection, tables: set[str], score_date: date, scheme: str) -> None:
    """The lowest-scoring shops, by name: who needs attention first (names print in Chinese)."""
    # The published file has marts.dim_shops; a working database also has staging.
    shops_relation = next((r for r in ("marts.dim_shops", "staging.stg_platform__shops") if r in tables), None)
    if shops_relation is None:
        return
    rows = con.execute(
        f"""
        select scores.shop_id, coalesce(shops.shop_name, ''), scores.total_score
        from marts.fct_shop_score_daily as scores
        left join {shops_relation} as shops
            on shops.shop_id = scores.shop_id
        where scores.score_date = ? and scores.scheme = ? and scores.total_score is not null
        order by scores.total_score, scores.shop_id
        limit {LOWEST_SHOWN}
        """,
        [score_date, scheme],
    ).fetchall()
    if rows:
        say("  lowest totals:")
        for shop_id, name, total in rows:
            say(f"    {float(total):.2f}  {pad(str(shop_id), 12)} {name}")


def _print_quarantine(say: _Printer, con: duckdb.DuckDBPyConnection | None, tables: set[str]) -> None:
    if con is None or "quarantine.rejected_rows" not in tables:
        say("quarantined raw rows: quarantine.rejected_rows not built")
        return
    # One line per table (the demo plants every kind of bad row, so a line per reason would swamp the
    # summary); the query for the full breakdown is printed with it. Reasons that share the top count are
    # all named as tied (the first by name, then how many more), never one of them picked as "most often".
    rows = con.execute(
        """
        with per_reason as (
            select table_name, reason, count(*) as n
            from quarantine.rejected_rows
            group by table_name, reason
        ),
        topped as (
            select *, max(n) over (partition by table_name) as top_n
            from per_reason
        )
        select
            table_name,
            sum(n) as n,
            count(*) as reasons,
            min(reason) filter (where n = top_n) as top_reason,
            max(top_n) as top_n,
            count(*) filter (where n = top_n) as tied
        from topped
        group by table_name
        order by table_name
        """
    ).fetchall()
    total = sum(int(n) for _, n, _, _, _, _ in rows)
    say(f"quarantined raw rows: {total}")
    for table_name, n, reasons, top_reason, top_n, tied in rows:
        say(f"  {pad(str(table_name), 20)} {int(n):>8} rows  {int(reasons):>3} reasons  "
            + _most_often(str(top_reason), int(top_n), int(tied), int(reasons)))
    if rows:
        say("  by reason: select table_name, reason, count(*) from quarantine.rejected_rows group by all")


def _most_often(top_reason: str, top_n: int, tied: int, reasons: int) -> str:
    """A table's commonest quarantine reason; ties are said as ties, not settled by the reason's name."""
    rows = "row" if top_n == 1 else "rows"
    if tied == 1:
        return f"most often {top_reason} ({top_n})"
    if tied == reasons:
        return f"{top_n} {rows} each"
    return f"most often {top_reason} and {tied - 1} more ({top_n} {rows} each)"


RUNS_SHOWN = 5


def print_summary(db_path: Path | str, out: TextIO | None = None, work_db: Path | str | None = None) -> int:
    """Print where the published warehouse at db_path stands for its latest score date; return the exit code.

    work_db, when given, is the working database: quarantined rows and the runs log are read from it
    (the published file has neither). Returns 1, after saying so, when db_path does not exist.
    """
    db_path = Path(db_path)
    say = _Printer(out if out is not None else _utf8_stdout())
    if not db_path.exists():
        say(f"warehouse: {db_path} does not exist: nothing is published yet (run `shopscore daily`, or "
            "`make run` for the demo, or point SHOPSCORE_DB at a published file)")
        _print_work_db(say, work_db, quarantine=True)
        return 1
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        tables = _tables(con)
        if "marts.fct_shop_score_daily" not in tables:
            say("marts.fct_shop_score_daily is not built")
            latest = None
        else:
            latest = con.execute("select max(score_date) from marts.fct_shop_score_daily").fetchone()[0]
        if latest is not None:
            _print_schemes(say, con, tables, latest)
        elif "marts.fct_shop_score_daily" in tables:
            say("marts.fct_shop_score_daily has no rows")
        say()
        in_published = "quarantine.rejected_rows" in tables
        if in_published:
            _print_quarantine(say, con, tables)
    finally:
        con.close()
    _print_work_db(say, work_db, quarantine=not in_published)
    say()
    say(f"warehouse file: {db_path.resolve()} ({_size(db_path)})")
    return 0


def _print_work_db(say: _Printer, work_db: Path | str | None, *, quarantine: bool) -> None:
    """Quarantine counts and the last daily runs, from the working database."""
    if work_db is None:
        if quarantine:
            _print_quarantine(say, None, set())
        return
    work_db = Path(work_db)
    if not work_db.exists():
        say(f"working database {work_db} does not exist: no run yet")
        return
    try:
        con = duckdb.connect(str(work_db), read_only=True)
    except duckdb.Error as error:
        say(f"working database {work_db} is busy (a run holds it: {str(error).splitlines()[0]}); "
            "quarantine and runs not shown")
        return
    try:
        tables = _tables(con)
        if quarantine:
            _print_quarantine(say, con, tables)
        say()
        _print_runs(say, con, tables)
    finally:
        con.close()


def _print_runs(say: _Printer, con: duckdb.DuckDBPyConnection, tables: set[str]) -> None:
    if "audit.runs" not in tables:
        say("daily runs: none logged yet (audit.runs)")
        return
    rows = con.execute(
        f"""
        select started_at, ended_at, date_start, date_end, files_loaded, rows_staged, rows_superseded,
            rows_quarantined, tests_failed, published, exit_code, message, stale_score_dates
        from audit.runs
        order by started_at desc
        limit {RUNS_SHOWN}
        """
    ).fetchall()
    say(f"daily runs (latest {len(rows)}, newest first; audit.runs in the working database):")
    for (started, ended, start, end, files, staged, superseded, quarantined, failed, published, code,
         message, stale) in rows:
        when = started.strftime("%Y-%m-%d %H:%M:%S %Z") if started else "?"
        took = f"{(ended - started).total_seconds():.0f} s" if started and ended else "killed or running"
        dates = f"{start}..{end}" if start and end and start != end else f"{end or start or '-'}"
        loads = "-" if files is None else f"{files} files, {staged} staged, {superseded} superseded, {quarantined} quarantined"
        verdict = "published" if published else f"NOT published (exit {code}): {message}"
        say(f"  {when}  {took:>17}  dates {dates}  loads {loads}  tests failed {failed if failed is not None else '-'}  {verdict}")
        if stale:
            say("    stale score dates (rebuild them): " + ", ".join(d.isoformat() for d in stale))


def _print_schemes(say: _Printer, con: duckdb.DuckDBPyConnection, tables: set[str], latest: date) -> None:
    scales = _scales(con, tables)
    names = _scheme_names(con, tables)
    say(f"latest score date: {latest.isoformat()}")
    for counts in _scheme_counts(con, latest):
        lo, hi, min_volume = scales.get(counts.scheme, (0.0, 5.0, 0))
        title = " ".join(filter(None, (f"[{counts.scheme}]", names.get(counts.scheme))))
        say()
        say(f"{title}  (scale {lo:g}–{hi:g}, minimum volume {min_volume})")
        say(
            f"  shops listed {counts.listed}, scored {counts.scored}, insufficient_volume {counts.insufficient}"
        )
        totals = [
            float(row[0])
            for row in con.execute(
                """
                select total_score from marts.fct_shop_score_daily
                where score_date = ? and scheme = ? and total_score is not null
                order by total_score
                """,
                [latest, counts.scheme],
            ).fetchall()
        ]
        _print_distribution(say, totals, lo, hi)
        if "marts.fct_shop_flag_daily" in tables:
            _print_flags(say, con, latest, counts.scheme, counts.scored)
        _print_lowest(say, con, tables, latest, counts.scheme)

