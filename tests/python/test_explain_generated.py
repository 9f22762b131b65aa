"""SPEC §8 explain marts on a generated dataset, checked by a second route in Python (issue 10).

One `dbt run` over 9 score dates (so that D - 7 exists for two of them). For every scored shop, date and
scheme: contributions add up to the total and their 7-day changes to the total's 7-day change. Every
improvement target is rescored here from fct_shop_metric_daily (the peers' ranking values) and the seeds
(metric, dimension and flag thresholds), with exact fractions: the target meets next_threshold, the next
distinct peer value a step worse does not, and an unreachable one fails even with the best possible value.
The next threshold itself is derived here from seeds flag_rules and tmall_event_thresholds.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from shopscore.generate import GeneratorConfig, generate
from shopscore.paths import PROJECT_DIR
from tests.python.conftest import as_dicts

END = date(2026, 10, 31)
FIRST, LAST = date(2026, 10, 24), date(2026, 11, 1)
SEEDS = PROJECT_DIR / "seeds"
TOL = 1e-9


def _seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def generated_db(tmp_path_factory: pytest.TempPathFactory, dbt_build) -> Path:
    raw = tmp_path_factory.mktemp("explain-generated") / "raw"
    generate(raw, GeneratorConfig(shops=80, days=100, seed=7, orders=None, end_date=END, daily=True), progress=False)
    return dbt_build(raw, "explain-generated", args=("build", "--exclude", "test_type:unit"), score_date_start=FIRST.isoformat(),
                     score_date_end=LAST.isoformat())


def _fail(problems: list[str]) -> None:
    assert not problems, f"{len(problems)} problems, first ones:\n" + "\n".join(problems[:20])


def test_contributions_add_up_to_totals_and_their_changes(generated_db: Path) -> None:
    totals = {(r["score_date"], r["scheme"], r["shop_id"]): r["total_score"]
              for r in as_dicts(generated_db, "select * from marts.fct_shop_score_daily where score_status = 'scored'")}
    sums: dict[tuple, float] = defaultdict(float)
    changes: dict[tuple, list[Any]] = defaultdict(list)
    for r in as_dicts(generated_db, "select * from marts.fct_shop_metric_contribution_daily"):
        key = (r["score_date"], r["scheme"], r["shop_id"])
        sums[key] += r["contribution"]
        changes[key].append(r["contribution_change_7d"])
    problems: list[str] = []
    assert set(sums) == set(totals), "contribution rows must cover exactly the scored shops"
    with_change = 0
    for key, total in totals.items():
        if abs((total or 0.0) - sums[key]) > TOL:
            problems.append(f"{key}: contributions {sums[key]!r} != total {total!r}")
        before = totals.get((key[0] - timedelta(days=7), key[1], key[2]))
        if total is not None and before is not None:
            with_change += 1
            if any(c is None for c in changes[key]):
                problems.append(f"{key}: scored on D and D-7 but a NULL contribution_change_7d")
            elif abs(sum(changes[key]) - (total - before)) > TOL:
                problems.append(f"{key}: 7-day changes {sum(changes[key])!r} != total change {total - before!r}")
        elif any(c is not None for c in changes[key]):
            problems.append(f"{key}: a 7-day change without a total on D-7")
    assert with_change > 100, f"only {with_change} shop-days have D-7: the dataset is too small to test"
    _fail(problems)


# ---------------------------------------------------------------------------------------------------------
# The second route: rescoring one shop with exact fractions from the seeds and the published peer values.
class Scorer:
    def __init__(self, db: Path) -> None:
        self.catalogue = {(r["scheme"], r["metric"]): r for r in _seed("metric_catalogue")}
        self.scale = {r["scheme"]: (Fraction(r["scale_lo"]), Fraction(r["scale_hi"])) for r in _seed("scheme_settings")}
        self.dim_weights = {(r["scheme"], r["category_id"], r["dimension"]): Fraction(r["weight"])
                            for r in _seed("dimension_weights")}
        self.parent = {r["category_id"]: r["parent_category_id"]
                       for r in as_dicts(db, "select * from marts.dim_categories")}
        self.scores = {(r["score_date"], r["scheme"], r["shop_id"]): r
                       for r in as_dicts(db, "select * from marts.fct_shop_score_daily where score_status = 'scored'")}
        self.values: dict[tuple, dict[str, float | None]] = defaultdict(dict)  # (date, scheme, metric) -> shop -> value
        self.shop_metrics: dict[tuple, list[str]] = defaultdict(list)
        for r in as_dicts(db, "select score_date, scheme, shop_id, metric, ranking_value from marts.fct_shop_metric_daily"):
            self.values[(r["score_date"], r["scheme"], r["metric"])][r["shop_id"]] = r["ranking_value"]
            self.shop_metrics[(r["score_date"], r["scheme"], r["shop_id"])].append(r["metric"])
        self.members: dict[tuple, list[str]] = {}

    def ancestry(self, category: str) -> list[str]:
        found = []
        while category is not None:
            found.append(category)
            category = self.parent[category]
        return found

    def peers(self, day: date, scheme: str, shop: str) -> list[str]:
        group = self.scores[(day, scheme, shop)]["peer_group_id"]
        key = (day, scheme, group)
        if key not in self.members:
            self.members[key] = [s for (d, sc, s), r in self.scores.items()
                                 if d == day and sc == scheme and group in self.ancestry(r["category_id"])]
        return self.members[key]

    def is_higher(self, scheme: str, metric: str) -> bool:
        return self.catalogue[(scheme, metric)]["direction"] == "higher"

    def percentile(self, day: date, scheme: str, shop: str, metric: str, value: float | None) -> Fraction | None:
        """SPEC §3 cume_dist of `value` as the shop's ranking value among its peer group's published values."""
        if value is None:
            return None
        known = [value] + [v for s in self.peers(day, scheme, shop) if s != shop
                           for v in [self.values[(day, scheme, metric)].get(s)] if v is not None]
        if self.is_higher(scheme, metric):
            return Fraction(sum(1 for v in known if v <= value), len(known))
        return Fraction(sum(1 for v in known if v >= value), len(known))

    def total(self, day: date, scheme: str, shop: str, override: tuple[str, float] | None = None) -> Fraction | None:
        """SPEC §3 total from the seeds, with one metric's ranking value replaced."""
        lo, hi = self.scale[scheme]
        level_one = self.ancestry(self.scores[(day, scheme, shop)]["category_id"])[-1]
        by_dimension: dict[str, list[tuple[Fraction, Fraction]]] = defaultdict(list)
        for metric in self.shop_metrics[(day, scheme, shop)]:
            value = self.values[(day, scheme, metric)][shop]
            if override and override[0] == metric:
                value = override[1]
            p = self.percentile(day, scheme, shop, metric, value)
            entry = self.catalogue[(scheme, metric)]
            if p is not None:
                by_dimension[entry["dimension"]].append((Fraction(entry["weight"]), lo + (hi - lo) * p))
        weighted, weights = Fraction(0), Fraction(0)
        for dimension, scores in by_dimension.items():
            w = self.dim_weights.get((scheme, level_one, dimension), self.dim_weights.get((scheme, "*", dimension)))
            weighted += w * sum(mw * s for mw, s in scores) / sum(mw for mw, _ in scores)
            weights += w
        return weighted / weights if weights else None


def _thresholds(scorer: Scorer, day: date, scheme: str, shop: str) -> list[tuple[Fraction, bool, str]]:
    """(threshold, strict, flag) of every total_score rule and, for tmall, the category's event thresholds."""
    found = [(Fraction(r["threshold"]), r["comparison"] in (">", "<="), r["flag"]) for r in _seed("flag_rules")
             if r["scheme"] == scheme and r["rule_type"] == "total_score"]
    if scheme == "tmall":
        rows = _seed("tmall_event_thresholds")
        for event in sorted({r["event"] for r in rows}):
            by_category = {r["category_id"]: Fraction(r["min_score"]) for r in rows if r["event"] == event}
            chain = [c for c in scorer.ancestry(scorer.scores[(day, scheme, shop)]["category_id"]) if c in by_category]
            threshold = by_category[chain[0]] if chain else by_category.get("*")
            if threshold is not None:
                found.append((threshold, False, f"eligible_{event}"))
    return found


def _meets(total: Fraction | None, threshold: Fraction, strict: bool) -> bool:
    return total is not None and (total > threshold or (total == threshold and not strict))


def _better(higher: bool, a: float, b: float) -> bool:
    return a > b if higher else a < b


@pytest.fixture(scope="module")
def scorer(generated_db: Path) -> Scorer:
    return Scorer(generated_db)


def _sample(rows: Iterable[dict], days: set[date]) -> list[dict]:
    return [r for r in rows if r["score_date"] in days]


def test_targets_by_rescoring(generated_db: Path, scorer: Scorer) -> None:
    days = {LAST, LAST - timedelta(days=4)}  # two dates keep the Python route quick
    targets = _sample(as_dicts(generated_db, "select * from marts.fct_shop_improvement_target_daily"), days)
    by_shop: dict[tuple, list[dict]] = defaultdict(list)
    for r in targets:
        by_shop[(r["score_date"], r["scheme"], r["shop_id"])].append(r)
    problems: list[str] = []
    reachable = unreachable = 0
    for key, row in scorer.scores.items():
        day, scheme, shop = key
        if day not in days or row["total_score"] is None:
            continue
        current = scorer.total(day, scheme, shop)
        if abs(float(current) - row["total_score"]) > TOL:  # the route itself agrees with the published total
            problems.append(f"{key}: Python total {float(current)!r} != published {row['total_score']!r}")
            continue
        unmet = [(t, strict) for t, strict, _ in _thresholds(scorer, day, scheme, shop) if not _meets(current, t, strict)]
        listed = by_shop.get(key, [])
        if not unmet:
            if listed:
                problems.append(f"{key}: meets every threshold but has {len(listed)} target rows")
            continue
        threshold = min(t for t, _ in unmet)
        strict = all(s for t, s in unmet if t == threshold)
        expected_metrics = {m for m in scorer.shop_metrics[key] if scorer.values[(day, scheme, m)][shop] is not None}
        if {r["metric"] for r in listed} != expected_metrics:
            problems.append(f"{key}: target metrics {sorted(r['metric'] for r in listed)}, expected {sorted(expected_metrics)}")
        for r in listed:
            where = f"{key} {r['metric']}"
            if Fraction(repr(r["next_threshold"])) != threshold:
                problems.append(f"{where}: next_threshold {r['next_threshold']}, expected {float(threshold)}")
                continue
            metric, higher = r["metric"], scorer.is_higher(scheme, r["metric"])
            own = scorer.values[(day, scheme, metric)][shop]
            others = sorted({v for s in scorer.peers(day, scheme, shop) if s != shop
                             for v in [scorer.values[(day, scheme, metric)].get(s)] if v is not None})
            best = max(others + [own]) if higher else min(others + [own])
            if r["is_reachable"]:
                reachable += 1
                target = r["target_ranking_value"]
                if not _meets(scorer.total(day, scheme, shop, (metric, target)), threshold, strict):
                    problems.append(f"{where}: rescored with the target {target!r} misses {float(threshold)}")
                if target not in others:
                    problems.append(f"{where}: target {target!r} is not a peer value")
                worse = [v for v in others if _better(higher, target, v)] + [own]
                step_worse = max(worse) if higher else min(worse)
                if _meets(scorer.total(day, scheme, shop, (metric, step_worse)), threshold, strict):
                    problems.append(f"{where}: a step worse ({step_worse!r}) than the target {target!r} still meets")
                expected_change = abs(target - own) / own if own else None
                if (expected_change is None) != (r["relative_change"] is None) or (
                        expected_change is not None and abs(expected_change - r["relative_change"]) > TOL):
                    problems.append(f"{where}: relative_change {r['relative_change']!r}, expected {expected_change!r}")
            else:
                unreachable += 1
                beyond = best + 1 if higher else best - 1  # strictly better than every peer
                for value in (best, beyond):
                    if _meets(scorer.total(day, scheme, shop, (metric, value)), threshold, strict):
                        problems.append(f"{where}: unreachable, yet {value!r} meets {float(threshold)}")
        easiest = [r["metric"] for r in listed if r["is_easiest"]]
        candidates = sorted((r for r in listed if r["is_reachable"]),
                            key=lambda r: (r["relative_change"] is None, r["relative_change"] or 0, r["metric"]))
        if easiest != [c["metric"] for c in candidates[:1]]:
            problems.append(f"{key}: easiest {easiest}, expected {[c['metric'] for c in candidates[:1]]}")
    assert reachable > 20 and unreachable > 20, (reachable, unreachable)
    _fail(problems)


def test_shops_below_minimum_volume_have_no_rows(generated_db: Path) -> None:
    below = as_dicts(generated_db, "select count(*) as n from marts.fct_shop_score_daily where score_status != 'scored'")
    assert below[0]["n"] > 0, "the dataset must have shops below the minimum volume"
    for mart in ("fct_shop_metric_contribution_daily", "fct_shop_improvement_target_daily", "fct_shop_core_problem_daily"):
        rows = as_dicts(generated_db, f"""
            select count(*) as n from marts.{mart} as m
            inner join marts.fct_shop_score_daily as s using (score_date, scheme, shop_id)
            where s.score_status != 'scored'""")
        assert rows[0]["n"] == 0, mart


def test_explain_card_shows_the_mart_total_and_chinese_names(generated_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    from click.testing import CliRunner

    from shopscore.cli import main

    shop = as_dicts(generated_db, """
        select s.shop_id, s.total_score, d.shop_name, d.category_name
        from marts.fct_shop_score_daily as s
        inner join marts.dim_shops as d using (shop_id)
        where s.scheme = 'pdd' and s.score_date = cast($d as date) and s.score_status = 'scored'
        order by s.total_score limit 1""", {"d": LAST.isoformat()})[0]
    assert re.search(r"[\u4e00-\u9fff]", shop["shop_name"]), "the generated shop names are Chinese"
    monkeypatch.setenv("SHOPSCORE_DB", str(generated_db))
    runner = CliRunner()
    result = runner.invoke(main, ["explain", shop["shop_id"], "--scheme", "pdd", "--date", LAST.isoformat()])
    assert result.exit_code == 0, result.output
    card = result.stdout
    shown = re.search(r"总分 total: ([0-9.]+)", card)
    assert shown and float(shown.group(1)) == pytest.approx(shop["total_score"], abs=5e-4), card
    assert shop["shop_name"] in card and shop["category_name"] in card, card
    assert "商品求助率" in card  # a Chinese metric label from seed labels
    # Unknown shop, scheme and date: a clear message and exit code 2, nothing on stdout.
    for argv, message in ((["explain", "no_such_shop"], "unknown shop 'no_such_shop'"),
                          (["explain", shop["shop_id"], "--scheme", "ebay"], "unknown scheme 'ebay'"),
                          (["explain", shop["shop_id"], "--date", "2020-01-01"], "no pdd scores for 2020-01-01")):
        result = runner.invoke(main, argv)
        assert result.exit_code == 2, result.output
        assert message in result.stderr and not result.stdout, result.output


def test_scorecard_explain_columns(generated_db: Path, scorer: Scorer) -> None:
    """The wide pdd scorecard's new columns against the marts they summarise, recomputed here."""
    import statistics

    card = {(r["score_date"], r["shop_id"]): r for r in as_dicts(generated_db, "select * from marts.fct_pdd_scorecard_daily")}
    flags = {(r["score_date"], r["shop_id"], r["flag"]): r["is_set"]
             for r in as_dicts(generated_db, "select * from marts.fct_shop_flag_daily where scheme = 'pdd'")}
    lost: dict[tuple, list[tuple[float, str]]] = defaultdict(list)
    for r in as_dicts(generated_db, "select * from marts.fct_shop_metric_contribution_daily where scheme = 'pdd'"):
        lost[(r["score_date"], r["shop_id"])].append((r["points_lost"], r["metric"]))
    core = {(r["score_date"], r["shop_id"]): r["reason_code"] for r in as_dicts(
        generated_db, "select * from marts.fct_shop_core_problem_daily where problem_rank = 1 and excess_share > 0")}
    labels = {(r["kind"], r["name"]): r["label_zh"] for r in _seed("labels") if r["scheme"] == "pdd"}
    problems: list[str] = []
    for (day, shop), row in card.items():
        for flag in ("restricted", "eligible_billion_subsidy"):
            previous = flags.get((day - timedelta(days=1), shop, flag))
            if row[f"is_{flag}_previous_day"] != previous:
                problems.append(f"{day} {shop} {flag}: previous day {row[f'is_{flag}_previous_day']}, expected {previous}")
            history = [(d, flags[(d, shop, flag)]) for d in sorted({k[0] for k in flags}) if d <= day]
            changed = [d for (d0, v0), (d, v) in zip(history, history[1:]) if v != v0]
            if row[f"{flag}_changed_date"] != (changed[-1] if changed else None):
                problems.append(f"{day} {shop} {flag}: changed {row[f'{flag}_changed_date']}, expected {changed[-1:]}")
        if row["score_status"] != "scored":
            continue
        costly = sorted(lost[(day, shop)], key=lambda x: (-x[0], x[1]))
        expected_costly = costly[0][1] if costly and costly[0][0] > 0 else None
        if row["costliest_metric"] != expected_costly:
            problems.append(f"{day} {shop}: costliest {row['costliest_metric']}, expected {expected_costly}")
        if row["top_core_problem"] != core.get((day, shop)):
            problems.append(f"{day} {shop}: top core problem {row['top_core_problem']}, expected {core.get((day, shop))}")
        if row["top_core_problem"] and row["top_core_problem_label_zh"] != labels[("reason", row["top_core_problem"])]:
            problems.append(f"{day} {shop}: label {row['top_core_problem_label_zh']}")
        if day == LAST:  # peer medians of one metric from the peers' published values
            peers = scorer.peers(day, "pdd", shop)
            values = [v for s in peers for v in [card[(day, s)]["product_help_rate_value"]] if v is not None]
            if abs(statistics.median(values) - row["product_help_rate_peer_median"]) > TOL:
                problems.append(f"{day} {shop}: peer median {row['product_help_rate_peer_median']}, expected "
                                f"{statistics.median(values)}")
    _fail(problems)
