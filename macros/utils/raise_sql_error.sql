{#-
    A SQL expression that fails the query with a message when it is evaluated (message: SQL of a text
    value): DuckDB error(message), Spark raise_error(message). Put it in a branch of a case expression
    that only bad input reaches.
-#}
{% macro raise_sql_error(message) -%}
    {{ return(adapter.dispatch('raise_sql_error')(message)) }}
{%- endmacro %}


{% macro default__raise_sql_error(message) -%}
    error({{ message }})
{%- endmacro %}


{% macro spark__raise_sql_error(message) -%}
    raise_error({{ message }})
{%- endmacro %}
