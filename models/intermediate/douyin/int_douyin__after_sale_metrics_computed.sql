{#-
    Grain: one row per (score_date, shop_id, metric) for douyin shops with volume > 0, metrics over
    after-sales completed and interventions decided in W90 = [D-90, D-1] (SPEC §5):
    - dispute_merchant_fault_rate: interventions decided in W90 with responsible_party 'merchant',
      the order's buyer not malicious as of D (SPEC §3) / after-sales completed in W90;
    - refund_only_hours: mean hours merchant_approved_at - applied_at, refund_only completed in W90;
    - return_refund_hours: mean (merchant_approved_at - applied_at) + (refund_approved_at -
      return_signed_at), return_refund or exchange completed in W90, a missing second part counts 0.
    Units: after-sales completed on c count for D in [c + 1, c + window] and weigh by c; merchant-fault
    interventions decided on e count for D in [e + 1, e + window] until the buyer's flag date and weigh
    by e. The metric engine adds them up and applies the weight.
-#}

with

after_sales as (

    select
        shop_id,
        completed_date,
        after_sale_type,
        after_sale_count,
        approval_hours_sum,
        approval_hours_count,
        two_part_hours_sum,
        two_part_hours_count,
    from {{ ref('int_after_sales_completed_aggregated') }}

),

interventions as (

    select
        shop_id,
        decided_date,
        buyer_flagged_date,
    from {{ ref('int_interventions_decided_listed') }}
    where responsible_party = 'merchant'

),

units as (

    select {{ metric_unit('dispute_merchant_fault_rate', 'completed_date', 0, 'after_sale_count') }}
    from after_sales
    union all
    select {{ metric_unit('refund_only_hours', 'completed_date', 'approval_hours_sum', 'approval_hours_count') }}
    from after_sales
    where after_sale_type = 'refund_only'
    union all
    select {{ metric_unit('return_refund_hours', 'completed_date', 'two_part_hours_sum', 'two_part_hours_count') }}
    from after_sales
    where after_sale_type in ('return_refund', 'exchange')
    union all
    -- the order's buyer flagged malicious before D is ignored (SPEC §3)
    select {{ metric_unit('dispute_merchant_fault_rate', 'decided_date', 1, 0, counts_until='buyer_flagged_date') }}
    from interventions

),

final as (

    {{ metric_family_values(
        'douyin', ['dispute_merchant_fault_rate', 'refund_only_hours', 'return_refund_hours'], 'units',
        anchored=true, recency_weighted=true
    ) }}

)

select * from final
