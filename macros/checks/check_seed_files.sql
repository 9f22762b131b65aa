{#-
    on-run-start: stop before any model runs when a configuration seed's CSV file breaks its own rules
    (issue #13), with a message naming seed, row (data row, 1 = first row after the header), column and
    value. The rules are written once, as the seed's data tests and column_types in seeds/_*__seeds.yml;
    this macro applies them to the CSV files themselves (DuckDB read_csv), because on-run-start runs
    before `dbt build` loads any seed, and a later data test would fail only after marts were replaced.
    Applied: column_types (every value casts), not_null, unique, scoring_unique_combination,
    accepted_values, relationships to another seed, scoring_between, scoring_expression_is_true.
    One SQL for both engines (engine_sql; the CSV through seed_csv_rows, rows numbered in file order by
    seed_row_number).
-#}
{% macro check_seed_files() -%}
    {{ return(adapter.dispatch('check_seed_files')()) }}
{%- endmacro %}


{% macro default__check_seed_files() -%}
    {%- set seeds = graph.nodes.values() | selectattr('resource_type', 'equalto', 'seed')
        | selectattr('package_name', 'equalto', project_name) | sort(attribute='name') | list -%}
    {#- one query for every seed (one job on Spark), each seed's first 20 problems -#}
    {%- set seed_queries = [] -%}
    {%- for seed in seeds -%}
        {%- set checks = seed_file_checks(seed) -%}
        {%- if checks -%}
            {%- set csv_rows = seed_csv_rows(seed) -%}
            {%- set header = run_query('select * from ' ~ csv_rows ~ ' as seed_csv where 1 = 0').column_names -%}
            {%- set seed_sql -%}
                select {{ seed_queries | length }} as seed_index, seed_problems.*
                from (
                    with

                    raw_rows as (
                        select {{ seed_row_number() }} as seed_row, *
                        from {{ csv_rows }} as seed_csv
                    ),

                    typed_rows as (
                        select
                            seed_row,
                            {%- for column in header %}
                            {% if column in seed.config.column_types -%}
                            try_cast("{{ column }}" as {{ seed.config.column_types[column] }})
                            {%- else -%}
                            "{{ column }}"
                            {%- endif %} as "{{ column }}"{{ ',' if not loop.last }}
                            {%- endfor %}
                        from raw_rows
                    )

                    {% for check in checks %}
                    select * from ({{ check }}) as seed_check_{{ loop.index }}
                    {{ 'union all' if not loop.last }}
                    {% endfor %}
                    order by 1, 2
                    limit 20
                ) as seed_problems
            {%- endset -%}
            {%- do seed_queries.append({'seed': seed, 'sql': seed_sql}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set problems = [] -%}
    {%- if seed_queries -%}
        {%- set checking_sql -%}
            {%- for query in seed_queries %}
            {{ query.sql }}
            {{ 'union all' if not loop.last }}
            {%- endfor %}
            order by 1, 2, 3
        {%- endset -%}
        {%- for row in run_query(engine_sql(checking_sql)).rows -%}
            {%- set seed = seed_queries[row[0] | int].seed -%}
            {%- do problems.append('seed ' ~ seed.name ~ ' (' ~ seed.original_file_path ~ '), row ' ~ row[1]
                ~ ', column ' ~ row[2] ~ ': ' ~ row[3]) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if problems -%}
        {{ exceptions.raise_compiler_error(
            'Invalid configuration seed; nothing was built (rows count from 1 after the header line):\n  - '
            ~ problems | join('\n  - ')
            ~ '\nFix the named rows in the seed files (the rules are the data tests in seeds/_*__seeds.yml) and rerun.'
        ) }}
    {%- endif -%}
{%- endmacro %}


{#-
    Spark (issue #12): the same check, skipped when every seed file and its rules are those of the last
    invocation whose check passed (seed_rules_fingerprint, kept in the one-row table audit.seed_files_checked,
    spark_state_table): on
    Spark the check is ~100 scans of the CSV files and their window functions in one job, ~10 s of every
    dbt invocation on Spark local, for files that seldom change. A changed file, column type or data test
    of a seed changes the fingerprint, and the check runs again; it always runs while a seed file is over
    dbt's 1 MiB limit (dbt then checksums its path, so an edit would go unseen).
-#}
{% macro spark__check_seed_files() -%}
    {#- the fingerprint's SHA-256 as Spark computes it from the literal (which Spark reads with its escapes) -#}
    {%- set fingerprint_sql = 'sha2(' ~ sql_string(seed_rules_fingerprint()) ~ ', 256)' -%}
    {%- set table = spark_state_table('seed_files_checked', 'fingerprint string', create=true) -%}
    {%- set unchanged = run_query('select count(*) from ' ~ table ~ ' where fingerprint = ' ~ fingerprint_sql) -%}
    {#- a seed over dbt's 1 MiB limit is checksummed by its path, not its contents: always checked -#}
    {%- set by_path = graph.nodes.values() | selectattr('resource_type', 'equalto', 'seed')
        | selectattr('checksum.name', 'equalto', 'path') | list -%}
    {%- if unchanged.rows[0][0] | int == 0 or by_path -%}
        {%- do default__check_seed_files() -%}
        {%- do run_query('insert overwrite table ' ~ table ~ ' select ' ~ fingerprint_sql) -%}
    {%- endif -%}
{%- endmacro %}


{#-
    Text that changes when a seed's file or its rules change: for each of the project's seeds, by name, the
    file's checksum (dbt's, from the parse), its column_types and the names and arguments of its data tests.
-#}
{% macro seed_rules_fingerprint() -%}
    {%- set parts = [] -%}
    {%- for seed in graph.nodes.values() | selectattr('resource_type', 'equalto', 'seed')
        | selectattr('package_name', 'equalto', project_name) | sort(attribute='name') -%}
        {%- set tests = [] -%}
        {%- for test in graph.nodes.values() | selectattr('resource_type', 'equalto', 'test')
            | selectattr('attached_node', 'equalto', seed.unique_id) -%}
            {%- do tests.append(test.test_metadata.name ~ tojson(test.test_metadata.kwargs, sort_keys=true)) -%}
        {%- endfor -%}
        {%- do parts.append(seed.name ~ ' ' ~ seed.checksum.checksum ~ ' '
            ~ tojson(seed.config.column_types, sort_keys=true) ~ ' ' ~ tests | sort | join(' ')) -%}
    {%- endfor -%}
    {{ return(parts | join('\n')) }}
{%- endmacro %}


{#-
    The 1-based number of a seed CSV row in file order, over the relation seed_csv_rows gives: DuckDB
    reads the file in order (row_number() over ()); Spark reads a small CSV file as one partition, in
    which monotonically_increasing_id() follows the file's order.
-#}
{% macro seed_row_number() -%}
    {{ return(adapter.dispatch('seed_row_number')()) }}
{%- endmacro %}


{% macro default__seed_row_number() -%}
    row_number() over ()
{%- endmacro %}


{% macro spark__seed_row_number() -%}
    row_number() over (order by monotonically_increasing_id())
{%- endmacro %}


{#- The seed's CSV file, absolute. -#}
{% macro seed_file_path(seed) -%}
    {{ return(seed.root_path ~ '/' ~ seed.original_file_path) }}
{%- endmacro %}


{#-
    A seed's CSV file as a relation of text columns (header row = column names), for SQL that runs
    before `dbt seed` loads it (on-run-start checks, seed_window_days). DuckDB reads the file in place
    (read_csv); Spark (issue #12) through a temporary view of its csv source, which reads every column
    as a string unless told to infer.
-#}
{% macro seed_csv_rows(seed) -%}
    {{ return(adapter.dispatch('seed_csv_rows')(seed)) }}
{%- endmacro %}


{% macro default__seed_csv_rows(seed) -%}
    {{ return('read_csv(' ~ sql_string(seed_file_path(seed)) ~ ', header = true, all_varchar = true)') }}
{%- endmacro %}


{#- Spark: the view is created once per dbt invocation (one Spark session) and reused by every later call
    (check_seed_files, each seed_window_days), which would otherwise re-create it. -#}
{% macro spark__seed_csv_rows(seed) -%}
    {%- set view_name = 'seed_csv__' ~ seed.name -%}
    {%- if not spark_session_has_view(view_name) -%}
        {%- do run_query('create temporary view ' ~ view_name ~ ' using csv options (path '
            ~ sql_string(seed_file_path(seed)) ~ ", header 'true')") -%}
    {%- endif -%}
    {{ return(view_name) }}
{%- endmacro %}


{#- SELECTs over raw_rows / typed_rows giving (seed_row, column, problem) for every rule of the seed. -#}
{% macro seed_file_checks(seed) -%}
    {%- set checks = [] -%}
    {%- for column, column_type in seed.config.column_types.items() -%}
        {#- DuckDB casts '2.5' to the integer 3: whole-number types take digits only. -#}
        {%- set whole = column_type | lower in ('integer', 'bigint') -%}
        {%- do checks.append(
            "select seed_row, '" ~ column ~ "', '''' || \"" ~ column ~ "\" || ''' is not a "
            ~ ('whole number' if whole else column_type) ~ "'"
            ~ " from raw_rows where \"" ~ column ~ "\" is not null and "
            ~ ("regexp_extract(trim(\"" ~ column ~ "\"), '[+-]?[0-9]+', 0) <> trim(\"" ~ column ~ "\")" if whole
                else "try_cast(\"" ~ column ~ "\" as " ~ column_type ~ ") is null")
        ) -%}
    {%- endfor -%}
    {%- set tests = graph.nodes.values() | selectattr('resource_type', 'equalto', 'test')
        | selectattr('attached_node', 'equalto', seed.unique_id) | list -%}
    {%- for test in tests -%}
        {%- set name = test.test_metadata.name -%}
        {%- set kwargs = test.test_metadata.kwargs -%}
        {%- set column = kwargs.get('column_name') -%}
        {%- if name == 'not_null' -%}
            {%- do checks.append("select seed_row, '" ~ column ~ "', 'is empty; a value is required'"
                ~ " from raw_rows where \"" ~ column ~ "\" is null") -%}
        {%- elif name in ('unique', 'scoring_unique_combination') -%}
            {%- set key = [column] if name == 'unique' else kwargs.get('columns') -%}
            {%- set key_sql -%}{% for part in key %}"{{ part }}"{{ ', ' if not loop.last }}{% endfor %}{%- endset -%}
            {%- do checks.append("select seed_row, '" ~ key | join(', ') ~ "', 'duplicates row ' || first_row"
                ~ " || ' (each ' || '" ~ key | join(', ') ~ "' || ' may appear once)' from (select seed_row, min(seed_row) over (partition by "
                ~ key_sql ~ ") as first_row from raw_rows) as numbered where seed_row > first_row") -%}
        {%- elif name == 'accepted_values' -%}
            {%- set allowed -%}{% for value in kwargs.get('values') %}{{ sql_string(value) }}{{ ', ' if not loop.last }}{% endfor %}{%- endset -%}
            {%- do checks.append("select seed_row, '" ~ column ~ "', '''' || \"" ~ column ~ "\" || ''' is not one of "
                ~ kwargs.get('values') | join(', ') | replace("'", "''") ~ "'"
                ~ " from raw_rows where \"" ~ column ~ "\" is not null and \"" ~ column ~ "\" not in (" ~ allowed ~ ")") -%}
        {%- elif name == 'relationships' -%}
            {%- set parent_name = modules.re.search("ref\\(\\s*['\"]([^'\"]+)['\"]", kwargs.get('to')).group(1) -%}
            {%- set parent = graph.nodes.get('seed.' ~ project_name ~ '.' ~ parent_name) -%}
            {%- if parent is not none -%}
                {%- do checks.append("select seed_row, '" ~ column ~ "', '''' || \"" ~ column ~ "\" || ''' is not a "
                    ~ kwargs.get('field') ~ " of seed " ~ parent_name ~ "'"
                    ~ " from raw_rows where \"" ~ column ~ "\" is not null and \"" ~ column ~ "\" not in (select \""
                    ~ kwargs.get('field') ~ "\" from " ~ seed_csv_rows(parent) ~ " as parent_csv where \""
                    ~ kwargs.get('field') ~ "\" is not null)") -%}
            {%- endif -%}
        {%- elif name == 'scoring_between' -%}
            {%- do checks.append("select seed_row, '" ~ column ~ "', '''' || \"" ~ column ~ "\" || ''' is outside ["
                ~ kwargs.get('min_value') ~ ", " ~ kwargs.get('max_value') ~ "]'"
                ~ " from typed_rows where \"" ~ column ~ "\" < " ~ kwargs.get('min_value')
                ~ " or \"" ~ column ~ "\" > " ~ kwargs.get('max_value')) -%}
        {%- elif name == 'scoring_expression_is_true' -%}
            {%- set expression = kwargs.get('expression') | trim -%}
            {%- do checks.append("select seed_row, '" ~ (column or '(row)') ~ "', 'breaks the rule: " ~ expression | replace("'", "''") ~ "'"
                ~ " from typed_rows where not coalesce((" ~ expression ~ "), false)") -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(checks) }}
{%- endmacro %}
