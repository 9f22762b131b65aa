"""Great Expectations suites over the published marts (SPEC §10), run by `shopscore check`.

Each mart is read from DuckDB into a pandas DataFrame (`con.sql(q).df()`) and validated through GX's
pandas datasource in an ephemeral context: STACK.md found the SQL datasource on DuckDB broken (GX
fetches rows after closing the connection). There is one suite per mart. Rules that need more than one
row or table (scored ⇔ total present, no flag for an insufficient shop) are checked on a derived column
computed in the SQL that reads the mart, so that each is still a plain GX expectation with examples.

Scales come from the seed `reference.scheme_settings(scheme, scale_lo, scale_hi, min_volume)`; each
score column gets one `between` expectation per scheme, restricted to that scheme's rows. Which
`*_rate` metrics may exceed 1 comes from the seed `reference.metric_bounds(scheme, metric,
may_exceed_one)`, the same seed the dbt tests read (tests/dbt/marts/assert_rates_within_bounds.sql):
those are only asked to be >= 0; every other rate must be in [0, 1] with numerator <= denominator.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

# No usage reporting from a data check (and no network here anyway): set before GX is imported.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")


def _give_main_a_file() -> None:
    """Let GX import with pyspark installed (the `spark` extra): GX imports pyspark.sql.connect, whose
    check_dependencies() takes a `__main__` without `__spec__` or `__file__` (a pytest-xdist worker, `python -c`)
    for a doctest run and calls sys.exit(0), so a check would end "successfully" before validating anything.
    Such a `__main__` gets a placeholder `__file__`; nothing reads it."""
    main = sys.modules.get("__main__")
    if main is not None and getattr(main, "__spec__", None) is None and not hasattr(main, "__file__"):
        main.__file__ = "<shopscore>"


_give_main_a_file()

MARTS_SCHEMA = "marts"
SCORE_STATUSES = ("scored", "insufficient_volume")
CS_KPIS = (
    "response_30s_rate",
    "avg_response_seconds",
    "effective_reply_rate",
    "inquiry_conversion_rate",
    "avg_refund_hours",
)
# A metric or KPI named `*_rate` is a rate in [0, 1] (SPEC §10: "rates DOUBLE in [0, 1]"), unless seed
# metric_bounds lets it exceed 1; the others are means (hours, seconds, a rating) with no upper bound.
RATE_SUFFIX = "_rate"
BOUNDS_TABLE = ("reference", "metric_bounds")
EXAMPLES_SHOWN = 3


@dataclass(frozen=True)
class SchemeScale:
    """A scheme's score scale [lo, hi] from reference.scheme_settings (SPEC §3)."""

    scheme: str
    lo: float
    hi: float


@dataclass(frozen=True)
class Failure:
    """One failed expectation: which mart, which rule, how many rows, a few example rows."""

    mart: str
    check: str
    expectation: str
    unexpected_count: int | None = None
    row_count: int | None = None
    examples: tuple[dict[str, Any], ...] = ()
    error: str | None = None

    def describe(self) -> str:
        """A readable, multi-line description for the terminal."""
        head = f"FAILED {MARTS_SCHEMA}.{self.mart}: {self.check} [{self.expectation}]"
        lines = [head]
        if self.error:
            lines.append(f"    {self.error}")
        if self.unexpected_count is not None:
            of = f" of {self.row_count}" if self.row_count is not None else ""
            lines.append(f"    {self.unexpected_count}{of} rows break it")
        for example in self.examples:
            shown = ", ".join(f"{key}={_plain(value)}" for key, value in example.items())
            lines.append(f"    e.g. {shown}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.describe()


@dataclass
class SuiteResult:
    """What `run_suite` found: `success` is True when every expectation of every suite held."""

    success: bool
    failures: list[Failure] = field(default_factory=list)
    expectations_run: int = 0
    marts_checked: list[str] = field(default_factory=list)

    @property
    def descriptions(self) -> list[str]:
        return [failure.describe() for failure in self.failures]


@dataclass(frozen=True)
class Check:
    """One expectation with the plain-language rule it enforces."""

    label: str
    expectation: Any


@dataclass(frozen=True)
class MartSuite:
    """How to read one mart (SQL with any derived columns) and what to expect of it."""

    mart: str
    query: str
    grain: tuple[str, ...]
    checks: Callable[[Sequence[SchemeScale]], list[Check]]


def _plain(value: Any) -> str:
    """Print NaN/None as NULL and numpy scalars as plain numbers."""
    if value is None:
        return "NULL"
    try:
        if pd.isna(value):
            return "NULL"
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    return str(value)


# --- expectation builders -------------------------------------------------------------------------


def _gxe() -> Any:
    import great_expectations.expectations as gxe

    return gxe


def _where(column: str, value: Any) -> Any:
    """A GX row condition `column == value` (GX ≥ 1.9 Condition objects, not strings)."""
    from great_expectations.expectations.row_conditions import Column

    return Column(name=column) == value


def _grain_checks(grain: Sequence[str], not_null: Sequence[str]) -> list[Check]:
    gxe = _gxe()
    checks = [
        Check(f"grain column {column} is not NULL", gxe.ExpectColumnValuesToNotBeNull(column=column))
        for column in not_null
    ]
    checks.append(
        Check(
            f"one row per ({', '.join(grain)})",
            # NULLs count as values here: two shop rows (agent_id NULL) for one KPI are a duplicate.
            gxe.ExpectCompoundColumnsToBeUnique(column_list=list(grain), ignore_row_if="never"),
        )
    )
    checks.append(Check("has rows", gxe.ExpectTableRowCountToBeBetween(min_value=1)))
    return checks


def _between(column: str, lo: float | None, hi: float | None, label: str, **kwargs: Any) -> Check:
    gxe = _gxe()
    return Check(label, gxe.ExpectColumnValuesToBeBetween(column=column, min_value=lo, max_value=hi, **kwargs))


def _scale_checks(columns: Sequence[str], scales: Sequence[SchemeScale]) -> list[Check]:
    """Each score column within its scheme's scale, one expectation per (column, scheme)."""
    gxe = _gxe()
    checks = [
        _between(
            column,
            scale.lo,
            scale.hi,
            f"{column} within the {scale.scheme} scale [{scale.lo:g}, {scale.hi:g}]",
            row_condition=_where("scheme", scale.scheme),
        )
        for column in columns
        for scale in scales
    ]
    checks.append(
        Check(
            "scheme is one of reference.scheme_settings",
            gxe.ExpectColumnValuesToBeInSet(column="scheme", value_set=[scale.scheme for scale in scales]),
        )
    )
    return checks


def _score_checks(scales: Sequence[SchemeScale]) -> list[Check]:
    gxe = _gxe()
    grain = ("score_date", "scheme", "shop_id")
    return [
        *_grain_checks(grain, grain),
        Check(
            "score_status is 'scored' or 'insufficient_volume'",
            gxe.ExpectColumnValuesToBeInSet(column="score_status", value_set=list(SCORE_STATUSES)),
        ),
        Check("score_status is not NULL", gxe.ExpectColumnValuesToNotBeNull(column="score_status")),
        *_scale_checks(["total_score"], scales),
        Check(
            "scored <=> total_score not NULL (SPEC §3 minimum volume)",
            gxe.ExpectColumnValuesToBeInSet(column="is_status_consistent_with_total", value_set=[True]),
        ),
        _between("volume", 0, None, "volume >= 0"),
        _between(
            "peer_count",
            1,
            None,
            "peer_count >= 1 for a scored shop",
            row_condition=_where("score_status", "scored"),
        ),
    ]


def _metric_checks(scales: Sequence[SchemeScale]) -> list[Check]:
    grain = ("score_date", "scheme", "shop_id", "metric")
    gxe = _gxe()
    return [
        *_grain_checks(grain, grain),
        *_scale_checks(["metric_score"], scales),
        _between("percentile", 0, 1, "percentile in [0, 1]"),
        _between("rate_value", 0, 1, "value of a *_rate metric in [0, 1] (not may_exceed_one in metric_bounds)"),
        _between("open_rate_value", 0, None, "value of a *_rate metric metric_bounds lets exceed 1 >= 0"),
        # Not <= 1: douyin weighs a rate's numerator and denominator units by different dates (SPEC §5),
        # e.g. dispute_merchant_fault_rate's interventions by decided date, its after-sales by completion.
        _between("rate_ranking_value", 0, None, "ranking_value of a *_rate metric >= 0"),
        _between("numerator", 0, None, "numerator >= 0"),
        _between("denominator", 0, None, "denominator >= 0"),
        Check(
            "numerator <= denominator for a *_rate metric",
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="rate_denominator",
                column_B="rate_numerator",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
        ),
    ]


def _dimension_checks(scales: Sequence[SchemeScale]) -> list[Check]:
    grain = ("score_date", "scheme", "shop_id", "dimension")
    return [*_grain_checks(grain, grain), *_scale_checks(["dimension_score"], scales)]


def _flag_checks(scales: Sequence[SchemeScale]) -> list[Check]:
    grain = ("score_date", "scheme", "shop_id", "flag")
    gxe = _gxe()
    return [
        *_grain_checks(grain, grain),
        Check("is_set is not NULL", gxe.ExpectColumnValuesToNotBeNull(column="is_set")),
        Check(
            "is_set is BOOLEAN",
            gxe.ExpectColumnValuesToBeInTypeList(column="is_set", type_list=["bool", "boolean", "BOOLEAN"]),
        ),
        Check(
            "no flag set for an insufficient_volume shop (SPEC §3)",
            gxe.ExpectColumnValuesToBeInSet(
                column="is_set",
                value_set=[False],
                row_condition=_where("score_status", "insufficient_volume"),
            ),
        ),
        Check(
            "flag row belongs to a shop listed in fct_shop_score_daily",
            gxe.ExpectColumnValuesToNotBeNull(column="score_status"),
        ),
        *_scale_checks([], scales),
    ]


def _cs_kpi_checks(scales: Sequence[SchemeScale]) -> list[Check]:
    gxe = _gxe()
    grain = ("kpi_date", "shop_id", "agent_id", "kpi")
    return [
        # agent_id NULL is the whole-shop row (SPEC §7), so it is part of the grain but may be NULL.
        *_grain_checks(grain, ("kpi_date", "shop_id", "kpi")),
        Check("kpi is one of SPEC §7", gxe.ExpectColumnValuesToBeInSet(column="kpi", value_set=list(CS_KPIS))),
        _between("denominator", 0, None, "denominator > 0 (a KPI with no units has no row)", strict_min=True),
        Check("denominator is not NULL", gxe.ExpectColumnValuesToNotBeNull(column="denominator")),
        _between("numerator", 0, None, "numerator >= 0"),
        _between("rate_value", 0, 1, "value of a *_rate KPI in [0, 1]"),
    ]


def _mart_suites() -> list[MartSuite]:
    """The five published marts of SPEC §10, each with the SQL that reads it."""
    m = MARTS_SCHEMA
    rate = f"like '%{RATE_SUFFIX}'"
    return [
        MartSuite(
            "fct_shop_score_daily",
            f"""
            select
                score_date, scheme, shop_id, score_status, volume, peer_count, total_score,
                coalesce((score_status = 'scored') = (total_score is not null), false)
                    as is_status_consistent_with_total
            from {m}.fct_shop_score_daily
            """,
            ("score_date", "scheme", "shop_id"),
            _score_checks,
        ),
        MartSuite(
            "fct_shop_metric_daily",
            f"""
            select
                score_date, scheme, shop_id, metric, numerator, denominator, percentile, metric_score,
                case when metric {rate} and not may_exceed_one then value end as rate_value,
                case when metric {rate} and may_exceed_one then value end as open_rate_value,
                case when metric {rate} then ranking_value end as rate_ranking_value,
                case when metric {rate} and not may_exceed_one then numerator end as rate_numerator,
                case when metric {rate} and not may_exceed_one then denominator end as rate_denominator
            from (
                select metrics.*, coalesce(bounds.may_exceed_one, false) as may_exceed_one
                from {m}.fct_shop_metric_daily as metrics
                left join {'.'.join(BOUNDS_TABLE)} as bounds
                    on metrics.scheme = bounds.scheme
                    and metrics.metric = bounds.metric
            )
            """,
            ("score_date", "scheme", "shop_id", "metric"),
            _metric_checks,
        ),
        MartSuite(
            "fct_shop_dimension_score_daily",
            f"select score_date, scheme, shop_id, dimension, dimension_score from {m}.fct_shop_dimension_score_daily",
            ("score_date", "scheme", "shop_id", "dimension"),
            _dimension_checks,
        ),
        MartSuite(
            "fct_shop_flag_daily",
            f"""
            select flags.score_date, flags.scheme, flags.shop_id, flags.flag, flags.is_set, scores.score_status
            from {m}.fct_shop_flag_daily as flags
            left join {m}.fct_shop_score_daily as scores
                on flags.score_date = scores.score_date
                and flags.scheme = scores.scheme
                and flags.shop_id = scores.shop_id
            """,
            ("score_date", "scheme", "shop_id", "flag"),
            _flag_checks,
        ),
        MartSuite(
            "fct_cs_kpi_daily",
            f"""
            select
                kpi_date, shop_id, agent_id, kpi, numerator, denominator,
                case when kpi {rate} then value end as rate_value
            from {m}.fct_cs_kpi_daily
            """,
            ("kpi_date", "shop_id", "agent_id", "kpi"),
            _cs_kpi_checks,
        ),
    ]


# --- running -----------------------------------------------------------------------------------------


def _quiet_gx(context: Any) -> None:
    """No progress bars, no chatter: `shopscore check` prints only its own findings."""
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    logging.getLogger("great_expectations").setLevel(logging.ERROR)


def _existing_tables(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    rows = con.execute("select table_schema, table_name from information_schema.tables").fetchall()
    return {(schema, name) for schema, name in rows}


def _read_scales(con: duckdb.DuckDBPyConnection) -> list[SchemeScale]:
    rows = con.execute(
        "select scheme, scale_lo, scale_hi from reference.scheme_settings order by scheme"
    ).fetchall()
    return [SchemeScale(str(scheme), float(lo), float(hi)) for scheme, lo, hi in rows]


def _example_rows(frame: pd.DataFrame, indices: Sequence[Any], grain: Sequence[str], kwargs: dict[str, Any]) -> list[dict[str, Any]]:
    """The grain and checked columns of the frame rows GX names by index (its partial_unexpected_index_list).

    Looking the rows up here is cheap; asking GX for `unexpected_index_column_names` instead makes it build
    the index of every unexpected row, which took minutes for a few hundred thousand bad rows.
    """
    checked = [kwargs[key] for key in ("column", "column_A", "column_B") if isinstance(kwargs.get(key), str)]
    columns = [c for c in dict.fromkeys([*grain, *checked]) if c in frame.columns]
    rows = []
    for index in list(indices)[:EXAMPLES_SHOWN]:
        if isinstance(index, dict) or index not in frame.index:
            continue
        rows.append({column: frame.at[index, column] for column in columns})
    return rows


def _failure_from_result(mart: str, check: Check, result: Any, frame: pd.DataFrame, grain: Sequence[str]) -> Failure:
    details = result.result or {}
    kwargs = dict(result.expectation_config.kwargs)
    examples = _example_rows(frame, details.get("partial_unexpected_index_list") or [], grain, kwargs)
    if not examples:
        for value in (details.get("partial_unexpected_list") or [])[:EXAMPLES_SHOWN]:
            examples.append(value if isinstance(value, dict) else {"value": value})
    error = None
    if result.exception_info and result.exception_info.get("raised_exception"):
        error = f"expectation raised: {result.exception_info.get('exception_message')}"
    elif "observed_value" in details and details.get("unexpected_count") is None:
        error = f"observed {details['observed_value']}"
    return Failure(
        mart=mart,
        check=check.label,
        expectation=result.expectation_config.type,
        unexpected_count=details.get("unexpected_count"),
        row_count=details.get("element_count"),
        examples=tuple(examples),
        error=error,
    )


def _validate_mart(context: Any, suite_spec: MartSuite, frame: pd.DataFrame, scales: Sequence[SchemeScale]) -> tuple[int, list[Failure]]:
    import great_expectations as gx

    checks = suite_spec.checks(scales)
    suite = context.suites.add(gx.ExpectationSuite(name=suite_spec.mart))
    by_id: dict[str, Check] = {}
    for check in checks:
        added = suite.add_expectation(check.expectation)
        by_id[str(added.id)] = check
    asset = context.data_sources.get("marts").add_dataframe_asset(name=suite_spec.mart)
    batch = asset.add_batch_definition_whole_dataframe("whole").get_batch(batch_parameters={"dataframe": frame})
    # GX reports the pandas index of a few unexpected rows; _example_rows reads their grain from the frame.
    result_format = {"result_format": "SUMMARY", "partial_unexpected_count": EXAMPLES_SHOWN}
    validation = batch.validate(suite, result_format=result_format)
    failures = []
    for result in validation.results:
        if result.success:
            continue
        check = by_id.get(str(result.expectation_config.id)) or Check(result.expectation_config.type, None)
        failures.append(_failure_from_result(suite_spec.mart, check, result, frame, suite_spec.grain))
    return len(checks), failures


# The KPI dates a run computed (SPEC §7): the rows of fct_cs_kpi_daily a run with score dates replaced.
CS_KPI_RUN_TABLE = ("intermediate", "int_cs_kpi__agent_days_aggregated")


def _scoped(query: str, date_column: str, bounds: tuple[str, str]) -> str:
    """The suite's query kept to the rows whose date_column lies within two SQL date expressions."""
    return f"select * from ({query}) as mart_rows where {date_column} between {bounds[0]} and {bounds[1]}"


def run_suite(db_path: Path | str, *, echo: bool = True,
              score_dates: tuple[date, date] | None = None) -> SuiteResult:
    """Validate every published mart of the DuckDB file at db_path; print each failure unless echo=False.

    score_dates (first, last): validate only the rows a run building those dates wrote, as its dbt tests do
    (docs/DESIGN.md "Data tests scoped to what the run built"): the score marts on those dates, and
    fct_cs_kpi_daily on the KPI dates the run computed (the range of int_cs_kpi__agent_days_aggregated in
    the working database; the whole mart when that table is absent). None: every row (`shopscore check`).
    """
    db_path = Path(db_path)
    if not db_path.exists():
        failure = Failure("*", "the warehouse file exists", "file_exists", error=f"no DuckDB file at {db_path}")
        return _report(SuiteResult(success=False, failures=[failure]), echo)

    import great_expectations as gx

    context = gx.get_context(mode="ephemeral")
    _quiet_gx(context)
    context.data_sources.add_pandas("marts")
    result = SuiteResult(success=True)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        tables = _existing_tables(con)
        if ("reference", "scheme_settings") not in tables:
            result.failures.append(
                Failure("*", "reference.scheme_settings exists (score scales)", "table_exists", error="seed missing")
            )
            scales: list[SchemeScale] = []
        else:
            scales = _read_scales(con)
        if BOUNDS_TABLE not in tables:
            result.failures.append(
                Failure("*", f"{'.'.join(BOUNDS_TABLE)} exists (rates that may exceed 1)", "table_exists",
                        error="seed missing")
            )
        for suite_spec in _mart_suites():
            if suite_spec.mart == "fct_shop_metric_daily" and BOUNDS_TABLE not in tables:
                continue
            if (MARTS_SCHEMA, suite_spec.mart) not in tables:
                result.failures.append(
                    Failure(suite_spec.mart, "the mart exists", "table_exists", error="table not found")
                )
                continue
            query = suite_spec.query
            if score_dates is not None and suite_spec.grain[0] == "score_date":
                query = _scoped(query, "score_date", (f"date '{score_dates[0].isoformat()}'",
                                                      f"date '{score_dates[1].isoformat()}'"))
            elif score_dates is not None and CS_KPI_RUN_TABLE in tables:
                run_table = ".".join(CS_KPI_RUN_TABLE)
                query = _scoped(query, "kpi_date", (f"(select min(kpi_date) from {run_table})",
                                                    f"(select max(kpi_date) from {run_table})"))
            frame = con.sql(query).df()
            count, failures = _validate_mart(context, suite_spec, frame, scales)
            result.expectations_run += count
            result.failures.extend(failures)
            result.marts_checked.append(suite_spec.mart)
    finally:
        con.close()
    result.success = not result.failures
    return _report(result, echo)


def _report(result: SuiteResult, echo: bool) -> SuiteResult:
    if not echo:
        return result
    for failure in result.failures:
        print(failure.describe(), flush=True)
    verdict = "all passed" if result.success else f"{len(result.failures)} failed"
    print(
        f"Great Expectations: {len(result.marts_checked)} marts, {result.expectations_run} expectations, {verdict}",
        flush=True,
    )
    return result
