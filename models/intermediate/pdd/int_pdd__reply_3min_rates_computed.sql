{#-
    Grain: one row per (score_date, shop_id, metric = 'reply_3min_rate') (SPEC §4, seed 003).
    numerator = consulting units dated in [D-window, D-1] that did not fail, denominator = those
    units; value NULL when the shop had no units. Rows for every shop with volume > 0 on D.
    Units: a consulting unit (int_pdd__chat_units_derived) dated u counts in the denominator for D in
    [u + 1, u + window] and, passing, in the numerator for D in [passing_from_date, u + window]; the
    metric engine (macro metric_unit_windows) adds them up per score date.
-#}
with

chat_units as (

    select
        shop_id,
        unit_date,
        passing_from_date,
    from {{ ref('int_pdd__chat_units_derived') }}

),

units as (

    -- Denominator: every unit while its date is in the window.
    select
        'reply_3min_rate' as metric,
        shop_id,
        unit_date + 1 as valid_from_date,
        unit_date + {{ var('pdd_window_days') }} as valid_to_date,
        0 as numerator,
        1 as denominator,
    from chat_units
    union all
    -- Numerator: passing units, once their replies are visible (< D).
    select
        'reply_3min_rate' as metric,
        shop_id,
        greatest(unit_date + 1, passing_from_date) as valid_from_date,
        unit_date + {{ var('pdd_window_days') }} as valid_to_date,
        1 as numerator,
        0 as denominator,
    from chat_units
    where passing_from_date is not null

),

final as (

    {{ metric_family_values('pdd', 'reply_3min_rate', 'units') }}

)

select * from final
