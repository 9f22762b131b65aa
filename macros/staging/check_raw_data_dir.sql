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
        {%- do raise_raw_data_dir_missing(missing) -%}
        {#- A Parquet file has at least 'PAR1' + footer length + 'PAR1' = 12 bytes. -#}
        {%- set short = run_query(
            'select filename from read_blob(' ~ pattern_list ~ ') where size < 12 order by filename'
        ) -%}
        {%- do raise_raw_files_short(short.columns[0].values()) -%}
        {%- do run_query('select count(*) from parquet_file_metadata(' ~ pattern_list ~ ')') -%}
    {%- endif -%}
{%- endmacro %}


{#-
    Spark (issue #12): checks 1 and 2 from one listing of var raw_data_dir (Spark's binaryFile source,
    recursive, *.parquet, contents not read): a selected table with no file under <raw_data_dir>/<table>/,
    or a file shorter than 12 bytes, stops the run with DuckDB's messages. Check 3 (footers) follows in
    check_raw_files, which describes every file's footer on Spark (spark__platform_file_columns): a corrupt
    file stops there with Spark's error, which names the file. A raw_data_dir that does not exist stops at
    the listing with Spark's PATH_NOT_FOUND error naming it. Spark's file sources drop zero-byte files from
    every listing and read (SPARK-26161), so a zero-byte file is found only where it leaves a dt= partition
    with no file Spark can see: spark_raw_partitions_emptied names that partition in the same message.
-#}
{% macro spark__check_raw_data_dir() -%}
    {%- set patterns = raw_table_patterns() -%}
    {%- if patterns -%}
        {%- do run_query(
            'create or replace temporary view raw_data_dir_listing using binaryFile options (path '
            ~ sql_string(raw_data_dir()) ~ ", recursiveFileLookup 'true', pathGlobFilter '*.parquet')"
        ) -%}
        {%- set listing = run_query('select path, length from raw_data_dir_listing order by path') -%}
        {%- set listed = [] -%}
        {%- for row in listing.rows -%}
            {%- for table_name in patterns if ('/' ~ table_name ~ '/') in row[0] -%}
                {%- do listed.append(table_name) -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- set missing = [] -%}
        {%- for table_name, pattern in patterns.items() if table_name not in listed -%}
            {%- do missing.append(pattern) -%}
        {%- endfor -%}
        {%- do raise_raw_data_dir_missing(missing) -%}
        {%- set short = [] -%}
        {%- for row in listing.rows if row[1] < 12 -%}
            {%- do short.append(row[0]) -%}
        {%- endfor -%}
        {%- do raise_raw_files_short(short + spark_raw_partitions_emptied(patterns)) -%}
    {%- endif -%}
{%- endmacro %}


{#-
    Spark (issue #12): the dt= partitions of the selected raw tables whose every Parquet file is zero bytes,
    as patterns '<raw_data_dir>/<table>/**/dt=<date>/*.parquet' (sorted; none: []). Spark's file sources drop
    zero-byte files from every listing and read, but its partition discovery still sees their folders: a
    metadata-only query (spark.sql.optimizer.metadataOnly, which answers `group by dt` from the discovered
    partitions, the very reason Spark deprecated it) lists every dt= partition holding a file, empty or not; the
    same query scanned lists those with a file Spark can read. The difference is the emptied partitions. Only
    the query's own settings change (partition values as written, sub-folders that are not `dt=` partitions
    skipped rather than stopping discovery); each goes back to its value before. A zero-byte file beside a
    non-empty one in its partition, or outside dt= partitions, stays invisible (docs/DESIGN.md "Spark").
-#}
{% macro spark_raw_partitions_emptied(patterns) -%}
    {%- set settings = {
        'spark.sql.sources.partitionColumnTypeInference.enabled': 'false',
        'spark.sql.files.ignoreInvalidPartitionPaths': 'true',
        'spark.sql.optimizer.metadataOnly': 'false',
    } -%}
    {%- set before = {} -%}
    {%- for key, value in settings.items() -%}
        {%- do before.update({key: run_query('set ' ~ key).rows[0][1]}) -%}
        {%- do run_query('set ' ~ key ~ '=' ~ value) -%}
    {%- endfor -%}
    {%- set selects = [] -%}
    {%- for table_name in patterns -%}
        {%- set view = 'raw_partitions_' ~ table_name -%}
        {%- do run_query(
            'create or replace temporary view ' ~ view ~ ' using binaryFile options (path '
            ~ sql_string(raw_data_dir() ~ '/' ~ table_name) ~ ", pathGlobFilter '*.parquet')"
        ) -%}
        {%- if 'dt' in run_query('select * from ' ~ view ~ ' limit 0').column_names -%}
            {%- do selects.append('select ' ~ sql_string(table_name) ~ ' as table_name, dt from ' ~ view ~ ' group by dt') -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set emptied = [] -%}
    {%- if selects -%}
        {%- set partitions_sql = selects | join(' union all ') ~ ' order by table_name, dt' -%}
        {%- do run_query('set spark.sql.optimizer.metadataOnly=true') -%}
        {%- set discovered = run_query(partitions_sql) -%}
        {%- do run_query('set spark.sql.optimizer.metadataOnly=false') -%}
        {%- set readable = [] -%}
        {%- for row in run_query(partitions_sql).rows -%}
            {%- do readable.append(row[0] ~ '/' ~ row[1]) -%}
        {%- endfor -%}
        {%- for row in discovered.rows if (row[0] ~ '/' ~ row[1]) not in readable -%}
            {%- do emptied.append(raw_data_dir() ~ '/' ~ row[0] ~ '/**/dt=' ~ row[1] ~ '/*.parquet') -%}
        {%- endfor -%}
    {%- endif -%}
    {%- for key, value in before.items() -%}
        {%- do run_query(('reset ' ~ key) if value == '<undefined>' else ('set ' ~ key ~ '=' ~ value)) -%}
    {%- endfor -%}
    {{ return(emptied) }}
{%- endmacro %}


{#- What to do when the raw folder cannot be read: the end of both messages below. -#}
{% macro raw_data_dir_fix() -%}
Point the build at the folder that holds your platform's export, one sub-folder per table of Parquet files (SPEC §2): shopscore build --raw-dir /path/to/raw, or dbt build --vars '{raw_data_dir: /path/to/raw}'. To try shopscore without real data, write demo data into a NEW empty folder: shopscore generate --out /tmp/shopscore-demo/raw.
{%- endmacro %}


{#- Stops the run when a raw table's pattern matches no Parquet file (patterns: the ones that match none). -#}
{% macro raise_raw_data_dir_missing(patterns) -%}
    {%- if patterns | length > 0 -%}
        {{ exceptions.raise_compiler_error(
            'Raw data missing: no Parquet file matches ' ~ patterns | join(', ') ~ '. ' ~ raw_data_dir_fix()
        ) }}
    {%- endif -%}
{%- endmacro %}


{#- Stops the run when a raw file is empty or shorter than a Parquet header and footer (paths: those files). -#}
{% macro raise_raw_files_short(paths) -%}
    {%- if paths | length > 0 -%}
        {{ exceptions.raise_compiler_error(
            'Raw data unreadable: empty or truncated Parquet file ' ~ paths | join(', ')
            ~ '. Replace or remove it and rerun. ' ~ raw_data_dir_fix()
        ) }}
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
