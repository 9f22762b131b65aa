{#-
    Generic test (SPEC §9): every raw row of source platform.<source_table> is either in the staging
    model or in quarantine.rejected_rows - none is dropped silently, none is counted twice.
    Returns one row (the three counts) when raw rows <> staged rows + quarantined rows.
-#}
{% test raw_rows_accounted_for(model, source_table) %}

with

raw_rows as (

    select count(*) as row_count from {{ source('platform', source_table) }}

),

staged_rows as (

    select count(*) as row_count from {{ model }}

),

quarantined_rows as (

    select count(*) as row_count
    from {{ ref('rejected_rows') }}
    where table_name = '{{ source_table }}'

)

select
    raw_rows.row_count as raw_row_count,
    staged_rows.row_count as staged_row_count,
    quarantined_rows.row_count as quarantined_row_count,
from raw_rows
cross join staged_rows
cross join quarantined_rows
where raw_rows.row_count <> staged_rows.row_count + quarantined_rows.row_count

{% endtest %}
