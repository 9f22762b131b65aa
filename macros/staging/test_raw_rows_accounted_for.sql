{#-
    Generic test (SPEC §9, §11): every raw row of source platform.<source_table> is either the current
    version in the staging model, a superseded good version (kept in base_platform__<table>_checked), or in
    quarantine.rejected_rows - none is dropped silently, none is counted twice.
    Returns one row (the four counts) when raw rows <> staged + superseded + quarantined rows.
-#}
{% test raw_rows_accounted_for(model, source_table) %}

with

raw_rows as (

    select count(*) as row_count from {{ source('platform', source_table) }}

),

staged_rows as (

    select count(*) as row_count from {{ model }}

),

good_rows as (

    select count(*) as row_count
    from {{ ref('base_platform__' ~ source_table ~ '_checked') }}
    where reason is null

),

quarantined_rows as (

    select count(*) as row_count
    from {{ ref('rejected_rows') }}
    where table_name = '{{ source_table }}'

)

select
    raw_rows.row_count as raw_row_count,
    staged_rows.row_count as staged_row_count,
    good_rows.row_count - staged_rows.row_count as superseded_row_count,
    quarantined_rows.row_count as quarantined_row_count,
from raw_rows
cross join staged_rows
cross join good_rows
cross join quarantined_rows
where raw_rows.row_count <> good_rows.row_count + quarantined_rows.row_count

{% endtest %}
