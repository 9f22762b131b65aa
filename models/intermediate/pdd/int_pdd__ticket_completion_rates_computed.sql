{#-
    Grain: one row per (score_date, shop_id, metric = 'ticket_completion_rate') (SPEC §4).
    numerator = tickets created in [D-window, D-1] with completed_at <= due_at and completed_at < D,
    denominator = tickets created in [D-window, D-1]; value NULL if none. Rows for every shop with
    volume > 0 on D.
    Units: a ticket created on the local date c (its window_date) counts in the denominator for D in
    [c + 1, c + window] and, completed on time on the local date t, in the numerator from t + 1 on
    too; the metric engine (macros metric_unit_ranges, metric_unit_windows) takes the window from
    seed metric_catalogue and adds them up per score date.
-#}
with

tickets as (

    select
        shop_id,
        cast(created_at as date) as created_date,
        case when completed_at <= due_at then cast(completed_at as date) end as on_time_completed_date,
    from {{ ref('stg_platform__tickets') }}
    where {{ event_window_filter('created_at') }}

),

units as (

    -- Every ticket while its created date is in the window; completed by due_at, in the numerator
    -- too once the completion is visible (completed_at < D).
    {{ metric_rate_units('ticket_completion_rate', 'tickets', 'created_date', 'on_time_completed_date + 1') }}

),

final as (

    {{ metric_family_values('pdd', 'ticket_completion_rate', 'units', anchored=true) }}

)

select * from final
