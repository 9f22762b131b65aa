{#-
    Every row of a raw table's files as a relation for SQL a macro runs before the base models (the
    on-run-start checks) or for the source's data tests, columns united by name: on DuckDB read_parquet of
    the table folder (union_by_name); on Spark (issue #12) the same reading the base models use
    (spark__platform_raw_source: files that disagree on a column's type are read by schema group and that
    column cast to text). Follow it with an alias: `from {{ raw_table_rows('orders') }} as orders`.
    A table with no file: DuckDB's read_parquet stops naming the pattern; on Spark an empty relation of
    no useful column, so callers check first (check_raw_data_dir runs before them).
-#}
{% macro raw_table_rows(table_name) -%}
    {{ return(adapter.dispatch('raw_table_rows')(table_name)) }}
{%- endmacro %}


{% macro default__raw_table_rows(table_name) -%}
    {{ return('read_parquet(' ~ sql_string(raw_data_dir() ~ '/' ~ table_name ~ '/**/*.parquet')
        ~ ', union_by_name = true, hive_partitioning = false)') }}
{%- endmacro %}


{% macro spark__raw_table_rows(table_name) -%}
    {%- set files = platform_raw_files(table_name) -%}
    {%- if not files -%}
        {{ return('(select cast(null as string) as no_file where false)') }}
    {%- endif -%}
    {{ return('(select * except (raw_struct) from (' ~ platform_raw_source('', files) ~ ') as raw_files)') }}
{%- endmacro %}
