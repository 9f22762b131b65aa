{#-
    Grain: one row per (score_date, shop_id), every active shop (DESIGN: volume model over every
    active shop) x every score date. volume = orders grouped in [D-window, D-1] (SPEC §4, §3 window
    rule); 0 when the shop had none.
    Units: a day's orders grouped on date g count for D in [g + 1, g + window]
    (int_pdd__shop_daily_orders_counted); the metric engine (macro metric_unit_windows) adds them
    up per score date, under the key metric = 'volume'.
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

units as (

    select
        'pdd' as scheme,
        'volume' as metric,
        shop_id,
        grouped_date + 1 as valid_from_date,
        grouped_date + {{ var('pdd_window_days') }} as valid_to_date,
        order_count as numerator,
        0 as denominator,
    from daily_orders

),

population as (

    select
        score_dates.score_date,
        'pdd' as scheme,
        shops.shop_id,
        'volume' as metric,
    from shops
    cross join score_dates

),

windowed as (

    {{ metric_unit_windows('units', 'population') }}

),

final as (

    select
        score_date,
        scheme,
        shop_id,
        cast(unit_numerator as bigint) as volume,
    from windowed

)

select * from final
