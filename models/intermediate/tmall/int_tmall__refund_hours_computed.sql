{#-
    Grain: one row per (score_date, shop_id, metric) for tmall shops with volume > 0 (SPEC §6), over
    after-sales completed in [D-30, D-1] with no intervention (one opened before D; a later one is
    not yet visible, SPEC §3):
    - refund_only_hours: mean hours applied_at -> completed_at, refund_only;
    - return_refund_hours: mean (merchant_approved_at - applied_at) + (refund_approved_at -
      return_signed_at), the buyer's time excluded, return_refund only; a missing second part
      counts 0 (as douyin, SPEC §5).
    Tmall ranks the plain value: ranking_* equal numerator / denominator.
-#}
with

score_dates as (

    select score_date from {{ ref('int_score_dates_listed') }}

),

volumes as (

    select
        score_date,
        shop_id,
    from {{ ref('int_tmall__shop_volumes_counted') }}
    where volume > 0

),

after_sales as (

    select
        shop_id,
        completed_date,
        after_sale_type,
        first_intervention_opened_date,
        two_part_hours_sum,
        two_part_hours_count,
        completion_hours_sum,
        completion_hours_count,
    from {{ ref('int_after_sales_completed_aggregated') }}
    where after_sale_type in ('refund_only', 'return_refund')

),

shop_sums as (

    select
        score_dates.score_date,
        after_sales.shop_id,
        sum(after_sales.completion_hours_sum) filter (where after_sales.after_sale_type = 'refund_only')
            as refund_only_hours,
        sum(after_sales.completion_hours_count) filter (where after_sales.after_sale_type = 'refund_only')
            as refund_only_units,
        sum(after_sales.two_part_hours_sum) filter (where after_sales.after_sale_type = 'return_refund')
            as return_refund_hours,
        sum(after_sales.two_part_hours_count) filter (where after_sales.after_sale_type = 'return_refund')
            as return_refund_units,
    from score_dates
    inner join after_sales
        on after_sales.completed_date >= score_dates.score_date - {{ var('tmall_window_days') }}
        and after_sales.completed_date < score_dates.score_date
    where not coalesce(after_sales.first_intervention_opened_date < score_dates.score_date, false)
    group by
        score_dates.score_date,
        after_sales.shop_id

),

shop_values as (

    select
        volumes.score_date,
        volumes.shop_id,
        coalesce(shop_sums.refund_only_hours, 0) as refund_only_hours,
        coalesce(shop_sums.refund_only_units, 0) as refund_only_units,
        coalesce(shop_sums.return_refund_hours, 0) as return_refund_hours,
        coalesce(shop_sums.return_refund_units, 0) as return_refund_units,
    from volumes
    left join shop_sums
        on volumes.score_date = shop_sums.score_date
        and volumes.shop_id = shop_sums.shop_id

),

metric_rows as (

    select
        score_date,
        shop_id,
        'refund_only_hours' as metric,
        refund_only_hours as numerator,
        refund_only_units as denominator,
    from shop_values

    union all

    select
        score_date,
        shop_id,
        'return_refund_hours' as metric,
        return_refund_hours as numerator,
        return_refund_units as denominator,
    from shop_values

),

final as (

    select
        score_date,
        'tmall' as scheme,
        shop_id,
        metric,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator,
        cast(numerator as double) / nullif(denominator, 0) as value,
        cast(numerator as double) as ranking_numerator,
        cast(denominator as double) as ranking_denominator,
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
