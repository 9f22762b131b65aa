{#-
    On Spark (issue #12; docs/DESIGN.md "Spark") the on-run-start checks that read raw or seed files with
    DuckDB's own table functions (glob, read_blob, read_parquet, parquet_file_metadata, read_csv with its
    row order) are skipped, each saying so in one log line: check_loaded_files, check_raw_freshness,
    check_raw_files, check_score_dates, check_shop_categories, check_seed_files. check_vars runs on Spark as
    it is (it reads seed scheme_settings through seed_csv_rows), and check_raw_data_dir has its own
    spark__ (a missing table folder or a truncated file). A Spark build therefore stops on a bad var, a
    missing raw table or a truncated file, but not before its models on a bad column or seed row: the
    seeds' data tests still run in `dbt build`.
-#}
{% macro spark_check_skipped(check_name) -%}
    {%- do log(check_name ~ ': skipped on Spark (it reads files with DuckDB functions; docs/DESIGN.md "Spark").',
        info=true) -%}
{%- endmacro %}


{% macro spark__check_loaded_files() -%}
    {%- do spark_check_skipped('check_loaded_files') -%}
{%- endmacro %}


{% macro spark__check_raw_freshness() -%}
    {%- do spark_check_skipped('check_raw_freshness') -%}
{%- endmacro %}


{% macro spark__check_raw_files() -%}
    {%- do spark_check_skipped('check_raw_files') -%}
{%- endmacro %}


{% macro spark__check_score_dates() -%}
    {%- do spark_check_skipped('check_score_dates') -%}
{%- endmacro %}


{% macro spark__check_shop_categories() -%}
    {%- do spark_check_skipped('check_shop_categories') -%}
{%- endmacro %}


{% macro spark__check_seed_files() -%}
    {%- do spark_check_skipped('check_seed_files') -%}
{%- endmacro %}
