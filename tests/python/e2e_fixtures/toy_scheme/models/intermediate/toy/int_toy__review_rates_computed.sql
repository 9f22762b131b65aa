{#-
    Grain: one row per (score_date, shop_id, metric) for toy shops with volume > 0, family toy_reviews
    (seed metric_catalogue): of the first reviews with a product rating created in [D-30, D-1], the
    share rated >= 4 (good_review_rate) and the share rated <= 2 (poor_review_rate).
    Units: a day's rated first reviews created on c count for D in [c + 1, c + window].
-#}
with

rated_reviews as (

    -- one row per shop and day: rated first reviews, and how many were good and poor
    select
        shop_id,
        cast(created_at as date) as created_date,
        count(*) as rated_count,
        sum(case when product_rating >= 4 then 1 else 0 end) as good_count,
        sum(case when product_rating <= 2 then 1 else 0 end) as poor_count,
    from {{ ref('stg_platform__reviews') }}
    where is_first_review
        and product_rating is not null
    group by
        shop_id,
        cast(created_at as date)

),

units as (

    select {{ metric_unit('good_review_rate', 'created_date', 'good_count', 'rated_count') }}
    from rated_reviews

    union all

    -- adding a metric of an existing kind: its catalogue row and this select
    select {{ metric_unit('poor_review_rate', 'created_date', 'poor_count', 'rated_count') }}
    from rated_reviews

),

final as (

    {{ metric_family_values('toy', 'toy_reviews', 'units', anchored=true) }}

)

select * from final
