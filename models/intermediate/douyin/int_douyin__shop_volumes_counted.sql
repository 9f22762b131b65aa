{#-
    Grain: one row per (score_date, shop_id) for every active shop. Douyin's minimum-volume count
    (SPEC §5): distinct orders signed in W90 = [D-90, D-1] (signed_at, else received_confirmed_at),
    0 when none. A range join of the compact per-day rows with the score dates.
-#}
with

score_dates as (

    select score_date from {{ ref('int_score_dates_listed') }}

),

shops as (

    select shop_id from {{ ref('stg_platform__shops') }}
    where shop_status = 'active'

),

signed_orders as (

    select
        shop_id,
        signed_date,
        signed_order_count,
    from {{ ref('int_douyin__signed_orders_aggregated') }}

),

windowed as (

    select
        score_dates.score_date,
        signed_orders.shop_id,
        sum(signed_orders.signed_order_count) as volume,
    from score_dates
    inner join signed_orders
        on signed_orders.signed_date >= score_dates.score_date - {{ var('douyin_window_days') }}
        and signed_orders.signed_date < score_dates.score_date
    group by
        score_dates.score_date,
        signed_orders.shop_id

),

final as (

    select
        score_dates.score_date,
        'douyin' as scheme,
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
