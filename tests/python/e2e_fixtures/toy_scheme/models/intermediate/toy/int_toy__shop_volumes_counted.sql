{#-
    Grain: one row per (score_date, shop_id) for every listed shop. The toy scheme's minimum-volume
    count: distinct orders paid in [D-30, D-1] (seed scheme_settings: volume_window_days), 0 when none.
-#}
with

paid_orders as (

    -- as volume units: (shop_id, window_date, numerator)
    select
        shop_id,
        paid_date as window_date,
        paid_order_count as numerator,
    from {{ ref('int_orders_paid_aggregated') }}

),

final as (

    {{ shop_volume_counts('toy', 'paid_orders') }}

)

select * from final
