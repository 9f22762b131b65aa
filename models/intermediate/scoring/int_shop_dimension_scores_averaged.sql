{#-
    Grain: one row per (score_date, scheme, shop_id, dimension) for scored shops, each dimension of
    the scheme that has metric rows (SPEC §3 "Dimension score"): the weighted mean, with the metric
    catalogue's weights, of the dimension's non-NULL metric scores; NULL when all are NULL.
    dimension_percentile is the same mean over percentiles (SPEC §5 writes douyin's total with it).
-#}
with

metric_scores as (

    select
        score_date,
        scheme,
        shop_id,
        dimension,
        metric_weight,
        percentile,
        metric_score,
    from {{ ref('int_shop_metric_percentiles_ranked') }}

),

final as (

    select
        score_date,
        scheme,
        shop_id,
        dimension,
        sum(metric_weight * metric_score)
        / nullif(sum(metric_weight) filter (where metric_score is not null), 0) as dimension_score,
        sum(metric_weight * percentile)
        / nullif(sum(metric_weight) filter (where percentile is not null), 0) as dimension_percentile,
        count(metric_score) as scored_metric_count,
    from metric_scores
    group by
        score_date,
        scheme,
        shop_id,
        dimension

)

select
    score_date,
    scheme,
    shop_id,
    dimension,
    dimension_score,
    dimension_percentile,
    scored_metric_count,
from final
