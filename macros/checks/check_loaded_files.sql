{#-
    on-run-start, after check_raw_data_dir: stop before any model runs when a raw file that staging has
    already loaded (audit.audit_loaded_files) changed size or modification time, or disappeared (SPEC §11).
    Its rows are staged and may be published; silently keeping them, or silently replacing them, would
    both be wrong. The message names each file (relative to raw_data_dir), what changed, and the command
    that re-stages its table from all its files: `shopscore daily --reload <table>` (dbt: var reload_tables).
    Skipped on --full-refresh (everything is reloaded) and for the tables in var reload_tables.
    Also stops when var reload_tables names a table that does not exist.
    One SQL for both engines (issue #12): the files are listed by platform_raw_files (DuckDB read_blob,
    Spark binaryFile), which the base models log from. On Spark, where staging re-reads every file each
    run, a changed file would otherwise silently change the scores of the dates this run builds while the
    published earlier dates keep the old content.
-#}
{% macro check_loaded_files() -%}
    {{ return(adapter.dispatch('check_loaded_files')()) }}
{%- endmacro %}


{% macro default__check_loaded_files() -%}
    {%- set reload_tables = platform_reload_tables() -%}
    {%- set unknown = reload_tables | reject('in', platform_tables()) | list -%}
    {%- if unknown -%}
        {{ exceptions.raise_compiler_error(
            'var reload_tables = ' ~ reload_tables ~ ' names unknown table(s) ' ~ unknown | join(', ')
            ~ ': it must list raw tables of SPEC §2 (' ~ platform_tables() | join(', ') ~ ').'
        ) }}
    {%- endif -%}
    {%- set log_relation = platform_loaded_files_relation() -%}
    {%- set patterns = raw_table_patterns() -%}
    {%- set checked = [] -%}
    {%- for table_name in patterns if table_name not in reload_tables -%}
        {%- do checked.append(table_name) -%}
    {%- endfor -%}
    {%- if log_relation is not none and checked and not flags.FULL_REFRESH -%}
        {#- the files as the engine lists them in this run (platform_raw_files), their times typed as the base
            models type them when they log a file (source_file_modified_at) -#}
        {%- set listed_files = [] -%}
        {%- for table_name in checked -%}
            {%- do listed_files.extend(platform_raw_files(table_name)) -%}
        {%- endfor -%}
        {%- set comparing_sql -%}
            with

            {% if listed_files -%}
            listed (file_path, file_size, file_modified_at) as (
                values
                {%- for file in listed_files %}
                ({{ sql_string(file.file) }}, {{ file.size }}, cast({{ sql_string(file.modified_at) }} as timestamptz)){{ ',' if not loop.last }}
                {%- endfor %}
            ),
            {%- else -%}
            listed as (
                select cast(null as varchar) as file_path, cast(null as bigint) as file_size,
                    cast(null as timestamptz) as file_modified_at
                where false
            ),
            {%- endif %}

            logged as (
                select table_name, file_path, file_size, file_modified_at
                from {{ log_relation }}
                where table_name in ({% for table_name in checked %}{{ sql_string(table_name) }}{{ ', ' if not loop.last }}{% endfor %})
            )

            select
                logged.table_name,
                logged.file_path,
                logged.file_size,
                cast(logged.file_modified_at as varchar),
                listed.file_size,
                cast(listed.file_modified_at as varchar),
                listed.file_path is null as has_vanished
            from logged
            left join listed
                on logged.file_path = listed.file_path
            where listed.file_path is null
                or listed.file_size <> logged.file_size
                or listed.file_modified_at <> logged.file_modified_at
            order by logged.table_name, logged.file_path
        {%- endset -%}
        {%- set changed = run_query(engine_sql(comparing_sql)).rows -%}
        {%- if changed | length > 0 -%}
            {%- set problems = [] -%}
            {%- set tables = [] -%}
            {%- for row in changed -%}
                {%- if row[6] -%}
                    {%- do problems.append(row[1] ~ ' (table ' ~ row[0] ~ '): loaded earlier, it no longer exists') -%}
                {%- else -%}
                    {%- do problems.append(
                        row[1] ~ ' (table ' ~ row[0] ~ '): changed since it was loaded: size '
                        ~ row[2] ~ ' -> ' ~ row[4] ~ ' bytes, modified ' ~ row[3] ~ ' -> ' ~ row[5]
                    ) -%}
                {%- endif -%}
                {%- if row[0] not in tables -%}
                    {%- do tables.append(row[0]) -%}
                {%- endif -%}
            {%- endfor -%}
            {{ exceptions.raise_compiler_error(
                'Raw files that were already loaded have changed or vanished under ' ~ raw_data_dir()
                ~ ' (SPEC §11); nothing was built:\n  - ' ~ problems | join('\n  - ')
                ~ '\nA delivered file must not change. If the new content is right, re-stage its table from all its files: '
                ~ platform_reload_commands(tables)
                ~ '. Otherwise put the original file back and rerun.'
            ) }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}


{#- The commands that reload tables: `shopscore daily --reload <t>` per table and the dbt var equivalent. -#}
{% macro platform_reload_commands(tables) -%}
    {%- set commands = [] -%}
    {%- for table_name in tables -%}
        {%- do commands.append('shopscore daily --reload ' ~ table_name) -%}
    {%- endfor -%}
    {{ return(commands | join(' ; ') ~ " (dbt: --vars '{reload_tables: [" ~ tables | join(', ') ~ "]}')") }}
{%- endmacro %}
