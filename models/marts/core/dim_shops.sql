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

final as (

    select
        cast(shops.shop_id as varchar) as shop_id,
        cast(shops.shop_name as varchar) as shop_name,
        cast(shops.category_id as varchar) as category_id,
        cast(categories.category_name as varchar) as category_name,
        cast(categories.level_one_category_id as varchar) as level_one_category_id,
        cast(categories.level_one_category_name as varchar) as level_one_category_name,
        cast(shops.shop_status as varchar) as shop_status,
        cast(shops.opened_date as date) as opened_date,
    from shops
    left join categories
        on categories.category_id = shops.category_id

)

select * from final
