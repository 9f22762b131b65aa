{#-
    Grain: one row per (score_date, shop_id, metric) for douyin shops with volume > 0, metrics over
    orders signed in W90 = [D-90, D-1] (SPEC §5):
    - bad_review_rate: orders whose first review (created before D) has product_rating <= 2 / orders
      signed in W90;
    - service_good_review_rate: first reviews (created before D) with service_rating >= 4 / first
      reviews with a service_rating;
    - delivery_hours: mean hours picked_up_at -> signed_at over orders signed in W90 with both.
    Units: orders signed on s count for D in [s + 1, s + window]; their first reviews, created on r,
    only from the day after: [greatest(s, r) + 1, s + window]. All weigh by the signed date s (a
    review by its order's signed date); the metric engine adds them up and applies the weight.
-#}

with

signed_orders as (

    select
        shop_id,
        signed_date,
        first_review_date,
        signed_order_count,
        delivered_order_count,
        delivery_hours_sum,
        bad_review_count,
        service_rated_count,
        good_service_review_count,
    from {{ ref('int_douyin__signed_orders_aggregated') }}

),

units as (

    select {{ metric_unit('bad_review_rate', 'signed_date', 0, 'signed_order_count') }}
    from signed_orders
    union all
    select {{ metric_unit('delivery_hours', 'signed_date', 'delivery_hours_sum', 'delivered_order_count') }}
    from signed_orders
    union all
    -- a review is visible to D only if created before D (SPEC §3)
    select {{ metric_unit(
        'bad_review_rate', 'signed_date', 'bad_review_count', 0, counts_from='first_review_date + 1'
    ) }}
    from signed_orders
    where first_review_date is not null
    union all
    select {{ metric_unit(
        'service_good_review_rate', 'signed_date', 'good_service_review_count', 'service_rated_count',
        counts_from='first_review_date + 1',
    ) }}
    from signed_orders
    where first_review_date is not null

),

final as (

    {{ metric_family_values(
        'douyin', ['bad_review_rate', 'service_good_review_rate', 'delivery_hours'], 'units',
        anchored=true, recency_weighted=true
    ) }}

)

select * from final
