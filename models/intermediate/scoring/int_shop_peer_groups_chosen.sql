{#-
    Grain: one row per (score_date, scheme, shop_id) for scored shops only (SPEC §3 "Peer group":
    peers are the scored shops). The peers of category c are the scored shops whose main category
    is c or lies below c; a shop's peer group is its main category if that has at least var
    min_peer_shops peers, else the nearest ancestor that has, else its level-1 category (used
    whatever its size). peer_count is the size of the chosen group, the shop itself included.
-#}
with

statuses as (

    select
        score_date,
        scheme,
        shop_id,
        category_id,
    from {{ ref('int_shop_score_statuses_assigned') }}
    where score_status = 'scored'

),

category_ancestors as (

    select
        category_id,
        ancestor_category_id,
        distance,
        is_level_one_ancestor,
        level_one_category_id,
    from {{ ref('int_category_ancestors_listed') }}

),

shop_ancestors as (

    -- Each scored shop with its main category and every category above it.
    select
        statuses.score_date,
        statuses.scheme,
        statuses.shop_id,
        statuses.category_id,
        category_ancestors.ancestor_category_id,
        category_ancestors.distance,
        category_ancestors.is_level_one_ancestor,
        category_ancestors.level_one_category_id,
    from statuses
    inner join category_ancestors
        on category_ancestors.category_id = statuses.category_id

),

category_peer_counts as (

    select
        score_date,
        scheme,
        ancestor_category_id as peer_group_id,
        count(*) as peer_count,
    from shop_ancestors
    group by
        score_date,
        scheme,
        ancestor_category_id

),

candidate_groups as (

    select
        shop_ancestors.score_date,
        shop_ancestors.scheme,
        shop_ancestors.shop_id,
        shop_ancestors.category_id,
        shop_ancestors.level_one_category_id,
        shop_ancestors.ancestor_category_id as peer_group_id,
        shop_ancestors.distance as peer_group_distance,
        category_peer_counts.peer_count,
    from shop_ancestors
    inner join category_peer_counts
        on category_peer_counts.score_date = shop_ancestors.score_date
        and category_peer_counts.scheme = shop_ancestors.scheme
        and category_peer_counts.peer_group_id = shop_ancestors.ancestor_category_id
    where
        category_peer_counts.peer_count >= {{ var('min_peer_shops') }}
        or shop_ancestors.is_level_one_ancestor

),

final as (

    -- The most specific qualifying group: the smallest distance above the main category.
    select
        score_date,
        scheme,
        shop_id,
        category_id,
        level_one_category_id,
        peer_group_id,
        peer_group_distance,
        peer_count,
    from candidate_groups
    qualify
        row_number() over (
            partition by score_date, scheme, shop_id
            order by peer_group_distance
        ) = 1

)

select * from final
