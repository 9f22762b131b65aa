{#-
    Published flags (SPEC §10): one row per (score_date, scheme, shop_id, flag) for every listed
    shop and every flag of its scheme (seeds flag_rules, tmall_event_thresholds); never set for a
    shop with insufficient volume (SPEC §3).
-#}
with

flags as (

    select * from {{ ref('int_shop_flags_evaluated') }}

),

final as (

    select
        cast(score_date as date) as score_date,
        cast(scheme as varchar) as scheme,
        cast(shop_id as varchar) as shop_id,
        cast(flag as varchar) as flag,
        cast(is_set as boolean) as is_set,
        cast(rule_type as varchar) as rule_type,
    from flags

)

select * from final
