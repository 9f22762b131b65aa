{#- Good rows of raw tickets (SPEC §2), typed, deduplicated, current version per key; the rejected ones are in quarantine.rejected_rows. -#}
{#- A view: the checked table already holds the typed rows; a filter costs less than a copy. -#}
{{ config(materialized='view') }}

with

checked as (

    select * from {{ ref('base_platform__tickets_checked') }}

),

final as (

    select
        -- ids and text
        ticket_id,
        shop_id,
        order_id,
        -- timestamps (naive local Asia/Shanghai)
        created_at,
        due_at,
        completed_at,
    from checked
    {#- the current version of each key (SPEC §11; is_current implies a good row) #}
    where is_current

)

select * from final
