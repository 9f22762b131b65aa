{#-
    Grain: one row per (score_date, shop_id, metric) for douyin shops with volume > 0, metrics over
    orders signed in W90 = [D-90, D-1] (SPEC §5):
    - bad_review_rate: orders whose first review (created before D) has product_rating <= 2 / orders
      signed in W90;
    - service_good_review_rate: first reviews (created before D) with service_rating >= 4 / first
      reviews with a service_rating;
    - delivery_hours: mean hours picked_up_at -> signed_at over orders signed in W90 with both.
    Ranking inputs weigh each order 0.5 ^ ((D-1-d)/half_life) with d its signed date (the "review's
    order's signed date" for reviews).
-#}
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

windowed as (

    select
        score_dates.score_date,
        signed_orders.shop_id,
        power(
            0.5,
            cast(score_dates.score_date - 1 - signed_orders.signed_date as double)
            / {{ var('douyin_half_life_days') }}
        ) as recency_weight,
        -- a review is visible to D only if created before D (SPEC §3)
        coalesce(signed_orders.first_review_date < score_dates.score_date, false) as is_review_visible,
        signed_orders.signed_order_count,
        signed_orders.delivered_order_count,
        signed_orders.delivery_hours_sum,
        signed_orders.bad_review_count,
        signed_orders.service_rated_count,
        signed_orders.good_service_review_count,
    from score_dates
    inner join signed_orders
        on signed_orders.signed_date >= score_dates.score_date - {{ var('douyin_window_days') }}
        and signed_orders.signed_date < score_dates.score_date

),

shop_sums as (

    select
        score_date,
        shop_id,
        sum(signed_order_count) as signed_orders,
        sum(recency_weight * signed_order_count) as signed_orders_weighted,
        sum(bad_review_count) filter (where is_review_visible) as bad_reviews,
        sum(recency_weight * bad_review_count) filter (where is_review_visible) as bad_reviews_weighted,
        sum(service_rated_count) filter (where is_review_visible) as service_rated,
        sum(recency_weight * service_rated_count) filter (where is_review_visible) as service_rated_weighted,
        sum(good_service_review_count) filter (where is_review_visible) as good_service_reviews,
        sum(recency_weight * good_service_review_count) filter (where is_review_visible)
            as good_service_reviews_weighted,
        sum(delivery_hours_sum) as delivery_hours,
        sum(recency_weight * delivery_hours_sum) as delivery_hours_weighted,
        sum(delivered_order_count) as delivered_orders,
        sum(recency_weight * delivered_order_count) as delivered_orders_weighted,
    from windowed
    group by
        score_date,
        shop_id

),

shop_values as (

    select
        volumes.score_date,
        volumes.shop_id,
        coalesce(shop_sums.signed_orders, 0) as signed_orders,
        coalesce(shop_sums.signed_orders_weighted, 0) as signed_orders_weighted,
        coalesce(shop_sums.bad_reviews, 0) as bad_reviews,
        coalesce(shop_sums.bad_reviews_weighted, 0) as bad_reviews_weighted,
        coalesce(shop_sums.service_rated, 0) as service_rated,
        coalesce(shop_sums.service_rated_weighted, 0) as service_rated_weighted,
        coalesce(shop_sums.good_service_reviews, 0) as good_service_reviews,
        coalesce(shop_sums.good_service_reviews_weighted, 0) as good_service_reviews_weighted,
        coalesce(shop_sums.delivery_hours, 0) as delivery_hours,
        coalesce(shop_sums.delivery_hours_weighted, 0) as delivery_hours_weighted,
        coalesce(shop_sums.delivered_orders, 0) as delivered_orders,
        coalesce(shop_sums.delivered_orders_weighted, 0) as delivered_orders_weighted,
    from volumes
    left join shop_sums
        on volumes.score_date = shop_sums.score_date
        and volumes.shop_id = shop_sums.shop_id

),

metric_rows as (

    select
        score_date,
        shop_id,
        'bad_review_rate' as metric,
        bad_reviews as numerator,
        signed_orders as denominator,
        bad_reviews_weighted as ranking_numerator,
        signed_orders_weighted as ranking_denominator,
    from shop_values

    union all

    select
        score_date,
        shop_id,
        'service_good_review_rate' as metric,
        good_service_reviews as numerator,
        service_rated as denominator,
        good_service_reviews_weighted as ranking_numerator,
        service_rated_weighted as ranking_denominator,
    from shop_values

    union all

    select
        score_date,
        shop_id,
        'delivery_hours' as metric,
        delivery_hours as numerator,
        delivered_orders as denominator,
        delivery_hours_weighted as ranking_numerator,
        delivered_orders_weighted as ranking_denominator,
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
