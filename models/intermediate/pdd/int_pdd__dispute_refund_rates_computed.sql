{#-
    Grain: one row per (score_date, shop_id, metric = 'dispute_refund_rate') (SPEC §4, seeds 000
    and 003). numerator = distinct orders with a qualifying merchant-responsible, refunded
    intervention decided in [D-window, D-1] (see int_pdd__order_dispute_dates_derived, where the
    rules live), denominator = pdd orders (the volume). The numerator's orders need not be grouped
    in the window, so the value can in principle exceed 1; it is published unclamped, as the SPEC
    defines it. Rows for every shop with volume > 0 on D.
    Units: one per order island of int_pdd__order_dispute_dates_derived; the metric engine
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

order_dispute_dates as (

    select
        shop_id,
        valid_from_date,
        valid_to_date,
    from {{ ref('int_pdd__order_dispute_dates_derived') }}

),

dispute_metrics as (

    select
        scheme,
        metric,
    from {{ ref('metric_catalogue') }}
    where scheme = 'pdd'
        and family = 'dispute_refund_rate'

),

units as (

    select
        dispute_metrics.scheme,
        dispute_metrics.metric,
        order_dispute_dates.shop_id,
        order_dispute_dates.valid_from_date,
        order_dispute_dates.valid_to_date,
        count(*) as numerator,
        0 as denominator,
    from order_dispute_dates
    cross join dispute_metrics
    group by
        dispute_metrics.scheme,
        dispute_metrics.metric,
        order_dispute_dates.shop_id,
        order_dispute_dates.valid_from_date,
        order_dispute_dates.valid_to_date

),

population as (

    select
        volumes.score_date,
        volumes.scheme,
        volumes.shop_id,
        dispute_metrics.metric,
        volumes.volume,
    from volumes
    inner join dispute_metrics
        on dispute_metrics.scheme = volumes.scheme

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
