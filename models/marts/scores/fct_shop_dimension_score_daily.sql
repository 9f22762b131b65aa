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
        {{ contract_columns() }}
    from dimension_scores

)

select * from final
