{#-
    Grain: one row per (score_date, shop_id, metric) for the pdd help-rate family (SPEC §4): the
    metrics of family 'help_rate' in seed metric_catalogue (product_help_rate,
    product_platform_help_rate, shipping_help_rate, shipping_platform_help_rate,
    logistics_help_rate, logistics_platform_help_rate, platform_help_rate).
    numerator = distinct pdd orders with >= 1 qualifying help request, denominator = pdd orders
    (the volume). Rows for every shop with volume > 0 on D (DESIGN: metric rows cover the volume
    population).
    Units: an order counts in a help metric's numerator on the score dates of its islands in
    int_pdd__order_help_dates_derived (where the SPEC rules live); the metric engine
    (macro metric_unit_windows) adds them up per score date.
-#}
with

volumes as (

    select
        score_date,
        scheme,
        shop_id,
        volume,
    from {{ ref('int_pdd__shop_volumes_counted') }}
    where volume > 0

),

order_help_dates as (

    select
        shop_id,
        metric,
        valid_from_date,
        valid_to_date,
    from {{ ref('int_pdd__order_help_dates_derived') }}

),

help_metrics as (

    select
        scheme,
        metric,
    from {{ ref('metric_catalogue') }}
    where scheme = 'pdd'
        and family = 'help_rate'

),

units as (

    -- One unit per order island; the per-reason keys of the same model (SPEC §8) are not metrics.
    select
        help_metrics.scheme,
        help_metrics.metric,
        order_help_dates.shop_id,
        order_help_dates.valid_from_date,
        order_help_dates.valid_to_date,
        count(*) as numerator,
        0 as denominator,
    from order_help_dates
    inner join help_metrics
        on help_metrics.metric = order_help_dates.metric
    group by
        help_metrics.scheme,
        help_metrics.metric,
        order_help_dates.shop_id,
        order_help_dates.valid_from_date,
        order_help_dates.valid_to_date

),

population as (

    select
        volumes.score_date,
        volumes.scheme,
        volumes.shop_id,
        help_metrics.metric,
        volumes.volume,
    from volumes
    inner join help_metrics
        on help_metrics.scheme = volumes.scheme

),

windowed as (

    {{ metric_unit_windows('units', 'population') }}

),

counted as (

    select
        score_date,
        scheme,
        shop_id,
        metric,
        cast(unit_numerator as double) as numerator,
        cast(volume as double) as denominator,
    from windowed

),

final as (

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
    from counted

)

select * from final
