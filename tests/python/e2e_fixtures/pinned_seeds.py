"""Configuration pinned by a test: a copy of the project's seeds/ with some schemes' rows replaced.

A test that checks a formula by hand pins the weights, thresholds and scales it worked with, so a
user's change to seeds/ fails nothing but the tests about that value (issue #8).
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from shopscore.paths import PROJECT_DIR

SEEDS_DIR = PROJECT_DIR / "seeds"

# The pdd configuration the hand-worked pdd cases (test_e2e_pdd, test_explain_e2e, test_baseline_agreement)
# were worked with: SPEC §4's weights, flag thresholds, scale and volume window, whatever seeds/ says today.
PDD_DIMENSION_WEIGHTS = {"product": 0.30, "shipping": 0.20, "logistics": 0.20, "basic_service": 0.30}
PDD_THRESHOLDS = {"eligible_billion_subsidy": (">=", 4.0), "eligible_bargain": (">=", 3.5),
                  "eligible_checkin": (">=", 3.5), "restricted": ("<", 2.0), "intervention_priority": ("<", 3.0)}
PDD_PROGRAMS = ("billion_subsidy", "bargain", "checkin")
PDD_SETTINGS = {"scale_lo": 0, "scale_hi": 5, "min_volume": 30, "volume_window_days": 30}
# metric_catalogue rows as worked: metric -> (dimension, direction, weight, family, window_start_days,
# window_end_days, half_life_days); SPEC §4's windows [D-30, D-1], every metric weight 1.
PDD_CATALOGUE = {
    **{f"{d}_help_rate": (d, "lower", 1, "help_rate", 30, 1, None) for d in ("product", "shipping", "logistics")},
    **{f"{d}_platform_help_rate": (d, "lower", 1, "help_rate", 30, 1, None) for d in ("product", "shipping", "logistics")},
    "platform_help_rate": ("basic_service", "lower", 1, "help_rate", 30, 1, None),
    "reply_3min_rate": ("basic_service", "higher", 1, "reply_3min_rate", 30, 1, None),
    "dispute_refund_rate": ("basic_service", "lower", 1, "dispute_refund_rate", 30, 1, None),
    "ticket_completion_rate": ("basic_service", "higher", 1, "ticket_completion_rate", 30, 1, None),
}


# The douyin and tmall configuration test_e2e_douyin_tmall_kpi was worked with (SPEC §5, §6).
DOUYIN_DIMENSION_WEIGHTS = {"product": 0.50, "logistics": 0.15, "service": 0.35}
DOUYIN_THRESHOLDS = {"eligible_campaigns": (">=", 4.5), "ads_blocked": ("<", 3.6)}
DOUYIN_SETTINGS = {"scale_lo": 3, "scale_hi": 5, "min_volume": 50, "volume_window_days": 90}
DOUYIN_PICKUP_BANDS = {24: 1.0, 36: 0.6, 48: 0.3}  # max hours -> weight
TMALL_DIMENSION_WEIGHTS = {"product": 0.2, "logistics": 0.2, "after_sales": 0.2, "consultation": 0.2, "disputes": 0.2}
TMALL_SETTINGS = {"scale_lo": 0, "scale_hi": 5, "min_volume": 30, "volume_window_days": 30}
TMALL_EVENT_THRESHOLDS = {"queens_day_38": 4.0}  # every category ('*')
# metric_catalogue rows as worked (same tuple as PDD_CATALOGUE): SPEC §5's windows and 30-day half-life,
# SPEC §6's windows; every metric weight 1. A metric's family is its own name unless given.
DOUYIN_CATALOGUE = {
    "bad_review_rate": ("product", "lower", 1, None, 90, 1, 30),
    "quality_return_rate": ("product", "lower", 1, None, 104, 15, 30),
    "pickup_timeliness_rate": ("logistics", "higher", 1, None, 90, 1, 30),
    "delivery_hours": ("logistics", "lower", 1, None, 90, 1, 30),
    "complaint_rate": ("service", "lower", 1, None, 104, 15, 30),
    "dispute_merchant_fault_rate": ("service", "lower", 1, None, 90, 1, 30),
    "im_3min_reply_rate": ("service", "higher", 1, None, 90, 1, 30),
    "refund_only_hours": ("service", "lower", 1, None, 90, 1, 30),
    "return_refund_hours": ("service", "lower", 1, None, 90, 1, 30),
    "service_good_review_rate": ("service", "higher", 1, None, 90, 1, 30),
}
TMALL_CATALOGUE = {
    "product_rating_avg": ("product", "higher", 1, None, 30, 1, None),
    "pickup_24h_rate": ("logistics", "higher", 1, "paid_order_metrics", 32, 3, None),
    "refund_only_hours": ("after_sales", "lower", 1, "refund_hours", 30, 1, None),
    "return_refund_hours": ("after_sales", "lower", 1, "refund_hours", 30, 1, None),
    "wangwang_reply_rate": ("consultation", "higher", 1, "wangwang_metrics", 30, 1, None),
    "manual_response_seconds": ("consultation", "lower", 1, "wangwang_metrics", 30, 1, None),
    "dispute_refund_rate": ("disputes", "lower", 1, None, 30, 1, None),
    "complaint_established_rate": ("disputes", "lower", 1, "paid_order_metrics", 34, 5, None),
}


def catalogue_rows(catalogue: Mapping[str, tuple[Any, ...]]) -> list[dict[str, Any]]:
    """A scheme's metric_catalogue rows (without the scheme column) from a *_CATALOGUE mapping."""
    columns = ("dimension", "direction", "weight", "family", "window_start_days", "window_end_days", "half_life_days")
    rows = []
    for metric, values in catalogue.items():
        row = {"metric": metric, **dict(zip(columns, values, strict=True))}
        row["family"] = row["family"] or metric
        row["half_life_days"] = "" if row["half_life_days"] is None else row["half_life_days"]
        rows.append(row)
    return rows


def douyin_seed_rows() -> dict[str, list[dict[str, Any]]]:
    """The douyin rows of dimension_weights, flag_rules, scheme_settings, metric_catalogue and the whole douyin_pickup_bands."""
    return {
        "dimension_weights": [{"category_id": "*", "dimension": d, "weight": w}
                              for d, w in DOUYIN_DIMENSION_WEIGHTS.items()],
        "flag_rules": [{"flag": flag, "rule_type": "total_score", "comparison": op, "threshold": threshold}
                       for flag, (op, threshold) in DOUYIN_THRESHOLDS.items()],
        "scheme_settings": [DOUYIN_SETTINGS],
        "douyin_pickup_bands": [{"max_hours": h, "weight": w} for h, w in DOUYIN_PICKUP_BANDS.items()],
        "metric_catalogue": catalogue_rows(DOUYIN_CATALOGUE),
    }


def tmall_seed_rows() -> dict[str, list[dict[str, Any]]]:
    """The tmall rows of dimension_weights, scheme_settings and metric_catalogue and the whole tmall_event_thresholds."""
    return {
        "dimension_weights": [{"category_id": "*", "dimension": d, "weight": w}
                              for d, w in TMALL_DIMENSION_WEIGHTS.items()],
        "scheme_settings": [TMALL_SETTINGS],
        "tmall_event_thresholds": [{"event": e, "category_id": "*", "min_score": s}
                                   for e, s in TMALL_EVENT_THRESHOLDS.items()],
        "metric_catalogue": catalogue_rows(TMALL_CATALOGUE),
    }


def pdd_seed_rows() -> dict[str, list[dict[str, Any]]]:
    """The pdd rows of dimension_weights, flag_rules, scheme_settings and metric_catalogue from the constants above."""
    flags = [{"flag": flag, "rule_type": "total_score", "comparison": op, "threshold": threshold}
             for flag, (op, threshold) in PDD_THRESHOLDS.items()]
    flags += [{"flag": f"evict_{program}", "rule_type": "program_eviction", "program": program,
               "eligibility_flag": f"eligible_{program}"} for program in PDD_PROGRAMS]
    return {
        "dimension_weights": [{"category_id": "*", "dimension": d, "weight": w} for d, w in PDD_DIMENSION_WEIGHTS.items()],
        "flag_rules": flags,
        "scheme_settings": [PDD_SETTINGS],
        "metric_catalogue": catalogue_rows(PDD_CATALOGUE),
    }


def write_pinned_seeds(dest: Path, scheme: str, rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> Path:
    """Copy seeds/ to dest and, in each named seed, replace the scheme's rows by `rows[seed]`; return dest.

    A seed without a scheme column (one scheme's own seed, e.g. douyin_pickup_bands) is replaced whole.
    """
    if not dest.exists():
        shutil.copytree(SEEDS_DIR, dest)
    for seed, pinned in rows.items():
        path = dest / f"{seed}.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = list(reader.fieldnames or [])
            has_scheme = "scheme" in header
            kept = [row for row in reader if has_scheme and row["scheme"] != scheme]
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(kept)
            writer.writerows(({"scheme": scheme} if has_scheme else {}) | dict(row) for row in pinned)
    return dest
