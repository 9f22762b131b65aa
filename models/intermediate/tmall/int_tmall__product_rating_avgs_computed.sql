{#-
    Grain: one row per (score_date, shop_id) for tmall shops with volume > 0, metric
    product_rating_avg (SPEC §6): mean product_rating of first reviews created in [D-30, D-1]
    (numerator = sum of ratings, denominator = rated first reviews). Tmall ranks the plain value.
    Units: a day's rated first reviews created on c count for D in [c + 1, c + window]; the metric
    engine (macro metric_unit_windows) adds them up per score date (integer ratings: exact sums).
-#}
with

first_reviews as (

    select
        shop_id,
        product_rating,
        cast(created_at as date) as created_date,
    from {{ ref('stg_platform__reviews') }}
    where is_first_review
        and product_rating is not null

),

units as (

    select {{ metric_unit('product_rating_avg', 'created_date', 'sum(product_rating)', 'count(*)') }}
    from first_reviews
    group by
        shop_id,
        created_date

),

final as (

    {{ metric_family_values('tmall', 'product_rating_avg', 'units', anchored=true) }}

)

select * from final
