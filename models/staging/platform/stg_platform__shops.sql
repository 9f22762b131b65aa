{#- Good rows of raw shops (SPEC §2), typed, deduplicated, current version per key; the rejected ones are in quarantine.rejected_rows. -#}
{#- A view: the checked table already holds the typed rows; a filter costs less than a copy. -#}
{{ config(materialized='view') }}

with

checked as (

    select * from {{ ref('base_platform__shops_checked') }}

),

final as (

    select
        -- ids and text
        shop_id,
        shop_name,
        category_id,
        shop_status,
        -- dates
        opened_date,
    from checked
    {#- the current version of each key (SPEC §11; is_current implies a good row) #}
    where is_current

)

select * from final
