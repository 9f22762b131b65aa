{#-
    Spark (issue #12): the lexical DuckDB forms of the models' SQL, rewritten to Spark's where dbt-spark
    creates a table or a view (spark__create_table_as, spark__create_view_as below), so that one text of
    each model serves both engines and DuckDB's SQL stays as it is. Only forms with one exact meaning on
    both sides are rewritten; every construct that differs in meaning has its own dispatched macro.
      - comments are dropped (a trailing comma may stand before one); `quoted` text stays as it is;
      - "identifier" (DuckDB: always an identifier; Spark outside ANSI mode: a string) -> `identifier`;
      - 'text' (DuckDB: backslash is an ordinary character, '' is a quote) -> Spark's escaped form;
      - a trailing comma before from, where, group, order, having, window, union, limit or ) is dropped;
      - type names varchar -> string, timestamptz -> timestamp (Spark's timestamp is an instant shown in
        the session time zone, Asia/Shanghai), json -> string;
      - `* exclude (` -> `* except (`;
      - `ignore nulls` closing a window function's arguments (DuckDB: first_value(x ignore nulls)) moves
        after the parenthesis (Spark: first_value(x) ignore nulls).
-#}
{% macro spark_sql(sql) -%}
    {%- set re = modules.re -%}
    {%- set token = "('(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`[^`]*`|--[^\\n]*|/\\*.*?\\*/)" -%}
    {%- set pieces = [] -%}
    {%- for piece in re.split(token, sql | string, flags=re.S) -%}
        {%- if piece.startswith('--') or piece.startswith('/*') -%}
            {%- do pieces.append(' ') -%}
        {%- else -%}
            {%- do pieces.append(piece) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set out = [] -%}
    {%- for piece in re.split(token, pieces | join(''), flags=re.S) -%}
        {%- if piece.startswith("'") -%}
            {%- do out.append("'" ~ piece[1:-1].replace('\\', '\\\\').replace("''", "\\'") ~ "'") -%}
        {%- elif piece.startswith('`') -%}
            {%- do out.append(piece) -%}
        {%- elif piece.startswith('"') -%}
            {%- do out.append('`' ~ piece[1:-1].replace('""', '"').replace('`', '``') ~ '`') -%}
        {%- else -%}
            {%- set code = re.sub(',(\\s*)(?=(?:from|where|group|order|having|window|union|limit)\\b|\\))', '\\1', piece, flags=re.I) -%}
            {%- set code = re.sub('\\bvarchar\\b', 'string', code, flags=re.I) -%}
            {%- set code = re.sub('\\btimestamptz\\b', 'timestamp', code, flags=re.I) -%}
            {%- set code = re.sub('\\bas\\s+json\\b', 'as string', code, flags=re.I) -%}
            {%- set code = re.sub('\\*\\s*exclude\\s*\\(', '* except (', code, flags=re.I) -%}
            {%- set code = re.sub('\\s+ignore\\s+nulls\\s*\\)', ') ignore nulls', code, flags=re.I) -%}
            {%- do out.append(code) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(out | join('')) }}
{%- endmacro %}


{#-
    SQL a macro runs itself (run_query), in the engine's dialect: as written on DuckDB, through spark_sql
    on Spark (models and views are rewritten where dbt-spark creates them, below).
-#}
{% macro engine_sql(sql) -%}
    {{ return(adapter.dispatch('engine_sql')(sql)) }}
{%- endmacro %}


{% macro default__engine_sql(sql) -%}
    {{ return(sql) }}
{%- endmacro %}


{% macro spark__engine_sql(sql) -%}
    {{ return(spark_sql(sql)) }}
{%- endmacro %}


{#-
    Spark: dbt's cast (what a model contract's empty schema is built with: get_empty_schema_sql) with the
    type name rewritten like the models' (varchar -> string), so one contract serves both engines.
-#}
{% macro spark__cast(field, type) -%}
    cast({{ field }} as {{ spark_sql(type) }})
{%- endmacro %}


{#- dbt-spark's own, given the SQL spark_sql rewrote. -#}
{% macro spark__create_table_as(temporary, relation, compiled_code, language='sql') -%}
    {{ return(dbt.spark__create_table_as(
        temporary, relation, spark_sql(compiled_code) if language == 'sql' else compiled_code, language)) }}
{%- endmacro %}


{% macro spark__create_view_as(relation, sql) -%}
    {{ return(dbt.spark__create_view_as(relation, spark_sql(sql))) }}
{%- endmacro %}


{#-
    A data test on Spark: dbt's own failure count (default__get_test_sql) around the test's SQL rewritten
    like the models' (the singular tests in tests/dbt and the generic tests in macros are DuckDB text).
-#}
{% macro spark__get_test_sql(main_sql, fail_calc, warn_if, error_if, limit) -%}
    {{ return(dbt.default__get_test_sql(spark_sql(main_sql), fail_calc, warn_if, error_if, limit)) }}
{%- endmacro %}


{#-
    A unit test on Spark: dbt's own comparison query (default__get_unit_test_sql) rewritten like the models'
    (the model under test is DuckDB text; its given rows and the expected ones are dbt's fixture SQL, whose
    text values spark__escape_single_quotes below writes in DuckDB's form so that one rewrite serves all).
-#}
{% macro spark__get_unit_test_sql(main_sql, expected_fixture_sql, expected_column_names) -%}
    {{ return(spark_sql(dbt.default__get_unit_test_sql(main_sql, expected_fixture_sql, expected_column_names))) }}
{%- endmacro %}


{#-
    Spark: a quote inside a text literal doubled ('O''Brien', DuckDB's and standard SQL's form), not
    backslash-escaped as dbt-spark writes it: the unit tests' fixture rows are rewritten by spark_sql with the
    model they feed, and spark_sql reads DuckDB's form.
-#}
{% macro spark__escape_single_quotes(expression) -%}
    {{ expression | replace("'", "''") }}
{%- endmacro %}


{#-
    The set operator between the anchor and the step of a recursive CTE. DuckDB: union (duplicates
    dropped, so a cycle ends). Spark 4.3 accepts only union all there: a cycle reachable from the anchor
    then runs into spark.sql.cteRecursionLevelLimit and fails the model instead of ending.
-#}
{% macro recursive_union() -%}
    {{ return(adapter.dispatch('recursive_union')()) }}
{%- endmacro %}


{% macro default__recursive_union() -%}
    {{ return('union') }}
{%- endmacro %}


{% macro spark__recursive_union() -%}
    {{ return('union all') }}
{%- endmacro %}


{#-
    A struct of named values as SQL: names and values are lists of the same length (values are SQL).
    DuckDB: struct_pack("name" := value, ...); Spark: named_struct('name', value, ...).
-#}
{% macro struct_of_values(names, values) -%}
    {{ return(adapter.dispatch('struct_of_values')(names, values)) }}
{%- endmacro %}


{% macro default__struct_of_values(names, values) -%}
    struct_pack({% for name in names %}"{{ name }}" := {{ values[loop.index0] }}{{ ', ' if not loop.last }}{% endfor %})
{%- endmacro %}


{% macro spark__struct_of_values(names, values) -%}
    named_struct({% for name in names %}'{{ name }}', {{ values[loop.index0] }}{{ ', ' if not loop.last }}{% endfor %})
{%- endmacro %}
