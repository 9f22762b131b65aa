{#-
    Grain: one row per decided intervention (decided_at set), with the dates the as-of-D rules need,
    shared by douyin dispute_merchant_fault_rate (SPEC §5) and tmall dispute_refund_rate (SPEC §6,
    as pdd §4). Interventions are few next to orders, so they stay one row each: tmall counts
    distinct orders, which a per-day count could not give across a window.
    - buyer_flagged_date: the order's buyer is malicious for D when flagged_at < D (SPEC §3).
    - approved_appeal_decided_date: the first `responsibility` appeal on the order with outcome
      'approved'; it removes the order for D when decided before D (seeds 000, 003).
-#}
with

interventions as (

    select * from {{ ref('stg_platform__interventions') }}
    where decided_at is not null

),

order_buyer_flags as (

    select
        orders.order_id,
        malicious_buyers.flagged_at,
    from {{ ref('stg_platform__orders') }} as orders
    inner join {{ ref('stg_platform__malicious_buyers') }} as malicious_buyers
        on orders.buyer_id = malicious_buyers.buyer_id

),

approved_appeals as (

    select
        order_id,
        min(decided_at) as approved_appeal_decided_at,
    from {{ ref('stg_platform__appeals') }}
    where appeal_type = 'responsibility'
        and appeal_outcome = 'approved'
        and decided_at is not null
    group by order_id

),

final as (

    select
        interventions.intervention_id,
        interventions.order_id,
        interventions.shop_id,
        cast(interventions.decided_at as date) as decided_date,
        interventions.responsible_party,
        coalesce(interventions.is_refund_succeeded, false) as is_refund_succeeded,
        cast(order_buyer_flags.flagged_at as date) as buyer_flagged_date,
        cast(approved_appeals.approved_appeal_decided_at as date) as approved_appeal_decided_date,
    from interventions
    left join order_buyer_flags
        on interventions.order_id = order_buyer_flags.order_id
    left join approved_appeals
        on interventions.order_id = approved_appeals.order_id

)

select * from final
