{#-
    Grain: one row per (score_date, scheme, shop_id, dimension) for scored shops, each dimension of
    the scheme that has metric rows (SPEC §3 "Dimension score"): the weighted mean, with the metric
    catalogue's weights, of the dimension's non-NULL metric scores; NULL when all are NULL. The
    normalised weights (metric_share_of_dimension) come from int_shop_metric_weight_shares_computed,
    the one place they are computed. dimension_percentile is the same mean over percentiles (SPEC §5
    writes douyin's total with it).
-#}
with

metric_shares as (

    select
        score_date,
        scheme,
        shop_id,
        dimension,
        percentile,
        metric_score,
        metric_share_of_dimension,
    from {{ ref('int_shop_metric_weight_shares_computed') }}

),

final as (

    select
        score_date,
        scheme,
        shop_id,
        dimension,
        {{ exact_sum('metric_share_of_dimension * metric_score') }} as dimension_score,
        {{ exact_sum('metric_share_of_dimension * percentile') }} as dimension_percentile,
        count(metric_score) as scored_metric_count,
    from metric_shares
    group by
        score_date,
        scheme,
        shop_id,
        dimension

)

select * from final
