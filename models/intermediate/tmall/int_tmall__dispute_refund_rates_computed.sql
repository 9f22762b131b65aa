{#-
    Grain: one row per (score_date, shop_id) for tmall shops with volume > 0, metric
    dispute_refund_rate (SPEC §6, as pdd §4): distinct orders with an intervention where
    responsible_party = 'merchant', refund_succeeded, decided in [D-30, D-1], the order's buyer not
    malicious as of D (SPEC §3), and no approved `responsibility` appeal on the order decided before D
    (a won 判责申诉 removes the order) / orders paid in [D-30, D-1] — which is the tmall volume, so
    the denominator is read from int_tmall__shop_volumes_counted. Tmall ranks the plain value.
-#}
with

score_dates as (

    select score_date from {{ ref('int_score_dates_listed') }}

),

volumes as (

    select
        score_date,
        shop_id,
        volume,
    from {{ ref('int_tmall__shop_volumes_counted') }}
    where volume > 0

),

interventions as (

    select
        order_id,
        shop_id,
        decided_date,
        buyer_flagged_date,
        approved_appeal_decided_date,
    from {{ ref('int_interventions_decided_listed') }}
    where responsible_party = 'merchant'
        and is_refund_succeeded

),

shop_sums as (

    select
        score_dates.score_date,
        interventions.shop_id,
        count(distinct interventions.order_id) as dispute_orders,
    from score_dates
    inner join interventions
        on interventions.decided_date >= score_dates.score_date - {{ var('tmall_window_days') }}
        and interventions.decided_date < score_dates.score_date
    where not coalesce(interventions.buyer_flagged_date < score_dates.score_date, false)
        and not coalesce(interventions.approved_appeal_decided_date < score_dates.score_date, false)
    group by
        score_dates.score_date,
        interventions.shop_id

),

final as (

    select
        volumes.score_date,
        'tmall' as scheme,
        volumes.shop_id,
        'dispute_refund_rate' as metric,
        cast(coalesce(shop_sums.dispute_orders, 0) as double) as numerator,
        cast(volumes.volume as double) as denominator,
        cast(coalesce(shop_sums.dispute_orders, 0) as double) / volumes.volume as value,
        cast(coalesce(shop_sums.dispute_orders, 0) as double) as ranking_numerator,
        cast(volumes.volume as double) as ranking_denominator,
    from volumes
    left join shop_sums
        on volumes.score_date = shop_sums.score_date
        and volumes.shop_id = shop_sums.shop_id

)

select
    score_date,
    scheme,
    shop_id,
    metric,
    numerator,
    denominator,
    value,
    ranking_numerator,
    ranking_denominator,
from final
