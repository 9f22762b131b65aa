{#-
    Grain: one row per (score_date, shop_id, metric) for douyin shops with volume > 0, metrics over
    after-sales completed and interventions decided in W90 = [D-90, D-1] (SPEC §5):
    - dispute_merchant_fault_rate: interventions decided in W90 with responsible_party 'merchant',
      the order's buyer not malicious as of D (SPEC §3) / after-sales completed in W90;
    - refund_only_hours: mean hours merchant_approved_at - applied_at, refund_only completed in W90;
    - return_refund_hours: mean (merchant_approved_at - applied_at) + (refund_approved_at -
      return_signed_at), return_refund or exchange completed in W90, a missing second part counts 0.
    Ranking inputs weigh an after-sale by its completed date and an intervention by its decided date.
-#}
with

score_dates as (

    select score_date from {{ ref('int_score_dates_listed') }}

),

volumes as (

    select
        score_date,
        shop_id,
    from {{ ref('int_douyin__shop_volumes_counted') }}
    where volume > 0

),

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

after_sales_windowed as (

    select
        score_dates.score_date,
        after_sales.shop_id,
        power(
            0.5,
            cast(score_dates.score_date - 1 - after_sales.completed_date as double)
            / {{ var('douyin_half_life_days') }}
        ) as recency_weight,
        after_sales.after_sale_type = 'refund_only' as is_refund_only,
        after_sales.after_sale_type in ('return_refund', 'exchange') as is_return_refund,
        after_sales.after_sale_count,
        after_sales.approval_hours_sum,
        after_sales.approval_hours_count,
        after_sales.two_part_hours_sum,
        after_sales.two_part_hours_count,
    from score_dates
    inner join after_sales
        on after_sales.completed_date >= score_dates.score_date - {{ var('douyin_window_days') }}
        and after_sales.completed_date < score_dates.score_date

),

after_sale_sums as (

    select
        score_date,
        shop_id,
        sum(after_sale_count) as completed,
        sum(recency_weight * after_sale_count) as completed_weighted,
        sum(approval_hours_sum) filter (where is_refund_only) as refund_only_hours,
        sum(recency_weight * approval_hours_sum) filter (where is_refund_only)
            as refund_only_hours_weighted,
        sum(approval_hours_count) filter (where is_refund_only) as refund_only_units,
        sum(recency_weight * approval_hours_count) filter (where is_refund_only)
            as refund_only_units_weighted,
        sum(two_part_hours_sum) filter (where is_return_refund) as return_refund_hours,
        sum(recency_weight * two_part_hours_sum) filter (where is_return_refund) as return_refund_hours_weighted,
        sum(two_part_hours_count) filter (where is_return_refund) as return_refund_units,
        sum(recency_weight * two_part_hours_count) filter (where is_return_refund)
            as return_refund_units_weighted,
    from after_sales_windowed
    group by
        score_date,
        shop_id

),

intervention_sums as (

    select
        score_dates.score_date,
        interventions.shop_id,
        count(*) as merchant_faults,
        sum(
            power(
                0.5,
                cast(score_dates.score_date - 1 - interventions.decided_date as double)
                / {{ var('douyin_half_life_days') }}
            )
        ) as merchant_faults_weighted,
    from score_dates
    inner join interventions
        on interventions.decided_date >= score_dates.score_date - {{ var('douyin_window_days') }}
        and interventions.decided_date < score_dates.score_date
    -- the order's buyer flagged malicious before D is ignored (SPEC §3)
    where not coalesce(interventions.buyer_flagged_date < score_dates.score_date, false)
    group by
        score_dates.score_date,
        interventions.shop_id

),

shop_values as (

    select
        volumes.score_date,
        volumes.shop_id,
        coalesce(after_sale_sums.completed, 0) as completed,
        coalesce(after_sale_sums.completed_weighted, 0) as completed_weighted,
        coalesce(intervention_sums.merchant_faults, 0) as merchant_faults,
        coalesce(intervention_sums.merchant_faults_weighted, 0) as merchant_faults_weighted,
        coalesce(after_sale_sums.refund_only_hours, 0) as refund_only_hours,
        coalesce(after_sale_sums.refund_only_hours_weighted, 0) as refund_only_hours_weighted,
        coalesce(after_sale_sums.refund_only_units, 0) as refund_only_units,
        coalesce(after_sale_sums.refund_only_units_weighted, 0) as refund_only_units_weighted,
        coalesce(after_sale_sums.return_refund_hours, 0) as return_refund_hours,
        coalesce(after_sale_sums.return_refund_hours_weighted, 0) as return_refund_hours_weighted,
        coalesce(after_sale_sums.return_refund_units, 0) as return_refund_units,
        coalesce(after_sale_sums.return_refund_units_weighted, 0) as return_refund_units_weighted,
    from volumes
    left join after_sale_sums
        on volumes.score_date = after_sale_sums.score_date
        and volumes.shop_id = after_sale_sums.shop_id
    left join intervention_sums
        on volumes.score_date = intervention_sums.score_date
        and volumes.shop_id = intervention_sums.shop_id

),

metric_rows as (

    select
        score_date,
        shop_id,
        'dispute_merchant_fault_rate' as metric,
        merchant_faults as numerator,
        completed as denominator,
        merchant_faults_weighted as ranking_numerator,
        completed_weighted as ranking_denominator,
    from shop_values

    union all

    select
        score_date,
        shop_id,
        'refund_only_hours' as metric,
        refund_only_hours as numerator,
        refund_only_units as denominator,
        refund_only_hours_weighted as ranking_numerator,
        refund_only_units_weighted as ranking_denominator,
    from shop_values

    union all

    select
        score_date,
        shop_id,
        'return_refund_hours' as metric,
        return_refund_hours as numerator,
        return_refund_units as denominator,
        return_refund_hours_weighted as ranking_numerator,
        return_refund_units_weighted as ranking_denominator,
    from shop_values

),

final as (

    select
        score_date,
        'douyin' as scheme,
        shop_id,
        metric,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator,
        cast(numerator as double) / nullif(denominator, 0) as value,
        cast(ranking_numerator as double) as ranking_numerator,
        cast(ranking_denominator as double) as ranking_denominator,
    from metric_rows

)

select
    score_date,
    scheme,
    shop_id,
    metric,
    numerator,
    denominator,
    value,
    ranking_numerator,
    ranking_denominator,
from final
