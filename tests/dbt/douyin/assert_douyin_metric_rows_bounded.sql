{#-
    SPEC §5, §10 / STYLE 11: douyin metric rows are consistent. Returns the offending rows.
    - every metric: numerator, denominator and their recency-weighted forms >= 0; value NULL exactly
      when the denominator is 0; a weighted denominator is 0 exactly when the plain one is;
    - every `*_rate` metric that seed metric_bounds does not list as may_exceed_one (its numerator
      units are a subset of the denominator's, or band weights <= 1): numerator <= denominator, both
      plain and weighted, so value in [0, 1]. The listed ones (complaints / interventions over orders /
      after-sales that need not contain them) only warn, in marts/assert_open_rates_at_most_one.
-#}
with

open_rates as (

    select metric from {{ ref('metric_bounds') }}
    where scheme = 'douyin' and may_exceed_one

),

metric_rows as (

    select * from {{ ref('int_douyin__signed_order_metrics_computed') }}
    union all
    select * from {{ ref('int_douyin__paid_order_metrics_computed') }}
    union all
    select * from {{ ref('int_douyin__after_sale_metrics_computed') }}
    union all
    select * from {{ ref('int_douyin__im_3min_reply_rates_computed') }}

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
    or ranking_numerator < 0
    or ranking_denominator < 0
    or (denominator = 0) != (value is null)
    or (denominator = 0) != (ranking_denominator = 0)
    or (
        metric like '%\_rate' escape '\'
        and metric not in (select open_rates.metric from open_rates)
        and (
            numerator > denominator
            or ranking_numerator > ranking_denominator * (1 + 1e-9)
        )
    )
