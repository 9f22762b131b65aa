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
        {{ contract_columns() }}
    from metric_percentiles

)

select * from final
