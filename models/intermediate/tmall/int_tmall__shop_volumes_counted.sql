{#-
    Grain: one row per (score_date, shop_id) for every active shop. Tmall's minimum-volume count
    (SPEC §6): distinct orders paid in [D-30, D-1] (seed scheme_settings: volume_window_days), 0 when
    none.
    Units: the orders paid (int_orders_paid_aggregated) on date d count for D in [d + 1, d + window];
    the metric engine (macro shop_volume_counts) adds them up per score date over every active shop.
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

    {{ shop_volume_counts('tmall', 'paid_orders') }}

)

select * from final
