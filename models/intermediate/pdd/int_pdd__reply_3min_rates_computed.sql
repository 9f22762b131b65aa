{#-
    Grain: one row per (score_date, shop_id, metric = 'reply_3min_rate') (SPEC §4, seed 003).
    numerator = consulting units dated in [D-window, D-1] that did not fail, denominator = those
    units; value NULL when the shop had no units. Rows for every shop with volume > 0 on D.
    Units: a consulting unit dated u counts in the denominator for D in [u + 1, u + window] and in
    the numerator for D in [passing_from_date, u + window] (int_pdd__shop_chat_units_counted); the
    metric engine (macro metric_unit_windows) adds them up per score date.
-#}
with

volumes as (

    select
        score_date,
        scheme,
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

reply_metrics as (

    select
        scheme,
        metric,
    from {{ ref('metric_catalogue') }}
    where scheme = 'pdd'
        and family = 'reply_3min_rate'

),

unit_ranges as (

    -- Denominator: every unit while its date is in the window.
    select
        shop_id,
        unit_date + 1 as valid_from_date,
        unit_date + {{ var('pdd_window_days') }} as valid_to_date,
        0 as numerator,
        unit_count as denominator,
    from chat_unit_counts
    union all
    -- Numerator: passing units, once their replies are visible (< D).
    select
        shop_id,
        greatest(unit_date + 1, passing_from_date) as valid_from_date,
        unit_date + {{ var('pdd_window_days') }} as valid_to_date,
        unit_count as numerator,
        0 as denominator,
    from chat_unit_counts
    where passing_from_date is not null

),

units as (

    select
        reply_metrics.scheme,
        reply_metrics.metric,
        unit_ranges.shop_id,
        unit_ranges.valid_from_date,
        unit_ranges.valid_to_date,
        unit_ranges.numerator,
        unit_ranges.denominator,
    from unit_ranges
    cross join reply_metrics

),

population as (

    select
        volumes.score_date,
        volumes.scheme,
        volumes.shop_id,
        reply_metrics.metric,
    from volumes
    inner join reply_metrics
        on reply_metrics.scheme = volumes.scheme

),

windowed as (

    {{ metric_unit_windows('units', 'population') }}

),

counted as (

    select
        score_date,
        scheme,
        shop_id,
        metric,
        cast(unit_numerator as double) as numerator,
        cast(unit_denominator as double) as denominator,
    from windowed

),

final as (

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
    from counted

)

select * from final
