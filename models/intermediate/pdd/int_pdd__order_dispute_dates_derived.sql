{#-
    Grain: one row per (order_id, valid_from_date): the score dates D in
    [valid_from_date, valid_to_date] for which the order counts in pdd's dispute_refund_rate
    numerator (SPEC §4, seeds 000 and 003). The interventions come with their as-of-D dates from
    int_interventions_decided_listed (shared with tmall); the rules become date bounds:
    - an intervention with responsible_party 'merchant' and a succeeded refund counts while its
      decided date d is in [D-window, D-1], i.e. d + 1 <= D <= d + window (the window of
      dispute_refund_rate in seed metric_catalogue, macro metric_unit_ranges);
    - the ORDER's buyer (SPEC §3) flagged malicious with flagged_at < D removes it: it counts only
      while D <= the flag's local date;
    - an approved 'responsibility' appeal on the order decided before D removes it: it counts only
      while D <= the appeal's decided date (decided on D still counts; pending and rejected appeals
      never remove it).
    Distinct orders: the windows of an order's interventions are merged into islands.
    The order need not be grouped in the window (SPEC §4 does not ask it), so this numerator is not
    a subset of the pdd order denominator. Only interventions decided in some built score date's
    window are read.
-#}
with

visible_dates as (

    {{ pdd_visible_dates() }}

),

interventions as (

    select * from {{ ref('int_interventions_decided_listed') }}
    where responsible_party = 'merchant'
        and is_refund_succeeded
        and decided_date in (select visible_dates.visible_date from visible_dates)

),

dispute_window as (

    {{ metric_windows('pdd', 'dispute_refund_rate') }}

),

intervention_units as (

    -- least() skips NULLs: no flag and no won appeal leave only the window bound.
    select
        order_id,
        {{ metric_unit('dispute_refund_rate', 'decided_date', 1, 0,
            counts_until='least(buyer_flagged_date, approved_appeal_decided_date)') }}
    from interventions

),

intervention_validity as (

    -- The window (seed metric_catalogue) before the islands.
    {{ metric_unit_ranges('intervention_units', 'dispute_window') }}

),

final as (

    -- An order counts once: its interventions' ranges merged into islands.
    {{ metric_unit_islands('intervention_validity', ['order_id', 'shop_id']) }}

)

select * from final
