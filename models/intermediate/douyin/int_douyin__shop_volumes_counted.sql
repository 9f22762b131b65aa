{#-
    Grain: one row per (score_date, shop_id) for every active shop. Douyin's minimum-volume count
    (SPEC §5): distinct orders signed in W90 = [D-90, D-1] (signed_at, else received_confirmed_at),
    0 when none.
    Units: the orders signed (int_douyin__signed_orders_aggregated) on date d count for D in
    [d + 1, d + window]; the metric engine (macro shop_volume_counts) adds them up per score date over
    every active shop.
-#}
with

signed_orders as (

    -- as volume units: (shop_id, window_date, numerator)
    select
        shop_id,
        signed_date as window_date,
        signed_order_count as numerator,
    from {{ ref('int_douyin__signed_orders_aggregated') }}

),

final as (

    {{ shop_volume_counts('douyin', 'signed_orders') }}

)

select * from final
