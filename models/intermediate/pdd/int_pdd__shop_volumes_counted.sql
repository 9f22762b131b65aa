{#-
    Grain: one row per (score_date, shop_id), every active shop (DESIGN: volume model over every
    active shop) x every score date. volume = orders grouped in [D-window, D-1] (SPEC §4, §3 window
    rule); 0 when the shop had none.
    Units: a day's orders grouped on date g count for D in [g + 1, g + window]
    (int_pdd__shop_daily_orders_counted); the metric engine (macro shop_volume_counts) adds them
    up per score date over every active shop.
-#}
with

daily_orders as (

    select
        shop_id,
        grouped_date,
        order_count,
    from {{ ref('int_pdd__shop_daily_orders_counted') }}

),

units as (

    select
        shop_id,
        grouped_date + 1 as valid_from_date,
        grouped_date + {{ var('pdd_window_days') }} as valid_to_date,
        order_count as numerator,
    from daily_orders

),

final as (

    {{ shop_volume_counts('pdd', 'units') }}

)

select * from final
