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
        {{ contract_columns() }}
    from flags

)

select * from final
