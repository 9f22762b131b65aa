{#-
    Grain: one row per (score_date, shop_id), every active shop (DESIGN: volume model over every
    active shop) x every score date. volume = orders grouped in [D-window, D-1] (SPEC §4, §3 window
    rule); 0 when the shop had none. An order grouped on date g is in the window of D exactly when
    g + 1 <= D <= g + window, which is the range join below.
-#}
with

shops as (

    select shop_id
    from {{ ref('stg_platform__shops') }}
    where shop_status = 'active'

),

score_dates as (

    select score_date
    from {{ ref('int_score_dates_listed') }}

),

daily_orders as (

    select
        shop_id,
        grouped_date,
        order_count,
    from {{ ref('int_pdd__shop_daily_orders_counted') }}

),

windowed_orders as (

    select
        score_dates.score_date,
        daily_orders.shop_id,
        sum(daily_orders.order_count) as volume,
    from daily_orders
    inner join score_dates
        on score_dates.score_date >= daily_orders.grouped_date + 1
        and score_dates.score_date <= daily_orders.grouped_date + {{ var('pdd_window_days') }}
    group by
        score_dates.score_date,
        daily_orders.shop_id

),

final as (

    select
        score_dates.score_date,
        'pdd' as scheme,
        shops.shop_id,
        cast(coalesce(windowed_orders.volume, 0) as bigint) as volume,
    from shops
    cross join score_dates
    left join windowed_orders
        on windowed_orders.score_date = score_dates.score_date
        and windowed_orders.shop_id = shops.shop_id

)

select
    score_date,
    scheme,
    shop_id,
    volume,
from final
