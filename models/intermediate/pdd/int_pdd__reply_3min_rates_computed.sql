{#-
    Grain: one row per (score_date, shop_id, metric = 'reply_3min_rate') (SPEC §4, seed 003).
    numerator = consulting units dated in [D-window, D-1] that did not fail, denominator = those
    units; value NULL when the shop had no units. Rows for every shop with volume > 0 on D.
    A unit dated u counts in the denominator for D in [u + 1, u + window] and in the numerator for D
    in [passing_from_date, u + window]. Each such interval becomes two change points (+n, -n the day
    after it ends), clipped to the built score dates; running sums per shop and an ASOF join give
    each score date's counts (the range join with the score dates, without one row per unit-day
    and score date).
-#}
with

volumes as (

    select
        score_date,
        shop_id,
    from {{ ref('int_pdd__shop_volumes_counted') }}
    where volume > 0

),

chat_unit_counts as (

    select
        shop_id,
        unit_date,
        passing_from_date,
        unit_count,
    from {{ ref('int_pdd__shop_chat_units_counted') }}

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

unit_intervals as (

    -- Denominator: every unit while its date is in the window.
    select
        shop_id,
        unit_date + 1 as valid_from_date,
        unit_date + {{ var('pdd_window_days') }} as valid_to_date,
        0 as passing_unit_count,
        unit_count,
    from chat_unit_counts
    union all
    -- Numerator: passing units, once their replies are visible (< D).
    select
        shop_id,
        greatest(unit_date + 1, passing_from_date) as valid_from_date,
        unit_date + {{ var('pdd_window_days') }} as valid_to_date,
        unit_count as passing_unit_count,
        0 as unit_count,
    from chat_unit_counts
    where passing_from_date is not null

),

relevant_intervals as (

    select
        unit_intervals.shop_id,
        greatest(unit_intervals.valid_from_date, score_date_bounds.first_score_date) as start_date,
        unit_intervals.valid_to_date + 1 as end_date,
        unit_intervals.passing_unit_count,
        unit_intervals.unit_count,
        score_date_bounds.last_score_date,
    from unit_intervals
    cross join score_date_bounds
    where unit_intervals.valid_from_date <= unit_intervals.valid_to_date
        and unit_intervals.valid_from_date <= score_date_bounds.last_score_date
        and unit_intervals.valid_to_date >= score_date_bounds.first_score_date

),

change_points as (

    select
        shop_id,
        start_date as change_date,
        passing_unit_count as passing_unit_count_change,
        unit_count as unit_count_change,
    from relevant_intervals
    union all
    select
        shop_id,
        end_date as change_date,
        -passing_unit_count as passing_unit_count_change,
        -unit_count as unit_count_change,
    from relevant_intervals
    where end_date <= last_score_date

),

daily_changes as (

    select
        shop_id,
        change_date,
        sum(passing_unit_count_change) as passing_unit_count_change,
        sum(unit_count_change) as unit_count_change,
    from change_points
    group by
        shop_id,
        change_date

),

running_counts as (

    select
        shop_id,
        change_date,
        sum(passing_unit_count_change) over shop_dates_so_far as passing_unit_count,
        sum(unit_count_change) over shop_dates_so_far as unit_count,
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
        'reply_3min_rate' as metric,
        cast(coalesce(running_counts.passing_unit_count, 0) as double) as numerator,
        cast(coalesce(running_counts.unit_count, 0) as double) as denominator,
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
