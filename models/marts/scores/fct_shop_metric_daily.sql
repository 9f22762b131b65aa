{#-
    Published metric rows (SPEC §10): one row per (score_date, scheme, shop_id, metric) for scored
    shops, with the shop's peer group, percentile and metric score.
-#}
with

metric_percentiles as (

    select * from {{ ref('int_shop_metric_percentiles_ranked') }}

),

final as (

    select
        cast(score_date as date) as score_date,
        cast(scheme as varchar) as scheme,
        cast(shop_id as varchar) as shop_id,
        cast(metric as varchar) as metric,
        cast(dimension as varchar) as dimension,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator,
        cast(value as double) as value,
        cast(ranking_value as double) as ranking_value,
        cast(peer_group_id as varchar) as peer_group_id,
        cast(peer_count as bigint) as peer_count,
        cast(percentile as double) as percentile,
        cast(metric_score as double) as metric_score,
        cast(direction as varchar) as direction,
        cast(ranked_peer_count as bigint) as ranked_peer_count,
    from metric_percentiles

)

select * from final
