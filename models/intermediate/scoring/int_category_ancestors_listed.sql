{#-
    Category closure (SPEC §3 peer groups, any depth): one row per (category_id,
    ancestor_category_id) for the category itself (distance 0) and each ancestor above it, walking
    parent_category_id up to level 1 (parent NULL). level_one_category_id is the category's level-1
    ancestor (dimension weights per level-1 category, SPEC §6). A cycle in the taxonomy cannot loop
    forever: no walk is longer than the number of categories.
-#}
with recursive

categories as (

    select
        category_id,
        parent_category_id,
    from {{ ref('stg_platform__categories') }}

),

category_count as (

    select count(*) as n_categories
    from categories

),

ancestors as (

    select
        categories.category_id,
        categories.category_id as ancestor_category_id,
        categories.parent_category_id as ancestor_parent_id,
        0 as distance,
    from categories

    union all

    select
        ancestors.category_id,
        parents.category_id as ancestor_category_id,
        parents.parent_category_id as ancestor_parent_id,
        ancestors.distance + 1 as distance,
    from ancestors
    inner join categories as parents
        on parents.category_id = ancestors.ancestor_parent_id
    where ancestors.distance < (select category_count.n_categories from category_count)

),

level_ones as (

    select
        category_id,
        -- The furthest ancestor reached is level 1 (its parent is NULL).
        {{ value_at_max('ancestor_category_id', 'distance') }} as level_one_category_id,
        max(distance) + 1 as category_level,
    from ancestors
    group by category_id

),

final as (

    select
        ancestors.category_id,
        ancestors.ancestor_category_id,
        ancestors.distance,
        ancestors.ancestor_parent_id is null as is_level_one_ancestor,
        level_ones.level_one_category_id,
        level_ones.category_level,
    from ancestors
    inner join level_ones
        on level_ones.category_id = ancestors.category_id

)

select * from final
