{#-
    Grain: one row per (shop_id, signed_date, first_review_date): douyin's signed orders counted once
    per shop and local signed date (SPEC §5: signed_at, else received_confirmed_at), keeping the
    first review's created date so that a score date D only sees reviews created before D (SPEC §3).
    Feeds the douyin volume (orders signed in W90), bad_review_rate, service_good_review_rate and
    delivery_hours (units windowed on signed_date).
    An order's first review is its earliest review flagged is_first_review (ties: lowest review_id),
    so each order counts at most once in a numerator. Ratings thresholds are SPEC §5 rules:
    product_rating <= 2 is a bad review, service_rating >= 4 a good one.
    first_review_date is clamped into [first score date - 1, last score date]: only whether it is
    before each score date D matters, so all earlier dates collapse into one and all later ones into
    another, which keeps the rows compact (fewer units) without changing any result.
-#}
with

score_date_bounds as (

    select
        min(score_date) - 1 as clamp_start_date,
        max(score_date) as clamp_end_date,
    from {{ ref('int_score_dates_listed') }}

),

orders as (

    select
        order_id,
        shop_id,
    from {{ ref('stg_platform__orders') }}

),

shipments as (

    select
        order_id,
        picked_up_at,
        signed_at,
        coalesce(signed_at, received_confirmed_at) as delivered_at,
    from {{ ref('stg_platform__shipments') }}
    where coalesce(signed_at, received_confirmed_at) is not null
        -- Every window here is on the signed date (an order's reviews are read whole).
        and {{ event_window_filter('coalesce(signed_at, received_confirmed_at)') }}

),

first_reviews as (

    -- an order's first review (ties: lowest review_id), its date clamped (created_at is never NULL)
    select
        reviews.order_id,
        reviews.product_rating,
        reviews.service_rating,
        least(
            greatest(cast(reviews.created_at as date), score_date_bounds.clamp_start_date),
            score_date_bounds.clamp_end_date
        ) as created_date,
    from {{ ref('stg_platform__reviews') }} as reviews
    cross join score_date_bounds
    where reviews.is_first_review
    qualify row_number() over (partition by reviews.order_id order by reviews.created_at, reviews.review_id) = 1

),

order_facts as (

    select
        orders.shop_id,
        cast(shipments.delivered_at as date) as signed_date,
        first_reviews.created_date as first_review_date,
        {{ seconds_between('shipments.picked_up_at', 'shipments.signed_at') }} / 3600.0 as delivery_hours,
        first_reviews.product_rating <= 2 as is_bad_review,
        first_reviews.service_rating is not null as has_service_rating,
        first_reviews.service_rating >= 4 as is_good_service_review,
    from shipments
    inner join orders
        on shipments.order_id = orders.order_id
    left join first_reviews
        on shipments.order_id = first_reviews.order_id

),

final as (

    select
        shop_id,
        signed_date,
        first_review_date,
        count(*) as signed_order_count,
        count(delivery_hours) as delivered_order_count,
        coalesce({{ exact_sum('delivery_hours') }}, 0) as delivery_hours_sum,
        count(*) filter (where is_bad_review) as bad_review_count,
        count(*) filter (where has_service_rating) as service_rated_count,
        count(*) filter (where is_good_service_review) as good_service_review_count,
    from order_facts
    group by
        shop_id,
        signed_date,
        first_review_date

)

select * from final
