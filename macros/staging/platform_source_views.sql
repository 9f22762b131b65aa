{#-
    The relations source platform's tables name, for the data tests that read them (the sources' own
    tests and raw_rows_accounted_for): on DuckDB they are the source's external_location (read_parquet of
    every file of the table folder, union by name, with filename and file_row_number), so nothing is
    created. On Spark (issue #12) a source table is a name in schema `platform`, so a run that selects a
    test of a source table first creates that table as a view of the same reading (raw_table_rows: every
    file of the folder, united by name with text where files disagree on a type, with filename and
    file_row_number). A table with no file gets no view:
    its tests stop on the missing relation, as DuckDB's read_parquet stops on no file. Runs as an
    on-run-start hook (dbt_project.yml).
-#}
{% macro platform_source_views() -%}
    {{ return(adapter.dispatch('platform_source_views')()) }}
{%- endmacro %}


{% macro default__platform_source_views() -%}
    select 1 as platform_source_views_not_needed
{%- endmacro %}


{% macro spark__platform_source_views() -%}
    {%- if execute -%}
        {%- set tested = [] -%}
        {%- for node_id in selected_resources if node_id.startswith('test.') -%}
            {%- do tested.extend(graph.nodes[node_id].depends_on.nodes) -%}
        {%- endfor -%}
        {%- for source in graph.sources.values() | selectattr('source_name', 'equalto', 'platform')
            if source.unique_id in tested -%}
            {%- set files = platform_raw_files(source.name) -%}
            {#- no file: no view, so the test stops on the missing relation, as DuckDB's read_parquet does -#}
            {%- if files -%}
            {%- do run_query('create schema if not exists ' ~ source.schema) -%}
            {%- do run_query(spark_sql('create or replace view ' ~ source.schema ~ '.' ~ source.identifier
                ~ ' as select * from ' ~ raw_table_rows(source.name) ~ ' as raw_table')) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    select 1 as platform_source_views_created
{%- endmacro %}
