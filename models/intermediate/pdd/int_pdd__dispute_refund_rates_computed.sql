{#-
    Grain: one row per (score_date, shop_id, metric = 'dispute_refund_rate') (SPEC §4, seeds 000
    and 003). numerator = distinct orders with a qualifying merchant-responsible, refunded
    intervention decided in [D-window, D-1] (see int_pdd__order_dispute_dates_derived), denominator
    = pdd orders (the volume). The numerator's orders need not be grouped in the window, so the
    value can in principle exceed 1; it is published unclamped, as the SPEC defines it.
    Rows for every shop with volume > 0 on D.
    Each compact interval becomes two change points (+n on its first date, -n the day after its
    last), clipped to the built score dates; a running sum per shop and an ASOF join give each score
    date's count (the range join of the intervals with the score dates).
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

score_date_bounds as (

    select
        min(score_date) as first_score_date,
        max(score_date) as last_score_date,
    from score_dates

),

relevant_intervals as (

    select
        dispute_intervals.shop_id,
        greatest(dispute_intervals.valid_from_date, score_date_bounds.first_score_date) as start_date,
        dispute_intervals.valid_to_date + 1 as end_date,
        dispute_intervals.order_count,
        score_date_bounds.last_score_date,
    from dispute_intervals
    cross join score_date_bounds
    where dispute_intervals.valid_from_date <= score_date_bounds.last_score_date
        and dispute_intervals.valid_to_date >= score_date_bounds.first_score_date

),

change_points as (

    select
        shop_id,
        start_date as change_date,
        order_count as order_count_change,
    from relevant_intervals
    union all
    select
        shop_id,
        end_date as change_date,
        -order_count as order_count_change,
    from relevant_intervals
    where end_date <= last_score_date

),

daily_changes as (

    select
        shop_id,
        change_date,
        sum(order_count_change) as order_count_change,
    from change_points
    group by
        shop_id,
        change_date

),

running_counts as (

    select
        shop_id,
        change_date,
        sum(order_count_change) over (
            partition by shop_id
            order by change_date
            rows between unbounded preceding and current row
        ) as dispute_order_count,
    from daily_changes

),

final as (

    select
        volumes.score_date,
        'pdd' as scheme,
        volumes.shop_id,
        'dispute_refund_rate' as metric,
        cast(coalesce(running_counts.dispute_order_count, 0) as double) as numerator,
        cast(volumes.volume as double) as denominator,
    from volumes
    asof left join running_counts
        on running_counts.shop_id = volumes.shop_id
        and running_counts.change_date <= volumes.score_date

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
