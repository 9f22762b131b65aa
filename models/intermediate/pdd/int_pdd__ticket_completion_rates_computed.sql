{#-
    Grain: one row per (score_date, shop_id, metric = 'ticket_completion_rate') (SPEC §4).
    numerator = tickets created in [D-window, D-1] with completed_at <= due_at and completed_at < D,
    denominator = tickets created in [D-window, D-1]; value NULL if none. Rows for every shop with
    volume > 0 on D.
    Units: a ticket created on c counts in the denominator for D in [c + 1, c + window] and in the
    numerator for D in [on_time_from_date, c + window] (int_pdd__shop_daily_tickets_counted); the
    metric engine (macro metric_unit_windows) adds them up per score date.
-#}
with

ticket_counts as (

    select
        shop_id,
        created_date,
        on_time_from_date,
        ticket_count,
    from {{ ref('int_pdd__shop_daily_tickets_counted') }}

),

ticket_ranges as (

    -- Denominator: every ticket while its created date is in the window.
    select
        shop_id,
        created_date + 1 as valid_from_date,
        created_date + {{ var('pdd_window_days') }} as valid_to_date,
        0 as numerator,
        ticket_count as denominator,
    from ticket_counts
    union all
    -- Numerator: tickets completed by due_at, once the completion is visible (< D).
    select
        shop_id,
        greatest(created_date + 1, on_time_from_date) as valid_from_date,
        created_date + {{ var('pdd_window_days') }} as valid_to_date,
        ticket_count as numerator,
        0 as denominator,
    from ticket_counts
    where on_time_from_date is not null

),

units as (

    select
        'ticket_completion_rate' as metric,
        shop_id,
        valid_from_date,
        valid_to_date,
        numerator,
        denominator,
    from ticket_ranges

),

final as (

    {{ metric_family_values('pdd', 'ticket_completion_rate', 'units') }}

)

select * from final
