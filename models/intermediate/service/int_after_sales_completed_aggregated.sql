{#-
    Grain: one row per (shop_id, completed_date, after_sale_type, first_intervention_opened_date):
    completed after-sales (status 'completed', completed_at set) counted and timed once, shared by
    douyin (dispute_merchant_fault_rate denominator, refund_only_hours, return_refund_hours: SPEC §5),
    tmall (refund_only_hours, return_refund_hours with no intervention: SPEC §6) and the CS KPI
    avg_refund_hours (SPEC §7). Each score date then takes its window by a range join on
    completed_date. first_intervention_opened_date (NULL = never any intervention) lets tmall drop an
    after-sale with an intervention opened before D without rescanning interventions.
    Hours:
    - approval: merchant_approved_at - applied_at (douyin refund_only_hours);
    - two-part: (merchant_approved_at - applied_at) + (refund_approved_at - return_signed_at), a
      missing second part counts 0 (SPEC §5; the buyer's return time is excluded); a missing first
      part leaves the after-sale out of the mean;
    - completion: completed_at - applied_at (tmall refund_only_hours, KPI avg_refund_hours).
-#}
with

after_sales as (

    select * from {{ ref('stg_platform__after_sales') }}
    where after_sale_status = 'completed'
        and completed_at is not null
        -- Every window here (and the KPI date) is on the completion date.
        and {{ event_window_filter('completed_at') }}

),

interventions as (

    select
        after_sale_id,
        cast(min(opened_at) as date) as first_intervention_opened_date,
    from {{ ref('stg_platform__interventions') }}
    where after_sale_id is not null
    group by after_sale_id

),

timed as (

    select
        after_sales.shop_id,
        cast(after_sales.completed_at as date) as completed_date,
        after_sales.after_sale_type,
        interventions.first_intervention_opened_date,
        {{ seconds_between('after_sales.applied_at', 'after_sales.merchant_approved_at') }} / 3600.0 as approval_hours,
        (
            {{ seconds_between('after_sales.applied_at', 'after_sales.merchant_approved_at') }} / 3600.0
            + coalesce({{ seconds_between('after_sales.return_signed_at', 'after_sales.refund_approved_at') }} / 3600.0, 0)
        ) as two_part_hours,
        {{ seconds_between('after_sales.applied_at', 'after_sales.completed_at') }} / 3600.0 as completion_hours,
    from after_sales
    left join interventions
        on after_sales.after_sale_id = interventions.after_sale_id

),

final as (

    select
        shop_id,
        completed_date,
        after_sale_type,
        first_intervention_opened_date,
        count(*) as after_sale_count,
        {%- for hours in ['approval_hours', 'two_part_hours', 'completion_hours'] %}
        coalesce({{ exact_sum(hours) }}, 0) as {{ hours }}_sum,
        count({{ hours }}) as {{ hours }}_count,
        {%- endfor %}
    from timed
    group by
        shop_id,
        completed_date,
        after_sale_type,
        first_intervention_opened_date

)

select * from final
