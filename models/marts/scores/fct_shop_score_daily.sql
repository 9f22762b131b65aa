{#-
    Published total scores (SPEC §10): one row per (score_date, scheme, shop_id) for every active
    shop, every score date and every scheme, scored or not. Shops with insufficient volume have NULL
    peer group, peer count and total score (SPEC §3).
-#}
with

statuses as (

    select * from {{ ref('int_shop_score_statuses_assigned') }}

),

peer_groups as (

    select * from {{ ref('int_shop_peer_groups_chosen') }}

),

totals as (

    select * from {{ ref('int_shop_total_scores_weighted') }}

),

final as (

    select
        cast(statuses.score_date as date) as score_date,
        cast(statuses.scheme as varchar) as scheme,
        cast(statuses.shop_id as varchar) as shop_id,
        cast(statuses.category_id as varchar) as category_id,
        cast(peer_groups.peer_group_id as varchar) as peer_group_id,
        cast(peer_groups.peer_count as bigint) as peer_count,
        cast(statuses.score_status as varchar) as score_status,
        cast(statuses.volume as bigint) as volume,
        cast(totals.total_score as double) as total_score,
        cast(statuses.min_volume as bigint) as min_volume,
    from statuses
    left join peer_groups using (score_date, scheme, shop_id)
    left join totals using (score_date, scheme, shop_id)

)

select * from final
