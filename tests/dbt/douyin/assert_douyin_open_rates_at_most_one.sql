{{ config(severity='warn') }}
{#-
    SPEC §10 wants rates in [0, 1]. complaint_rate (complaints created in Wlag / orders paid in Wlag)
    and dispute_merchant_fault_rate (interventions decided in W90 / after-sales completed in W90)
    count units that are not a subset of their denominators, so a small shop can exceed 1 by the
    letter of SPEC §5: warn, do not fail.
-#}
with

metric_rows as (

    select * from {{ ref('int_douyin__paid_order_metrics_computed') }}
    union all
    select * from {{ ref('int_douyin__after_sale_metrics_computed') }}

)

select
    score_date,
    shop_id,
    metric,
    numerator,
    denominator,
    value,
from metric_rows
where metric in ('complaint_rate', 'dispute_merchant_fault_rate')
    and value > 1
