{{ config(severity='warn') }}
{#-
    SPEC §10 wants rates in [0, 1]. complaint_established_rate (complaints created in [D-34, D-5] /
    orders paid then) and dispute_refund_rate (orders with a dispute decided in [D-30, D-1] / orders
    paid then) count units that are not a subset of their denominators: warn, do not fail.
-#}
with

metric_rows as (

    select * from {{ ref('int_tmall__paid_order_metrics_computed') }}
    union all
    select * from {{ ref('int_tmall__dispute_refund_rates_computed') }}

)

select
    score_date,
    shop_id,
    metric,
    numerator,
    denominator,
    value,
from metric_rows
where metric in ('complaint_established_rate', 'dispute_refund_rate')
    and value > 1
