{#-
    Grain: one row per (score_date, shop_id, metric) for the pdd help-rate family (SPEC §4): the
    metrics of family 'help_rate' in seed metric_catalogue (product_help_rate,
    product_platform_help_rate, shipping_help_rate, shipping_platform_help_rate,
    logistics_help_rate, logistics_platform_help_rate, platform_help_rate).
    numerator = distinct pdd orders with >= 1 qualifying help request, denominator = pdd orders
    (the volume). Rows for every shop with volume > 0 on D (DESIGN: metric rows cover the volume
    population).
    Units: an order counts in a help metric's numerator on the score dates of its islands in
    int_pdd__order_help_dates_derived (where the SPEC rules live); the metric engine
    (macro metric_unit_windows) adds them up per score date.
-#}
with

units as (

    -- One unit per order island, counting 1 in the numerator; the per-reason keys of the same
    -- model (SPEC §8) are not in the family, so the engine leaves them out.
    select
        *,
        1 as numerator,
        0 as denominator,
    from {{ ref('int_pdd__order_help_dates_derived') }}

),

final as (

    {{ metric_family_values('pdd', 'help_rate', 'units', denominator='volume') }}

)

select * from final
