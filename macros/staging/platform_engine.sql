{#-
    What platform_checked does differently on Spark (issue #12; docs/DESIGN.md "Spark"), one idea per
    macro; each default__ is DuckDB's SQL as it was.
-#}

{#-
    The base models' materialization: incremental on DuckDB (delete+insert by file and row, SPEC §11
    incremental load); a table rebuilt from every file on Spark, where delete+insert does not exist and
    merge needs Delta/Iceberg/Hudi tables.
-#}
{% macro platform_checked_materialized() -%}
    {{ return(adapter.dispatch('platform_checked_materialized')()) }}
{%- endmacro %}


{% macro default__platform_checked_materialized() -%}
    {{ return('incremental') }}
{%- endmacro %}


{% macro spark__platform_checked_materialized() -%}
    {{ return('table') }}
{%- endmacro %}


{#-
    The body of CTE `source` of a base model: every row of the files to load, with columns filename (the
    path as platform_raw_files lists it), file_row_number (0-based within its file), raw_struct (the raw
    row as a struct) and the file's own columns, union by name.
-#}
{% macro platform_raw_source(file_list, files) -%}
    {{ return(adapter.dispatch('platform_raw_source')(file_list, files)) }}
{%- endmacro %}


{% macro default__platform_raw_source(file_list, files) -%}
select
        struct_pack(*columns(* exclude (filename, file_row_number))) as raw_struct,
        *
    from read_parquet(
        {{ file_list }},
        union_by_name = true, hive_partitioning = false, filename = true, file_row_number = true
    )
{%- endmacro %}


{#- Spark: the file metadata columns give the path and the row index; mergeSchema (profile) unites by name. -#}
{% macro spark__platform_raw_source(file_list, files) -%}
select
        struct(raw.*) as raw_struct,
        raw.*,
        raw._metadata.file_path as filename,
        raw._metadata.row_index as file_row_number
    from parquet.`{{ spark_parquet_path(files) }}` as raw
{%- endmacro %}


{#-
    Spark: a list of files (platform_raw_files) as ONE path Spark's parquet source reads: the folder they
    share, then a glob alternative {a,b,...} of their paths below it. A name holding , { } or a backtick
    would break the glob.
-#}
{% macro spark_parquet_path(files) -%}
    {%- set first = files[0].path -%}
    {%- set base = first[:first | length - files[0].file | length] -%}
    {{ return(base ~ '{' ~ files | map(attribute='file') | join(',') ~ '}') }}
{%- endmacro %}


{#- Spark: [[column name, Spark type (upper)], ...] of the files, from their footers (describe). -#}
{% macro spark__platform_file_columns(file_list, files) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set described = run_query('describe select * from parquet.`' ~ spark_parquet_path(files) ~ '`') -%}
    {%- set found = [] -%}
    {%- for row in described.rows -%}
        {%- do found.append([row[0], row[1] | upper]) -%}
    {%- endfor -%}
    {{ return(found) }}
{%- endmacro %}


{#-
    Spark: a raw column typed by try_cast alone. Spark's cast of a text with a zone ('Z', '+08:00')
    converts it to the session time zone (Asia/Shanghai, profile), and a Parquet timestamp with a zone
    reads as an instant shown in it: what DuckDB's timezone() does explicitly.
-#}
{% macro spark__platform_typed_value(column_name, column_type, present) -%}
    try_cast({{ platform_raw_column(column_name, present) }} as {{ column_type }})
{%- endmacro %}
