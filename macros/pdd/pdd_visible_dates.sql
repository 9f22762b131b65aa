{#-
    The local dates some built score date's pdd window can see: [first D - window, last D - 1]
    (SPEC §3; window = the longest pdd window in seed metric_catalogue, window_start_days), one row
    each (column visible_date). pdd's derived models keep
    only the events dated on one of them, with a semi-join on this list (not a join on min/max
    bounds, whose row estimates mislead DuckDB's planner into nested-loop joins).
    The bounds come first, then date_series lists the days, then the cast: Spark (issue #12) takes no
    generator inside cast() nor beside aggregates.
-#}
{% macro pdd_visible_dates() -%}
    select cast(visible_days.visible_date as date) as visible_date,
    from (
        select {{ date_series('visible_bounds.first_visible_date', 'visible_bounds.last_visible_date') }} as visible_date,
        from (
            select
                min(score_dates.score_date) - any_value(pdd_window.window_start_days) as first_visible_date,
                max(score_dates.score_date) - 1 as last_visible_date,
            from {{ ref('int_score_dates_listed') }} as score_dates
            cross join (
                select max(window_start_days) as window_start_days,
                from {{ ref('metric_catalogue') }}
                where scheme = 'pdd'
            ) as pdd_window
        ) as visible_bounds
    ) as visible_days
{%- endmacro %}
