{#-
    Every loaded raw row counted by what became of it (SPEC §9, §11), per table, delivery partition and
    quarantine reason: the published view of data health. Counts only: no raw values, no buyer ids.
    Deterministic (the same files give the same counts, whenever and however often they were loaded):
    rows are placed by the partition that delivered them, never by their load time.
-#}
{{ config(materialized='table') }}

with

{#- one select per raw table, unioned: every checked row with what became of it #}
checked_rows as (
    {% for table_name in platform_tables() %}
    select
        '{{ table_name }}' as table_name,
        partition_date,
        case
            when reason is not null then 'quarantined'
            when is_current then 'current'
            else 'superseded'
        end as row_status,
        reason,
    from {{ ref('base_platform__' ~ table_name ~ '_checked') }}
    {{ 'union all' if not loop.last }}
    {% endfor %}
),

final as (

    select
        table_name,
        partition_date,
        row_status,
        reason,
        count(*) as row_count,
    from checked_rows
    group by all

)

select * from final
