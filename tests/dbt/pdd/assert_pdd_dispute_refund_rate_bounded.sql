{{ config(severity='warn') }}
{#-
    dispute_refund_rate (SPEC §4) counts orders with a qualifying intervention decided in the window,
    whether or not the order was grouped in the window, over the orders grouped in the window. So
    numerator <= denominator and value <= 1 are expected on real data but not guaranteed by the SPEC:
    this check warns instead of failing, and the value is never clamped. Negative values, or a value
    that disagrees with numerator / denominator, would still be bugs and are reported too.
-#}
with

metric_rows as (

    select score_date, shop_id, metric, numerator, denominator, value
    from {{ ref('int_pdd__dispute_refund_rates_computed') }}

)

select
    score_date,
    shop_id,
    metric,
    numerator,
    denominator,
    value,
from metric_rows
where numerator < 0
    or numerator > denominator
    or value < 0
    or value > 1
    or (denominator = 0) != (value is null)
