{#- A value as a SQL string literal: single-quoted, with every ' doubled, so that a path or a var
    holding a quote (' or ") can never end the literal early (issue #13). -#}
{% macro sql_string(value) -%}
    {{ return(adapter.dispatch('sql_string')(value)) }}
{%- endmacro %}


{% macro default__sql_string(value) -%}
    {{ return("'" ~ (value | string | replace("'", "''")) ~ "'") }}
{%- endmacro %}
