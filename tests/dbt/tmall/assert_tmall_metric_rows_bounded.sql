{#-
    SPEC §6, §10 / STYLE 11: tmall metric rows are consistent. Returns the offending rows.
    - every metric: numerator, denominator >= 0; value NULL exactly when the denominator is 0;
      ranking_* equal numerator / denominator (tmall ranks the plain value);
    - pickup_24h_rate and wangwang_reply_rate: numerator <= denominator (subset units);
    - product_rating_avg within the rating scale [1, 5].
    complaint_established_rate and dispute_refund_rate are checked apart
    (assert_tmall_open_rates_at_most_one).
-#}
with

metric_rows as (

    select * from {{ ref('int_tmall__product_rating_avgs_computed') }}
    union all
    select * from {{ ref('int_tmall__paid_order_metrics_computed') }}
    union all
    select * from {{ ref('int_tmall__refund_hours_computed') }}
    union all
    select * from {{ ref('int_tmall__wangwang_metrics_computed') }}
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
    ranking_numerator,
    ranking_denominator,
from metric_rows
where numerator < 0
    or denominator < 0
    or (denominator = 0) != (value is null)
    or ranking_numerator != numerator
    or ranking_denominator != denominator
    or (metric in ('pickup_24h_rate', 'wangwang_reply_rate') and numerator > denominator)
    or (metric = 'product_rating_avg' and (value < 1 or value > 5))
