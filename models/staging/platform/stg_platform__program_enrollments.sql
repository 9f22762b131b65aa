{#- Good rows of raw program_enrollments (SPEC §2), typed, deduplicated, current version per key; the rejected ones are in quarantine.rejected_rows. -#}
{#- A view: the checked table already holds the typed rows; a filter costs less than a copy. -#}
{{ config(materialized='view') }}

with

checked as (

    select * from {{ ref('base_platform__program_enrollments_checked') }}

),

final as (

    select
        -- key: md5 of shop_id, program and enrolled_at (docs/DESIGN.md)
        md5(concat_ws('|', shop_id, program, cast(enrolled_at as varchar))) as enrollment_id,
        -- ids and text
        shop_id,
        program,
        -- timestamps (naive local Asia/Shanghai)
        enrolled_at,
        exited_at,
    from checked
    {#- the current version of each key (SPEC §11; is_current implies a good row) #}
    where is_current

)

select * from final
