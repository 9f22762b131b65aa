{#- Good rows of raw categories (SPEC §2), typed, deduplicated, current version per key; the rejected ones are in quarantine.rejected_rows. -#}
{#- A view: the checked table already holds the typed rows; a filter costs less than a copy. -#}
{{ config(materialized='view') }}

with

checked as (

    select * from {{ ref('base_platform__categories_checked') }}

),

final as (

    select
        -- ids and text
        category_id,
        category_name,
        parent_category_id,
    from checked
    {#- the current version of each key (SPEC §11; is_current implies a good row) #}
    where is_current

)

select * from final
