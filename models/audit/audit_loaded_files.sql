{#-
    The loaded-files log (SPEC §11 "Incremental load"): one row per raw file a base model has staged, with
    the size and modification time it had when it was read. Written after every base model of the run
    succeeded (it reads them all), so a run that crashes before it leaves its files out of the log and the
    next run stages them again from scratch (the base models' pre-hook deletes their rows first).
    A file is logged once; a reloaded table (var reload_tables, --full-refresh) has its rows replaced.
    A file without rows is not logged: it is listed again each run and adds nothing.
-#}
-- depends_on: {{ ref('rejected_rows') }}
{#- written after the quarantine too: a file is logged only once all its rows are staged or quarantined -#}
{{ config(
    materialized=platform_checked_materialized(),
    incremental_strategy='delete+insert',
    unique_key=['table_name', 'file_path'],
    pre_hook="{{ audit_loaded_files_pre_hook() }}",
) }}

with

{#- one select per raw table, unioned: the files this run's base models read #}
loaded_files as (
    {% for table_name in platform_tables() %}
    select
        '{{ table_name }}' as table_name,
        source_file as file_path,
        any_value(partition_date) as partition_date,
        any_value(source_file_size) as file_size,
        any_value(source_file_modified_at) as file_modified_at,
        count(*) as rows_read,
        count(*) filter (where reason is null) as rows_staged,
        count(*) filter (where reason is not null) as rows_quarantined,
    from {{ ref('base_platform__' ~ table_name ~ '_checked') }}
    where loaded_run_id = '{{ invocation_id }}'
    group by source_file
    {{ 'union all' if not loop.last }}
    {% endfor %}
),

final as (

    select
        '{{ invocation_id }}' as run_id,
        table_name,
        file_path,
        partition_date,
        file_size,
        file_modified_at,
        rows_read,
        rows_staged,
        rows_quarantined,
    from loaded_files

)

select * from final
