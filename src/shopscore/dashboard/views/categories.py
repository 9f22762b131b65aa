"""Category view: the peer groups shops are ranked in (SPEC §3), their size, and which shops fell back
from their own category to an ancestor because it had too few scored peers."""

from __future__ import annotations

import altair as alt
import streamlit as st

from shopscore.dashboard import data, widgets


def render() -> None:
    st.title("Categories and peer groups")
    scheme = widgets.pick_scheme()
    if scheme is None:
        return
    score_date = widgets.pick_date(scheme)
    st.caption(
        f"Scheme **{scheme}**, score date **{str(score_date)[:10]}**. A scored shop is ranked among the "
        "scored shops of its main category; a category with too few of them hands its shops to its parent "
        "(a fallback), up to level 1."
    )

    groups = data.frame(
        """
        select
            scores.peer_group_id,
            categories.category_name as peer_group_name,
            categories.category_level,
            any_value(scores.peer_count) as peer_count,
            count(*) filter (where scores.category_id = scores.peer_group_id) as own_category_shops,
            count(*) filter (where scores.category_id <> scores.peer_group_id) as fallback_shops,
            avg(scores.total_score) as mean_total_score
        from marts.fct_shop_score_daily as scores
        left join marts.dim_categories as categories on categories.category_id = scores.peer_group_id
        where scores.scheme = ? and scores.score_date = ? and scores.score_status = 'scored'
        group by all
        order by peer_count desc, scores.peer_group_id
        """,
        [scheme, score_date],
    )
    cols = st.columns(3)
    cols[0].metric("Peer groups", len(groups))
    cols[1].metric("Scored shops", int(groups["own_category_shops"].sum() + groups["fallback_shops"].sum()))
    cols[2].metric("Shops ranked in a fallback group", int(groups["fallback_shops"].sum()))

    st.subheader("Peer groups and their size")
    if groups.empty:
        st.info("No scored shop on this date.")
    else:
        groups["label"] = groups["peer_group_id"] + " " + groups["peer_group_name"].fillna("")
        long = groups.melt(
            id_vars=["label", "peer_count"],
            value_vars=["own_category_shops", "fallback_shops"],
            var_name="origin",
            value_name="shops",
        )
        chart = (
            alt.Chart(long)
            .mark_bar()
            .encode(
                x=alt.X("shops:Q", stack=True, title="scored shops in the group"),
                y=alt.Y("label:N", sort=alt.EncodingSortField("peer_count", order="descending"), title=None),
                color=alt.Color("origin:N", title="shop's own category"),
                tooltip=["label", "origin", "shops", "peer_count"],
            )
        )
        st.altair_chart(chart, width="stretch")
        st.dataframe(groups.drop(columns=["label"]), hide_index=True, width="stretch")

    st.subheader("Fallbacks: shops ranked outside their own category")
    fallbacks = data.frame(
        """
        select
            own.category_id,
            own.category_name,
            count(*) as shops,
            scores.peer_group_id,
            peer.category_name as peer_group_name,
            any_value(scores.peer_count) as peer_count
        from marts.fct_shop_score_daily as scores
        left join marts.dim_categories as own on own.category_id = scores.category_id
        left join marts.dim_categories as peer on peer.category_id = scores.peer_group_id
        where scores.scheme = ? and scores.score_date = ? and scores.score_status = 'scored'
            and scores.category_id <> scores.peer_group_id
        group by all
        order by shops desc, own.category_id
        """,
        [scheme, score_date],
    )
    if fallbacks.empty:
        st.info("Every scored shop is ranked in its own category on this date.")
    else:
        st.dataframe(fallbacks, hide_index=True, width="stretch")

    st.subheader("Category tree")
    tree = data.frame(
        """
        select
            categories.category_id,
            categories.category_name,
            categories.category_level,
            categories.parent_category_name,
            categories.level_one_category_name,
            count(scores.shop_id) as active_shops,
            count(scores.shop_id) filter (where scores.score_status = 'scored') as scored_shops
        from marts.dim_categories as categories
        left join marts.fct_shop_score_daily as scores
            on scores.category_id = categories.category_id and scores.scheme = ? and scores.score_date = ?
        group by all
        order by categories.level_one_category_name, categories.category_level, categories.category_id
        """,
        [scheme, score_date],
    )
    st.dataframe(tree, hide_index=True, width="stretch")
