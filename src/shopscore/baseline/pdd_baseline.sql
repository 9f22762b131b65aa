/*
    pdd_baseline.sql: a hand-written DuckDB route to the Pinduoduo scores (SPEC §3, §4, §10).

    Written from the SPEC alone, without reading the dbt models, so that it is a second, independent
    computation of the published pdd numbers, and a yardstick for how fast the engine can produce them.

    Parameters (substituted by shopscore.bench before running, Python string.Template syntax):
        ${raw_dir}            raw folder: one sub-folder of Parquet files per table (SPEC §2)
        ${score_date_start}   a SQL date expression (date '2026-10-30') or null
        ${score_date_end}     idem; null = the day after the latest orders.created_at (SPEC §10)

    Assumes CLEAN input: no quarantine step, no deduplication, no type or enum checks (SPEC §9 bad rows
    would change these numbers; the dbt warehouse removes them first). Raw columns are read directly.
    Every configurable value is the SPEC's documented default, fixed below in bl_settings and the small
    reference tables (reason codes, channels, metric catalogue, dimension weights, flag rules).

    Outputs (tables in the current database, the same columns as the marts of SPEC §10, pdd rows only):
        pdd_shop_score_daily(score_date, scheme, shop_id, category_id, peer_group_id, peer_count,
                             score_status, volume, total_score)              -- every active shop
        pdd_shop_metric_daily(score_date, scheme, shop_id, metric, dimension, numerator, denominator,
                              value, ranking_value, peer_group_id, peer_count, percentile,
                              metric_score)                                  -- scored shops
        pdd_shop_dimension_score_daily(score_date, scheme, shop_id, dimension, dimension_score)
        pdd_shop_flag_daily(score_date, scheme, shop_id, flag, is_set)      -- every active shop

    How it stays fast: every counted unit (a grouped order, an order with help of some kind, a
    disputed order, a ticket, a consulting unit) is visible to an interval of score dates
    [first D, last D], known once from its own dates (window, created_at < D, malicious flag dates,
    approved appeals). Each source is scanned once, the intervals become +1/-1 deltas per shop and
    date, and a running sum over the score dates gives every window's count. Cost is linear in raw
    rows plus shops x score dates; no raw event is read once per score date.
*/

set preserve_insertion_order = false;

-- Settings: the SPEC's defaults (dbt_project.yml vars / seeds on the dbt side).
create or replace temp table bl_settings as
with

given as (

    select
        cast(${score_date_start} as date) as score_date_start,
        cast(${score_date_end} as date) as score_date_end,

),

latest_order as (

    -- SPEC §10: default score date = the day after the latest orders.created_at.
    select cast(max(created_at) as date) + 1 as default_score_date,
    from read_parquet('${raw_dir}/orders/**/*.parquet', union_by_name = true, hive_partitioning = false)

)

select
    coalesce(given.score_date_start, latest_order.default_score_date) as score_date_start,
    coalesce(given.score_date_end, latest_order.default_score_date) as score_date_end,
    30 as window_days,          -- SPEC §4: window [D-30, D-1]
    pdd_settings.min_volume,    -- SPEC §4: minimum grouped orders (seed scheme_settings)
    10 as min_peer_shops,       -- SPEC §3
    pdd_settings.scale_lo,      -- SPEC §3: pdd scale (seed scheme_settings)
    pdd_settings.scale_hi,
    180 as reply_window_seconds,  -- SPEC §4 reply_3min_rate (seed 003)
from given
cross join latest_order
cross join (
    select cast(min_volume as integer) as min_volume, cast(scale_lo as double) as scale_lo,
        cast(scale_hi as double) as scale_hi,
    from read_csv('${seeds_dir}/scheme_settings.csv', header = true, all_varchar = true)
    where scheme = 'pdd'
) as pdd_settings;

create or replace temp table bl_score_dates as
select cast(unnest(generate_series(score_date_start, score_date_end, interval 1 day)) as date) as score_date,
from bl_settings;

-- SPEC §2: help reason codes and their dimension ('routine' never counts as help).
create or replace temp table bl_help_reasons as
select * from (values
    ('quality_defect', 'product'), ('not_as_described', 'product'), ('wrong_item', 'product'),
    ('missing_parts', 'product'), ('size_mismatch', 'product'), ('odor', 'product'),
    ('damaged_item', 'product'),
    ('late_shipment', 'shipping'), ('urge_shipment', 'shipping'), ('out_of_stock', 'shipping'),
    ('shipping_info_error', 'shipping'),
    ('logistics_stalled', 'logistics'), ('not_received', 'logistics'), ('signed_not_received', 'logistics'),
    ('damaged_in_transit', 'logistics'), ('courier_attitude', 'logistics'),
    ('merchant_attitude', 'service'), ('refund_dispute', 'service'), ('invoice_issue', 'service'),
    ('install_howto', 'routine'), ('when_ship', 'routine'), ('usage_question', 'routine'),
    ('presale_question', 'routine')
) as t (reason_code, dimension);

-- SPEC §4: the ten pdd metrics, their dimension, direction, and whose count is the denominator.
create or replace temp table bl_metric_catalogue as
select * from (values
    ('product_help_rate', 'product', 'lower', 'orders'),
    ('product_platform_help_rate', 'product', 'lower', 'orders'),
    ('shipping_help_rate', 'shipping', 'lower', 'orders'),
    ('shipping_platform_help_rate', 'shipping', 'lower', 'orders'),
    ('logistics_help_rate', 'logistics', 'lower', 'orders'),
    ('logistics_platform_help_rate', 'logistics', 'lower', 'orders'),
    ('platform_help_rate', 'basic_service', 'lower', 'orders'),
    ('reply_3min_rate', 'basic_service', 'higher', 'own'),
    ('dispute_refund_rate', 'basic_service', 'lower', 'orders'),
    ('ticket_completion_rate', 'basic_service', 'higher', 'own')
) as t (metric, dimension, direction, denominator_source);

-- Dimension weights: the seed's pdd rows for every category ('*'; the baseline has no per-category weights).
create or replace temp table bl_dimension_weights as
select dimension, cast(weight as double) as weight,
from read_csv('${seeds_dir}/dimension_weights.csv', header = true, all_varchar = true)
where scheme = 'pdd' and category_id = '*';

-- SPEC §4 flags: threshold flags on the total; evict_<program> when enrolled on D and not eligible.
-- The seed's pdd rows: total_score rules keep their comparison, program evictions become 'evict'.
create or replace temp table bl_flag_rules as
select
    flag,
    case rule_type when 'program_eviction' then 'evict' else comparison end as operator,
    cast(threshold as double) as threshold,
    nullif(program, '') as program,
from read_csv('${seeds_dir}/flag_rules.csv', header = true, all_varchar = true)
where scheme = 'pdd';

create or replace temp table bl_active_shops as
select shop_id, category_id, cast(opened_date as date) as opened_date,
from read_parquet('${raw_dir}/shops/**/*.parquet', union_by_name = true, hive_partitioning = false)
where status = 'active';

-- SPEC §3: an event of a malicious buyer is ignored for D once flagged_at < D, i.e. it stays
-- visible up to D = flag_date (the date of flagged_at).
create or replace temp table bl_malicious as
select buyer_id, min(cast(flagged_at as date)) as flag_date,
from read_parquet('${raw_dir}/malicious_buyers/**/*.parquet', union_by_name = true, hive_partitioning = false)
where flagged_at is not null
group by buyer_id;

create or replace temp table bl_orders as
select order_id, shop_id, buyer_id, cast(grouped_at as date) as grouped_date,
from read_parquet('${raw_dir}/orders/**/*.parquet', union_by_name = true, hive_partitioning = false);

/*
    Unit intervals: (shop_id, metric, side, first_date, last_date, units) = `units` counted units of
    that shop that enter metric's numerator ('num') or denominator ('den') for every score date in
    [first_date, last_date], already clipped to the score dates built. metric '_orders' is the pdd
    volume: orders with grouped_at in [D-30, D-1], i.e. D in [grouped_date+1, grouped_date+30].
*/
create or replace temp table bl_intervals as
with

settings as (

    select * from bl_settings

),

-- Volume (SPEC §4): one interval per shop and grouped date.
grouped_orders as (

    select
        orders.shop_id,
        '_orders' as metric,
        'den' as side,
        greatest(orders.grouped_date + 1, settings.score_date_start) as first_date,
        least(orders.grouped_date + settings.window_days, settings.score_date_end) as last_date,
        count(*) as units,
    from bl_orders as orders
    cross join settings
    where orders.grouped_date is not null
    group by all

),

-- Help (SPEC §4): requests joined to the orders of the window, created_at < D, not routine,
-- request's buyer not malicious; unknown reason codes are 'unclassified' help.
help_requests as (

    select order_id, buyer_id, channel, reason_code, created_at,
    from read_parquet('${raw_dir}/help_requests/**/*.parquet', union_by_name = true, hive_partitioning = false)
    where order_id is not null

),

help_classified as (

    select
        help_requests.order_id,
        orders.shop_id,
        coalesce(reasons.dimension, 'unclassified') as dimension,
        help_requests.channel in (
            'platform_intervention', 'platform_cs_online', 'platform_cs_hotline', 'complaint'
        ) as is_platform_channel,
        -- visible from D = created date + 1 (created_at < D), inside the order's window
        greatest(cast(help_requests.created_at as date) + 1, orders.grouped_date + 1, settings.score_date_start)
            as first_date,
        least(orders.grouped_date + settings.window_days, malicious.flag_date, settings.score_date_end)
            as last_date,
    from help_requests
    inner join bl_orders as orders
        on help_requests.order_id = orders.order_id
    cross join settings
    left join bl_help_reasons as reasons
        on help_requests.reason_code = reasons.reason_code
    left join bl_malicious as malicious
        on help_requests.buyer_id = malicious.buyer_id
    where orders.grouped_date between settings.score_date_start - settings.window_days
        and settings.score_date_end - 1
        and coalesce(reasons.dimension, 'unclassified') <> 'routine'

),

help_by_metric as (

    select
        order_id,
        shop_id,
        first_date,
        last_date,
        unnest(list_filter([
            case when dimension = 'product' then 'product_help_rate' end,
            case when dimension = 'product' and is_platform_channel then 'product_platform_help_rate' end,
            case when dimension = 'shipping' then 'shipping_help_rate' end,
            case when dimension = 'shipping' and is_platform_channel then 'shipping_platform_help_rate' end,
            case when dimension = 'logistics' then 'logistics_help_rate' end,
            case when dimension = 'logistics' and is_platform_channel then 'logistics_platform_help_rate' end,
            case when is_platform_channel then 'platform_help_rate' end
        ], metric -> metric is not null)) as metric,
    from help_classified
    where first_date <= last_date

),

-- Dispute refunds (SPEC §4): merchant-responsible, refund succeeded, decided in [D-30, D-1];
-- gone once the order's buyer is flagged (flagged_at < D) or a responsibility appeal on the order
-- is approved with decided_at < D.
approved_appeals as (

    select order_id, min(cast(decided_at as date)) as appeal_date,
    from read_parquet('${raw_dir}/appeals/**/*.parquet', union_by_name = true, hive_partitioning = false)
    where appeal_type = 'responsibility' and outcome = 'approved' and decided_at is not null
    group by order_id

),

disputes as (

    select
        interventions.order_id,
        interventions.shop_id,
        'dispute_refund_rate' as metric,
        greatest(cast(interventions.decided_at as date) + 1, settings.score_date_start) as first_date,
        least(
            cast(interventions.decided_at as date) + settings.window_days,
            malicious.flag_date,
            approved_appeals.appeal_date,
            settings.score_date_end
        ) as last_date,
    from read_parquet('${raw_dir}/interventions/**/*.parquet', union_by_name = true, hive_partitioning = false)
        as interventions
    cross join settings
    left join bl_orders as orders
        on interventions.order_id = orders.order_id
    left join bl_malicious as malicious
        on orders.buyer_id = malicious.buyer_id
    left join approved_appeals
        on interventions.order_id = approved_appeals.order_id
    where interventions.responsible_party = 'merchant'
        and interventions.refund_succeeded
        and cast(interventions.decided_at as date) between settings.score_date_start - settings.window_days
            and settings.score_date_end - 1

),

-- Distinct orders: an order's intervals (several requests, several interventions) are merged
-- into islands so that an order counts once per score date. Identical intervals (two requests on
-- the same day) are dropped first: the two windows below must see the same row order, and rows tied
-- on (first_date, last_date) may come out of each window's sort in a different order.
order_intervals as (

    select distinct order_id, shop_id, metric, first_date, last_date
    from (
        select order_id, shop_id, metric, first_date, last_date from help_by_metric
        union all
        select order_id, shop_id, metric, first_date, last_date from disputes
    )
    where first_date <= last_date

),

order_intervals_ordered as (

    select
        *,
        max(last_date) over (
            partition by order_id, metric order by first_date, last_date
            rows between unbounded preceding and 1 preceding
        ) as previous_last_date,
    from order_intervals

),

order_islands as (

    select
        *,
        sum(case when previous_last_date is null or first_date > previous_last_date then 1 else 0 end) over (
            partition by order_id, metric order by first_date, last_date rows unbounded preceding
        ) as island,
    from order_intervals_ordered

),

order_units as (

    select
        shop_id,
        metric,
        'num' as side,
        first_date,
        last_date,
        count(*) as units,
    from (
        select shop_id, metric, min(first_date) as first_date, max(last_date) as last_date,
        from order_islands
        group by order_id, shop_id, metric, island
    )
    group by all

),

-- Tickets (SPEC §4): created in [D-30, D-1]; done when completed_at <= due_at and completed_at < D.
tickets as (

    select
        shop_id,
        cast(created_at as date) as created_date,
        case when completed_at <= due_at then cast(completed_at as date) end as done_date,
    from read_parquet('${raw_dir}/tickets/**/*.parquet', union_by_name = true, hive_partitioning = false)
    cross join settings
    where cast(created_at as date) between settings.score_date_start - settings.window_days
        and settings.score_date_end - 1

),

ticket_units as (

    select
        shop_id,
        'ticket_completion_rate' as metric,
        'den' as side,
        greatest(created_date + 1, settings.score_date_start) as first_date,
        least(created_date + settings.window_days, settings.score_date_end) as last_date,
        count(*) as units,
    from tickets
    cross join settings
    group by all

    union all

    select
        shop_id,
        'ticket_completion_rate' as metric,
        'num' as side,
        greatest(created_date + 1, done_date + 1, settings.score_date_start) as first_date,
        least(created_date + settings.window_days, settings.score_date_end) as last_date,
        count(*) as units,
    from tickets
    cross join settings
    where done_date is not null
    group by all

),

/*
    reply_3min_rate (SPEC §4, seed 003): consulting unit = (shop, buyer, local date) with a buyer
    message at 08:00:00-22:59:59; it fails if one of those messages has no agent message in the same
    conversation at or after it and at most 180 s later (bot messages never count). A reply to a
    message sent by 22:59:59 lands by 23:02:59 the same day, so a unit is settled on its own date and
    visible for D in [unit_date+1, unit_date+30]; only messages of dates that some D can see are read.
*/
chat_messages as (

    select conversation_id, shop_id, buyer_id, sender_role, sent_at,
    from read_parquet('${raw_dir}/chat_messages/**/*.parquet', union_by_name = true, hive_partitioning = false)
    cross join settings
    where sender_role in ('buyer', 'agent')
        and cast(sent_at as date) between settings.score_date_start - settings.window_days
            and settings.score_date_end - 1

),

chat_replied as (

    select
        shop_id,
        buyer_id,
        sender_role,
        sent_at,
        -- range frame: peers (an agent message at the very same instant) are included
        count(*) filter (where sender_role = 'agent') over (
            partition by conversation_id order by sent_at
            range between current row and interval 180 seconds following
        ) as agent_replies,
    from chat_messages

),

consulting_units as (

    select
        shop_id,
        cast(sent_at as date) as unit_date,
        bool_and(agent_replies > 0) as is_passed,
    from chat_replied
    where sender_role = 'buyer'
        and cast(sent_at as time) >= time '08:00:00'
        and cast(sent_at as time) < time '23:00:00'
    group by shop_id, buyer_id, unit_date

),

chat_units as (

    select
        consulting_units.shop_id,
        'reply_3min_rate' as metric,
        sides.side,
        greatest(consulting_units.unit_date + 1, settings.score_date_start) as first_date,
        least(consulting_units.unit_date + settings.window_days, settings.score_date_end) as last_date,
        count(*) as units,
    from consulting_units
    cross join settings
    inner join (values ('den'), ('num')) as sides (side)
        on sides.side = 'den' or consulting_units.is_passed
    group by all

),

final as (

    select shop_id, metric, side, first_date, last_date, units from grouped_orders
    union all
    select shop_id, metric, side, first_date, last_date, units from order_units
    union all
    select shop_id, metric, side, first_date, last_date, units from ticket_units
    union all
    select shop_id, metric, side, first_date, last_date, units from chat_units

)

select shop_id, metric, side, first_date, last_date, units,
from final
where first_date <= last_date;

-- Running sums of the interval deltas: units counted per (score date, active shop, metric, side).
create or replace temp table bl_counts as
with

deltas as (

    select shop_id, metric, side, first_date as delta_date, units as delta, from bl_intervals
    union all
    select shop_id, metric, side, last_date + 1 as delta_date, -units as delta, from bl_intervals
    where last_date < (select score_date_end from bl_settings)

),

deltas_summed as (

    select shop_id, metric, side, delta_date, sum(delta) as delta,
    from deltas
    group by all

),

parts as (

    select '_orders' as metric, 'den' as side
    union all
    select metric, 'num' as side from bl_metric_catalogue
    union all
    select metric, 'den' as side from bl_metric_catalogue where denominator_source = 'own'

),

grid as (

    select score_dates.score_date, shops.shop_id, parts.metric, parts.side,
    from bl_score_dates as score_dates
    cross join bl_active_shops as shops
    cross join parts

)

select
    grid.score_date,
    grid.shop_id,
    grid.metric,
    grid.side,
    cast(sum(coalesce(deltas_summed.delta, 0)) over (
        partition by grid.shop_id, grid.metric, grid.side order by grid.score_date rows unbounded preceding
    ) as double) as units,
from grid
left join deltas_summed
    on grid.shop_id = deltas_summed.shop_id
    and grid.metric = deltas_summed.metric
    and grid.side = deltas_summed.side
    and grid.score_date = deltas_summed.delta_date;

-- Volume and status of every active shop on every score date from its opening (SPEC §3 minimum
-- volume, §4, §10: a shop that opens after D is not listed on D).
create or replace temp table bl_status as
select
    counts.score_date,
    counts.shop_id,
    shops.category_id,
    cast(counts.units as bigint) as volume,
    counts.units >= settings.min_volume as is_scored,
from bl_counts as counts
inner join bl_active_shops as shops
    on counts.shop_id = shops.shop_id
cross join bl_settings as settings
where counts.metric = '_orders'
    and (shops.opened_date is null or shops.opened_date <= counts.score_date);

-- Metric values of the scored shops.
create or replace temp table bl_values as
with

numerators as (

    select score_date, shop_id, metric, units from bl_counts where side = 'num'

),

own_denominators as (

    select score_date, shop_id, metric, units from bl_counts where side = 'den' and metric <> '_orders'

)

select
    status.score_date,
    status.shop_id,
    status.category_id,
    catalogue.metric,
    catalogue.dimension,
    catalogue.direction,
    numerators.units as numerator,
    case when catalogue.denominator_source = 'orders' then cast(status.volume as double)
        else own_denominators.units end as denominator,
    numerators.units / nullif(
        case when catalogue.denominator_source = 'orders' then cast(status.volume as double)
            else own_denominators.units end,
        0
    ) as value,
from bl_status as status
cross join bl_metric_catalogue as catalogue
inner join numerators
    on status.score_date = numerators.score_date
    and status.shop_id = numerators.shop_id
    and catalogue.metric = numerators.metric
left join own_denominators
    on status.score_date = own_denominators.score_date
    and status.shop_id = own_denominators.shop_id
    and catalogue.metric = own_denominators.metric
where status.is_scored;

-- Category tree (SPEC §3): every category with each of its ancestors (itself included) and depth.
create or replace temp table bl_category_ancestors as
with recursive

categories as (

    select category_id, parent_category_id,
    from read_parquet('${raw_dir}/categories/**/*.parquet', union_by_name = true, hive_partitioning = false)

),

depths (category_id, depth) as (

    select category_id, 1 from categories where parent_category_id is null
    union all
    select categories.category_id, depths.depth + 1
    from categories
    inner join depths
        on categories.parent_category_id = depths.category_id

),

ancestors (category_id, ancestor_id) as (

    select category_id, category_id from categories
    union all
    select ancestors.category_id, categories.parent_category_id
    from ancestors
    inner join categories
        on ancestors.ancestor_id = categories.category_id
    where categories.parent_category_id is not null

)

select ancestors.category_id, ancestors.ancestor_id, depths.depth as ancestor_depth,
from ancestors
inner join depths
    on ancestors.ancestor_id = depths.category_id;

-- Peer groups (SPEC §3): the deepest of the main category and its ancestors with at least
-- min_peer_shops scored shops in its subtree; level 1 whatever its size.
create or replace temp table bl_peer_groups as
with

scored as (

    select score_date, shop_id, category_id from bl_status where is_scored

),

subtree_sizes as (

    select scored.score_date, ancestors.ancestor_id, count(*) as peer_count,
    from scored
    inner join bl_category_ancestors as ancestors
        on scored.category_id = ancestors.category_id
    group by all

),

candidates as (

    select
        scored.score_date,
        scored.shop_id,
        ancestors.ancestor_id,
        ancestors.ancestor_depth,
        subtree_sizes.peer_count,
    from scored
    inner join bl_category_ancestors as ancestors
        on scored.category_id = ancestors.category_id
    inner join subtree_sizes
        on scored.score_date = subtree_sizes.score_date
        and ancestors.ancestor_id = subtree_sizes.ancestor_id
    cross join bl_settings as settings
    where subtree_sizes.peer_count >= settings.min_peer_shops or ancestors.ancestor_depth = 1

)

select
    score_date,
    shop_id,
    arg_max(ancestor_id, ancestor_depth) as peer_group_id,
    arg_max(peer_count, ancestor_depth) as peer_count,
from candidates
group by score_date, shop_id;

-- Percentiles (SPEC §3): a shop is ranked among all scored shops of its peer group's subtree,
-- cume_dist in the metric's better direction (ties share the better rank), NULL values left out.
create or replace temp table bl_percentiles as
with

groups_used as (

    select distinct score_date, peer_group_id from bl_peer_groups

),

population as (

    select
        groups_used.score_date,
        groups_used.peer_group_id,
        bl_values.shop_id,
        bl_values.metric,
        bl_values.direction,
        bl_values.value,
    from bl_values
    inner join bl_category_ancestors as ancestors
        on bl_values.category_id = ancestors.category_id
    inner join groups_used
        on bl_values.score_date = groups_used.score_date
        and ancestors.ancestor_id = groups_used.peer_group_id

),

ranked as (

    select
        *,
        case when value is not null then
            case when direction = 'higher'
                then cume_dist() over (
                    partition by score_date, peer_group_id, metric, value is null order by value asc
                )
                else cume_dist() over (
                    partition by score_date, peer_group_id, metric, value is null order by value desc
                )
            end
        end as percentile,
    from population

)

select ranked.score_date, ranked.shop_id, ranked.metric, ranked.percentile,
from ranked
inner join bl_peer_groups as peer_groups
    on ranked.score_date = peer_groups.score_date
    and ranked.shop_id = peer_groups.shop_id
    and ranked.peer_group_id = peer_groups.peer_group_id;

create or replace table pdd_shop_metric_daily as
select
    bl_values.score_date,
    'pdd' as scheme,
    bl_values.shop_id,
    bl_values.metric,
    bl_values.dimension,
    bl_values.numerator,
    bl_values.denominator,
    bl_values.value,
    bl_values.value as ranking_value,  -- smoothing off (SPEC §3 default)
    peer_groups.peer_group_id,
    peer_groups.peer_count,
    percentiles.percentile,
    settings.scale_lo + (settings.scale_hi - settings.scale_lo) * percentiles.percentile as metric_score,
from bl_values
cross join bl_settings as settings
left join bl_peer_groups as peer_groups
    on bl_values.score_date = peer_groups.score_date
    and bl_values.shop_id = peer_groups.shop_id
left join bl_percentiles as percentiles
    on bl_values.score_date = percentiles.score_date
    and bl_values.shop_id = percentiles.shop_id
    and bl_values.metric = percentiles.metric;

-- SPEC §3: dimension = mean of its non-NULL metric scores (equal weights by default).
create or replace table pdd_shop_dimension_score_daily as
select
    score_date,
    'pdd' as scheme,
    shop_id,
    dimension,
    avg(metric_score) as dimension_score,
from pdd_shop_metric_daily
group by score_date, shop_id, dimension;

-- SPEC §3: total = sum of weight x dimension score / sum of weights of the non-NULL dimensions.
create or replace table pdd_shop_score_daily as
with

totals as (

    select
        dimensions.score_date,
        dimensions.shop_id,
        sum(weights.weight * dimensions.dimension_score)
            / sum(case when dimensions.dimension_score is not null then weights.weight end) as total_score,
    from pdd_shop_dimension_score_daily as dimensions
    inner join bl_dimension_weights as weights
        on dimensions.dimension = weights.dimension
    group by all

)

select
    status.score_date,
    'pdd' as scheme,
    status.shop_id,
    status.category_id,
    peer_groups.peer_group_id,
    peer_groups.peer_count,
    case when status.is_scored then 'scored' else 'insufficient_volume' end as score_status,
    status.volume,
    cast(totals.total_score as double) as total_score,
from bl_status as status
left join bl_peer_groups as peer_groups
    on status.score_date = peer_groups.score_date
    and status.shop_id = peer_groups.shop_id
left join totals
    on status.score_date = totals.score_date
    and status.shop_id = totals.shop_id;

-- SPEC §4 flags; an insufficient-volume shop has every flag unset (SPEC §3).
create or replace table pdd_shop_flag_daily as
with

enrollments as (

    select shop_id, program, enrolled_at, exited_at,
    from read_parquet('${raw_dir}/program_enrollments/**/*.parquet', union_by_name = true, hive_partitioning = false)

),

enrolled as (

    -- enrolled on D: enrolled_at < D and (exited_at NULL or exited_at >= D)
    select distinct score_dates.score_date, enrollments.shop_id, enrollments.program,
    from enrollments
    inner join bl_score_dates as score_dates
        on enrollments.enrolled_at < score_dates.score_date
        and (enrollments.exited_at is null or enrollments.exited_at >= score_dates.score_date)

),

threshold_flags as (

    select
        scores.score_date,
        scores.shop_id,
        rules.flag,
        rules.program,
        coalesce(case rules.operator
            when '>=' then scores.total_score >= rules.threshold
            when '<' then scores.total_score < rules.threshold
        end, false) as is_set,
    from pdd_shop_score_daily as scores
    cross join bl_flag_rules as rules
    where rules.operator <> 'evict'

),

evict_flags as (

    select
        scores.score_date,
        scores.shop_id,
        rules.flag,
        scores.score_status = 'scored'
            and enrolled.program is not null
            and not eligibility.is_set as is_set,
    from pdd_shop_score_daily as scores
    cross join bl_flag_rules as rules
    inner join threshold_flags as eligibility
        on scores.score_date = eligibility.score_date
        and scores.shop_id = eligibility.shop_id
        and eligibility.flag = 'eligible_' || rules.program
    left join enrolled
        on scores.score_date = enrolled.score_date
        and scores.shop_id = enrolled.shop_id
        and rules.program = enrolled.program
    where rules.operator = 'evict'

)

select score_date, 'pdd' as scheme, shop_id, flag, is_set, from threshold_flags
union all
select score_date, 'pdd' as scheme, shop_id, flag, is_set, from evict_flags;
