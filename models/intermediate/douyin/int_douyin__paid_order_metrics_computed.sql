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
    Units: orders paid on p count for D in [p + 15, p + 104] (Wlag) or [p + 1, p + 90] (W90), a
    refund or pick-up from the day after it; complaints created on c in [c + 15, c + 104], until the
    buyer's flag date and, if not_established, until the decision. Orders weigh by their paid date,
    complaints by their created date; the metric engine adds them up and applies the weight.
-#}
with

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

units as (

    -- the orders paid in Wlag are the denominator of both Wlag metrics
    select {{ metric_unit('quality_return_rate', 'paid_date', 0, 'paid_order_count') }}
    from paid_orders
    union all
    select {{ metric_unit('complaint_rate', 'paid_date', 0, 'paid_order_count') }}
    from paid_orders
    union all
    select {{ metric_unit(
        'quality_return_rate', 'paid_date', 'quality_refund_count', 0,
        counts_from='quality_refund_completed_date + 1',
    ) }}
    from paid_orders
    where quality_refund_completed_date is not null
    union all
    select {{ metric_unit(
        'pickup_timeliness_rate', 'paid_date', 'pickup_band_weight_sum', 'picked_up_count',
        counts_from='picked_up_date + 1',
    ) }}
    from paid_orders
    where picked_up_date is not null
    union all
    -- malicious buyers are ignored from the day after they are flagged (SPEC §3); a not_established
    -- complaint stops counting the day after its decision (a NULL decided date: never counts)
    select {{ metric_unit('complaint_rate', 'created_date', 'complaint_count', 0, counts_until="least(
        buyer_flagged_date,
        case when complaint_status = 'not_established' then coalesce(decided_date, created_date) end
    )") }}
    from complaints

),

final as (

    {{ metric_family_values(
        'douyin', ['quality_return_rate', 'pickup_timeliness_rate', 'complaint_rate'], 'units',
        anchored=true, recency_weighted=true
    ) }}

)

select * from final
