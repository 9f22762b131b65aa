{#-
    Grain: one row per (score_date, shop_id) for tmall shops with volume > 0, metric
    product_rating_avg (SPEC §6): mean product_rating of first reviews created in [D-30, D-1]
    (numerator = sum of ratings, denominator = rated first reviews). Tmall ranks the plain value.
    Units: a day's rated first reviews created on c count for D in [c + 1, c + window]; the metric
    engine (macro metric_unit_windows) adds them up per score date (integer ratings: exact sums).
-#}
with

volumes as (

    select
        score_date,
        scheme,
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

rating_metrics as (

    select
        scheme,
        metric,
    from {{ ref('metric_catalogue') }}
    where scheme = 'tmall'
        and family = 'product_rating_avg'

),

units as (

    select
        rating_metrics.scheme,
        rating_metrics.metric,
        first_reviews.shop_id,
        first_reviews.created_date + 1 as valid_from_date,
        first_reviews.created_date + {{ var('tmall_window_days') }} as valid_to_date,
        sum(first_reviews.product_rating) as numerator,
        count(*) as denominator,
    from first_reviews
    cross join rating_metrics
    group by
        rating_metrics.scheme,
        rating_metrics.metric,
        first_reviews.shop_id,
        first_reviews.created_date

),

population as (

    select
        volumes.score_date,
        volumes.scheme,
        volumes.shop_id,
        rating_metrics.metric,
    from volumes
    inner join rating_metrics
        on rating_metrics.scheme = volumes.scheme

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
