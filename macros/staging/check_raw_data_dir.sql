{#-
    on-run-start: stop the build before any model runs when the raw input cannot be read (SPEC §2, §9
    "unparseable files"), with a message naming the path and the fix. Only the tables whose staging is
    selected in this run are checked, so `dbt seed` or a build of other layers needs no raw data.
      1. every table folder must hold at least one Parquet file (DuckDB glob);
      2. no file may be empty or shorter than a Parquet header + footer;
      3. every file's footer must be readable (parquet_file_metadata reads footers only, no data); on a
         corrupt file DuckDB's own error names the file, e.g. "No magic bytes found at end of file '<path>'".
    The checks of the files' columns and data pages follow in check_raw_files.
-#}
{% macro check_raw_data_dir() -%}
    {{ return(adapter.dispatch('check_raw_data_dir')()) }}
{%- endmacro %}


{% macro default__check_raw_data_dir() -%}
    {%- set fix -%}
Point the build at the folder that holds your platform's export, one sub-folder per table of Parquet files (SPEC §2): shopscore build --raw-dir /path/to/raw, or dbt build --vars '{raw_data_dir: /path/to/raw}'. To try shopscore without real data, write demo data into a NEW empty folder: shopscore generate --out /tmp/shopscore-demo/raw.
    {%- endset -%}
    {%- set patterns = raw_table_patterns() -%}
    {%- if patterns -%}
        {%- set pattern_list -%}
            [{% for pattern in patterns.values() %}{{ sql_string(pattern) }}{{ ', ' if not loop.last }}{% endfor %}]
        {%- endset -%}
        {%- set counting_sql -%}
            {% for pattern in patterns.values() %}
            select {{ sql_string(pattern) }} as pattern, count(*) as file_count from glob({{ sql_string(pattern) }})
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
{%- endmacro %}


{#- {table: '<raw_data_dir>/<table>/**/*.parquet'} for every raw table whose staging this run selects. -#}
{% macro raw_table_patterns() -%}
    {%- set patterns = {} -%}
    {%- for table_name in platform_tables() -%}
        {%- if ('model.shopscore.base_platform__' ~ table_name ~ '_checked') in selected_resources -%}
            {%- do patterns.update({table_name: var('raw_data_dir') ~ '/' ~ table_name ~ '/**/*.parquet'}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(patterns) }}
{%- endmacro %}
