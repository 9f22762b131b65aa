{#-
    Grain: one row per (shop_id, created_date, on_time_from_date) — on_time_from_date NULL for
    tickets never completed by their due time — with the number of tickets. For ticket_completion_rate
    (SPEC §4) a ticket is in the denominator of D when created_date + 1 <= D <= created_date + window
    and in the numerator when also completed_at <= due_at and completed_at < D, i.e.
    D >= on_time_from_date = the day after its completion. Each ticket is read once; only tickets
    created in some built score date's window are counted.
-#}
with

visible_dates as (

    -- The local dates some built score date can see: [first D - window, last D - 1] (SPEC §3).
    -- Events are pruned with a semi-join on this list (not a join on min/max bounds, whose row
    -- estimates mislead DuckDB's planner into nested-loop joins).
    select cast(unnest(generate_series(
        min(score_date) - {{ var('pdd_window_days') }},
        max(score_date) - 1,
        interval 1 day
    )) as date) as visible_date,
    from {{ ref('int_score_dates_listed') }}

),

tickets as (

    select
        shop_id,
        created_at,
        due_at,
        completed_at,
    from {{ ref('stg_platform__tickets') }}
    where cast(created_at as date) in (select visible_date from visible_dates)

),

ticket_dates as (

    select
        shop_id,
        cast(created_at as date) as created_date,
        case
            when completed_at <= due_at
                -- completed_at < D; never before the ticket enters the window (D >= created_date + 1).
                then greatest(cast(completed_at as date), cast(created_at as date)) + 1
        end as on_time_from_date,
    from tickets

),

final as (

    select
        shop_id,
        created_date,
        on_time_from_date,
        count(*) as ticket_count,
    from ticket_dates
    group by
        shop_id,
        created_date,
        on_time_from_date

)

select
    shop_id,
    created_date,
    on_time_from_date,
    ticket_count,
from final
