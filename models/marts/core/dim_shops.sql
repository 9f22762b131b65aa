{#-
    One row per shop (SPEC §2 shops, active and closed), with its main category (主营类目) and that
    category's level-1 ancestor, for BI filters and joins from every fct_* mart on shop_id.
-#}
with

shops as (

    select * from {{ ref('stg_platform__shops') }}

),

categories as (

    select * from {{ ref('dim_categories') }}

),

shops_categorised as (

    select
        shops.*,
        categories.category_name,
        categories.level_one_category_id,
        categories.level_one_category_name,
    from shops
    left join categories
        on categories.category_id = shops.category_id

),

final as (

    select
        {{ contract_columns() }}
    from shops_categorised

)

select * from final
