"""Data health: the rows quarantined (SPEC §9) by table and reason and over load times, the score dates
each mart holds, and the runs log and stale dates of the daily run (SPEC §11) when the warehouse has them."""

from __future__ import annotations

import altair as alt
import streamlit as st

from shopscore.dashboard import data

# Relations of the daily run (SPEC §11), matched by name so the page shows them once they land.
RUN_LOG_PATTERNS = ["%run%log%", "%runs%", "%loaded_files%", "%stale%"]


def render() -> None:
    st.title("Data health")

    st.subheader("Quarantined rows by table and reason")
    if not data.relation_exists("quarantine", "rejected_rows"):
        st.info("quarantine.rejected_rows is not built in this warehouse.")
    else:
        by_reason = data.frame(
            """
            select table_name, reason, split_part(reason, ':', 1) as reason_kind, count(*) as rows
            from quarantine.rejected_rows
            group by all order by table_name, rows desc, reason
            """
        )
        total = int(by_reason["rows"].sum()) if not by_reason.empty else 0
        st.metric("Quarantined rows", total)
        if by_reason.empty:
            st.success("No raw row was rejected.")
        else:
            chart = (
                alt.Chart(by_reason)
                .mark_bar()
                .encode(
                    x=alt.X("sum(rows):Q", title="rows quarantined"),
                    y=alt.Y("table_name:N", sort="-x", title=None),
                    color=alt.Color("reason_kind:N", title="kind of reason"),
                    tooltip=["table_name", "reason", "rows"],
                )
            )
            st.altair_chart(chart, width="stretch")
            st.dataframe(by_reason, hide_index=True, width="stretch")

            st.subheader("Quarantined rows over time (by load date)")
            over_time = data.frame(
                """
                select cast(loaded_at as date) as load_date, table_name, count(*) as rows
                from quarantine.rejected_rows
                group by all order by load_date, table_name
                """
            )
            chart = (
                alt.Chart(over_time)
                .mark_bar()
                .encode(
                    x=alt.X("load_date:T", title="load date"),
                    y=alt.Y("rows:Q", title="rows quarantined"),
                    color="table_name:N",
                    tooltip=["load_date:T", "table_name", "rows"],
                )
            )
            st.altair_chart(chart, width="stretch")

    st.subheader("Score dates held")
    held = data.frame(
        """
        select scheme, strftime(min(score_date), '%Y-%m-%d') as first_date,
            strftime(max(score_date), '%Y-%m-%d') as last_date,
            count(distinct score_date) as dates, count(*) as rows,
            count(*) filter (where score_status = 'scored') as scored_rows
        from marts.fct_shop_score_daily
        group by scheme order by scheme
        """
    )
    st.dataframe(held, hide_index=True, width="stretch")

    st.subheader("Runs log and stale dates")
    found = sorted({rel for pattern in RUN_LOG_PATTERNS for rel in data.relations_like(pattern)})
    if not found:
        st.info("No runs log or stale-dates relation is built in this warehouse (SPEC §11's daily run has not landed).")
    for schema, name in found:
        st.markdown(f"**{schema}.{name}** (latest 50 rows)")
        st.dataframe(data.frame(f'select * from "{schema}"."{name}" limit 50'), hide_index=True, width="stretch")
