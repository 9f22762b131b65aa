{#-
    Grain: one row per (score_date, shop_id, metric = 'reply_3min_rate') (SPEC §4, seed 003).
    numerator = consulting units dated in [D-window, D-1] that did not fail, denominator = those
    units; value NULL when the shop had no units. Rows for every shop with volume > 0 on D.
    Units: a consulting unit dated u counts in the denominator for D in [u + 1, u + window] and in
    the numerator for D in [passing_from_date, u + window] (int_pdd__shop_chat_units_counted); the
    metric engine (macro metric_unit_windows) adds them up per score date.
-#}
with

chat_unit_counts as (

    select
        shop_id,
        unit_date,
        passing_from_date,
        unit_count,
    from {{ ref('int_pdd__shop_chat_units_counted') }}

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
        'reply_3min_rate' as metric,
        shop_id,
        valid_from_date,
        valid_to_date,
        numerator,
        denominator,
    from unit_ranges

),

final as (

    {{ metric_family_values('pdd', 'reply_3min_rate', 'units') }}

)

select * from final
