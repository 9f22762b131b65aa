{#-
    Grain: one row per (shop_id, paid_date, picked_up_date, quality_refund_completed_date): paid
    orders counted once per shop and local paid date, keeping the two later dates the as-of-D rules
    need, shared by douyin and tmall. Each score date takes its window by a range join on paid_date.
    - picked_up_date: set only for orders that need a pick-up (requiring shipping, not presale) and
      were picked up; douyin counts an order picked up only if picked_up_at < D (SPEC §3, §5).
    - quality_refund_completed_date: the first completion of a completed refund_only/return_refund
      after-sale whose reason is a quality or logistics problem (seed after_sale_reason_codes), for
      douyin quality_return_rate (counted when completed before D).
    - pickup_band_weight_sum: douyin pickup_timeliness_rate band weights (seed douyin_pickup_bands:
      a band holds hours above the previous max_hours up to and including its own; 0 above the last).
    - picked_up_within_24h_count: tmall pickup_24h_rate, hours <= 24 (SPEC §6: exactly 24 h passes).
    Counts are of distinct orders: one order is one row before aggregation.
    picked_up_date and quality_refund_completed_date are only ever compared with "< D", so they are
    clamped into [first score date - 1, last score date] (macro clamped_to_score_dates): earlier
    dates collapse into one and later ones into another, which keeps the rows compact without
    changing any result.
-#}
{%- set tmall_pickup_hours = 24 -%}  {# SPEC §6 fixed rule, not a (default) #}

with

orders as (

    select
        *,
        not is_presale and is_shipping_required as is_pickup_eligible,
    from {{ ref('stg_platform__orders') }}
    where paid_at is not null
        -- Every window here is on the paid date.
        and {{ event_window_filter('paid_at') }}

),

shipments as (

    select * from {{ ref('stg_platform__shipments') }}

),

after_sales as (

    select * from {{ ref('stg_platform__after_sales') }}
    where after_sale_status = 'completed'
        and completed_at is not null
        and after_sale_type in ('refund_only', 'return_refund')

),

after_sale_reason_codes as (

    select * from {{ ref('after_sale_reason_codes') }}

),

pickup_bands as (

    select
        max_hours,
        weight,
        coalesce(
            lag(max_hours) over (order by max_hours),
            cast('-infinity' as double)
        ) as min_hours_exclusive,
    from {{ ref('douyin_pickup_bands') }}

),

quality_refunds as (

    select
        after_sales.order_id,
        min(after_sales.completed_at) as quality_refund_completed_at,
    from after_sales
    inner join after_sale_reason_codes
        on after_sales.reason_code = after_sale_reason_codes.reason_code
    where after_sale_reason_codes.is_quality_or_logistics
    group by after_sales.order_id

),

order_facts as (

    -- Only orders needing a pick-up keep their shipment's pick-up: the others join on a NULL key, which
    -- matches nothing. (An extra `and orders.is_pickup_eligible` in the join condition, on one side
    -- only, made DuckDB 1.5 plan a nested loop: over 14 minutes at 1M orders instead of a second.)
    select
        orders.shop_id,
        cast(orders.paid_at as date) as paid_date,
        orders.is_pickup_eligible,
        shipments.picked_up_at,
        cast(shipments.picked_up_at as date) as picked_up_date,
        {{ seconds_between('orders.paid_at', 'shipments.picked_up_at') }} / 3600.0 as pickup_hours,
        cast(quality_refunds.quality_refund_completed_at as date) as quality_refund_completed_date,
    from orders
    left join shipments
        on case when orders.is_pickup_eligible then orders.order_id end = shipments.order_id
    left join quality_refunds
        on orders.order_id = quality_refunds.order_id

),

banded as (

    select
        order_facts.shop_id,
        order_facts.paid_date,
        {{ clamped_to_score_dates('order_facts.picked_up_date') }} as picked_up_date,
        {{ clamped_to_score_dates('order_facts.quality_refund_completed_date') }} as quality_refund_completed_date,
        order_facts.is_pickup_eligible,
        order_facts.picked_up_at is not null as is_picked_up,
        order_facts.pickup_hours <= {{ tmall_pickup_hours }} as is_picked_up_within_24h,
        case
            when order_facts.picked_up_at is not null then coalesce(pickup_bands.weight, 0)
        end as pickup_band_weight,
    from order_facts
    left join pickup_bands
        on order_facts.pickup_hours > pickup_bands.min_hours_exclusive
        and order_facts.pickup_hours <= pickup_bands.max_hours

),

final as (

    select
        shop_id,
        paid_date,
        picked_up_date,
        quality_refund_completed_date,
        count(*) as paid_order_count,
        count(*) filter (where is_pickup_eligible) as pickup_eligible_count,
        count(*) filter (where is_picked_up) as picked_up_count,
        coalesce({{ exact_sum('pickup_band_weight') }}, 0) as pickup_band_weight_sum,
        count(*) filter (where is_picked_up_within_24h) as picked_up_within_24h_count,
        count(*) filter (where quality_refund_completed_date is not null) as quality_refund_count,
    from banded
    group by
        shop_id,
        paid_date,
        picked_up_date,
        quality_refund_completed_date

)

select * from final
