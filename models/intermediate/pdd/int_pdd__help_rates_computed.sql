{#-
    Grain: one row per (score_date, shop_id, metric) for the pdd help-rate family (SPEC §4):
    product_help_rate, product_platform_help_rate, shipping_help_rate, shipping_platform_help_rate,
    logistics_help_rate, logistics_platform_help_rate, platform_help_rate.
    numerator = distinct pdd orders with >= 1 qualifying help request, denominator = pdd orders
    (the volume). Rows for every shop with volume > 0 on D (DESIGN: metric rows cover the volume
    population).
    Score dates: each compact interval [valid_from_date, valid_to_date] becomes two change points
    (+n on its first date, -n the day after its last), clipped to the built score dates; a running
    sum per (shop, metric) gives the orders counting from each change date on, and an ASOF join
    picks, for each score date, the latest change on or before it. This is the range join of the
    intervals with the score dates, without one row per interval and date.
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

score_date_bounds as (

    select
        min(score_date) as first_score_date,
        max(score_date) as last_score_date,
    from score_dates

),

relevant_intervals as (

    select
        help_intervals.shop_id,
        help_intervals.metric,
        -- Everything starting before the first score date is already counting on it.
        greatest(help_intervals.valid_from_date, score_date_bounds.first_score_date) as start_date,
        help_intervals.valid_to_date + 1 as end_date,
        help_intervals.order_count,
        score_date_bounds.last_score_date,
    from help_intervals
    cross join score_date_bounds
    where help_intervals.valid_from_date <= score_date_bounds.last_score_date
        and help_intervals.valid_to_date >= score_date_bounds.first_score_date

),

change_points as (

    select
        shop_id,
        metric,
        start_date as change_date,
        order_count as order_count_change,
    from relevant_intervals
    union all
    select
        shop_id,
        metric,
        end_date as change_date,
        -order_count as order_count_change,
    from relevant_intervals
    where end_date <= last_score_date

),

daily_changes as (

    select
        shop_id,
        metric,
        change_date,
        sum(order_count_change) as order_count_change,
    from change_points
    group by
        shop_id,
        metric,
        change_date

),

running_counts as (

    select
        shop_id,
        metric,
        change_date,
        sum(order_count_change) over (
            partition by shop_id, metric
            order by change_date
            rows between unbounded preceding and current row
        ) as help_order_count,
    from daily_changes

),

shop_metric_dates as (

    select
        volumes.score_date,
        volumes.shop_id,
        volumes.volume,
        metrics.metric,
    from volumes
    cross join metrics

),

final as (

    select
        shop_metric_dates.score_date,
        'pdd' as scheme,
        shop_metric_dates.shop_id,
        shop_metric_dates.metric,
        cast(coalesce(running_counts.help_order_count, 0) as double) as numerator,
        cast(shop_metric_dates.volume as double) as denominator,
    from shop_metric_dates
    asof left join running_counts
        on running_counts.shop_id = shop_metric_dates.shop_id
        and running_counts.metric = shop_metric_dates.metric
        and running_counts.change_date <= shop_metric_dates.score_date

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
