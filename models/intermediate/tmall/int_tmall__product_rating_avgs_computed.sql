{#-
    Grain: one row per (score_date, shop_id) for tmall shops with volume > 0, metric
    product_rating_avg (SPEC §6): mean product_rating of first reviews created in [D-30, D-1]
    (numerator = sum of ratings, denominator = rated first reviews). Reviews are summed once per shop
    and created date, then a range join takes each score date's window. Tmall ranks the plain value.
-#}
with

score_dates as (

    select score_date from {{ ref('int_score_dates_listed') }}

),

volumes as (

    select
        score_date,
        shop_id,
    from {{ ref('int_tmall__shop_volumes_counted') }}
    where volume > 0

),

first_reviews as (

    select
        shop_id,
        product_rating,
        cast(created_at as date) as created_date,
    from {{ ref('stg_platform__reviews') }}
    where is_first_review
        and product_rating is not null

),

review_days as (

    select
        shop_id,
        created_date,
        sum(product_rating) as rating_sum,
        count(*) as review_count,
    from first_reviews
    group by
        shop_id,
        created_date

),

shop_sums as (

    select
        score_dates.score_date,
        review_days.shop_id,
        sum(review_days.rating_sum) as rating_sum,
        sum(review_days.review_count) as review_count,
    from score_dates
    inner join review_days
        on review_days.created_date >= score_dates.score_date - {{ var('tmall_window_days') }}
        and review_days.created_date < score_dates.score_date
    group by
        score_dates.score_date,
        review_days.shop_id

),

final as (

    select
        volumes.score_date,
        'tmall' as scheme,
        volumes.shop_id,
        'product_rating_avg' as metric,
        cast(coalesce(shop_sums.rating_sum, 0) as double) as numerator,
        cast(coalesce(shop_sums.review_count, 0) as double) as denominator,
        cast(shop_sums.rating_sum as double) / nullif(shop_sums.review_count, 0) as value,
        cast(coalesce(shop_sums.rating_sum, 0) as double) as ranking_numerator,
        cast(coalesce(shop_sums.review_count, 0) as double) as ranking_denominator,
    from volumes
    left join shop_sums
        on volumes.score_date = shop_sums.score_date
        and volumes.shop_id = shop_sums.shop_id

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
