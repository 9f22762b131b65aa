{#-
    Grain: one row per (shop_id, signed_date, first_review_date): douyin's signed orders counted once
    per shop and local signed date (SPEC §5: signed_at, else received_confirmed_at), keeping the
    first review's created date so that a score date D only sees reviews created before D (SPEC §3).
    Feeds the douyin volume (orders signed in W90), bad_review_rate, service_good_review_rate and
    delivery_hours; each score date takes its window by a range join on signed_date.
    An order's first review is its earliest review flagged is_first_review (ties: lowest review_id),
    so each order counts at most once in a numerator. Ratings thresholds are SPEC §5 rules:
    product_rating <= 2 is a bad review, service_rating >= 4 a good one.
    first_review_date is clamped into [first score date - 1, last score date]: only whether it is
    before each score date D matters, so all earlier dates collapse into one and all later ones into
    another, which keeps the rows compact (fewer rows to range-join) without changing any result.
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

reviews as (

    select
        review_id,
        order_id,
        product_rating,
        service_rating,
        created_at,
    from {{ ref('stg_platform__reviews') }}
    where is_first_review

),

first_reviews as (

    select
        order_id,
        product_rating,
        service_rating,
        cast(created_at as date) as created_date,
    from reviews
    qualify row_number() over (partition by order_id order by created_at, review_id) = 1

),

order_facts as (

    select
        orders.shop_id,
        cast(shipments.delivered_at as date) as signed_date,
        -- clamped; a NULL (no such event) stays NULL
        case
            when first_reviews.created_date < score_date_bounds.clamp_start_date
                then score_date_bounds.clamp_start_date
            when first_reviews.created_date > score_date_bounds.clamp_end_date
                then score_date_bounds.clamp_end_date
            else first_reviews.created_date
        end as first_review_date,
        epoch(shipments.signed_at - shipments.picked_up_at) / 3600.0 as delivery_hours,
        first_reviews.product_rating <= 2 as is_bad_review,
        first_reviews.service_rating is not null as has_service_rating,
        first_reviews.service_rating >= 4 as is_good_service_review,
    from shipments
    inner join orders
        on shipments.order_id = orders.order_id
    left join first_reviews
        on shipments.order_id = first_reviews.order_id
    cross join score_date_bounds

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
from final
