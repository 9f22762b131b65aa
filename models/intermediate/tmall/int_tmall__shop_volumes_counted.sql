{#-
    Grain: one row per (score_date, shop_id) for every active shop. Tmall's minimum-volume count
    (SPEC §6): distinct orders paid in [D-30, D-1] (seed scheme_settings: volume_window_days), 0 when none.
    Units: the orders paid (int_orders_paid_aggregated) of date d count for D in [d + 1, d + window]; the metric engine (macro
    shop_volume_counts) adds them up per score date over every active shop.
-#}
with

paid_orders as (

    select
        shop_id,
        paid_date,
        paid_order_count,
    from {{ ref('int_orders_paid_aggregated') }}

),

units as (

    select
        shop_id,
        paid_date as window_date,
        paid_order_count as numerator,
    from paid_orders

),

final as (

    {{ shop_volume_counts('tmall', 'units') }}

)

select * from final
