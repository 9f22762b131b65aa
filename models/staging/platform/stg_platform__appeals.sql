{#- Good rows of raw appeals (SPEC §2), typed, deduplicated, current version per key; the rejected ones are in quarantine.rejected_rows. -#}
{#- A view: the checked table already holds the typed rows; a filter costs less than a copy. -#}
{{ config(materialized='view') }}

with

checked as (

    select * from {{ ref('base_platform__appeals_checked') }}

),

final as (

    select
        -- ids and text
        appeal_id,
        order_id,
        intervention_id,
        shop_id,
        appeal_type,
        appeal_outcome,
        -- timestamps (naive local Asia/Shanghai)
        submitted_at,
        decided_at,
    from checked
    {#- the current version of each key (SPEC §11; is_current implies a good row) #}
    where is_current

)

select * from final
