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

scores_joined as (

    select
        statuses.*,
        peer_groups.peer_group_id,
        peer_groups.peer_count,
        totals.total_score,
    from statuses
    left join peer_groups using (score_date, scheme, shop_id)
    left join totals using (score_date, scheme, shop_id)

),

final as (

    select
        {{ contract_columns() }}
    from scores_joined

)

select * from final
