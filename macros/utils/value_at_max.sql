{#-
    The value of one column on the row where another is largest, as an aggregate (ties: any one of them).
    DuckDB arg_max(value, ordering); Spark max_by(value, ordering) (issue #12).
-#}
{% macro value_at_max(value, ordering) -%}
    {{ return(adapter.dispatch('value_at_max')(value, ordering)) }}
{%- endmacro %}


{% macro default__value_at_max(value, ordering) -%}
    arg_max({{ value }}, {{ ordering }})
{%- endmacro %}


{% macro spark__value_at_max(value, ordering) -%}
    max_by({{ value }}, {{ ordering }})
{%- endmacro %}
