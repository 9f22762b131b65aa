{#-
    The local dates some built score date's pdd window can see: [first D - window, last D - 1]
    (SPEC §3; window = the longest pdd window in seed metric_catalogue, window_start_days), one row
    each (column visible_date). pdd's derived models keep
    only the events dated on one of them, with a semi-join on this list (not a join on min/max
    bounds, whose row estimates mislead DuckDB's planner into nested-loop joins).
-#}
{% macro pdd_visible_dates() -%}
    {{ return(adapter.dispatch('pdd_visible_dates')()) }}
{%- endmacro %}

{% macro default__pdd_visible_dates() -%}
    select cast(unnest(generate_series(
        min(score_dates.score_date) - any_value(pdd_window.window_start_days),
        max(score_dates.score_date) - 1,
        interval 1 day
    )) as date) as visible_date,
    from {{ ref('int_score_dates_listed') }} as score_dates
    cross join (
        select max(window_start_days) as window_start_days,
        from {{ ref('metric_catalogue') }}
        where scheme = 'pdd'
    ) as pdd_window
{%- endmacro %}
