{#-
    Grain: one row per (score_date, shop_id, metric = 'ticket_completion_rate') (SPEC §4).
    numerator = tickets created in [D-window, D-1] with completed_at <= due_at and completed_at < D,
    denominator = tickets created in [D-window, D-1]; value NULL if none.
    Rows for every shop with volume > 0 on D.
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

windowed_tickets as (

    select
        score_dates.score_date,
        ticket_counts.shop_id,
        sum(
            case
                when ticket_counts.on_time_from_date <= score_dates.score_date
                    then ticket_counts.ticket_count
                else 0
            end
        ) as on_time_ticket_count,
        sum(ticket_counts.ticket_count) as ticket_count,
    from ticket_counts
    inner join score_dates
        on score_dates.score_date >= ticket_counts.created_date + 1
        and score_dates.score_date <= ticket_counts.created_date + {{ var('pdd_window_days') }}
    group by
        score_dates.score_date,
        ticket_counts.shop_id

),

final as (

    select
        volumes.score_date,
        'pdd' as scheme,
        volumes.shop_id,
        'ticket_completion_rate' as metric,
        cast(coalesce(windowed_tickets.on_time_ticket_count, 0) as double) as numerator,
        cast(coalesce(windowed_tickets.ticket_count, 0) as double) as denominator,
    from volumes
    left join windowed_tickets
        on windowed_tickets.score_date = volumes.score_date
        and windowed_tickets.shop_id = volumes.shop_id

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
