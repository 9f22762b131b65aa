{#-
    Every raw row that did not reach staging, with its first failing reason (SPEC §9: none is dropped
    silently; raw rows = staged rows + quarantined rows per table). Reads the per-table checked models,
    so no raw file is scanned again. raw_row is the row exactly as it arrived (all its columns, as JSON).
    Superseded versions (good rows of an older partition, SPEC §11) are not here: they were not rejected.
    Incremental like the base models: a run appends the rejected rows its base models wrote (checked_run_id
    = this run), after its pre-hook deleted every row those models wrote again (a re-check may have made a
    row good) and the rows of reloaded tables; --full-refresh rebuilds it from the base models.
-#}
{{ config(
    materialized=platform_checked_materialized(),
    incremental_strategy='append',
    pre_hook="{{ rejected_rows_pre_hook() }}",
) }}

{#- an incremental run appends only the rows this run's base models checked -#}
{%- set this_run_only = "checked_run_id = '" ~ invocation_id ~ "'" if is_incremental() else 'true' %}
with

{#- one select per raw table, unioned: the rejected rows of every checked model #}
rejected as (
    {% for table_name in platform_tables() %}
    select
        '{{ table_name }}' as table_name,
        row_key,
        reason,
        {#- JSON already in the base model: a union of different structs would merge every table's columns #}
        raw_row,
        source_file,
        source_row_number,
        loaded_at,
    from {{ ref('base_platform__' ~ table_name ~ '_checked') }}
    where reason is not null
        and {{ this_run_only }}
    {{ 'union all' if not loop.last }}
    {% endfor %}
),

final as (

    select
        table_name,
        row_key,
        reason,
        raw_row,
        source_file,
        source_row_number,
        loaded_at,
    from rejected

)

select * from final
