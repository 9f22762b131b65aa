{#-
    Grain: one row per (score_date, shop_id, metric = 'ticket_completion_rate') (SPEC §4).
    numerator = tickets created in [D-window, D-1] with completed_at <= due_at and completed_at < D,
    denominator = tickets created in [D-window, D-1]; value NULL if none. Rows for every shop with
    volume > 0 on D.
    A ticket created on c counts in the denominator for D in [c + 1, c + window] and in the numerator
    for D in [on_time_from_date, c + window]. Each such interval becomes two change points (+n, -n
    the day after it ends), clipped to the built score dates; running sums per shop and an ASOF join
    give each score date's counts (the range join with the score dates, without one row per
    ticket-day and score date).
-#}
with

volumes as (

    select
        score_date,
        shop_id,
    from {{ ref('int_pdd__shop_volumes_counted') }}
    where volume > 0

),

ticket_counts as (

    select
        shop_id,
        created_date,
        on_time_from_date,
        ticket_count,
    from {{ ref('int_pdd__shop_daily_tickets_counted') }}

),

score_dates as (

    select score_date
    from {{ ref('int_score_dates_listed') }}

),

score_date_bounds as (

    select
        min(score_date) as first_score_date,
        max(score_date) as last_score_date,
    from score_dates

),

ticket_intervals as (

    -- Denominator: every ticket while its created date is in the window.
    select
        shop_id,
        created_date + 1 as valid_from_date,
        created_date + {{ var('pdd_window_days') }} as valid_to_date,
        0 as on_time_ticket_count,
        ticket_count,
    from ticket_counts
    union all
    -- Numerator: tickets completed by due_at, once the completion is visible (< D).
    select
        shop_id,
        greatest(created_date + 1, on_time_from_date) as valid_from_date,
        created_date + {{ var('pdd_window_days') }} as valid_to_date,
        ticket_count as on_time_ticket_count,
        0 as ticket_count,
    from ticket_counts
    where on_time_from_date is not null

),

relevant_intervals as (

    select
        ticket_intervals.shop_id,
        greatest(ticket_intervals.valid_from_date, score_date_bounds.first_score_date) as start_date,
        ticket_intervals.valid_to_date + 1 as end_date,
        ticket_intervals.on_time_ticket_count,
        ticket_intervals.ticket_count,
        score_date_bounds.last_score_date,
    from ticket_intervals
    cross join score_date_bounds
    where ticket_intervals.valid_from_date <= ticket_intervals.valid_to_date
        and ticket_intervals.valid_from_date <= score_date_bounds.last_score_date
        and ticket_intervals.valid_to_date >= score_date_bounds.first_score_date

),

change_points as (

    select
        shop_id,
        start_date as change_date,
        on_time_ticket_count as on_time_ticket_count_change,
        ticket_count as ticket_count_change,
    from relevant_intervals
    union all
    select
        shop_id,
        end_date as change_date,
        -on_time_ticket_count as on_time_ticket_count_change,
        -ticket_count as ticket_count_change,
    from relevant_intervals
    where end_date <= last_score_date

),

daily_changes as (

    select
        shop_id,
        change_date,
        sum(on_time_ticket_count_change) as on_time_ticket_count_change,
        sum(ticket_count_change) as ticket_count_change,
    from change_points
    group by
        shop_id,
        change_date

),

running_counts as (

    select
        shop_id,
        change_date,
        sum(on_time_ticket_count_change) over shop_dates_so_far as on_time_ticket_count,
        sum(ticket_count_change) over shop_dates_so_far as ticket_count,
    from daily_changes
    window shop_dates_so_far as (
        partition by shop_id
        order by change_date
        rows between unbounded preceding and current row
    )

),

final as (

    select
        volumes.score_date,
        'pdd' as scheme,
        volumes.shop_id,
        'ticket_completion_rate' as metric,
        cast(coalesce(running_counts.on_time_ticket_count, 0) as double) as numerator,
        cast(coalesce(running_counts.ticket_count, 0) as double) as denominator,
    from volumes
    asof left join running_counts
        on running_counts.shop_id = volumes.shop_id
        and running_counts.change_date <= volumes.score_date

)

select
    score_date,
    scheme,
    shop_id,
    metric,
    numerator,
    denominator,
    numerator / nullif(denominator, 0) as value,
    numerator as ranking_numerator,
    denominator as ranking_denominator,
from final
