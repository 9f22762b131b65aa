{#-
    SPEC §3 percentile, recomputed by brute force: for a shop's metric row, count the scored shops
    of its peer group (main category in the group's subtree) whose ranking value is as good or
    worse (<= mine when higher is better, >= when lower is better) and divide by those with a
    non-NULL ranking value. Checked on the last score date this run built for a sample of shops (one in 20, by
    hash) so that this pairwise join stays small on large data. Fails where the published
    percentile differs by more than 1e-9.
-#}
with

last_date as (

    select max(score_date) as score_date
    from {{ ref('fct_shop_metric_daily') }}
    where {{ built_rows_where('score_date') }}

),

metric_rows as (

    select
        metric_daily.score_date,
        metric_daily.scheme,
        metric_daily.shop_id,
        metric_daily.metric,
        metric_daily.direction,
        metric_daily.ranking_value,
        metric_daily.peer_group_id,
        metric_daily.percentile,
        scores.category_id,
    from {{ ref('fct_shop_metric_daily') }} as metric_daily
    inner join last_date
        on last_date.score_date = metric_daily.score_date
    inner join {{ ref('fct_shop_score_daily') }} as scores
        on scores.score_date = metric_daily.score_date
        and scores.scheme = metric_daily.scheme
        and scores.shop_id = metric_daily.shop_id

),

sampled as (

    select
        score_date,
        scheme,
        shop_id,
        metric,
        direction,
        ranking_value,
        peer_group_id,
        percentile,
    from metric_rows
    where hash(shop_id) % 20 = 0

),

pairs as (

    select
        sampled.score_date,
        sampled.scheme,
        sampled.shop_id,
        sampled.metric,
        sampled.ranking_value,
        sampled.percentile,
        count(peers.ranking_value) as ranked_peers,
        count(peers.ranking_value) filter (
            where (
                (sampled.direction = 'higher' and peers.ranking_value <= sampled.ranking_value)
                or (sampled.direction = 'lower' and peers.ranking_value >= sampled.ranking_value)
            )
        ) as peers_at_or_below,
    from sampled
    inner join {{ ref('int_category_ancestors_listed') }} as subtree
        on subtree.ancestor_category_id = sampled.peer_group_id
    inner join metric_rows as peers
        on peers.score_date = sampled.score_date
        and peers.scheme = sampled.scheme
        and peers.metric = sampled.metric
        and peers.category_id = subtree.category_id
    group by
        sampled.score_date,
        sampled.scheme,
        sampled.shop_id,
        sampled.metric,
        sampled.ranking_value,
        sampled.percentile

)

select
    score_date,
    scheme,
    shop_id,
    metric,
    ranking_value,
    percentile,
    peers_at_or_below,
    ranked_peers,
from pairs
where
    (ranking_value is null and percentile is not null)
    or (
        ranking_value is not null
        and (
            percentile is null
            or abs(percentile - cast(peers_at_or_below as double) / ranked_peers) > 1e-9
        )
    )
