{#-
    One row per category of the platform taxonomy (SPEC §2 categories), with its parent, its level
    (1 = top) and its level-1 ancestor: the level at which tmall weights dimensions (SPEC §6) and the last
    peer-group fallback (SPEC §3). Names are kept exactly as sent (Chinese).
-#}
with

categories as (

    select * from {{ ref('stg_platform__categories') }}

),

category_ancestors as (

    select
        category_id,
        level_one_category_id,
        category_level,
    from {{ ref('int_category_ancestors_listed') }}
    -- distance 0 is the category itself: one row per category.
    where distance = 0

),

categories_named as (

    select
        categories.category_id,
        categories.category_name,
        categories.parent_category_id,
        parents.category_name as parent_category_name,
        category_ancestors.category_level,
        category_ancestors.level_one_category_id,
        level_ones.category_name as level_one_category_name,
    from categories
    left join categories as parents
        on parents.category_id = categories.parent_category_id
    left join category_ancestors
        on category_ancestors.category_id = categories.category_id
    left join categories as level_ones
        on level_ones.category_id = category_ancestors.level_one_category_id

),

final as (

    select
        {{ contract_columns() }}
    from categories_named

)

select * from final
