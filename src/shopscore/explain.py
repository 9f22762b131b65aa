"""`shopscore explain SHOP_ID`: one shop's scorecard in the terminal (SPEC §8, issue 10).

What a seller asks of a score: where it stands against its peers, which problems are behind it, what costs
points, what moved this week and what to fix first. Everything is read from the published marts (read-only,
the connection closed before printing), with the Chinese labels of seed `labels` and the shop's and its
category's Chinese names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

# How many rows each section lists (the core problems are all listed: they are few by definition).
TOP_COSTS = 5
TOP_TARGETS = 5


class ExplainError(Exception):
    """A shop, scheme or date the warehouse does not have; the message says what it does have."""


@dataclass(frozen=True)
class Card:
    """Everything the card shows, as read from the marts."""

    scheme: str
    score_date: date
    shop: dict[str, Any]
    score: dict[str, Any]
    band: dict[str, Any] | None
    dimensions: list[dict[str, Any]]
    flags: list[dict[str, Any]]
    problems: list[dict[str, Any]]
    metrics: list[dict[str, Any]]
    targets: list[dict[str, Any]]
    labels: dict[tuple[str, str], str]
    peer_group_name: str | None


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def load_card(db_path: Path, shop_id: str, scheme: str, score_date: date | None) -> Card:
    """Read one shop's card; ExplainError for an unknown shop, scheme or date."""
    if not db_path.exists():
        raise ExplainError(f"no warehouse at {db_path}: build it first (`shopscore build`) or set SHOPSCORE_DB")
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        shops = _rows(con, "select * from marts.dim_shops where shop_id = ?", [shop_id])
        if not shops:
            raise ExplainError(f"unknown shop '{shop_id}': it is not in marts.dim_shops of {db_path}")
        schemes = [r["scheme"] for r in _rows(con, "select distinct scheme from marts.fct_shop_score_daily "
                                                   "order by scheme", [])]
        if scheme not in schemes:
            raise ExplainError(f"unknown scheme '{scheme}': the warehouse has {', '.join(schemes) or 'no scores'}")
        dates = [r["score_date"] for r in _rows(con, "select distinct score_date from marts.fct_shop_score_daily "
                                                     "where scheme = ? order by score_date", [scheme])]
        if score_date is None:
            score_date = dates[-1]
        elif score_date not in dates:
            raise ExplainError(f"no {scheme} scores for {score_date}: the warehouse has {dates[0]} to {dates[-1]}"
                               if dates else f"no {scheme} scores at all")
        key = [score_date, scheme, shop_id]
        scores = _rows(con, "select * from marts.fct_shop_score_daily where score_date = ? and scheme = ? "
                            "and shop_id = ?", key)
        if not scores:
            raise ExplainError(f"shop '{shop_id}' has no {scheme} row on {score_date} (only active shops are scored, from the day they open)")
        # The peer band and 7-day change come from the scheme's wide scorecard; a scheme added without one
        # (docs/DESIGN.md "Adding a scheme") shows them as unknown.
        scorecard = f"fct_{scheme}_scorecard_daily"
        has_scorecard = _rows(con, "select 1 from information_schema.tables where table_schema = 'marts' "
                                   "and table_name = ?", [scorecard])
        band = _rows(con, f"select peer_rank_band, peer_shops_above, total_score_change_7d from marts.{scorecard} "
                          "where score_date = ? and shop_id = ?", [score_date, shop_id]) if has_scorecard else []
        labels = {(r["kind"], r["name"]): r["label_zh"]
                  for r in _rows(con, "select * from reference.labels where scheme = ?", [scheme])}
        peer_group = scores[0]["peer_group_id"]
        peer_names = _rows(con, "select category_name from marts.dim_categories where category_id = ?", [peer_group])
        return Card(
            scheme=scheme,
            score_date=score_date,
            shop=shops[0],
            score=scores[0],
            band=band[0] if band else None,
            dimensions=_rows(con, "select * from marts.fct_shop_dimension_score_daily where score_date = ? "
                                  "and scheme = ? and shop_id = ? order by dimension", key),
            flags=_rows(con, "select * from marts.fct_shop_flag_daily where score_date = ? and scheme = ? "
                             "and shop_id = ? order by flag", key),
            problems=_rows(con, "select * from marts.fct_shop_core_problem_daily where score_date = ? "
                                "and scheme = ? and shop_id = ? order by problem_rank", key),
            metrics=_rows(con, """
                select m.metric, m.dimension, m.value, m.ranking_value, m.percentile, m.metric_score,
                    c.contribution, c.points_lost, c.contribution_change_7d
                from marts.fct_shop_metric_daily as m
                left join marts.fct_shop_metric_contribution_daily as c
                    using (score_date, scheme, shop_id, metric)
                where m.score_date = ? and m.scheme = ? and m.shop_id = ?
                order by c.points_lost desc nulls last, m.metric""", key),
            targets=_rows(con, "select * from marts.fct_shop_improvement_target_daily where score_date = ? "
                               "and scheme = ? and shop_id = ? "
                               "order by is_reachable desc, relative_change asc nulls last, metric", key),
            labels=labels,
            peer_group_name=peer_names[0]["category_name"] if peer_names else None,
        )
    finally:
        con.close()


def _num(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _signed(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:+.{digits}f}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _label(card: Card, kind: str, name: str) -> str:
    zh = card.labels.get((kind, name))
    return f"{zh} ({name})" if zh else name


def render_card(card: Card) -> str:
    """The card as plain text lines (Chinese labels kept as they are)."""
    shop, score = card.shop, card.score
    lines = [
        f"{shop['shop_name']} ({shop['shop_id']}) · {card.labels.get(('scheme', card.scheme), card.scheme)} · "
        f"{card.score_date}",
        f"类目 category: {shop['category_name']} ({shop['category_id']}); 一级类目: {shop['level_one_category_name']}",
    ]
    if score["score_status"] != "scored":
        lines.append(f"未评分 not scored: volume {score['volume']} < minimum {score['min_volume']} "
                     "(insufficient_volume: no score, no flag set)")
        return "\n".join(lines)
    band = card.band or {}
    lines += [
        f"总分 total: {_num(score['total_score'])}   7日变化 7-day change: {_signed(band.get('total_score_change_7d'))}",
        f"同行 peers: {card.peer_group_name or score['peer_group_id']} ({score['peer_group_id']}), "
        f"{score['peer_count']} shops; band {band.get('peer_rank_band') or '—'}",
        "",
        "维度 dimensions:",
    ]
    lines += [f"  {_label(card, 'dimension', d['dimension'])}: {_num(d['dimension_score'])}" for d in card.dimensions]
    set_flags = [_label(card, "flag", f["flag"]) for f in card.flags if f["is_set"]]
    lines += ["", "标记 flags set: " + (", ".join(set_flags) if set_flags else "none")]
    if card.scheme == "pdd":
        lines += ["", "核心问题 core problems (share of orders vs peer mean):"]
        core = [p for p in card.problems if p["is_core_problem"]]
        lines += [f"  {p['problem_rank']}. {_label(card, 'reason', p['reason_code'])}: {p['affected_orders']} orders "
                  f"({p['platform_affected_orders']} on platform channels), share {p['share']:.2%} vs peers "
                  f"{p['peer_share']:.2%} (+{p['excess_share']:.2%})" for p in core] or ["  none above the peers"]
    lines += ["", "扣分项 what costs points (points lost against a perfect score, contribution, 7-day change):"]
    lines += [f"  {_label(card, 'metric', m['metric'])}: value {_num(m['value'], 4)}, percentile "
              f"{_num(m['percentile'], 2)}, lost {_num(m['points_lost'])}, contribution {_num(m['contribution'])}, "
              f"7d {_signed(m['contribution_change_7d'])}" for m in card.metrics[:TOP_COSTS]]
    moved = [m for m in card.metrics if m["contribution_change_7d"]]
    moved.sort(key=lambda m: -abs(m["contribution_change_7d"]))
    lines += ["", "本周变化 7-day change by metric (largest first):"]
    lines += [f"  {_label(card, 'metric', m['metric'])}: {_signed(m['contribution_change_7d'])}" for m in moved] or [
        "  no change (or D-7 not built)"]
    lines += ["", "优先改进 what to improve first:"]
    if not card.targets:
        lines.append("  meets every threshold of the scheme")
    else:
        first = card.targets[0]
        lines.append(f"  next threshold {first['next_threshold']} ({first['next_threshold_flags']})")
        reachable = [t for t in card.targets if t["is_reachable"]][:TOP_TARGETS]
        lines += [f"  {'★ ' if t['is_easiest'] else '  '}{_label(card, 'metric', t['metric'])}: "
                  f"{_num(t['current_ranking_value'], 4)} → {_num(t['target_ranking_value'], 4)} "
                  f"({_percent(t['relative_change'])} change), "
                  f"total then {_num(t['target_total_score'])}" for t in reachable] or [
            "  no single metric gets there on its own"]
    return "\n".join(lines)


def explain(db_path: Path, shop_id: str, scheme: str = "pdd", score_date: date | None = None) -> str:
    """The card of one shop as text."""
    return render_card(load_card(db_path, shop_id, scheme, score_date))
