{#-
    Grain: one row per (score_date, scheme, peer_group_id, shop_id): the members of every peer group
    some scored shop uses (SPEC §3: the peers of category c are the scored shops whose main category
    is c or lies below c), each member with its own chosen group. The percentiles rank each group over
    these rows; the explain marts (SPEC §8) read
    it to compare a shop with its peers: the peer-group mean of a core problem's share, and the peer
    values an improvement target is chosen among.
-#}
with

peer_groups as (

    select
        score_date,
        scheme,
        shop_id,
        category_id,
        peer_group_id,
        peer_count,
    from {{ ref('int_shop_peer_groups_chosen') }}

),

category_ancestors as (

    select
        category_id,
        ancestor_category_id,
    from {{ ref('int_category_ancestors_listed') }}

),

groups_in_use as (

    select distinct
        score_date,
        scheme,
        peer_group_id,
        peer_count,
    from peer_groups

),

final as (

    select
        groups_in_use.score_date,
        groups_in_use.scheme,
        groups_in_use.peer_group_id,
        groups_in_use.peer_count,
        members.shop_id,
        members.peer_group_id as member_peer_group_id,
    from peer_groups as members
    inner join category_ancestors
        on category_ancestors.category_id = members.category_id
    inner join groups_in_use
        on groups_in_use.score_date = members.score_date
        and groups_in_use.scheme = members.scheme
        and groups_in_use.peer_group_id = category_ancestors.ancestor_category_id

)

select * from final
