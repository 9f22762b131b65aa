{#-
    What platform_checked does differently on Spark (issue #12; docs/DESIGN.md "Spark"), one idea per
    macro; each default__ is DuckDB's SQL as it was.
-#}

{#-
    The base models' materialization, and that of rejected_rows and audit_loaded_files, which follow them
    file by file: incremental on DuckDB (delete+insert by file and row, SPEC §11 incremental load); a table
    rebuilt from every file on Spark, where delete+insert does not exist and merge needs Delta/Iceberg/Hudi.
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


{#-
    Spark: the file metadata columns give the path and the row index. Files whose columns all agree (names
    may differ: mergeSchema, profile, unites them by name) are read as one path. Otherwise each group of
    files with one schema (their 'columns', from spark__platform_file_columns) is read on its own, every
    column cast to its united type (text where the files disagree) or null where the group lacks it, and
    the groups are unioned.
-#}
{% macro spark__platform_raw_source(file_list, files) -%}
    {%- if files[0].columns is not defined -%}
        {%- do platform_file_columns(file_list, files) -%}
    {%- endif -%}
    {%- set types = {} -%}
    {%- set differing = [] -%}
    {%- for file in files -%}
        {%- for name, type in file.columns -%}
            {%- if name | lower in types and types[name | lower] != type -%}
                {%- do types.update({name | lower: spark_united_type(types[name | lower], type)}) -%}
                {%- do differing.append(name) -%}
            {%- elif name | lower not in types -%}
                {%- do types.update({name | lower: type}) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- if not differing -%}
select
        struct(raw.*) as raw_struct,
        raw.*,
        raw._metadata.file_path as filename,
        raw._metadata.row_index as file_row_number
    from parquet.`{{ spark_parquet_path(files) }}` as raw
    {%- else -%}
    {%- set names = [] -%}
    {%- for file in files -%}
        {%- for name, type in file.columns if name not in names -%}
            {%- do names.append(name) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- set groups = {} -%}
    {%- for file in files -%}
        {%- set signature = file.columns | map('join', ' ') | join(', ') -%}
        {%- do groups.setdefault(signature, []).append(file) -%}
    {%- endfor -%}
select
        struct({% for name in names %}raw.`{{ name }}`{{ ', ' if not loop.last }}{% endfor %}) as raw_struct,
        raw.*
    from (
        {%- for group in groups.values() %}
        {%- set own = {} -%}
        {%- for name, type in group[0].columns -%}
            {%- do own.update({name: type}) -%}
        {%- endfor %}
        select
            {%- for name in names %}
            {%- set type = types[name | lower] %}
            {% if name not in own -%}
            cast(null as {{ spark_type_sql(type) }})
            {%- elif own[name] != type and type == 'STRING' -%}
            {{ spark_text_of('grouped.`' ~ name ~ '`', own[name]) }}
            {%- elif own[name] != type -%}
            cast(grouped.`{{ name }}` as {{ spark_type_sql(type) }})
            {%- else -%}
            grouped.`{{ name }}`
            {%- endif %} as `{{ name }}`,
            {%- endfor %}
            grouped._metadata.file_path as filename,
            grouped._metadata.row_index as file_row_number
        from parquet.`{{ spark_parquet_path(group) }}` as grouped
        {{ 'union all' if not loop.last }}
        {%- endfor %}
    ) as raw
    {%- endif -%}
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


{#-
    Spark: [[column name, Spark type (upper)], ...] of the files united by name, from each file's footer
    (one describe per file: Spark's mergeSchema cannot unite a column typed in one file and text in
    another, as a producer's text file beside typed ones has it; DuckDB's union_by_name makes such a
    column VARCHAR). A column typed alike in every file that has it keeps its type; one typed differently
    in two files becomes STRING, each value cast to text (spark__platform_raw_source). Each file's own
    columns are kept on its listing entry ('columns') for spark__platform_raw_source.
    A describe costs ~0.2 s, so each file is described once per dbt invocation (one Spark session): the
    columns are kept in a temporary view per table, raw_file_columns__<table>, that later calls read
    (check_raw_files describes every file before the base models, which then read the view). Across
    invocations they are kept in the table spark_file_columns_table names, by the file's path, size and
    modification time as listed: a daily run describes only the files that are new or changed since.
-#}
{% macro spark__platform_file_columns(file_list, files) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set in_session = spark_session_has_view(spark_file_columns_view(files)) -%}
    {%- set cached = spark_cached_file_columns(files, in_session) -%}
    {%- set names = [] -%}
    {%- set types = {} -%}
    {%- set described = {} -%}
    {%- for file in files -%}
        {%- set own = cached.get(file.path) -%}
        {%- if own is none -%}
            {%- set own = [] -%}
            {%- for row in run_query('describe select * from parquet.`' ~ spark_parquet_path([file]) ~ '`').rows -%}
                {#- upper case as the checks compare them, but a nested type's field names keep their case -#}
                {%- do own.append([row[0], row[1] if '<' in row[1] else row[1] | upper]) -%}
            {%- endfor -%}
            {%- do described.update({file.path: own}) -%}
        {%- endif -%}
        {%- for name, type in own -%}
            {%- if name | lower not in types -%}
                {%- do names.append(name) -%}
                {%- do types.update({name | lower: type}) -%}
            {%- elif types[name | lower] != type -%}
                {%- do types.update({name | lower: spark_united_type(types[name | lower], type)}) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do file.update({'columns': own}) -%}
    {%- endfor -%}
    {%- if described or not in_session -%}
        {%- do spark_cache_file_columns(files, cached, described) -%}
    {%- endif -%}
    {%- set found = [] -%}
    {%- for name in names -%}
        {%- do found.append([name, types[name | lower]]) -%}
    {%- endfor -%}
    {{ return(found) }}
{%- endmacro %}


{#- Spark: the table of these files (platform_raw_files entries: 'file' starts with it) names the cache view. -#}
{% macro spark_file_columns_view(files) -%}
    {{ return('raw_file_columns__' ~ files[0].file.split('/')[0]) }}
{%- endmacro %}


{#- Spark: whether this Spark session (one dbt invocation) already holds temporary view view_name, so that a
    per-invocation cache (raw listings, file columns, seed CSV views) is made once and then reused. -#}
{% macro spark_session_has_view(view_name) -%}
    {{ return(run_query("show views like '" ~ view_name ~ "'").rows | length > 0) }}
{%- endmacro %}


{#-
    Spark: {file path: [[column name, type], ...]} of the files of one table already described: in this
    session's view when in_session, else in the persisted table (spark_file_columns_table) for the files whose
    size and modification time are still those listed (a file rewritten since is left out: described again).
-#}
{% macro spark_cached_file_columns(files, in_session) -%}
    {%- set cached = {} -%}
    {%- if in_session -%}
        {%- for row in run_query('select path, name, type from ' ~ spark_file_columns_view(files)
            ~ ' order by path, position').rows -%}
            {%- do cached.setdefault(row[0], []).append([row[1], row[2]]) -%}
        {%- endfor -%}
    {%- else -%}
        {%- set listed = {} -%}
        {%- for file in files -%}
            {%- do listed.update({file.path: [file.size | int, file.modified_at]}) -%}
        {%- endfor -%}
        {%- set persisted = run_query('select distinct path, size, modified_at, position, name, type from '
            ~ spark_file_columns_table(create=true) ~ ' where table_name = ' ~ sql_string(files[0].file.split('/')[0])
            ~ ' order by path, position') -%}
        {%- for path, size, modified_at, position, name, type in persisted.rows
            if listed.get(path) == [size | int, modified_at] -%}
            {%- do cached.setdefault(path, []).append([name, type]) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(cached) }}
{%- endmacro %}


{#- Spark: the cache view rewritten with every file described so far (cached and just described); when files were
    just described, the table's partition of the persisted table (spark_file_columns_table) rewritten with the
    columns of the files listed now, so it does not grow from run to run and holds no rows of files gone. -#}
{% macro spark_cache_file_columns(files, cached, described) -%}
    {%- set rows = [] -%}
    {%- for path, columns in cached.items() | list + described.items() | list -%}
        {%- for name, type in columns -%}
            {%- do rows.append('(' ~ sql_string(path) ~ ', ' ~ loop.index ~ ', ' ~ sql_string(name) ~ ', '
                ~ sql_string(type) ~ ')') -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- do run_query(spark_sql('create or replace temporary view ' ~ spark_file_columns_view(files)
        ~ ' as select * from (values ' ~ rows | join(', ') ~ ') as file_columns (path, position, name, type)')) -%}
    {%- if described -%}
        {%- set listed_rows = [] -%}
        {%- for file in files if file.path in described or file.path in cached -%}
            {%- for name, type in described.get(file.path) or cached[file.path] -%}
                {%- do listed_rows.append('(' ~ sql_string(file.path) ~ ', ' ~ file.size | int ~ ', '
                    ~ sql_string(file.modified_at) ~ ', ' ~ loop.index ~ ', ' ~ sql_string(name) ~ ', '
                    ~ sql_string(type) ~ ')') -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- do run_query('insert overwrite table ' ~ spark_file_columns_table() ~ ' partition (table_name = '
            ~ sql_string(files[0].file.split('/')[0]) ~ ') values ' ~ listed_rows | join(', ')) -%}
    {%- endif -%}
{%- endmacro %}


{#-
    Spark: the table that keeps every described raw file's columns across dbt invocations (spark_state_table):
    path, size, modified_at (as platform_raw_files lists them), position, name, type, partitioned by
    table_name; made with its schema when create (before the first read of a session). Dropping it only
    costs one describe per file on the next run.
-#}
{% macro spark_file_columns_table(create=false) -%}
    {{ return(spark_state_table('raw_file_columns', 'path string, size bigint, modified_at string, position int, '
        ~ 'name string, type string, table_name string', create, partitioned_by='table_name')) }}
{%- endmacro %}


{#-
    Spark: a raw column typed by try_cast alone. Spark's cast of a text with a zone ('Z', '+08:00')
    converts it to the session time zone (Asia/Shanghai, profile), and a Parquet timestamp with a zone
    reads as an instant shown in it: what DuckDB's timezone() does explicitly.
-#}
{% macro spark__platform_typed_value(column_name, column_type, present) -%}
    {%- set raw = platform_raw_column(column_name, present) -%}
    {%- set decimal = decimal_shape(column_type) -%}
    {%- if decimal and platform_source_type(column_name, present) in ('DOUBLE', 'FLOAT') -%}
        {{ spark_double_as_decimal(raw, decimal[0], decimal[1]) }}
    {%- else -%}
        try_cast({{ raw }} as {{ column_type }})
    {%- endif -%}
{%- endmacro %}


{#-
    Spark: a double cast to DECIMAL(precision, scale) as DuckDB casts it (the raw value of a decimal column
    that a file holds as a double): the double times 10^scale, one floating-point multiplication, rounded half
    away from zero; null when that does not fit. Spark's own cast rounds the double's shortest text instead:
    1.005 (in binary 1.00499999999999989...) is 1.00 on DuckDB and 1.01 by Spark's cast. Spark's round of a
    double rounds half up its text, which for a double x.5 is exact, so the two agree.
-#}
{% macro spark_double_as_decimal(double_sql, precision, scale) -%}
    try_cast(
        try_cast(round(cast({{ double_sql }} as double) * 1e{{ scale }}d) as decimal({{ precision }}, 0))
        * {{ '1' if scale == 0 else '0.' ~ '0' * (scale - 1) ~ '1' }}
        as decimal({{ precision }}, {{ scale }})
    )
{%- endmacro %}


{#-
    Spark: the type DuckDB's read_parquet(union_by_name) gives a column that two files type differently (Spark's
    mergeSchema stops on such files instead), from two Spark types as describe gives them (upper case):
      - whole numbers: the wider (TINYINT < SMALLINT < INT < BIGINT);
      - whole numbers and decimals: the decimal holding both (integer digits and scale each the larger of the
        two, a whole number's digits being 3, 5, 10 or 19; at most 38 digits);
      - numbers with a FLOAT or DOUBLE: DOUBLE if either is, else FLOAT;
      - DATE, TIMESTAMP_NTZ and TIMESTAMP (an instant): an instant if either is, else TIMESTAMP_NTZ;
      - any other pair (text with anything, booleans with numbers, ...): STRING.
-#}
{% macro spark_united_type(first, second) -%}
    {%- set digits = {'TINYINT': 3, 'SMALLINT': 5, 'INT': 10, 'BIGINT': 19} -%}
    {%- set numbers = [] -%}
    {%- for type in (first, second) -%}
        {%- set decimal = decimal_shape(type) -%}
        {%- if type in digits -%}
            {%- do numbers.append([digits[type], 0]) -%}
        {%- elif decimal -%}
            {%- do numbers.append([decimal[0] - decimal[1], decimal[1]]) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set floating = [first, second] | select('in', ['FLOAT', 'DOUBLE']) | list -%}
    {%- set times = [first, second] | select('in', ['DATE', 'TIMESTAMP_NTZ', 'TIMESTAMP']) | list -%}
    {%- if first == second -%}
        {{ return(first) }}
    {%- elif first in digits and second in digits -%}
        {{ return(first if digits[first] > digits[second] else second) }}
    {%- elif numbers | length == 2 -%}
        {%- set scale = [numbers[0][1], numbers[1][1]] | max -%}
        {%- set whole = [numbers[0][0], numbers[1][0]] | max -%}
        {{ return('DECIMAL(' ~ [whole + scale, 38] | min ~ ',' ~ scale ~ ')') }}
    {%- elif floating and numbers | length + floating | length == 2 -%}
        {{ return('DOUBLE' if 'DOUBLE' in floating else 'FLOAT') }}
    {%- elif times | length == 2 -%}
        {{ return('TIMESTAMP' if 'TIMESTAMP' in times else 'TIMESTAMP_NTZ') }}
    {%- else -%}
        {{ return('STRING') }}
    {%- endif -%}
{%- endmacro %}
