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

final as (

    select
        cast(categories.category_id as varchar) as category_id,
        cast(categories.category_name as varchar) as category_name,
        cast(categories.parent_category_id as varchar) as parent_category_id,
        cast(parents.category_name as varchar) as parent_category_name,
        cast(category_ancestors.category_level as integer) as category_level,
        cast(category_ancestors.level_one_category_id as varchar) as level_one_category_id,
        cast(level_ones.category_name as varchar) as level_one_category_name,
    from categories
    left join categories as parents
        on parents.category_id = categories.parent_category_id
    left join category_ancestors
        on category_ancestors.category_id = categories.category_id
    left join categories as level_ones
        on level_ones.category_id = category_ancestors.level_one_category_id

)

select * from final
