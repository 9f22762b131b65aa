{#-
    Grain: one row per (score_date, shop_id) for every active shop. Douyin's minimum-volume count
    (SPEC §5): distinct orders signed in W90 = [D-90, D-1] (signed_at, else received_confirmed_at),
    0 when none.
    Units: the orders signed (int_douyin__signed_orders_aggregated) of date d count for D in [d + 1, d + window]; the metric engine (macro
    metric_unit_windows) adds them up per score date, under the key metric = 'volume'.
-#}
with

shops as (

    select shop_id
    from {{ ref('stg_platform__shops') }}
    where shop_status = 'active'

),

score_dates as (

    select score_date
    from {{ ref('int_score_dates_listed') }}

),

signed_orders as (

    select
        shop_id,
        signed_date,
        signed_order_count,
    from {{ ref('int_douyin__signed_orders_aggregated') }}

),

units as (

    select
        'douyin' as scheme,
        'volume' as metric,
        shop_id,
        signed_date + 1 as valid_from_date,
        signed_date + {{ var('douyin_window_days') }} as valid_to_date,
        signed_order_count as numerator,
        0 as denominator,
    from signed_orders

),

population as (

    select
        score_dates.score_date,
        'douyin' as scheme,
        shops.shop_id,
        'volume' as metric,
    from shops
    cross join score_dates

),

windowed as (

    {{ metric_unit_windows('units', 'population') }}

),

final as (

    select
        score_date,
        scheme,
        shop_id,
        cast(unit_numerator as bigint) as volume,
    from windowed

)

select * from final
