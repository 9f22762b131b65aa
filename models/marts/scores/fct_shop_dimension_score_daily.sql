{#-
    Published dimension scores (SPEC §10): one row per (score_date, scheme, shop_id, dimension) for
    scored shops; NULL when every metric of the dimension is NULL.
-#}
with

dimension_scores as (

    select * from {{ ref('int_shop_dimension_scores_averaged') }}

),

final as (

    select
        cast(score_date as date) as score_date,
        cast(scheme as varchar) as scheme,
        cast(shop_id as varchar) as shop_id,
        cast(dimension as varchar) as dimension,
        cast(dimension_score as double) as dimension_score,
        cast(dimension_percentile as double) as dimension_percentile,
    from dimension_scores

)

select * from final
