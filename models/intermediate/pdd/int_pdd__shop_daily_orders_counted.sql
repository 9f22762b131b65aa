{#-
    Grain: one row per (shop_id, grouped_date). The pdd order population (SPEC §4: orders whose
    grouped_at falls in [D-30, D-1]) is counted once per shop and local grouped date, so each score
    date's volume is a range join over these compact rows instead of a rescan of the orders.
    Orders whose group never formed (grouped_at NULL) are never pdd orders.
-#}
with

orders as (

    select
        shop_id,
        grouped_at,
    from {{ ref('stg_platform__orders') }}
    where grouped_at is not null

),

final as (

    select
        shop_id,
        cast(grouped_at as date) as grouped_date,
        count(*) as order_count,
    from orders
    group by
        shop_id,
        cast(grouped_at as date)

)

select
    shop_id,
    grouped_date,
    order_count,
from final
