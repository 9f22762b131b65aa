{#-
    Grain: one row per (score_date, shop_id) for every active shop. Tmall's minimum-volume count
    (SPEC §6): distinct orders paid in [D-30, D-1] (var tmall_window_days), 0 when none. A range join
    of the compact per-day paid-order rows with the score dates.
-#}
with

score_dates as (

    select score_date from {{ ref('int_score_dates_listed') }}

),

shops as (

    select shop_id from {{ ref('stg_platform__shops') }}
    where shop_status = 'active'

),

paid_orders as (

    select
        shop_id,
        paid_date,
        paid_order_count,
    from {{ ref('int_orders_paid_aggregated') }}

),

windowed as (

    select
        score_dates.score_date,
        paid_orders.shop_id,
        sum(paid_orders.paid_order_count) as volume,
    from score_dates
    inner join paid_orders
        on paid_orders.paid_date >= score_dates.score_date - {{ var('tmall_window_days') }}
        and paid_orders.paid_date < score_dates.score_date
    group by
        score_dates.score_date,
        paid_orders.shop_id

),

final as (

    select
        score_dates.score_date,
        'tmall' as scheme,
        shops.shop_id,
        cast(coalesce(windowed.volume, 0) as bigint) as volume,
    from score_dates
    cross join shops
    left join windowed
        on score_dates.score_date = windowed.score_date
        and shops.shop_id = windowed.shop_id

)

select
    score_date,
    scheme,
    shop_id,
    volume,
from final
