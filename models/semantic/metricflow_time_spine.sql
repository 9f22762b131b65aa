-- The day spine MetricFlow joins time-based metrics to: every day from the first KPI or score date the
-- marts hold to the last score date (none when the marts are empty).

with

score_dates as (

    select score_date as day_date from {{ ref('fct_shop_score_daily') }}

),

kpi_dates as (

    select kpi_date as day_date from {{ ref('fct_cs_kpi_daily') }}

),

all_dates as (

    select day_date from score_dates
    union all
    select day_date from kpi_dates

),

date_bounds as (

    select
        min(day_date) as first_day,
        max(day_date) as last_day,
    from all_dates

),

days as (

    select {{ date_series('first_day', 'last_day') }} as day_value,
    from date_bounds
    where first_day is not null

),

final as (

    select cast(day_value as date) as date_day,
    from days

)

select * from final
