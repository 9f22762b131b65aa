{#-
    Grain: one row per (score_date, shop_id, metric) for tmall shops with volume > 0, the metrics of
    family 'paid_order_metrics' in seed metric_catalogue (SPEC §6):
    - pickup_24h_rate: orders paid in [D-32, D-3] (seed metric_catalogue) requiring shipping and
      not presale, picked up within 24 h of payment (exactly 24 h passes) / those orders;
    - complaint_established_rate: complaints created in [D-34, D-5] (seed metric_catalogue) with
      status 'established' decided before D (merchant_resolved ones are not counted), buyer not
      malicious as of D (SPEC §3) / orders paid in [D-34, D-5].
    Units: a day's paid orders p count for D in [p + end_days, p + start_days] of each window; an
    established complaint created on c counts from max(c + end_days, the day after its decision) to
    min(c + start_days, its buyer's flag date); the metric engine (macro metric_unit_windows) adds
    them up per score date. Tmall ranks the plain value: ranking_* equal numerator / denominator.
-#}
with

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

units as (

    select {{ metric_unit('pickup_24h_rate', 'paid_date', 'picked_up_within_24h_count', 'pickup_eligible_count') }}
    from paid_orders
    union all
    select {{ metric_unit('complaint_established_rate', 'paid_date', 0, 'paid_order_count') }}
    from paid_orders
    union all
    -- Established only once decided before D (SPEC §3; a NULL decided date counts as before D),
    -- until the buyer is flagged malicious before D.
    select {{ metric_unit(
        'complaint_established_rate', 'created_date', 'complaint_count', 0,
        counts_from='decided_date + 1', counts_until='buyer_flagged_date',
    ) }}
    from complaints

),

final as (

    {{ metric_family_values('tmall', 'paid_order_metrics', 'units', anchored=true) }}

)

select * from final
