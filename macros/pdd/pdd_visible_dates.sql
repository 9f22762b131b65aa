{#-
    The local dates some built score date's pdd window can see: [first D - window, last D - 1]
    (SPEC §3, var pdd_window_days), one row each (column visible_date). pdd's derived models keep
    only the events dated on one of them, with a semi-join on this list (not a join on min/max
    bounds, whose row estimates mislead DuckDB's planner into nested-loop joins).
-#}
{% macro pdd_visible_dates() -%}
    {{ return(adapter.dispatch('pdd_visible_dates')()) }}
{%- endmacro %}

{% macro default__pdd_visible_dates() -%}
    select cast(unnest(generate_series(
        min(score_date) - {{ var('pdd_window_days') }},
        max(score_date) - 1,
        interval 1 day
    )) as date) as visible_date,
    from {{ ref('int_score_dates_listed') }}
{%- endmacro %}
