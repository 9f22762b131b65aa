{#-
    SPEC §7, §10 / STYLE 11: fct_cs_kpi_daily is consistent. Returns the offending rows.
    - rates (response_30s_rate, effective_reply_rate, inquiry_conversion_rate) have
      0 <= numerator <= denominator; means (avg_*) have numerator >= 0;
    - every agent row has its shop row, and the agent rows of a (date, shop, kpi) add up to at most
      the shop row (unanswered units count only in the shop row); avg_refund_hours has no agent rows;
    - kpi_date lies in [min score date - 30, max score date - 1] (kpi_date_bounds_sql): every row
      the run computed (int_cs_kpi__agent_days_aggregated); the mart keeps earlier runs' dates too
      (SPEC §11), so its rows are checked on this run's KPI dates.
-#}
with

score_dates as (

    {{ kpi_date_bounds_sql(ref('int_score_dates_listed')) }}

),

kpi_rows as (

    select fct_cs_kpi_daily.*
    from {{ ref('fct_cs_kpi_daily') }} as fct_cs_kpi_daily
    cross join score_dates
    where fct_cs_kpi_daily.kpi_date between score_dates.kpi_date_start and score_dates.kpi_date_end

),

computed_rows as (

    select
        kpi_date,
        shop_id,
        agent_id,
        kpi,
    from {{ ref('int_cs_kpi__agent_days_aggregated') }}

),

shop_rows as (

    select * from kpi_rows
    where agent_id is null

),

agent_totals as (

    select
        kpi_date,
        shop_id,
        kpi,
        sum(numerator) as numerator,
        sum(denominator) as denominator,
    from kpi_rows
    where agent_id is not null
    group by kpi_date, shop_id, kpi

),

row_failures as (

    select
        kpi_rows.kpi_date,
        kpi_rows.shop_id,
        kpi_rows.agent_id,
        kpi_rows.kpi,
        'row out of bounds' as failure,
    from kpi_rows
    cross join score_dates
    where kpi_rows.denominator <= 0
        or kpi_rows.numerator < 0
        or (kpi_rows.kpi not like 'avg_%' and kpi_rows.numerator > kpi_rows.denominator)
        or (kpi_rows.kpi = 'avg_refund_hours' and kpi_rows.agent_id is not null)

    union all

    select
        computed_rows.kpi_date,
        computed_rows.shop_id,
        computed_rows.agent_id,
        computed_rows.kpi,
        'kpi_date out of range' as failure,
    from computed_rows
    cross join score_dates
    where computed_rows.kpi_date < score_dates.kpi_date_start
        or computed_rows.kpi_date > score_dates.kpi_date_end

),

total_failures as (

    select
        agent_totals.kpi_date,
        agent_totals.shop_id,
        cast(null as varchar) as agent_id,
        agent_totals.kpi,
        'agent rows exceed the shop row' as failure,
    from agent_totals
    left join shop_rows
        on agent_totals.kpi_date = shop_rows.kpi_date
        and agent_totals.shop_id = shop_rows.shop_id
        and agent_totals.kpi = shop_rows.kpi
    where shop_rows.shop_id is null
        or agent_totals.denominator > shop_rows.denominator
        or agent_totals.numerator > shop_rows.numerator + 1e-6

)

select * from row_failures
union all
select * from total_failures
