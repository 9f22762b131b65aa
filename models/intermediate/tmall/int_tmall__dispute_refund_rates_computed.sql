{#-
    Grain: one row per (score_date, shop_id) for tmall shops with volume > 0, metric
    dispute_refund_rate (SPEC §6, as pdd §4): distinct orders with an intervention where
    responsible_party = 'merchant', refund_succeeded, decided in [D-30, D-1], the order's buyer not
    malicious as of D (SPEC §3), and no approved `responsibility` appeal on the order decided before D
    (a won 判责申诉 removes the order) / orders paid in [D-30, D-1] — which is the tmall volume, so
    the denominator is read from int_tmall__shop_volumes_counted. Tmall ranks the plain value.
    Units: an intervention decided on d counts for D in [d + 1, d + window], up to the buyer's flag
    date and the approved appeal's decided date (D <= either still counts); an order's ranges are
    merged into islands (macro metric_unit_islands) so it counts once, and the metric engine (macro
    metric_unit_windows) adds them up per score date.
-#}
with

interventions as (

    select
        order_id,
        shop_id,
        decided_date,
        buyer_flagged_date,
        approved_appeal_decided_date,
    from {{ ref('int_interventions_decided_listed') }}
    where responsible_party = 'merchant'
        and is_refund_succeeded

),

dispute_window as (

    {{ metric_windows('tmall', 'dispute_refund_rate') }}

),

intervention_units as (

    -- least() skips NULLs: no flag and no won appeal leave only the window bound.
    select
        order_id,
        {{ metric_unit(
            'dispute_refund_rate', 'decided_date', 1, 0,
            counts_until='least(buyer_flagged_date, approved_appeal_decided_date)',
        ) }}
    from interventions

),

intervention_ranges as (

    -- The window (seed metric_catalogue) before the islands: an order counts once per date.
    {{ metric_unit_ranges('intervention_units', 'dispute_window') }}

),

order_islands as (

    {{ metric_unit_islands('intervention_ranges', ['order_id', 'shop_id']) }}

),

units as (

    select
        'dispute_refund_rate' as metric,
        shop_id,
        valid_from_date,
        valid_to_date,
        count(*) as numerator,
        0 as denominator,
    from order_islands
    group by
        shop_id,
        valid_from_date,
        valid_to_date

),

final as (

    {{ metric_family_values('tmall', 'dispute_refund_rate', 'units', denominator='volume') }}

)

select * from final
