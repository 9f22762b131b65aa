{#-
    Grain: one row per (score_date, shop_id, metric = 'dispute_refund_rate') (SPEC §4, seeds 000
    and 003). numerator = distinct orders with a qualifying merchant-responsible, refunded
    intervention decided in [D-window, D-1] (see int_pdd__order_dispute_dates_derived), denominator
    = pdd orders (the volume). The numerator's orders need not be grouped in the window, so the
    value can in principle exceed 1; it is published unclamped, as the SPEC defines it.
    Rows for every shop with volume > 0 on D.
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

dispute_intervals as (

    select
        shop_id,
        valid_from_date,
        valid_to_date,
        order_count,
    from {{ ref('int_pdd__shop_dispute_intervals_counted') }}

),

score_dates as (

    select score_date
    from {{ ref('int_score_dates_listed') }}

),

numerators as (

    select
        score_dates.score_date,
        dispute_intervals.shop_id,
        sum(dispute_intervals.order_count) as dispute_order_count,
    from dispute_intervals
    inner join score_dates
        on score_dates.score_date >= dispute_intervals.valid_from_date
        and score_dates.score_date <= dispute_intervals.valid_to_date
    group by
        score_dates.score_date,
        dispute_intervals.shop_id

),

final as (

    select
        volumes.score_date,
        'pdd' as scheme,
        volumes.shop_id,
        'dispute_refund_rate' as metric,
        cast(coalesce(numerators.dispute_order_count, 0) as double) as numerator,
        cast(volumes.volume as double) as denominator,
    from volumes
    left join numerators
        on numerators.score_date = volumes.score_date
        and numerators.shop_id = volumes.shop_id

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
