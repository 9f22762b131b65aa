{#-
    Grain: one row per (score_date, shop_id, metric = 'reply_3min_rate') (SPEC §4, seed 003).
    numerator = consulting units dated in [D-window, D-1] that did not fail, denominator = those
    units; value NULL when the shop had no units. Rows for every shop with volume > 0 on D.
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

windowed_units as (

    select
        score_dates.score_date,
        chat_unit_counts.shop_id,
        sum(
            case
                when chat_unit_counts.passing_from_date <= score_dates.score_date
                    then chat_unit_counts.unit_count
                else 0
            end
        ) as passing_unit_count,
        sum(chat_unit_counts.unit_count) as unit_count,
    from chat_unit_counts
    inner join score_dates
        on score_dates.score_date >= chat_unit_counts.unit_date + 1
        and score_dates.score_date <= chat_unit_counts.unit_date + {{ var('pdd_window_days') }}
    group by
        score_dates.score_date,
        chat_unit_counts.shop_id

),

final as (

    select
        volumes.score_date,
        'pdd' as scheme,
        volumes.shop_id,
        'reply_3min_rate' as metric,
        cast(coalesce(windowed_units.passing_unit_count, 0) as double) as numerator,
        cast(coalesce(windowed_units.unit_count, 0) as double) as denominator,
    from volumes
    left join windowed_units
        on windowed_units.score_date = volumes.score_date
        and windowed_units.shop_id = volumes.shop_id

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
