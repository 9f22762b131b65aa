{#-
    Grain: one row per (shop_id, grouped_date). The pdd order population (SPEC §4: orders whose
    grouped_at falls in [D-30, D-1]) is counted once per shop and local grouped date, so each score
    date's volume is a range join over these compact rows instead of a rescan of the orders.
    Orders whose group never formed (grouped_at NULL) are never pdd orders; only the grouped dates
    that some built score date's window covers are counted.
-#}
with

score_date_bounds as (

    -- Only events that some built score date can see are read (SPEC §3: D sees [D-window, D-1]).
    select
        min(score_date) as first_score_date,
        max(score_date) as last_score_date,
    from {{ ref('int_score_dates_listed') }}

),

orders as (

    select
        shop_id,
        grouped_at,
    from {{ ref('stg_platform__orders') }}
    cross join score_date_bounds
    where cast(grouped_at as date) >= score_date_bounds.first_score_date - {{ var('pdd_window_days') }}
        and cast(grouped_at as date) <= score_date_bounds.last_score_date - 1

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
