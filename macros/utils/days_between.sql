{#-
    Days from one date to a later one, as an integer (negative when `later` is earlier): DuckDB's
    date - date is already a number of days; Spark's is an interval, datediff(end, start) gives the days.
-#}
{% macro days_between(earlier, later) -%}
    {{ return(adapter.dispatch('days_between')(earlier, later)) }}
{%- endmacro %}


{% macro default__days_between(earlier, later) -%}
    {{ later }} - {{ earlier }}
{%- endmacro %}


{% macro spark__days_between(earlier, later) -%}
    datediff({{ later }}, {{ earlier }})
{%- endmacro %}
