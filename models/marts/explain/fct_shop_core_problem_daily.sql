{#-
    Core problems (SPEC §8, seed 000 Q7/Q10 【核心问题】): one row per (score_date, scheme, shop_id,
    reason_code) for scored pdd shops and the help reasons (of a dimension, or 'unclassified') with at
    least one affected order at the shop.
      - affected_orders: the shop's counted orders (the volume population, SPEC §4) with at least one
        counted help request of that reason, by the help-rate visibility rules (per-reason keys of
        int_pdd__order_help_dates_derived: one row per order and island of score dates);
        platform_affected_orders the same on platform channels;
      - share = affected_orders / volume; peer_share = mean of share over the shop's peer group (a
        peer without that reason counts 0: sum of the members' shares / peer_count);
      - excess_share = share - peer_share; problem_rank by excess_share descending, ties by reason
        code; is_core_problem = rank <= var core_problem_max_rank (default 3) and excess_share > 0.
        Both compare excess_share exactly, in fixed point: peer sums of doubles may differ in their
        last bit between two builds and would then swap two nearly tied reasons.
-#}
{%- set scheme = 'pdd' -%}
with

help_intervals as (

    select * from {{ ref('int_pdd__order_help_dates_derived') }}
    where metric like 'reason:%' or metric like 'platform_reason:%'

),

score_dates as (

    select score_date
    from {{ ref('int_score_dates_listed') }}

),

statuses as (

    select * from {{ ref('int_shop_score_statuses_assigned') }}
    where scheme = '{{ scheme }}'
        and score_status = 'scored'

),

peer_groups as (

    select * from {{ ref('int_shop_peer_groups_chosen') }}
    where scheme = '{{ scheme }}'

),

group_members as (

    select * from {{ ref('int_peer_group_members_listed') }}
    where scheme = '{{ scheme }}'

),

reason_codes as (

    select * from {{ ref('help_reason_codes') }}

),

reason_orders as (

    -- The order islands covering each built score date (range join; an order's islands of one key
    -- are disjoint, so each order counts once), per shop, reason and channel scope.
    select
        score_dates.score_date,
        help_intervals.shop_id,
        split_part(help_intervals.metric, ':', 2) as reason_code,
        count(*) filter (
            where help_intervals.metric like 'reason:%'
        ) as affected_orders,
        count(*) filter (
            where help_intervals.metric like 'platform_reason:%'
        ) as platform_affected_orders,
    from help_intervals
    inner join score_dates
        on score_dates.score_date between help_intervals.valid_from_date and help_intervals.valid_to_date
    group by
        score_dates.score_date,
        help_intervals.shop_id,
        split_part(help_intervals.metric, ':', 2)

),

shop_shares as (

    select
        reason_orders.score_date,
        reason_orders.shop_id,
        reason_orders.reason_code,
        statuses.volume,
        reason_orders.affected_orders,
        reason_orders.platform_affected_orders,
        reason_orders.affected_orders / statuses.volume as share,
        -- Fixed point, so the peer sums below are exact whatever order the threads add them in
        -- (same files, same marts: a last-bit difference must not swap two reasons' ranks).
        cast(reason_orders.affected_orders / statuses.volume as decimal(38, 18)) as share_fixed,
    from reason_orders
    inner join statuses using (score_date, shop_id)
    where reason_orders.affected_orders > 0

),

peer_shares as (

    -- Mean share per group and reason; members without the reason add 0.
    select
        group_members.score_date,
        group_members.peer_group_id,
        shop_shares.reason_code,
        sum(shop_shares.share_fixed) as peer_share_sum,
        sum(shop_shares.share_fixed) / any_value(group_members.peer_count) as peer_share,
    from group_members
    inner join shop_shares using (score_date, shop_id)
    group by
        group_members.score_date,
        group_members.peer_group_id,
        shop_shares.reason_code

),

compared as (

    select
        shop_shares.score_date,
        shop_shares.shop_id,
        shop_shares.reason_code,
        coalesce(reason_codes.dimension, 'unclassified') as dimension,
        shop_shares.volume,
        shop_shares.affected_orders,
        shop_shares.platform_affected_orders,
        shop_shares.share,
        peer_groups.peer_group_id,
        peer_groups.peer_count,
        peer_shares.peer_share,
        shop_shares.share - peer_shares.peer_share as excess_share,
        -- excess_share x peer_count, exact: what the rank and the core-problem test compare.
        shop_shares.share_fixed * peer_groups.peer_count - peer_shares.peer_share_sum as excess_fixed,
    from shop_shares
    inner join peer_groups using (score_date, shop_id)
    inner join peer_shares using (score_date, peer_group_id, reason_code)
    left join reason_codes
        on reason_codes.reason_code = shop_shares.reason_code

),

ranked as (

    select
        *,
        row_number() over (
            partition by score_date, shop_id
            order by excess_fixed desc, reason_code asc
        ) as problem_rank,
    from compared

),

judged as (

    select
        *,
        '{{ scheme }}' as scheme,
        problem_rank <= {{ var('core_problem_max_rank') }} and excess_fixed > 0 as is_core_problem,
    from ranked

),

final as (

    select
        {{ contract_columns() }}
    from judged

)

select * from final
