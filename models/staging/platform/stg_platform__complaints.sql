{#- Good rows of raw complaints (SPEC §2), typed, deduplicated, current version per key; the rejected ones are in quarantine.rejected_rows. -#}
{#- A view: the checked table already holds the typed rows; a filter costs less than a copy. -#}
{{ config(materialized='view') }}

with

checked as (

    select * from {{ ref('base_platform__complaints_checked') }}

),

final as (

    select
        -- ids and text
        complaint_id,
        order_id,
        shop_id,
        buyer_id,
        complaint_status,
        -- timestamps (naive local Asia/Shanghai)
        created_at,
        decided_at,
    from checked
    {#- the current version of each key (SPEC §11; is_current implies a good row) #}
    where is_current

)

select * from final
