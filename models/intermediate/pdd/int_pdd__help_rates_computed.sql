{#-
    Grain: one row per (score_date, shop_id, metric) for the pdd help-rate family (SPEC §4):
    product_help_rate, product_platform_help_rate, shipping_help_rate, shipping_platform_help_rate,
    logistics_help_rate, logistics_platform_help_rate, platform_help_rate.
    numerator = distinct pdd orders with >= 1 qualifying help request, denominator = pdd orders
    (the volume). Rows for every shop with volume > 0 on D (DESIGN: metric rows cover the volume
    population). Each score date is a range join of the compact interval counts.
-#}
with

volumes as (

    select
        score_date,
        shop_id,
        volume,
    from {{ ref('int_pdd__shop_volumes_counted') }}
    where volume > 0

),

help_intervals as (

    select
        shop_id,
        metric,
        valid_from_date,
        valid_to_date,
        order_count,
    from {{ ref('int_pdd__shop_help_intervals_counted') }}

),

score_dates as (

    select score_date
    from {{ ref('int_score_dates_listed') }}

),

metrics as (

    select unnest([
        'product_help_rate',
        'product_platform_help_rate',
        'shipping_help_rate',
        'shipping_platform_help_rate',
        'logistics_help_rate',
        'logistics_platform_help_rate',
        'platform_help_rate',
    ]) as metric

),

numerators as (

    select
        score_dates.score_date,
        help_intervals.shop_id,
        help_intervals.metric,
        sum(help_intervals.order_count) as help_order_count,
    from help_intervals
    inner join score_dates
        on score_dates.score_date >= help_intervals.valid_from_date
        and score_dates.score_date <= help_intervals.valid_to_date
    group by
        score_dates.score_date,
        help_intervals.shop_id,
        help_intervals.metric

),

final as (

    select
        volumes.score_date,
        'pdd' as scheme,
        volumes.shop_id,
        metrics.metric,
        cast(coalesce(numerators.help_order_count, 0) as double) as numerator,
        cast(volumes.volume as double) as denominator,
    from volumes
    cross join metrics
    left join numerators
        on numerators.score_date = volumes.score_date
        and numerators.shop_id = volumes.shop_id
        and numerators.metric = metrics.metric

)

select
    score_date,
    scheme,
    shop_id,
    metric,
    numerator,
    denominator,
    numerator / nullif(denominator, 0) as value,
    numerator as ranking_numerator,
    denominator as ranking_denominator,
from final
