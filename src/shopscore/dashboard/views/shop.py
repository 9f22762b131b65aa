"""Shop page: a shop's total and dimension scores over time against the score thresholds of its flags and
the band of its peer group, its metrics, and SPEC §8's explanation marts when the warehouse has them."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from shopscore.dashboard import data, widgets

# SPEC §8's explanation marts, in the order a seller reads them, with the sort each is shown in.
EXPLANATION_MARTS: list[tuple[str, str, str]] = [
    ("fct_shop_core_problem_daily", "Core problems against peers", "problem_rank"),
    ("fct_shop_metric_contribution_daily", "What costs points, and the 7-day change by metric", "points_lost desc"),
    ("fct_shop_improvement_target_daily", "Improvement targets", "metric"),
]

# The code column of each table shown, and the kind of its Chinese label in seed `labels`.
LABELLED_COLUMNS: dict[str, str] = {"metric": "metric", "reason_code": "reason", "dimension": "dimension"}


def _with_labels(rows: pd.DataFrame, scheme: str) -> pd.DataFrame:
    """The table with a Chinese label (seed `labels`, 商品求助率 for product_help_rate) beside its first code
    column, so a seller reads the platform's own words; codes without a label show blank."""
    column = next((c for c in rows.columns if c in LABELLED_COLUMNS), None)
    if column is None or not data.relation_exists("reference", "labels"):
        return rows
    labels = data.frame(
        "select name, label_zh from reference.labels where kind = ? and scheme = ?",
        [LABELLED_COLUMNS[column], scheme],
    )
    named = rows.copy()
    named.insert(
        list(named.columns).index(column) + 1,
        "名称",
        named[column].map(dict(zip(labels["name"], labels["label_zh"]))).fillna(""),
    )
    return named


def _pick_shop(scheme: str) -> tuple[str, str] | None:
    shops = data.frame(
        """
        select scores.shop_id, coalesce(shops.shop_name, '') as shop_name
        from (select distinct shop_id from marts.fct_shop_score_daily where scheme = ?) as scores
        left join marts.dim_shops as shops on shops.shop_id = scores.shop_id
        order by scores.shop_id
        """,
        [scheme],
    )
    if shops.empty:
        st.info("No shop has a score row for this scheme.")
        return None
    ids = list(shops["shop_id"])
    wanted = st.query_params.get("shop_id")
    index = ids.index(wanted) if wanted in ids else 0
    names = dict(zip(shops["shop_id"], shops["shop_name"]))
    shop_id = st.sidebar.selectbox("Shop", ids, index=index, format_func=lambda s: f"{s} · {names[s]}", key="shop")
    st.query_params["shop_id"] = shop_id
    return shop_id, names[shop_id]


def _score_thresholds(scheme: str, category_id: str | None) -> pd.DataFrame:
    """The total-score thresholds of the scheme's flags (seed flag_rules) and, for the scheme with
    marketing events, each event's threshold for the shop's category: its nearest listed ancestor, else '*'."""
    rules = data.frame(
        "select flag, comparison, threshold from reference.flag_rules"
        " where scheme = ? and rule_type = 'total_score' order by threshold",
        [scheme],
    )
    if scheme == "tmall" and data.relation_exists("reference", "tmall_event_thresholds"):
        events = data.frame("select event, category_id, min_score from reference.tmall_event_thresholds")
        ancestors = _ancestors(category_id)
        for event, rows in events.groupby("event"):
            by_category = dict(zip(rows["category_id"], rows["min_score"]))
            chosen = next((by_category[c] for c in ancestors if c in by_category), by_category.get("*"))
            if chosen is not None:
                rules.loc[len(rules)] = [f"eligible_{event}", ">=", float(chosen)]
    return rules


def _ancestors(category_id: str | None) -> list[str]:
    """The category and its ancestors, nearest first."""
    if category_id is None:
        return []
    parents = data.frame("select category_id, parent_category_id from marts.dim_categories")
    parent_of = dict(zip(parents["category_id"], parents["parent_category_id"]))
    chain: list[str] = []
    current: Any = category_id
    while isinstance(current, str) and current not in chain:
        chain.append(current)
        current = parent_of.get(current)
    return chain


def _fmt(value: Any, digits: int = 3) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.{digits}f}"


def render() -> None:
    st.title("Shop")
    scheme = widgets.pick_scheme()
    if scheme is None:
        return
    picked = _pick_shop(scheme)
    if picked is None:
        return
    shop_id, shop_name = picked
    score_date = widgets.pick_date(scheme)

    history = data.frame(
        """
        select
            scores.score_date, scores.category_id, categories.category_name, scores.peer_group_id,
            peers.category_name as peer_group_name, scores.peer_count, scores.score_status, scores.volume,
            scores.total_score
        from marts.fct_shop_score_daily as scores
        left join marts.dim_categories as categories on categories.category_id = scores.category_id
        left join marts.dim_categories as peers on peers.category_id = scores.peer_group_id
        where scores.scheme = ? and scores.shop_id = ?
        order by scores.score_date
        """,
        [scheme, shop_id],
    )
    today = history[history["score_date"] == score_date]
    if today.empty:
        st.info(f"{shop_id} has no score row on {str(score_date)[:10]}.")
        return
    row = today.iloc[0]
    st.subheader(f"{shop_name} ({shop_id})")
    st.caption(
        f"Scheme **{scheme}**, score date **{str(score_date)[:10]}**. Main category: "
        f"{row.category_name} ({row.category_id}); peer group: "
        f"{row.peer_group_name if row.peer_group_id else '—'} ({row.peer_group_id or 'not scored'})."
    )
    cols = st.columns(4)
    cols[0].metric("Total score", _fmt(row.total_score))
    cols[1].metric("Status", str(row.score_status))
    cols[2].metric("Volume", int(row.volume))
    cols[3].metric("Peers in group", "—" if pd.isna(row.peer_count) else int(row.peer_count))

    flags = data.frame(
        "select flag, is_set from marts.fct_shop_flag_daily"
        " where scheme = ? and shop_id = ? and score_date = ? order by flag",
        [scheme, shop_id, score_date],
    )
    if not flags.empty:
        is_set = dict(zip(flags["flag"], flags["is_set"]))
        st.markdown(
            "**Flags set:** " + (", ".join(f"`{f}`" for f, s in is_set.items() if s) or "none")
            + "  \n**Not set:** " + (", ".join(f"`{f}`" for f, s in is_set.items() if not s) or "none")
        )

    st.subheader("Total score, peer band and flag thresholds")
    band = data.frame(
        """
        select
            mine.score_date,
            quantile_cont(peers.total_score, 0.25) as peer_p25,
            quantile_cont(peers.total_score, 0.5) as peer_median,
            quantile_cont(peers.total_score, 0.75) as peer_p75
        from marts.fct_shop_score_daily as mine
        inner join marts.fct_shop_score_daily as peers
            on peers.scheme = mine.scheme and peers.score_date = mine.score_date
            and peers.peer_group_id = mine.peer_group_id and peers.score_status = 'scored'
        where mine.scheme = ? and mine.shop_id = ?
        group by mine.score_date
        """,
        [scheme, shop_id],
    )
    thresholds = _score_thresholds(scheme, row.category_id)
    layers: list[alt.Chart] = []
    if not band.empty:
        layers.append(
            alt.Chart(band)
            .mark_area(opacity=0.25)
            .encode(
                x=alt.X("score_date:T", title="score date"),
                y=alt.Y("peer_p25:Q", title="total score"),
                y2="peer_p75:Q",
                tooltip=["score_date:T", "peer_p25:Q", "peer_median:Q", "peer_p75:Q"],
            )
        )
    layers.append(
        alt.Chart(history)
        .mark_line(point=True, color="#222222", strokeWidth=3)
        .encode(
            x=alt.X("score_date:T", title="score date"),
            y=alt.Y("total_score:Q", title="total score"),
            tooltip=["score_date:T", "total_score:Q", "score_status:N", "peer_group_id:N"],
        )
    )
    if not thresholds.empty:
        layers.append(
            alt.Chart(thresholds)
            .mark_rule(strokeDash=[6, 3])
            .encode(y="threshold:Q", color=alt.Color("flag:N", title="flag threshold"), tooltip=["flag", "comparison", "threshold"])
        )
    st.altair_chart(alt.layer(*layers), width="stretch")
    st.caption("Black: the shop's total. Shaded: the middle half (25th–75th percentile) of its peer group's totals. Dashed: flag thresholds.")

    st.subheader("Dimension scores")
    dims = data.frame(
        "select score_date, dimension, dimension_score from marts.fct_shop_dimension_score_daily"
        " where scheme = ? and shop_id = ? order by score_date, dimension",
        [scheme, shop_id],
    )
    if dims.empty:
        st.info("No dimension score (the shop is not scored on any date held).")
    else:
        chart = (
            alt.Chart(dims)
            .mark_line(point=True)
            .encode(
                x=alt.X("score_date:T", title="score date"),
                y=alt.Y("dimension_score:Q", title="dimension score"),
                color="dimension:N",
                tooltip=["score_date:T", "dimension", "dimension_score:Q"],
            )
        )
        st.altair_chart(chart, width="stretch")

    st.subheader("Metrics on this date")
    metrics = data.frame(
        """
        select metric, dimension, direction, numerator, denominator, value, ranking_value, percentile,
            metric_score, peer_count
        from marts.fct_shop_metric_daily
        where scheme = ? and shop_id = ? and score_date = ?
        order by dimension, metric
        """,
        [scheme, shop_id, score_date],
    )
    if metrics.empty:
        st.info("No metric rows: metrics are published for scored shops only.")
    else:
        st.dataframe(_with_labels(metrics, scheme), hide_index=True, width="stretch")

    for mart, title, order in EXPLANATION_MARTS:
        st.subheader(title)
        if not data.relation_exists("marts", mart):
            st.info(f"marts.{mart} is not built in this warehouse.")
            continue
        rows = data.frame(
            f"select * exclude (score_date, scheme, shop_id) from marts.{mart}"
            f" where scheme = ? and shop_id = ? and score_date = ? order by {order}",
            [scheme, shop_id, score_date],
        )
        if rows.empty:
            covers_scheme = not data.frame(f"select 1 from marts.{mart} where scheme = ? limit 1", [scheme]).empty
            st.info(f"No row in marts.{mart} for this shop and date." if covers_scheme
                    else f"marts.{mart} has no {scheme} rows: it does not cover this scheme.")
        else:
            st.dataframe(_with_labels(rows, scheme), hide_index=True, width="stretch")
