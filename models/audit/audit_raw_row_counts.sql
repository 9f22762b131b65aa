{#-
    Every loaded raw row accounted for, per table (SPEC §9, §11): rows_read = rows_staged (the current
    version of each key, stg_platform__<table>) + rows_superseded (good rows of an older partition, kept
    for audit) + rows_quarantined (quarantine.rejected_rows). A view: counts are always those of now.
-#}
{{ config(materialized='view') }}

with

{% for table_name in platform_tables() %}
{{ table_name }}_checked as (

    select
        '{{ table_name }}' as table_name,
        count(*) as rows_read,
        count(*) filter (where reason is null) as rows_good,
        count(*) filter (where reason is not null) as rows_quarantined,
    from {{ ref('base_platform__' ~ table_name ~ '_checked') }}

),

{{ table_name }}_staged as (

    select count(*) as rows_staged
    from {{ ref('stg_platform__' ~ table_name) }}

),

{% endfor %}
unioned as (

    {% for table_name in platform_tables() %}
    select
        {{ table_name }}_checked.*,
        {{ table_name }}_staged.rows_staged,
    from {{ table_name }}_checked
    cross join {{ table_name }}_staged
    {{ 'union all' if not loop.last }}
    {% endfor %}

),

final as (

    select
        table_name,
        rows_read,
        rows_staged,
        rows_good - rows_staged as rows_superseded,
        rows_quarantined,
    from unioned

)

select * from final
