{#-
    Raw files and the loaded-files log (SPEC §11 "Incremental load"; docs/DESIGN.md "Incremental staging").
    A file is named by its path RELATIVE to var raw_data_dir (e.g. orders/dt=2026-10-05/part-0.parquet), so
    the log survives a moved raw folder. Files are listed with DuckDB read_blob projected to filename, size
    and last_modified: the contents are not read (only the directory entries).
-#}

{#- var raw_data_dir without a trailing slash. -#}
{% macro raw_data_dir() -%}
    {{ return((var('raw_data_dir') | string).rstrip('/')) }}
{%- endmacro %}


{#-
    Every Parquet file of a raw table, sorted by relative path: a list of
    {path (as DuckDB reads it), file (relative), partition_date ('YYYY-MM-DD' or none), size, modified_at (text)}.
-#}
{% macro platform_raw_files(table_name) -%}
    {{ return(adapter.dispatch('platform_raw_files')(table_name)) }}
{%- endmacro %}


{% macro default__platform_raw_files(table_name) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set prefix = raw_data_dir() ~ '/' -%}
    {%- set listing = run_query(
        'select filename, size, cast(last_modified as varchar), '
        ~ 'nullif(regexp_extract(filename, \'/dt=(\\d{4}-\\d{2}-\\d{2})/\', 1), \'\') '
        ~ 'from read_blob(' ~ sql_string(prefix ~ table_name ~ '/**/*.parquet') ~ ') order by filename'
    ) -%}
    {%- set files = [] -%}
    {%- for row in listing.rows -%}
        {%- set path = row[0] -%}
        {%- do files.append({
            'path': path,
            'file': path[prefix | length:] if path.startswith(prefix) else path,
            'size': row[1],
            'modified_at': row[2],
            'partition_date': row[3],
        }) -%}
    {%- endfor -%}
    {{ return(files) }}
{%- endmacro %}


{#-
    Spark (issue #12): the same list from Spark's binaryFile source, which lists the files under the table
    folder (recursively, *.parquet) without reading their contents unless asked. path is the URI Spark
    reads (file:/...); file, the path relative to raw_data_dir, is cut at the table's folder, so it does not
    depend on raw_data_dir being absolute. The modification time is cut to whole seconds, as DuckDB's
    read_blob gives it. Unlike DuckDB's glob, Spark skips names that start with _ or .
    A table is listed once per dbt invocation (one Spark session): the listing is cached as a temporary
    table, raw_files__<table>, that every later call reads (each base model needs the latest partition of
    all 14 tables for its load cut-off).
-#}
{% macro spark__platform_raw_files(table_name) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set view_name = 'raw_files__' ~ table_name -%}
    {%- if not spark_session_has_view(view_name) -%}
        {%- do run_query(
            'create or replace temporary view ' ~ view_name ~ '_source using binaryFile options (path '
            ~ sql_string(raw_data_dir() ~ '/' ~ table_name) ~ ", recursiveFileLookup 'true', pathGlobFilter '*.parquet')"
        ) -%}
        {%- do run_query(
            'cache table ' ~ view_name ~ ' as select path, length, cast(date_trunc(\'second\', modificationTime) as string)'
            ~ ' as modified_at from ' ~ view_name ~ '_source'
        ) -%}
    {%- endif -%}
    {%- set listing = run_query('select path, length, modified_at from ' ~ view_name ~ ' order by path') -%}
    {%- set files = [] -%}
    {%- for row in listing.rows -%}
        {%- set path = row[0] -%}
        {%- set file = table_name ~ path[path.rfind('/' ~ table_name ~ '/') + table_name | length + 1:] -%}
        {%- set partition = modules.re.search('/dt=(\\d{4}-\\d{2}-\\d{2})/', file) -%}
        {%- do files.append({
            'path': path,
            'file': file,
            'size': row[1],
            'modified_at': row[2],
            'partition_date': partition.group(1) if partition else none,
        }) -%}
    {%- endfor -%}
    {{ return(files) }}
{%- endmacro %}


{#- The loaded-files log relation (audit.audit_loaded_files), or none before the first successful load. -#}
{% macro platform_loaded_files_relation() -%}
    {%- set node = graph.nodes.get('model.shopscore.audit_loaded_files') -%}
    {%- if node is none or not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias)) }}
{%- endmacro %}


{#- The relative paths of a table's files in the loaded-files log ([] without a log). -#}
{% macro platform_loaded_files(table_name) -%}
    {%- set log_relation = platform_loaded_files_relation() -%}
    {%- set loaded = [] -%}
    {%- if log_relation is not none -%}
        {%- do loaded.extend(run_query(
            'select file_path from ' ~ log_relation ~ ' where table_name = ' ~ sql_string(table_name)
        ).columns[0].values()) -%}
    {%- endif -%}
    {{ return(loaded) }}
{%- endmacro %}


{#- var reload_tables as a list (a single name is accepted too). -#}
{% macro platform_reload_tables() -%}
    {%- set value = var('reload_tables', []) or [] -%}
    {{ return([value] if value is string else value | list) }}
{%- endmacro %}


{#-
    True when a table's base model reads ALL its files this run: a full refresh, no log yet, or the table is
    in var reload_tables. Otherwise the run reads only the files not in the log.
-#}
{% macro platform_full_load(table_name, is_incremental_model) -%}
    {{ return(
        not is_incremental_model
        or table_name in platform_reload_tables()
        or platform_loaded_files_relation() is none
    ) }}
{%- endmacro %}


{#-
    The files a base model reads this run (all, or those not in the log), as platform_raw_files lists them;
    a caller that has just listed the table passes that listing as files, so it is not listed twice.
-#}
{% macro platform_files_to_load(table_name, full_load, files=none) -%}
    {%- set files = platform_raw_files(table_name) if files is none else files -%}
    {%- if full_load -%}
        {{ return(files) }}
    {%- endif -%}
    {%- set loaded = platform_loaded_files(table_name) -%}
    {{ return(files | rejectattr('file', 'in', loaded) | list) }}
{%- endmacro %}


{#-
    The latest dt= partition date ('YYYY-MM-DD') of any file under raw_data_dir (one table, or all when
    table_name is none), from the file names only; none when there is no partition.
-#}
{% macro platform_latest_partition(table_name=none) -%}
    {{ return(adapter.dispatch('platform_latest_partition')(table_name)) }}
{%- endmacro %}


{% macro default__platform_latest_partition(table_name=none) -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set pattern = raw_data_dir() ~ '/' ~ (table_name or '*') ~ '/**/*.parquet' -%}
    {%- set found = run_query(
        'select max(nullif(regexp_extract(file, \'/dt=(\\d{4}-\\d{2}-\\d{2})/\', 1), \'\')) from glob('
        ~ sql_string(pattern) ~ ')'
    ).columns[0].values()[0] -%}
    {{ return(found) }}
{%- endmacro %}


{#-
    Spark: the same, from the listings of spark__platform_raw_files. The latest of all tables is asked for by
    every base model (load_cutoff_at); it is worked out once per dbt invocation (one Spark session) and kept
    in temporary view raw_latest_partition, so each later call is two queries rather than two per table.
-#}
{% macro spark__platform_latest_partition(table_name=none) -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- if table_name is none and spark_session_has_view('raw_latest_partition') -%}
        {%- set cached = run_query('select partition_date from raw_latest_partition').columns[0].values()[0] -%}
        {{ return(none if cached is none else cached | string) }}
    {%- endif -%}
    {%- set dates = [] -%}
    {%- for name in ([table_name] if table_name else platform_tables()) -%}
        {%- do dates.extend(platform_raw_files(name) | map(attribute='partition_date') | select | list) -%}
    {%- endfor -%}
    {%- set latest = dates | max if dates else none -%}
    {%- if table_name is none -%}
        {%- do run_query('create or replace temporary view raw_latest_partition as select '
            ~ (sql_string(latest) if latest else 'cast(null as string)') ~ ' as partition_date') -%}
    {%- endif -%}
    {{ return(latest) }}
{%- endmacro %}


{#-
    A relation of the raw Parquet files of a table, one row per file, column file (the path as the engine
    lists it), for models that read partition names. DuckDB: glob(); Spark: the listing of
    platform_raw_files as VALUES (issue #12).
-#}
{% macro raw_file_names(table_name) -%}
    {{ return(adapter.dispatch('raw_file_names')(table_name)) }}
{%- endmacro %}


{% macro default__raw_file_names(table_name) -%}
    glob({{ sql_string(var('raw_data_dir') ~ '/' ~ table_name ~ '/**/*.parquet') }})
{%- endmacro %}


{% macro spark__raw_file_names(table_name) -%}
    {%- set files = platform_raw_files(table_name) -%}
    {%- if files -%}
    (values {% for file in files %}({{ sql_string(file.path) }}){{ ', ' if not loop.last }}{% endfor %}) as listed (file)
    {%- else -%}
    (select cast(null as varchar) as file where false) as listed
    {%- endif -%}
{%- endmacro %}


{#- pre-hook of audit_loaded_files: a reloaded table's log rows are replaced (vanished files leave the log). -#}
{% macro audit_loaded_files_pre_hook() -%}
    {{ return(adapter.dispatch('audit_loaded_files_pre_hook')()) }}
{%- endmacro %}


{% macro default__audit_loaded_files_pre_hook() -%}
    {%- set reload_tables = platform_reload_tables() -%}
    {%- if execute and is_incremental() and reload_tables -%}
        delete from {{ this }}
        where table_name in ({% for table_name in reload_tables %}{{ sql_string(table_name) }}{{ ', ' if not loop.last }}{% endfor %})
    {%- else -%}
        select 1 as nothing_to_delete
    {%- endif -%}
{%- endmacro %}


{#-
    pre-hook of quarantine.rejected_rows (incremental): delete the rows that this run's base models wrote
    again (new files, and earlier rows whose reason a re-check changed, perhaps to good) and every row of
    a table in var reload_tables; the model then appends this run's rejected rows.
-#}
{% macro rejected_rows_pre_hook() -%}
    {{ return(adapter.dispatch('rejected_rows_pre_hook')()) }}
{%- endmacro %}


{% macro default__rejected_rows_pre_hook() -%}
    {%- if execute and is_incremental() -%}
        {%- set reload_tables = platform_reload_tables() -%}
        delete from {{ this }} as rejected
        where rejected.table_name in ({% for table_name in reload_tables %}{{ sql_string(table_name) }}, {% endfor %}'')
            or exists (
                select 1
                from (
                    {%- for table_name in platform_tables() %}
                    select '{{ table_name }}' as table_name, source_file, source_row_number
                    from {{ ref('base_platform__' ~ table_name ~ '_checked') }}
                    where checked_run_id = '{{ invocation_id }}'
                    {{ 'union all' if not loop.last }}
                    {%- endfor %}
                ) as rewritten
                where rewritten.table_name = rejected.table_name
                    and rewritten.source_file = rejected.source_file
                    and rewritten.source_row_number = rejected.source_row_number
            )
    {%- else -%}
        select 1 as nothing_to_delete
    {%- endif -%}
{%- endmacro %}


{#- A DuckDB list of the files' paths (platform_raw_files entries), each a quoted string. -#}
{% macro raw_file_list(files) -%}
    {%- set quoted = [] -%}
    {%- for file in files -%}
        {%- do quoted.append(sql_string(file.path)) -%}
    {%- endfor -%}
    {{ return('[' ~ quoted | join(', ') ~ ']') }}
{%- endmacro %}
