{#-
    on-run-start, after check_raw_data_dir: stop before any model runs when a raw table's files do not
    fit the contract of SPEC §2 (issue #13). The contract's columns and types are those of source
    `platform` (data_type of each column in models/staging/platform/_platform__sources.yml).
      1. a contract column missing from EVERY file of a table: staging would read it as NULL and quarantine
         or silently re-score every row, so stop naming table and column;
      2. a file this run will stage whose column has a physical type DuckDB cannot cast to the contract type (e.g. an
         epoch-millisecond BIGINT created_at for a TIMESTAMP): stop naming file, column and both types.
         A whole file is not quarantined: that would drop a day of a table and cascade to its children,
         changing published scores; the export is broken and only the sender can fix it;
      3. every data page of every file this run will stage (all files, or those not in the loaded-files
         log) is decoded once (a hash over every column), so a damaged page
         ("Snappy decompression failure") stops the run here; DuckDB's error names the file.
-#}
{% macro check_raw_files() -%}
    {{ return(adapter.dispatch('check_raw_files')()) }}
{%- endmacro %}


{% macro default__check_raw_files() -%}
    {%- set patterns = raw_table_patterns() -%}
    {%- set problems = [] -%}
    {#- the files this run will stage (all, or those not in the loaded-files log): loaded ones passed
        these checks when they were loaded, and check_loaded_files stops the run if one changed since -#}
    {%- set new_files = {} -%}
    {%- for table_name in patterns -%}
        {%- set quoted = [] -%}
        {%- for file in platform_files_to_load(table_name, platform_full_load(table_name, not flags.FULL_REFRESH)) -%}
            {%- do quoted.append(sql_string(file.path)) -%}
        {%- endfor -%}
        {%- do new_files.update({table_name: quoted}) -%}
    {%- endfor -%}
    {%- for table_name, pattern in patterns.items() -%}
        {%- do problems.extend(raw_files_missing_columns(table_name, pattern)) -%}
        {%- if new_files[table_name] -%}
            {%- do problems.extend(raw_files_with_wrong_types(table_name, '[' ~ new_files[table_name] | join(', ') ~ ']')) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if problems -%}
        {{ exceptions.raise_compiler_error(
            'Raw data does not fit the contract (SPEC §2); nothing was built:\n  - '
            ~ problems | join('\n  - ')
        ) }}
    {%- endif -%}
    {%- if patterns -%}
        {%- do log(
            'check_raw_files: decoding every raw file this run stages. If DuckDB reports "Failed to read file <path>" below, '
            ~ 'that file is damaged: replace it with a good export (or move it out of ' ~ var('raw_data_dir')
            ~ ') and rerun; nothing was built.',
            info=true
        ) -%}
    {%- endif -%}
    {%- for table_name in patterns if new_files[table_name] -%}
        {%- do run_query(
            'select bit_xor(hash(raw_file)) from read_parquet([' ~ new_files[table_name] | join(', ')
            ~ '], union_by_name = true, hive_partitioning = false) as raw_file'
        ) -%}
    {%- endfor -%}
{%- endmacro %}


{#- Problems (text) for contract columns that no file of the table has (footers only). -#}
{% macro raw_files_missing_columns(table_name, pattern) -%}
    {%- set found = run_query(
        'select distinct lower(name) from parquet_schema(' ~ sql_string(pattern) ~ ')'
    ).columns[0].values() -%}
    {%- set problems = [] -%}
    {%- for column_name in raw_contract_columns(table_name) if column_name not in found -%}
        {%- do problems.append(
            'raw table ' ~ table_name ~ ': column ' ~ column_name ~ ' is missing from every file of '
            ~ pattern ~ '. Add it to the export (NULL values are allowed where the contract allows them) and rerun.'
        ) -%}
    {%- endfor -%}
    {{ return(problems) }}
{%- endmacro %}


{#- Problems (text) for files whose column cannot be cast to the contract type (footers only); files =
    a glob pattern or a SQL list of paths (already quoted). -#}
{% macro raw_files_with_wrong_types(table_name, files) -%}
    {%- set contract = raw_contract_columns(table_name) -%}
    {%- set integer_types = "('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT')" -%}
    {%- set checking_sql -%}
        with

        contract (column_name, contract_type) as (
            values {% for column_name, contract_type in contract.items() %}({{ sql_string(column_name) }}, {{ sql_string(contract_type) }}){{ ', ' if not loop.last }}{% endfor %}
        ),

        file_columns as (
            select file_name, lower(name) as column_name, upper(duckdb_type) as file_type
            from parquet_schema({{ files if files.startswith('[') else sql_string(files) }})
        )

        select file_columns.file_name, file_columns.column_name, file_columns.file_type, contract.contract_type
        from file_columns
        inner join contract
            on file_columns.column_name = contract.column_name
        where not (
            contract.contract_type = 'VARCHAR'
            or file_columns.file_type = 'VARCHAR'
            or (contract.contract_type = 'TIMESTAMP' and (file_columns.file_type like 'TIMESTAMP%' or file_columns.file_type = 'DATE'))
            or (contract.contract_type = 'DATE' and (file_columns.file_type = 'DATE' or file_columns.file_type like 'TIMESTAMP%'))
            or (contract.contract_type like 'DECIMAL%' and (file_columns.file_type like 'DECIMAL%'
                or file_columns.file_type in ('FLOAT', 'DOUBLE') or file_columns.file_type in {{ integer_types }}))
            or (contract.contract_type = 'INTEGER' and file_columns.file_type in {{ integer_types }})
            or (contract.contract_type = 'BOOLEAN' and file_columns.file_type = 'BOOLEAN')
        )
        order by file_columns.file_name, file_columns.column_name
    {%- endset -%}
    {%- set problems = [] -%}
    {%- for row in run_query(checking_sql).rows -%}
        {%- do problems.append(
            'raw file ' ~ row[0] ~ ' (table ' ~ table_name ~ '): column ' ~ row[1] ~ ' is ' ~ row[2]
            ~ ', which cannot be read as the contract type ' ~ row[3] ~ '. Re-export the file with ' ~ row[1]
            ~ ' as ' ~ row[3] ~ ' (timestamps naive local Asia/Shanghai time) or as text, or move it out of the folder, and rerun.'
        ) -%}
    {%- endfor -%}
    {{ return(problems) }}
{%- endmacro %}
