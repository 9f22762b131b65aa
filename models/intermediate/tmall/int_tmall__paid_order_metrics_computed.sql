{#-
    Grain: one row per (score_date, shop_id, metric) for tmall shops with volume > 0, the metrics of
    family 'paid_order_metrics' in seed metric_catalogue (SPEC §6):
    - pickup_24h_rate: orders paid in [D-32, D-3] (var tmall_pickup_window) requiring shipping and
      not presale, picked up within 24 h of payment (exactly 24 h passes) / those orders;
    - complaint_established_rate: complaints created in [D-34, D-5] (var tmall_complaint_window) with
      status 'established' decided before D (merchant_resolved ones are not counted), buyer not
      malicious as of D (SPEC §3) / orders paid in [D-34, D-5].
    Units: a day's paid orders p count for D in [p + end_days, p + start_days] of each window; an
    established complaint created on c counts from max(c + end_days, the day after its decision) to
    min(c + start_days, its buyer's flag date); the metric engine (macro metric_unit_windows) adds
    them up per score date. Tmall ranks the plain value: ranking_* equal numerator / denominator.
-#}
{%- set pickup_start = var('tmall_pickup_window')['start_days'] -%}
{%- set pickup_end = var('tmall_pickup_window')['end_days'] -%}
{%- set complaint_start = var('tmall_complaint_window')['start_days'] -%}
{%- set complaint_end = var('tmall_complaint_window')['end_days'] -%}

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

    select
        'pickup_24h_rate' as metric,
        shop_id,
        paid_date + {{ pickup_end }} as valid_from_date,
        paid_date + {{ pickup_start }} as valid_to_date,
        picked_up_within_24h_count as numerator,
        pickup_eligible_count as denominator,
    from paid_orders
    union all
    select
        'complaint_established_rate' as metric,
        shop_id,
        paid_date + {{ complaint_end }} as valid_from_date,
        paid_date + {{ complaint_start }} as valid_to_date,
        0 as numerator,
        paid_order_count as denominator,
    from paid_orders
    union all
    -- Established only once decided before D (SPEC §3; a NULL decided date counts as before D),
    -- until the buyer is flagged malicious before D. greatest() / least() skip NULLs.
    select
        'complaint_established_rate' as metric,
        shop_id,
        greatest(created_date + {{ complaint_end }}, decided_date + 1) as valid_from_date,
        least(created_date + {{ complaint_start }}, buyer_flagged_date) as valid_to_date,
        complaint_count as numerator,
        0 as denominator,
    from complaints

),

final as (

    {{ metric_family_values('tmall', 'paid_order_metrics', 'units') }}

)

select * from final
