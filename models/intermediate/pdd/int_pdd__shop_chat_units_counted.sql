{#-
    Grain: one row per (shop_id, unit_date, passing_from_date) — passing_from_date NULL for failed
    units — with the number of consulting units (int_pdd__chat_units_derived). A unit is in the
    denominator of D when unit_date + 1 <= D <= unit_date + window, and in the numerator when also
    D >= passing_from_date. This compact form is what the range join with the score dates reads.
-#}
with

chat_units as (

    select
        shop_id,
        unit_date,
        passing_from_date,
    from {{ ref('int_pdd__chat_units_derived') }}

),

final as (

    select
        shop_id,
        unit_date,
        passing_from_date,
        count(*) as unit_count,
    from chat_units
    group by
        shop_id,
        unit_date,
        passing_from_date

)

select
    shop_id,
    unit_date,
    passing_from_date,
    unit_count,
from final
