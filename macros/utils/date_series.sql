{#-
    One row per day from start through end (inclusive), as a set-returning expression in a select list.
    DuckDB unnest(generate_series(...)) gives timestamps for dates plus an interval (callers cast to date);
    Spark explode(sequence(...)) gives dates (issue #12).
-#}
{% macro date_series(start, end) -%}
    {{ return(adapter.dispatch('date_series')(start, end)) }}
{%- endmacro %}


{% macro default__date_series(start, end) -%}
    unnest(generate_series({{ start }}, {{ end }}, interval 1 day))
{%- endmacro %}


{% macro spark__date_series(start, end) -%}
    explode(sequence({{ start }}, {{ end }}, interval 1 day))
{%- endmacro %}

