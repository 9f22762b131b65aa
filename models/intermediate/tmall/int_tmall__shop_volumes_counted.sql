{#-
    Grain: one row per (score_date, shop_id) for every active shop. Tmall's minimum-volume count
    (SPEC §6): distinct orders paid in [D-30, D-1] (var tmall_window_days), 0 when none.
    Units: the orders paid (int_orders_paid_aggregated) of date d count for D in [d + 1, d + window]; the metric engine (macro
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

paid_orders as (

    select
        shop_id,
        paid_date,
        paid_order_count,
    from {{ ref('int_orders_paid_aggregated') }}

),

units as (

    select
        'tmall' as scheme,
        'volume' as metric,
        shop_id,
        paid_date + 1 as valid_from_date,
        paid_date + {{ var('tmall_window_days') }} as valid_to_date,
        paid_order_count as numerator,
        0 as denominator,
    from paid_orders

),

population as (

    select
        score_dates.score_date,
        'tmall' as scheme,
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
