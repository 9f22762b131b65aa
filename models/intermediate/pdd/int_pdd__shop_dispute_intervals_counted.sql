{#-
    Grain: one row per (shop_id, valid_from_date, valid_to_date): how many of the shop's orders count
    in the dispute_refund_rate numerator for every score date D in [valid_from_date, valid_to_date]
    (from int_pdd__order_dispute_dates_derived). Compact input of the score-date range join.
-#}
with

order_dispute_dates as (

    select
        shop_id,
        valid_from_date,
        valid_to_date,
    from {{ ref('int_pdd__order_dispute_dates_derived') }}

),

final as (

    select
        shop_id,
        valid_from_date,
        valid_to_date,
        count(*) as order_count,
    from order_dispute_dates
    group by
        shop_id,
        valid_from_date,
        valid_to_date

)

select
    shop_id,
    valid_from_date,
    valid_to_date,
    order_count,
from final
