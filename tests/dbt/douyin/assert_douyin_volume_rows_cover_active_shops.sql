{#-
    DESIGN: the volume model has one row per score date and active shop (0 included), and douyin
    metric rows exist exactly for the shops with volume > 0 (ten metrics each, SPEC §5).
-#}
with

expected as (

    select
        score_dates.score_date,
        shops.shop_id,
    from {{ ref('int_score_dates_listed') }} as score_dates
    cross join {{ ref('stg_platform__shops') }} as shops
    where shops.shop_status = 'active'

),

volumes as (

    select score_date, shop_id, volume from {{ ref('int_douyin__shop_volumes_counted') }}

),

metric_counts as (

    select score_date, shop_id, count(distinct metric) as metric_count
    from (
        select score_date, shop_id, metric from {{ ref('int_douyin__signed_order_metrics_computed') }}
        union all
        select score_date, shop_id, metric from {{ ref('int_douyin__paid_order_metrics_computed') }}
        union all
        select score_date, shop_id, metric from {{ ref('int_douyin__after_sale_metrics_computed') }}
        union all
        select score_date, shop_id, metric from {{ ref('int_douyin__im_3min_reply_rates_computed') }}
    ) as metric_rows
    group by score_date, shop_id

)

select
    coalesce(expected.score_date, volumes.score_date, metric_counts.score_date) as score_date,
    coalesce(expected.shop_id, volumes.shop_id, metric_counts.shop_id) as shop_id,
    volumes.volume,
    metric_counts.metric_count,
from expected
full outer join volumes
    on expected.score_date = volumes.score_date
    and expected.shop_id = volumes.shop_id
full outer join metric_counts
    on coalesce(expected.score_date, volumes.score_date) = metric_counts.score_date
    and coalesce(expected.shop_id, volumes.shop_id) = metric_counts.shop_id
where expected.shop_id is null
    or volumes.shop_id is null
    or (volumes.volume > 0) != (metric_counts.metric_count is not null)
    or metric_counts.metric_count != 10
