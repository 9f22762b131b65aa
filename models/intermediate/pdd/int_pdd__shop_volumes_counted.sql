{#-
    Grain: one row per (score_date, shop_id), every listed shop (DESIGN: volume model over every
    listed shop) x every score date. volume = orders grouped in [D-window, D-1] (SPEC §4, §3 window
    rule; window: seed scheme_settings); 0 when the shop had none. Orders whose group never formed
    (grouped_at NULL) are never pdd orders.
    Units: a day's orders grouped on the local date g (window_date) count for D in [g + 1, g + window];
    the metric engine (macro shop_volume_counts) adds them up per score date over every listed shop.
-#}
with

orders as (

    select * from {{ ref('stg_platform__orders') }}
    where grouped_at is not null
        and {{ event_window_filter('grouped_at') }}

),

units as (

    select
        shop_id,
        cast(grouped_at as date) as window_date,
        count(*) as numerator,
    from orders
    group by
        shop_id,
        cast(grouped_at as date)

),

final as (

    {{ shop_volume_counts('pdd', 'units') }}

)

select * from final
