{#-
    SPEC §3 peer groups, checked from the published scores: peer_count is the number of scored
    shops whose main category lies in the peer group's subtree; the peer group is the main category
    or one of its ancestors; it has >= var min_peer_shops peers unless it is level 1; and every
    category strictly between the main category and the peer group has fewer. Fails on each
    offending shop.
-#}
with

scores as (

    select
        score_date,
        scheme,
        shop_id,
        category_id,
        peer_group_id,
        peer_count,
    from {{ ref('fct_shop_score_daily') }}
    where score_status = 'scored'
        and {{ built_rows_where('score_date') }}

),

ancestors as (

    select
        category_id,
        ancestor_category_id,
        distance,
        is_level_one_ancestor,
    from {{ ref('int_category_ancestors_listed') }}

),

subtree_counts as (

    select
        scores.score_date,
        scores.scheme,
        ancestors.ancestor_category_id as category_id,
        count(*) as scored_shops,
    from scores
    inner join ancestors
        on ancestors.category_id = scores.category_id
    group by
        scores.score_date,
        scores.scheme,
        ancestors.ancestor_category_id

),

chosen as (

    select
        scores.score_date,
        scores.scheme,
        scores.shop_id,
        scores.category_id,
        scores.peer_group_id,
        scores.peer_count,
        ancestors.distance as chosen_distance,
        ancestors.is_level_one_ancestor,
        subtree_counts.scored_shops,
    from scores
    left join ancestors
        on ancestors.category_id = scores.category_id
        and ancestors.ancestor_category_id = scores.peer_group_id
    left join subtree_counts
        on subtree_counts.score_date = scores.score_date
        and subtree_counts.scheme = scores.scheme
        and subtree_counts.category_id = scores.peer_group_id

),

closer_large_groups as (

    select distinct
        chosen.score_date,
        chosen.scheme,
        chosen.shop_id,
    from chosen
    inner join ancestors
        on ancestors.category_id = chosen.category_id
        and ancestors.distance < chosen.chosen_distance
    inner join subtree_counts
        on subtree_counts.score_date = chosen.score_date
        and subtree_counts.scheme = chosen.scheme
        and subtree_counts.category_id = ancestors.ancestor_category_id
    where subtree_counts.scored_shops >= {{ var('min_peer_shops') }}

)

select
    chosen.score_date,
    chosen.scheme,
    chosen.shop_id,
    chosen.peer_group_id,
    chosen.peer_count,
    chosen.scored_shops,
    case
        when chosen.chosen_distance is null then 'peer group is not the main category or an ancestor'
        when chosen.peer_count <> chosen.scored_shops then 'peer_count differs from the subtree count'
        when chosen.peer_count < {{ var('min_peer_shops') }} and not chosen.is_level_one_ancestor
            then 'small group that is not level 1'
        else 'a closer category has enough peers'
    end as problem,
from chosen
left join closer_large_groups
    on closer_large_groups.score_date = chosen.score_date
    and closer_large_groups.scheme = chosen.scheme
    and closer_large_groups.shop_id = chosen.shop_id
where
    chosen.chosen_distance is null
    or chosen.peer_count <> chosen.scored_shops
    or (chosen.peer_count < {{ var('min_peer_shops') }} and not chosen.is_level_one_ancestor)
    or closer_large_groups.shop_id is not null
