{#-
    SPEC §6, §10 / STYLE 11: tmall metric rows are consistent. Returns the offending rows.
    - every metric: numerator, denominator >= 0; value NULL exactly when the denominator is 0;
      ranking_* equal numerator / denominator (tmall ranks the plain value);
    - every `*_rate` metric that seed metric_bounds does not list as may_exceed_one: numerator <=
      denominator (subset units); the listed ones only warn (marts/assert_open_rates_at_most_one);
    - product_rating_avg within the rating scale [1, 5].
-#}
with

open_rates as (

    select metric from {{ ref('metric_bounds') }}
    where scheme = 'tmall' and may_exceed_one

),

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
    or (
        metric like '%\_rate' escape '\'
        and metric not in (select open_rates.metric from open_rates)
        and numerator > denominator
    )
    or (metric = 'product_rating_avg' and (value < 1 or value > 5))
