{#-
    Grain: one row per (score_date, shop_id, metric = 'dispute_refund_rate') (SPEC §4, seeds 000
    and 003). numerator = distinct orders with a qualifying merchant-responsible, refunded
    intervention decided in [D-window, D-1] (see int_pdd__order_dispute_dates_derived, where the
    rules live), denominator = pdd orders (the volume). The numerator's orders need not be grouped
    in the window, so the value can in principle exceed 1; it is published unclamped, as the SPEC
    defines it. Rows for every shop with volume > 0 on D.
    Units: one per order island of int_pdd__order_dispute_dates_derived; the metric engine
    (macro metric_unit_windows) adds them up per score date.
-#}
with

units as (

    -- One unit per order island, counting 1 in the numerator.
    select
        'dispute_refund_rate' as metric,
        *,
        1 as numerator,
        0 as denominator,
    from {{ ref('int_pdd__order_dispute_dates_derived') }}

),

final as (

    {{ metric_family_values('pdd', 'dispute_refund_rate', 'units', denominator='volume') }}

)

select * from final
