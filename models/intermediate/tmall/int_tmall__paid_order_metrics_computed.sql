{#-
    Grain: one row per (score_date, shop_id, metric) for tmall shops with volume > 0 (SPEC §6):
    - pickup_24h_rate: orders paid in [D-32, D-3] (var tmall_pickup_window) requiring shipping and
      not presale, picked up within 24 h of payment (exactly 24 h passes) / those orders;
    - complaint_established_rate: complaints created in [D-34, D-5] (var tmall_complaint_window) with
      status 'established' decided before D (merchant_resolved ones are not counted), buyer not
      malicious as of D (SPEC §3) / orders paid in [D-34, D-5].
    One range join of the compact paid-order rows over [D-34, D-3] serves both windows. Tmall ranks
    the plain value: ranking_* equal numerator / denominator.
-#}
{%- set pickup_start = var('tmall_pickup_window')['start_days'] -%}
{%- set pickup_end = var('tmall_pickup_window')['end_days'] -%}
{%- set complaint_start = var('tmall_complaint_window')['start_days'] -%}
{%- set complaint_end = var('tmall_complaint_window')['end_days'] -%}

with

score_dates as (

    select score_date from {{ ref('int_score_dates_listed') }}

),

volumes as (

    select
        score_date,
        shop_id,
    from {{ ref('int_tmall__shop_volumes_counted') }}
    where volume > 0

),

paid_orders as (

    select
        shop_id,
        paid_date,
        paid_order_count,
        pickup_eligible_count,
        picked_up_within_24h_count,
    from {{ ref('int_orders_paid_aggregated') }}

),

complaints as (

    select
        shop_id,
        created_date,
        decided_date,
        buyer_flagged_date,
        complaint_count,
    from {{ ref('int_complaints_aggregated') }}
    where complaint_status = 'established'

),

paid_sums as (

    select
        score_dates.score_date,
        paid_orders.shop_id,
        sum(paid_orders.pickup_eligible_count) filter (
            where paid_orders.paid_date between score_dates.score_date - {{ pickup_start }}
                and score_dates.score_date - {{ pickup_end }}
        ) as pickup_orders,
        sum(paid_orders.picked_up_within_24h_count) filter (
            where paid_orders.paid_date between score_dates.score_date - {{ pickup_start }}
                and score_dates.score_date - {{ pickup_end }}
        ) as picked_up_within_24h,
        sum(paid_orders.paid_order_count) filter (
            where paid_orders.paid_date between score_dates.score_date - {{ complaint_start }}
                and score_dates.score_date - {{ complaint_end }}
        ) as complaint_window_orders,
    from score_dates
    inner join paid_orders
        on paid_orders.paid_date
            >= score_dates.score_date - greatest({{ pickup_start }}, {{ complaint_start }})
        and paid_orders.paid_date
            <= score_dates.score_date - least({{ pickup_end }}, {{ complaint_end }})
    group by
        score_dates.score_date,
        paid_orders.shop_id

),

complaint_sums as (

    select
        score_dates.score_date,
        complaints.shop_id,
        sum(complaints.complaint_count) as established_complaints,
    from score_dates
    inner join complaints
        on complaints.created_date between score_dates.score_date - {{ complaint_start }}
            and score_dates.score_date - {{ complaint_end }}
    -- established only once decided before D (SPEC §3); a NULL decided date counts as before D
    where coalesce(complaints.decided_date < score_dates.score_date, true)
        and not coalesce(complaints.buyer_flagged_date < score_dates.score_date, false)
    group by
        score_dates.score_date,
        complaints.shop_id

),

shop_values as (

    select
        volumes.score_date,
        volumes.shop_id,
        coalesce(paid_sums.pickup_orders, 0) as pickup_orders,
        coalesce(paid_sums.picked_up_within_24h, 0) as picked_up_within_24h,
        coalesce(paid_sums.complaint_window_orders, 0) as complaint_window_orders,
        coalesce(complaint_sums.established_complaints, 0) as established_complaints,
    from volumes
    left join paid_sums
        on volumes.score_date = paid_sums.score_date
        and volumes.shop_id = paid_sums.shop_id
    left join complaint_sums
        on volumes.score_date = complaint_sums.score_date
        and volumes.shop_id = complaint_sums.shop_id

),

metric_rows as (

    select
        score_date,
        shop_id,
        'pickup_24h_rate' as metric,
        picked_up_within_24h as numerator,
        pickup_orders as denominator,
    from shop_values

    union all

    select
        score_date,
        shop_id,
        'complaint_established_rate' as metric,
        established_complaints as numerator,
        complaint_window_orders as denominator,
    from shop_values

),

final as (

    select
        score_date,
        'tmall' as scheme,
        shop_id,
        metric,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator,
        cast(numerator as double) / nullif(denominator, 0) as value,
        cast(numerator as double) as ranking_numerator,
        cast(denominator as double) as ranking_denominator,
    from metric_rows

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
