{#-
    Grain: one row per (score_date, scheme, shop_id, metric) for scored shops (the rows of
    int_shop_metric_percentiles_ranked). The one place where the weights of SPEC §3 are normalised:
      - metric_share_of_dimension = metric weight / sum of the weights of the dimension's metrics
        with a non-NULL score ("Dimension score = weighted mean of its non-NULL metric scores");
      - dimension_weight = seed dimension_weights, the row of the shop's level-1 category when there
        is one for that scheme and dimension (SPEC §6, tmall per level-1 category), else the '*' row;
      - dimension_share_of_total = dimension weight / sum of the weights of the dimensions with at
        least one non-NULL metric score ("Σ weights of non-NULL dimensions");
      - weight_share = the product: the metric's share of the total (SPEC §8 contribution).
    All three shares are NULL for a metric without a score. The dimension scores, the total and the
    contributions all read these shares, so that sum(weight_share x metric_score) is the total.
    For douyin (SPEC §5), sum(weight_share x (3 + 2 x percentile)) = 3 + 2 x sum(share x percentile)
    because the shares of a scored shop add up to 1.
-#}
with

metric_scores as (

    select
        score_date,
        scheme,
        shop_id,
        metric,
        dimension,
        direction,
        metric_weight,
        ranking_value,
        peer_group_id,
        ranked_peer_count,
        percentile,
        metric_score,
    from {{ ref('int_shop_metric_percentiles_ranked') }}

),

peer_groups as (

    select
        score_date,
        scheme,
        shop_id,
        level_one_category_id,
    from {{ ref('int_shop_peer_groups_chosen') }}

),

dimension_weights as (

    select
        scheme,
        category_id,
        dimension,
        weight,
    from {{ ref('dimension_weights') }}

),

metric_shares as (

    select
        *,
        case
            when metric_score is not null
                then metric_weight / nullif(
                        {{ exact_sum('metric_weight', 'filter (where metric_score is not null) over shop_dimension') }},
                        0
                    )
        end as metric_share_of_dimension,
        count(metric_score) over shop_dimension > 0 as is_dimension_scored,
    from metric_scores
    window shop_dimension as (partition by score_date, scheme, shop_id, dimension)

),

weighted_metrics as (

    select
        metric_shares.*,
        coalesce(category_weights.weight, default_weights.weight) as dimension_weight,
    from metric_shares
    inner join peer_groups
        on peer_groups.score_date = metric_shares.score_date
        and peer_groups.scheme = metric_shares.scheme
        and peer_groups.shop_id = metric_shares.shop_id
    left join dimension_weights as category_weights
        on category_weights.scheme = metric_shares.scheme
        and category_weights.dimension = metric_shares.dimension
        and category_weights.category_id = peer_groups.level_one_category_id
    left join dimension_weights as default_weights
        on default_weights.scheme = metric_shares.scheme
        and default_weights.dimension = metric_shares.dimension
        and default_weights.category_id = '*'

),

scored_dimension_weights as (

    -- Σ weights of the shop's dimensions with a score, each dimension counted once.
    select
        score_date,
        scheme,
        shop_id,
        {{ exact_sum('dimension_weight') }} as scored_dimension_weight,
    from (
        select distinct
            score_date,
            scheme,
            shop_id,
            dimension,
            dimension_weight,
        from weighted_metrics
        where is_dimension_scored
    ) as scored_dimensions
    group by
        score_date,
        scheme,
        shop_id

),

final as (

    select
        weighted_metrics.score_date,
        weighted_metrics.scheme,
        weighted_metrics.shop_id,
        weighted_metrics.metric,
        weighted_metrics.dimension,
        weighted_metrics.metric_weight,
        weighted_metrics.dimension_weight,
        weighted_metrics.direction,
        weighted_metrics.ranking_value,
        weighted_metrics.peer_group_id,
        weighted_metrics.ranked_peer_count,
        weighted_metrics.percentile,
        weighted_metrics.metric_score,
        weighted_metrics.metric_share_of_dimension,
        case
            when weighted_metrics.is_dimension_scored
                then weighted_metrics.dimension_weight
                    / nullif(scored_dimension_weights.scored_dimension_weight, 0)
        end as dimension_share_of_total,
        weighted_metrics.metric_share_of_dimension
        * weighted_metrics.dimension_weight
        / nullif(scored_dimension_weights.scored_dimension_weight, 0) as weight_share,
    from weighted_metrics
    left join scored_dimension_weights
        on scored_dimension_weights.score_date = weighted_metrics.score_date
        and scored_dimension_weights.scheme = weighted_metrics.scheme
        and scored_dimension_weights.shop_id = weighted_metrics.shop_id

)

select * from final
