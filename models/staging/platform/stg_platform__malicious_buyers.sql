{#- Good rows of raw malicious_buyers (SPEC §2), typed, deduplicated, current version per key; the rejected ones are in quarantine.rejected_rows. -#}
{#- A view: the checked table already holds the typed rows; a filter costs less than a copy. -#}
{{ config(materialized='view') }}

with

checked as (

    select * from {{ ref('base_platform__malicious_buyers_checked') }}

),

final as (

    select
        -- ids and text
        buyer_id,
        flag_reason,
        -- timestamps (naive local Asia/Shanghai)
        flagged_at,
    from checked
    {#- the current version of each key (SPEC §11; is_current implies a good row) #}
    where is_current

)

select * from final
