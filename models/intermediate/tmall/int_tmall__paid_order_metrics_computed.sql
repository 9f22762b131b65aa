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

volumes as (

    select
        score_date,
        scheme,
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

paid_order_metrics as (

    select
        scheme,
        metric,
    from {{ ref('metric_catalogue') }}
    where scheme = 'tmall'
        and family = 'paid_order_metrics'

),

unit_ranges as (

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

units as (

    select
        paid_order_metrics.scheme,
        unit_ranges.metric,
        unit_ranges.shop_id,
        unit_ranges.valid_from_date,
        unit_ranges.valid_to_date,
        unit_ranges.numerator,
        unit_ranges.denominator,
    from unit_ranges
    inner join paid_order_metrics
        on paid_order_metrics.metric = unit_ranges.metric

),

population as (

    select
        volumes.score_date,
        volumes.scheme,
        volumes.shop_id,
        paid_order_metrics.metric,
    from volumes
    inner join paid_order_metrics
        on paid_order_metrics.scheme = volumes.scheme

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
        cast(unit_denominator as double) as denominator,
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
