{#-
    on-run-start: stop the build before any model runs when the raw input cannot be read (SPEC §2, §9
    "unparseable files"), with a message naming the path and the fix. Only the tables whose staging is
    selected in this run are checked, so `dbt seed` or a build of other layers needs no raw data.
      1. every table folder must hold at least one Parquet file (DuckDB glob);
      2. no file may be empty or shorter than a Parquet header + footer;
      3. every file's footer must be readable (parquet_file_metadata reads footers only, no data); on a
         corrupt file DuckDB's own error names the file, e.g. "No magic bytes found at end of file '<path>'".
-#}
{% macro check_raw_data_dir() -%}
    {{ return(adapter.dispatch('check_raw_data_dir')()) }}
{%- endmacro %}


{% macro default__check_raw_data_dir() -%}
    {%- if execute -%}
        {%- set raw_dir = var('raw_data_dir') -%}
        {%- set fix -%}
Generate the raw data (`shopscore generate --out {{ raw_dir }}`), or point the build at the folder that holds it: dbt build --vars '{raw_data_dir: /path/to/raw}' (SPEC §2: one folder per table of Parquet files).
        {%- endset -%}
        {%- set patterns = [] -%}
        {%- for table_name in platform_tables() -%}
            {%- if ('model.shopscore.base_platform__' ~ table_name ~ '_checked') in selected_resources -%}
                {%- do patterns.append(raw_dir ~ '/' ~ table_name ~ '/**/*.parquet') -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if patterns -%}
            {%- set pattern_list -%}
                [{% for pattern in patterns %}'{{ pattern }}'{{ ', ' if not loop.last }}{% endfor %}]
            {%- endset -%}
            {%- set counting_sql -%}
                {% for pattern in patterns %}
                select '{{ pattern }}' as pattern, count(*) as file_count from glob('{{ pattern }}')
                {{ 'union all' if not loop.last }}
                {% endfor %}
            {%- endset -%}
            {%- set counted = run_query(counting_sql) -%}
            {%- set missing = [] -%}
            {%- for row in counted.rows if row[1] == 0 -%}
                {%- do missing.append(row[0]) -%}
            {%- endfor -%}
            {%- if missing -%}
                {{ exceptions.raise_compiler_error(
                    'Raw data missing: no Parquet file matches ' ~ missing | join(', ') ~ '. ' ~ fix
                ) }}
            {%- endif -%}
            {#- A Parquet file has at least 'PAR1' + footer length + 'PAR1' = 12 bytes. -#}
            {%- set short = run_query(
                'select filename from read_blob(' ~ pattern_list ~ ') where size < 12 order by filename'
            ) -%}
            {%- if short.rows | length > 0 -%}
                {{ exceptions.raise_compiler_error(
                    'Raw data unreadable: empty or truncated Parquet file ' ~ short.columns[0].values() | join(', ')
                    ~ '. Replace or remove it and rerun. ' ~ fix
                ) }}
            {%- endif -%}
            {%- do run_query('select count(*) from parquet_file_metadata(' ~ pattern_list ~ ')') -%}
        {%- endif -%}
    {%- endif -%}
    select 1 as raw_data_dir_checked
{%- endmacro %}
