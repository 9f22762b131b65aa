{#-
    Grain: one row per (order_id, valid_from_date): the score dates D in
    [valid_from_date, valid_to_date] for which the order counts in pdd's dispute_refund_rate
    numerator (SPEC §4, seeds 000 and 003). Each intervention and appeal is read once; the rules
    become date bounds:
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

    select
        order_id,
        shop_id,
        decided_at,
    from {{ ref('stg_platform__interventions') }}
    where responsible_party = 'merchant'
        and is_refund_succeeded
        and cast(decided_at as date) in (select visible_date from visible_dates)

),

orders as (

    select
        order_id,
        buyer_id,
    from {{ ref('stg_platform__orders') }}

),

malicious_buyers as (

    select
        buyer_id,
        flagged_at,
    from {{ ref('stg_platform__malicious_buyers') }}

),

appeals as (

    select
        order_id,
        decided_at,
    from {{ ref('stg_platform__appeals') }}
    where appeal_type = 'responsibility'
        and appeal_outcome = 'approved'
        and decided_at is not null

),

order_appeal_dates as (

    select
        order_id,
        min(cast(decided_at as date)) as appeal_decided_date,
    from appeals
    group by order_id

),

dispute_window as (

    {{ metric_windows('pdd', 'dispute_refund_rate') }}

),

intervention_units as (

    select
        'dispute_refund_rate' as metric,
        interventions.order_id,
        interventions.shop_id,
        cast(interventions.decided_at as date) as window_date,
        cast(null as date) as counts_from_date,
        -- least() skips NULLs: no flag and no won appeal leave only the window bound.
        least(
            cast(malicious_buyers.flagged_at as date),
            order_appeal_dates.appeal_decided_date
        ) as counts_until_date,
    from interventions
    left join orders
        on orders.order_id = interventions.order_id
    left join malicious_buyers
        on malicious_buyers.buyer_id = orders.buyer_id
    left join order_appeal_dates
        on order_appeal_dates.order_id = interventions.order_id

),

intervention_validity as (

    -- The window (seed metric_catalogue) before the islands.
    {{ metric_unit_ranges('intervention_units', 'dispute_window') }}

),

order_islands as (

    -- An order counts once: its interventions' ranges merged into islands.
    {{ metric_unit_islands('intervention_validity', ['order_id', 'shop_id']) }}

),

final as (

    select
        order_id,
        shop_id,
        valid_from_date,
        valid_to_date,
    from order_islands

)

select * from final
