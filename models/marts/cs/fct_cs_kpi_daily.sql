{#-
    Grain: one row per (kpi_date, shop_id, kpi) with agent_id NULL (the whole shop: every unit), plus
    one per (kpi_date, shop_id, agent_id, kpi) for each agent credited with units (SPEC §7, §10).
    A unit with no answering agent counts only in the shop row; a KPI with no units on a date has no
    row. value = numerator / denominator (a rate, or the mean for avg_* KPIs).
-#}
with

agent_days as (

    select * from {{ ref('int_cs_kpi__agent_days_aggregated') }}

),

shop_rows as (

    select
        kpi_date,
        shop_id,
        cast(null as varchar) as agent_id,
        kpi,
        {{ exact_sum('numerator') }} as numerator,
        {{ exact_sum('denominator') }} as denominator,
    from agent_days
    group by
        kpi_date,
        shop_id,
        kpi

),

agent_rows as (

    -- the agent's own rows, as aggregated (same columns as shop_rows)
    select * from agent_days
    where agent_id is not null

),

unioned as (

    select * from shop_rows
    union all
    select * from agent_rows

),

kpi_values as (

    select
        *,
        cast(numerator as double) / nullif(denominator, 0) as value,
    from unioned
    where denominator > 0

),

final as (

    select
        {{ contract_columns() }}
    from kpi_values

)

select * from final
