"""Data health, from the published file only: the rows quarantined (SPEC §9) by table, reason and delivery
partition, and the score dates each mart holds. The runs log stays in the working database (SPEC §11)."""

from __future__ import annotations

import altair as alt
import streamlit as st

from shopscore.dashboard import data

def render() -> None:
    st.title("Data health")

    st.subheader("Quarantined rows by table and reason")
    if not data.relation_exists("marts", "fct_raw_rows_by_partition"):
        st.info("marts.fct_raw_rows_by_partition is not in this warehouse: publish it with `shopscore daily`.")
    else:
        by_reason = data.frame(
            """
            select table_name, reason, split_part(reason, ':', 1) as reason_kind, sum(row_count) as rows
            from marts.fct_raw_rows_by_partition
            where row_status = 'quarantined'
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

            st.subheader("Quarantined rows by delivery day")
            over_time = data.frame(
                """
                select partition_date as delivery_date, table_name, sum(row_count) as rows
                from marts.fct_raw_rows_by_partition
                where row_status = 'quarantined' and partition_date is not null
                group by all order by delivery_date, table_name
                """
            )
            chart = (
                alt.Chart(over_time)
                .mark_bar()
                .encode(
                    x=alt.X("delivery_date:T", title="delivery partition (dt=)"),
                    y=alt.Y("rows:Q", title="rows quarantined"),
                    color="table_name:N",
                    tooltip=["delivery_date:T", "table_name", "rows"],
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
    st.info("The daily runs log (audit.runs: files loaded, dates built, stale score dates, tests failed, "
            "published) stays in the working database, which a daily run holds while it works: "
            "`shopscore summary` prints it.")
