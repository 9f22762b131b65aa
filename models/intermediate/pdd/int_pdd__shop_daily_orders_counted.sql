{#-
    Grain: one row per (shop_id, grouped_date). The pdd order population (SPEC §4: orders whose
    grouped_at falls in [D-30, D-1]) is counted once per shop and local grouped date, so each score
    date's volume is a range join over these compact rows instead of a rescan of the orders.
    Orders whose group never formed (grouped_at NULL) are never pdd orders; only the grouped dates
    that some built score date's window covers are counted.
-#}
with

visible_dates as (

    -- The local dates some built score date can see: [first D - window, last D - 1] (SPEC §3).
    -- Events are pruned with a semi-join on this list (not a join on min/max bounds, whose row
    -- estimates mislead DuckDB's planner into nested-loop joins).
    select cast(unnest(generate_series(
        min(score_date) - {{ var('pdd_window_days') }},
        max(score_date) - 1,
        interval 1 day
    )) as date) as visible_date,
    from {{ ref('int_score_dates_listed') }}

),

orders as (

    select
        shop_id,
        grouped_at,
    from {{ ref('stg_platform__orders') }}
    where cast(grouped_at as date) in (select visible_date from visible_dates)

),

final as (

    select
        shop_id,
        cast(grouped_at as date) as grouped_date,
        count(*) as order_count,
    from orders
    group by
        shop_id,
        cast(grouped_at as date)

)

select
    shop_id,
    grouped_date,
    order_count,
from final
