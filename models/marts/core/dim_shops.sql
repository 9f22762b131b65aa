{#-
    One row per shop (SPEC §2 shops, active and closed), with its main category (主营类目) and that
    category's level-1 ancestor, for BI filters and joins from every fct_* mart on shop_id.
-#}
with

shops as (

    select
        shop_id,
        shop_name,
        category_id,
        shop_status,
        opened_date,
    from {{ ref('stg_platform__shops') }}

),

categories as (

    select
        category_id,
        category_name,
        level_one_category_id,
        level_one_category_name,
    from {{ ref('dim_categories') }}

),

final as (

    select
        shops.shop_id,
        shops.shop_name,
        shops.category_id,
        categories.category_name,
        categories.level_one_category_id,
        categories.level_one_category_name,
        shops.shop_status,
        shops.opened_date,
    from shops
    left join categories
        on categories.category_id = shops.category_id

)

select
    cast(shop_id as varchar) as shop_id,
    cast(shop_name as varchar) as shop_name,
    cast(category_id as varchar) as category_id,
    cast(category_name as varchar) as category_name,
    cast(level_one_category_id as varchar) as level_one_category_id,
    cast(level_one_category_name as varchar) as level_one_category_name,
    cast(shop_status as varchar) as shop_status,
    cast(opened_date as date) as opened_date,
from final
