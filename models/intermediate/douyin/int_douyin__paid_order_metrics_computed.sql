{#-
    Grain: one row per (score_date, shop_id, metric) for douyin shops with volume > 0, metrics over
    paid orders (SPEC §5), W90 = [D-90, D-1], Wlag = [D-104, D-15]:
    - quality_return_rate: orders paid in Wlag with a completed (before D) refund_only/return_refund
      for a quality or logistics reason / orders paid in Wlag;
    - pickup_timeliness_rate: mean band weight (seed douyin_pickup_bands) over orders paid in W90
      that need a pick-up (requiring shipping, not presale) and were picked up before D;
    - complaint_rate: complaints created in Wlag, not 'not_established' as of D (a decision on or
      after D is not yet visible, so such a complaint is still pending and counts), buyer not
      malicious as of D / orders paid in Wlag.
    Ranking inputs weigh each order by its paid date and each complaint by its created date:
    0.5 ^ ((D-1-d)/half_life).
-#}
{%- set w90_start = var('douyin_window_days') -%}
{%- set lag_start = var('douyin_lag_window')['start_days'] -%}
{%- set lag_end = var('douyin_lag_window')['end_days'] -%}

with

score_dates as (

    select score_date from {{ ref('int_score_dates_listed') }}

),

volumes as (

    select
        score_date,
        shop_id,
    from {{ ref('int_douyin__shop_volumes_counted') }}
    where volume > 0

),

paid_orders as (

    select
        shop_id,
        paid_date,
        picked_up_date,
        quality_refund_completed_date,
        paid_order_count,
        picked_up_count,
        pickup_band_weight_sum,
        quality_refund_count,
    from {{ ref('int_orders_paid_aggregated') }}

),

complaints as (

    select
        shop_id,
        created_date,
        complaint_status,
        decided_date,
        buyer_flagged_date,
        complaint_count,
    from {{ ref('int_complaints_aggregated') }}

),

paid_windowed as (

    select
        score_dates.score_date,
        paid_orders.shop_id,
        power(
            0.5,
            cast(score_dates.score_date - 1 - paid_orders.paid_date as double)
            / {{ var('douyin_half_life_days') }}
        ) as recency_weight,
        paid_orders.paid_date >= score_dates.score_date - {{ w90_start }} as is_in_w90,
        paid_orders.paid_date between score_dates.score_date - {{ lag_start }}
            and score_dates.score_date - {{ lag_end }} as is_in_wlag,
        coalesce(paid_orders.picked_up_date < score_dates.score_date, false) as is_pickup_visible,
        coalesce(paid_orders.quality_refund_completed_date < score_dates.score_date, false)
            as is_quality_refund_visible,
        paid_orders.paid_order_count,
        paid_orders.picked_up_count,
        paid_orders.pickup_band_weight_sum,
        paid_orders.quality_refund_count,
    from score_dates
    inner join paid_orders
        -- one range join covering both windows: [D-max(90, 104), D-1]
        on paid_orders.paid_date >= score_dates.score_date - greatest({{ w90_start }}, {{ lag_start }})
        and paid_orders.paid_date < score_dates.score_date

),

paid_sums as (

    select
        score_date,
        shop_id,
        sum(paid_order_count) filter (where is_in_wlag) as lag_orders,
        sum(recency_weight * paid_order_count) filter (where is_in_wlag) as lag_orders_weighted,
        sum(quality_refund_count) filter (where is_in_wlag and is_quality_refund_visible) as quality_refunds,
        sum(recency_weight * quality_refund_count) filter (where is_in_wlag and is_quality_refund_visible)
            as quality_refunds_weighted,
        sum(picked_up_count) filter (where is_in_w90 and is_pickup_visible) as picked_up_orders,
        sum(recency_weight * picked_up_count) filter (where is_in_w90 and is_pickup_visible)
            as picked_up_orders_weighted,
        sum(pickup_band_weight_sum) filter (where is_in_w90 and is_pickup_visible) as pickup_weights,
        sum(recency_weight * pickup_band_weight_sum) filter (where is_in_w90 and is_pickup_visible)
            as pickup_weights_weighted,
    from paid_windowed
    group by
        score_date,
        shop_id

),

complaint_sums as (

    select
        score_dates.score_date,
        complaints.shop_id,
        sum(complaints.complaint_count) as complaints,
        sum(
            power(
                0.5,
                cast(score_dates.score_date - 1 - complaints.created_date as double)
                / {{ var('douyin_half_life_days') }}
            ) * complaints.complaint_count
        ) as complaints_weighted,
    from score_dates
    inner join complaints
        on complaints.created_date between score_dates.score_date - {{ lag_start }}
            and score_dates.score_date - {{ lag_end }}
    -- malicious buyers are ignored from the day after they are flagged (SPEC §3)
    where not coalesce(complaints.buyer_flagged_date < score_dates.score_date, false)
        -- a NULL decided date on a decided status is taken as decided before D
        and not (
            complaints.complaint_status = 'not_established'
            and coalesce(complaints.decided_date < score_dates.score_date, true)
        )
    group by
        score_dates.score_date,
        complaints.shop_id

),

shop_values as (

    select
        volumes.score_date,
        volumes.shop_id,
        coalesce(paid_sums.lag_orders, 0) as lag_orders,
        coalesce(paid_sums.lag_orders_weighted, 0) as lag_orders_weighted,
        coalesce(paid_sums.quality_refunds, 0) as quality_refunds,
        coalesce(paid_sums.quality_refunds_weighted, 0) as quality_refunds_weighted,
        coalesce(paid_sums.picked_up_orders, 0) as picked_up_orders,
        coalesce(paid_sums.picked_up_orders_weighted, 0) as picked_up_orders_weighted,
        coalesce(paid_sums.pickup_weights, 0) as pickup_weights,
        coalesce(paid_sums.pickup_weights_weighted, 0) as pickup_weights_weighted,
        coalesce(complaint_sums.complaints, 0) as complaints,
        coalesce(complaint_sums.complaints_weighted, 0) as complaints_weighted,
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
        'quality_return_rate' as metric,
        quality_refunds as numerator,
        lag_orders as denominator,
        quality_refunds_weighted as ranking_numerator,
        lag_orders_weighted as ranking_denominator,
    from shop_values

    union all

    select
        score_date,
        shop_id,
        'pickup_timeliness_rate' as metric,
        pickup_weights as numerator,
        picked_up_orders as denominator,
        pickup_weights_weighted as ranking_numerator,
        picked_up_orders_weighted as ranking_denominator,
    from shop_values

    union all

    select
        score_date,
        shop_id,
        'complaint_rate' as metric,
        complaints as numerator,
        lag_orders as denominator,
        complaints_weighted as ranking_numerator,
        lag_orders_weighted as ranking_denominator,
    from shop_values

),

final as (

    select
        score_date,
        'douyin' as scheme,
        shop_id,
        metric,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator,
        cast(numerator as double) / nullif(denominator, 0) as value,
        cast(ranking_numerator as double) as ranking_numerator,
        cast(ranking_denominator as double) as ranking_denominator,
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
