"""Platform overview per scheme: how many shops are scored, the score distribution, the flags set, and
how the mean score and the flags moved over the score dates the warehouse holds."""

from __future__ import annotations

import altair as alt
import streamlit as st

from shopscore.dashboard import data, widgets


def render() -> None:
    st.title("Platform overview")
    scheme = widgets.pick_scheme()
    if scheme is None:
        return
    score_date = widgets.pick_date(scheme)
    st.caption(f"Scheme **{scheme}**, score date **{str(score_date)[:10]}** (data up to the end of the day before).")

    counts = data.frame(
        """
        select
            count(*) as active_shops,
            count(*) filter (where score_status = 'scored') as scored_shops,
            count(*) filter (where score_status = 'insufficient_volume') as below_min_volume,
            avg(total_score) as mean_total
        from marts.fct_shop_score_daily
        where scheme = ? and score_date = ?
        """,
        [scheme, score_date],
    ).iloc[0]
    cols = st.columns(4)
    cols[0].metric("Active shops", int(counts.active_shops))
    cols[1].metric("Scored", int(counts.scored_shops))
    cols[2].metric("Below minimum volume", int(counts.below_min_volume))
    cols[3].metric("Mean total score", "—" if counts.mean_total != counts.mean_total else f"{counts.mean_total:.3f}")

    left, right = st.columns(2)
    scores = data.frame(
        "select shop_id, total_score from marts.fct_shop_score_daily"
        " where scheme = ? and score_date = ? and score_status = 'scored'",
        [scheme, score_date],
    )
    with left:
        st.subheader("Score distribution")
        if scores.empty:
            st.info("No scored shop on this date.")
        else:
            chart = (
                alt.Chart(scores)
                .mark_bar()
                .encode(
                    x=alt.X("total_score:Q", bin=alt.Bin(maxbins=25), title="total score"),
                    y=alt.Y("count():Q", title="shops"),
                    tooltip=[alt.Tooltip("count():Q", title="shops")],
                )
            )
            st.altair_chart(chart, width="stretch")

    flags = data.frame(
        """
        select flag, count(*) filter (where is_set) as shops_set, count(*) as shops
        from marts.fct_shop_flag_daily
        where scheme = ? and score_date = ?
        group by flag order by flag
        """,
        [scheme, score_date],
    )
    with right:
        st.subheader("Flags set")
        if flags.empty:
            st.info("No flag rows for this scheme and date.")
        else:
            chart = (
                alt.Chart(flags)
                .mark_bar()
                .encode(
                    x=alt.X("shops_set:Q", title="shops with the flag set"),
                    y=alt.Y("flag:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220)),
                    tooltip=["flag", "shops_set", "shops"],
                )
            )
            st.altair_chart(chart, width="stretch")

    st.subheader("Change over the score dates held")
    history = data.frame(
        """
        select
            score_date,
            avg(total_score) as mean_total_score,
            count(*) filter (where score_status = 'scored') as scored_shops
        from marts.fct_shop_score_daily
        where scheme = ?
        group by score_date order by score_date
        """,
        [scheme],
    )
    flag_history = data.frame(
        """
        select score_date, flag, count(*) filter (where is_set) as shops_set
        from marts.fct_shop_flag_daily
        where scheme = ?
        group by score_date, flag order by score_date, flag
        """,
        [scheme],
    )
    left, right = st.columns(2)
    with left:
        chart = (
            alt.Chart(history)
            .mark_line(point=True)
            .encode(
                x=alt.X("score_date:T", title="score date"),
                y=alt.Y("mean_total_score:Q", title="mean total score", scale=alt.Scale(zero=False)),
                tooltip=["score_date:T", "mean_total_score:Q", "scored_shops:Q"],
            )
        )
        st.altair_chart(chart, width="stretch")
    with right:
        if flag_history.empty:
            st.info("No flag rows for this scheme.")
        else:
            chart = (
                alt.Chart(flag_history)
                .mark_line(point=True)
                .encode(
                    x=alt.X("score_date:T", title="score date"),
                    y=alt.Y("shops_set:Q", title="shops with the flag set"),
                    color=alt.Color("flag:N"),
                    tooltip=["score_date:T", "flag", "shops_set"],
                )
            )
            st.altair_chart(chart, width="stretch")
    with st.expander("Figures per score date"):
        st.dataframe(history, hide_index=True, width="stretch")
