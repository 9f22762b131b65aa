{#-
    Grain: one row per (score_date, shop_id, metric) for toy shops with volume > 0, family toy_reviews
    (seed metric_catalogue): of the first reviews with a product rating created in [D-30, D-1], the
    share rated >= 4 (good_review_rate) and the share rated <= 2 (poor_review_rate).
    Units: a day's rated first reviews created on c count for D in [c + 1, c + window].
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

    select {{ metric_unit('good_review_rate', 'created_date',
        'sum(case when product_rating >= 4 then 1 else 0 end)', 'count(*)') }}
    from first_reviews
    group by
        shop_id,
        created_date

    union all

    select {{ metric_unit('poor_review_rate', 'created_date',
        'sum(case when product_rating <= 2 then 1 else 0 end)', 'count(*)') }}
    from first_reviews
    group by
        shop_id,
        created_date

),

final as (

    {{ metric_family_values('toy', 'toy_reviews', 'units', anchored=true) }}

)

select * from final
