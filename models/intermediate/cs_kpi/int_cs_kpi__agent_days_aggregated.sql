{#-
    Grain: one row per (kpi_date, shop_id, agent_id, kpi), agent_id NULL for units with no answering
    agent: the CS KPI units of SPEC §7 (seed 001) summed per day, shop and credited agent, for
    kpi_date in [score_date_start - 30, score_date_end - 1]. fct_cs_kpi_daily adds them up into the
    shop rows (every unit) and keeps the agent rows (answered units only).
    - response_30s_rate: each business-hours buyer message; passes when its next agent message (same
      conversation, at or after it) is within cs_fast_response_seconds (exactly 30 s passes);
      credited to that answering agent.
    - avg_response_seconds: the first buyer message of each run, in business hours, answered;
      seconds to its next agent message; credited to the answering agent.
    - effective_reply_rate: consulting units (shop, buyer, date) with a business-hours buyer message;
      passes with an agent message that date at or after the unit's earliest business-hours buyer
      message; credited to that first answering agent.
    - inquiry_conversion_rate: the same units; passes when the buyer created an order at the shop at
      or after that first message and it was grouped within cs_conversion_window_hours of it.
    - avg_refund_hours: completed refund_only / return_refund after-sales, hours applied_at ->
      completed_at, on the completion date; shop row only.
-#}
with

kpi_dates as (

    {#- SPEC §7: [score_date_start - cs_kpi_lookback_days, score_date_end - 1]; the marts replace the same dates. #}
    {{ kpi_date_bounds_sql(ref('int_score_dates_listed')) }}

),

buyer_messages as (

    select
        shop_id,
        sent_date,
        is_run_first,
        next_agent_id,
        response_seconds,
    from {{ ref('int_chat_buyer_messages_answered') }}
    where is_business_hours

),

consulting_units as (

    select
        shop_id,
        buyer_id,
        consult_date,
        first_business_hours_message_at,
        first_business_hours_reply_at,
        first_business_hours_reply_agent_id,
    from {{ ref('int_chat_consulting_units_answered') }}
    where first_business_hours_message_at is not null

),

orders as (

    select
        shop_id,
        buyer_id,
        created_at,
        grouped_at,
    from {{ ref('stg_platform__orders') }}
    where grouped_at is not null

),

after_sales as (

    select
        shop_id,
        completed_date,
        completion_hours_sum,
        completion_hours_count,
    from {{ ref('int_after_sales_completed_aggregated') }}
    where after_sale_type in ('refund_only', 'return_refund')

),

dated_messages as (

    select
        buyer_messages.sent_date,
        buyer_messages.shop_id,
        buyer_messages.is_run_first,
        buyer_messages.next_agent_id,
        buyer_messages.response_seconds,
    from buyer_messages
    inner join kpi_dates
        on buyer_messages.sent_date between kpi_dates.kpi_date_start and kpi_dates.kpi_date_end

),

message_units as (

    select
        sent_date as kpi_date,
        shop_id,
        next_agent_id as agent_id,
        'response_30s_rate' as kpi,
        case
            when {{ is_replied_within('response_seconds', var('cs_fast_response_seconds')) }}
                then 1
            else 0
        end as numerator,
        1 as denominator,
    from dated_messages

    union all

    select
        sent_date as kpi_date,
        shop_id,
        next_agent_id as agent_id,
        'avg_response_seconds' as kpi,
        response_seconds as numerator,
        1 as denominator,
    from dated_messages
    where is_run_first
        and response_seconds is not null

),

dated_units as (

    select
        consulting_units.shop_id,
        consulting_units.buyer_id,
        consulting_units.consult_date,
        consulting_units.first_business_hours_message_at,
        consulting_units.first_business_hours_reply_at,
        consulting_units.first_business_hours_reply_agent_id,
    from consulting_units
    inner join kpi_dates
        on consulting_units.consult_date between kpi_dates.kpi_date_start and kpi_dates.kpi_date_end

),

converted_units as (

    select distinct
        dated_units.shop_id,
        dated_units.buyer_id,
        dated_units.consult_date,
    from dated_units
    inner join orders
        on dated_units.shop_id = orders.shop_id
        and dated_units.buyer_id = orders.buyer_id
        and orders.created_at >= dated_units.first_business_hours_message_at
        and orders.grouped_at <= (
            dated_units.first_business_hours_message_at
            + interval {{ var('cs_conversion_window_hours') }} hour
        )

),

consulting_kpi_units as (

    select
        dated_units.consult_date as kpi_date,
        dated_units.shop_id,
        dated_units.first_business_hours_reply_agent_id as agent_id,
        'effective_reply_rate' as kpi,
        case when dated_units.first_business_hours_reply_at is not null then 1 else 0 end as numerator,
        1 as denominator,
    from dated_units

    union all

    select
        dated_units.consult_date as kpi_date,
        dated_units.shop_id,
        dated_units.first_business_hours_reply_agent_id as agent_id,
        'inquiry_conversion_rate' as kpi,
        case when converted_units.shop_id is not null then 1 else 0 end as numerator,
        1 as denominator,
    from dated_units
    left join converted_units
        on dated_units.shop_id = converted_units.shop_id
        and dated_units.buyer_id = converted_units.buyer_id
        and dated_units.consult_date = converted_units.consult_date

),

refund_units as (

    select
        after_sales.completed_date as kpi_date,
        after_sales.shop_id,
        cast(null as varchar) as agent_id,
        'avg_refund_hours' as kpi,
        after_sales.completion_hours_sum as numerator,
        after_sales.completion_hours_count as denominator,
    from after_sales
    inner join kpi_dates
        on after_sales.completed_date between kpi_dates.kpi_date_start and kpi_dates.kpi_date_end
    where after_sales.completion_hours_count > 0

),

units as (

    -- the three unit kinds have the same columns in the same order
    select * from message_units
    union all
    select * from consulting_kpi_units
    union all
    select * from refund_units

),

final as (

    select
        kpi_date,
        shop_id,
        agent_id,
        kpi,
        {{ exact_sum('cast(numerator as double)') }} as numerator,
        {{ exact_sum('cast(denominator as double)') }} as denominator,
    from units
    group by
        kpi_date,
        shop_id,
        agent_id,
        kpi

)

select * from final
