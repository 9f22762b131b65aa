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
    where reason is null
    {#- the current version of each key (SPEC §11) #}
    qualify {{ platform_current_version() }}

)

select
    category_id,
    category_name,
    parent_category_id,
from final
