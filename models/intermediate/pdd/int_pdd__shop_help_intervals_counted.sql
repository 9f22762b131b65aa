{#-
    Grain: one row per (shop_id, metric, valid_from_date, valid_to_date): how many of the shop's
    orders count in that pdd help metric's numerator for every score date D in
    [valid_from_date, valid_to_date] (from int_pdd__order_help_dates_derived). This compact form is
    what the range join with the score dates reads.
-#}
with

order_help_dates as (

    select
        shop_id,
        metric,
        valid_from_date,
        valid_to_date,
    from {{ ref('int_pdd__order_help_dates_derived') }}

),

final as (

    select
        shop_id,
        metric,
        valid_from_date,
        valid_to_date,
        count(*) as order_count,
    from order_help_dates
    group by
        shop_id,
        metric,
        valid_from_date,
        valid_to_date

)

select
    shop_id,
    metric,
    valid_from_date,
    valid_to_date,
    order_count,
from final
