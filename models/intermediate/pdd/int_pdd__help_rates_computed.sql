{#-
    Grain: one row per (score_date, shop_id, metric) for the pdd help-rate family (SPEC §4):
    product_help_rate, product_platform_help_rate, shipping_help_rate, shipping_platform_help_rate,
    logistics_help_rate, logistics_platform_help_rate, platform_help_rate.
    numerator = distinct pdd orders with >= 1 qualifying help request, denominator = pdd orders
    (the volume). Rows for every shop with volume > 0 on D (DESIGN: metric rows cover the volume
    population).
    Score dates: each compact interval [valid_from_date, valid_to_date] becomes two change points
    (+n on its first date, -n the day after its last), clipped to the built score dates; running sums
    per shop (one column per metric) give the orders counting from each change date on, and an ASOF
    join picks, for each score date, the latest change on or before it. This is the range join of the
    intervals with the score dates, without one row per interval and date; the metrics are kept as
    columns until the end so that the ASOF join runs once per shop and date, not per metric.
-#}
{%- set help_metrics = [
    'product_help_rate',
    'product_platform_help_rate',
    'shipping_help_rate',
    'shipping_platform_help_rate',
    'logistics_help_rate',
    'logistics_platform_help_rate',
    'platform_help_rate',
] -%}
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
    -- The per-reason keys of the same model are for the core problems (SPEC §8).
    where metric in (
        {%- for metric in help_metrics %}
        '{{ metric }}'{{ ',' if not loop.last }}
        {%- endfor %}
    )

),

score_dates as (

    select score_date
    from {{ ref('int_score_dates_listed') }}

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
        change_date,
        {%- for metric in help_metrics %}
        sum(case when metric = '{{ metric }}' then order_count_change else 0 end) as {{ metric }}_change,
        {%- endfor %}
    from change_points
    group by
        shop_id,
        change_date

),

running_counts as (

    select
        shop_id,
        change_date,
        {%- for metric in help_metrics %}
        sum({{ metric }}_change) over shop_dates_so_far as {{ metric }}_orders,
        {%- endfor %}
    from daily_changes
    window shop_dates_so_far as (
        partition by shop_id
        order by change_date
        rows between unbounded preceding and current row
    )

),

shop_dates_counted as (

    select
        volumes.score_date,
        volumes.shop_id,
        volumes.volume,
        [
            {%- for metric in help_metrics %}
            coalesce(running_counts.{{ metric }}_orders, 0),
            {%- endfor %}
        ] as help_order_counts,
    from volumes
    asof left join running_counts
        on running_counts.shop_id = volumes.shop_id
        and running_counts.change_date <= volumes.score_date

),

final as (

    -- One row per metric: the two lists unnest side by side, in the same metric order.
    select
        score_date,
        'pdd' as scheme,
        shop_id,
        unnest([
            {%- for metric in help_metrics %}
            '{{ metric }}',
            {%- endfor %}
        ]) as metric,
        cast(unnest(help_order_counts) as double) as numerator,
        cast(volume as double) as denominator,
    from shop_dates_counted

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
