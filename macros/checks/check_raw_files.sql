{#-
    on-run-start, after check_raw_data_dir: stop before any model runs when a raw table's files do not
    fit the contract of SPEC §2 (issue #13). The contract's columns and types are those of source
    `platform` (data_type of each column in models/staging/platform/_platform__sources.yml).
      1. a contract column missing from EVERY file of a table: staging would read it as NULL and quarantine
         or silently re-score every row, so stop naming table and column;
      2. a file this run will stage whose column has a physical type that cannot be cast to the contract
         type (e.g. an epoch-millisecond BIGINT created_at for a TIMESTAMP): stop naming file, column and
         both types. A whole file is not quarantined: that would drop a day of a table and cascade to its
         children, changing published scores; the export is broken and only the sender can fix it;
      3. every data page of every file this run will stage is decoded once (raw_files_decoded), so a
         damaged page stops the run here.
    1 and 2 read the files' footers only (raw_file_column_types) and are one rule for both engines
    (issue #12). The files this run stages: on DuckDB those not in the loaded-files log (loaded ones passed
    these checks when they were loaded, and check_loaded_files stops the run if one changed since), all
    of them on a full load; on Spark, whose staging re-reads every file, all of them.
-#}
{% macro check_raw_files() -%}
    {{ return(adapter.dispatch('check_raw_files')()) }}
{%- endmacro %}


{% macro default__check_raw_files() -%}
    {%- set patterns = raw_table_patterns() -%}
    {%- set incremental_staging = platform_checked_materialized() == 'incremental' and not flags.FULL_REFRESH -%}
    {%- set problems = [] -%}
    {%- set new_files = {} -%}
    {%- for table_name, pattern in patterns.items() -%}
        {%- set files = platform_raw_files(table_name) -%}
        {%- set staged = platform_files_to_load(
            table_name, platform_full_load(table_name, incremental_staging), files) -%}
        {%- do new_files.update({table_name: staged}) -%}
        {%- set column_types = raw_file_column_types(files) -%}
        {%- do problems.extend(raw_files_missing_columns(table_name, pattern, column_types)) -%}
        {%- do problems.extend(raw_files_with_wrong_types(
            table_name, column_types | selectattr(0, 'in', staged | map(attribute='path') | list) | list)) -%}
    {%- endfor -%}
    {%- if problems -%}
        {{ exceptions.raise_compiler_error(
            'Raw data does not fit the contract (SPEC §2); nothing was built:\n  - '
            ~ problems | join('\n  - ')
        ) }}
    {%- endif -%}
    {%- do raw_files_decoded(new_files) -%}
{%- endmacro %}


{#-
    [[file path as platform_raw_files gives it, column name (lower), physical type (upper)], ...] of the
    given raw files (platform_raw_files entries), sorted, from their footers: DuckDB parquet_schema; Spark
    one describe per file (spark__platform_file_columns, cached for the base models of the same run).
-#}
{% macro raw_file_column_types(files) -%}
    {{ return(adapter.dispatch('raw_file_column_types')(files)) }}
{%- endmacro %}


{% macro default__raw_file_column_types(files) -%}
    {%- set found = [] -%}
    {%- if files -%}
        {%- set listed = run_query(
            'select file_name, lower(name), upper(duckdb_type) from parquet_schema(' ~ raw_file_list(files)
            ~ ') where duckdb_type is not null order by 1, 2'
        ) -%}
        {%- for row in listed.rows -%}
            {%- do found.append([row[0], row[1], row[2]]) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(found) }}
{%- endmacro %}


{% macro spark__raw_file_column_types(files) -%}
    {%- set found = [] -%}
    {%- if files -%}
        {%- do platform_file_columns('', files) -%}
        {%- for file in files -%}
            {%- for name, type in file.columns -%}
                {%- do found.append([file.path, name | lower, type]) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(found | sort) }}
{%- endmacro %}


{#- Problems (text) for contract columns that no file of the table has (column_types: all its files). -#}
{% macro raw_files_missing_columns(table_name, pattern, column_types) -%}
    {%- set found = column_types | map(attribute=1) | list -%}
    {%- set problems = [] -%}
    {%- for column_name in raw_contract_columns(table_name) if column_name not in found -%}
        {%- do problems.append(
            'raw table ' ~ table_name ~ ': column ' ~ column_name ~ ' is missing from every file of '
            ~ pattern ~ '. Add it to the export (NULL values are allowed where the contract allows them) and rerun.'
        ) -%}
    {%- endfor -%}
    {{ return(problems) }}
{%- endmacro %}


{#- Problems (text) for files whose column cannot be cast to the contract type (column_types: those files'). -#}
{% macro raw_files_with_wrong_types(table_name, column_types) -%}
    {%- set contract = raw_contract_columns(table_name) -%}
    {%- set problems = [] -%}
    {%- for file_path, column_name, file_type in column_types
        if column_name in contract and not raw_type_readable_as(file_type, contract[column_name]) -%}
        {%- set contract_type = contract[column_name] -%}
        {%- do problems.append(
            'raw file ' ~ file_path ~ ' (table ' ~ table_name ~ '): column ' ~ column_name ~ ' is ' ~ file_type
            ~ ', which cannot be read as the contract type ' ~ contract_type ~ '. Re-export the file with ' ~ column_name
            ~ ' as ' ~ contract_type ~ ' (timestamps naive local Asia/Shanghai time) or as text, or move it out of the folder, and rerun.'
        ) -%}
    {%- endfor -%}
    {{ return(problems) }}
{%- endmacro %}


{#-
    True when a Parquet column of physical type file_type (DuckDB's or Spark's name, upper case) can be
    read as the contract type (SPEC §2): text always (staging try_casts it and quarantines what fails);
    a timestamp or date as TIMESTAMP or DATE; a decimal, float or whole number as DECIMAL; a whole number
    as INTEGER; a boolean as BOOLEAN; anything as VARCHAR.
-#}
{% macro raw_type_readable_as(file_type, contract_type) -%}
    {%- set whole_numbers = ['TINYINT', 'SMALLINT', 'INTEGER', 'INT', 'BIGINT', 'HUGEINT',
        'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT'] -%}
    {{ return(
        contract_type == 'VARCHAR'
        or file_type in ('VARCHAR', 'STRING')
        or (contract_type in ('TIMESTAMP', 'DATE') and (file_type.startswith('TIMESTAMP') or file_type == 'DATE'))
        or (contract_type.startswith('DECIMAL') and (file_type.startswith('DECIMAL')
            or file_type in ('FLOAT', 'DOUBLE') or file_type in whole_numbers))
        or (contract_type == 'INTEGER' and file_type in whole_numbers)
        or (contract_type == 'BOOLEAN' and file_type == 'BOOLEAN')
    ) }}
{%- endmacro %}


{#-
    Check 3: every data page of the files this run stages ({table: [platform_raw_files entries]}) is
    decoded once, a hash over every column; on a damaged page ("Snappy decompression failure") DuckDB's
    error names the file. Spark (issue #12): not repeated here. Its staging reads every file in full each
    run, and a damaged page fails that base model with Spark's error naming the file; the models that
    depend on it are skipped, so no mart is replaced.
-#}
{% macro raw_files_decoded(new_files) -%}
    {{ return(adapter.dispatch('raw_files_decoded')(new_files)) }}
{%- endmacro %}


{% macro default__raw_files_decoded(new_files) -%}
    {%- if new_files -%}
        {%- do log(
            'check_raw_files: decoding every raw file this run stages. If DuckDB reports "Failed to read file <path>" below, '
            ~ 'that file is damaged: replace it with a good export (or move it out of ' ~ var('raw_data_dir')
            ~ ') and rerun; nothing was built.',
            info=true
        ) -%}
    {%- endif -%}
    {%- for table_name, files in new_files.items() if files -%}
        {%- do run_query(
            'select bit_xor(hash(raw_file)) from read_parquet(' ~ raw_file_list(files)
            ~ ', union_by_name = true, hive_partitioning = false) as raw_file'
        ) -%}
    {%- endfor -%}
{%- endmacro %}


{% macro spark__raw_files_decoded(new_files) -%}
{%- endmacro %}

