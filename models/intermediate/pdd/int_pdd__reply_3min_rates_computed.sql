{#-
    Grain: one row per (score_date, shop_id, metric = 'reply_3min_rate') (SPEC §4, seed 003).
    numerator = consulting units dated in the metric's window (seed metric_catalogue, [D-30, D-1] by
    default) that did not fail, denominator = those units; value NULL when the shop had no units.
    Rows for every shop with volume > 0 on D.
    Units: pdd's consulting units are the shared ones (int_chat_consulting_units_answered) with a
    business-hours buyer message; a unit fails if one of those messages had no agent message in its
    conversation within reply_window_seconds (is_reply_window_failed, derived there once). A unit
    dated u counts in the denominator while u is in D's window and, passing, in the numerator from
    passing_from_date on (macro metric_unit_ranges): passing_from_date is the first D whose data
    (< D, SPEC §3) shows it passing, the day after both u and its last counted reply (a reply can only
    fall on a later date when the business hours end less than the reply window before midnight).
    The metric engine (macro metric_unit_windows) adds them up per score date and drops ranges
    that start after the last built D, so a reply not yet visible on any built D never counts.
-#}
with

consulting_units as (

    -- pdd's units: those with a business-hours buyer message (SPEC §4)
    select
        *,
        case
            when not is_reply_window_failed
                then greatest(consult_date, cast(last_business_hours_reply_at as date)) + 1
        end as passing_from_date,
    from {{ ref('int_chat_consulting_units_answered') }}
    where first_business_hours_message_at is not null

),

units as (

    -- A unit dated u is in the window of D while u is in [D-start, D-end] (seed metric_catalogue);
    -- passing units count in the numerator too once their replies are visible (< D).
    {{ metric_rate_units('reply_3min_rate', 'consulting_units', 'consult_date', 'passing_from_date') }}

),

final as (

    {{ metric_family_values('pdd', 'reply_3min_rate', 'units', anchored=true) }}

)

select * from final
