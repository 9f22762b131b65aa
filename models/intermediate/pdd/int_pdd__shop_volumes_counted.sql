{#-
    Grain: one row per (score_date, shop_id), every active shop (DESIGN: volume model over every
    active shop) x every score date. volume = orders grouped in [D-window, D-1] (SPEC §4, §3 window
    rule); 0 when the shop had none.
    An order grouped on date g is in the window of D exactly when g + 1 <= D <= g + window. Each
    day's orders become two change points (+n on g + 1, -n on g + window + 1), clipped to the built
    score dates; a running sum per shop gives the volume from each change date on, and an ASOF join
    picks, for each score date, the latest change on or before it (a range join of the daily counts
    with the score dates, without one row per day and score date).
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

daily_orders as (

    select
        shop_id,
        grouped_date,
        order_count,
    from {{ ref('int_pdd__shop_daily_orders_counted') }}

),

score_date_bounds as (

    select
        min(score_date) as first_score_date,
        max(score_date) as last_score_date,
    from score_dates

),

relevant_days as (

    select
        daily_orders.shop_id,
        -- Everything entering the window before the first score date is already in it then.
        greatest(daily_orders.grouped_date + 1, score_date_bounds.first_score_date) as start_date,
        daily_orders.grouped_date + {{ var('pdd_window_days') }} + 1 as end_date,
        daily_orders.order_count,
        score_date_bounds.last_score_date,
    from daily_orders
    cross join score_date_bounds
    where daily_orders.grouped_date + 1 <= score_date_bounds.last_score_date
        and daily_orders.grouped_date + {{ var('pdd_window_days') }} >= score_date_bounds.first_score_date

),

change_points as (

    select
        shop_id,
        start_date as change_date,
        order_count as order_count_change,
    from relevant_days
    union all
    select
        shop_id,
        end_date as change_date,
        -order_count as order_count_change,
    from relevant_days
    where end_date <= last_score_date

),

daily_changes as (

    select
        shop_id,
        change_date,
        sum(order_count_change) as order_count_change,
    from change_points
    group by
        shop_id,
        change_date

),

running_volumes as (

    select
        shop_id,
        change_date,
        sum(order_count_change) over (
            partition by shop_id
            order by change_date
            rows between unbounded preceding and current row
        ) as volume,
    from daily_changes

),

shop_dates as (

    select
        score_dates.score_date,
        shops.shop_id,
    from shops
    cross join score_dates

),

final as (

    select
        shop_dates.score_date,
        'pdd' as scheme,
        shop_dates.shop_id,
        cast(coalesce(running_volumes.volume, 0) as bigint) as volume,
    from shop_dates
    asof left join running_volumes
        on running_volumes.shop_id = shop_dates.shop_id
        and running_volumes.change_date <= shop_dates.score_date

)

select
    score_date,
    scheme,
    shop_id,
    volume,
from final
