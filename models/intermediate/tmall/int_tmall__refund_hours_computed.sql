{#-
    Grain: one row per (score_date, shop_id, metric) for tmall shops with volume > 0, the metrics of
    family 'refund_hours' in seed metric_catalogue (SPEC §6), over after-sales completed in
    [D-30, D-1] with no intervention (one opened before D; a later one is not yet visible, SPEC §3):
    - refund_only_hours: mean hours applied_at -> completed_at, refund_only;
    - return_refund_hours: mean (merchant_approved_at - applied_at) + (refund_approved_at -
      return_signed_at), the buyer's time excluded, return_refund only; a missing second part
      counts 0 (as douyin, SPEC §5).
    Units: a day's after-sales completed on c count for D in [c + 1, c + window], up to the day their
    first intervention was opened (D on that day still counts); numerator = the hours, denominator =
    the timed after-sales (a mean). The metric engine (macro metric_unit_windows) adds them up per
    score date, over exact hours (macro exact_amount). Tmall ranks the plain value.
-#}
with

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

),

units as (

    -- counts_until NULL: no intervention, only the window bounds it.
    select {{ metric_unit(
        'refund_only_hours', 'completed_date', 'completion_hours_sum', 'completion_hours_count',
        counts_until='first_intervention_opened_date',
    ) }}
    from after_sales
    where after_sale_type = 'refund_only'
    union all
    select {{ metric_unit(
        'return_refund_hours', 'completed_date', 'two_part_hours_sum', 'two_part_hours_count',
        counts_until='first_intervention_opened_date',
    ) }}
    from after_sales
    where after_sale_type = 'return_refund'

),

final as (

    {{ metric_family_values('tmall', 'refund_hours', 'units', anchored=true) }}

)

select * from final
