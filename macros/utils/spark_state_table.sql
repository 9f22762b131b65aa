{#-
    Spark (issue #12): a table of run state that on-run-start reads before any model runs, so it is not a
    model (the file columns of spark_file_columns_table, the seed check's fingerprint of
    spark__check_seed_files). It lives in the loaded-files log's schema; with create, the schema and an empty
    Parquet table of the given columns (partitioned by partitioned_by, if given) are made when they do not
    exist. Returns schema.name.
-#}
{% macro spark_state_table(name, columns, create=false, partitioned_by=none) -%}
    {%- set schema = graph.nodes.get('model.shopscore.audit_loaded_files').schema -%}
    {%- if create -%}
        {%- do run_query('create schema if not exists ' ~ schema) -%}
        {%- do run_query('create table if not exists ' ~ schema ~ '.' ~ name ~ ' (' ~ columns ~ ') using parquet'
            ~ (' partitioned by (' ~ partitioned_by ~ ')' if partitioned_by else '')) -%}
    {%- endif -%}
    {{ return(schema ~ '.' ~ name) }}
{%- endmacro %}
